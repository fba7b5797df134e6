// What a user of the widget notices, one behaviour per test: host entries,
// keyboard search, the diagnoser's proof and files, pastes shown as text,
// tickets without secrets that survive a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, openPage, testid, clean, settled, until } from "./harness.mjs";

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

/** The clipboard's text once it holds `marker` (copying is asynchronous), or what it holds after 5 s. */
async function clipboardWith(page, marker) {
  return page.evaluate(async (marker) => {
    let text = "";
    for (let i = 0; i < 100; i++) {
      text = await navigator.clipboard.readText();
      if (text.includes(marker)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return text;
  }, marker);
}


test("host catalogue entries show up in search and diagnosis; a bad one is named and skipped", async () => {
  const { page, context, problems } = await openPage(env, "/host-catalogue.html");
  const warnings = [];
  page.on("console", (m) => { if (m.type() === "warning") warnings.push(m.text()); });
  const r = await page.evaluate(async () => {
    await ErrLens.ready;
    return {
      search: (await ErrLens.search("export lock"))[0]?.id,
      diagnosis: (await ErrLens.diagnose('{"error": {"code": "ACME_EXPORT_LOCKED", "message": "Acme export is locked"}}')).findings[0]?.entry,
      broken: await ErrLens.entry("acme-broken"),
      builtin: (await ErrLens.search("429"))[0]?.id,
    };
  });
  assert.equal(r.search, "acme-export-locked");
  assert.equal(r.diagnosis, "acme-export-locked");
  assert.equal(r.broken, null);
  assert.equal(r.builtin, "http-429", "the built-in catalogue still works");
  const named = () => warnings.some((w) => w.includes("acme-broken") && w.includes("category"));
  await until(named, `a warning naming the entry and field (got: ${warnings})`);
  const result = await page.evaluate(() => ErrLens.configure({ catalogue: { entries: [{ id: "Bad Id", title: "x" }] } }));
  assert.equal(result.problems[0].field, "id");
  clean(problems);
  await context.close();
});

test("keyboard: type, arrows and Enter open 429; Escape closes and focus returns to the launcher", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  await page.evaluate(() => ErrLens.ready);
  await page.keyboard.press("Control+k");
  const input = testid(page, "errlens-search-input");
  await input.waitFor();
  await page.waitForFunction(() => document.querySelector("err-lens").shadowRoot.activeElement?.dataset.testid === "errlens-search-input");
  await page.keyboard.type("too many req");
  const options = testid(page, "errlens-results").locator('[role="option"]');
  await options.first().waitFor();
  const ids = await options.evaluateAll((els) => els.map((e) => e.dataset.entry));
  const position = ids.indexOf("http-429");
  assert.ok(position >= 0 && position < 3, `429 in the first three: ${ids}`);
  for (let i = 0; i < position; i++) await page.keyboard.press("ArrowDown");
  assert.equal(await input.getAttribute("aria-activedescendant"), `errlens-opt-${position}`);
  await page.keyboard.press("Enter");
  await testid(page, "errlens-entry").waitFor();
  assert.equal(await testid(page, "errlens-entry").getAttribute("data-entry"), "http-429");
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector("err-lens").shadowRoot.querySelector("dialog").open);
  // The dialog restores focus itself first; the loader moves it to the launcher on the next task.
  const launcherFocused = () => document.querySelector("err-lens").shadowRoot.activeElement?.dataset.testid === "errlens-launcher";
  await page.waitForFunction(launcherFocused, null, { timeout: 2000 }).catch(() => {});
  const focused = await page.evaluate(() => document.querySelector("err-lens").shadowRoot.activeElement?.dataset.testid);
  assert.equal(focused, "errlens-launcher");
  clean(problems);
  await context.close();
});

test("a 401 with WWW-Authenticate is diagnosed as auth with the header highlighted", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  const paste = 'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nWWW-Authenticate: Bearer realm="api", error="invalid_token", error_description="The access token expired"\r\n\r\n{"message":"Unauthorized"}';
  await page.evaluate((payload) => ErrLens.open({ view: "diagnose", payload }), paste);
  const diagnosis = testid(page, "errlens-diagnosis");
  await diagnosis.waitFor();
  assert.equal(await diagnosis.getAttribute("data-kind"), "auth");
  const marked = await testid(page, "errlens-paste").locator("mark").allTextContents();
  assert.ok(marked.some((m) => /invalid_token|WWW-Authenticate/.test(m)), `the header is highlighted: ${JSON.stringify(marked)}`);
  clean(problems);
  await context.close();
});

