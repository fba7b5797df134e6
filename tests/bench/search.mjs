// Search benchmark (a report, not a test): errlens against MiniSearch,
// Fuse.js and FlexSearch in one headless Chromium page, over the same
// catalogue text, on two query sets: the relevance suite (our regression
// queries) and the sealed test part of the real query corpus
// (tests/corpus/queries, sources in test-sources.txt; its misses are never
// printed, so nobody tunes on them).
//
//   node tests/bench/search.mjs [--reps N]
//
// Prints index build time, median and p99 query latency (each also as a ratio
// to errlens) and top-1 / top-3 / MRR per engine; writes target/bench/search.json.
// Exits non-zero only when the page cannot load errlens.
import { readFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { openBench, median, quantile, fmt, table, writeReport } from "./common.mjs";

const LOAD = loadavg()[0]; // other work on the machine skews the figures: print it
const REPS = Number((process.argv.find((a) => a.startsWith("--reps=")) || "").slice(7)) || 15;
const LIMIT = 10;
const BUDGET_MS = 15000; // per engine, for the timed runs after the first
const SUITE = "tests/relevance/queries.tsv";
// A few queries to time when the relevance suite is not there yet.
const FALLBACK = ["429", "err 502", "token expired", "unathorized", "ECONNRESET", "x-ratelimit-remaining: 0",
  "why does my sync keep failing with 401", "creds wrong", "zu viele anfragen", "too many req"];

/** The real corpus's sealed test part: `query<TAB>ids<TAB>style<TAB>source<TAB>url`. */
async function readRealTest() {
  try {
    const dir = new URL("../../tests/corpus/queries/", import.meta.url);
    const sealed = new Set((await readFile(new URL("test-sources.txt", dir), "utf8")).split("\n").filter((l) => l && !l.startsWith("#")));
    return (await readFile(new URL("queries.tsv", dir), "utf8")).split("\n")
      .filter((l) => l.trim() && !l.startsWith("#")).map((l) => l.split("\t"))
      .filter((f) => f.length === 5 && sealed.has(f[3])).map(([query, ids]) => ({ query, expected: ids.split(",") }));
  } catch { return null; }
}

/** Reads `query<TAB>id[,alt...]` lines; `null` when the suite file is missing. */
async function readSuite() {
  let text;
  try { text = await readFile(new URL("../../" + SUITE, import.meta.url), "utf8"); } catch { return null; }
  const cases = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("#")) continue;
    const [query, ids] = line.split("\t");
    if (query && ids) cases.push({ query, expected: ids.split(",").map((s) => s.trim()).filter(Boolean) });
  }
  return cases;
}

// ---------------------------------------------------------------------------
// The next two functions run inside the page (Playwright serializes them).

