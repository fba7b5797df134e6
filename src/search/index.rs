//! Building the search index: every word of every entry with the best field it
//! appears in, the entries' codes in compact form, and the title and alias
//! phrases, all in sorted arrays so a query only does binary searches and
//! short scans.
//!
//! The index refers to entries by position in the catalogue it was built
//! from. Building never fails and never panics, whatever the entries contain.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::fuzzy;
use super::tokenize::{camel_parts, compact, for_each_word, stem};
use crate::catalogue::{Catalogue, Entry};

/// Where in an entry a word was found; the order is the order of importance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// Meaning, causes, fixes and the category name.
    Body,
    /// The one-sentence summary.
    Summary,
    /// The phrases a paste is matched with (`patterns`).
    Pattern,
    /// The vendors the entry is about.
    Provider,
    /// The words users search with, in any language.
    Alias,
    /// The title.
    Title,
    /// The exact codes.
    Code,
}

impl Field {
    /// Points for a word found in this field, before rarity and match quality.
    pub fn weight(self) -> f32 {
        match self {
            Field::Code => 10.0,
            Field::Title => 9.0,
            Field::Alias => 6.0,
            Field::Provider => 6.0,
            Field::Pattern => 4.5,
            Field::Summary => 3.0,
            Field::Body => 1.0,
        }
    }

    /// The field's name, for explanations.
    pub fn name(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Title => "title",
            Field::Alias => "alias",
            Field::Provider => "provider",
            Field::Pattern => "pattern",
            Field::Summary => "summary",
            Field::Body => "body",
        }
    }
}

/// One entry containing a word.
#[derive(Clone, Debug)]
pub struct Posting {
    /// The entry's position in the catalogue.
    pub entry: u32,
    /// The best field the word appears in for this entry.
    pub field: Field,
    /// `field`'s weight, lowered for words glued from two (`ratelimit`).
    pub weight: f32,
}

/// One distinct word of the catalogue.
#[derive(Clone, Debug)]
pub struct Term {
    /// The folded word (`requetes`), the sort key.
    pub key: Box<str>,
    /// The word as an entry spells it, lower-cased (`requêtes`; `rate limit`
    /// for a glued word), for highlighting.
    pub surface: Box<str>,
    /// The stem of `key`.
    pub stem: Box<str>,
    /// `key`'s length in chars.
    pub n_chars: u8,
    /// `fuzzy::signature(key)`.
    pub signature: u32,
    /// True when the word appears above the body, where typo matching looks.
    pub typo_target: bool,
    /// Between 0.25 (in every entry) and 1.0 (in one entry).
    pub rarity: f32,
    /// The entries containing it, in catalogue order.
    pub postings: Vec<Posting>,
}

/// An exact code, or a part of one, in compact form.
#[derive(Clone, Debug)]
pub struct Code {
    /// `compact(code)`: `invalidgrant`, `econnreset`, `429`.
    pub key: Box<str>,
    /// The entry claiming it.
    pub entry: u32,
    /// The code as written, lower-cased, for highlighting.
    pub surface: Box<str>,
}

/// A run of two or more words from the end of a title, alias or pattern.
#[derive(Clone, Debug)]
pub struct Phrase {
    /// The folded words joined by single spaces.
    pub key: Box<str>,
    /// The entry it belongs to.
    pub entry: u32,
    /// Where it comes from.
    pub field: Field,
    /// True when it is the whole title or alias, not a tail of it.
    pub whole: bool,
}

/// The built index; see `super::Index`, which wraps it.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    /// Every word, sorted by `key`.
    pub terms: Vec<Term>,
    /// Term positions sorted by stem.
    pub by_stem: Vec<u32>,
    /// Codes sorted by key.
    pub codes: Vec<Code>,
    /// Phrases sorted by key.
    pub phrases: Vec<Phrase>,
    /// For each entry, its providers in compact form.
    pub providers: Vec<Vec<Box<str>>>,
}

/// Longest phrase kept, in words: longer patterns add nothing a user types.
const MAX_PHRASE_WORDS: usize = 8;

/// A multiply-rotate hasher: the build hashes every word of the catalogue
/// (tens of thousands), and SipHash would be a third of the build time.
/// Flooding resistance is not needed for text we ship ourselves.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

struct Builder {
    ids: HashMap<Box<str>, u32, BuildHasherDefault<WordHasher>>,
    tables: Tables,
    buf: String,
    words: Vec<(String, String)>,
}

/// Builds the tables for every entry of `catalogue`.
pub fn build(catalogue: &Catalogue) -> Tables {
    let entries = catalogue.entries();
    let mut builder = Builder {
        ids: HashMap::with_capacity_and_hasher(4096, BuildHasherDefault::default()),
        tables: Tables::default(),
        buf: String::new(),
        words: Vec::new(),
    };
    let t0 = std::time::Instant::now();
    for (position, entry) in entries.iter().enumerate() {
        builder.entry(u32::try_from(position).unwrap_or(u32::MAX), entry);
    }
    let t1 = t0.elapsed();
    let mut tables = builder.tables;
    let n_entries = entries.len().max(1) as f32;
    let most_rare = (1.0 + n_entries).ln();
    for term in &mut tables.terms {
        let df = term.postings.len().max(1) as f32;
        term.rarity = 0.25 + 0.75 * (1.0 + n_entries / df).ln() / most_rare;
        term.stem = stem(&term.key).into();
        term.n_chars = u8::try_from(term.key.chars().count()).unwrap_or(u8::MAX);
        term.signature = fuzzy::signature(&term.key);
    }
    let t2 = t0.elapsed();
    tables.terms.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    let mut by_stem: Vec<u32> = (0..tables.terms.len() as u32).collect();
    by_stem.sort_unstable_by(|&a, &b| tables.terms[a as usize].stem.cmp(&tables.terms[b as usize].stem).then(a.cmp(&b)));
    tables.by_stem = by_stem;
    let t3 = t0.elapsed();
    tables.codes.sort_unstable_by(|a, b| a.key.cmp(&b.key).then(a.entry.cmp(&b.entry)).then(a.surface.cmp(&b.surface)));
    tables.phrases.sort_unstable_by(|a, b| a.key.cmp(&b.key).then(a.entry.cmp(&b.entry)).then(b.field.cmp(&a.field)));
    if std::env::var("TMP_PHASES").is_ok() { eprintln!("entries {t1:?} terms {t2:?} sorts {t3:?} all {:?} phrases {} terms {}", t0.elapsed(), tables.phrases.len(), tables.terms.len()); }
    tables
}

