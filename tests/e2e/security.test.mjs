// Security of the widget inside someone else's page (issue 8, item 4), one
// behaviour per test: the strictest CSP with Trusted Types raises no
// violation; a hostile host stylesheet changes nothing inside the widget;
// XSS vectors as pastes, queries and host catalogue entries never run; a
// whole session asks nothing of any other origin; a host with its own
// `ErrLens` global and custom element keeps both working beside two widgets.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, openPage, testid, clean, settled, until } from "./harness.mjs";

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });


const PASTE_401 = 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error="invalid_token"\r\nRequest-Id: req_7Hq2\r\n\r\n{"message":"Unauthorized"}';

test("Trusted Types CSP: open, search, entry, diagnose, ticket, copy, close with no violation and no console error", async () => {
  const { page, context, problems, violations } = await openPage(env, "/tt/plain.html");
  await testid(page, "errlens-launcher").click();
  await testid(page, "errlens-search-input").fill("too many req");
  await testid(page, "errlens-results").locator('[data-entry="http-429"]').click();
  await testid(page, "errlens-entry").waitFor();
  await testid(page, "errlens-tab-diagnose").click();
  await testid(page, "errlens-payload-input").fill(PASTE_401);
  await testid(page, "errlens-diagnosis").and(page.locator('[data-kind="auth"]')).waitFor();
  await testid(page, "errlens-tab-ticket").click();
  await testid(page, "errlens-ticket").waitFor();
  await testid(page, "errlens-copy-markdown").click();
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector("err-lens").shadowRoot.querySelector("dialog").open);
  await settled(page);
  assert.deepEqual(await violations(), [], "no securitypolicyviolation");
  clean(problems);
  // The control: the policy is really enforced, so the empty list above means something.
  const enforced = await page.evaluate(() => { try { document.createElement("div").innerHTML = "<b>x</b>"; return false; } catch { return true; } });
  assert.ok(enforced, "Trusted Types is enforced on this page");
  await context.close();
});

test("Trusted Types CSP: the page mode index and a deep link, with no violation", async () => {
  const { page, context, problems, violations } = await openPage(env, "/tt/a11y-page.html");
  await testid(page, "errlens-index").waitFor();
  await testid(page, "errlens-index").locator('a[href$="#errlens/http-503"]').click();
  await testid(page, "errlens-entry").and(page.locator('[data-entry="http-503"]')).waitFor();
  assert.equal(new URL(page.url()).hash, "#errlens/http-503");
  await page.goBack();
  await testid(page, "errlens-index").waitFor();
  assert.deepEqual(await violations(), [], "no securitypolicyviolation");
  clean(problems);
  await context.close();
});

// Computed styles compared between the plain and the hostile page: the ones a
// global reset would change.
const STYLE_KEYS = ["display", "position", "color", "backgroundColor", "fontSize", "fontFamily", "fontStyle", "fontWeight",
  "lineHeight", "letterSpacing", "wordSpacing", "textTransform", "textAlign", "textIndent", "textShadow", "textDecorationLine",
  "whiteSpace", "marginTop", "marginLeft", "paddingTop", "paddingLeft", "borderTopWidth", "borderTopStyle", "boxSizing",
  "listStyleType", "listStylePosition", "cursor", "visibility", "webkitTextFillColor", "wordBreak", "opacity"];

/** Box and computed style of the launcher and of every element in the open dialog. */
async function look(page) {
  return page.evaluate((keys) => {
    const root = document.querySelector("err-lens").shadowRoot;
    const describe = (el) => {
      const b = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return { el: `${el.tagName.toLowerCase()}.${el.className}`, box: [b.x, b.y, b.width, b.height].map(Math.round), ...Object.fromEntries(keys.map((k) => [k, s[k]])) };
    };
    const dialog = root.querySelector("dialog");
    return { launcher: describe(root.querySelector(".el-launcher")), dialog: dialog.open ? [dialog, ...dialog.querySelectorAll("*")].map(describe) : [] };
  }, STYLE_KEYS);
}

