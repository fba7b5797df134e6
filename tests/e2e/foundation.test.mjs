// The widget embedded by one script tag in a plain host page: the launcher,
// search, an entry, a diagnosis and the JS API, with no console error and no
// request to any other origin; and the same under a strict CSP.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, openPage, testid } from "./harness.mjs";

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

async function walkthrough(path) {
  const { page, context, problems, violations } = await openPage(env, path);
  await testid(page, "errlens-launcher").click();
  const input = testid(page, "errlens-search-input");
  await input.fill("too many req");
  const results = testid(page, "errlens-results");
  await results.locator('[role="option"]').first().waitFor();
  const firstThree = await results.locator('[role="option"]').evaluateAll((els) => els.slice(0, 3).map((e) => e.dataset.entry));
  assert.ok(firstThree.includes("http-429"), `429 in the first three results for "too many req": ${firstThree}`);
  await results.locator('[data-entry="http-429"]').click();
  const entry = testid(page, "errlens-entry");
  await entry.waitFor();
  assert.match(await entry.textContent(), /429 Too Many Requests/);
  assert.ok((await entry.locator("ol li").count()) >= 2, "the entry lists its fixes");
  await testid(page, "errlens-tab-diagnose").click();
  await testid(page, "errlens-payload-input").fill("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error=\"invalid_token\"\r\n\r\n");
  const diagnosis = testid(page, "errlens-diagnosis");
  await diagnosis.waitFor();
  assert.equal(await diagnosis.getAttribute("data-kind"), "auth");
  assert.match(await diagnosis.textContent(), /401/);
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === "ERR-LENS");
  assert.deepEqual(problems.console, [], "no console error");
  assert.deepEqual(problems.pageErrors, [], "no page error");
  assert.deepEqual(problems.foreign, [], "no request to another origin");
  assert.deepEqual(await violations(), [], "no CSP violation");
  await context.close();
}

test("plain host page: launcher, search, entry, diagnose, Escape", () => walkthrough("/plain.html"));
test("strict CSP host page: the same with no violation", () => walkthrough("/csp/plain.html"));

const PROMISED = ["http-400", "http-401", "http-402", "http-403", "http-404", "http-405", "http-408", "http-409", "http-410",
  "http-412", "http-413", "http-414", "http-415", "http-422", "http-423", "http-429", "http-451", "http-499", "http-500",
  "http-501", "http-502", "http-503", "http-504", "http-520", "http-521", "http-522", "http-523", "http-524", "http-525",
  "http-526", "http-527", "http-529", "http-nonstandard", "oauth-invalid-grant", "oauth-invalid-client", "oauth-invalid-scope",
  "token-expired", "state-active", "state-synced", "state-paused", "delete-integration", "sync-error", "auth-error",
  "system-error", "connection-error", "extraction-error", "loading-error", "billing-error", "network-dns", "network-refused",
  "network-reset", "network-timeout", "tls-certificate", "ip-allowlist", "db-permission", "db-relation-missing",
  "db-too-many-connections", "db-disk-full", "db-type-mismatch", "rate-limit", "quota-exceeded", "schema-change",
  "webhook-failure", "support-ticket", "read-payload", "request-id"];

test("ErrLens.entry gives a full entry for every id hosts are promised", async () => {
  const { page, context } = await openPage(env, "/plain.html");
  const incomplete = await page.evaluate(async (ids) => {
    const bad = [];
    for (const id of ids) {
      const e = await ErrLens.entry(id);
      if (!e || !e.title || !e.summary || !e.meaning || !e.fixes.length || !e.causes.length || !e.action || !e.category) bad.push(id);
    }
    return bad;
  }, PROMISED);
  assert.deepEqual(incomplete, []);
  assert.match(await page.evaluate(() => ErrLens.catalogueVersion()), /^\d+\.\d+\.\d+-[0-9a-f]{8}$/);
  await context.close();
});

test("the JS API answers as the README says", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  const r = await page.evaluate(async () => {
    const d = await ErrLens.diagnose("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\n\r\n");
    const s = await ErrLens.search("401");
    const missing = await ErrLens.entry("no-such-id");
    const full = await ErrLens.entry("http-429");
    let searchError = null;
    try { await ErrLens.search(42); } catch (e) { searchError = e instanceof Error ? e.message : String(e); }
    const empty = await ErrLens.diagnose("");
    const big = await ErrLens.diagnose("x".repeat(5 * 1024 * 1024 + 10));
    const garbage = await ErrLens.diagnose(Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(""));
    return { d, first: s[0] && s[0].id, missing, full, searchError, empty, big: { truncated: big.input.truncated, notes: big.notes }, garbageKind: garbage.kind };
  });
  assert.equal(r.d.status, 429);
  assert.equal(r.d.kind, "rate_limit");
  assert.equal(r.d.retry_after_s, 30);
  for (const key of ["input", "status", "kind", "retryable", "retry_after_s", "findings", "signals", "redacted", "notes"]) assert.ok(key in r.d, `Diagnosis has ${key}`);
  assert.equal(r.first, "http-401");
  assert.equal(r.missing, null);
  assert.ok(r.full.fixes.length > 0 && r.full.summary);
  assert.match(r.searchError, /pass a string/);
  assert.equal(r.empty.kind, "unknown");
  assert.ok(r.big.truncated && r.big.notes.length > 0, "a 5 MB paste is cut with a note");
  assert.equal(typeof r.garbageKind, "string");
  assert.deepEqual(problems.pageErrors, []);
  await context.close();
});
