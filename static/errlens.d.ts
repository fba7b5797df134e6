// Types of the errlens package: the `ErrLens` API (window.ErrLens and the
// module's exports), the objects it returns, the events it raises and the
// <err-lens> element. Checked against what the code really returns: string
// unions and object fields by the native test `tests/types.rs`, search hits
// and redaction findings by the host suite, from live calls.

/** The class of failure. */
export type Kind =
  | "auth" | "permission" | "rate_limit" | "bad_request" | "not_found" | "conflict" | "payment"
  | "payload_too_large" | "server" | "unavailable" | "timeout" | "network" | "tls" | "database" | "data" | "unknown";

/** Where the help center files an entry. */
export type Category =
  | "account_billing" | "integration_connection" | "integration_extraction" | "destination_connection"
  | "destination_loading" | "platform_runtime" | "network_security" | "states_lifecycle" | "support";

/** Which of a status page's error types the error shows up as. */
export type ErrorType = "sync" | "auth" | "system";

/** Whose problem it is. */
export type Layer = "config" | "source_api" | "destination" | "network" | "platform" | "account";

/** The one thing to do now; the `action` event hands it to the host. */
export type Action =
  | "resync" | "reauthenticate" | "wait_and_retry" | "fix_request" | "fix_permissions" | "fix_destination"
  | "unpause" | "contact_support" | "contact_app_support";

/** How bad it is for the data flow. */
export type Severity = "info" | "warning" | "error" | "critical";

/** Whether sending the same request again can succeed. */
export type Retryable = "yes" | "no" | "depends";

/** One catalogue entry (`ErrLens.entry(id)`). */
export interface Entry {
  id: string;
  title: string;
  category: Category;
  kind: Kind;
  error_type: ErrorType;
  layer: Layer;
  codes: string[];
  aliases: string[];
  patterns: string[];
  providers: string[];
  summary: string;
  meaning: string;
  causes: string[];
  fixes: string[];
  action: Action;
  retryable: Retryable;
  severity: Severity;
  related: string[];
  /** For a vendor's entry, the generic entry it is a case of ("" for none). */
  parent: string;
  /** How people describe the symptom or ask about it, in any language. */
  symptoms: string[];
  references: string[];
  overlap: string;
}

/** One search hit (`ErrLens.search`), best first. */
export interface SearchHit {
  id: string;
  title: string;
  summary: string;
  category: Category;
  kind: Kind;
  score: number;
  /** The query words this entry matched. */
  matched: string[];
  /** Shown under this generic entry (listed above it): a vendor's case of it. */
  parent: string | null;
}

/** What was pasted. */
export interface InputInfo {
  format: "http_raw" | "json" | "xml" | "html" | "har" | "curl" | "graphql" | "stack_trace" | "log" | "text";
  bytes: number;
  truncated: boolean;
}

/** A span of the paste supporting a finding; offsets in UTF-16 code units. */
export interface Evidence {
  start: number;
  end: number;
  text: string;
  why: string;
}

/** One candidate explanation. */
export interface Finding {
  entry: string;
  title: string;
  /** 0..1. */
  confidence: number;
  evidence: Evidence[];
  action: Action;
  kind: Kind;
  layer: Layer;
}

/** Facts read off the paste. */
export interface Signals {
  provider: string | null;
  codes: string[];
  message: string | null;
  request_id: string | null;
  request_ids: string[];
  timestamp: string | null;
  method: string | null;
  url: string | null;
}

/** What `ErrLens.diagnose` returns. */
export interface Diagnosis {
  input: InputInfo;
  status: number | null;
  kind: Kind;
  retryable: boolean | null;
  retry_after_s: number | null;
  findings: Finding[];
  signals: Signals;
  /** The paste with secrets masked. */
  redacted: string;
  notes: string[];
}

/** One secret found by `ErrLens.redact`; offsets in UTF-16 code units. */
export interface RedactFinding {
  /** The secret's family, e.g. `github_pat`. */
  kind: string;
  /** The family in words. */
  label: string;
  /** The vendor's page for rotating a live credential, when there is one. */
  rotate?: string | null;
  start: number;
  end: number;
}

export interface Redacted {
  text: string;
  findings: RedactFinding[];
}

/** A support ticket draft (the `action` event's `ticket` for `contact_support`). */
export interface Ticket {
  title: string;
  description: string;
  tried: string[];
  integration: string;
  workspace: string;
  flow: string;
  error_text: string;
  logs: string;
  request_ids: string[];
  first_observed: string;
  priority: "low" | "normal" | "high" | "urgent";
  blocker: boolean;
  deadline: string;
  entry_id: string;
  catalogue_version: string;
  docs_checked: boolean;
  status: number | null;
  kind: string;
  extra: Record<string, string>;
  unmasked: string[];
  /** Fields the user edited; the draft follows the host in the others. */
  edited: string[];
  /** Which diagnosis the error text comes from. */
  source: string;
}

/** The host's context: goes into tickets and ranking. */
export interface Context {
  integration?: string;
  workspace?: string;
  flow?: string;
  [key: string]: unknown;
}

/** A host catalogue extension: entries in the same shape as `Entry`. */
export interface CatalogueExtension {
  entries: Array<Partial<Entry> & Pick<Entry, "id" | "title">>;
}

export type View = "search" | "diagnose" | "entry" | "ticket";

