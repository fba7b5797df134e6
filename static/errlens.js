// errlens loader: the one file a host page includes.
//
//   <script type="module" src="/errlens/errlens.js" data-mode="launcher"></script>
//
// It defines <err-lens>, mounts the launcher when asked, and exposes
// window.ErrLens (also this module's exports). It is small and eager; the
// WebAssembly, its glue and the stylesheet load lazily (first open, first
// focus, or idle), once per page, from URLs relative to this file, so the
// folder can be copied to any path or CDN. It never uses innerHTML, eval or
// inline styles, so it runs under a strict CSP with Trusted Types.

// The build rewrites this block with the content-hashed file names, each
// also as a literal `new URL("./file", import.meta.url)`: the pattern Vite,
// webpack and Rollup follow to emit the lazy files with a bundle.
/*ERRLENS_ASSETS*/
const BESIDE = {
  glue: () => new URL("./wasm/errlens.js", import.meta.url),
  wasm: () => new URL("./wasm/errlens_bg.wasm", import.meta.url),
  css: () => new URL("./errlens.css", import.meta.url),
  worker: () => new URL("./errlens-worker.js", import.meta.url),
  more: () => new URL("./errlens-more.js", import.meta.url),
};
/*END*/

const SELF = import.meta.url;
const script = [...document.querySelectorAll("script[src]")].find((s) => s.src === SELF);
const data = (script && script.dataset) || {};
const LINKS = ["hash", "query", "off"];
const config = {
  // null: the files beside this module (where a bundler put them).
  base: data.base ? new URL(data.base, document.baseURI).href : null,
  theme: data.theme || "auto",
  shortcut: data.shortcut === "off" ? false : data.shortcut || "mod+k",
  links: LINKS.includes(data.links) ? data.links : "hash",
  history: data.history !== "off",
};
const listeners = new Map();
const widgets = new Set();
let wasm = null;
let loading = null;
// What the host configured, replayed on a fresh instance after a restart.
const settings = { catalogues: [], options: {} };
let launcher = null;
let generation = 0; // bumped when a wasm instance dies; the next load is a fresh instance
let lastActive = null; // the widget the user touched last: the one a crash is shown in

// With `data-base`, the same file names under that URL instead.
const asset = (name) => (config.base ? new URL(BESIDE[name]().pathname.split("/").pop(), config.base) : BESIDE[name]()).href;
// The URL of a file for the current instance: a fresh instance after a crash
// loads fresh modules, and its stack frames say which instance they are.
const instance = (name) => {
  const url = new URL(asset(name));
  if (generation) url.searchParams.set("restart", generation);
  return url.href;
};

function emit(name, detail, element, cancelable) {
  for (const handler of listeners.get(name) || []) {
    try { handler(detail); } catch (e) { console.error("errlens: an ErrLens.on('" + name + "') handler threw", e); }
  }
  if (!element) return true;
  return element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: !!cancelable }));
}

function load() {
  if (!loading) {
    loading = (async () => {
      const [glue, lazy] = await Promise.all([import(/* webpackIgnore: true */ /* @vite-ignore */ instance("glue")), extras()]);
      await glue.default({ module_or_path: instance("wasm") });
      lazy.replay(glue, settings, report);
      wasm = glue;
      localize();
      return glue;
    })().catch((e) => {
      loading = null;
      throw new Error("errlens could not load its WebAssembly from " + new URL(".", asset("glue")).href + " (" + e.message + "); serve the files beside errlens.js there");
    });
  }
  return loading;
}

const isTrap = (e) => e instanceof WebAssembly.RuntimeError;

// Large pastes are diagnosed in a worker running the same wasm, so the page
// never freezes; where a worker cannot run (CSP, old browser) they are
// diagnosed here as before. The worker client and the deep-link writer are
// needed only once the wasm runs: they load with it, from errlens-more.js.
const LARGE = 256 * 1024;
let settingsVersion = 0;
let more = null;
const extras = () => (more = more || import(/* webpackIgnore: true */ /* @vite-ignore */ asset("more")));

