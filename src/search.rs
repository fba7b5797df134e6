//! Search over the catalogue: an index built once, queried per keystroke.
//!
//! The index is built from a [`Catalogue`] and refers to entries by position,
//! so it must be rebuilt when the catalogue changes (host extension). Pure
//! core: no web imports, no panics on any query, work bounded whatever the
//! query's length.
//!
//! How a query is ranked, in the order it happens (`query.rs`):
//!
//! 1. The query is cut at [`MAX_QUERY`], folded (case, diacritics: "requêtes"
//!    finds "requetes") and split into words at anything but letters and
//!    digits; stop words ("why", "my", "keep") are dropped unless nothing else
//!    is left.
//! 2. Each word is matched against every word of the catalogue: exactly, by a
//!    light English stem ("expired" = "expiration"), as a prefix (the word
//!    still being typed, and abbreviations like "auth"), or, when nothing else
//!    matched, with typos (1 edit for 4-7 letters, 2 beyond). Per entry the
//!    best match counts: field weight (code 10, title 9, alias 6, pattern 4.5,
//!    summary 3, body 1) × match quality × how rare the word is.
//! 3. Runs of query words are looked up as exact codes ("E429", "invalid
//!    grant", "SQLSTATE 42501") and as title or alias phrases ("too many
//!    req"), which add a bonus.
//! 4. The sum is scaled by the share of query words the entry covers; vendor
//!    entries rank a little below generic ones unless the query or the
//!    host's integration names their vendor, which lifts them instead.
//! 5. Ties keep catalogue order. [`Index::explain`] lists every part.
//!
//! Hand-written rather than a crate: `fst` and `nucleo-matcher` would cost more
//! code than the whole module for a catalogue of a few hundred entries, and
//! `strsim` lacks the bounded and prefix edit distances typing needs.

mod fuzzy;
mod index;
mod query;
mod tokenize;

use crate::catalogue::Catalogue;

/// Longest query considered, in bytes; the rest is ignored (cut on a char boundary).
pub const MAX_QUERY: usize = 256;

/// What a caller may ask of one search.
#[derive(Clone, Debug, Default)]
pub struct SearchOptions {
    /// At most this many hits (0 means the default of 10).
    pub limit: usize,
    /// The host's current integration (`salesforce`...): entries for it rank higher.
    pub integration: Option<String>,
}

/// One search result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Position of the entry in the catalogue the index was built from.
    pub entry_idx: usize,
    /// Relevance; higher is better. Comparable within one query only.
    pub score: f32,
    /// Lower-case words of the entry that matched, for highlighting.
    pub matched: Vec<String>,
    /// Shown under its generic parent (the entry at this position, which is
    /// among the hits just above it): a vendor's case of a generic answer.
    pub under: Option<usize>,
}

/// The search index.
#[derive(Clone, Debug)]
pub struct Index {
    tables: index::Tables,
}

impl Index {
    /// Builds the index for every entry of `catalogue`.
    pub fn build(catalogue: &Catalogue) -> Index {
        Index { tables: index::build(catalogue) }
    }

    /// The best entries for `query`, best first. An empty query gives no hits.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Vec<Hit> {
        self.tables.run(query, options, None)
    }

    /// Why the entry at `entry_idx` scores what it does for `query`: one line
    /// per part of its score (each word match, code, phrase and adjustment).
    /// Empty when the entry does not match at all.
    pub fn explain(&self, query: &str, options: &SearchOptions, entry_idx: usize) -> Vec<String> {
        let mut lines = Vec::new();
        let all = SearchOptions { limit: usize::MAX, ..options.clone() };
        self.tables.run(query, &all, Some((entry_idx, &mut lines)));
        lines
    }

    /// How many distinct words the index holds (for size reports).
    pub fn n_words(&self) -> usize {
        self.tables.terms.len()
    }
}

/// Byte spans of the words of `text` a hit matched (`Hit::matched`), for
/// highlighting a result. Words are split and folded as the index splits and
/// folds them, so what is marked is what matched: "Requêtes" for `requetes`.
pub fn highlight_spans(text: &str, matched: &[String]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    if matched.is_empty() {
        return spans;
    }
    let base = text.as_ptr() as usize;
    let mut buf = String::new();
    tokenize::for_each_word(text, &mut buf, |folded, original| {
        let hit = matched.iter().any(|m| m == folded || m.eq_ignore_ascii_case(original) || *m == original.to_lowercase());
        if hit {
            let start = original.as_ptr() as usize - base;
            spans.push((start, start + original.len()));
        }
    });
    spans
}

