// A Vue 3 host: vue-router (history or hash), the errlens package imported
// from a bundle (no script tag), configured in code.
import { createApp, h } from "vue";
import { createRouter, createWebHashHistory, createWebHistory } from "vue-router";
import { configure } from "errlens";
import App from "./App.vue";
import Home from "./Home.vue";
import Help from "./Help.vue";

declare global {
  interface Window { HOST_ROUTER?: string }
}

const hash = window.HOST_ROUTER === "hash";
void configure({ launcher: true, links: hash ? "hash" : "query" });

const router = createRouter({
  history: hash ? createWebHashHistory() : createWebHistory(),
  routes: [
    { path: "/", component: Home },
    { path: "/help", component: Help },
    { path: "/settings", component: { render: () => h("section", [h("h1", "Settings")]) } },
    { path: "/:rest(.*)", component: { render: () => "No such page" } },
  ],
});

createApp(App, { hash }).use(router).mount("#app");