test("dropping a HAR file with two failing calls shows both", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  const entry = (url, status, text, body) => ({
    startedDateTime: "2026-11-22T10:00:00.000Z", time: 120,
    request: { method: "GET", url, httpVersion: "HTTP/1.1", headers: [], queryString: [], cookies: [], headersSize: -1, bodySize: 0 },
    response: { status, statusText: text, httpVersion: "HTTP/1.1", headers: [{ name: "Content-Type", value: "application/json" }], cookies: [],
      content: { size: body.length, mimeType: "application/json", text: body }, redirectURL: "", headersSize: -1, bodySize: body.length },
    cache: {}, timings: { send: 1, wait: 100, receive: 19 },
  });
  const har = JSON.stringify({ log: { version: "1.2", creator: { name: "WebInspector", version: "537.36" }, pages: [], entries: [
    entry("https://api.example.com/v1/contacts", 200, "OK", '{"results": []}'),
    entry("https://api.example.com/v1/deals?page=2", 429, "Too Many Requests", '{"message": "You have reached your ten-secondly rate limit."}'),
    entry("https://api.example.com/v1/owners", 403, "Forbidden", '{"message": "This app hasn\'t been granted all required scopes to make this call."}'),
  ] } });
  await page.evaluate(() => ErrLens.open({ view: "diagnose" }));
  const area = testid(page, "errlens-payload-input");
  await area.waitFor();
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "session.har", { type: "application/json" }));
    return dt;
  }, har);
  await area.dispatchEvent("drop", { dataTransfer: transfer });
  const diagnosis = testid(page, "errlens-diagnosis");
  await diagnosis.waitFor();
  const text = await diagnosis.textContent();
  assert.match(text, /429/);
  assert.match(text, /403/);
  clean(problems);
  await context.close();
});

test("a paste with HTML is shown as text and never runs", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  await page.evaluate(() => { window.__xss = 0; });
  const paste = 'HTTP/1.1 500 Internal Server Error\r\n\r\n<img src=x onerror="window.__xss++"><script>window.__xss++</script><svg onload="window.__xss++">';
  await page.evaluate((payload) => ErrLens.open({ view: "diagnose", payload }), paste);
  await testid(page, "errlens-diagnosis").waitFor();
  await settled(page);
  assert.equal(await page.evaluate(() => window.__xss), 0);
  assert.match(await testid(page, "errlens-paste").textContent(), /<img src=x onerror=/);
  assert.equal(await page.evaluate(() => document.querySelector("err-lens").shadowRoot.querySelectorAll("img, svg, script").length), 0);
  clean(problems);
  await context.close();
});

test("a ticket copied from a paste with secrets holds neither secret, keeps the request id, and survives a reload", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  const bearer = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiZXhwIjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlLXNlY3JldC12YWx1ZQ";
  const apiKey = "sk_live_51Hx9QwErTyUiOpAsDfGhJkLzXcVbNm12";
  const paste = `GET /v1/charges?limit=3 HTTP/1.1\nAuthorization: Bearer ${bearer}\n\nHTTP/1.1 401 Unauthorized\nRequest-Id: req_8Fh2Kd93LmQx1\n\n{"error": {"type": "invalid_request_error", "message": "Invalid API Key provided: ${apiKey}"}}`;
  await page.evaluate((payload) => ErrLens.open({ view: "diagnose", payload }), paste);
  await testid(page, "errlens-diagnosis").waitFor();
  await testid(page, "errlens-tab-ticket").click();
  await testid(page, "errlens-ticket").waitFor();
  await testid(page, "errlens-copy-text").click();
  const clipboard = await clipboardWith(page, "req_8Fh2Kd93LmQx1");
  assert.ok(!clipboard.includes(bearer.split(".")[2]) && !clipboard.includes(bearer), "no bearer token in the ticket");
  assert.ok(!clipboard.includes(apiKey), "no API key in the ticket");
  assert.match(clipboard, /req_8Fh2Kd93LmQx1/, "the request id is kept");
  await page.reload();
  await page.evaluate(() => ErrLens.open({}));
  const ticket = testid(page, "errlens-ticket");
  await ticket.waitFor();
  const value = await ticket.locator("#errlens-t-error").inputValue();
  assert.match(value, /req_8Fh2Kd93LmQx1/, "the draft survived the reload");
  assert.ok(!value.includes(apiKey));
  clean(problems);
  await context.close();
});

