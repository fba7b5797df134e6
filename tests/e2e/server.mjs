// A static server for the browser tests, on loopback only. It serves the
// built widget under /errlens/ (a path other than the root, to prove the
// loader finds its files relative to itself) and the host pages under /.
// A page served as /csp/<name> gets the strict Content-Security-Policy.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json", ".txt": "text/plain; charset=utf-8", ".har": "application/json", ".xml": "application/xml" };

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
export const TRUSTED_TYPES_CSP = STRICT_CSP + "; require-trusted-types-for 'script'";

function resolve(urlPath) {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  if (clean.startsWith("/errlens/")) return join(root, "dist", "errlens", clean.slice("/errlens/".length));
  if (clean.startsWith("/export/")) return join(root, "target", "export", clean.slice("/export/".length));
  if (clean.startsWith("/node_modules/")) return join(root, clean);
  return join(root, "tests", "e2e", "pages", clean.replace(/^\/(csp|tt)\//, "/"));
}

export function start(port = 0) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (url.pathname.endsWith("/favicon.ico")) { res.writeHead(204); res.end(); return; }
    let path = resolve(url.pathname);
    if (path.endsWith("/")) path += "index.html";
    try {
      const body = await readFile(path);
      const headers = { "content-type": TYPES[extname(path)] || "application/octet-stream", "cache-control": "no-store" };
      if (url.pathname.startsWith("/csp/")) headers["content-security-policy"] = STRICT_CSP;
      if (url.pathname.startsWith("/tt/")) headers["content-security-policy"] = TRUSTED_TYPES_CSP;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  return new Promise((done) => server.listen(port, "127.0.0.1", () => done(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await start(Number(process.env.PORT || 8090));
  console.log(`serving on http://127.0.0.1:${server.address().port}/`);
}
