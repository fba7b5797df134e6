// Diagnose benchmark (a report, not a test): ErrLens.diagnose on realistic
// pastes of 1 KB, 100 KB, 1 MB and 10 MB in headless Chromium.
//
//   node tests/bench/diagnose.mjs [--reps N]
//
// Each paste is a connector log of routine INFO lines with one HTTP 429 and its
// JSON error body buried near the end; a HAR-shaped export of 1 MB with one
// failing call among many good ones rounds it off. Prints median and max time
// per paste, MB/s, how time grows from 1 MB to 10 MB, what was diagnosed, and
// the longest main-thread task seen (PerformanceObserver "longtask"); writes
// target/bench/diagnose.json. Exits non-zero only when the page cannot load.
import { cpus, loadavg } from "node:os";
import { openBench, median, fmt, table, writeReport } from "./common.mjs";

const LOAD = loadavg()[0]; // other work on the machine skews the figures: print it
const REPS = Number((process.argv.find((a) => a.startsWith("--reps=")) || "").slice(7)) || 0;
const KB = 1024;
const MB = 1024 * 1024;

/** A small deterministic generator, so every run measures the same bytes. */
function random(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const OBJECTS = ["Account", "Contact", "Opportunity", "Lead", "Task", "Campaign", "Case", "Invoice"];
const WORKERS = ["sync-worker-1", "sync-worker-2", "sync-worker-3", "loader-1"];

function stamp(i) {
  const t = new Date(Date.UTC(2025, 10, 3, 9, 0, 0) + i * 137);
  return t.toISOString();
}

/** One routine line of a connector's log; nothing in it is an error. */
function infoLine(i, rnd) {
  const object = OBJECTS[Math.floor(rnd() * OBJECTS.length)];
  const worker = WORKERS[Math.floor(rnd() * WORKERS.length)];
  const pick = rnd();
  if (pick < 0.55) return `${stamp(i)} INFO  [${worker}] hubspot.${object}: fetched page ${i % 500} (${100 + Math.floor(rnd() * 100)} records) in ${50 + Math.floor(rnd() * 400)} ms cursor=${Math.floor(rnd() * 1e9).toString(36)}`;
  if (pick < 0.8) return `${stamp(i)} INFO  [${worker}] loader: upserted ${Math.floor(rnd() * 200)} rows into analytics.${object.toLowerCase()} (batch ${i}, ${Math.floor(rnd() * 90)} ms)`;
  if (pick < 0.95) return `${stamp(i)} DEBUG [${worker}] http: GET https://api.hubapi.com/crm/v3/objects/${object.toLowerCase()}s?limit=100&after=${i * 100} -> 200 OK (${Math.floor(rnd() * 300)} ms)`;
  return `${stamp(i)} INFO  [${worker}] checkpoint saved: state=running objects=${OBJECTS.length} rows_total=${i * 37}`;
}

// The one failure, as HubSpot reports a secondly rate limit, with its headers.
const FAILURE = (i) => [
  `${stamp(i)} WARN  [sync-worker-3] http: GET https://api.hubapi.com/crm/v3/objects/contacts?limit=100&after=88100 -> 429 Too Many Requests (41 ms)`,
  `${stamp(i + 1)} ERROR [sync-worker-3] hubspot.Contact: request failed: HTTP 429 Too Many Requests; Retry-After: 10; X-HubSpot-RateLimit-Remaining: 0; x-request-id: 4f1c2a9e-7d3b-4c55-9a2e-0b6f1d2c3e4a`,
  `${stamp(i + 2)} ERROR [sync-worker-3] response body: {"status":"error","message":"You have reached your secondly limit.","errorType":"RATE_LIMIT","correlationId":"c0ffee00-1234-4abc-9def-0123456789ab","policyName":"SECONDLY"}`,
  `${stamp(i + 3)} INFO  [sync-worker-3] scheduler: sync paused until the next run`,
];

/** A connector log of about `size` bytes whose failure sits ~3% before the end. */
function connectorLog(size, seed) {
  const rnd = random(seed);
  const lines = [];
  let bytes = 0, i = 0, failed = false;
  while (bytes < size) {
    if (!failed && bytes >= size * 0.97 - 600) {
      for (const line of FAILURE(i)) { lines.push(line); bytes += line.length + 1; }
      failed = true;
      i += 4;
      continue;
    }
    const line = infoLine(i++, rnd);
    lines.push(line);
    bytes += line.length + 1;
  }
  return lines.join("\n");
}

/** A HAR 1.2 export of about `size` bytes: many 200s, one 429 near the end. */
function harExport(size, seed) {
  const rnd = random(seed);
  const entry = (i, status, body, headers) => ({
    startedDateTime: stamp(i), time: 40 + Math.floor(rnd() * 300),
    request: { method: "GET", url: `https://api.hubapi.com/crm/v3/objects/contacts?limit=100&after=${i * 100}`, httpVersion: "HTTP/1.1",
      headers: [{ name: "accept", value: "application/json" }, { name: "authorization", value: "Bearer [redacted]" }], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status, statusText: status === 200 ? "OK" : "Too Many Requests", httpVersion: "HTTP/1.1", headers,
      content: { size: body.length, mimeType: "application/json", text: body }, redirectURL: "", headersSize: -1, bodySize: body.length, cookies: [] },
    cache: {}, timings: { send: 0, wait: 30, receive: 5 },
  });
  const okBody = (i) => JSON.stringify({ results: Array.from({ length: 4 }, (_, k) => ({ id: String(9000 + i * 10 + k), properties: { email: `user${i}.${k}@example.com`, firstname: "Alex", lastname: "Doe", lifecyclestage: "lead" } })), paging: { next: { after: String((i + 1) * 100) } } });
  const entries = [];
  let bytes = 200, i = 0, failed = false;
  while (bytes < size) {
    let e;
    if (!failed && bytes >= size * 0.97 - 2000) {
      e = entry(i, 429, JSON.stringify({ status: "error", message: "You have reached your secondly limit.", errorType: "RATE_LIMIT", correlationId: "c0ffee00-1234-4abc-9def-0123456789ab", policyName: "SECONDLY" }),
        [{ name: "content-type", value: "application/json" }, { name: "retry-after", value: "10" }, { name: "x-hubspot-ratelimit-remaining", value: "0" }]);
      failed = true;
    } else {
      e = entry(i, 200, okBody(i), [{ name: "content-type", value: "application/json" }, { name: "x-hubspot-ratelimit-remaining", value: String(Math.floor(rnd() * 100)) }]);
    }
    i++;
    entries.push(e);
    bytes += JSON.stringify({ log: { entries: [e] } }, null, 2).length - 30; // as nested in the export
  }
  return JSON.stringify({ log: { version: "1.2", creator: { name: "WebInspector", version: "537.36" }, pages: [], entries } }, null, 2);
}

const PASTES = [
  { name: "log 1 KB", text: connectorLog(1 * KB, 1), reps: 50 },
  { name: "log 100 KB", text: connectorLog(100 * KB, 2), reps: 30 },
  { name: "log 1 MB", text: connectorLog(1 * MB, 3), reps: 15 },
  { name: "HAR 1 MB", text: harExport(1 * MB, 4), reps: 15 },
  { name: "log 10 MB", text: connectorLog(10 * MB, 5), reps: 5 },
];

// Runs inside the page: diagnoses one paste `reps` times (after one warm-up)
// and records every main-thread task over 50 ms while doing so.
async function runPaste({ name, reps }) {
  const text = window.__pastes[name];
  const longTasks = [];
  let observer = null;
  try {
    observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
    observer.observe({ type: "longtask" });
  } catch { observer = null; }
  const warm = await window.ErrLens.diagnose(text);
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await window.ErrLens.diagnose(text);
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 0)); // let the observer and the page breathe
  }
  await new Promise((r) => setTimeout(r, 50));
  if (observer) { for (const e of observer.takeRecords()) longTasks.push(e.duration); observer.disconnect(); }
  const top = (warm.findings && warm.findings[0]) || {};
  return {
    times, longTasks, observed: !!observer,
    result: { format: warm.input && warm.input.format, truncated: warm.input && warm.input.truncated, status: warm.status, kind: warm.kind,
      retryAfterS: warm.retry_after_s ?? warm.retryAfterS ?? null, entry: top.entry || null, confidence: top.confidence ?? null, notes: warm.notes || [] },
  };
}