test("a panic in the wasm shows a readable error with Reload help; the host and the other widget keep working", async () => {
  const { page, context, problems } = await openPage(env, "/two-widgets.html");
  await page.evaluate(() => ErrLens.open({ view: "search", query: "502" }));
  const drawer = page.locator("err-lens[mode=launcher]");
  await drawer.locator('[data-testid="errlens-results"]').waitFor();
  await drawer.locator('[data-testid="errlens-search-input"]').click();
  const error = await page.evaluate(() => ErrLens.debugPanic().then(() => null, (e) => e.message));
  assert.match(error, /internal error/);
  const crashed = page.locator("err-lens[mode=launcher]").locator('[data-testid="errlens-crashed"]');
  await crashed.waitFor();
  assert.match(await crashed.textContent(), /Reload help/);
  const ticks = async () => Number(await page.locator("#ticks").textContent());
  const before = await ticks();
  await page.waitForFunction((b) => Number(document.querySelector("#ticks").textContent) > b, before);
  await crashed.getByRole("button", { name: "Reload help" }).click();
  await page.locator("err-lens[mode=launcher]").locator('[data-testid="errlens-search-input"]').waitFor();
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector("err-lens[mode=launcher]").shadowRoot.querySelector("dialog").open);
  const inline = page.locator("#inline");
  await inline.locator('[data-testid="errlens-search-input"]').fill("401");
  await inline.locator('[data-testid="errlens-results"] [role="option"]').first().waitFor();
  assert.equal((await page.evaluate(() => ErrLens.search("429")))[0].id, "http-429", "the API works on the fresh instance");
  assert.deepEqual(problems.pageErrors, [], "nothing escapes to the host as an uncaught error");
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test("on a German page the loader speaks German too: launcher, crash message and its button; host strings still win", async () => {
  const { page, context, problems } = await openPage(env, "/german.html");
  const button = page.locator("err-lens[mode=launcher]").locator('[data-testid="errlens-launcher"]');
  assert.equal(await button.textContent(), "Hilfe", "the launcher's word before the wasm runs");
  await page.evaluate(() => ErrLens.open({ view: "search", query: "502" }));
  const drawer = page.locator("err-lens[mode=launcher]");
  await drawer.locator('[data-testid="errlens-results"]').waitFor();
  await drawer.locator('[data-testid="errlens-search-input"]').click();
  await page.evaluate(() => ErrLens.debugPanic().catch(() => null));
  const crashed = drawer.locator('[data-testid="errlens-crashed"]');
  await crashed.waitFor();
  assert.match(await crashed.textContent(), /interner? Fehler|internen Fehlers/);
  await crashed.getByRole("button", { name: "Hilfe neu laden" }).click();
  await drawer.locator('[data-testid="errlens-search-input"]').waitFor();
  await page.keyboard.press("Escape");
  await page.evaluate(() => ErrLens.configure({ locale: "fr" }));
  await until(async () => (await button.textContent()) === "Aide", "the launcher follows configure({locale})");
  await page.evaluate(() => ErrLens.configure({ strings: { launcher: "Support" } }));
  await until(async () => (await button.textContent()) === "Support", "the host's own word wins");
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(problems.foreign, []);
  await context.close();
});

test("a pasted JWT is inspected: issuer, scopes and 'expired ... ago', never the signature", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const exp = Math.floor(Date.now() / 1000) - 3 * 3600;
  const signature = "QmFkU2lnbmF0dXJlVmFsdWVUaGF0TXVzdE5vdFNob3c";
  const jwt = `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ iss: "https://login.acme.example/", aud: "api://sync", sub: "svc-sync", scope: "contacts.read deals.read", exp, iat: exp - 3600 })}.${signature}`;
  const paste = `HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token", error_description="The token expired"\n\nAuthorization: Bearer ${jwt}`;
  await page.evaluate((payload) => ErrLens.open({ view: "diagnose", payload }), paste);
  const panel = testid(page, "errlens-jwt");
  await panel.waitFor();
  const text = await panel.textContent();
  assert.match(text, /login\.acme\.example/);
  assert.match(text, /contacts\.read/);
  assert.match(await testid(page, "errlens-jwt-expiry").textContent(), /expired 3 h ago/);
  const shadowText = await page.evaluate(() => document.querySelector("err-lens").shadowRoot.textContent);
  assert.ok(!shadowText.includes(signature), "the signature is never shown");
  clean(problems);
  await context.close();
});

