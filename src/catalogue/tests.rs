//! Tests of the built-in data and of the host extension.

use super::*;

/// Every id the product promises hosts (public API: never renamed).
const REQUIRED_IDS: &[&str] = &[
    "http-429",
];

#[test]
fn builtin_catalogue_is_valid() {
    let problems = validate::check_all(builtin());
    assert!(problems.is_empty(), "{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"));
}

#[test]
fn every_promised_id_is_present() {
    let catalogue = Catalogue::builtin();
    let missing: Vec<&str> = REQUIRED_IDS.iter().copied().filter(|id| catalogue.get(id).is_none()).collect();
    assert!(missing.is_empty(), "missing entries: {missing:?}");
}
