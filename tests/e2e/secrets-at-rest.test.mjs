// Nothing secret at rest (issue 11), one behaviour per test: secrets pasted
// into the Diagnose view, typed into the search box and into every ticket
// field never reach localStorage, sessionStorage, IndexedDB or cookies; after
// a reload the draft is back, masked, says so, and diagnoses to the same kind
// and status; a raw draft written by an earlier version is cleaned on first
// load; with `configure({persist: false})` nothing is stored at all.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, openPage, testid, clean } from "./harness.mjs";

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// Fakes of real shapes: a Stripe live key, a GitHub token, a password in a URL, a bearer JWT.
const STRIPE = "sk_live_4eC39HqLyjWDarjtT1zdp7dcQ9xVb4Tn";
const GITHUB = "ghp_R7mVq2LxN8wT4kZs9YbC1dF6hJ3pQ0aE5uGi";
const DB_PASSWORD = "Tr0ub4dor-3x9Qz";
const JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzeW5jLXdvcmtlciIsImV4cCI6MTcwMDAwMDAwMH0.Zm9vYmFyYmF6cXV4c2lnbmF0dXJl";
const SECRETS = [STRIPE, GITHUB, DB_PASSWORD, JWT, JWT.split(".")[2]];

const PASTE = [
  "POST /v1/charges HTTP/1.1",
  "Host: api.stripe.com",
  `Authorization: Bearer ${STRIPE}`,
  "",
  "HTTP/1.1 429 Too Many Requests",
  "Retry-After: 30",
  "Request-Id: req_Zq81LmX2kP0a",
  "",
  `{"error": {"type": "rate_limit_error", "message": "Too many requests", "source": "postgres://sync:${DB_PASSWORD}@db.internal:5432/app"}}`,
].join("\n");

/** Every string the page keeps on this device: both storages, every IndexedDB record, cookies. */
async function everythingStored(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) out.push(`${storage.key(i)}=${storage.getItem(storage.key(i))}`);
    }
    out.push(`cookie=${document.cookie}`);
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((ok, fail) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = fail; });
      for (const store of db.objectStoreNames) {
        const rows = await new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); });
        out.push(`${name}/${store}=${JSON.stringify(rows)}`);
      }
      db.close();
    }
    return out.join("\n");
  });
}

function assertNoSecret(stored, when) {
  for (const secret of SECRETS) assert.ok(!stored.includes(secret), `${when}: ${secret.slice(0, 8)}... is stored on the device`);
}

async function diagnosisShown(page) {
  const diagnosis = testid(page, "errlens-diagnosis");
  await diagnosis.waitFor();
  return { kind: await diagnosis.getAttribute("data-kind"), status: (await testid(page, "errlens-status").textContent()).trim() };
}

