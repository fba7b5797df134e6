// Accessibility of the widget (issue 8, item 5), one behaviour per test:
// axe-core finds no violation on any view in the light and dark themes; a
// keyboard-only user can do the whole job; the drawer is a real modal dialog
// that leaves the host page inert; the diagnosis is announced; reduced motion
// is honoured; the widget works at 320 px wide and at 200% zoom.
//
// The host pages (pages/a11y.html, pages/a11y-page.html) have their own
// landmarks, so axe judges the widget inside a well-formed page; axe reaches
// into the widget's open shadow root by itself.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { setup, openPage, testid, clean, settled, until } from "./harness.mjs";

const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));
const PASTE_401 = 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error="invalid_token"\r\n\r\n';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });


/** Waits until no animation runs in the page or in any widget, so axe reads settled colours. */
async function settle(page) {
  await page.evaluate(async () => {
    const roots = [document, ...[...document.querySelectorAll("err-lens")].map((e) => e.shadowRoot).filter(Boolean)];
    await Promise.all(roots.flatMap((r) => r.getAnimations()).map((a) => a.finished.catch(() => {})));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

/** axe-core's violations for the whole document, shadow roots included, in a readable form. */
async function axeViolations(page) {
  await settle(page);
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" >> ") + " | " + n.failureSummary.replace(/\s+/g, " ")).join("; ")}`);
  });
}

const open = (page, options) => page.evaluate((o) => ErrLens.open(o), options);
const shadowActive = (page) => page.evaluate(() => document.querySelector("err-lens").shadowRoot.activeElement?.dataset.testid || null);

// Every view a user can reach, with how to get there and what proves it is shown.
const VIEWS = [
  { name: "launcher closed", path: "/a11y.html", async show(page) {
    await page.evaluate(() => ErrLens.ready);
    await testid(page, "errlens-launcher").waitFor();
  } },
  { name: "search with results", path: "/a11y.html", async show(page) {
    await open(page, { view: "search", query: "too many req" });
    await testid(page, "errlens-results").locator('[role="option"]').first().waitFor();
  } },
  { name: "search with no result", path: "/a11y.html", async show(page) {
    await open(page, { view: "search", query: "zzqxv wqjjk" });
    await testid(page, "errlens-results").filter({ hasText: "zzqx" }).waitFor();
  } },
  { name: "category list", path: "/a11y.html", async show(page) {
    await open(page, { view: "search", query: "" });
    await testid(page, "errlens-browse").locator("button.el-category").first().waitFor();
  } },
  { name: "one category's entries", path: "/a11y.html", async show(page) {
    await open(page, { view: "search", query: "" });
    await testid(page, "errlens-browse").locator("button.el-category").first().click();
    await testid(page, "errlens-browse").locator("a.el-link").first().waitFor();
  } },
  { name: "an entry", path: "/a11y.html", async show(page) {
    await open(page, { view: "entry", entry: "http-429" });
    await testid(page, "errlens-entry").waitFor();
  } },
  { name: "diagnose, empty", path: "/a11y.html", async show(page) {
    await open(page, { view: "diagnose", payload: "" });
    await testid(page, "errlens-payload-input").waitFor();
  } },
  { name: "diagnose with a diagnosis", path: "/a11y.html", async show(page) {
    await open(page, { view: "diagnose", payload: PASTE_401 });
    await testid(page, "errlens-diagnosis").and(page.locator('[data-kind="auth"]')).waitFor();
  } },
  { name: "diagnose with no match", path: "/a11y.html", async show(page) {
    await open(page, { view: "diagnose", payload: "all good here, nothing failed" });
    await testid(page, "errlens-diagnosis").and(page.locator('[data-kind="unknown"]')).waitFor();
  } },
  { name: "ticket", path: "/a11y.html", async show(page) {
    await open(page, { view: "diagnose", payload: PASTE_401 });
    await testid(page, "errlens-diagnosis").waitFor();
    await open(page, { view: "ticket" });
    await testid(page, "errlens-ticket").waitFor();
  } },
  { name: "page mode index", path: "/a11y-page.html", async show(page) {
    await testid(page, "errlens-index").waitFor();
  } },
  { name: "page mode entry", path: "/a11y-page.html#errlens/http-401", async show(page) {
    await testid(page, "errlens-entry").and(page.locator('[data-entry="http-401"]')).waitFor();
  } },
];

for (const theme of ["light", "dark"]) {
  for (const view of VIEWS) {
    test(`axe: "${view.name}" in the ${theme} theme has no violation`, async () => {
      const { page, context, problems } = await openPage(env, view.path);
      if (theme === "dark") await page.evaluate(() => ErrLens.configure({ theme: "dark" }));
      await view.show(page);
      const themed = await page.evaluate(() => [...document.querySelectorAll("err-lens")].map((e) => e.dataset.theme));
      assert.ok(themed.length > 0 && themed.every((t) => t === (theme === "dark" ? "dark" : "auto")), `the ${theme} theme is applied: ${themed}`);
      assert.deepEqual(await axeViolations(page), []);
      clean(problems);
      await context.close();
    });
  }
}

test("axe: the auto theme under a dark colour scheme has no violation", async () => {
  const { page, context, problems } = await openPage(env, "/a11y.html", { colorScheme: "dark" });
  await open(page, { view: "diagnose", payload: PASTE_401 });
  await testid(page, "errlens-diagnosis").waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.querySelector("err-lens").shadowRoot.querySelector(".el-app")).backgroundColor);
  assert.equal(background, "rgb(22, 24, 29)", "the dark palette is in use");
  assert.deepEqual(await axeViolations(page), []);
  clean(problems);
  await context.close();
});

/** Presses `key` until the widget's focused element has data-testid `target`; fails after `max` presses. */
async function pressUntil(page, key, target, max = 40) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    const now = await shadowActive(page);
    if (now === target) return;
    seen.push(now);
    await page.keyboard.press(key);
  }
  assert.fail(`${key} never reached ${target}; focus went through ${JSON.stringify(seen)}`);
}

test("keyboard only: Ctrl+K, search, ArrowDown + Enter, Diagnose tab, paste, Ticket tab, Escape; focus returns to the launcher", async () => {
  const { page, context, problems } = await openPage(env, "/a11y.html");
  await page.evaluate(() => ErrLens.ready);
  await page.keyboard.press("Control+k");
  await page.waitForFunction(() => document.querySelector("err-lens").shadowRoot.activeElement?.dataset.testid === "errlens-search-input");
  await page.keyboard.type("too many req");
  const options = testid(page, "errlens-results").locator('[role="option"]');
  await options.nth(1).waitFor();
  const second = await options.nth(1).getAttribute("data-entry");
  await page.keyboard.press("ArrowDown");
  assert.equal(await testid(page, "errlens-search-input").getAttribute("aria-activedescendant"), "errlens-opt-1");
  await page.keyboard.press("Enter");
  await testid(page, "errlens-entry").and(page.locator(`[data-entry="${second}"]`)).waitFor();

  await pressUntil(page, "Tab", "errlens-tab-diagnose");
  await page.keyboard.press("Enter");
  await testid(page, "errlens-payload-input").waitFor();
  await pressUntil(page, "Tab", "errlens-payload-input");
  await page.keyboard.type("HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n\n");
  await testid(page, "errlens-diagnosis").and(page.locator('[data-kind="rate_limit"]')).waitFor();

  await pressUntil(page, "Shift+Tab", "errlens-tab-ticket");
  await page.keyboard.press("Enter");
  await testid(page, "errlens-ticket").waitFor();
  assert.match(await page.locator("#errlens-t-error").inputValue(), /429/, "the ticket holds the paste typed by keyboard");

  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector("err-lens").shadowRoot.querySelector("dialog").open);
  // The dialog restores focus itself first; the loader moves it to the launcher on the next task.
  const launcherFocused = () => document.querySelector("err-lens").shadowRoot.activeElement?.dataset.testid === "errlens-launcher";
  await page.waitForFunction(launcherFocused, null, { timeout: 2000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "ERR-LENS");
  assert.equal(await shadowActive(page), "errlens-launcher");
  clean(problems);
  await context.close();
});

test("the drawer is modal: :modal matches, the host page is inert to pointer, Tab and the accessibility tree", async () => {
  const { page, context, problems } = await openPage(env, "/a11y.html");
  await open(page, { view: "search", query: "429" });
  await testid(page, "errlens-results").waitFor();
  assert.equal(await page.evaluate(() => document.querySelector("err-lens").shadowRoot.querySelector("dialog").matches(":modal")), true);

  const hit = await page.evaluate(() => {
    const field = document.getElementById("host-field");
    const box = field.getBoundingClientRect();
    const at = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return { blocked: at !== field && !field.contains(at), at: at && at.tagName };
  });
  assert.ok(hit.blocked, `a click on the host field lands on ${hit.at}, not the field`);
  await page.mouse.click(...(await page.evaluate(() => { const b = document.getElementById("host-button").getBoundingClientRect(); return [b.x + 4, b.y + 4]; })));
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), "host-button", "a click cannot focus the host button");

  const escaped = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press(i % 3 === 2 ? "Shift+Tab" : "Tab");
    const where = await page.evaluate(() => (document.activeElement && document.activeElement.tagName !== "ERR-LENS" && document.activeElement !== document.body ? document.activeElement.id || document.activeElement.tagName : null));
    if (where) escaped.push(where);
  }
  assert.deepEqual(escaped, [], "Tab never leaves the dialog for the host page");

  // What a screen reader's virtual cursor walks: the host content must be
  // out of the accessibility tree while the dialog is open.
  const cdp = await context.newCDPSession(page);
  const hostNames = async () => {
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    return nodes.filter((n) => !n.ignored && /Host field|Host button|Acme integrations/.test(n.name?.value || "")).map((n) => n.name.value);
  };
  assert.deepEqual(await hostNames(), [], "the host content is hidden from assistive technology while open");
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector("err-lens").shadowRoot.querySelector("dialog").open);
  assert.ok((await hostNames()).length > 0, "after closing, the host content is back in the accessibility tree");
  clean(problems);
  await context.close();
});

test("the diagnosis is announced through a live region that exists before the paste", async () => {
  const { page, context, problems } = await openPage(env, "/a11y.html");
  await open(page, { view: "diagnose", payload: "" });
  const status = testid(page, "errlens-diagnosis-status");
  await status.waitFor({ state: "attached" });
  const live = await status.evaluate((el) => {
    el.__before = true;
    return { role: el.getAttribute("role"), live: el.getAttribute("aria-live"), text: el.textContent };
  });
  assert.equal(live.role, "status");
  assert.equal(live.live, "polite");
  assert.equal(live.text, "", "nothing is announced before a paste");
  await testid(page, "errlens-payload-input").fill(PASTE_401);
  await testid(page, "errlens-diagnosis").waitFor();
  const after401 = await status.evaluate((el) => ({ same: el.__before === true, text: el.textContent }));
  assert.ok(after401.same, "the same live region node is updated, not replaced");
  const title = await testid(page, "errlens-diagnosis").locator("h3").textContent();
  assert.ok(after401.text.includes(title), `the announcement names the finding: "${after401.text}" has "${title}"`);
  await testid(page, "errlens-payload-input").fill("all good here, nothing failed");
  await testid(page, "errlens-diagnosis").and(page.locator('[data-kind="unknown"]')).waitFor();
  const none = await status.textContent();
  assert.ok(none.length > 0 && !none.includes(title), `a no-match is announced too: "${none}"`);
  const nested = await page.evaluate(() => [...document.querySelector("err-lens").shadowRoot.querySelectorAll("[data-testid=errlens-diagnosis][aria-live], [data-testid=errlens-diagnosis] [aria-live]")].length);
  assert.equal(nested, 0, "the whole diagnosis (with the paste) is not a live region: it would read the paste aloud");
  clean(problems);
  await context.close();
});

const dialogAnimations = (page) => page.evaluate(() => {
  const root = document.querySelector("err-lens").shadowRoot;
  return root.getAnimations().filter((a) => a.playState === "running" || a.playState === "pending").length;
});

test("prefers-reduced-motion: reduce leaves no animation on the dialog", async () => {
  // The control: with no preference the drawer slides in, so the check below can fail.
  const plain = await openPage(env, "/a11y.html");
  await plain.page.evaluate(() => { ErrLens.open({ view: "search" }); });
  await plain.page.waitForFunction(() => document.querySelector("err-lens").shadowRoot.querySelector("dialog").open);
  const control = await plain.page.evaluate(() => getComputedStyle(document.querySelector("err-lens").shadowRoot.querySelector("dialog")).animationName);
  assert.notEqual(control, "none", "with no preference the drawer animates");
  await plain.context.close();

  const { page, context, problems } = await openPage(env, "/a11y.html", { reducedMotion: "reduce" });
  await page.evaluate(() => { ErrLens.open({ view: "diagnose", payload: "HTTP/1.1 503 Service Unavailable\r\n\r\n" }); });
  await page.waitForFunction(() => document.querySelector("err-lens").shadowRoot.querySelector("dialog").open);
  assert.equal(await dialogAnimations(page), 0, "no animation right after opening");
  await testid(page, "errlens-diagnosis").waitFor();
  assert.equal(await dialogAnimations(page), 0, "no animation once the diagnosis shows");
  const moving = await page.evaluate(() => [...document.querySelector("err-lens").shadowRoot.querySelectorAll("*")]
    .filter((el) => { const s = getComputedStyle(el); return s.animationName !== "none" || s.transitionDuration.split(",").some((d) => parseFloat(d) > 0); })
    .map((el) => el.className || el.tagName));
  assert.deepEqual(moving, [], "no element declares an animation or a transition");
  clean(problems);
  await context.close();
});

test("the launcher reopens on the widget, not on a stuck loading message", async () => {
  const { page, context, problems } = await openPage(env, "/a11y.html");
  await page.evaluate(() => ErrLens.ready);
  await page.keyboard.press("Control+k");
  await testid(page, "errlens-search-input").waitFor();
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector("err-lens").shadowRoot.querySelector("dialog").open);
  await page.keyboard.press("Control+k");
  await page.waitForFunction(() => document.querySelector("err-lens").shadowRoot.querySelector("dialog").open);
  await settled(page);
  const shown = await page.evaluate(() => document.querySelector("err-lens").shadowRoot.querySelector(".el-root").textContent.trim().slice(0, 60));
  assert.ok(await testid(page, "errlens-search-input").isVisible(),
    `after a close, reopening shows "${shown}": errlens.js open() replaces the mounted widget's DOM with the loading message on every open; it must do so only before the first mount (guard the replaceChildren with !this.widget)`);
  assert.equal(await shadowActive(page), "errlens-search-input", "focus goes to the search field again");
  clean(problems);
  await context.close();
});