async function diagnoseAnywhere(text, options) {
  if (typeof text === "string" && text.length > LARGE) {
    try {
      const job = { glue: asset("glue"), wasm: asset("wasm"), text, options, settings, version: settingsVersion };
      return await (await extras()).diagnoseElsewhere(asset("worker"), job);
    } catch { /* diagnose here instead */ }
  }
  return call("diagnose", text, options);
}

// A panic in the wasm (panic = "abort") traps and leaves that instance
// unusable. The widget the user was in shows a readable error with a
// "Reload help" button; the others move to a fresh instance by themselves,
// their drafts restored from storage. The host page is never affected.
function crashed(error) {
  if (!wasm) return;
  console.warn("errlens: internal error; restarting on a fresh instance", error);
  wasm = null;
  loading = null;
  generation++;
  const all = [...widgets]; // each one leaves the set as it restarts
  for (const w of all) w._crashed(w === lastActive || all.length === 1);
}

async function call(name, ...args) {
  const glue = await load();
  try {
    return glue[name](...args);
  } catch (e) {
    if (isTrap(e)) { crashed(e); throw new Error("errlens hit an internal error and restarted; call ErrLens." + name + " again"); }
    throw e;
  }
}

function report(result) {
  for (const p of (result && result.problems) || []) console.warn("errlens: host catalogue entry skipped: " + p.message);
  return result;
}

function whenIdle(fn) {
  if (window.requestIdleCallback) requestIdleCallback(fn, { timeout: 5000 });
  else setTimeout(fn, 2000);
}

const baseSheet = new CSSStyleSheet();
baseSheet.replaceSync(
  ":host{all:initial;display:block;font:15px/1.45 system-ui,sans-serif;color-scheme:light dark}" +
  ":host([mode=launcher]){display:contents}" +
  ".el-launcher{all:initial;position:fixed;inset-block-end:20px;inset-inline-end:20px;z-index:2147483000;border:0;border-radius:999px;" +
  "padding:10px 16px;font:600 15px system-ui,sans-serif;cursor:pointer;background:var(--errlens-accent,#3346d3);" +
  "color:var(--errlens-on-accent,#fff);box-shadow:0 4px 14px rgba(0,0,0,.25)}" +
  ".el-launcher:focus-visible{outline:3px solid var(--errlens-focus,#f5a524);outline-offset:2px}" +
  "dialog{display:none}dialog[open]{display:block}.el-loading{padding:16px;opacity:.7}"
);

function make(tag, attrs, text) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  if (text) el.textContent = text;
  return el;
}

const MODES = ["inline", "page", "launcher"];

// <err-lens>: behaves like a good custom element in a framework's hands. A
// move (keyed reorder, portal) keeps the instance; removal destroys it after
// the current task; `mode`, `view`, `theme` and `entry` are observed as
// attributes and reflected as properties; a crash restarts inside this same
// element (the host owns the node: it is never replaced); a mount that
// finishes after the element left the page is dropped.
class ErrLensElement extends HTMLElement {
  static get observedAttributes() { return ["mode", "view", "theme", "entry"]; }

  constructor() {
    super();
    this._widget = null;
    this._mounting = null;
    this._built = false;
    this._token = 0; // bumped on teardown: a mount started before it is stale
    this._linked = null; // the entry id of the URL this page widget follows
    for (const type of ["pointerdown", "keydown", "input"]) this.addEventListener(type, () => { lastActive = this; }, true);
  }

  get mode() { const m = this.getAttribute("mode"); return MODES.includes(m) ? m : "inline"; }

  connectedCallback() {
    if (!this._built) this._build();
  }

  disconnectedCallback() {
    // A move is a disconnect followed by a connect in the same task: keep the
    // instance; anything still detached after it is gone.
    queueMicrotask(() => { if (!this.isConnected) this._teardown(); });
  }

  attributeChangedCallback(name, old, value) {
    if (!this._built || old === value) return;
    if (name === "theme") this.dataset.theme = value || config.theme;
    else if (name === "mode") { this._teardown(); this._build(); }
    else if (name === "view" && value && this._widget) this._guard(() => this._widget.navigate({ view: value, entry: this.entry || undefined }));
    else if (name === "entry" && value && this._widget && this.mode === "page") this._guard(() => this._widget.navigate({ view: "entry", entry: value }));
  }

