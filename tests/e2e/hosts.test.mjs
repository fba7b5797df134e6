// errlens inside real single-page apps: a React 19 app (StrictMode,
// react-router) and a Vue 3 app (vue-router), built from tests/hosts/ with the
// packages in package-lock.json. The built package (dist/errlens/) is
// installed into a copy of each, as a host would (the React app from a packed
// tarball, the Vue app from the folder), type-checked, and driven in Chromium
// under `vite` dev and a production `vite build`. Everything on loopback.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build, createServer, preview } from "vite";
import { CHROMIUM } from "./harness.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PACKAGE = join(ROOT, "dist", "errlens");
const WORK = join(ROOT, "target", "hosts");
const BIN = join(ROOT, "node_modules", ".bin");
const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update"];
// The one console error a test may cause on purpose: the forced panic's report.
const FORCED = /debugPanic\(\) was called to test crash isolation|RuntimeError: unreachable/;

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createNetServer().listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on("error", reject);
  });
}

// Copies the host apps and installs the package the way a host would.
function prepare() {
  assert.ok(existsSync(join(PACKAGE, "package.json")), "dist/errlens/package.json is missing: run `trunk build --release` first");
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  for (const host of ["react", "vue", "webpack"]) cpSync(join(ROOT, "tests", "hosts", host), join(WORK, host), { recursive: true });
  run("npm", ["pack", PACKAGE, "--pack-destination", WORK, "--silent"], WORK);
  const tarball = readdirSync(WORK).find((f) => f.endsWith(".tgz"));
  const npm = ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error"];
  run("npm", [...npm, join(WORK, tarball)], join(WORK, "react"));
  run("npm", [...npm, join(WORK, tarball)], join(WORK, "webpack"));
  run("npm", [...npm, PACKAGE], join(WORK, "vue"));
}

let browser;
before(async () => {
  prepare();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});
after(async () => { if (browser) await browser.close(); });

test("the package has a name, version, exports, types and files, and no demo files", () => {
  const pkg = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8"));
  assert.equal(pkg.name, "errlens");
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  assert.equal(pkg.exports["."].types, "./errlens.d.ts");
  assert.equal(pkg.exports["."].default, "./errlens.js");
  const shipped = readdirSync(PACKAGE).filter((f) => f !== "package.json").sort();
  assert.deepEqual([...pkg.files].sort(), shipped, "`files` lists exactly what the folder holds");
  assert.ok(!shipped.some((f) => /demo|index\.html|payloads/.test(f)), `no demo file in the package: ${shipped}`);
  const installed = JSON.parse(readFileSync(join(WORK, "react", "node_modules", "errlens", "package.json"), "utf8"));
  assert.equal(installed.version, pkg.version, "npm installed the packed tarball");
});

test("tsc --noEmit passes on the React host's TSX and vue-tsc on the Vue host's components, with no declarations of their own", () => {
  for (const host of ["react", "vue"]) {
    const own = readdirSync(join(WORK, host, "src")).filter((f) => f.endsWith(".d.ts"));
    assert.deepEqual(own, [], `${host}: no hand-written declaration files`);
  }
  const check = (cmd, host) => {
    try { run(join(BIN, cmd), ["--noEmit", "-p", "tsconfig.json"], join(WORK, host)); }
    catch (e) { assert.fail(`${cmd} failed on the ${host} host:\n${e.stdout}${e.stderr}`); }
  };
  check("tsc", "react");
  check("vue-tsc", "vue");
});

