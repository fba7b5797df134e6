//! Building the search index: every word of every entry with the best field it
//! appears in, the entries' codes in compact form, and the title and alias
//! phrases, all in sorted arrays so a query only does binary searches and
//! short scans.
//!
//! The index refers to entries by position in the catalogue it was built
//! from. Building never fails and never panics, whatever the entries contain.

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

/// Finds a term's position by its key: open addressing over positions into
/// `terms`, so each key is stored once. The build looks up every word of the
/// catalogue (tens of thousands), which a `HashMap<String, _>` with SipHash
/// and a second copy of each key made several times slower.
struct TermTable {
    slots: Vec<u32>,
}

impl TermTable {
    const EMPTY: u32 = u32::MAX;

    fn hash(key: &str) -> usize {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in key.as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        (h ^ (h >> 29)) as usize
    }

    /// The slot holding `key`, or the empty slot where it belongs.
    fn slot(&self, terms: &[Term], key: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = Self::hash(key) & mask;
        loop {
            match self.slots[at] {
                Self::EMPTY => return at,
                id if terms.get(id as usize).is_some_and(|t| t.key.as_ref() == key) => return at,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// Keeps the table at most half full, so probes stay short and end.
    fn grow_if_needed(&mut self, terms: &[Term]) {
        if (terms.len() + 1) * 2 <= self.slots.len() {
            return;
        }
        self.slots = vec![Self::EMPTY; self.slots.len() * 2];
        for (id, term) in terms.iter().enumerate() {
            let at = self.slot(terms, &term.key);
            self.slots[at] = id as u32;
        }
    }
}

struct Builder {
    table: TermTable,
    tables: Tables,
    buf: String,
    glued: String,
}

/// Builds the tables for every entry of `catalogue`.
pub fn build(catalogue: &Catalogue) -> Tables {
    let entries = catalogue.entries();
    let mut builder = Builder {
        table: TermTable { slots: vec![TermTable::EMPTY; 1 << 14] },
        tables: Tables::default(),
        buf: String::new(),
        glued: String::new(),
    };
    for (position, entry) in entries.iter().enumerate() {
        builder.entry(u32::try_from(position).unwrap_or(u32::MAX), entry);
    }
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
    tables.terms.sort_unstable_by(|a, b| a.key.cmp(&b.key));
    let mut by_stem: Vec<u32> = (0..tables.terms.len() as u32).collect();
    by_stem.sort_unstable_by(|&a, &b| tables.terms[a as usize].stem.cmp(&tables.terms[b as usize].stem).then(a.cmp(&b)));
    tables.by_stem = by_stem;
    tables.codes.sort_unstable_by(|a, b| a.key.cmp(&b.key).then(a.entry.cmp(&b.entry)).then(a.surface.cmp(&b.surface)));
    tables.phrases.sort_unstable_by(|a, b| a.key.cmp(&b.key).then(a.entry.cmp(&b.entry)).then(b.field.cmp(&a.field)));
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
        self.add(e, &key, code, "", Field::Code, 1.0);
        for part in parts {
            self.add(e, &part, &part, "", Field::Code, 1.0);
        }
        for part in camel_parts(code) {
            self.add(e, &part, &part, "", Field::Alias, 1.0);
        }
    }

    /// Adds the words of one text. Short fields (title, aliases, patterns)
    /// also add each pair of neighbouring words glued together, so `ratelimit`
    /// finds "rate limit", and their tails as phrases.
    fn text(&mut self, e: u32, text: &str, field: Field) {
        let short = field >= Field::Pattern && field != Field::Code;
        let mut buf = std::mem::take(&mut self.buf);
        // Short fields: the folded words joined by single spaces, and for each
        // word its range there and its spelling in `text`.
        let mut folded_words = String::new();
        let mut spans: Vec<(usize, usize, &str)> = Vec::new();
        for_each_word(text, &mut buf, |folded, original| {
            self.add(e, folded, original, "", field, 1.0);
            if short {
                if !folded_words.is_empty() {
                    folded_words.push(' ');
                }
                let from = folded_words.len();
                folded_words.push_str(folded);
                spans.push((from, folded_words.len(), original));
            }
        });
        self.buf = buf;
        if !short {
            return;
        }
        let mut glued = std::mem::take(&mut self.glued);
        for pair in spans.windows(2) {
            if let [(a0, a1, sa), (b0, b1, sb)] = *pair {
                let (a, b) = (&folded_words[a0..a1], &folded_words[b0..b1]);
                if !a.bytes().any(|c| c.is_ascii_digit()) && !b.bytes().any(|c| c.is_ascii_digit()) {
                    glued.clear();
                    glued.push_str(a);
                    glued.push_str(b);
                    self.add(e, &glued, sa, sb, field, 0.8);
                }
            }
        }
        self.glued = glued;
        let n = spans.len().min(MAX_PHRASE_WORDS);
        let end = spans.get(n.wrapping_sub(1)).map_or(0, |s| s.1);
        for (start, span) in spans.iter().enumerate().take(n.saturating_sub(1)) {
            let key = folded_words.get(span.0..end).unwrap_or("");
            self.tables.phrases.push(Phrase { key: key.into(), entry: e, field, whole: start == 0 });
        }
    }

    /// Records that entry `e` contains `key` (spelt `original`, or
    /// `original original2` for a glued word) in `field`, keeping the best
    /// field per entry. Entries arrive in order, so postings stay sorted by entry.
    fn add(&mut self, e: u32, key: &str, original: &str, original2: &str, field: Field, factor: f32) {
        let weight = field.weight() * factor;
        self.table.grow_if_needed(&self.tables.terms);
        let at = self.table.slot(&self.tables.terms, key);
        let id = match self.table.slots[at] {
            TermTable::EMPTY => {
                let id = self.tables.terms.len();
                let surface = if original2.is_empty() {
                    original.to_lowercase()
                } else {
                    format!("{} {}", original.to_lowercase(), original2.to_lowercase())
                };
                self.tables.terms.push(Term {
                    key: key.into(),
                    surface: surface.into(),
                    stem: "".into(),
                    n_chars: 0,
                    signature: 0,
                    typo_target: false,
                    rarity: 0.0,
                    postings: Vec::new(),
                });
                self.table.slots[at] = id as u32;
                id
            }
            id => id as usize,
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
