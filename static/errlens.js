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

// The build rewrites this object with content-hashed file names.
const ASSETS = /*ERRLENS_ASSETS*/ { glue: "wasm/errlens.js", wasm: "wasm/errlens_bg.wasm", css: "errlens.css" } /*END*/;

const SELF = import.meta.url;
const script = [...document.querySelectorAll("script[src]")].find((s) => s.src === SELF);
const data = (script && script.dataset) || {};
const config = {
  base: new URL(data.base || ".", data.base ? document.baseURI : SELF).href,
  theme: data.theme || "auto",
  shortcut: data.shortcut === "off" ? false : data.shortcut || "mod+k",
  pageRoot: data.pagePath || null,
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

const asset = (name) => new URL(ASSETS[name], config.base).href;

function emit(name, detail, element) {
  for (const handler of listeners.get(name) || []) {
    try { handler(detail); } catch (e) { console.error("errlens: an ErrLens.on('" + name + "') handler threw", e); }
  }
  if (element) element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

function load() {
  if (!loading) {
    loading = (async () => {
      const glue = await import(asset("glue") + (generation ? "?restart=" + generation : ""));
      await glue.default({ module_or_path: asset("wasm") });
      const blocks = document.querySelectorAll('script[type="application/json"][data-errlens-catalogue]');
      for (const block of blocks) {
        try {
          report(glue.configure({ catalogue: JSON.parse(block.textContent) }));
        } catch (e) {
          console.warn("errlens: the data-errlens-catalogue block is not valid JSON (" + e.message + "); the built-in catalogue is used");
        }
      }
      const lang = document.documentElement.lang;
      if (lang && !settings.options.locale) glue.configure({ locale: lang });
      for (const catalogue of settings.catalogues) glue.configure({ catalogue });
      if (Object.keys(settings.options).length) report(glue.configure(settings.options));
      wasm = glue;
      return glue;
    })().catch((e) => {
      loading = null;
      throw new Error("errlens could not load its WebAssembly from " + config.base + " (" + e.message + "); check that the files beside errlens.js are served");
    });
  }
  return loading;
}

const isTrap = (e) => e instanceof WebAssembly.RuntimeError;

// Large pastes are diagnosed in a worker running the same wasm, so the page
// never freezes; where a worker cannot run (CSP, old browser) they are
// diagnosed here as before.
const LARGE = 256 * 1024;
let worker = null;
let jobs = new Map();
let nextJob = 0;
let settingsVersion = 0;
let policy = null;

function workerUrl() {
  const url = new URL("errlens-worker.js", config.base).href;
  if (!window.trustedTypes) return url;
  policy = policy || trustedTypes.createPolicy("errlens", { createScriptURL: (u) => (u === url ? u : "") });
  return policy.createScriptURL(url);
}

function diagnoseElsewhere(text, options) {
  return new Promise((resolve, reject) => {
    const fallback = (e) => { worker = null; reject(e); };
    try {
      if (!worker) {
        worker = new Worker(workerUrl(), { type: "module" });
        worker.onmessage = (e) => {
          const job = jobs.get(e.data.id);
          jobs.delete(e.data.id);
          if (job) e.data.error ? job.reject(new Error(e.data.error)) : job.resolve(e.data.diagnosis);
        };
        worker.onerror = (e) => { const pending = jobs; jobs = new Map(); worker = null; for (const job of pending.values()) job.reject(new Error(e.message || "worker failed")); };
      }
      const id = ++nextJob;
      jobs.set(id, { resolve, reject: fallback });
      worker.postMessage({ id, glue: asset("glue"), wasm: asset("wasm"), text, options, settings, version: settingsVersion });
    } catch (e) {
      fallback(e);
    }
  });
}

async function diagnoseAnywhere(text, options) {
  if (typeof text === "string" && text.length > LARGE) {
    try { return await diagnoseElsewhere(text, options); } catch { /* diagnose here instead */ }
  }
  return call("diagnose", text, options);
}

// A panic in the wasm (panic = "abort") traps and leaves that instance
// unusable. The widget the user was in shows a readable error with a
// "Reload help" button; the others move to a fresh instance by themselves,
// their drafts restored from storage. The host page is never affected.
function crashed(error) {
  if (!wasm) return;
  console.warn("errlens: an internal error stopped help; it restarts on a fresh instance", error);
  wasm = null;
  loading = null;
  generation++;
  for (const w of widgets) w.crashed(w === lastActive || widgets.size === 1);
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

class ErrLensElement extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const shadow = this.attachShadow({ mode: "open" });
    shadow.adoptedStyleSheets = [baseSheet];
    this.dataset.theme = this.getAttribute("theme") || config.theme;
    this.mode = this.getAttribute("mode") || "inline";
    this.container = make("div", { class: "el-root", part: "root" });
    if (this.mode === "launcher") {
      const button = make("button", { type: "button", class: "el-launcher", part: "launcher", "data-testid": "errlens-launcher", "aria-haspopup": "dialog" }, this.getAttribute("label") || "Help");
      this.dialog = make("dialog", { part: "dialog", class: "el-dialog", "aria-labelledby": "errlens-title" });
      this.dialog.append(this.container);
      shadow.append(button, this.dialog);
      this.button = button;
      button.addEventListener("click", () => this.open({}));
      button.addEventListener("pointerenter", () => load().catch(() => {}), { once: true });
      button.addEventListener("focus", () => load().catch(() => {}), { once: true });
      this.dialog.addEventListener("close", () => this.closed());
      // A search field may swallow Escape; the dialog closes on it all the same.
      this.dialog.addEventListener("keydown", (e) => { if (e.key === "Escape" && !e.defaultPrevented) { e.preventDefault(); this.close(); } });
      whenIdle(() => load().catch(() => {}));
    } else {
      this.container.append(make("p", { class: "el-loading" }, "Loading help…"));
      shadow.append(this.container);
      const start = () => this.mount().catch((e) => this.failed(e));
      this.addEventListener("focusin", start, { once: true });
      whenIdle(start);
    }
  }

  disconnectedCallback() {
    if (this.widget) { this.widget.destroy(); this.widget = null; }
    widgets.delete(this);
  }

  crashed(showError) {
    this.widget = null;
    if (!showError) { this.renew(); return; }
    const box = make("div", { class: "el-crash", role: "alert", "data-testid": "errlens-crashed" });
    const reload = make("button", { type: "button", class: "el-button el-primary" }, "Reload help");
    reload.addEventListener("click", () => this.renew());
    box.append(make("p", {}, "Help stopped working because of an internal error. Your draft is saved."), reload);
    this.container.replaceChildren(box);
    reload.focus();
  }

  // Swaps this element for a fresh one, which mounts on the fresh instance
  // with the saved draft; a dead instance's DOM and listeners go with the old one.
  renew() {
    widgets.delete(this);
    const fresh = document.createElement("err-lens");
    for (const { name, value } of this.attributes) fresh.setAttribute(name, value);
    const wasOpen = this.dialog && this.dialog.open;
    if (launcher === this) launcher = fresh;
    this.replaceWith(fresh);
    if (fresh.mode === "launcher") { if (wasOpen) fresh.open({}).catch(() => {}); }
    else fresh.mount().catch((e) => fresh.failed(e));
    return fresh;
  }

  async mount(options) {
    if (this.mounting) return this.mounting;
    this.mounting = (async () => {
      const link = make("link", { rel: "stylesheet", href: asset("css") });
      const styled = new Promise((resolve) => { link.onload = resolve; link.onerror = resolve; });
      if (!this.shadowRoot.querySelector("link[rel=stylesheet]")) this.shadowRoot.prepend(link);
      else link.onload();
      const glue = await load();
      await styled;
      // A fresh root each time: a dead instance's delegated listeners stay on the old one.
      const root = make("div", { class: "el-root", part: "root" });
      this.container.replaceWith(root);
      this.container = root;
      const hashEntry = entryFromHash();
      this.widget = glue.mount(this.container, {
        mode: this.mode === "launcher" ? "drawer" : this.mode,
        view: (options && options.view) || this.getAttribute("view") || (this.mode === "page" && (hashEntry || this.getAttribute("entry")) ? "entry" : "search"),
        entry: (options && options.entry) || (this.mode === "page" ? hashEntry || this.getAttribute("entry") : null),
        storageKey: this.mode === "launcher" ? "" : this.id || this.mode + "-" + [...document.querySelectorAll("err-lens")].filter((e) => e.mode === this.mode).indexOf(this),
      }, (name, detail) => this.event(name, detail), (text) => diagnoseAnywhere(text));
      widgets.add(this);
      for (const type of ["pointerdown", "keydown", "input"]) this.addEventListener(type, () => { lastActive = this; }, true);
    })();
    this.mounting.catch(() => { this.mounting = null; });
    return this.mounting;
  }

  event(name, detail) {
    if (name === "request-close") return this.close();
    if (name === "entry" && this.mode === "page") {
      const url = "#errlens/" + detail.id;
      if (location.hash !== url) history.pushState({ errlens: detail.id }, "", url);
    }
    emit(name, detail, this);
  }

  failed(error) {
    this.container.replaceChildren(make("p", { class: "el-loading", role: "alert" }, "Help could not load. " + error.message));
  }

  async open(options) {
    if (this.mode === "launcher" && !this.dialog.open) {
      this.dialog.showModal();
      if (!this.widget) this.container.replaceChildren(make("p", { class: "el-loading" }, "Loading help…"));
    }
    try {
      if (!this.widget) await this.mount(options);
      if (options && Object.keys(options).length) this.guard(() => this.widget.navigate(options));
    } catch (e) {
      this.failed(e);
      throw e;
    }
    if (this.mode === "launcher") {
      await this.focusFirst();
      emit("open", { view: (options && options.view) || "search" }, this);
    }
  }

  async focusFirst() {
    // Yew renders on its scheduler: focus once the view is in the DOM.
    for (let i = 0; i < 20; i++) {
      const first = this.container.querySelector(".el-body input.el-input, .el-body textarea.el-textarea") || this.container.querySelector("button");
      if (first) { first.focus(); return; }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  guard(fn) {
    try { return fn(); } catch (e) { if (isTrap(e)) crashed(e); else throw e; }
  }

  close() {
    if (this.dialog && this.dialog.open) {
      this.dialog.close();
      // Right away, not only on the (queued) close event.
      if (this.button) this.button.focus();
    }
  }

  closed() {
    emit("close", {}, this);
    // After the dialog's own focus restoration, which may pick the page body.
    if (this.button) { this.button.focus(); setTimeout(() => this.button.focus(), 0); }
  }

  refresh() {
    if (this.widget) this.guard(() => this.widget.refresh());
  }
}

function entryFromHash() {
  const m = /^#errlens\/([a-z0-9-]+)$/.exec(location.hash);
  return m ? m[1] : null;
}

function ensureLauncher() {
  if (!launcher) {
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
  if (!config.shortcut) return false;
  const parts = String(config.shortcut).toLowerCase().split("+");
  const key = parts.pop();
  const mod = parts.includes("mod");
  const wantCtrl = parts.includes("ctrl") || (mod && !/Mac|iPhone|iPad/.test(navigator.platform));
  const wantMeta = parts.includes("meta") || (mod && /Mac|iPhone|iPad/.test(navigator.platform));
  return event.key.toLowerCase() === key && event.ctrlKey === wantCtrl && event.metaKey === wantMeta &&
    event.altKey === parts.includes("alt") && event.shiftKey === parts.includes("shift");
}

function onHash() {
  const id = entryFromHash();
  const page = [...widgets].find((w) => w.mode === "page");
  const home = page && page.getAttribute("entry");
  if (page && page.widget) page.guard(() => page.widget.navigate(id || home ? { view: "entry", entry: id || home } : { view: "search" }));
  else if (id) api.open({ view: "entry", entry: id }).catch(() => {});
}

const api = {
  get ready() { return load().then(() => undefined); },
  version: "0.1.0",
  search: (query, options) => call("search", query, options),
  entry: (id) => call("entry", id),
  entries: () => call("entries"),
  diagnose: (text, options) => diagnoseAnywhere(text, options),
  redact: (text, options) => call("redact", text, options),
  async open(options = {}) {
    if (typeof options !== "object" || options === null) throw new Error("ErrLens.open(options): pass an object like {view: \"diagnose\", payload: text}");
    await ensureLauncher().open(options);
  },
  close() { if (launcher) launcher.close(); },
  async configure(options = {}) {
    if (typeof options !== "object" || options === null) throw new Error("ErrLens.configure(options): pass an object like {theme: \"dark\"}");
    const { theme, shortcut, base, ...rest } = options;
    if (theme) { config.theme = theme; for (const el of document.querySelectorAll("err-lens")) el.dataset.theme = theme; }
    if (shortcut !== undefined) config.shortcut = shortcut;
    if (base) config.base = new URL(base, document.baseURI).href;
    const { catalogue, ...others } = rest;
    await load();
    const result = report(await call("configure", rest));
    if (catalogue) settings.catalogues.push(catalogue);
    Object.assign(settings.options, others);
    settingsVersion++;
    for (const w of widgets) w.refresh();
    return result;
  },
  async setContext(context) {
    await call("setContext", context);
    settings.options.context = context;
    settingsVersion++;
    for (const w of widgets) w.refresh();
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
window.addEventListener("error", (e) => { if (isTrap(e.error) && wasm) crashed(e.error); });
document.addEventListener("keydown", (e) => {
  if (shortcutMatches(e) && !isTyping(e)) { e.preventDefault(); api.open({}).catch(() => {}); }
});
window.addEventListener("popstate", onHash);
window.addEventListener("hashchange", onHash);
if (data.mode === "launcher") {
  const start = () => { ensureLauncher(); if (entryFromHash() && !document.querySelector("err-lens[mode=page]")) onHash(); };
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
}

export default api;
export const { search, entry, diagnose, redact, open, close, configure, setContext, on } = api;
export const ready = () => api.ready;
