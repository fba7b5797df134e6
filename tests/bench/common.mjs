// Shared setup of the benchmarks (reports, not tests): the e2e harness's
// Chromium and loopback server, one page holding the errlens loader, and the
// small statistics and table helpers both scripts print with.
import { readFile, mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { setup } from "../e2e/harness.mjs";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PAGE = new URL("./page.html", import.meta.url);

/**
 * Starts the server and the browser and opens the benchmark page. The page is
 * served through a route so it lives beside /errlens/ and /node_modules/ on
 * the same origin, with COOP/COEP headers: a cross-origin isolated page gets
 * a 5 µs performance.now() instead of a 100 µs one.
 */
export async function openBench() {
  let env;
  try {
    env = await setup();
  } catch (e) {
    fail("could not start Chromium or the loopback server: " + e.message);
  }
  const html = await readFile(PAGE, "utf8");
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.route(env.origin + "/bench/page.html", (route) => route.fulfill({
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8", "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp", "cache-control": "no-store" },
    body: html,
  }));
  try {
    await page.goto(env.origin + "/bench/page.html");
    await page.waitForFunction(() => window.ErrLens, null, { timeout: 10000 });
    const readyMs = await page.evaluate(async () => { const t = performance.now(); await window.ErrLens.ready; return performance.now() - t; });
    const isolated = await page.evaluate(() => window.crossOriginIsolated);
    return { env, page, errors, readyMs, isolated, async close() { await context.close(); await env.close(); } };
  } catch (e) {
    await env.close().catch(() => {});
    fail("the benchmark page could not load errlens (" + e.message.split("\n")[0] + "); build it with `trunk build --release` so dist/errlens/ holds errlens.js" + (errors.length ? "\n  page errors: " + errors.join("\n  ") : ""));
  }
}

/** Prints why the benchmark cannot run and exits non-zero (the only failure). */
export function fail(message) {
  console.error("benchmark: " + message);
  process.exit(1);
}

/** The q-quantile (0..1) of numbers, nearest rank; NaN for none. */
export function quantile(values, q) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (values) => quantile(values, 0.5);

/** A number for a table cell: fixed decimals, or "-" when missing. */
export function fmt(value, digits = 3) {
  return value === null || value === undefined || Number.isNaN(value) ? "-" : Number(value).toFixed(digits);
}

/** Renders rows (arrays of strings) under a header as an aligned text table. */
export function table(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** Writes a report as pretty JSON under target/bench/ and returns its path relative to the repo. */
export async function writeReport(name, report) {
  const dir = new URL("../../target/bench/", import.meta.url);
  await mkdir(dir, { recursive: true });
  await writeFile(new URL(name, dir), JSON.stringify(report, null, 2) + "\n");
  return "target/bench/" + name;
}
