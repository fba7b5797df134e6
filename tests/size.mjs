// Prints what the widget costs a host page, gzip -9, from dist/: the eager
// loader, and everything the first open fetches (glue, wasm, stylesheet),
// against the README's budgets. A report, not a test: it always exits 0
// when dist/ is complete, so the figures are read, not asserted.
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../dist/errlens/", import.meta.url));
const manifest = JSON.parse(readFileSync(dist + "errlens-manifest.json", "utf8"));
const gz = (file) => gzipSync(readFileSync(dist + file), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1) + " KB";

const eager = gz(manifest.loader);
const lazy = { glue: gz(manifest.glue), wasm: gz(manifest.wasm), css: gz(manifest.css) };
const firstOpen = lazy.glue + lazy.wasm + lazy.css;
const rows = [
  ["eager: errlens.js (loader)", eager, 5 * 1024],
  ["first open: glue", lazy.glue],
  ["first open: wasm", lazy.wasm],
  ["first open: css", lazy.css],
  ["first open: total", firstOpen, 200 * 1024],
];
const text = fileURLToPath(new URL("../target/catalogue-text.txt", import.meta.url));
if (existsSync(text)) rows.push(["  of which catalogue text (in the wasm)", gzipSync(readFileSync(text), { level: 9 }).length]);
console.log("size report (gzip -9)");
for (const [name, bytes, budget] of rows) {
  const verdict = budget ? (bytes <= budget ? `within ${kb(budget)}` : `OVER the ${kb(budget)} budget`) : "";
  console.log(`  ${name.padEnd(42)} ${kb(bytes).padStart(10)}  ${verdict}`);
}
