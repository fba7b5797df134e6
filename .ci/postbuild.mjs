// Trunk post-build hook: moves the wasm, its glue and the widget stylesheet
// beside the loader under content-hashed names, and writes those names into
// the loader (dist/errlens.js keeps its stable name, so hosts can cache the
// rest forever). Runs inside Trunk's staging directory.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, rmSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("postbuild: TRUNK_STAGING_DIR is not set; run through trunk build");

const { minify } = await import("terser");
const hashOf = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 10);
// Trunk names the glue errlens-<hash>.js and the wasm errlens-<hash>_bg.wasm.
const built = existsSync(join(dir, "wasm")) ? readdirSync(join(dir, "wasm")) : [];
const find = (re) => built.find((f) => re.test(f)) && "wasm/" + built.find((f) => re.test(f));
const sources = { glue: find(/^errlens.*\.js$/), wasm: find(/^errlens.*_bg\.wasm$/), css: "errlens.css" };
const assets = {};
for (const [name, path] of Object.entries(sources)) {
  if (!path) throw new Error(`postbuild: the ${name} file is missing from the build (found: ${built.join(", ")})`);
  const full = join(dir, path);
  if (!existsSync(full)) throw new Error(`postbuild: ${path} is missing from the build`);
  let bytes = readFileSync(full);
  if (name === "glue") bytes = Buffer.from((await minify(bytes.toString("utf8"), { module: true, mangle: true, format: { comments: false } })).code);
  const ext = path.slice(path.lastIndexOf("."));
  const target = `errlens-${name}.${hashOf(bytes)}${ext}`;
  writeFileSync(join(dir, target), bytes);
  assets[name] = target;
}
rmSync(join(dir, "wasm"), { recursive: true, force: true });
rmSync(join(dir, "errlens.css"));

const loaderPath = join(dir, "errlens.js");
const loader = readFileSync(loaderPath, "utf8");
const marker = /\/\*ERRLENS_ASSETS\*\/[^]*?\/\*END\*\//;
if (!marker.test(loader)) throw new Error("postbuild: the loader lost its ERRLENS_ASSETS marker");
// The loader is the page's only eager cost: ship it minified (the source in
// static/ stays the readable one).
const withAssets = loader.replace(marker, `/*ERRLENS_ASSETS*/ ${JSON.stringify(assets)} /*END*/`);
const minified = await minify(withAssets, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
writeFileSync(loaderPath, minified.code);
writeFileSync(join(dir, "errlens-manifest.json"), JSON.stringify({ loader: "errlens.js", ...assets }, null, 2) + "\n");
console.log("postbuild:", JSON.stringify(assets));