export interface OpenOptions {
  view?: View;
  query?: string;
  payload?: string;
  entry?: string;
}

export interface ConfigureOptions {
  theme?: "light" | "dark" | "auto";
  /** `mod+k` by default; `false` turns the shortcut off. */
  shortcut?: string | false;
  /** Where the lazy files live, when not beside errlens.js. */
  base?: string;
  /** Deep links: `hash` (default), `query`, or `off`. */
  links?: "hash" | "query" | "off";
  /** Whether the page widget updates the URL itself (default true). */
  history?: boolean;
  /** Mounts the launcher button, as `data-mode="launcher"` does. */
  launcher?: boolean;
  /** The loader's own strings, shown before the wasm loads. */
  strings?: Partial<Record<"launcher" | "loading" | "failed" | "crashed" | "reload", string>>;
  locale?: string;
  translations?: Record<string, string>;
  catalogue?: CatalogueExtension;
  context?: Context;
  supportEmail?: string;
  /** Keep drafts in localStorage (default true). */
  persist?: boolean;
}

export interface ConfigureResult {
  problems: Array<{ entry?: string; field?: string; message: string }>;
  entries?: number;
  version?: string;
}

/** Event details, by event name (`ErrLens.on` and DOM events on the element). */
export interface ErrLensEventMap {
  open: { view: View };
  close: Record<string, never>;
  search: { query: string; results: number };
  entry: { id: string };
  /** The whole diagnosis of a paste with a finding. */
  diagnosed: Diagnosis;
  /** A search with no result (`{query}`), or a paste with no finding (the diagnosis). */
  "no-match": { query: string } | Diagnosis;
  "ticket-copied": { format: "text" | "markdown"; text: string };
  /** From an entry or a diagnosis (`title`), or from the ticket (`ticket`, `text`). */
  action: { action: Action; entry: string | null; title?: string; ticket?: Ticket; text?: string; diagnosis: Diagnosis | null };
  /** The page widget opened an entry and is about to update the URL; cancel
   *  the DOM event (`preventDefault()`) to route it yourself. */
  navigate: { id: string; url: string };
}

export type ErrLensEventName = keyof ErrLensEventMap;

export interface ErrLensApi {
  /** Resolves once the wasm is loaded (awaiting it starts the load). */
  readonly ready: PromiseLike<void> & { catch(onrejected: (reason: unknown) => unknown): Promise<unknown>; finally(fn: () => void): Promise<void> };
  readonly version: string;
  search(query: string, options?: { limit?: number }): Promise<SearchHit[]>;
  entry(id: string): Promise<Entry | null>;
  entries(): Promise<Entry[]>;
  diagnose(text: string, options?: { integration?: string; now?: number }): Promise<Diagnosis>;
  redact(text: string, options?: { emails?: boolean }): Promise<Redacted>;
  open(options?: OpenOptions): Promise<void>;
  close(): void;
  configure(options?: ConfigureOptions): Promise<ConfigureResult>;
  setContext(context: Context): Promise<void>;
  catalogueVersion(): Promise<string>;
  /** Forces an internal error, to check that the host survives it. */
  debugPanic(): Promise<void>;
  on<K extends ErrLensEventName>(event: K, handler: (detail: ErrLensEventMap[K]) => void): () => void;
}

declare const ErrLens: ErrLensApi;
export default ErrLens;
export const ready: ErrLensApi["ready"];
export const search: ErrLensApi["search"];
export const entry: ErrLensApi["entry"];
export const entries: ErrLensApi["entries"];
export const diagnose: ErrLensApi["diagnose"];
export const redact: ErrLensApi["redact"];
export const open: ErrLensApi["open"];
export const close: ErrLensApi["close"];
export const configure: ErrLensApi["configure"];
export const setContext: ErrLensApi["setContext"];
export const on: ErrLensApi["on"];

/** The <err-lens> element. */
export interface ErrLensElement extends HTMLElement {
  mode: "inline" | "page" | "launcher";
  view: View | null;
  theme: "light" | "dark" | "auto" | null;
  entry: string | null;
  addEventListener<K extends ErrLensEventName>(type: K, listener: (this: ErrLensElement, ev: CustomEvent<ErrLensEventMap[K]>) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends ErrLensEventName>(type: K, listener: (this: ErrLensElement, ev: CustomEvent<ErrLensEventMap[K]>) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The element's attributes, as a framework's templates see them. */
export interface ErrLensAttributes {
  mode?: "inline" | "page" | "launcher";
  view?: View;
  theme?: "light" | "dark" | "auto";
  entry?: string;
  label?: string;
  id?: string;
  class?: string;
}

declare global {
  interface Window {
    ErrLens: ErrLensApi;
  }
  interface HTMLElementTagNameMap {
    "err-lens": ErrLensElement;
  }
}

// React 19: <err-lens> in TSX (React's JSX namespace, from @types/react).
declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "err-lens": ErrLensAttributes & {
        ref?: import("react").Ref<ErrLensElement>;
        key?: import("react").Key;
        className?: string;
        style?: import("react").CSSProperties;
        children?: import("react").ReactNode;
      };
    }
  }
}

// Vue 3: <err-lens> in templates, type-checked by vue-tsc.
declare module "vue" {
  interface GlobalComponents {
    "err-lens": import("vue").DefineComponent<ErrLensAttributes>;
  }
}