/// True when a search query reads like an error message or a code with
/// context ("HTTP/1.1 429 Too Many Requests", "psycopg2.OperationalError:
/// FATAL: password authentication failed", "REQUEST_LIMIT_EXCEEDED on
/// insert"), so the panel shows the diagnoser's reading first. A bare code
/// ("429"), a few plain words or a question is a search, not a message.
pub fn looks_like_message(query: &str) -> bool {
    let query = query.trim();
    let words: Vec<&str> = query.split_whitespace().collect();
    if words.len() < 3 || query.len() < 12 {
        return false;
    }
    fn core(w: &str) -> &str {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '_')
    }
    let status = words.iter().any(|w| {
        let w = core(w);
        w.len() == 3 && w.parse::<u16>().is_ok_and(|n| (400..600).contains(&n))
    });
    let exception = words.iter().any(|w| {
        let w = core(w);
        let tail = w.rsplit('.').next().unwrap_or(w);
        tail.len() > 5 && tail.starts_with(|c: char| c.is_ascii_uppercase()) && (tail.ends_with("Error") || tail.ends_with("Exception") || tail.ends_with("Fault"))
    });
    let code = words.iter().any(|w| {
        let w = core(w);
        let upper_snake = w.contains('_') && w.len() >= 6 && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        let errno = w.len() >= 5 && w.starts_with('E') && w[1..].chars().all(|c| c.is_ascii_uppercase());
        upper_snake || errno
    });
    let marker = ["error:", "exception:", "fatal:", "failed:", "http/1.1", "http/2", "status code", "traceback"]
        .iter()
        .any(|m| query.to_ascii_lowercase().contains(m));
    let question = words.first().is_some_and(|w| {
        ["how", "why", "what", "when", "where", "can", "is", "does", "do"].contains(&w.to_ascii_lowercase().as_str())
    }) || query.ends_with('?');
    !question && (marker || exception || code || (status && words.len() >= 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Six entries with the shapes the real catalogue has: HTTP codes, an
    /// OAuth code, an errno, a vendor entry and multilingual aliases.
    const FIXTURE: &str = r#"[
      {"id": "t-429", "title": "429 Too Many Requests", "codes": ["429"],
       "aliases": ["rate limited", "throttled", "zu viele anfragen", "trop de requêtes"],
       "summary": "The app refuses more requests for now.", "meaning": "Rate limiting."},
      {"id": "t-401", "title": "401 Unauthorized", "codes": ["401"],
       "aliases": ["not logged in", "credentials rejected"],
       "summary": "The credentials were missing or wrong.", "meaning": "Authentication failed or expired."},
      {"id": "t-grant", "title": "OAuth invalid_grant", "codes": ["invalid_grant"],
       "aliases": ["refresh token expired", "token revoked"],
       "summary": "The refresh token is expired or revoked.", "meaning": "Reconnect the account."},
      {"id": "t-reset", "title": "Connection reset", "codes": ["ECONNRESET", "SQLSTATE-08006"],
       "aliases": ["connection dropped"],
       "summary": "The other side closed the connection.", "meaning": "A firewall or the server reset it."},
      {"id": "t-stripe-429", "title": "Stripe rate limit", "codes": ["rate_limit"], "providers": ["stripe"],
       "aliases": ["too many requests"],
       "summary": "Stripe refuses more requests for now.", "meaning": "Stripe limits requests per second."},
      {"id": "t-expired", "title": "Access token expired", "codes": ["ACCESS_TOKEN_EXPIRED"],
       "aliases": ["token expired", "session expired"],
       "summary": "The access token has expired.", "meaning": "Tokens expire; the expiration is short."}
    ]"#;

    fn fixture() -> Catalogue {
        let mut catalogue = Catalogue::default();
        let entries: Vec<serde_json::Value> = match serde_json::from_str(FIXTURE) {
            Ok(serde_json::Value::Array(items)) => items,
            other => panic!("fixture is not an array: {other:?}"),
        };
        // Fill the fields search does not read with valid values.
        let filled: Vec<serde_json::Value> = entries
            .into_iter()
            .map(|mut e| {
                let defaults = serde_json::json!({
                    "category": "integration_connection", "kind": "unknown", "error_type": "sync",
                    "layer": "source_api", "causes": ["a cause"], "fixes": ["a fix"], "action": "resync",
                    "retryable": "yes", "severity": "warning"
                });
                if let (Some(map), serde_json::Value::Object(d)) = (e.as_object_mut(), defaults) {
                    for (k, v) in d {
                        map.entry(k).or_insert(v);
                    }
                }
                e
            })
            .collect();
        let problems = catalogue.extend_from_value(serde_json::Value::Array(filled));
        assert!(problems.is_empty(), "{problems:?}");
        catalogue
    }

    #[track_caller]
    fn check(query: &str, options: &SearchOptions, expected_first: Option<&str>) {
        let catalogue = fixture();
        let index = Index::build(&catalogue);
        let hits = index.search(query, options);
        let ids: Vec<&str> = hits.iter().map(|h| catalogue.entries()[h.entry_idx].id.as_ref()).collect();
        assert_eq!(ids.iter().copied().find(|id| id.starts_with("t-")), expected_first, "query {query:?} gave {ids:?}");
    }

    fn plain() -> SearchOptions {
        SearchOptions::default()
    }

    #[test]
    fn exact_codes_in_any_spelling() {
        for query in ["429", "HTTP 429", "E429", "err 429", "error 429", "http429", "status code 429"] {
            check(query, &plain(), Some("t-429"));
        }
        for query in ["invalid_grant", "INVALID_GRANT", "invalid grant", "Invalid-Grant"] {
            check(query, &plain(), Some("t-grant"));
        }
        check("econnreset", &plain(), Some("t-reset"));
        check("read ECONNRESET", &plain(), Some("t-reset"));
        check("SQLSTATE 08006", &plain(), Some("t-reset"));
        check("08006", &plain(), Some("t-reset"));
    }

    #[test]
    fn typing_typos_stems_and_languages() {
        check("too many req", &plain(), Some("t-429"));
        check("thrott", &plain(), Some("t-429"));
        check("unathorized", &plain(), Some("t-401"));
        check("unauthroized", &plain(), Some("t-401"));
        check("unathor", &plain(), Some("t-401"));
        check("token expiration", &plain(), Some("t-expired"));
        check("tokens expiring", &plain(), Some("t-expired"));
        check("zu viele anfragen", &plain(), Some("t-429"));
        check("trop de requetes", &plain(), Some("t-429"));
        check("TROP DE REQUÊTES", &plain(), Some("t-429"));
        check("why does my sync keep failing with 401", &plain(), Some("t-401"));
    }

    #[test]
    fn vendor_entries_yield_unless_named_or_in_context() {
        check("too many requests", &plain(), Some("t-429"));
        check("stripe too many requests", &plain(), Some("t-stripe-429"));
        let stripe = SearchOptions { integration: Some("Stripe".into()), ..plain() };
        check("too many requests", &stripe, Some("t-stripe-429"));
    }

    #[test]
    fn nothing_for_noise_and_no_panic_on_any_input() {
        check("", &plain(), None);
        check("   ,,, ", &plain(), None);
        check("qqqqzzzz", &plain(), None);
        let long = "é".repeat(MAX_QUERY) + &"429 ".repeat(1000);
        let index = Index::build(&fixture());
        for query in [long.as_str(), "\u{0}\u{ffff}😀", "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-1-2-3-4-5-6-7-8"] {
            let _ = index.search(query, &plain());
            let _ = index.explain(query, &plain(), 0);
        }
    }

    #[test]
    fn ranking_is_stable_explained_and_highlightable() {
        let catalogue = fixture();
        let index = Index::build(&catalogue);
        let first = index.search("expired", &plain());
        assert_eq!(first, index.search("expired", &plain()));
        let limited = index.search("expired", &SearchOptions { limit: 1, ..plain() });
        assert_eq!(limited.len(), 1);
        let Some(position) = catalogue.index_of("t-429") else { panic!("fixture lacks t-429") };
        let hits = index.search("trop de requêtes", &plain());
        let Some(hit) = hits.iter().find(|h| h.entry_idx == position) else { panic!("no t-429 in {hits:?}") };
        assert!(hit.matched.iter().any(|w| w == "requêtes"), "{:?}", hit.matched);
        let why = index.explain("429", &plain(), position);
        assert!(why.iter().any(|line| line.starts_with("code \"429\"")), "{why:?}");
    }

    #[test]
    fn builtin_catalogue_finds_its_codes() {
        let catalogue = Catalogue::builtin();
        let index = Index::build(&catalogue);
        let hits = index.search("429", &plain());
        let first = hits.first().map(|h| catalogue.entries()[h.entry_idx].id.as_ref());
        assert_eq!(first, Some("http-429"));
    }
}

