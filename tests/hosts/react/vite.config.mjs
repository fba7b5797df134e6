import { fileURLToPath } from "node:url";

// The host's own config; `fs.allow` lets the dev server read the packages
// resolved from the repository's node_modules.
export default {
  server: { fs: { allow: [fileURLToPath(new URL("../../..", import.meta.url))] } },
  oxc: { jsx: { runtime: "automatic" } },
  logLevel: "warn",
};