test("a false positive can be unmasked in the ticket; the real secret stays masked", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  const key = "sk_live_51Hx9QwErTyUiOpAsDfGhJkLzXcVbNm12";
  const paste = `HTTP/1.1 403 Forbidden\nX-Request-Id: 5f0c2a9e-77aa-4d0e-9a57-0c1e2f3a4b5c\n\n{"error": {"message": "Invalid API Key provided: ${key}"}, "api_key": "Zq8Vt3LmN5pR2sW7yX1cB4dF6gH9jK0a"}`;
  await page.evaluate((payload) => ErrLens.open({ view: "ticket", payload }), paste);
  const masked = testid(page, "errlens-masked");
  await masked.waitFor();
  await masked.locator("summary").click();
  const boxes = masked.locator('input[type="checkbox"]');
  assert.ok((await boxes.count()) >= 2, "both secrets are listed");
  const error = page.locator("err-lens").locator("#errlens-t-error");
  assert.ok(!(await error.inputValue()).includes("Zq8Vt3LmN5pR2sW7yX1cB4dF6gH9jK0a"));
  const labels = await masked.locator("label").allTextContents();
  const apiKeyIndex = labels.findIndex((l) => /api key/i.test(l));
  assert.ok(apiKeyIndex >= 0, `an api key finding is listed: ${labels}`);
  await boxes.nth(apiKeyIndex).check();
  await page.waitForFunction(() => document.querySelector("err-lens").shadowRoot.querySelector("#errlens-t-error").value.includes("Zq8Vt3LmN5pR2sW7yX1cB4dF6gH9jK0a"));
  await testid(page, "errlens-copy-text").click();
  const clipboard = await clipboardWith(page, "Zq8Vt3LmN5pR2sW7yX1cB4dF6gH9jK0a");
  assert.match(clipboard, /Zq8Vt3LmN5pR2sW7yX1cB4dF6gH9jK0a/, "the unmasked value is in the copied ticket");
  assert.ok(!clipboard.includes(key), "the live key stays masked");
  clean(problems);
  await context.close();
});

test("recent searches are offered when the query is empty", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  await page.evaluate(() => ErrLens.open({ view: "search" }));
  const input = testid(page, "errlens-search-input");
  await input.fill("gateway timeout");
  await testid(page, "errlens-results").locator('[role="option"]').first().waitFor();
  await page.keyboard.press("Enter");
  await testid(page, "errlens-entry").waitFor();
  await testid(page, "errlens-tab-search").click();
  await input.fill("");
  const recent = testid(page, "errlens-recent");
  await recent.waitFor();
  await recent.getByRole("button", { name: "gateway timeout" }).click();
  assert.equal(await input.inputValue(), "gateway timeout");
  clean(problems);
  await context.close();
});

test("right-to-left pages mirror the launcher and the drawer", async () => {
  const { page, context, problems } = await openPage(env, "/rtl.html", { viewport: { width: 1000, height: 700 } });
  const launcher = testid(page, "errlens-launcher");
  const button = await launcher.boundingBox();
  assert.ok(button.x < 200, `the launcher sits on the left: x=${button.x}`);
  await launcher.click();
  await testid(page, "errlens-search-input").waitFor();
  // Measured once the drawer's opening animation is over.
  await page.waitForFunction(() => document.querySelector("err-lens").shadowRoot.querySelector("dialog").getAnimations({ subtree: true }).every((a) => a.playState !== "running"));
  const dialog = await page.locator("err-lens").locator("dialog").boundingBox();
  assert.ok(dialog.x < 5, `the drawer opens from the left edge: x=${dialog.x}`);
  clean(problems);
  await context.close();
});

