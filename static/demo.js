// The demo host product: wires its "Explain" buttons to the widget and shows
// the widget's action events as visible effects, as a real host would.
import ErrLens from "./errlens.js";

const log = document.getElementById("host-log");
const say = (text) => { log.textContent = text; };

ErrLens.setContext({ workspace: "acme-analytics", flow: "Orders → Postgres" });
ErrLens.configure({ supportEmail: "support@northwind.example" });

for (const button of document.querySelectorAll("button.explain")) {
  button.addEventListener("click", async () => {
    const response = await fetch(`payloads/${button.dataset.payload}.txt`);
    const payload = await response.text();
    await ErrLens.setContext({ integration: button.dataset.integration, workspace: "acme-analytics", flow: button.closest("tr").children[1].textContent });
    await ErrLens.open({ view: "diagnose", payload });
  });
}

for (const button of document.querySelectorAll("button.unpause")) {
  button.addEventListener("click", () => {
    const row = button.closest("tr");
    row.querySelector(".pill").textContent = "Active";
    row.querySelector(".pill").className = "pill ok";
    button.remove();
    say("Zendesk un-paused: it resumes where it left off.");
  });
}

const effects = {
  reauthenticate: "Opening the sign-in window for this source…",
  resync: "Re-sync started.",
  wait_and_retry: "Retry scheduled after the wait the API asked for.",
  unpause: "Integration un-paused.",
  contact_support: "Support request handed to Northwind's help desk.",
  contact_app_support: "Opening the app vendor's support page…",
  fix_permissions: "Opening the connection's permission settings…",
  fix_request: "Opening the extract settings…",
  fix_destination: "Opening the destination settings…",
};
ErrLens.on("action", (detail) => say(`${effects[detail.action] || detail.action} (${detail.entry || "ticket"})`));
ErrLens.on("ticket-copied", () => say("Ticket copied to the clipboard."));