/** The first few differences between two looks, readable, or null. */
function firstDifference(plain, hostile) {
  const flat = (l) => [l.launcher, ...l.dialog];
  const [a, b] = [flat(plain), flat(hostile)];
  if (a.length !== b.length) return `different element counts: ${a.length} vs ${b.length}`;
  const found = [];
  for (let i = 0; i < a.length && found.length < 6; i++) {
    for (const key of Object.keys(a[i])) {
      if (JSON.stringify(a[i][key]) !== JSON.stringify(b[i][key])) found.push(`${a[i].el} ${key}: ${JSON.stringify(a[i][key])} on the plain page, ${JSON.stringify(b[i][key])} on the hostile one`);
    }
  }
  return found.length ? found.join("; ") : null;
}

async function settle(page) {
  await page.evaluate(async () => {
    const root = document.querySelector("err-lens").shadowRoot;
    await Promise.all([...document.getAnimations(), ...root.getAnimations()].map((a) => a.finished.catch(() => {})));
  });
}

test("a hostile host stylesheet does not change the closed launcher before the widget's stylesheet loads", async () => {
  const plain = await openPage(env, "/hostile-control.html");
  const hostile = await openPage(env, "/hostile.html");
  const looks = [];
  for (const side of [plain, hostile]) {
    await side.page.evaluate(() => ErrLens.ready);
    looks.push(await look(side.page));
  }
  const difference = firstDifference(...looks);
  assert.equal(difference, null, `closed launcher: ${difference}. Until the first open only the loader's own sheet styles the button, ` +
    "and it inherits from the <err-lens> element, which host rules like `* {...!important}` reach: errlens.js baseSheet should start the .el-launcher rule with `all:initial;`");
  clean(plain.problems);
  clean(hostile.problems);
  await plain.context.close();
  await hostile.context.close();
});

// The same steps on both pages; each step leaves a view to compare.
const STEPS = [
  ["search with results", async (page) => {
    await testid(page, "errlens-launcher").click();
    await testid(page, "errlens-search-input").fill("too many req");
    await testid(page, "errlens-results").locator('[data-entry="http-429"]').waitFor();
  }],
  ["an entry", async (page) => { await testid(page, "errlens-results").locator('[data-entry="http-429"]').click(); await testid(page, "errlens-entry").waitFor(); }],
  ["a diagnosis", async (page) => {
    await testid(page, "errlens-tab-diagnose").click();
    await testid(page, "errlens-payload-input").fill(PASTE_401);
    await testid(page, "errlens-diagnosis").waitFor();
  }],
  ["the ticket", async (page) => { await testid(page, "errlens-tab-ticket").click(); await testid(page, "errlens-ticket").waitFor(); }],
];

test("a hostile host stylesheet changes nothing in the open dialog, nor the launcher once styled", async () => {
  const plain = await openPage(env, "/hostile-control.html");
  const hostile = await openPage(env, "/hostile.html");
  assert.equal(await hostile.page.evaluate(() => getComputedStyle(document.querySelector("h1")).letterSpacing), "4px", "the hostile stylesheet is applied to the host");
  for (const [name, step] of STEPS) {
    const looks = [];
    for (const side of [plain, hostile]) {
      await step(side.page);
      await settle(side.page);
      looks.push(await look(side.page));
    }
    const difference = firstDifference(...looks);
    assert.equal(difference, null, `${name}: ${difference}`);
    const [a, b] = await Promise.all([plain, hostile].map((side) => side.page.locator("err-lens dialog").screenshot({ animations: "disabled", caret: "hide" })));
    assert.ok(a.equals(b), `${name}: the dialog looks the same pixel for pixel`);
  }
  clean(plain.problems);
  clean(hostile.problems);
  await plain.context.close();
  await hostile.context.close();
});