test("a 6 MB paste is diagnosed in a worker: the buried error found, the cut noted", async () => {
  const { page, context, problems } = await openPage(env, "/tt/plain.html");
  await page.evaluate(() => ErrLens.ready);
  const result = await page.evaluate(async () => {
    const line = "2026-11-22T10:00:00.000Z INFO  extract contacts page=1 rows=2000 elapsed_ms=412\n";
    const noise = line.repeat(Math.ceil((6 * 1024 * 1024) / line.length));
    const paste = noise.slice(0, 5.8 * 1024 * 1024) + "HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n\n" + noise.slice(5.8 * 1024 * 1024);
    await ErrLens.open({ view: "diagnose", payload: paste });
    const started = performance.now();
    const root = document.querySelector("err-lens").shadowRoot;
    while (!root.querySelector('[data-testid="errlens-diagnosis"]') && performance.now() - started < 20000) await new Promise((r) => setTimeout(r, 50));
    const d = await ErrLens.diagnose(paste);
    const sawWorker = () => performance.getEntriesByType("resource").some((e) => /\/errlens-worker\.[0-9a-f]+\.js(\?|$)/.test(e.name));
    const asked = performance.now();
    while (!sawWorker() && performance.now() - asked < 5000) await new Promise((r) => requestAnimationFrame(r));
    const worker = sawWorker();
    return { kind: root.querySelector('[data-testid="errlens-diagnosis"]')?.dataset.kind, api: d.kind, truncated: d.input.truncated, notes: d.notes, worker };
  });
  assert.equal(result.kind, "rate_limit", "the view shows the buried 429");
  assert.equal(result.api, "rate_limit");
  assert.ok(result.truncated && result.notes.length > 0, "the cut is noted");
  assert.ok(result.worker, "the paste went to the worker, not the page's main thread (main-thread task lengths are in tests/bench/diagnose.mjs)");
  assert.deepEqual(problems.pageErrors, []);
  assert.deepEqual(await page.evaluate(() => window.__violations), [], "the worker runs under the strict CSP with Trusted Types");
  await context.close();
});

test("search: a generic question shows the generic entry first with vendor cases under it; the host's integration lifts its own entry, in the panel and the API", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  await page.evaluate(() => ErrLens.open({ view: "search", query: "rate limit" }));
  const drawer = page.locator("err-lens[mode=launcher]");
  const options = drawer.locator('[data-testid="errlens-results"] [role="option"]');
  await options.first().waitFor();
  assert.equal(await options.first().getAttribute("data-entry"), "rate-limit", "the generic entry comes first");
  const second = options.nth(1);
  assert.equal(await second.getAttribute("data-parent"), "rate-limit", "a vendor's case is shown under it");
  const indent = await second.evaluate((li) => parseFloat(getComputedStyle(li).marginInlineStart));
  assert.ok(indent > 0, `the vendor case is indented under its parent (${indent}px)`);
  const api = await page.evaluate(() => ErrLens.search("rate limit"));
  assert.equal(api[0].id, "rate-limit");
  assert.equal(api[1].parent, "rate-limit");

  await page.evaluate(() => ErrLens.setContext({ integration: "salesforce" }));
  await page.waitForFunction(() => document.querySelector("err-lens[mode=launcher]").shadowRoot.querySelector('[data-testid="errlens-results"] [role="option"]')?.dataset.entry === "salesforce-request-limit-exceeded");
  assert.equal((await page.evaluate(() => ErrLens.search("rate limit")))[0].id, "salesforce-request-limit-exceeded", "the API ranks the same way");
  await page.evaluate(() => ErrLens.setContext({ integration: "acme-crm" }));
  await page.waitForFunction(() => document.querySelector("err-lens[mode=launcher]").shadowRoot.querySelector('[data-testid="errlens-results"] [role="option"]')?.dataset.entry === "rate-limit");
  clean(problems);
  await context.close();
});

test("search: a whole 429 log line pasted into the search box shows the diagnosis first, then the results", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  await page.evaluate(() => ErrLens.open({ view: "search" }));
  const drawer = page.locator("err-lens[mode=launcher]");
  const input = drawer.getByTestId("errlens-search-input");
  await input.waitFor();
  await input.fill("2026-11-29T10:02:11Z ERROR sync orders failed: HTTP/1.1 429 Too Many Requests (Retry-After: 30)");
  const looks = drawer.getByTestId("errlens-looks-like");
  await looks.waitFor();
  assert.match(await looks.textContent(), /Looks like/);
  assert.match(await looks.getAttribute("data-entry"), /429|rate-limit/);
  const order = await drawer.locator(".el-search").evaluate((s) => {
    const a = s.querySelector('[data-testid="errlens-looks-like"]');
    const b = s.querySelector('[data-testid="errlens-results"]');
    return a && b ? a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
  });
  assert.ok(order, "the finding is above the search results");
  await looks.getByRole("button", { name: "Diagnose this message" }).click();
  await drawer.getByTestId("errlens-diagnosis").waitFor();
  assert.equal(await drawer.getByTestId("errlens-diagnosis").getAttribute("data-kind"), "rate_limit");
  // A plain search shows no such line.
  await drawer.getByTestId("errlens-tab-search").click();
  await input.fill("rate limit");
  await drawer.locator('[data-testid="errlens-results"] [role="option"]').first().waitFor();
  assert.equal(await drawer.getByTestId("errlens-looks-like").count(), 0);
  clean(problems);
  await context.close();
});
