// errlens loader, lazy half: what is needed only once the wasm runs. It loads
// beside the glue, so the eager loader stays small.

// Configures a fresh instance: the page's declarative catalogue blocks, the
// page language, then whatever the host configured before (replayed after a
// restart too).
export function replay(glue, settings, report) {
  for (const block of document.querySelectorAll('script[type="application/json"][data-errlens-catalogue]')) {
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
}

// Large pastes go to a worker running the same wasm (errlens-worker.js); the
// job carries the glue and wasm URLs and the host's settings to replay.
let worker = null;
let jobs = new Map();
let nextJob = 0;
let policy = null;

function trusted(url) {
  if (!window.trustedTypes) return url;
  policy = policy || trustedTypes.createPolicy("errlens", { createScriptURL: (u) => (u === url ? u : "") });
  return policy.createScriptURL(url);
}

export function diagnoseElsewhere(url, job) {
  return new Promise((resolve, reject) => {
    const fallback = (e) => { worker = null; reject(e); };
    try {
      if (!worker) {
        worker = new Worker(trusted(url), { type: "module" });
        worker.onmessage = (e) => {
          const pending = jobs.get(e.data.id);
          jobs.delete(e.data.id);
          if (pending) e.data.error ? pending.reject(new Error(e.data.error)) : pending.resolve(e.data.diagnosis);
        };
        worker.onerror = (e) => {
          const pending = jobs;
          jobs = new Map();
          worker = null;
          for (const p of pending.values()) p.reject(new Error(e.message || "worker failed"));
        };
      }
      const id = ++nextJob;
      jobs.set(id, { resolve, reject: fallback });
      worker.postMessage({ id, ...job });
    } catch (e) {
      fallback(e);
    }
  });
}

// The entry the current URL links to, in any form: `#errlens/<id>`,
// `?errlens=<id>` in the query, or inside a hash route such as
// `#/help?errlens=<id>`; `null` for none or with `links: "off"`.
const ID = /^[a-z0-9][a-z0-9-]*$/;
export function linkedEntry(links) {
  if (links === "off") return null;
  const hash = location.hash;
  const direct = /^#errlens\/([a-z0-9-]+)$/.exec(hash);
  if (direct) return direct[1];
  const q = hash.indexOf("?");
  const inHash = q >= 0 ? new URLSearchParams(hash.slice(q + 1)).get("errlens") : null;
  if (inHash && ID.test(inHash)) return inHash;
  const inQuery = new URLSearchParams(location.search).get("errlens");
  return inQuery && ID.test(inQuery) ? inQuery : null;
}

// The current URL with entry `id` linked (`null`: unlinked), in the scheme
// `links` names: `hash` writes `#errlens/<id>`, or `?errlens=<id>` inside a
// hash route (`#/help?errlens=<id>`) so the router keeps its route; `query`
// writes `?errlens=<id>` in the query. The other form is cleared.
export function linkFor(id, links) {
  const url = new URL(location.href);
  const withParam = (query) => {
    const params = new URLSearchParams(query);
    if (id) params.set("errlens", id); else params.delete("errlens");
    const s = params.toString();
    return s ? "?" + s : "";
  };
  if (links === "query") {
    url.search = withParam(url.search);
    if (/^#errlens\//.test(url.hash)) url.hash = "";
    return url.href;
  }
  if (url.searchParams.has("errlens")) {
    const params = new URLSearchParams(url.search);
    params.delete("errlens");
    url.search = params.toString();
  }
  if (url.hash.startsWith("#/")) {
    const q = url.hash.indexOf("?");
    const route = q >= 0 ? url.hash.slice(1, q) : url.hash.slice(1);
    url.hash = route + withParam(q >= 0 ? url.hash.slice(q + 1) : "");
  } else {
    url.hash = id ? "errlens/" + id : "";
  }
  return url.href;
}