// XSS vectors after the OWASP cheat sheets (XSS Filter Evasion, XSS
// Prevention). Each would bump window.__xss (or call alert) if it ever ran.
const BUMP = "window.__xss++";
const VECTORS = [
  `<script>${BUMP}</script>`,
  `<img src=x onerror="${BUMP}">`,
  `<img src=x onerror=alert(1)>`,
  `<svg onload="${BUMP}">`,
  `"><svg/onload=__xss++>`,
  `<svg><script>${BUMP}</script></svg>`,
  `<svg><animate onbegin="${BUMP}" attributeName="x" dur="1s">`,
  `<body onload="${BUMP}">`,
  `<iframe src="javascript:parent.__xss++"></iframe>`,
  `"><iframe srcdoc="<script>parent.__xss++</script>">`,
  `'><script>${BUMP}</script>`,
  `<a href="javascript:${BUMP}">open help</a>`,
  `javascript:${BUMP}`,
  `<details open ontoggle="${BUMP}">`,
  `<input autofocus onfocus="${BUMP}">`,
  `<video><source onerror="${BUMP}"></video>`,
  `<object data="javascript:parent.__xss++"></object>`,
  `<embed src="javascript:parent.__xss++">`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${BUMP}">`,
  `<noscript><p title="</noscript><img src=x onerror=${BUMP}>">`,
  `</textarea><script>${BUMP}</script>`,
  `</title></style></pre><img src=x onerror=${BUMP}>`,
  `<scr<script>ipt>${BUMP}</scr</script>ipt>`,
  `<IMG SRC=JaVaScRiPt:${BUMP}>`,
  `<img src=x onerror=&#x77;&#x69;ndow.__xss++>`,
  `{{constructor.constructor('${BUMP}')()}}`,
  `\${${BUMP}}`,
  `<div style="background-image:url(javascript:${BUMP})">x</div>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${BUMP}">`,
  `<form><button formaction="javascript:${BUMP}">go</button></form>`,
  `<img src="https://evil.example/steal.png" onerror="${BUMP}">`,
  `<style>@keyframes x{}</style><div style="animation-name:x" onanimationstart="${BUMP}"></div>`,
  `javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+${BUMP}//'>`,
];

/** Arms the counters: window.__xss, alert/confirm/prompt, dialogs, and the elements present now. */
async function arm(page) {
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.evaluate(() => {
    window.__xss = 0;
    for (const name of ["alert", "confirm", "prompt", "print"]) window[name] = () => { window.__xss++; };
    window.__known = new WeakSet();
    const roots = () => [document, ...[...document.querySelectorAll("err-lens")].map((e) => e.shadowRoot).filter(Boolean)];
    window.__roots = roots;
    for (const r of roots()) for (const el of r.querySelectorAll("*")) window.__known.add(el);
  });
  return dialogs;
}

const DANGEROUS = "script, img, iframe, frame, svg, math, object, embed, video, audio, source, form, meta, base, style, link:not([rel=stylesheet]), noscript, marquee, input[autofocus], a[href^='javascript' i], [onerror], [onload], [onclick], [onfocus], [ontoggle], [onbegin], [onanimationstart], [srcdoc], [formaction]";

/** Fails if any vector ran or left an element that could run. */
async function assertInert(page, dialogs, where) {
  await settled(page); // onerror, onload and autofocus fire within a task or two
  const r = await page.evaluate((selector) => ({
    xss: window.__xss,
    added: window.__roots().flatMap((root) => [...root.querySelectorAll(selector)]).filter((el) => !window.__known.has(el)).map((el) => el.outerHTML.slice(0, 100)),
  }), DANGEROUS);
  assert.equal(r.xss, 0, `${where}: a vector ran`);
  assert.deepEqual(r.added, [], `${where}: no script, img, iframe or handler element was created`);
  assert.deepEqual(dialogs, [], `${where}: no alert or dialog`);
}

test(`${VECTORS.length} XSS vectors pasted as payloads never run and show as text, in the diagnosis and the ticket`, async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  await page.evaluate(() => ErrLens.ready);
  const dialogs = await arm(page);
  for (const [i, vector] of VECTORS.entries()) {
    const paste = `HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\nX-Request-Id: ${vector}\r\n\r\n<html><body>${vector}</body></html>\n{"error": {"message": ${JSON.stringify(vector)}}}`;
    await page.evaluate((payload) => ErrLens.open({ view: "diagnose", payload }), paste);
    const shown = testid(page, "errlens-paste");
    await shown.filter({ hasText: vector.slice(0, 20) }).waitFor({ state: "attached" });
    assert.ok((await shown.textContent()).includes(vector), `vector ${i} is shown as text in the paste`);
    await assertInert(page, dialogs, `paste ${i} ${vector}`);
  }
  await page.evaluate(() => ErrLens.open({ view: "ticket" }));
  await testid(page, "errlens-ticket").waitFor();
  await testid(page, "errlens-ticket").locator("details").evaluate((d) => { d.open = true; });
  await assertInert(page, dialogs, "ticket from the last paste");
  clean(problems);
  await context.close();
});

