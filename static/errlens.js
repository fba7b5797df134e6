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
let pending = {}; // configure() options given before the wasm is ready
let launcher = null;

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
      const glue = await import(asset("glue"));
      await glue.default({ module_or_path: asset("wasm") });
      wasm = glue;
      const blocks = document.querySelectorAll('script[type="application/json"][data-errlens-catalogue]');
      for (const block of blocks) {
        try {
          report(wasm.configure({ catalogue: JSON.parse(block.textContent) }));
        } catch (e) {
          console.warn("errlens: the data-errlens-catalogue block is not valid JSON (" + e.message + "); the built-in catalogue is used");
        }
      }
      const lang = document.documentElement.lang;
      if (lang && !pending.locale) wasm.configure({ locale: lang });
      if (Object.keys(pending).length) report(wasm.configure(pending));
      pending = {};
      return glue;
    })().catch((e) => {
      loading = null;
      throw new Error("errlens could not load its WebAssembly from " + config.base + " (" + e.message + "); check that the files beside errlens.js are served");
    });
  }
  return loading;
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
  ".el-launcher{position:fixed;inset:auto 20px 20px auto;z-index:2147483000;border:0;border-radius:999px;" +
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

  async mount(options) {
    if (this.mounting) return this.mounting;
    this.mounting = (async () => {
      const link = make("link", { rel: "stylesheet", href: asset("css") });
      const styled = new Promise((resolve) => { link.onload = resolve; link.onerror = resolve; });
      this.shadowRoot.prepend(link);
      const glue = await load();
      await styled;
      this.container.replaceChildren();
      const hashEntry = entryFromHash();
      this.widget = glue.mount(this.container, {
        mode: this.mode === "launcher" ? "drawer" : this.mode,
        view: (options && options.view) || this.getAttribute("view") || (this.mode === "page" && (hashEntry || this.getAttribute("entry")) ? "entry" : "search"),
        entry: (options && options.entry) || (this.mode === "page" ? hashEntry || this.getAttribute("entry") : null),
        storageKey: this.mode === "launcher" ? "" : this.id || this.mode,
      }, (name, detail) => this.event(name, detail));
      widgets.add(this);
    })();
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
      this.container.replaceChildren(make("p", { class: "el-loading" }, "Loading help…"));
    }
    try {
      if (!this.widget) await this.mount(options);
      if (options && Object.keys(options).length) this.widget.navigate(options);
    } catch (e) {
      this.failed(e);
      throw e;
    }
    if (this.mode === "launcher") {
      // Yew renders on its scheduler: focus once the view is in the DOM.
      for (let i = 0; i < 20; i++) {
        const first = this.container.querySelector(".el-body input.el-input, .el-body textarea.el-textarea") || this.container.querySelector("button.el-tab");
        if (first) { first.focus(); break; }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      emit("open", { view: (options && options.view) || "search" }, this);
    }
  }

  close() {
    if (this.dialog && this.dialog.open) this.dialog.close();
  }

  closed() {
    emit("close", {}, this);
    if (this.button) this.button.focus();
  }

  refresh() {
    if (this.widget) this.widget.refresh();
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
  if (page && page.widget) page.widget.navigate(id || home ? { view: "entry", entry: id || home } : { view: "search" });
  else if (id) api.open({ view: "entry", entry: id }).catch(() => {});
}

const api = {
  get ready() { return load().then(() => undefined); },
  version: "0.1.0",
  async search(query, options) { return (await load()).search(query, options); },
  async entry(id) { return (await load()).entry(id); },
  async entries() { return (await load()).entries(); },
  async diagnose(text, options) { return (await load()).diagnose(text, options); },
  async redact(text, options) { return (await load()).redact(text, options); },
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
    if (!wasm) { Object.assign(pending, rest); await load(); return { problems: [] }; }
    const result = report(wasm.configure(rest));
    for (const w of widgets) w.refresh();
    return result;
  },
  async setContext(context) { (await load()).setContext(context); for (const w of widgets) w.refresh(); },
  async catalogueVersion() { return (await load()).catalogueVersion(); },
  on(event, handler) {
    if (typeof handler !== "function") throw new Error("ErrLens.on(event, handler): pass a function as the handler");
    if (!listeners.has(event)) listeners.set(event, new Set());
    listeners.get(event).add(handler);
    return () => listeners.get(event).delete(handler);
  },
};

if (!customElements.get("err-lens")) customElements.define("err-lens", ErrLensElement);
if (!window.ErrLens) window.ErrLens = api;
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