test("a webpack 5 bundle emits every lazy file with the bundle and runs from it", async () => {
  const root = join(WORK, "webpack");
  const out = join(root, "dist");
  const { default: webpack } = await import("webpack");
  const stats = await new Promise((resolve, reject) => webpack({
    mode: "production", context: root, entry: "./src/index.js", output: { path: out, clean: true }, performance: { hints: false },
  }, (error, result) => (error ? reject(error) : resolve(result))));
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  assert.deepEqual(info.errors.map((e) => e.message), [], "webpack built the bundle");
  assert.deepEqual(info.warnings.map((e) => e.message), [], "with no warning (no runtime import left for webpack to guess)");
  const emitted = readdirSync(out);
  assert.equal(emitted.filter((f) => f.endsWith(".wasm")).length, 1, `the wasm is emitted: ${emitted}`);
  assert.equal(emitted.filter((f) => f.endsWith(".css")).length, 1, `the stylesheet is emitted: ${emitted}`);
  assert.ok(emitted.filter((f) => f.endsWith(".js")).length >= 4, `the bundle, glue, worker and lazy half are emitted: ${emitted}`);
  copyFileSync(join(root, "index.html"), join(out, "index.html"));

  const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };
  const server = createHttpServer((req, res) => {
    const file = join(out, new URL(req.url, "http://x").pathname.replace(/^\/+/, "") || "index.html");
    try { const body = readFileSync(file); res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" }); res.end(body); }
    catch { res.writeHead(404); res.end(); }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.bundled);
    assert.equal(await page.evaluate(async () => (await window.bundled.search("429"))[0].id), "http-429");
    await page.getByTestId("errlens-launcher").click();
    await page.getByTestId("errlens-search-input").waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    server.close();
  }
});

