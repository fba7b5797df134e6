//! Support tickets: drafted from a real diagnosis and the host context, every
//! rendering redacted, Markdown fences unbreakable, `mailto:` links encoded
//! and capped. Native; no network.

use errlens::catalogue::Catalogue;
use errlens::diagnose::{diagnose, DiagnoseOptions, Diagnosis};
use errlens::ticket::{draft, Context, Ticket, MAX_MAILTO_BODY};

const TOKEN: &str = "Zq8vX2mL0pR4tY6wB1nC3dF5";
const PASTE: &str = "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 30\r\nX-Request-Id: req_7Hq2LmX0aZ\r\n\r\nAuthorization: Bearer Zq8vX2mL0pR4tY6wB1nC3dF5\r\n";

fn diagnosis() -> Diagnosis {
    let mut d = diagnose(PASTE, &Catalogue::builtin(), &DiagnoseOptions::default());
    // The request id is pinned here so this test does not depend on how the
    // diagnoser's signal extraction evolves.
    d.signals.request_ids = vec!["req_7Hq2LmX0aZ".into()];
    d
}

fn context() -> Context {
    serde_json::from_str(r#"{"integration": "stripe", "workspace": "acme-prod", "flow": "daily invoices", "plan": "enterprise"}"#).expect("context json")
}

fn ticket() -> Ticket {
    draft(Some(&diagnosis()), &context(), "2024-03-01T10:22:01+01:00", "2024.03")
}

#[track_caller]
fn check(rendering: &str, must_have: &[&str], must_not_have: &[&str]) {
    for s in must_have {
        assert!(rendering.contains(s), "missing {s:?} in:\n{rendering}");
    }
    for s in must_not_have {
        assert!(!rendering.contains(s), "found {s:?} in:\n{rendering}");
    }
}

#[test]
fn draft_is_prefilled_from_diagnosis_and_context() {
    let t = ticket();
    let d = diagnosis();
    let top = d.findings.first().expect("a 429 paste has a finding");
    assert!(t.title.starts_with(&top.title), "{}", t.title);
    assert!(t.title.contains("stripe") && t.title.contains("daily invoices"));
    assert_eq!(t.entry_id, top.entry);
    assert_eq!(t.status, Some(429));
    assert_eq!(t.kind, "rate_limit");
    assert_eq!(t.request_ids, vec!["req_7Hq2LmX0aZ".to_string()]);
    assert_eq!((t.integration.as_str(), t.workspace.as_str(), t.flow.as_str()), ("stripe", "acme-prod", "daily invoices"));
    assert_eq!(t.first_observed, "2024-03-01T10:22:01+01:00");
    assert_eq!(t.catalogue_version, "2024.03");
    assert_eq!(t.extra.get("plan").map(String::as_str), Some("enterprise"));
    assert!(t.docs_checked && !t.blocker);
    assert!(!t.error_text.contains(TOKEN), "error text must arrive redacted");
    assert!(t.description.contains("HTTP 429"));
}

#[test]
fn draft_without_diagnosis_keeps_the_context() {
    let t = draft(None, &context(), "2024-03-01T10:22:01Z", "2024.03");
    assert_eq!(t.title, "Integration error in stripe (daily invoices)");
    assert!(t.entry_id.is_empty() && t.request_ids.is_empty() && t.status.is_none());
}

#[test]
fn every_rendering_redacts_what_the_user_typed() {
    let mut t = ticket();
    // The user pastes secrets into free-text fields after the draft was made.
    t.description.push_str("\nI also tried password=hunter2hunter2 and api_key=Ab12Cd34Ef56Gh78.");
    t.tried = vec!["Rotated the key sk_live_4eC39HqLyjWDarjtT1zdp7dc".into()];
    t.logs = "curl -H 'Authorization: Bearer Zq8vX2mL0pR4tY6wB1nC3dF5' https://api.stripe.com/v1/invoices".into();
    t.blocker = true;
    t.deadline = "2024-03-04".into();
    let secrets = [TOKEN, "hunter2hunter2", "Ab12Cd34Ef56Gh78", "4eC39HqLyjWDarjtT1zdp7dc"];
    let text = t.to_text();
    check(&text, &["req_7Hq2LmX0aZ", "Blocker: yes", "Deadline: 2024-03-04", "Workspace: acme-prod", "Docs checked: yes", "What was tried:", "Catalogue entry: http-429 (catalogue 2024.03)", "First observed: 2024-03-01T10:22:01+01:00"], &secrets);
    check(&t.to_markdown(), &["### Error text", "```text", "req\\_7Hq2LmX0aZ"], &secrets);
    let mail = t.mailto("support@example.com");
    check(&mail, &["mailto:support@example.com?subject=", "&body=", "req_7Hq2LmX0aZ"], &secrets);
}

#[test]
fn markdown_fence_outlives_backticks_in_the_paste() {
    let mut t = ticket();
    t.error_text = "before\n```\n# not a heading\n````\nafter".into();
    let md = t.to_markdown();
    // The block opens with a fence longer than any backtick run inside and closes with the same.
    check(&md, &["\n`````text\nbefore\n```\n# not a heading\n````\nafter\n`````\n"], &[]);
    // Regression: a title with Markdown syntax must not become a link or emphasis.
    t.title = "[click](http://evil.example) *now*".into();
    check(&t.to_markdown(), &["## \\[click\\](http://evil.example) \\*now\\*"], &[]);
}

#[test]
fn mailto_is_encoded_and_capped() {
    let mut t = ticket();
    t.title = "Sync failed & retried? 100% #urgent".into();
    t.logs = "line é with spaces\n".repeat(2000);
    let mail = t.mailto("support+errlens@example.com");
    let (head, body) = mail.split_once("&body=").expect("a body");
    assert_eq!(head, "mailto:support%2Berrlens@example.com?subject=Sync%20failed%20%26%20retried%3F%20100%25%20%23urgent");
    assert!(body.len() <= MAX_MAILTO_BODY, "body is {} bytes", body.len());
    assert!(body.contains("%0D%0A"), "line breaks are CRLF");
    assert!(body.ends_with("copied%20as%20text.%5D"), "a cut body says so");
    assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
    // A short ticket is not cut.
    let short = draft(None, &Context::default(), "2024-03-01T10:22:01Z", "2024.03").mailto("a@example.com");
    assert!(!short.contains("Cut%20to%20fit"));
}

#[test]
fn stored_drafts_from_older_versions_still_load() {
    let old: Ticket = serde_json::from_str(r#"{"title": "x", "priority": "high", "blocker": true}"#).expect("partial draft loads");
    assert_eq!((old.title.as_str(), old.priority.as_str(), old.blocker), ("x", "high", true));
    let round: Ticket = serde_json::from_str(&serde_json::to_string(&ticket()).expect("serializes")).expect("round-trips");
    assert_eq!(round, ticket());
}

/// A value the user marked as "not a secret" stays readable in every form;
/// every other secret is still masked.
#[test]
fn unmasked_false_positives_stay_readable_and_the_rest_is_masked() {
    let key = "sk_live_51Hx9QwErTyUiOpAsDfGhJkLzXcVbNm12";
    // A key id the user knows to be a test account's (AWS's documented example
    // key, `...EXAMPLE`, is never masked in the first place).
    let look_alike = "AKIAR4WZ7QJXK2M5PDLN";
    let mut ticket = errlens::ticket::Ticket {
        title: "Sync failed".into(),
        error_text: format!("aws_access_key_id={look_alike}\nstripe key {key}\n"),
        ..Default::default()
    };
    let masked = ticket.to_text();
    assert!(!masked.contains(look_alike) && !masked.contains(key), "{masked}");
    ticket.unmasked = vec![look_alike.to_string()];
    for text in [ticket.to_text(), ticket.to_markdown()] {
        assert!(text.contains(look_alike), "the unmasked value is readable: {text}");
        assert!(!text.contains(key), "the other secret stays masked: {text}");
    }
}

fn salesforce_diagnosis() -> Diagnosis {
    let paste = "HTTP/1.1 403 Forbidden\r\n\r\n[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"TotalRequests Limit exceeded.\"}]";
    diagnose(paste, &Catalogue::builtin(), &DiagnoseOptions::default())
}

fn salesforce_context() -> Context {
    serde_json::from_str(r#"{"integration": "salesforce", "workspace": "acme-prod"}"#).expect("context json")
}

#[test]
fn an_untouched_draft_follows_the_host_context_and_the_new_error() {
    let before = ticket();
    let fresh = draft(Some(&salesforce_diagnosis()), &salesforce_context(), "2024-03-01T11:00:00+01:00", "2024.03");
    assert!(before.is_stale(&fresh), "a new paste makes the draft describe an earlier error");
    let after = before.follow(&fresh, false);
    assert_eq!(after.integration, "salesforce");
    assert_eq!(after.flow, "", "the host dropped the flow; the draft follows");
    assert!(after.error_text.contains("REQUEST_LIMIT_EXCEEDED"), "nothing was typed, so the new error replaces the old: {}", after.error_text);
    assert!(after.title.contains("salesforce"), "the title names the new context: {}", after.title);
    assert_eq!(after.first_observed, before.first_observed, "when the user first saw an error is theirs");
    assert!(!after.is_stale(&fresh));
    assert_eq!(after.follow(&fresh, false), after, "following twice changes nothing more");
}

#[test]
fn an_edited_draft_keeps_what_the_user_typed_and_only_offers_the_new_error() {
    let mut before = ticket();
    before.description = "Invoices stopped at 9am, finance is waiting".into();
    before.mark_edited("description");
    before.workspace = "acme-eu".into();
    before.mark_edited("workspace");
    let fresh = draft(Some(&salesforce_diagnosis()), &salesforce_context(), "2024-03-01T11:00:00+01:00", "2024.03");

    let followed = before.follow(&fresh, false);
    assert_eq!(followed.integration, "salesforce", "an unedited context field follows the host");
    assert_eq!(followed.workspace, "acme-eu", "an edited one stays");
    assert_eq!(followed.description, before.description);
    assert_eq!(followed.error_text, before.error_text, "the error text is only offered, not swapped under the user");
    assert!(followed.is_stale(&fresh), "the view offers the new error");

    let taken = followed.follow(&fresh, true);
    assert!(taken.error_text.contains("REQUEST_LIMIT_EXCEEDED"));
    assert_eq!(taken.description, before.description, "taking the new error keeps the typed description");
    assert_eq!(taken.workspace, "acme-eu");
    assert_eq!(taken.entry_id, fresh.entry_id);
    assert!(!taken.is_stale(&fresh));
}

#[test]
fn the_same_paste_read_again_is_not_a_new_error() {
    let before = ticket();
    let again = draft(Some(&diagnosis()), &context(), "2024-03-02T09:00:00+01:00", "2024.03");
    assert!(!before.is_stale(&again));
    assert!(!before.is_stale(&draft(None, &context(), "2024-03-02T09:00:00+01:00", "2024.03")), "no diagnosis is not a new error");
}

#[test]
fn a_value_marked_not_secret_shows_in_the_error_text_and_can_be_masked_again() {
    let payload = "GET /v1/orders?api_key=sk_live_51H8yq2eZvKYlo2C0aQ1bC2dE3fG4hI5jK6lM7nO8pQ9rS0tU1 HTTP/1.1\nX-Trace: 9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c\n";
    let secrets = errlens::redact::find_secrets(payload, &errlens::redact::RedactOptions::default());
    let mut t = Ticket::default();
    t.set_unmasked(payload, &secrets, "nothing-found", false);
    assert!(!t.error_text.contains("sk_live_51H8"), "every secret is masked: {}", t.error_text);
    let stripe = secrets.iter().find(|s| payload[s.start..s.end].starts_with("sk_live")).expect("the Stripe key is found");
    let value = &payload[stripe.start..stripe.end];
    t.set_unmasked(payload, &secrets, value, true);
    assert!(t.error_text.contains(value), "shown on request: {}", t.error_text);
    t.set_unmasked(payload, &secrets, value, false);
    assert!(!t.error_text.contains(value) && t.unmasked.is_empty(), "masked again: {}", t.error_text);
}