/** Elements of the widget that stick out of the viewport, and whether anything scrolls sideways. */
async function overflow(page) {
  await settle(page);
  return page.evaluate(() => {
    const root = document.querySelector("err-lens").shadowRoot;
    const dialog = root.querySelector("dialog");
    const width = document.documentElement.clientWidth;
    const out = [...dialog.querySelectorAll("*")]
      .filter((el) => !el.closest(".el-sr") && el.getClientRects().length > 0)
      .filter((el) => { const b = el.getBoundingClientRect(); return b.left < -0.5 || b.right > width + 0.5; })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`);
    const sideways = [dialog, ...dialog.querySelectorAll("*")]
      // A one-line text field scrolls its own long value by design; that is not the layout overflowing.
      .filter((el) => !el.closest(".el-sr") && el.tagName !== "INPUT" && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible" && el.clientWidth > 0)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}>${el.clientWidth}`);
    const box = dialog.getBoundingClientRect();
    return { out, sideways, page: document.documentElement.scrollWidth > width, dialog: [Math.round(box.left), Math.round(box.right)], width };
  });
}

async function smallScreen(viewport, deviceScaleFactor) {
  const { page, context, problems } = await openPage(env, "/a11y.html", { viewport, deviceScaleFactor });
  await testid(page, "errlens-launcher").click();
  const input = testid(page, "errlens-search-input");
  await input.waitFor();
  assert.ok(await testid(page, "errlens-launcher").evaluate((el) => { const b = el.getBoundingClientRect(); return b.left >= 0 && b.right <= innerWidth; }), "the launcher fits");
  const views = {};
  await input.fill("too many req");
  const option = testid(page, "errlens-results").locator('[data-entry="http-429"]');
  await option.waitFor();
  views.search = await overflow(page);
  await option.click();
  await testid(page, "errlens-entry").waitFor();
  views.entry = await overflow(page);
  await testid(page, "errlens-tab-diagnose").click();
  await testid(page, "errlens-payload-input").fill(PASTE_401 + '{"error":{"message":"' + "a-very-long-unbroken-token-".repeat(12) + '"}}');
  await testid(page, "errlens-diagnosis").waitFor();
  views.diagnose = await overflow(page);
  await testid(page, "errlens-tab-ticket").click();
  await testid(page, "errlens-ticket").waitFor();
  views.ticket = await overflow(page);
  for (const [name, v] of Object.entries(views)) {
    assert.deepEqual(v.out, [], `${name}: nothing sticks out of the ${v.width} px viewport`);
    assert.deepEqual(v.sideways, [], `${name}: nothing scrolls sideways`);
    assert.equal(v.page, false, `${name}: the page does not scroll sideways`);
    assert.ok(v.dialog[0] >= 0 && v.dialog[1] <= v.width, `${name}: the dialog fits: ${v.dialog}`);
  }
  assert.ok(await testid(page, "errlens-close").isVisible(), "the close button stays reachable");
  clean(problems);
  await context.close();
}

