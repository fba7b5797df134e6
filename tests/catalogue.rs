//! The built-in catalogue as a whole: every id hosts are promised, every
//! fact of the seed help-center pages carried into an entry, the validation
//! catching a broken entry, and host extension. Also writes the catalogue's
//! text to `target/catalogue-text.txt` for the size report.

use errlens::catalogue::{self, validate, Catalogue, Entry};

/// Every id hosts are promised (public API).
const PROMISED_IDS: &[&str] = &[
    "http-400", "http-401", "http-402", "http-403", "http-404", "http-405", "http-408", "http-409", "http-410",
    "http-412", "http-413", "http-414", "http-415", "http-422", "http-423", "http-429", "http-451", "http-499",
    "http-500", "http-501", "http-502", "http-503", "http-504", "http-520", "http-521", "http-522", "http-523",
    "http-524", "http-525", "http-526", "http-527", "http-529", "http-nonstandard",
    "oauth-invalid-grant", "oauth-invalid-client", "oauth-invalid-scope", "token-expired",
    "state-active", "state-synced", "state-paused", "delete-integration",
    "sync-error", "auth-error", "system-error", "connection-error", "extraction-error", "loading-error", "billing-error",
    "network-dns", "network-refused", "network-reset", "network-timeout", "tls-certificate", "ip-allowlist",
    "db-permission", "db-relation-missing", "db-too-many-connections", "db-disk-full", "db-type-mismatch",
    "rate-limit", "quota-exceeded", "schema-change", "webhook-failure",
    "support-ticket", "read-payload", "request-id",
];

/// The seed pages' statements: (statement, entry that carries it, phrases its text must contain).
const SEED_STATEMENTS: &[(&str, &str, &[&str])] = &[
    ("taxonomy: integration connection errors come from permissions and configuration", "connection-error", &["permission", "configuration"]),
    ("taxonomy: extraction errors surface in the extraction logs", "extraction-error", &["extraction logs"]),
    ("taxonomy: loading errors surface in notifications and loading reports", "loading-error", &["notifications", "loading reports"]),
    ("taxonomy: account and billing errors", "billing-error", &["billing"]),
    ("states: a source is active or paused", "state-active", &["active", "paused"]),
    ("states: an active integration is synced or has an error", "state-active", &["synced", "error"]),
    ("states: synced means connected and providing data on schedule", "state-synced", &["schedule"]),
    ("states: an error means data is not updated or unreliable", "sync-error", &["not updated"]),
    ("states: sync errors are fixed by re-syncing", "sync-error", &["re-sync"]),
    ("states: auth errors come from wrong logins, expired tokens or missing access", "auth-error", &["expired token", "access"]),
    ("states: auth errors are fixed by re-authenticating", "auth-error", &["re-authenticat"]),
    ("states: system errors are raised as a ticket with support", "system-error", &["ticket", "support"]),
    ("states: a paused integration resumes where it left off", "state-paused", &["left off"]),
    ("states: deleting an integration loses all its data", "delete-integration", &["lost"]),
    ("guide: three levels, integration logic, component runtime, platform", "manual-walkthrough", &["integration logic", "component runtime", "platform"]),
    ("guide: system downtime is among the most common causes", "system-downtime", &["most common"]),
    ("guide: check the credentials", "credentials-check", &["credentials"]),
    ("guide: check the response structure and mapping", "mapping-error", &["mapping"]),
    ("guide: go through the flow manually before writing to support", "manual-walkthrough", &["step by step"]),
    ("guide: component problems are in the component logs", "component-runtime-error", &["component", "logs"]),
    ("guide: platform errors rarely lose messages", "platform-issue", &["message"]),
    ("guide: support needs title, description with workspace and flow", "support-ticket", &["title", "workspace", "flow"]),
    ("guide: logs and error text as text, not screenshots", "support-ticket", &["as text", "screenshot"]),
    ("guide: date and time first observed, docs checked", "support-ticket", &["first observed", "documentation"]),
    ("guide: priority, blocker and deadline", "support-ticket", &["priority", "block", "deadline"]),
    ("faq 400: malformed request; check permissions and source configuration", "http-400", &["permission", "settings"]),
    ("faq 401: credentials incorrect; check they are correct and valid", "http-401", &["credentials"]),
    ("faq 403: insufficient permissions or scope", "http-403", &["permission", "scope"]),
    ("faq 404: check for an outage and whether the resource is still active", "http-404", &["outage", "deleted"]),
    ("faq 414: use a custom report with fewer parameters", "http-414", &["custom version of the report", "fewer"]),
    ("faq 429: reduce concurrent extract runs and spread schedules", "http-429", &["concurrently", "spread the schedules"]),
    ("faq 500: the server is down; try again later", "http-500", &["later"]),
    ("faq 502: invalid response through a gateway; try again later", "http-502", &["gateway", "later"]),
    ("faq 503: the server is not ready; try again later", "http-503", &["later"]),
    ("faq 504: reduce the data volume and the backfill", "http-504", &["reduce the volume", "backfill"]),
    ("debugging: 402 request failed although parameters were valid", "http-402", &["valid"]),
    ("debugging: 409 conflict, e.g. the same key or an existing object", "http-409", &["already exists"]),
    ("debugging: non-standard codes go to the app's support", "http-nonstandard", &["support"]),
    ("debugging: a status code means the app reached the service's servers", "http-nonstandard", &["reached the service"]),
    ("debugging: read the response body of the failed step", "read-payload", &["body", "failed step"]),
];