  _build() {
    this._built = true;
    const shadow = this.shadowRoot || this.attachShadow({ mode: "open" });
    shadow.adoptedStyleSheets = [baseSheet];
    this.dataset.theme = this.theme || config.theme;
    this._container = make("div", { class: "el-root", part: "root" });
    if (this.mode === "launcher") {
      const button = make("button", { type: "button", class: "el-launcher", part: "launcher", "data-testid": "errlens-launcher", "aria-haspopup": "dialog" }, this.getAttribute("label") || text("launcher", helpWord()));
      this._dialog = make("dialog", { part: "dialog", class: "el-dialog", "aria-labelledby": "errlens-title" });
      this._dialog.append(this._container);
      shadow.replaceChildren(button, this._dialog);
      this._button = button;
      button.addEventListener("click", () => this._open({}).catch(() => {}));
      button.addEventListener("pointerenter", () => load().catch(() => {}), { once: true });
      button.addEventListener("focus", () => load().catch(() => {}), { once: true });
      this._dialog.addEventListener("close", () => this._closed());
      // A search field may swallow Escape; the dialog closes on it all the same.
      this._dialog.addEventListener("keydown", (e) => { if (e.key === "Escape" && !e.defaultPrevented) { e.preventDefault(); this._close(); } });
      if (!launcher || !launcher.isConnected) launcher = this;
      whenIdle(() => load().catch(() => {}));
    } else {
      this._dialog = this._button = null;
      this._container.append(make("p", { class: "el-loading" }, text("loading", "Loading help…")));
      shadow.replaceChildren(this._container);
      const token = this._token;
      const start = () => { if (token === this._token) this._mount().catch((e) => this._failed(e)); };
      this.addEventListener("focusin", start, { once: true });
      whenIdle(start);
    }
  }

  _teardown() {
    this._token++;
    this._mounting = null;
    if (this._widget) { try { this._widget.destroy(); } catch { /* a dead instance */ } this._widget = null; }
    widgets.delete(this);
    if (this._dialog && this._dialog.open) this._dialog.close();
    if (launcher === this) launcher = null;
    if (this.shadowRoot) this.shadowRoot.replaceChildren();
    // A router may take the page widget away after it followed a link (the
    // link was to another route): the drawer shows it then.
    if (this._built && this.mode === "page" && mentionsLink()) afterHostRender(route);
    this._built = false;
  }

  _crashed(showError) {
    this._widget = null;
    this._mounting = null;
    this._token++;
    widgets.delete(this);
    if (!showError) { this._renew(); return; }
    const box = make("div", { class: "el-crash", role: "alert", "data-testid": "errlens-crashed" });
    const reload = make("button", { type: "button", class: "el-button el-primary" }, text("reload", "Reload"));
    reload.addEventListener("click", () => this._renew());
    box.append(make("p", {}, text("crashed", "Help stopped.")), reload);
    this._container.replaceChildren(box);
    reload.focus();
  }

  // Mounts again on a fresh instance, with the saved draft, inside this same
  // element: mount() gives the widget a fresh root, so the dead instance's
  // DOM and delegated listeners go with the old one.
  _renew() {
    if (!this.isConnected) return;
    if (this.mode !== "launcher") this._mount().catch((e) => this._failed(e));
    else if (this._dialog.open) this._open({}).catch(() => {});
    else this._container.replaceChildren();
  }