/** Sets up every engine in the page; returns build figures and the catalogue size. */
async function setupEngines() {
  const E = window.ErrLens;
  const now = () => performance.now();
  const out = { notes: [] };

  // errlens builds its catalogue and index on the first call that needs them.
  let t = now();
  await E.search("429", { limit: 10 });
  out.errlensFirstSearchMs = now() - t;
  t = now();
  await E.search("429", { limit: 10 });
  out.errlensSecondSearchMs = now() - t;

  // The loader keeps its wasm glue private, but importing the glue by the same
  // URL yields the same (already initialised) module instance: a direct,
  // synchronous call without the promise round trip.
  try {
    const manifest = await (await fetch("/errlens/errlens-manifest.json")).json();
    const glue = await import("/errlens/" + manifest.glue);
    const viaApi = (await E.search("token expired", { limit: 10 })).map((r) => r.id).join();
    const direct = glue.search("token expired", { limit: 10 }).map((r) => r.id).join();
    if (viaApi !== direct) throw new Error("direct results differ from ErrLens.search");
    window.__glue = glue;
    // configure({catalogue: []}) rebuilds the index from the unchanged catalogue:
    // a repeatable measure of the build (plus a catalogue copy, so an upper bound).
    const rebuilds = [];
    for (let i = 0; i < 5; i++) {
      const t0 = now();
      glue.configure({ catalogue: [] });
      rebuilds.push(now() - t0);
    }
    rebuilds.sort((a, b) => a - b);
    out.errlensRebuildMs = rebuilds[2];
  } catch (e) {
    out.notes.push("direct wasm calls unavailable (" + e.message + "); errlens is timed through ErrLens.search only");
  }

  // The same catalogue text for the peers, field by field.
  const list = await E.entries();
  const docs = [];
  for (const { id } of list) {
    const e = await E.entry(id);
    if (!e) continue;
    const arr = (v) => (Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))) : v ? [String(v)] : []);
    docs.push({ id: e.id, title: e.title || "", codes: arr(e.codes), aliases: arr(e.aliases), patterns: arr(e.patterns),
      summary: e.summary || "", meaning: e.meaning || "", causes: arr(e.causes), fixes: arr(e.fixes) });
  }
  out.entries = docs.length;
  out.catalogueChars = docs.reduce((n, d) => n + JSON.stringify(d).length, 0);
  const flat = docs.map((d) => ({ ...d, codes: d.codes.join(" \n "), aliases: d.aliases.join(" \n "), patterns: d.patterns.join(" \n "),
    causes: d.causes.join(" \n "), fixes: d.fixes.join(" \n ") }));

  // The field weights errlens uses (src/search.rs): code 10, title 9, alias 6,
  // pattern 4.5, summary 3, body 1.
  const W = { codes: 10, title: 9, aliases: 6, patterns: 4.5, summary: 3, meaning: 1, causes: 1, fixes: 1 };
  const FIELDS = Object.keys(W);

  const { default: MiniSearch } = await import("/node_modules/minisearch/dist/es/index.js");
  const { default: Fuse } = await import("/node_modules/fuse.js/dist/fuse.mjs");
  const { Document, Charset } = await import("/node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs");

  const builders = {
    minisearch: () => {
      const ms = new MiniSearch({ fields: FIELDS, storeFields: [], searchOptions: { prefix: true, fuzzy: 0.2, boost: W } });
      ms.addAll(flat);
      return ms;
    },
    fuse: () => new Fuse(docs, { keys: FIELDS.map((name) => ({ name, weight: W[name] })), threshold: 0.4, ignoreLocation: true, includeScore: true }),
    flexsearch: () => {
      const index = new Document({ document: { id: "id", index: FIELDS.map((field) => ({ field, tokenize: "forward", encoder: Charset.LatinBalance })) } });
      for (const d of flat) index.add(d);
      return index;
    },
  };
  window.__peers = {};
  out.buildMs = {};
  for (const [name, build] of Object.entries(builders)) {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t0 = now();
      window.__peers[name] = build();
      times.push(now() - t0);
    }
    out.buildMs[name] = { first: times[0], median: [...times].sort((a, b) => a - b)[2] };
  }

  // How FlexSearch's per-field result lists become one ranking: each field's
  // rank weighted by the same field weights (FlexSearch has no score to sum).
  window.__W = W;
  window.__FIELDS = FIELDS;
  let tick = performance.now(), res = Infinity;
  for (let i = 0; i < 2000; i++) { const t2 = performance.now(); if (t2 > tick) { res = Math.min(res, t2 - tick); tick = t2; } }
  out.timerResolutionUs = res * 1000;
  return out;
}

/** Runs `queries` on one engine: top ids per query, and `reps` timed runs of each. */
async function runEngine({ engine, queries, reps, limit, budgetMs }) {
  const peers = window.__peers;
  const W = window.__W;
  const FIELDS = window.__FIELDS;
  const flexFuse = (fields) => {
    const score = new Map();
    for (const { field, result } of fields) {
      result.forEach((id, rank) => score.set(id, (score.get(id) || 0) + W[field] / (1 + rank)));
    }
    return [...score].sort((a, b) => b[1] - a[1]).slice(0, limit).map((p) => p[0]);
  };
  const sync = {
    "errlens-direct": (q) => window.__glue.search(q, { limit }).map((r) => r.id),
    minisearch: (q) => peers.minisearch.search(q).slice(0, limit).map((r) => r.id),
    fuse: (q) => peers.fuse.search(q, { limit }).map((r) => r.item.id),
    flexsearch: (q) => flexFuse(peers.flexsearch.search(q, { index: FIELDS, limit, suggest: true })),
  }[engine];
  const async = engine === "errlens" ? async (q) => (await window.ErrLens.search(q, { limit })).map((r) => r.id) : null;

  const top = [];
  for (const q of queries) top.push(async ? await async(q) : sync(q)); // also the warm-up run
  // Slow engines stop early: at least one timed run of every query, then
  // more runs while the engine stays within its time budget.
  // Each search runs in a task of its own, as keystrokes do: yielding between
  // them lets the garbage collector work between calls rather than inside one.
  const channel = new MessageChannel();
  const nextTask = () => new Promise((resolve) => { channel.port1.onmessage = resolve; channel.port2.postMessage(0); });
  const samples = [];
  const perQuery = queries.map(() => []);
  const started = performance.now();
  let runs = 0;
  for (let r = 0; r < reps && (r === 0 || performance.now() - started < budgetMs); r++, runs++) {
    for (let i = 0; i < queries.length; i++) {
      await nextTask();
      const t0 = performance.now();
      if (async) await async(queries[i]);
      else sync(queries[i]);
      const ms = performance.now() - t0;
      samples.push(ms);
      perQuery[i].push(ms);
    }
  }
  channel.port1.close();
  const perQueryMedian = perQuery.map((t) => t.sort((a, b) => a - b)[(t.length - 1) >> 1]);
  const slowest = perQueryMedian.map((ms, i) => [queries[i], ms]).sort((a, b) => b[1] - a[1]).slice(0, 5);
  return { top, samples, runs, slowest, perQueryMedian };
}