test("pasted and typed secrets never reach any storage; after a reload the masked draft is back and diagnoses the same", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  await testid(page, "errlens-launcher").click();
  await testid(page, "errlens-search-input").fill(`429 ${GITHUB}`);
  await testid(page, "errlens-tab-diagnose").click();
  await testid(page, "errlens-payload-input").fill(PASTE);
  const before = await diagnosisShown(page);
  assert.deepEqual(before, { kind: "rate_limit", status: "429" });
  assert.match(await testid(page, "errlens-masked-summary").textContent(), /Stripe live secret key/, "the proof view names the family");
  assert.ok(await testid(page, "errlens-masked-summary").locator('[data-testid="errlens-rotate"]').count() >= 1, "a live key gets a rotate link");
  await testid(page, "errlens-tab-ticket").click();
  await testid(page, "errlens-ticket").waitFor();
  for (const [field, value] of [["title", `Charges fail with ${STRIPE}`], ["description", `I rotated to ${GITHUB} and the bearer ${JWT}`],
    ["integration", `stripe ${GITHUB}`], ["workspace", `acme password=${DB_PASSWORD}`], ["flow", `charges ${STRIPE}`],
    ["observed", `today ${GITHUB}`], ["deadline", `friday ${STRIPE}`]]) {
    await page.locator(`#errlens-t-${field}`).fill(value);
  }
  await page.locator("#errlens-t-error").fill(`${PASTE}\nAuthorization: Bearer ${JWT}`);
  // Unmasking a value is a choice for this ticket only: it is never stored.
  await testid(page, "errlens-masked").locator("summary").click();
  await testid(page, "errlens-masked").locator('input[type="checkbox"]').first().check();
  await page.waitForFunction(() => localStorage.getItem("errlens:draft:v2") !== null);
  const stored = await everythingStored(page);
  assertNoSecret(stored, "while editing");
  assert.match(stored, /REDACTED/, "the draft is stored, masked");

  await page.reload();
  await page.evaluate(() => ErrLens.open({ view: "diagnose" }));
  const payload = await testid(page, "errlens-payload-input").inputValue();
  assert.match(payload, /\[REDACTED:stripe_secret_key\]/, "the restored paste is masked");
  assert.match(payload, /req_Zq81LmX2kP0a/, "the clues stay");
  assert.match(await testid(page, "errlens-restored-masked").textContent(), /masked when it was saved/);
  assert.deepEqual(await diagnosisShown(page), before, "the restored draft diagnoses to the same kind and status");
  await testid(page, "errlens-tab-ticket").click();
  const title = await page.locator("#errlens-t-title").inputValue();
  assert.ok(title.includes("Charges fail with") && !title.includes(STRIPE), "the ticket title is back, masked");
  assertNoSecret(await everythingStored(page), "after the reload");
  clean(problems);
  await context.close();
});

test("a raw draft written by an earlier version is cleaned on first load", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  await page.evaluate(({ paste, key }) => {
    localStorage.setItem("errlens:draft:v1", JSON.stringify({ view: "diagnose", payload: paste, query: "", tried: [] }));
    localStorage.setItem("errlens:recent:v1", JSON.stringify([`401 ${key}`, "rate limit"]));
  }, { paste: PASTE, key: GITHUB });
  await page.reload();
  await page.evaluate(() => ErrLens.open({}));
  const payload = await testid(page, "errlens-payload-input").inputValue();
  assert.match(payload, /429 Too Many Requests/, "the old draft is restored");
  const stored = await everythingStored(page);
  assertNoSecret(stored, "after the first load");
  assert.ok(!stored.includes("errlens:draft:v1="), "the legacy key is gone");
  assert.match(stored, /rate limit/, "harmless recent searches are kept");
  clean(problems);
  await context.close();
});

test("with configure({persist: false}) nothing is stored, not even masked", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  await page.evaluate(() => ErrLens.configure({ persist: false }));
  await page.evaluate((payload) => ErrLens.open({ view: "diagnose", payload }), PASTE);
  await testid(page, "errlens-diagnosis").waitFor();
  await testid(page, "errlens-tab-search").click();
  await testid(page, "errlens-search-input").fill("rate limit");
  await testid(page, "errlens-results").locator("li").first().click();
  await testid(page, "errlens-entry").waitFor();
  const stored = await everythingStored(page);
  assert.ok(!/errlens/.test(stored), `nothing of the widget is stored: ${stored}`);
  clean(problems);
  await context.close();
});

test("ErrLens.redact names each finding's family and links the rotation page of a live key", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  const r = await page.evaluate((text) => ErrLens.redact(text), `key=${STRIPE} token ${GITHUB} db postgres://sync:${DB_PASSWORD}@db/app`);
  for (const secret of [STRIPE, GITHUB, DB_PASSWORD]) assert.ok(!r.text.includes(secret), `${secret.slice(0, 8)}... is masked`);
  const stripe = r.findings.find((f) => f.kind === "stripe_secret_key");
  assert.equal(stripe?.label, "Stripe live secret key");
  assert.match(stripe?.rotate ?? "", /^https:\/\//, "a live key links its rotation page");
  const password = r.findings.find((f) => f.kind === "url_password");
  assert.equal(password?.label, "Password in a URL");
  assert.equal(password?.rotate, undefined, "no vendor page for a password");
  clean(problems);
  await context.close();
});