fn full_text(entry: &Entry) -> String {
    let mut parts: Vec<&str> = vec![&entry.title, &entry.summary, &entry.meaning];
    parts.extend(entry.causes.iter().map(|c| c.as_ref()));
    parts.extend(entry.fixes.iter().map(|f| f.as_ref()));
    parts.join(" ").to_lowercase()
}

#[test]
fn every_promised_id_has_a_full_entry() {
    let catalogue = Catalogue::builtin();
    for id in PROMISED_IDS {
        let entry = catalogue.get(id).unwrap_or_else(|| panic!("hosts are promised `{id}`"));
        assert!(!entry.summary.is_empty() && !entry.fixes.is_empty() && !entry.causes.is_empty(), "{id} is incomplete");
    }
}

#[test]
fn every_seed_statement_is_carried() {
    let catalogue = Catalogue::builtin();
    let mut missing = Vec::new();
    for (statement, id, phrases) in SEED_STATEMENTS {
        let text = catalogue.get(id).map(full_text).unwrap_or_default();
        let absent: Vec<&&str> = phrases.iter().filter(|p| !text.contains(&p.to_lowercase())).collect();
        if absent.is_empty() {
            println!("carried: {statement} -> {id}");
        } else {
            missing.push(format!("{statement} -> {id}: missing {absent:?}"));
        }
    }
    assert!(missing.is_empty(), "seed statements not carried:\n{}", missing.join("\n"));
}

#[test]
fn validation_rejects_a_broken_entry() {
    let mut entries: Vec<Entry> = catalogue::builtin().to_vec();
    let mut broken = entries[0].clone();
    broken.id = "Not Kebab".into();
    broken.fixes = Vec::new().into();
    broken.related = vec!["no-such-entry".into()].into();
    entries.push(broken);
    entries.push(entries[1].clone());
    let problems = validate::check_all(&entries);
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    for expected in ["field `id`: use lower-case", "field `fixes`: needs at least one item", "`no-such-entry` is not an entry id", "is used by another entry"] {
        assert!(text.iter().any(|t| t.contains(expected)), "expected a problem containing {expected:?} in {text:#?}");
    }
}