test(`${VECTORS.length} XSS vectors typed as search queries never run and show as text`, async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  await page.evaluate(() => ErrLens.ready);
  const dialogs = await arm(page);
  await testid(page, "errlens-launcher").click();
  const input = testid(page, "errlens-search-input");
  await input.waitFor();
  for (const [i, vector] of VECTORS.entries()) {
    if (i % 8 === 0) await input.pressSequentially(vector, { delay: 0 });
    else await input.fill(vector);
    await testid(page, "errlens-results").waitFor();
    assert.equal(await input.inputValue(), vector);
    await assertInert(page, dialogs, `query ${i} ${vector}`);
    await input.fill("");
  }
  // A query with no result echoes itself back: as text.
  const echoed = `"><svg/onload=__xss++>`;
  await input.fill(echoed);
  await testid(page, "errlens-results").filter({ hasText: "svg/onload" }).waitFor();
  assert.ok((await testid(page, "errlens-results").textContent()).includes(echoed), "the echoed query is text");
  await assertInert(page, dialogs, "echoed query");
  clean(problems);
  await context.close();
});

/** One host catalogue entry per vector, the vector in every text field. */
function hostileEntries() {
  return VECTORS.map((vector, i) => ({
    id: `acme-xss-${i}`,
    title: `Acme xss ${i} ${vector}`.slice(0, 120),
    category: "integration_extraction",
    kind: "server",
    error_type: "sync",
    layer: "source_api",
    codes: [`ACME_XSS_${i}`],
    patterns: [`acme xss pattern ${i}`],
    aliases: [vector],
    summary: `Summary ${vector}`,
    meaning: `Meaning ${vector}`,
    causes: [`Cause ${vector}`],
    fixes: [`Fix one ${vector}`, `Fix two ${vector}`],
    references: [vector, `javascript:${BUMP}`, "https://evil.example/docs"],
    action: "contact_support",
    retryable: "no",
    severity: "error",
    related: ["http-500"],
  }));
}

test(`host catalogue entries carrying ${VECTORS.length} XSS vectors never run: search, entry, diagnosis`, async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  await page.evaluate(() => ErrLens.ready);
  const dialogs = await arm(page);
  const result = await page.evaluate((catalogue) => ErrLens.configure({ catalogue }), { entries: hostileEntries() });
  assert.deepEqual(result.problems, [], "every hostile entry is accepted, so it is really rendered");
  await page.evaluate(() => ErrLens.open({ view: "search", query: "acme xss" }));
  await testid(page, "errlens-results").locator('[data-entry^="acme-xss-"]').first().waitFor();
  await assertInert(page, dialogs, "search results");
  for (const [i, vector] of VECTORS.entries()) {
    await page.evaluate((entry) => ErrLens.open({ view: "entry", entry }), `acme-xss-${i}`);
    const entry = testid(page, "errlens-entry").and(page.locator(`[data-entry="acme-xss-${i}"]`));
    await entry.waitFor();
    const text = await entry.textContent();
    assert.ok(text.includes(`Fix two ${vector}`) && text.includes(`Meaning ${vector}`), `entry ${i} shows its fields as text`);
    await assertInert(page, dialogs, `entry ${i} ${vector}`);
  }
  await page.evaluate(() => ErrLens.open({ view: "diagnose", payload: '{"error": {"code": "ACME_XSS_3", "message": "failed"}}' }));
  await testid(page, "errlens-diagnosis").and(page.locator('[data-entry="acme-xss-3"]')).waitFor();
  await assertInert(page, dialogs, "diagnosis naming a hostile entry");
  clean(problems);
  await context.close();
});

