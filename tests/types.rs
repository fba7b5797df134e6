//! The package's TypeScript types (`static/errlens.d.ts`) against what the
//! core really hands to JavaScript: every string union equals its Rust
//! vocabulary, and every interface has exactly the fields of the JSON the
//! core serializes (a real diagnosis, a built-in entry, a drafted ticket).
//! Renaming a field in Rust without the types fails here. Search hits and
//! redaction findings are built in the wasm surface; the host suite checks
//! them from live calls (tests/e2e/hosts.test.mjs).

use std::collections::BTreeSet;

use errlens::catalogue::vocab::{Action, Category, ErrorType, Kind, Layer, Retryable, Severity};
use errlens::catalogue::Catalogue;
use errlens::diagnose::{diagnose, DiagnoseOptions};
use errlens::contract::{self, EntryAction, EntryOpened, NoMatchQuery, RedactFinding, Redacted, SearchEvent, SearchHit, TicketAction, TicketCopied};
use errlens::ticket::{draft, Context};

const DTS: &str = include_str!("../static/errlens.d.ts");

/// The string literals of `export type <name> = "a" | "b" ...;`.
fn union(name: &str) -> BTreeSet<String> {
    let start = DTS.find(&format!("export type {name} =")).unwrap_or_else(|| panic!("errlens.d.ts has no type {name}"));
    let body = &DTS[start..start + DTS[start..].find(';').expect("type ends with ;")];
    body.split('"').skip(1).step_by(2).map(str::to_string).collect()
}

/// The field names of `export interface <name> { ... }` (top level only).
fn fields(name: &str) -> BTreeSet<String> {
    let start = DTS.find(&format!("export interface {name} {{")).unwrap_or_else(|| panic!("errlens.d.ts has no interface {name}"));
    let body = &DTS[start..];
    let body = &body[body.find('{').expect("{") + 1..body.find("\n}").expect("interface ends with }")];
    body.lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && !l.trim_start().starts_with("/*") && !l.trim_start().starts_with('*'))
        .filter_map(|l| l.trim().split([':', '?']).next())
        .filter(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .map(str::to_string)
        .collect()
}

/// The field names of one event's detail in `ErrLensEventMap` (its first `{ ... }`).
fn event_fields(name: &str) -> BTreeSet<String> {
    let map = &DTS[DTS.find("export interface ErrLensEventMap {").expect("the event map")..];
    let key = format!("\n  {name}: {{");
    let quoted = format!("\n  \"{name}\": {{");
    let at = map.find(&key).or_else(|| map.find(&quoted)).unwrap_or_else(|| panic!("no event {name} in errlens.d.ts"));
    let body = &map[at..];
    let body = &body[body.find('{').expect("{") + 1..body.find('}').expect("}")];
    body.split(';')
        .filter_map(|f| f.trim().split([':', '?']).next())
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect()
}

fn keys(value: &serde_json::Value) -> BTreeSet<String> {
    value.as_object().expect("an object").keys().cloned().collect()
}

fn names<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> BTreeSet<String> {
    all.iter().map(|v| as_str(*v).to_string()).collect()
}

#[test]
fn string_unions_match_the_vocabularies() {
    assert_eq!(union("Kind"), names(Kind::ALL, Kind::as_str));
    assert_eq!(union("Category"), names(Category::ALL, Category::as_str));
    assert_eq!(union("ErrorType"), names(ErrorType::ALL, ErrorType::as_str));
    assert_eq!(union("Layer"), names(Layer::ALL, Layer::as_str));
    assert_eq!(union("Action"), names(Action::ALL, Action::as_str));
    assert_eq!(union("Severity"), names(Severity::ALL, Severity::as_str));
    assert_eq!(union("Retryable"), names(Retryable::ALL, Retryable::as_str));
}

