//! Search on the words people really type: issue titles, forum and Q&A
//! subjects copied as written (`tests/corpus/queries/queries.tsv`, each with
//! its source and the entries a support engineer would accept). Split by
//! source into a development part and a sealed test part
//! (`test-sources.txt`); both are reported, per style, as top-1 and top-3.
//! The floors below are the measured figures: a change that lowers either part
//! fails. `ERRLENS_MISSES=1` lists the development part's misses (never the
//! test part's).
//!
//! Run with `cargo test --profile native --test search_corpus -- --nocapture`.

use std::collections::{BTreeMap, HashSet};

use errlens::catalogue::Catalogue;
use errlens::search::{Index, SearchOptions};

const QUERIES: &str = include_str!("corpus/queries/queries.tsv");
const TEST_SOURCES: &str = include_str!("corpus/queries/test-sources.txt");

/// Measured floors, `(top1, top3)`, development and test part. Last
/// measured 0.767 / 0.879 and 0.800 / 0.908: the 644 vendor codes added to
/// the catalogue for the diagnoser (each found whole, no longer by its
/// words) cost three development queries their first place.
const FLOOR_DEV: (f64, f64) = (0.766, 0.878);
const FLOOR_TEST: (f64, f64) = (0.799, 0.907);

struct Query {
    text: String,
    accepted: Vec<String>,
    style: String,
    source: String,
}

fn corpus() -> Vec<Query> {
    QUERIES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 5, "five fields per line: {l}");
            Query {
                text: f[0].to_string(),
                accepted: f[1].split(',').map(str::to_string).collect(),
                style: f[2].to_string(),
                source: f[3].to_string(),
            }
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Tally {
    n: usize,
    top1: usize,
    top3: usize,
}

impl Tally {
    fn add(&mut self, rank: Option<usize>) {
        self.n += 1;
        self.top1 += usize::from(rank == Some(0));
        self.top3 += usize::from(rank.is_some_and(|r| r < 3));
    }
    fn rates(&self) -> (f64, f64) {
        let n = self.n.max(1) as f64;
        (self.top1 as f64 / n, self.top3 as f64 / n)
    }
}

/// Whether hit `id` answers `q`. A vendor's entry accepted beside a generic
/// one (its concept) counts only when the query names that vendor: "rate
/// limit" wants the generic entry, "stripe rate limit" may take Stripe's.
fn counts(catalogue: &Catalogue, q: &Query, id: &str) -> bool {
    let providers = |id: &str| catalogue.get(id).map(|e| e.providers.to_vec()).unwrap_or_default();
    // A vendor's case of an accepted generic entry is right for a query
    // that names the vendor (the panel shows it under that entry).
    let parent = catalogue.get(id).map(|e| e.parent.to_string()).unwrap_or_default();
    if !parent.is_empty() && q.accepted.contains(&parent) {
        let text = q.text.to_lowercase();
        if providers(id).iter().any(|p| text.contains(p.as_ref())) {
            return true;
        }
    }
    if !q.accepted.iter().any(|a| a == id) {
        return false;
    }
    let vendor = providers(id);
    let has_generic = q.accepted.iter().any(|a| providers(a).is_empty());
    if vendor.is_empty() || !has_generic {
        return true;
    }
    let text = q.text.to_lowercase();
    vendor.iter().any(|p| text.contains(p.as_ref()))
}

#[test]
fn real_queries_find_the_right_entry() {
    let catalogue = Catalogue::builtin();
    let index = Index::build(&catalogue);
    let queries = corpus();
    let test_sources: HashSet<&str> = TEST_SOURCES.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
    let sources: HashSet<&str> = queries.iter().map(|q| q.source.as_str()).collect();
    assert!(queries.len() >= 400 && sources.len() >= 250, "{} queries from {} sources", queries.len(), sources.len());
    for q in &queries {
        for id in &q.accepted {
            assert!(catalogue.get(id).is_some(), "{:?} accepts `{id}`, which is not an entry", q.text);
        }
    }

    let show = std::env::var("ERRLENS_MISSES").is_ok();
    let mut parts: BTreeMap<(&str, String), Tally> = BTreeMap::new();
    for q in &queries {
        let part = if test_sources.contains(q.source.as_str()) { "test" } else { "dev" };
        let hits = index.search(&q.text, &SearchOptions { limit: 10, ..SearchOptions::default() });
        let ids: Vec<&str> = hits.iter().map(|h| catalogue.entries()[h.entry_idx].id.as_ref()).collect();
        let rank = ids.iter().position(|id| counts(&catalogue, q, id));
        parts.entry((part, q.style.clone())).or_default().add(rank);
        parts.entry((part, "all".into())).or_default().add(rank);
        if show && part == "dev" && rank.is_none_or(|r| r >= 3) {
            println!("miss [{}] {:?} want {:?} got {:?}", q.style, q.text, q.accepted, &ids[..ids.len().min(3)]);
        }
    }
    println!("search on real queries (top-1 / top-3):");
    for ((part, style), t) in &parts {
        let (r1, r3) = t.rates();
        println!("  {part:<5} {style:<8} n={:<4} top-1 {r1:.3}  top-3 {r3:.3}", t.n);
    }
    let all = |part: &str| parts.get(&(part, "all".to_string())).copied().unwrap_or_default().rates();
    let (dev, test) = (all("dev"), all("test"));
    assert!(dev.0 >= FLOOR_DEV.0 && dev.1 >= FLOOR_DEV.1, "development part fell: {dev:?} < {FLOOR_DEV:?}");
    assert!(test.0 >= FLOOR_TEST.0 && test.1 >= FLOOR_TEST.1, "test part fell: {test:?} < {FLOOR_TEST:?}");
}