#[cfg(test)]
mod message_tests {
    use super::looks_like_message;

    #[test]
    fn error_lines_read_as_messages() {
        for q in [
            "2026-11-29T10:00:00Z ERROR sync failed: HTTP/1.1 429 Too Many Requests retry after 30",
            "psycopg2.OperationalError: FATAL: password authentication failed for user",
            "REQUEST_LIMIT_EXCEEDED when inserting opportunities",
            "connect ECONNREFUSED 127.0.0.1:5432 while loading",
            "Received 503 from the orders endpoint again",
        ] {
            assert!(looks_like_message(q), "{q}");
        }
    }

    #[test]
    fn searches_and_questions_are_not_messages() {
        for q in ["429", "rate limit", "token expired", "how do i fix a 429 error?", "webhook not firing at all", "why is my sync failing with 401"] {
            assert!(!looks_like_message(q), "{q}");
        }
    }
}

#[cfg(test)]
mod highlight_tests {
    use super::highlight_spans;

    fn marked(text: &str, matched: &[&str]) -> Vec<String> {
        let matched: Vec<String> = matched.iter().map(|m| m.to_string()).collect();
        highlight_spans(text, &matched).into_iter().map(|(a, b)| text[a..b].to_string()).collect()
    }

    #[test]
    fn marks_the_matched_words_split_and_folded_like_the_index() {
        assert_eq!(marked("Wait for the `Retry-After` header", &["retry", "after"]), ["Retry", "After"]);
        assert_eq!(marked("Trop de requêtes", &["requetes"]), ["requêtes"]);
        assert_eq!(marked("invalid_grant returned", &["grant"]), ["grant"]);
        assert!(marked("nothing here", &[]).is_empty());
    }
}