#[test]
fn interfaces_have_exactly_the_fields_the_core_serializes() {
    let catalogue = Catalogue::builtin();
    let paste = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\nX-Request-Id: req_7Hq2LmX0aZ\r\n\r\n{\"error\":{\"type\":\"rate_limit_error\"}}";
    let d = diagnose(paste, &catalogue, &DiagnoseOptions::default());
    let json = serde_json::to_value(&d).expect("diagnosis json");
    assert_eq!(keys(&json), fields("Diagnosis"));
    assert_eq!(keys(&json["input"]), fields("InputInfo"));
    assert_eq!(keys(&json["signals"]), fields("Signals"));
    let finding = &json["findings"][0];
    assert_eq!(keys(finding), fields("Finding"));
    assert_eq!(keys(&finding["evidence"][0]), fields("Evidence"));

    let entry = serde_json::to_value(catalogue.get("http-429").expect("http-429")).expect("entry json");
    assert_eq!(keys(&entry), fields("Entry"));

    let ticket = serde_json::to_value(draft(Some(&d), &Context::default(), "2026-01-01T00:00:00Z", "1")).expect("ticket json");
    assert_eq!(keys(&ticket), fields("Ticket"));
}

#[test]
fn search_hits_findings_and_event_details_match_the_types() {
    let matched = vec!["429".to_string()];
    let hit = SearchHit { id: "http-429", title: "t", summary: "s", category: "c", kind: "k", score: 1.0, matched: &matched, parent: None };
    assert_eq!(keys(&contract::json(&hit)), fields("SearchHit"));
    let finding = RedactFinding { kind: "github_pat", label: "GitHub token", rotate: Some("https://example.invalid"), start: 0, end: 4 };
    assert_eq!(keys(&contract::json(&finding)), fields("RedactFinding"));
    assert_eq!(keys(&contract::json(&Redacted { text: String::new(), findings: Vec::new() })), fields("Redacted"));

    assert_eq!(keys(&contract::json(&SearchEvent { query: "q", results: 1 })), event_fields("search"));
    assert_eq!(keys(&contract::json(&NoMatchQuery { query: "q" })), event_fields("no-match"));
    assert_eq!(keys(&contract::json(&EntryOpened { id: "http-429" })), event_fields("entry"));
    assert_eq!(keys(&contract::json(&TicketCopied { format: "text", text: "t" })), event_fields("ticket-copied"));
    // `action` comes from an entry or from the ticket: together they are the declared fields.
    let d = diagnose("HTTP/1.1 429 Too Many Requests\r\n", &Catalogue::builtin(), &DiagnoseOptions::default());
    let ticket = draft(Some(&d), &Context::default(), "2026-01-01T00:00:00Z", "1");
    let from_entry = keys(&contract::json(&EntryAction { action: "wait_and_retry", entry: "http-429", title: "t", diagnosis: Some(&d) }));
    let from_ticket = keys(&contract::json(&TicketAction { action: "contact_support", entry: None, ticket: &ticket, text: "t", diagnosis: None }));
    let declared = event_fields("action");
    assert!(from_entry.is_subset(&declared) && from_ticket.is_subset(&declared), "{from_entry:?} {from_ticket:?} within {declared:?}");
    assert_eq!(from_entry.union(&from_ticket).cloned().collect::<BTreeSet<_>>(), declared);
}

#[test]
fn the_checks_above_can_fail() {
    // A field the core does not have, or a missing one, must show.
    assert!(fields("Diagnosis").contains("retry_after_s"));
    assert!(!fields("Diagnosis").contains("retryAfter"));
    assert!(union("Kind").contains("rate_limit") && !union("Kind").contains("ratelimit"));
}

/// The loader's own words (`contract::LoaderStrings`, read by `errlens.js`
/// after the wasm runs) are exactly the keys the loader looks up.
#[test]
fn loader_strings_are_the_keys_the_loader_reads() {
    const LOADER: &str = include_str!("../static/errlens.js");
    let read: BTreeSet<String> = LOADER
        .match_indices("text(\"")
        .filter_map(|(at, m)| LOADER[at + m.len()..].split('"').next().map(str::to_string))
        .collect();
    let strings = contract::LoaderStrings {
        launcher: String::new(),
        loading: String::new(),
        failed: String::new(),
        crashed: String::new(),
        reload: String::new(),
    };
    let value = serde_json::to_value(&strings).expect("serializes");
    assert_eq!(keys(&value), read, "errlens.js reads other keys than LoaderStrings has");
}