  async _mount(options) {
    if (this._mounting) return this._mounting;
    const token = this._token;
    this._mounting = (async () => {
      const shadow = this.shadowRoot;
      const link = make("link", { rel: "stylesheet", href: asset("css") });
      const styled = new Promise((resolve) => { link.onload = resolve; link.onerror = resolve; });
      if (!shadow.querySelector("link[rel=stylesheet]")) shadow.prepend(link);
      else link.onload();
      let glue = await load();
      // The instance died while this mount waited: mount on the fresh one.
      if (glue !== wasm) glue = await load();
      await styled;
      // Left the page (or was rebuilt) while the wasm loaded: nothing to mount.
      if (token !== this._token || !this.isConnected) return;
      const root = make("div", { class: "el-root", part: "root" });
      this._container.replaceWith(root);
      this._container = root;
      if (!root.isConnected) (this._dialog || shadow).append(root);
      const linked = this.mode === "page" ? (await extras()).linkedEntry(config.links) : null;
      this._linked = linked;
      const home = this.entry;
      this._widget = glue.mount(root, {
        mode: this.mode === "launcher" ? "drawer" : this.mode,
        view: (options && options.view) || this.view || (this.mode === "page" && (linked || home) ? "entry" : "search"),
        entry: (options && options.entry) || (this.mode === "page" ? linked || home : null),
        storageKey: this.mode === "launcher" ? "" : this.id || this.mode + "-" + [...document.querySelectorAll("err-lens")].filter((e) => e.mode === this.mode).indexOf(this),
      }, (name, detail) => this._event(name, detail), (text) => diagnoseAnywhere(text));
      widgets.add(this);
      // A deep link or an explicit view wins over the view the saved draft restored.
      if (linked) this._widget.navigate({ view: "entry", entry: linked });
    })();
    this._mounting.catch(() => { if (token === this._token) this._mounting = null; });
    return this._mounting;
  }

  _event(name, detail) {
    if (name === "request-close") return this._close();
    emit(name, detail, this);
    if (name === "entry" && this.mode === "page") this._announce(detail.id);
  }

  // The page widget opened an entry: the URL can follow, so the entry can be
  // shared and Back returns. The host's router may take over: `navigate` is a
  // cancelable event with the URL; when nothing cancels it and history updates
  // are on, the widget pushes the URL itself.
  async _announce(id) {
    if (config.links === "off") return;
    this._linked = id;
    const url = (await extras()).linkFor(id, config.links);
    if (url === location.href) return;
    if (emit("navigate", { id, url }, this, true) && config.history) {
      history.pushState({ errlens: id }, "", url);
      seen = location.href;
    }
  }

  // The URL changed (router navigation, Back, a link): show what it names.
  _follow(id) {
    if (id === this._linked) return;
    this._linked = id;
    const home = this.entry;
    if (this._widget) this._guard(() => this._widget.navigate(id || home ? { view: "entry", entry: id || home } : { view: "search" }));
    else if (this._built) this._mount().catch((e) => this._failed(e));
  }

  _failed(error) {
    if (!this.isConnected) return;
    this._container.replaceChildren(make("p", { class: "el-loading", role: "alert" }, text("failed", "Help could not load.") + " " + error.message));
  }

  async _open(options) {
    if (this.mode === "launcher" && !this._dialog.open) {
      this._dialog.showModal();
      if (!this._widget) this._container.replaceChildren(make("p", { class: "el-loading" }, text("loading", "Loading help…")));
    }
    try {
      if (!this._widget) await this._mount(options);
      if (!this._widget) return; // left the page meanwhile
      if (options && Object.keys(options).length) this._guard(() => this._widget.navigate(options));
    } catch (e) {
      this._failed(e);
      throw e;
    }
    if (this.mode === "launcher") {
      await this._focusFirst();
      emit("open", { view: (options && options.view) || "search" }, this);
    }
  }