// ---------------------------------------------------------------------------

const suite = await readSuite();
const cases = suite && suite.length ? suite : null;
if (!cases) console.log(`note: ${SUITE} is missing or empty; timing ${FALLBACK.length} sample queries, relevance skipped\n`);
const queries = cases ? cases.map((c) => c.query) : FALLBACK;

const bench = await openBench();
const { page } = bench;
const setupInfo = await page.evaluate(setupEngines);
const browser = bench.env.browser.version();

const version = async (name) => JSON.parse(await readFile(new URL(`../../node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
const ENGINES = [
  { key: "errlens", label: "errlens (ErrLens.search, async)" },
  { key: "errlens-direct", label: "errlens (direct wasm call)" },
  { key: "minisearch", label: "MiniSearch " + await version("minisearch") },
  { key: "fuse", label: "Fuse.js " + await version("fuse.js") },
  { key: "flexsearch", label: "FlexSearch " + await version("flexsearch") },
].filter((e) => e.key !== "errlens-direct" || setupInfo.errlensRebuildMs !== undefined);

async function measure(cases, queries) {
  const results = {};
  for (const { key } of ENGINES) {
    const { top, samples, runs, slowest, perQueryMedian } = await page.evaluate(runEngine, { engine: key, queries, reps: REPS, limit: LIMIT, budgetMs: BUDGET_MS });
    let top1 = 0, top3 = 0, rr = 0;
    const misses = [];
    if (cases) {
      cases.forEach((c, i) => {
        const rank = top[i].findIndex((id) => c.expected.includes(id));
        if (rank === 0) top1++;
        if (rank >= 0 && rank < 3) top3++; else misses.push(c.query);
        if (rank >= 0) rr += 1 / (rank + 1);
      });
    }
    const n = cases ? cases.length : 0;
    results[key] = {
      medianMs: median(samples), p99Ms: quantile(perQueryMedian, 0.99), rawP99Ms: quantile(samples, 0.99), maxMs: Math.max(...samples),
      meanMs: samples.reduce((a, b) => a + b, 0) / samples.length, samples: samples.length, runs, slowestQueries: slowest,
      top1: n ? top1 / n : null, top3: n ? top3 / n : null, mrr: n ? rr / n : null, top3Misses: misses,
    };
  }

  return results;
}
const results = await measure(cases, queries);
const realCases = await readRealTest();
const real = realCases && realCases.length ? await measure(realCases, realCases.map((c) => c.query)) : null;
if (bench.errors.length) console.log("page errors:\n  " + bench.errors.join("\n  ") + "\n");
await bench.close();

// Build time: errlens' rebuild (or its first search when no direct call), peers' median of 5.
const errlensBuild = setupInfo.errlensRebuildMs ?? setupInfo.errlensFirstSearchMs;
const buildOf = (key) => (key.startsWith("errlens") ? errlensBuild : setupInfo.buildMs[key].median);
const ref = results.errlens;
const rows = ENGINES.map(({ key, label }) => {
  const r = results[key];
  return [label, fmt(buildOf(key), 2), fmt(buildOf(key) / errlensBuild, 1) + "x", fmt(r.medianMs * 1000, 0), fmt(r.medianMs / ref.medianMs, 1) + "x",
    fmt(r.p99Ms * 1000, 0), fmt(r.p99Ms / ref.p99Ms, 1) + "x", fmt(r.rawP99Ms * 1000, 0), fmt(r.top1, 3), fmt(r.top3, 3), fmt(r.mrr, 3)];
});
const header = ["engine", "build ms", "vs", "median µs", "vs", "p99 µs", "vs", "raw p99 µs", "top-1", "top-3", "MRR"];

console.log(`Search benchmark: ${setupInfo.entries} entries (${Math.round(setupInfo.catalogueChars / 1024)} KB of text), ${queries.length} queries x ${REPS} warm runs, limit ${LIMIT}`);
console.log(`Chromium ${browser}, crossOriginIsolated=${bench.isolated}, timer resolution ~${fmt(setupInfo.timerResolutionUs, 0)} µs, ${cpus().length} CPUs, load average ${fmt(LOAD, 1)} before the run\n`);
console.log(table(header, rows));
if (real) {
  const realRows = ENGINES.map(({ key, label }) => {
    const r = real[key];
    return [label, fmt(r.medianMs * 1000, 0), fmt(r.medianMs / real.errlens.medianMs, 1) + "x", fmt(r.p99Ms * 1000, 0), fmt(r.rawP99Ms * 1000, 0), fmt(r.top1, 3), fmt(r.top3, 3), fmt(r.mrr, 3)];
  });
  console.log(`\nreal queries, sealed test part (${realCases.length} queries from tests/corpus/queries; a hit is any accepted id):`);
  console.log(table(["engine", "median µs", "vs", "p99 µs", "raw p99 µs", "top-1", "top-3", "MRR"], realRows));
}
console.log(`\nmedian: of all timed calls; p99: over queries, of each query's median run; raw p99: of all timed calls (GC and machine noise included)`);
console.log(`ratios ("vs") are to errlens through ErrLens.search; relevance counts a hit when any expected id is in the first 1 / 3 results`);
console.log(`errlens: wasm load ${fmt(bench.readyMs, 1)} ms; first search (builds catalogue + index) ${fmt(setupInfo.errlensFirstSearchMs, 2)} ms, second ${fmt(setupInfo.errlensSecondSearchMs, 2)} ms` +
  (setupInfo.errlensRebuildMs !== undefined ? `; index rebuild ${fmt(setupInfo.errlensRebuildMs, 2)} ms (median of 5, configure({catalogue: []}))` : ""));
if (results["errlens-direct"]) {
  const d = results["errlens-direct"];
  console.log(`promise round trip: median ${fmt((ref.medianMs - d.medianMs) * 1000, 0)} µs of ${fmt(ref.medianMs * 1000, 0)} µs per ErrLens.search call`);
}
const cut = ENGINES.filter(({ key }) => results[key].runs < REPS);
if (cut.length) console.log(`timed runs cut by the ${BUDGET_MS / 1000} s budget: ${cut.map(({ key }) => `${key} ${results[key].runs} of ${REPS}`).join(", ")}`);
console.log(`peers' build ms is the median of 5 builds (first build: ${Object.entries(setupInfo.buildMs).map(([k, v]) => `${k} ${fmt(v.first, 2)}`).join(", ")})`);
for (const note of setupInfo.notes) console.log("note: " + note);
const slow = (results["errlens-direct"] || ref).slowestQueries;
console.log(`errlens' slowest queries (median µs): ${slow.map(([q, ms]) => `${JSON.stringify(q)} ${fmt(ms * 1000, 0)}`).join(", ")}`);
const errlensMisses = (results["errlens-direct"] || ref).top3Misses;
if (cases && errlensMisses.length) console.log(`errlens top-3 misses (${errlensMisses.length}): ${errlensMisses.slice(0, 12).map((q) => JSON.stringify(q)).join(", ")}${errlensMisses.length > 12 ? ", ..." : ""}`);

const path = await writeReport("search.json", {
  browser, crossOriginIsolated: bench.isolated, reps: REPS, limit: LIMIT, queries: queries.length, suite: cases ? SUITE : null,
  entries: setupInfo.entries, errlens: { wasmLoadMs: bench.readyMs, firstSearchMs: setupInfo.errlensFirstSearchMs, secondSearchMs: setupInfo.errlensSecondSearchMs, rebuildMs: setupInfo.errlensRebuildMs ?? null },
  timerResolutionUs: setupInfo.timerResolutionUs,
  engines: Object.fromEntries(ENGINES.map(({ key, label }) => [key, { label, buildMs: buildOf(key), ...results[key], medianRatio: results[key].medianMs / ref.medianMs, p99Ratio: results[key].p99Ms / ref.p99Ms }])),
  notes: setupInfo.notes,
  realTest: real && Object.fromEntries(ENGINES.map(({ key }) => [key, { medianMs: real[key].medianMs, p99Ms: real[key].p99Ms, top1: real[key].top1, top3: real[key].top3, mrr: real[key].mrr }])),
});
console.log(`\nwrote ${path}`);
