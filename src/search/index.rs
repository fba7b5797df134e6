//! Building the search index: every word of every entry with the best field it
//! appears in, the entries' codes in compact form, and the title and alias
//! phrases, all in sorted arrays so a query only does binary searches and
//! short scans.
//!
//! The index refers to entries by position in the catalogue it was built
//! from. Building never fails and never panics, whatever the entries contain.

use super::fuzzy;
use super::tokenize::{compact, for_each_word, is_stop_word, stem};
use crate::catalogue::{Catalogue, Entry};

/// Points for a word of a symptom phrase: the words people describe what
/// they see with are common words, so they weigh less than an alias.
const SYMPTOM_WEIGHT: f32 = 4.5;

/// Where in an entry a word was found; the order is the order of importance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// Meaning, causes, fixes and the category name.
    Body,
    /// The one-sentence summary.
    Summary,
    /// The phrases a paste is matched with (`patterns`).
    Pattern,
    /// How people describe the symptom or ask about it (`symptoms`).
    Symptom,
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
            Field::Symptom => SYMPTOM_WEIGHT,
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
            Field::Symptom => "symptom",
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
    /// The word as an entry spells it, lower-cased, when that differs from
    /// `key` (`requêtes`; `rate limit` for a glued word), for highlighting.
    pub surface: Option<Box<str>>,
    /// The stem of `key`, when it differs from `key`.
    pub stem: Option<Box<str>>,
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
    /// Where its folded words, joined by single spaces, lie in `Tables::phrase_text`.
    pub key: (u32, u32),
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
    /// The text of every phrase, one allocation for them all.
    pub phrase_text: String,
    /// For each entry, its providers in compact form.
    pub providers: Vec<Vec<Box<str>>>,
    /// For each entry, the position of its generic parent entry, if any.
    pub parents: Vec<Option<u32>>,
    /// Typo targets by length in chars (`by_len[n]`, sorted term positions),
    /// so a typo search looks only at words of a length it can reach.
    pub by_len: Vec<Vec<u32>>,
}

/// Longest phrase kept, in words: longer patterns add nothing a user types.
const MAX_PHRASE_WORDS: usize = 8;

/// The words met so far while building: each key once, in one arena, found
/// by open addressing. The build looks up every word of the catalogue (tens
/// of thousands) and was bound by memory latency; keeping keys, slots and
/// occurrences in flat arrays, and grouping occurrences into postings at the
/// end, keeps it fast.
#[derive(Default)]
struct Words {
    /// Positions into `spans`, `u32::MAX` for empty, at most half full.
    slots: Vec<u32>,
    /// Every distinct key, back to back.
    arena: String,
    /// Each word's range in `arena`.
    spans: Vec<(u32, u32)>,
    /// Each word's entry spelling, when it differs from its key.
    surfaces: Vec<Option<Box<str>>>,
    /// Whether the word appears above the body somewhere.
    typo_targets: Vec<bool>,
    /// Every (word, entry, weight, field) seen, in entry order.
    occurrences: Vec<(u32, u32, f32, Field)>,
}

impl Words {
    const EMPTY: u32 = u32::MAX;

    fn hash(key: &str) -> usize {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in key.as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        (h ^ (h >> 29)) as usize
    }

    fn key(&self, id: u32) -> &str {
        let (from, to) = self.spans.get(id as usize).copied().unwrap_or((0, 0));
        self.arena.get(from as usize..to as usize).unwrap_or("")
    }