  async _focusFirst() {
    // Yew renders on its scheduler: focus once the view is in the DOM.
    for (let i = 0; i < 20; i++) {
      const first = this._container.querySelector(".el-body input.el-input, .el-body textarea.el-textarea") || this._container.querySelector("button");
      if (first) { first.focus(); return; }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }

  _guard(fn) {
    try { return fn(); } catch (e) { if (isTrap(e)) crashed(e); else throw e; }
  }

  _close() {
    if (this._dialog && this._dialog.open) {
      this._dialog.close();
      // Right away, not only on the (queued) close event.
      if (this._button) this._button.focus();
    }
  }

  _closed() {
    emit("close", {}, this);
    // After the dialog's own focus restoration, which may pick the page body.
    if (this._button) { this._button.focus(); setTimeout(() => this._button && this._button.focus(), 0); }
  }

  _refresh() {
    if (this._widget) this._guard(() => this._widget.refresh());
  }
}

// `view`, `theme`, `entry` (and `mode`, above) as properties reflecting the
// attributes: frameworks that set properties (React 19, Vue) reach the same
// attributeChangedCallback as those that set attributes.
for (const name of ["mode", "view", "theme", "entry"]) {
  const get = Object.getOwnPropertyDescriptor(ErrLensElement.prototype, name);
  Object.defineProperty(ErrLensElement.prototype, name, {
    get: get ? get.get : function () { return this.getAttribute(name); },
    set(value) { value == null ? this.removeAttribute(name) : this.setAttribute(name, value); },
    configurable: true,
  });
}

// The loader's own strings: the host's (`ErrLens.configure({strings:
// {launcher, loading, failed, crashed, reload}})`), else the translation
// table's in the widget's locale (read from the wasm once it has run), else
// English; the launcher's word follows the page language from the start.
// (A crash comes after the wasm ran: its words are always the table's.)
const strings = {};
const localized = {};
const text = (key, fallback) => strings[key] || localized[key] || fallback;
const helpWord = () => ({ es: "Ayuda", de: "Hilfe", fr: "Aide" })[document.documentElement.lang.slice(0, 2)] || "Help";
function localize() {
  if (wasm) Object.assign(localized, wasm.loaderStrings());
  for (const el of document.querySelectorAll("err-lens")) if (el._button && !el.getAttribute("label")) el._button.textContent = text("launcher", helpWord());
}

// Deep links (read and written by errlens-more.js): `#errlens/<id>`,
// `?errlens=<id>`, or inside a hash route; `links: "off"` ignores them.
const mentionsLink = () => config.links !== "off" && /errlens/.test(location.href);

// Waits for the host to render what the URL asks for (a framework renders
// after its module ran, a router after its navigation), then decides.
function afterHostRender(fn) {
  const go = () => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(fn, 0)));
  if (document.readyState === "complete") go(); else window.addEventListener("load", go, { once: true });
}

let seen = location.href;
let drawerLinked = null;
function onLocation() {
  if (location.href === seen) return;
  seen = location.href;
  afterHostRender(route);
}

// Opens what the URL links to: in the help-center page widget when the host
// rendered one, else in the launcher's drawer; never both.
// A navigation that a newer one overtook decides nothing (the newer one
// decides), and the drawer opens only when the host, once more given the
// time to render, still shows no page widget.
async function route(confirmed) {
  const href = location.href;
  const pageNow = () => [...document.querySelectorAll("err-lens")].find((el) => el.mode === "page" && el._built);
  if (!pageNow() && !mentionsLink()) { drawerLinked = null; return; }
  const id = (await extras()).linkedEntry(config.links);
  const page = pageNow();
  if (href !== location.href) return;
  if (page) { page._follow(id); drawerLinked = null; return; }
  if (id && id !== drawerLinked && !confirmed) return afterHostRender(() => href === location.href && route(true));
  if (id && id !== drawerLinked) api.open({ view: "entry", entry: id }).catch(() => {});
  drawerLinked = id;
}

function ensureLauncher() {
  if (!launcher || !launcher.isConnected) {
    launcher = document.querySelector("err-lens[mode=launcher]");
    if (!launcher) {
      launcher = make("err-lens", { mode: "launcher" });
      document.body.append(launcher);
    }
  }
  return launcher;
}