for (const host of ["react", "vue"]) {
  for (const mode of ["dev", "build"]) {
    describe(`${host} host, vite ${mode}`, () => {
      let origin;
      let server;
      before(async () => {
        const root = join(WORK, host);
        const configFile = join(root, "vite.config.mjs");
        const port = await freePort();
        if (mode === "dev") {
          server = await createServer({ root, configFile, logLevel: "error", server: { host: "127.0.0.1", port, strictPort: true, hmr: false } });
          await server.listen();
        } else {
          await build({ root, configFile, logLevel: "error" });
          const emitted = readdirSync(join(root, "dist", "assets"));
          for (const lazy of ["glue", "wasm", "css", "worker", "more"]) {
            assert.ok(emitted.some((f) => f.startsWith(`errlens-${lazy}.`)), `vite build emitted errlens-${lazy}: ${emitted}`);
          }
          server = await preview({ root, configFile, logLevel: "error", preview: { host: "127.0.0.1", port, strictPort: true } });
        }
        origin = `http://127.0.0.1:${port}`;
      });
      after(async () => { if (server) await (server.close ? server.close() : server.httpServer.close()); });

      // Opens `path` with the chosen router; records what a user would not see.
      async function open(path, { router = "history", hold } = {}) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const problems = { console: [], pageErrors: [], foreign: [] };
        page.on("console", (m) => { if (m.type() === "error" && !FORCED.test(m.text())) problems.console.push(m.text()); });
        page.on("pageerror", (e) => problems.pageErrors.push(String(e)));
        page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) problems.foreign.push(r.url()); });
        await page.addInitScript((r) => { window.HOST_ROUTER = r; }, router);
        if (hold) await page.route(/errlens-wasm\./, async (route) => { await hold; await route.continue(); });
        await page.goto(origin + path);
        await page.getByTestId("nav-home").waitFor();
        return { page, context, problems };
      }

      async function done({ page, context, problems }) {
        assert.ok(await page.getByTestId("nav-home").isVisible(), "the host app is still rendered");
        assert.deepEqual(problems.pageErrors, [], "no uncaught error in the host page");
        assert.deepEqual(problems.console, [], "no console error");
        assert.deepEqual(problems.foreign, [], "nothing left loopback");
        await context.close();
      }

      const drawerOpen = (page) => page.evaluate(() => !!document.querySelector("err-lens[mode=launcher]")?.shadowRoot?.querySelector("dialog[open]"));
      const entryShown = (scope, id) => scope.locator(`[data-testid="errlens-entry"][data-entry="${id}"]`).waitFor();
      const location = (page, expected) => page.waitForFunction((e) => document.querySelector('[data-testid="location"]').textContent === e, expected);

      test("a keyed reorder moves the inline widget without losing it; view and theme follow the app's state", async () => {
        const s = await open("/");
        const { page } = s;
        const row = page.locator("#row-widget");
        await row.getByTestId("errlens-payload-input").fill("HTTP/1.1 429 Too Many Requests\nRetry-After: 30");
        await row.getByTestId("errlens-diagnosis").waitFor();
        await page.getByTestId("reverse").click();
        await page.waitForFunction(() => document.querySelector('[data-testid="rows"] li').dataset.row === "hubspot");
        assert.equal(await row.getByTestId("errlens-payload-input").inputValue(), "HTTP/1.1 429 Too Many Requests\nRetry-After: 30", "the moved widget kept its paste");
        assert.equal(await row.getByTestId("errlens-kind").isVisible(), true, "and its diagnosis");

        const inline = page.locator("#inline");
        await inline.getByTestId("errlens-search-input").waitFor();
        await page.getByTestId("view-diagnose").click();
        await inline.getByTestId("errlens-payload-input").waitFor();
        await page.getByTestId("view-search").click();
        await inline.getByTestId("errlens-search-input").waitFor();
        await page.getByTestId("theme-dark").click();
        await page.waitForFunction(() => document.querySelector("#inline").dataset.theme === "dark");
        await done(s);
      });

      test("a crash inside the widget, then the framework unmounting it, leaves the host app standing", async () => {
        const s = await open("/");
        const { page } = s;
        const inline = page.locator("#inline");
        await inline.getByTestId("errlens-search-input").click();
        await page.getByTestId("crash").click();
        await inline.getByTestId("errlens-crashed").waitFor();
        // The framework removes the element it owns: the node must still be its own.
        await page.getByTestId("toggle-inline").click();
        await page.waitForFunction(() => !document.querySelector("#inline"));
        await page.getByTestId("toggle-inline").click();
        await inline.getByTestId("errlens-search-input").waitFor();
        // The other widget restarted by itself on the fresh instance.
        await page.locator("#row-widget").getByTestId("errlens-payload-input").waitFor();
        assert.equal((await page.evaluate(() => window.ErrLens.search("429")))[0].id, "http-429");
        await page.getByTestId("nav-help").click();
        await page.locator("#help-page").getByTestId("errlens-search-input").waitFor();
        await done(s);
      });

      test("StrictMode mounts and three round trips between routes leave one live page widget each time", async () => {
        const s = await open("/");
        const { page } = s;
        for (let trip = 0; trip < 3; trip++) {
          await page.getByTestId("nav-help").click();
          await page.locator("#help-page").getByTestId("errlens-search-input").waitFor();
          assert.equal(await page.locator("err-lens[mode=page]").count(), 1);
          await page.getByTestId("nav-settings").click();
          await page.waitForFunction(() => !document.querySelector("#help-page"));
          await page.getByTestId("nav-home").click();
          await page.locator("#inline").getByTestId("errlens-search-input").waitFor();
        }
        await done(s);
      });

      for (const router of ["history", "hash"]) {
        const at = (path) => (router === "hash" ? "/#" + path : path);
        test(`deep links under the ${router} router: load, in-app link, the router follows the widget, reload, Back; never a drawer beside the page`, async () => {
          const s = await open(at("/help?errlens=http-429"), { router });
          const { page } = s;
          const help = page.locator("#help-page");
          await entryShown(help, "http-429");
          assert.equal(await page.getByTestId("no-match").count(), 0, "the route matched");
          assert.equal(await drawerOpen(page), false, "the entry opened in the page widget only");

          await page.getByTestId("nav-home").click();
          await page.getByTestId("nav-link-401").click();
          await entryShown(help, "http-401");
          assert.equal(await drawerOpen(page), false);

          // An entry opened inside the page widget: the app's router moves.
          await page.getByTestId("nav-help").click();
          await help.getByTestId("errlens-search-input").fill("502 bad gateway");
          await help.locator('[data-testid="errlens-results"] [role="option"]').first().click();
          await entryShown(help, "http-502");
          await location(page, "/help?errlens=http-502");

          await page.reload();
          await entryShown(page.locator("#help-page"), "http-502");
          assert.equal(await drawerOpen(page), false);

          await page.goBack();
          await location(page, "/help");
          await page.locator("#help-page").getByTestId("errlens-search-input").waitFor();
          await page.goBack();
          await location(page, "/help?errlens=http-401");
          await entryShown(page.locator("#help-page"), "http-401");

          // A link on a route with no page widget opens the drawer.
          await page.getByTestId("nav-home-404").click();
          await entryShown(page.locator("err-lens[mode=launcher]"), "http-404");
          assert.equal(await drawerOpen(page), true);
          await done(s);
        });
      }

      test("leaving the page while the wasm loads leaves no ghost: a later deep link opens in the drawer", async () => {
        let release;
        const hold = new Promise((resolve) => { release = resolve; });
        const s = await open("/help", { hold });
        const { page } = s;
        await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /errlens-glue\./.test(e.name)));
        await page.getByTestId("nav-settings").click();
        await page.waitForFunction(() => !document.querySelector("#help-page"));
        release();
        await page.evaluate(async () => { await window.ErrLens.ready; });
        await page.getByTestId("nav-help").click();
        await page.locator("#help-page").getByTestId("errlens-search-input").waitFor();
        await page.getByTestId("nav-home-404").click();
        await entryShown(page.locator("err-lens[mode=launcher]"), "http-404");
        assert.equal(await page.locator("err-lens[mode=page]").count(), 0);
        await done(s);
      });

      test("an open ticket follows setContext and offers a new paste's error, keeping what the user typed", async () => {
        const s = await open("/settings");
        const { page } = s;
        const drawer = page.locator("err-lens[mode=launcher]");
        const P1 = "HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n\n{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Too many requests\"}}";
        const P2 = "HTTP/1.1 403 Forbidden\n\n[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"TotalRequests Limit exceeded.\"}]";
        const P3 = "psql: error: FATAL: password authentication failed for user \"loader\"";
        await page.evaluate((p) => window.ErrLens.open({ view: "diagnose", payload: p }), P1);
        await drawer.getByTestId("errlens-diagnosis").waitFor();
        await drawer.getByTestId("errlens-tab-ticket").click();
        const integration = drawer.locator("#errlens-t-integration");
        const error = drawer.locator("#errlens-t-error");
        assert.equal(await integration.inputValue(), "");
        assert.match(await error.inputValue(), /rate_limit_error/);

        await page.evaluate(async (p) => {
          await window.ErrLens.setContext({ integration: "salesforce" });
          await window.ErrLens.open({ view: "diagnose", payload: p });
        }, P2);
        await drawer.getByTestId("errlens-tab-ticket").click();
        await page.waitForFunction(() => document.querySelector("err-lens[mode=launcher]").shadowRoot.querySelector("#errlens-t-integration")?.value === "salesforce");
        await page.waitForFunction(() => /REQUEST_LIMIT_EXCEEDED/.test(document.querySelector("err-lens[mode=launcher]").shadowRoot.querySelector("#errlens-t-error")?.value));
        assert.equal(await drawer.getByTestId("errlens-ticket-stale").count(), 0, "nothing was typed: the new error was taken as is");

        await drawer.locator("#errlens-t-description").fill("Opportunities stopped at 9am; finance is waiting");
        await page.evaluate((p) => window.ErrLens.open({ view: "diagnose", payload: p }), P3);
        await drawer.getByTestId("errlens-tab-ticket").click();
        await drawer.getByTestId("errlens-ticket-stale").waitFor();
        assert.match(await error.inputValue(), /REQUEST_LIMIT_EXCEEDED/, "the typed-over draft is not swapped under the user");
        await drawer.getByTestId("errlens-ticket-take-new").click();
        await page.waitForFunction(() => /password authentication failed/.test(document.querySelector("err-lens[mode=launcher]").shadowRoot.querySelector("#errlens-t-error")?.value));
        assert.equal(await drawer.locator("#errlens-t-description").inputValue(), "Opportunities stopped at 9am; finance is waiting");
        assert.equal(await integration.inputValue(), "salesforce");
        await done(s);
      });

      test("search hits and redaction findings have exactly the fields errlens.d.ts declares", async () => {
        const s = await open("/settings");
        const declared = (name) => {
          const dts = readFileSync(join(PACKAGE, "errlens.d.ts"), "utf8");
          const body = new RegExp(`export interface ${name} \\{([^]*?)\\n\\}`).exec(dts)[1];
          return [...body.matchAll(/^\s{2}(\w+)\??:/gm)].map((m) => m[1]).sort();
        };
        const live = await s.page.evaluate(async () => {
          const hit = (await window.ErrLens.search("429"))[0];
          const red = await window.ErrLens.redact("token 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 and key sk_live_51H8yq2eZvKYlo2C0aQ1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tU1");
          return { hit: Object.keys(hit).sort(), redacted: Object.keys(red).sort(), finding: Object.keys(red.findings[0]).sort() };
        });
        assert.deepEqual(live.hit, declared("SearchHit"));
        assert.deepEqual(live.redacted, declared("Redacted"));
        assert.deepEqual(live.finding, declared("RedactFinding"));
        await done(s);
      });
    });
  }
}
