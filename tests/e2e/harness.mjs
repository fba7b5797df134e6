// Shared Playwright setup for the browser tests: Debian's Chromium, the
// loopback server, and a page that records console errors, CSP violations
// and every request that leaves the page's origin.
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { start } from "./server.mjs";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export async function setup() {
  const server = await start(0);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return { server, origin, browser, async close() { await browser.close(); server.close(); } };
}

/** Opens `path` in a fresh context and watches what a user would not see. */
export async function openPage(env, path, options = {}) {
  const context = await env.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"], ...options });
  const page = await context.newPage();
  const problems = { console: [], violations: [], foreign: [], pageErrors: [] };
  page.on("console", (m) => { if (m.type() === "error") problems.console.push(m.text()); });
  page.on("pageerror", (e) => problems.pageErrors.push(String(e)));
  page.on("request", (r) => { if (!r.url().startsWith(env.origin) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) problems.foreign.push(r.url()); });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(env.origin + path);
  return { page, context, problems, async violations() { return page.evaluate(() => window.__violations); } };
}

/**
 * Resolves once the page has rendered two frames and run the tasks queued
 * before them: what a test waits for before asserting that something did
 * NOT happen (a handler that would fire, a request that would start).
 */
export function settled(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
}

/** Polls `condition` (run in Node) until it holds; fails with `what` after `ms`. */
export async function until(condition, what, ms = 5000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error("timed out waiting for " + what);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Resolves an element inside the widget's open shadow root by data-testid. */
export function testid(page, id) {
  return page.locator(`[data-testid="${id}"]`);
}

/** What every test asserts at the end: nothing broke, nothing left the page's origin. */
export function clean(problems) {
  assert.deepEqual(problems.pageErrors, [], "no page error");
  assert.deepEqual(problems.console, [], "no console error");
  assert.deepEqual(problems.foreign, [], "no request to another origin");
}