    /// The slot holding `key`, or the empty slot where it belongs.
    fn slot(&self, key: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = Self::hash(key) & mask;
        loop {
            match self.slots[at] {
                Self::EMPTY => return at,
                id if self.key(id) == key => return at,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The id of `key`, added (with `surface` computed) when new.
    fn id(&mut self, key: &str, surface: impl FnOnce() -> Option<Box<str>>) -> u32 {
        if (self.spans.len() + 1) * 2 > self.slots.len() {
            self.slots = vec![Self::EMPTY; (self.slots.len() * 2).max(1 << 14)];
            for id in 0..self.spans.len() as u32 {
                let at = self.slot(self.key(id));
                self.slots[at] = id;
            }
        }
        let at = self.slot(key);
        if self.slots[at] != Self::EMPTY {
            return self.slots[at];
        }
        let id = self.spans.len() as u32;
        let from = self.arena.len() as u32;
        self.arena.push_str(key);
        self.spans.push((from, self.arena.len() as u32));
        self.surfaces.push(surface());
        self.typo_targets.push(false);
        self.slots[at] = id;
        id
    }

    /// One `Term` per word, with postings grouped from the occurrences: one
    /// per entry, with the best field.
    fn into_terms(mut self) -> Vec<Term> {
        let n = self.spans.len();
        let mut starts = vec![0usize; n + 1];
        for &(id, ..) in &self.occurrences {
            starts[id as usize + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut grouped: Vec<(u32, f32, Field)> = vec![(0, 0.0, Field::Body); self.occurrences.len()];
        for &(id, entry, weight, field) in &self.occurrences {
            let at = &mut next[id as usize];
            grouped[*at] = (entry, weight, field);
            *at += 1;
        }
        let mut surfaces = std::mem::take(&mut self.surfaces).into_iter();
        (0..n)
            .map(|id| {
                let mut postings: Vec<Posting> = Vec::new();
                for &(entry, weight, field) in grouped.get(starts[id]..starts[id + 1]).unwrap_or(&[]) {
                    match postings.last_mut() {
                        Some(last) if last.entry == entry => {
                            if weight > last.weight {
                                last.weight = weight;
                                last.field = field;
                            }
                        }
                        _ => postings.push(Posting { entry, field, weight }),
                    }
                }
                Term {
                    key: self.key(id as u32).into(),
                    surface: surfaces.next().flatten(),
                    stem: None,
                    n_chars: 0,
                    signature: 0,
                    typo_target: self.typo_targets.get(id).copied().unwrap_or(false),
                    rarity: 0.0,
                    postings,
                }
            })
            .collect()
    }
}

struct Builder {
    words: Words,
    tables: Tables,
    buf: String,
    glued: String,
    /// Scratch for short fields: the folded words joined by single spaces...
    folded_words: String,
    /// ...and per word its range there and its range in the original text.
    spans: Vec<(usize, usize, usize, usize)>,
}

impl Tables {
    /// The folded words of `phrase`.
    pub fn phrase(&self, phrase: &Phrase) -> &str {
        self.phrase_text.get(phrase.key.0 as usize..phrase.key.1 as usize).unwrap_or("")
    }
}

impl Term {
    /// The word as the entry spells it, lower-cased.
    pub fn surface(&self) -> &str {
        self.surface.as_deref().unwrap_or(&self.key)
    }

    /// The word's stem.
    pub fn stem(&self) -> &str {
        self.stem.as_deref().unwrap_or(&self.key)
    }
}

/// Builds the tables for every entry of `catalogue`.
pub fn build(catalogue: &Catalogue) -> Tables {
    let entries = catalogue.entries();
    let mut builder = Builder {
        words: Words::default(),
        tables: Tables::default(),
        buf: String::new(),
        glued: String::new(),
        folded_words: String::new(),
        spans: Vec::new(),
    };
    for (position, entry) in entries.iter().enumerate() {
        builder.entry(u32::try_from(position).unwrap_or(u32::MAX), entry);
    }
    let mut tables = builder.tables;
    tables.parents = entries
        .iter()
        .map(|e| (!e.parent.is_empty()).then(|| entries.iter().position(|p| p.id == e.parent)).flatten().map(|p| p as u32))
        .collect();
    tables.terms = builder.words.into_terms();
    let n_entries = entries.len().max(1) as f32;
    let most_rare = (1.0 + n_entries).ln();
    for term in &mut tables.terms {
        let df = term.postings.len().max(1) as f32;
        term.rarity = 0.25 + 0.75 * (1.0 + n_entries / df).ln() / most_rare;
        let word_stem = stem(&term.key);
        term.stem = (word_stem != term.key.as_ref()).then(|| word_stem.into());
        term.n_chars = u8::try_from(term.key.chars().count()).unwrap_or(u8::MAX);
        term.signature = fuzzy::signature(&term.key);
    }
    let order = sorted_order(tables.terms.iter().map(|t| t.key.as_ref()));
    tables.terms = permute(std::mem::take(&mut tables.terms), &order);
    // Only words whose stem differs need this list: a query's stem is also
    // looked up exactly, which finds the words that are their own stem.
    let stemmed: Vec<u32> = (0..tables.terms.len() as u32).filter(|&i| tables.terms[i as usize].stem.is_some()).collect();
    let order = sorted_order(stemmed.iter().map(|&i| tables.terms[i as usize].stem()));
    tables.by_stem = order.iter().filter_map(|&at| stemmed.get(at as usize).copied()).collect();
    tables.by_len = vec![Vec::new(); fuzzy::MAX_WORD + 1];
    for (position, term) in tables.terms.iter().enumerate() {
        if let Some(bucket) = tables.by_len.get_mut(usize::from(term.n_chars)).filter(|_| term.typo_target) {
            bucket.push(position as u32);
        }
    }
    let order = sorted_order(tables.codes.iter().map(|c| c.key.as_ref()));
    tables.codes = permute(std::mem::take(&mut tables.codes), &order);
    let order = sorted_order(tables.phrases.iter().map(|p| tables.phrase(p)));
    tables.phrases = permute(std::mem::take(&mut tables.phrases), &order);
    tables
}

/// The positions of `keys` in sorted order, ties kept in their current order
/// (entry order, so ranking ties stay in catalogue order). Compares the first
/// eight bytes as one integer before the whole text: with `opt-level = "z"`
/// every string comparison is a call, and sorting was a third of the build.
fn sorted_order<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let head = |text: &str| {
        let mut bytes = [0u8; 8];
        bytes.iter_mut().zip(text.as_bytes()).for_each(|(d, s)| *d = *s);
        u64::from_be_bytes(bytes)
    };
    let keys: Vec<(u64, &str)> = keys.map(|k| (head(k), k)).collect();
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| match (keys.get(a as usize), keys.get(b as usize)) {
        (Some(x), Some(y)) => x.0.cmp(&y.0).then_with(|| x.1.cmp(y.1)).then(a.cmp(&b)),
        _ => a.cmp(&b),
    });
    order
}

/// `items` rearranged so that position `i` holds the item at `order[i]`.
fn permute<T>(items: Vec<T>, order: &[u32]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots.get_mut(i as usize).and_then(Option::take)).collect()
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
        for symptom in entry.symptoms.iter() {
            self.text(e, symptom, Field::Symptom);
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

    /// A code is searchable whole (`invalidgrant`) and by its numbers
    /// (`ORA-01017` by `01017`). Its words (`access`, `denied`) are not added:
    /// an entry that lists many vendors' codes must not rank on common words
    /// it never says in its own text.
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
        for part in parts.iter().filter(|p| p.as_str() != key && p.bytes().any(|b| b.is_ascii_digit())) {
            self.add(e, part, part, "", Field::Code, 1.0);
        }
    }

    /// Adds the words of one text. Short fields (title, aliases, patterns)
    /// also add each pair of neighbouring words glued together, so `ratelimit`
    /// finds "rate limit", and their tails as phrases.
    fn text(&mut self, e: u32, text: &str, field: Field) {
        let short = field >= Field::Pattern && field != Field::Code;
        let mut buf = std::mem::take(&mut self.buf);
        let mut folded_words = std::mem::take(&mut self.folded_words);
        let mut spans = std::mem::take(&mut self.spans);
        folded_words.clear();
        spans.clear();
        let base = text.as_ptr() as usize;
        for_each_word(text, &mut buf, |folded, original| {
            // Body text is most of the catalogue; its one- and two-letter words
            // and stop words are never searched for, so skipping them saves a
            // third of the build.
            let noise = field == Field::Body && (folded.len() <= 2 || (folded.len() <= 5 && is_stop_word(folded)));
            if !noise {
                self.add(e, folded, original, "", field, 1.0);
            }
            if short {
                if !folded_words.is_empty() {
                    folded_words.push(' ');
                }
                let from = folded_words.len();
                folded_words.push_str(folded);
                let at = original.as_ptr() as usize - base;
                spans.push((from, folded_words.len(), at, at + original.len()));
            }
        });
        if short {
            for pair in spans.windows(2) {
                if let [(a0, a1, sa0, sa1), (b0, b1, sb0, sb1)] = *pair {
                    let (a, b) = (&folded_words[a0..a1], &folded_words[b0..b1]);
                    if !a.bytes().any(|c| c.is_ascii_digit()) && !b.bytes().any(|c| c.is_ascii_digit()) {
                        self.glued.clear();
                        self.glued.push_str(a);
                        self.glued.push_str(b);
                        let glued = std::mem::take(&mut self.glued);
                        self.add(e, &glued, &text[sa0..sa1], &text[sb0..sb1], field, 0.8);
                        self.glued = glued;
                    }
                }
            }
            // The tails of the phrase share its text: "too many requests"
            // holds "many requests" at an offset.
            let n = spans.len().min(MAX_PHRASE_WORDS);
            let end = spans.get(n.wrapping_sub(1)).map_or(0, |s| s.1);
            let base = self.tables.phrase_text.len();
            self.tables.phrase_text.push_str(folded_words.get(..end).unwrap_or(""));
            for (start, span) in spans.iter().enumerate().take(n.saturating_sub(1)) {
                let key = ((base + span.0) as u32, (base + end) as u32);
                self.tables.phrases.push(Phrase { key, entry: e, field, whole: start == 0 });
            }
        }
        self.buf = buf;
        self.folded_words = folded_words;
        self.spans = spans;
    }

    /// Records that entry `e` contains `key` (spelt `original`, or
    /// `original original2` for a glued word) in `field`.
    fn add(&mut self, e: u32, key: &str, original: &str, original2: &str, field: Field, factor: f32) {
        let id = self.words.id(key, || {
            if !original2.is_empty() {
                Some(format!("{} {}", original.to_lowercase(), original2.to_lowercase()).into())
            } else if original == key {
                None
            } else {
                Some(original.to_lowercase()).filter(|s| s != key).map(String::into_boxed_str)
            }
        });
        if field >= Field::Summary {
            if let Some(flag) = self.words.typo_targets.get_mut(id as usize) {
                *flag = true;
            }
        }
        self.words.occurrences.push((id, e, field.weight() * factor, field));
    }
}
