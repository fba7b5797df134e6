// A React 19 host: StrictMode, react-router (history or hash), the errlens
// package imported from a bundle (no script tag), configured in code.
import { StrictMode, useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, HashRouter, Link, Route, Routes, useLocation, useNavigate } from "react-router";
import ErrLens, { configure, type ErrLensElement, type View } from "errlens";

declare global {
  interface Window { HOST_ROUTER?: string }
}

const hash = window.HOST_ROUTER === "hash";
void configure({ launcher: true, links: hash ? "hash" : "query" });

function Home() {
  const [rows, setRows] = useState(["stripe", "salesforce", "hubspot"]);
  const [view, setView] = useState<View>("search");
  const [theme, setTheme] = useState<"light" | "dark">("light");
  const [shown, setShown] = useState(true);
  return (
    <section>
      <h1>Integrations</h1>
      <ul data-testid="rows">
        {rows.map((name) => (
          <li key={name} data-row={name}>
            {name}
            {name === "salesforce" && <err-lens id="row-widget" view="diagnose" />}
          </li>
        ))}
      </ul>
      <button data-testid="reverse" onClick={() => setRows([...rows].reverse())}>Reverse</button>
      <button data-testid="view-diagnose" onClick={() => setView("diagnose")}>Diagnose view</button>
      <button data-testid="view-search" onClick={() => setView("search")}>Search view</button>
      <button data-testid="theme-dark" onClick={() => setTheme("dark")}>Dark</button>
      <button data-testid="crash" onClick={() => { ErrLens.debugPanic().catch(() => {}); }}>Crash</button>
      <button data-testid="toggle-inline" onClick={() => setShown(!shown)}>{shown ? "Hide" : "Show"}</button>
      {shown && <err-lens id="inline" view={view} theme={theme} />}
    </section>
  );
}

function Help() {
  const navigate = useNavigate();
  const page = useRef<ErrLensElement>(null);
  useEffect(() => {
    const el = page.current;
    if (!el) return;
    // The widget asks before it touches the URL: the router does it instead.
    const follow = (e: CustomEvent<{ id: string; url: string }>) => {
      e.preventDefault();
      const url = new URL(e.detail.url);
      navigate(hash ? url.hash.slice(1) : url.pathname + url.search + url.hash);
    };
    el.addEventListener("navigate", follow);
    return () => el.removeEventListener("navigate", follow);
  }, [navigate]);
  return (
    <section>
      <h1>Help center</h1>
      <err-lens mode="page" id="help-page" ref={page} />
    </section>
  );
}

function Settings() {
  return <section><h1>Settings</h1><p>Nothing to see.</p></section>;
}

function App() {
  const location = useLocation();
  return (
    <>
      <nav>
        <Link data-testid="nav-home" to="/">Home</Link>{" "}
        <Link data-testid="nav-help" to="/help">Help</Link>{" "}
        <Link data-testid="nav-settings" to="/settings">Settings</Link>{" "}
        <Link data-testid="nav-link-401" to="/help?errlens=http-401">401 help</Link>{" "}
        <Link data-testid="nav-home-404" to={hash ? "/?errlens=http-404" : "/settings?errlens=http-404"}>404 help</Link>
      </nav>
      <p data-testid="location">{location.pathname + location.search}</p>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/help" element={<Help />} />
        <Route path="/settings" element={<Settings />} />
        <Route path="*" element={<p data-testid="no-match">No such page</p>} />
      </Routes>
    </>
  );
}

const Router = hash ? HashRouter : BrowserRouter;
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Router>
      <App />
    </Router>
  </StrictMode>,
);