test("host catalogue entries carrying XSS vectors never run in the page mode index", async () => {
  const { page, context, problems } = await openPage(env, "/a11y-page.html");
  await testid(page, "errlens-index").waitFor();
  const dialogs = await arm(page);
  const result = await page.evaluate((catalogue) => ErrLens.configure({ catalogue }), { entries: hostileEntries() });
  assert.deepEqual(result.problems, []);
  await testid(page, "errlens-index").locator('a[href$="#errlens/acme-xss-0"]').waitFor();
  assert.ok((await testid(page, "errlens-index").textContent()).includes(`Summary ${VECTORS[8]}`), "the summaries are text");
  await assertInert(page, dialogs, "page mode index");
  clean(problems);
  await context.close();
});

test("a hostile deep link hash is ignored and runs nothing", async () => {
  const { page, context, problems } = await openPage(env, "/a11y-page.html");
  await testid(page, "errlens-index").waitFor();
  const dialogs = await arm(page);
  await page.evaluate((vector) => { location.hash = "#errlens/" + vector; }, VECTORS[1]);
  await page.evaluate(() => { location.hash = "#errlens/\"><svg onload=window.__xss++>"; });
  await settled(page);
  assert.ok(await testid(page, "errlens-index").isVisible(), "the index stays");
  await assertInert(page, dialogs, "hash");
  clean(problems);
  await context.close();
});

test("a whole session over every view asks nothing of any origin but the page's own", async () => {
  const { page, context, problems } = await openPage(env, "/plain.html");
  await page.evaluate((entries) => ErrLens.configure({ catalogue: { entries } }), hostileEntries().slice(0, 3));
  await testid(page, "errlens-launcher").click();
  await testid(page, "errlens-search-input").fill("");
  await testid(page, "errlens-browse").locator("button.el-category").first().click();
  await testid(page, "errlens-search-input").fill("acme xss");
  await testid(page, "errlens-results").locator('[data-entry="acme-xss-0"]').click();
  await testid(page, "errlens-entry").waitFor();
  await testid(page, "errlens-action").click();
  await testid(page, "errlens-tab-diagnose").click();
  const paste = 'GET https://api.example.com/v1/contacts HTTP/1.1\nHost: api.example.com\n\nHTTP/1.1 302 Found\nLocation: https://login.example.net/authorize\n\n<img src="https://evil.example/pixel.gif"><link rel="stylesheet" href="https://cdn.example.org/x.css">\nHTTP/1.1 503 Service Unavailable\nRetry-After: 120\n';
  await testid(page, "errlens-payload-input").fill(paste);
  await testid(page, "errlens-diagnosis").waitFor();
  await testid(page, "errlens-tab-ticket").click();
  await testid(page, "errlens-ticket").waitFor();
  await testid(page, "errlens-copy-text").click();
  await page.keyboard.press("Escape");
  await page.goto(env.origin + "/a11y-page.html#errlens/http-429");
  await testid(page, "errlens-entry").waitFor();
  await page.evaluate(() => { location.hash = ""; });
  await testid(page, "errlens-index").locator('a[href$="#errlens/http-503"]').click();
  await testid(page, "errlens-entry").and(page.locator('[data-entry="http-503"]')).waitFor();
  await settled(page);
  const resources = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name).filter((u) => !u.startsWith(location.origin)));
  assert.deepEqual(resources, [], "no resource from another origin");
  clean(problems);
  await context.close();
});

