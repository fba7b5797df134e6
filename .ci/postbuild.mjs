// Trunk post-build hook: gathers the widget into dist/errlens/, the folder a
// host copies or installs as a package (the demo's files stay outside it).
// The wasm, its glue, the stylesheet and the worker get content-hashed names
// beside the loader, and the loader gets those names twice: as plain names
// (for `data-base`) and as literal `new URL("./file", import.meta.url)` calls,
// which bundlers follow to emit every lazy file. errlens.js keeps its stable
// name, so hosts can cache the rest forever. Runs in Trunk's staging directory.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, rmSync, existsSync, readdirSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("postbuild: TRUNK_STAGING_DIR is not set; run through trunk build");

const { minify } = await import("terser");
const hashOf = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 8);
// Trunk names the glue errlens-<hash>.js and the wasm errlens-<hash>_bg.wasm.
const built = existsSync(join(dir, "wasm")) ? readdirSync(join(dir, "wasm")) : [];
const find = (re) => built.find((f) => re.test(f)) && "wasm/" + built.find((f) => re.test(f));
const sources = { glue: find(/^errlens.*\.js$/), wasm: find(/^errlens.*_bg\.wasm$/), css: "errlens.css", worker: "errlens-worker.js", more: "errlens-more.js" };
const out = join(dir, "errlens");
mkdirSync(out, { recursive: true });
const assets = {};
for (const [name, path] of Object.entries(sources)) {
  if (!path) throw new Error(`postbuild: the ${name} file is missing from the build (found: ${built.join(", ")})`);
  const full = join(dir, path);
  if (!existsSync(full)) throw new Error(`postbuild: ${path} is missing from the build`);
  let bytes = readFileSync(full);
  if (name === "glue") bytes = Buffer.from((await minify(bytes.toString("utf8"), { module: true, mangle: true, format: { comments: false } })).code);
  const ext = path.slice(path.lastIndexOf("."));
  const target = `errlens-${name}.${hashOf(bytes)}${ext}`;
  writeFileSync(join(out, target), bytes);
  assets[name] = target;
}
rmSync(join(dir, "wasm"), { recursive: true, force: true });
rmSync(join(dir, "errlens.css"));
rmSync(join(dir, "errlens-worker.js"));
rmSync(join(dir, "errlens-more.js"));
renameSync(join(dir, "errlens.d.ts"), join(out, "errlens.d.ts"));

const loaderPath = join(out, "errlens.js");
renameSync(join(dir, "errlens.js"), loaderPath);
const loader = readFileSync(loaderPath, "utf8");
const marker = /\/\*ERRLENS_ASSETS\*\/[^]*?\/\*END\*\//;
if (!marker.test(loader)) throw new Error("postbuild: the loader lost its ERRLENS_ASSETS marker");
// The loader is the page's only eager cost: ship it minified (the source in
// static/ stays the readable one).
// `?no-inline` keeps Vite from inlining the small scripts as data: URLs (a
// strict CSP refuses those); servers and other bundlers ignore it. The wasm
// and the stylesheet are far over Vite's inlining limit.
const small = (name) => name === "worker" || name === "more";
const beside = Object.entries(assets)
  .map(([name, file]) => `  ${name}: () => new URL(${JSON.stringify("./" + file + (small(name) ? "?no-inline" : ""))}, import.meta.url),`)
  .join("\n");
const block = `const BESIDE = {\n${beside}\n};`;
const withAssets = loader.replace(marker, block);
// Keeps the two comments that tell bundlers to leave the runtime import alone.
const keep = /webpackIgnore|@vite-ignore/;
// Members named `_x` are the element's internals: their names are mangled too.
const minified = await minify(withAssets, {
  module: true, toplevel: true, compress: { passes: 3, pure_getters: true }, mangle: { properties: { regex: /^_/ } }, format: { comments: keep },
});
writeFileSync(loaderPath, minified.code);
writeFileSync(join(out, "errlens-manifest.json"), JSON.stringify({ loader: "errlens.js", ...assets }, null, 2) + "\n");

// The package: what `npm install dist/errlens` (or a copy of the folder) gets.
const cargo = readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8");
const field = (name) => (new RegExp(`^${name}\\s*=\\s*"([^"]*)"`, "m").exec(cargo) || [])[1];
const files = ["errlens.js", "errlens.d.ts", "errlens-manifest.json", ...Object.values(assets)];
const pkg = {
  name: "errlens",
  version: field("version"),
  description: field("description"),
  license: field("license"),
  type: "module",
  main: "./errlens.js",
  module: "./errlens.js",
  types: "./errlens.d.ts",
  exports: {
    ".": { types: "./errlens.d.ts", default: "./errlens.js" },
    "./errlens.js": { types: "./errlens.d.ts", default: "./errlens.js" },
    "./package.json": "./package.json",
  },
  files,
  sideEffects: ["./errlens.js"],
};
writeFileSync(join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
console.log("postbuild:", JSON.stringify(assets));
