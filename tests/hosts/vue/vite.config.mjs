import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";

// <err-lens> is a custom element, not a Vue component.
export default {
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === "err-lens" } } })],
  server: { fs: { allow: [fileURLToPath(new URL("../../..", import.meta.url))] } },
  logLevel: "warn",
};
