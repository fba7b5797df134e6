//! How the real-paste corpus is split: by source, never by item. Shared by
//! `build.rs` (which learns only from the development part) and the corpus
//! tests (which measure both parts), so the two cannot disagree.

use std::collections::BTreeSet;

/// The unit of the split: `owner/repo` for GitHub threads, else the site.
pub fn source_key(source: &str) -> String {
    let s = source.trim_start_matches("https://").trim_start_matches("http://").trim_start_matches("www.");
    if let Some(rest) = s.strip_prefix("github.com/") {
        return rest.split('/').take(2).collect::<Vec<_>>().join("/").to_ascii_lowercase();
    }
    if let Some((repo, _)) = s.split_once('#') {
        if !repo.contains('.') {
            return repo.to_ascii_lowercase();
        }
    }
    s.split('/').next().unwrap_or(s).to_ascii_lowercase()
}

/// The sources of the sealed test part, from `test-sources.txt`.
pub fn test_sources(list: &str) -> BTreeSet<String> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_lowercase).collect()
}

/// A corpus file's labels (`key: value` lines before `---`) and its paste.
pub fn parse(raw: &str) -> Option<(Vec<(String, String)>, &str)> {
    let (head, text) = raw.split_once("\n---\n")?;
    let labels = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim_start_matches('#').trim().to_string(), v.trim().to_string()))
        .collect();
    Some((labels, text))
}
