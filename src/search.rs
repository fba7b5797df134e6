//! Search over the catalogue: an index built once, queried per keystroke.
//!
//! The index is built from a [`Catalogue`] and refers to entries by position,
//! so it must be rebuilt when the catalogue changes (host extension). Pure
//! core: no web imports, no panics on any query.

use crate::catalogue::{Catalogue, Entry};

/// Longest query considered, in bytes; the rest is ignored.
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
}

/// The search index.
#[derive(Clone, Debug)]
pub struct Index {
    docs: Vec<Vec<(String, f32)>>,
}

impl Index {
    /// Builds the index for every entry of `catalogue`.
    pub fn build(catalogue: &Catalogue) -> Index {
        Index { docs: catalogue.entries().iter().map(document).collect() }
    }

    /// The best entries for `query`, best first. An empty query gives no hits.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Vec<Hit> {
        let limit = if options.limit == 0 { 10 } else { options.limit };
        let query = crate::text::slice(query, 0, MAX_QUERY).to_lowercase();
        let terms: Vec<&str> = query.split(|c: char| !c.is_alphanumeric() && c != '_').filter(|t| !t.is_empty()).collect();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = Vec::new();
        for (entry_idx, doc) in self.docs.iter().enumerate() {
            let mut score = 0.0;
            let mut matched = Vec::new();
            for term in &terms {
                let best = doc
                    .iter()
                    .filter(|(word, _)| word == term || (term.len() >= 2 && word.starts_with(term)))
                    .map(|(word, weight)| (if word == term { *weight } else { weight * 0.6 }, word))
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((w, word)) = best {
                    score += w;
                    matched.push(word.clone());
                }
            }
            if score > 0.0 {
                hits.push(Hit { entry_idx, score, matched });
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry_idx.cmp(&b.entry_idx)));
        hits.truncate(limit);
        hits
    }
}

/// The weighted words of one entry: codes and title first, body last.
fn document(entry: &Entry) -> Vec<(String, f32)> {
    let mut words: Vec<(String, f32)> = Vec::new();
    let mut add = |text: &str, weight: f32| {
        for word in text.to_lowercase().split(|c: char| !c.is_alphanumeric() && c != '_') {
            if word.is_empty() {
                continue;
            }
            match words.iter_mut().find(|(w, _)| w == word) {
                Some(slot) => slot.1 = slot.1.max(weight),
                None => words.push((word.to_string(), weight)),
            }
        }
    };
    entry.codes.iter().for_each(|c| add(c, 10.0));
    add(&entry.title, 8.0);
    entry.aliases.iter().for_each(|a| add(a, 5.0));
    add(&entry.summary, 2.0);
    add(&entry.meaning, 1.0);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(query: &str, expected_first: &str) {
        let catalogue = Catalogue::builtin();
        let index = Index::build(&catalogue);
        let hits = index.search(query, &SearchOptions::default());
        let first = hits.first().map(|h| catalogue.entries()[h.entry_idx].id.to_string());
        assert_eq!(first.as_deref(), Some(expected_first), "query {query:?}");
    }

    #[test]
    fn finds_by_code_and_words() {
        check("429", "http-429");
        check("too many requests", "http-429");
    }
}