const bench = await openBench();
const { page } = bench;
const browser = bench.env.browser.version();
const figures = [];
for (const paste of PASTES) {
  await page.evaluate(({ name, text }) => { (window.__pastes ||= {})[name] = text; }, paste);
  const reps = REPS || paste.reps;
  const r = await page.evaluate(runPaste, { name: paste.name, reps });
  await page.evaluate((name) => { delete window.__pastes[name]; }, paste.name);
  const bytes = Buffer.byteLength(paste.text);
  const med = median(r.times);
  figures.push({ name: paste.name, bytes, chars: paste.text.length, reps, medianMs: med, maxMs: Math.max(...r.times), mbPerS: bytes / MB / (med / 1000),
    longestTaskMs: r.longTasks.length ? Math.max(...r.longTasks) : 0, tasksOver100ms: r.longTasks.filter((d) => d > 100).length, longTaskObserver: r.observed, ...r.result });
}
if (bench.errors.length) console.log("page errors:\n  " + bench.errors.join("\n  ") + "\n");
await bench.close();

const size = (b) => (b >= MB ? fmt(b / MB, 1) + " MB" : fmt(b / KB, 1) + " KB");
console.log(`Diagnose benchmark: ErrLens.diagnose round trip (promise + wasm + result back to JS), warm`);
console.log(`Chromium ${browser}, ${cpus().length} CPUs, load average ${fmt(LOAD, 1)} before the run; one HTTP 429 with a JSON body buried ~3% before the end of each paste\n`);
console.log(table(["paste", "size", "runs", "median ms", "max ms", "MB/s", "longest task ms", "tasks >100ms"],
  figures.map((f) => [f.name, size(f.bytes), String(f.reps), fmt(f.medianMs, 2), fmt(f.maxMs, 2), fmt(f.mbPerS, 1), fmt(f.longestTaskMs, 0), String(f.tasksOver100ms)])));