test("a host with its own ErrLens global and custom element keeps both, beside two widgets and the launcher", async () => {
  const { page, context, problems } = await openPage(env, "/coexist.html");
  const mod = await page.evaluate(async () => {
    const m = await import("/errlens/errlens.js");
    await m.ready;
    const hits = await m.search("429");
    const d = await m.diagnose("HTTP/1.1 429 Too Many Requests\r\n\r\n");
    return { first: hits[0]?.id, kind: d.kind, global: JSON.stringify(window.ErrLens) };
  });
  assert.equal(mod.global, '{"mine":true}', "the host's own global is not overwritten");
  assert.equal(mod.first, "http-429", "the module's search export works");
  assert.equal(mod.kind, "rate_limit", "the module's diagnose export works");

  const acme = page.locator("acme-widget button");
  await acme.click();
  await acme.click();
  assert.equal(await acme.textContent(), "Acme clicks: 2", "the host's custom element still works");

  const [first, second] = [page.locator("err-lens:not([mode])").nth(0), page.locator("err-lens:not([mode])").nth(1)];
  await first.locator('[data-testid="errlens-payload-input"]').fill(PASTE_401);
  await first.locator('[data-testid="errlens-diagnosis"]').and(page.locator('[data-kind="auth"]')).waitFor();
  await second.locator('[data-testid="errlens-search-input"]').fill("gateway timeout");
  await second.locator('[data-testid="errlens-results"] [data-entry="http-504"]').waitFor();
  assert.equal(await first.locator('[data-testid="errlens-search-input"]').count(), 0, "the first widget stays on its diagnosis");
  assert.equal(await second.locator('[data-testid="errlens-diagnosis"]').count(), 0, "the second widget stays on its search");

  await page.evaluate(async () => (await import("/errlens/errlens.js")).open({ view: "entry", entry: "http-401" }));
  const launcher = page.locator("err-lens[mode=launcher]");
  await launcher.locator('[data-testid="errlens-entry"][data-entry="http-401"]').waitFor();
  assert.ok(await launcher.locator("dialog").evaluate((d) => d.open), "the launcher opens through the module's open export");
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector("err-lens[mode=launcher]").shadowRoot.querySelector("dialog").open);
  await page.keyboard.press("Control+k");
  await launcher.locator("dialog[open]").waitFor();
  assert.equal(await page.evaluate(() => customElements.get("acme-widget") !== customElements.get("err-lens")), true);
  assert.equal(await page.evaluate(() => JSON.stringify(window.ErrLens)), '{"mine":true}', "still the host's global at the end");
  clean(problems);
  await context.close();
});

const SHARED_DRAFT = "errlens.js mount() keys every id-less inline widget's draft as \"inline\", so one widget restores or overwrites " +
  "the other's; key it by id, else by mode plus the element's position among the id-less <err-lens> of that mode";

test("two widgets without ids keep their own views and drafts, also across a reload", async () => {
  const { page, context, problems } = await openPage(env, "/two-drafts.html");
  const [first, second] = [page.locator("err-lens").nth(0), page.locator("err-lens").nth(1)];
  const views = async () => Promise.all([first, second].map((w) => w.evaluate((el) => {
    const root = el.shadowRoot;
    return root.querySelector("[data-testid=errlens-payload-input]") ? "diagnose" : root.querySelector("[data-testid=errlens-search-input]") ? "search" : "none";
  })));
  await first.locator(".el-app").waitFor();
  await second.locator(".el-app").waitFor();
  assert.deepEqual(await views(), ["diagnose", "search"], `each widget opens on its own view: ${SHARED_DRAFT}`);
  await first.locator('[data-testid="errlens-payload-input"]').fill(PASTE_401);
  await first.locator('[data-testid="errlens-diagnosis"]').waitFor();
  await second.locator('[data-testid="errlens-search-input"]').fill("gateway timeout");
  await second.locator('[data-testid="errlens-results"] [data-entry="http-504"]').waitFor();
  // Reload once both drafts are saved.
  await page.waitForFunction(() => Object.entries(localStorage).filter(([k, v]) => k.startsWith("errlens:draft") && /gateway timeout|401/.test(v)).length >= 2);
  await page.reload();
  await first.locator(".el-app").waitFor();
  await second.locator(".el-app").waitFor();
  await settled(page);
  assert.deepEqual(await views(), ["diagnose", "search"], `after a reload each widget is on its own view: ${SHARED_DRAFT}`);
  assert.equal(await first.locator('[data-testid="errlens-payload-input"]').inputValue(), PASTE_401.replace(/\r\n/g, "\n"), `the paste survives: ${SHARED_DRAFT}`);
  assert.equal(await second.locator('[data-testid="errlens-search-input"]').inputValue(), "gateway timeout");
  clean(problems);
  await context.close();
});