test("at 320 px wide the dialog fits with no sideways scroll and search works", () => smallScreen({ width: 320, height: 640 }, 1));

// 200% zoom of a 1280x800 window is a 640x400 CSS-pixel viewport at two device pixels per CSS pixel.
test("at 200% zoom the dialog fits with no sideways scroll and search works", () => smallScreen({ width: 640, height: 400 }, 2));

test("search results: a badge keeps its own size beside a title that wraps, at 390 px and 1280 px", async () => {
  for (const width of [390, 1280]) {
    const { page, context, problems } = await openPage(env, "/a11y.html", { viewport: { width, height: 900 } });
    await page.evaluate(() => ErrLens.open({ view: "search", query: "salesforce" }));
    await testid(page, "errlens-results").locator('[role="option"]').first().waitFor();
    const rows = await page.evaluate(() => [...document.querySelector("err-lens").shadowRoot.querySelectorAll(".el-result")].map((li) => {
      const chip = li.querySelector(".el-chip").getBoundingClientRect();
      const title = li.querySelector(".el-result-title").getBoundingClientRect();
      const line = parseFloat(getComputedStyle(li.querySelector(".el-chip")).lineHeight) || 18;
      return { chip: chip.height, title: title.height, line };
    }));
    assert.ok(rows.some((r) => r.title > r.line * 1.5) || width === 1280, `at ${width} px some title wraps (else the check proves nothing): ${JSON.stringify(rows)}`);
    for (const r of rows) assert.ok(r.chip <= r.line + 8, `at ${width} px a badge is one line high, not stretched with its row: ${JSON.stringify(r)}`);
    clean(problems);
    await context.close();
  }
});