console.log("\nwhat each paste was diagnosed as:");
console.log(table(["paste", "format", "status", "kind", "top entry", "confidence", "retry_after_s", "truncated", "found the 429"],
  figures.map((f) => [f.name, String(f.format), String(f.status), String(f.kind), String(f.entry), fmt(f.confidence, 2), String(f.retryAfterS), String(f.truncated), f.kind === "rate_limit" ? "yes" : "no"])));
const oneMb = figures.find((f) => f.name === "log 1 MB");
const tenMb = figures.find((f) => f.name === "log 10 MB");
const ratio = tenMb.medianMs / oneMb.medianMs;
console.log(`\n10 MB / 1 MB median time: ${fmt(ratio, 1)}x for ${fmt(tenMb.bytes / oneMb.bytes, 1)}x the bytes (` +
  (tenMb.truncated ? "the 10 MB paste was truncated (see the note), so less than linear is expected" : ratio <= 12 ? "linear or better" : "worse than linear") + ")");
console.log(`1 MB budget (README, under 50 ms): log ${fmt(oneMb.medianMs, 1)} ms, HAR ${fmt(figures.find((f) => f.name === "HAR 1 MB").medianMs, 1)} ms`);
console.log(`10 MB run: ${tenMb.longTaskObserver ? `${tenMb.tasksOver100ms} main-thread task(s) over 100 ms, longest ${fmt(tenMb.longestTaskMs, 0)} ms` : "the longtask observer is not available in this browser"}` +
  (tenMb.tasksOver100ms ? " (the page is frozen while it runs: diagnose runs on the main thread)" : ""));
for (const f of figures) for (const note of f.notes) console.log(`note (${f.name}): ${note}`);

const path = await writeReport("diagnose.json", { browser, figures, tenToOneRatio: ratio });
console.log(`\nwrote ${path}`);