impl Builder {
    fn entry(&mut self, e: u32, entry: &Entry) {
        for code in entry.codes.iter() {
            self.code(e, code);
        }
        self.text(e, &entry.title, Field::Title);
        for alias in entry.aliases.iter() {
            self.text(e, alias, Field::Alias);
        }
        for pattern in entry.patterns.iter() {
            self.text(e, pattern, Field::Pattern);
        }
        let mut providers = Vec::new();
        for provider in entry.providers.iter() {
            self.text(e, provider, Field::Provider);
            providers.push(compact(provider).into_boxed_str());
        }
        self.tables.providers.push(providers);
        self.text(e, &entry.summary, Field::Summary);
        self.text(e, &entry.meaning, Field::Body);
        for text in entry.causes.iter().chain(entry.fixes.iter()) {
            self.text(e, text, Field::Body);
        }
        self.text(e, entry.category.label(), Field::Body);
    }

    /// A code is searchable whole (`invalidgrant`), by its words at code weight,
    /// and, for `rateLimitExceeded`-style codes, by its camel-case parts.
    fn code(&mut self, e: u32, code: &str) {
        let key = compact(code);
        if key.is_empty() {
            return;
        }
        let surface: Box<str> = code.to_lowercase().into();
        let mut parts = Vec::new();
        for_each_word(code, &mut self.buf, |folded, _| parts.push(folded.to_string()));
        // `ORA-01017` is also found by `01017`.
        if parts.len() > 1 {
            for part in &parts {
                if part.len() >= 2 && part.bytes().any(|b| b.is_ascii_digit()) {
                    let part_key = part.clone().into_boxed_str();
                    self.tables.codes.push(Code { key: part_key, entry: e, surface: surface.clone() });
                }
            }
        }
        self.tables.codes.push(Code { key: key.clone().into_boxed_str(), entry: e, surface: surface.clone() });
        self.add(e, &key, code, Field::Code, 1.0);
        for part in parts {
            self.add(e, &part, &part, Field::Code, 1.0);
        }
        for part in camel_parts(code) {
            self.add(e, &part, &part, Field::Alias, 1.0);
        }
    }

    /// Adds the words of one text. Short fields (title, aliases, patterns)
    /// also add each pair of neighbouring words glued together, so `ratelimit`
    /// finds "rate limit", and their tails as phrases.
    fn text(&mut self, e: u32, text: &str, field: Field) {
        let mut buf = std::mem::take(&mut self.buf);
        let mut words = std::mem::take(&mut self.words);
        words.clear();
        let short = field >= Field::Pattern && field != Field::Code;
        for_each_word(text, &mut buf, |folded, original| {
            self.add(e, folded, original, field, 1.0);
            if short {
                words.push((folded.to_string(), original.to_lowercase()));
            }
        });
        if short {
            for pair in words.windows(2) {
                if let [(a, sa), (b, sb)] = pair {
                    if !a.bytes().any(|c| c.is_ascii_digit()) && !b.bytes().any(|c| c.is_ascii_digit()) {
                        self.add(e, &format!("{a}{b}"), &format!("{sa} {sb}"), field, 0.8);
                    }
                }
            }
            let n = words.len().min(MAX_PHRASE_WORDS);
            for start in 0..n.saturating_sub(1) {
                let key: Vec<&str> = words[start..n].iter().map(|(w, _)| w.as_str()).collect();
                self.tables.phrases.push(Phrase { key: key.join(" ").into(), entry: e, field, whole: start == 0 });
            }
        }
        self.buf = buf;
        self.words = words;
    }

    /// Records that entry `e` contains `key` (spelt `original` in the entry)
    /// in `field`, keeping the best field per entry. Entries arrive in order,
    /// so postings stay sorted by entry.
    fn add(&mut self, e: u32, key: &str, original: &str, field: Field, factor: f32) {
        let weight = field.weight() * factor;
        let id = match self.ids.get(key) {
            Some(&id) => id as usize,
            None => {
                let id = self.tables.terms.len();
                self.tables.terms.push(Term {
                    key: key.into(),
                    surface: original.to_lowercase().into(),
                    stem: "".into(),
                    n_chars: 0,
                    signature: 0,
                    typo_target: false,
                    rarity: 0.0,
                    postings: Vec::new(),
                });
                self.ids.insert(key.into(), id as u32);
                id
            }
        };
        let Some(term) = self.tables.terms.get_mut(id) else { return };
        term.typo_target |= field >= Field::Summary;
        match term.postings.last_mut() {
            Some(last) if last.entry == e => {
                if weight > last.weight {
                    last.weight = weight;
                    last.field = field;
                }
            }
            _ => term.postings.push(Posting { entry: e, field, weight }),
        }
    }
}