function isTyping(event) {
  const target = event.composedPath()[0];
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

function shortcutMatches(event) {
  if (!config.shortcut || typeof event.key !== "string") return false;
  const parts = String(config.shortcut).toLowerCase().split("+");
  const key = parts.pop();
  const has = (name) => parts.includes(name);
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  return event.key.toLowerCase() === key && event.ctrlKey === (has("ctrl") || (has("mod") && !mac)) &&
    event.metaKey === (has("meta") || (has("mod") && mac)) && event.altKey === has("alt") && event.shiftKey === has("shift");
}

// `ErrLens.ready`: awaitable, and starts the load when awaited, in the window
// API and the module's exports alike.
const ready = {
  then: (resolve, reject) => load().then(() => undefined).then(resolve, reject),
  catch: (reject) => ready.then(undefined, reject),
  finally: (fn) => load().then(() => undefined).finally(fn),
};

function whenBody(fn) {
  if (document.body) fn(); else document.addEventListener("DOMContentLoaded", fn, { once: true });
}

const api = {
  ready,
  version: "0.1.0",
  search: (query, options) => call("search", query, options),
  entry: (id) => call("entry", id),
  entries: () => call("entries"),
  diagnose: (text, options) => diagnoseAnywhere(text, options),
  redact: (text, options) => call("redact", text, options),
  async open(options = {}) {
    if (typeof options !== "object" || options === null) throw new Error("ErrLens.open(options): pass an object like {view: \"diagnose\", payload: text}");
    await ensureLauncher()._open(options);
  },
  close() { if (launcher) launcher._close(); },
  async configure(options = {}) {
    if (typeof options !== "object" || options === null) throw new Error("ErrLens.configure(options): pass an object like {theme: \"dark\"}");
    const { theme, shortcut, base, links, history: updates, launcher: wantLauncher, strings: own, ...rest } = options;
    if (links !== undefined) {
      if (!LINKS.includes(links)) throw new Error("ErrLens.configure({links}): pass \"hash\", \"query\" or \"off\"");
      config.links = links;
    }
    if (updates !== undefined) config.history = !!updates;
    if (own && typeof own === "object") { Object.assign(strings, own); localize(); }
    if (theme) { config.theme = theme; for (const el of document.querySelectorAll("err-lens")) if (!el.theme) el.dataset.theme = theme; }
    if (shortcut !== undefined) config.shortcut = shortcut;
    if (base) config.base = new URL(base, document.baseURI).href;
    if (wantLauncher) whenBody(ensureLauncher);
    if (!Object.keys(rest).length) return { problems: [] };
    const { catalogue, ...others } = rest;
    const result = report(await call("configure", rest));
    localize();
    if (catalogue) settings.catalogues.push(catalogue);
    Object.assign(settings.options, others);
    settingsVersion++;
    for (const w of widgets) w._refresh();
    return result;
  },
  async setContext(context) {
    await call("setContext", context);
    settings.options.context = context;
    settingsVersion++;
    for (const w of widgets) w._refresh();
  },
  catalogueVersion: () => call("catalogueVersion"),
  /** Forces an internal error in the wasm, to check that the host survives it. */
  debugPanic: () => call("debugPanic"),
  on(event, handler) {
    if (typeof handler !== "function") throw new Error("ErrLens.on(event, handler): pass a function as the handler");
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(handler);
    return () => listeners.get(event).delete(handler);
  },
};

if (!customElements.get("err-lens")) customElements.define("err-lens", ErrLensElement);
if (!window.ErrLens) window.ErrLens = api;
// A trap reported late by a dead instance (its scheduled renders) must not
// take down the fresh one: each instance loads its files with its own
// `restart=<n>`, which the stack's frames carry.
window.addEventListener("error", (e) => {
  const frames = ((e.error && e.error.stack) || "").match(/errlens-(glue|wasm)[^\s)]*/g) || [];
  const live = !frames.length || frames.some((f) => (/restart=(\d+)/.exec(f) || [0, 0])[1] == generation);
  if (isTrap(e.error) && wasm && live) crashed(e.error);
});
document.addEventListener("keydown", (e) => {
  if (shortcutMatches(e) && !isTyping(e)) { e.preventDefault(); api.open({}).catch(() => {}); }
});
window.addEventListener("popstate", onLocation);
window.addEventListener("hashchange", onLocation);
// Router navigations (history.pushState) fire neither event; the Navigation
// API sees them where the browser has it.
if (window.navigation) navigation.addEventListener("currententrychange", onLocation);
if (data.mode === "launcher") whenBody(ensureLauncher);
if (mentionsLink()) afterHostRender(route);

export default api;
export { ready };
export const { search, entry, entries, diagnose, redact, open, close, configure, setContext, on } = api;