#[test]
fn a_parent_must_be_a_generic_entry_of_a_vendor_entry() {
    let builtin: Vec<Entry> = catalogue::builtin().to_vec();
    let find = |id: &str| builtin.iter().find(|e| e.id == id).cloned().expect(id);
    assert!(validate::check_all(&builtin).is_empty(), "the built-in parents are valid");
    let mut missing = find("stripe-rate-limit");
    missing.id = "stripe-rate-limit-copy".into();
    missing.parent = "no-such-parent".into();
    let mut vendor_parent = find("hubspot-rate-limit");
    vendor_parent.id = "hubspot-rate-limit-copy".into();
    vendor_parent.parent = "stripe-rate-limit".into();
    let mut generic_child = find("http-429");
    generic_child.id = "http-429-copy".into();
    generic_child.codes = Vec::new().into();
    generic_child.parent = "rate-limit".into();
    let mut entries = builtin.clone();
    entries.extend([missing, vendor_parent, generic_child]);
    let text: Vec<String> = validate::check_all(&entries).iter().map(|p| p.to_string()).collect();
    for expected in ["`no-such-parent` is not an entry id", "`stripe-rate-limit` is a vendor's entry", "only a vendor's entry (with providers) has a parent"] {
        assert!(text.iter().any(|t| t.contains(expected)), "expected a problem containing {expected:?} in {text:#?}");
    }
}

#[test]
fn host_entries_add_and_override_and_bad_ones_are_named() {
    let mut catalogue = Catalogue::builtin();
    let n = catalogue.entries().len();
    let problems = catalogue.extend_from_json(
        r#"{"entries": [
            {"id": "acme-export-locked", "title": "Acme export locked", "category": "integration_extraction",
             "kind": "conflict", "error_type": "sync", "layer": "source_api", "codes": ["ACME_LOCKED"],
             "summary": "Another export holds the lock.", "meaning": "Acme allows one export at a time.",
             "causes": ["Two flows export at once."], "fixes": ["Stagger the schedules."],
             "action": "wait_and_retry", "retryable": "yes", "severity": "warning", "related": ["http-409"]},
            {"id": "http-429", "summary": "Acme says: too many calls, wait a minute."},
            {"id": "acme-bad", "title": "Bad", "category": "nowhere"}
        ]}"#,
    );
    assert_eq!(catalogue.entries().len(), n + 1);
    assert_eq!(catalogue.get("http-429").unwrap().summary, "Acme says: too many calls, wait a minute.");
    assert_eq!(catalogue.get("http-429").unwrap().title, "429 Too Many Requests", "a partial override keeps the rest");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].entry, "acme-bad");
    assert_eq!(problems[0].field, "category");
    assert!(catalogue.version().ends_with("+host2"), "{}", catalogue.version());
    let garbage = catalogue.extend_from_json("{not json");
    assert!(garbage[0].message.contains("not valid JSON"));
    assert_eq!(catalogue.entries().len(), n + 1, "bad JSON keeps what was there");
}

#[test]
fn write_catalogue_text_for_the_size_report() {
    let mut text = String::new();
    for entry in catalogue::builtin() {
        text.push_str(&serde_json::to_string(entry).unwrap());
        text.push('\n');
    }
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("catalogue-text.txt"), text).unwrap();
}

/// The packed built-in catalogue reads back exactly as the data files say:
/// every entry, every field, every list item, in order.
#[test]
fn the_packed_catalogue_is_the_data_files() {
    #[derive(serde::Deserialize)]
    struct File {
        entry: Vec<Entry>,
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/catalogue/data");
    let mut paths: Vec<_> = std::fs::read_dir(dir).expect("data dir").flatten().map(|e| e.path()).collect();
    paths.retain(|p| p.extension().is_some_and(|x| x == "toml"));
    paths.sort();
    let mut expected = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("data file");
        expected.extend(toml::from_str::<File>(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())).entry);
    }
    let builtin = catalogue::builtin();
    assert_eq!(builtin.len(), expected.len(), "the packed catalogue has a different number of entries");
    for (got, want) in builtin.iter().zip(&expected) {
        assert_eq!(got, want, "entry `{}` reads back differently", want.id);
    }
}
