// The static help-center export (target/export, served under /export/):
// with JavaScript off, the 429 page shows its fixes and every link leads to a
// page; with it on, the page enhances into the live page widget, whose search
// finds 401, and the back button returns to 429. Runs the export itself when
// the folder is missing, so this file passes when run alone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setup, openPage, testid, clean } from "./harness.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

let env;
before(async () => {
  if (!existsSync(`${root}target/export/index.html`)) {
    const run = spawnSync("cargo", ["run", "--profile", "native", "--bin", "export", "--", "--out", "target/export"], { cwd: root, stdio: "inherit" });
    assert.equal(run.status, 0, "the export command failed");
  }
  assert.ok(existsSync(`${root}dist/errlens/errlens.js`), "dist/errlens/errlens.js is missing: run `trunk build --release` first");
  env = await setup();
});
after(async () => { await env?.close(); });

test("JavaScript off: the 429 page shows its fixes and its links lead to pages", async () => {
  const { page, context, problems } = await openPage(env, "/export/http-429.html", { javaScriptEnabled: false });
  const article = testid(page, "hc-entry");
  assert.ok(await article.isVisible(), "the static article is shown");
  assert.equal(await page.title(), "429 Too Many Requests · Integration error help");
  assert.equal((await article.locator("h1").textContent()).trim(), "429 Too Many Requests");
  const fixes = testid(page, "hc-fixes").locator("li");
  assert.ok((await fixes.count()) >= 2, "the fixes are listed");
  assert.ok(await fixes.first().isVisible());
  assert.match(await fixes.first().textContent(), /Retry-After/);

  // Every link of the entry page and of the index leads to a page of the folder.
  const hrefs = new Set();
  for (const path of ["/export/http-429.html", "/export/index.html"]) {
    await page.goto(env.origin + path);
    for (const href of await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.href))) hrefs.add(href.split("#")[0]);
  }
  assert.ok(hrefs.size > 200, `the index links every entry (${hrefs.size} links)`);
  for (const href of hrefs) {
    assert.ok(href.startsWith(env.origin + "/export/"), `${href} stays in the folder`);
    assert.equal((await context.request.get(href)).status(), 200, `${href} is served`);
  }

  // Following links by clicking: index -> 401 -> back to the index through the breadcrumbs.
  await page.locator('a[href="http-401.html"]').first().click();
  await page.waitForURL(/\/export\/http-401\.html$/);
  assert.equal((await testid(page, "hc-entry").getAttribute("data-entry")), "http-401");
  await page.locator('nav[aria-label="Breadcrumb"] a').first().click();
  await page.waitForURL(/\/export\/index\.html$/);
  assert.equal(await testid(page, "hc-index").locator("section").count(), 9, "the nine categories");
  assert.deepEqual(problems.foreign, [], "no request to another origin");
  await context.close();
});

test("JavaScript on: the page enhances into the widget; search finds 401, Back returns to 429", async () => {
  const { page, context, problems } = await openPage(env, "/export/http-429.html");
  const loader = await page.locator('script[type="module"]').evaluateAll((s) => s.map((e) => e.getAttribute("src")));
  assert.ok(loader.includes("/errlens/errlens.js"), `the page includes the loader: ${loader}`);

  const live429 = page.locator('[data-testid="errlens-entry"][data-entry="http-429"]');
  await live429.waitFor();
  assert.equal(await testid(page, "hc-entry").isVisible(), false, "the live widget replaces the static article on screen");

  await testid(page, "errlens-tab-search").click();
  await testid(page, "errlens-search-input").fill("401");
  const hit = testid(page, "errlens-results").locator('[role="option"][data-entry="http-401"]');
  await hit.waitFor();
  await hit.click();
  await page.locator('[data-testid="errlens-entry"][data-entry="http-401"]').waitFor();
  assert.match(page.url(), /\/export\/http-429\.html#errlens\/http-401$/);

  await page.goBack();
  await live429.waitFor();
  assert.match(page.url(), /\/export\/http-429\.html(#errlens\/http-429)?$/);
  assert.match(await live429.textContent(), /429 Too Many Requests/);

  assert.deepEqual(problems.console, [], "no console error");
  assert.deepEqual(problems.pageErrors, [], "no page error");
  assert.deepEqual(problems.foreign, [], "no request to another origin");
  await context.close();
});

test("an entry in the widget is the same article as its help-center page: code spans as <code>, no backtick", async () => {
  const id = "aws-throttling-exception"; // its texts name API fields in backticks
  const parts = [".hc-entry-title", ".hc-summary", ".hc-fixes .hc-fix", ".hc-part p", ".hc-part ul li"];
  // Link targets differ by design (`#errlens/<id>` in the widget, `<id>.html` between pages).
  const read = (root, selectors) => selectors.map((s) => [...root.querySelectorAll(s)].map((el) => el.innerHTML.replace(/<!--.*?-->/g, "").replace(/ href="[^"]*"/g, "").trim()));
  const staticPage = await openPage(env, `/export/${id}.html`, { javaScriptEnabled: false });
  const fromPage = await staticPage.page.evaluate(([read, parts]) => new Function("return " + read)()(document.querySelector('[data-testid="hc-entry"]'), parts), [read.toString(), parts]);
  await staticPage.context.close();

  const { page, context, problems } = await openPage(env, "/plain.html");
  await page.evaluate((entry) => ErrLens.open({ view: "entry", entry }), id);
  const article = testid(page, "errlens-entry");
  await article.waitFor();
  const inWidget = await article.evaluate((el, [read, parts]) => new Function("return " + read)()(el, parts), [read.toString(), parts]);
  assert.ok(fromPage.flat().some((html) => html.includes("<code>")), "the page renders code spans for this entry");
  assert.deepEqual(inWidget, fromPage, "the widget renders the same markup as the page, part by part");
  assert.ok(!(await article.textContent()).includes("`"), "no literal backtick in the widget");
  clean(problems);
  await context.close();
});
