//! Running one query against the index: split and fold the query, match each
//! word (exact, stem, prefix, typo), look up codes and phrases over runs of
//! words, add it up per entry, then apply coverage and vendor adjustments.
//!
//! The score of an entry is a sum of parts a person can read back (see
//! `Index::explain`), and ties keep catalogue order, so the same query always
//! ranks the same way. Never panics on any input; work is bounded by
//! `MAX_QUERY` and `MAX_TOKENS` whatever the query.

use super::fuzzy;
use super::index::{Field, Tables};
use super::tokenize::{compact, for_each_word, is_stop_word, is_word_char, stem};
use super::{Hit, SearchOptions, MAX_QUERY};

/// Queries of up to this many words may end in a half-typed word; longer
/// ones are pasted messages or whole sentences.
const TYPED_WORDS: usize = 5;
/// Words of a query considered; the rest is ignored.
const MAX_TOKENS: usize = 32;
/// Longest run of query words tried as one code or phrase.
const MAX_WINDOW: usize = 6;
/// Points for an exact code anywhere in the query: a code names its entry.
const CODE_BONUS: f32 = 25.0;
/// Points for a code spelt as separate words ("access denied" for
/// `access_denied`): likely, but plain words may mean the generic entry.
const SPACED_CODE_BONUS: f32 = 8.0;
/// Share of [`SPACED_CODE_BONUS`] a vendor's code earns in plain words when
/// the query does not name the vendor.
const SPACED_VENDOR_CODE: f32 = 0.25;
/// Points per extra word of a title or alias phrase found in the query, times
/// the field's weight.
const PHRASE_FACTOR: f32 = 0.6;
/// Multiplier for entries of the host's current integration.
const INTEGRATION_LIFT: f32 = 1.6;
/// How close (a share of its score) the generic parent must score to a
/// vendor entry for the vendor entry to be shown under it.
const GROUP_RATIO: f32 = 0.8;
/// Multiplier for another vendor's entries when the query names a vendor:
/// "salesforce rate limit" is not about Stripe's limit.
const OTHER_VENDOR: f32 = 0.6;
/// Multiplier for vendor entries when neither the query nor the context names
/// their vendor: of two equal matches, the generic entry reads better first.
const VENDOR_DAMPING: f32 = 0.92;

/// How a query word reached an entry word.
#[derive(Clone, Copy, Debug, PartialEq)]
enum How {
    Exact,
    Stem,
    Prefix,
    Typo(usize),
}

impl How {
    fn quality(self) -> f32 {
        match self {
            How::Exact => 1.0,
            How::Stem => 0.9,
            How::Prefix => 0.6,
            How::Typo(1) => 0.75,
            How::Typo(_) => 0.55,
        }
    }
}

/// One entry word a query word matched, with the quality of the match.
#[derive(Clone, Copy, Debug)]
struct WordMatch {
    term: u32,
    how: How,
    quality: f32,
}

/// What a search found for one entry, kept so it can be explained.
#[derive(Clone, Debug, Default)]
struct Tally {
    words: f32,
    code: f32,
    /// An exact code (spelt as one token) was in the query.
    exact_code: bool,
    phrase: f32,
    covered: u32,
    /// Terms matched, for highlighting.
    terms: Vec<u32>,
    /// Code surfaces matched, for highlighting.
    codes: Vec<Box<str>>,
}

/// One query, split and folded.
struct Query {
    tokens: Vec<String>,
    /// For each token, true when a single `_`, `-`, `.` or `:` ties it to the
    /// previous one, as in a code.
    joined: Vec<bool>,
    /// For each token, its slot among the distinct content words.
    slot_of: Vec<Option<usize>>,
    /// Token position of each content slot's first occurrence.
    slots: Vec<usize>,
    /// True when the query ends inside a word: the user is still typing it.
    typing: bool,
}

impl Query {
    fn parse(text: &str) -> Query {
        let text = &text[..crate::text::floor_char_boundary(text, MAX_QUERY)];
        let mut tokens: Vec<String> = Vec::new();
        let mut joined: Vec<bool> = Vec::new();
        let base = text.as_ptr() as usize;
        let mut previous_end = None;
        for_each_word(text, &mut String::new(), |folded, original| {
            if tokens.len() < MAX_TOKENS {
                let start = original.as_ptr() as usize - base;
                // `invalid_grant`, `ORA-00942`, `soap:Server`: one character between words.
                let glue = previous_end.and_then(|end| text.get(end..start));
                joined.push(glue.is_some_and(|g| g.chars().count() == 1 && !g.contains(char::is_whitespace)));
                previous_end = Some(start + original.len());
                tokens.push(folded.to_string());
            }
        });
        // A long query is pasted, not typed: its last word is whole.
        let typing = text.chars().next_back().is_some_and(is_word_char) && text.split_whitespace().count() <= TYPED_WORDS;
        let only_stop_words = tokens.iter().all(|t| is_stop_word(t));
        let mut slots: Vec<usize> = Vec::new();
        let mut slot_of = Vec::with_capacity(tokens.len());
        for (at, token) in tokens.iter().enumerate() {
            if !only_stop_words && is_stop_word(token) {
                slot_of.push(None);
                continue;
            }
            match slots.iter().position(|&s| tokens.get(s) == Some(token)) {
                Some(slot) => slot_of.push(Some(slot)),
                None => {
                    slot_of.push(Some(slots.len()));
                    slots.push(at);
                }
            }
        }
        Query { tokens, joined, slot_of, slots, typing }
    }

    /// Bits of the content slots among tokens `from..=to`.
    fn slot_bits(&self, from: usize, to: usize) -> u32 {
        self.slot_of.get(from..=to).unwrap_or(&[]).iter().flatten().fold(0, |bits, &s| bits | 1 << s)
    }
}

/// `e429`, `err502`, `http429`: a number written with its prefix.
fn code_digits(word: &str) -> Option<&str> {
    let digits_at = word.find(|c: char| c.is_ascii_digit())?;
    let (prefix, digits) = word.split_at(digits_at);
    let known = matches!(prefix, "e" | "err" | "error" | "http" | "status" | "code" | "sc" | "errno");
    (known && digits.len() >= 2 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

impl Tables {
    fn find(&self, key: &str) -> Option<u32> {
        self.terms.binary_search_by(|t| t.key.as_ref().cmp(key)).ok().map(|i| i as u32)
    }

    /// Term positions whose key starts with `prefix`.
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.terms.partition_point(|t| t.key.as_ref() < prefix);
        let len = self.terms.get(start..).unwrap_or(&[]).partition_point(|t| t.key.starts_with(prefix));
        start..start + len
    }

    /// Every entry word `word` can stand for, with how it matched.
    fn word_matches(&self, word: &str, typing: bool, alone: bool, out: &mut Vec<WordMatch>) {
        out.clear();
        let exact = self.find(word).or_else(|| code_digits(word).and_then(|d| self.find(d)));
        if let Some(term) = exact {
            out.push(WordMatch { term, how: How::Exact, quality: 1.0 });
        }
        let word_stem = stem(word);
        if let Some(term) = self.find(&word_stem).filter(|&t| Some(t) != exact) {
            out.push(WordMatch { term, how: How::Stem, quality: How::Stem.quality() });
        }
        let start = self.by_stem.partition_point(|&t| self.stem_of(t) < word_stem.as_ref());
        for &term in self.by_stem.get(start..).unwrap_or(&[]) {
            if self.stem_of(term) != word_stem {
                break;
            }
            if Some(term) != exact {
                out.push(WordMatch { term, how: How::Stem, quality: How::Stem.quality() });
            }
        }
        let n_chars = word.chars().count();
        if typing && (n_chars >= 2 || alone) {
            // The word being typed: any longer word it starts, better the more of it is typed.
            for term in self.prefix_range(word) {
                let n = self.terms.get(term).map_or(1, |t| t.n_chars.max(1));
                let quality = How::Prefix.quality() + 0.35 * n_chars as f32 / f32::from(n);
                out.push(WordMatch { term: term as u32, how: How::Prefix, quality: quality.min(0.95) });
            }
        } else if word_stem.len() >= 4 {
            // A finished word may be an abbreviation: "auth", "config", "creds".
            for term in self.prefix_range(&word_stem) {
                if Some(term as u32) != exact {
                    out.push(WordMatch { term: term as u32, how: How::Prefix, quality: 0.45 });
                }
            }
        }
        if !out.is_empty() || n_chars < 4 {
            return;
        }
        let Some((query_chars, m)) = fuzzy::chars(word) else { return };
        let query_chars = &query_chars[..m];
        let k = fuzzy::max_edits(m);
        let signature = fuzzy::signature(word);
        // Whole words with a typo: only lengths within `k` edits.
        for len in m.saturating_sub(k)..=(m + k).min(fuzzy::MAX_WORD) {
            for &position in self.by_len.get(len).map_or(&[][..], Vec::as_slice) {
                let Some(term) = self.terms.get(position as usize) else { continue };
                if (term.signature ^ signature).count_ones() as usize > 2 * k {
                    continue;
                }
                let Some((term_chars, n)) = fuzzy::chars(&term.key) else { continue };
                if let Some(d) = fuzzy::distance(query_chars, &term_chars[..n], k, false) {
                    out.push(WordMatch { term: position, how: How::Typo(d), quality: How::Typo(d).quality() });
                }
            }
        }
        if !typing {
            return;
        }
        // A half-typed word with a typo: its first letter is taken as typed
        // right, so only the words starting with it are tried.
        let mut first = [0u8; 4];
        let Some(head) = query_chars.first().map(|c| &*c.encode_utf8(&mut first)) else { return };
        for position in self.prefix_range(head) {
            let Some(term) = self.terms.get(position) else { continue };
            if !term.typo_target || usize::from(term.n_chars) <= m || (signature & !term.signature).count_ones() as usize > k {
                continue;
            }
            if out.iter().any(|w| w.term == position as u32) {
                continue;
            }
            let Some((term_chars, n)) = fuzzy::chars(&term.key) else { continue };
            if let Some(d) = fuzzy::distance(query_chars, &term_chars[..n], k, true) {
                out.push(WordMatch { term: position as u32, how: How::Typo(d), quality: How::Typo(d.max(2)).quality() - 0.05 });
            }
        }
    }

    fn stem_of(&self, term: u32) -> &str {
        self.terms.get(term as usize).map_or("", |t| t.stem())
    }

    /// Runs `query`. With `explain`, also writes why that entry scored what it did.
    pub fn run(&self, query: &str, options: &SearchOptions, mut explain: Option<(usize, &mut Vec<String>)>) -> Vec<Hit> {
        let query = Query::parse(query);
        let n_entries = self.providers.len();
        if query.tokens.is_empty() || n_entries == 0 {
            return Vec::new();
        }
        let mut tallies: Vec<Tally> = vec![Tally::default(); n_entries];
        let explaining = explain.is_some();
        // Explanations are formatted only for the entry being explained.
        let mut note = |entry: usize, line: &dyn Fn() -> String| {
            if let Some((target, lines)) = explain.as_mut() {
                if *target == entry {
                    lines.push(line());
                }
            }
        };

        // 1. Each distinct content word: its best match per entry.
        let mut best: Vec<(f32, u32, How)> = vec![(0.0, 0, How::Exact); n_entries];
        let mut touched: Vec<usize> = Vec::new();
        let mut matches = Vec::new();
        let last = query.tokens.len() - 1;
        for (slot, &at) in query.slots.iter().enumerate() {
            let Some(word) = query.tokens.get(at) else { continue };
            let typing = at == last && query.typing;
            self.word_matches(word, typing, query.tokens.len() == 1, &mut matches);
            for m in &matches {
                let Some(term) = self.terms.get(m.term as usize) else { continue };
                for posting in &term.postings {
                    // A half-typed word may be a code being typed, but it says
                    // less than a whole code: no more than a title word.
                    let weight = if m.how == How::Prefix { posting.weight.min(Field::Title.weight()) } else { posting.weight };
                    let points = weight * m.quality * term.rarity;
                    let Some(slot_best) = best.get_mut(posting.entry as usize) else { continue };
                    if points > slot_best.0 {
                        if slot_best.0 == 0.0 {
                            touched.push(posting.entry as usize);
                        }
                        *slot_best = (points, m.term, m.how);
                    }
                }
            }
            for &entry in &touched {
                let (points, term, how) = std::mem::replace(&mut best[entry], (0.0, 0, How::Exact));
                let tally = &mut tallies[entry];
                tally.words += points;
                tally.covered |= 1 << slot;
                tally.terms.push(term);
                if explaining {
                    let field = self.terms.get(term as usize).and_then(|t| {
                        t.postings.iter().find(|p| p.entry as usize == entry).map(|p| (t.key.as_ref(), p.field))
                    });
                    if let Some((key, field)) = field {
                        note(entry, &|| format!("{word:?} matched {key:?} in {} ({how:?}): +{points:.2}", field.name()));
                    }
                }
            }
            touched.clear();
        }

        // 2. Runs of words: exact codes ("invalid grant", "curl 6") and phrases.
        let mut window = String::new();
        let mut spaced = String::new();
        let named = |provider: &str| {
            query.tokens.iter().any(|t| t == provider)
                || query.tokens.windows(2).any(|w| w[0].len() + w[1].len() == provider.len() && provider.starts_with(w[0].as_str()) && provider.ends_with(w[1].as_str()))
        };
        for from in 0..query.tokens.len() {
            window.clear();
            spaced.clear();
            for to in from..query.tokens.len().min(from + MAX_WINDOW) {
                let token = &query.tokens[to];
                window.push_str(token);
                if to > from {
                    spaced.push(' ');
                }
                spaced.push_str(token);
                let bits = query.slot_bits(from, to);
                let spelt_as_code = query.joined.get(from + 1..=to).unwrap_or(&[]).iter().all(|&j| j);
                let bonus = if spelt_as_code { CODE_BONUS } else { SPACED_CODE_BONUS };
                let digits = if to == from { code_digits(token) } else { None };
                for key in std::iter::once(window.as_str()).chain(digits) {
                    let start = self.codes.partition_point(|c| c.key.as_ref() < key);
                    for code in self.codes.get(start..).unwrap_or(&[]).iter().take_while(|c| c.key.as_ref() == key) {
                        let tally = &mut tallies[code.entry as usize];
                        tally.covered |= bits;
                        if !tally.codes.contains(&code.surface) {
                            tally.codes.push(code.surface.clone());
                        }
                        tally.exact_code |= spelt_as_code;
                        // "rate limit" spells Stripe's `rate_limit`, and it is
                        // also the generic concept: a vendor's code in plain
                        // words counts little unless the vendor is named.
                        let vendor = self.providers.get(code.entry as usize).map_or(&[][..], Vec::as_slice);
                        let bonus = if !spelt_as_code && !vendor.is_empty() && !vendor.iter().any(|p| named(p)) {
                            bonus * SPACED_VENDOR_CODE
                        } else {
                            bonus
                        };
                        if tally.code < bonus {
                            tally.code = bonus;
                            note(code.entry as usize, &|| format!("code {:?} in the query: +{bonus}", code.surface));
                        }
                    }
                }
                if to == from {
                    continue;
                }
                // Phrases: the words in order, the last one possibly half typed.
                let open_end = to == last && query.typing;
                let n_words = (to - from + 1) as f32;
                let start = self.phrases.partition_point(|p| self.phrase(p) < spaced.as_str());
                for phrase in self.phrases.get(start..).unwrap_or(&[]) {
                    let key = self.phrase(phrase);
                    let Some(rest) = key.strip_prefix(spaced.as_str()) else { break };
                    if !(rest.is_empty() || open_end || rest.starts_with(' ')) {
                        continue;
                    }
                    let whole = if phrase.whole && rest.is_empty() { 1.5 } else { 1.0 };
                    let points = phrase.field.weight() * PHRASE_FACTOR * (n_words - 1.0) * whole;
                    let tally = &mut tallies[phrase.entry as usize];
                    tally.covered |= bits;
                    if points > tally.phrase {
                        tally.phrase = points;
                        note(
                            phrase.entry as usize,
                            &|| format!("phrase {spaced:?} in {} {:?}: +{points:.2}", phrase.field.name(), key),
                        );
                    }
                }
            }
        }

        // 3. Coverage and vendor adjustments, then rank.
        let n_slots = query.slots.len().max(1) as f32;
        let integration = options.integration.as_deref().map(compact).filter(|i| !i.is_empty());
        let any_vendor_named = self.providers.iter().flatten().any(|p| named(p));
        let mut hits: Vec<Hit> = Vec::new();
        for (entry, tally) in tallies.iter().enumerate() {
            let raw = tally.words + tally.code + tally.phrase;
            if raw <= 0.0 {
                continue;
            }
            let coverage = tally.covered.count_ones() as f32 / n_slots;
            let mut score = raw * (0.3 + 0.7 * coverage.min(1.0));
            note(entry, &|| format!("{} of {} query words found: x{:.2}", tally.covered.count_ones(), n_slots, 0.3 + 0.7 * coverage.min(1.0)));
            let providers = self.providers.get(entry).map_or(&[][..], Vec::as_slice);
            if !providers.is_empty() {
                if integration.as_deref().is_some_and(|i| providers.iter().any(|p| p.as_ref() == i)) {
                    score *= INTEGRATION_LIFT;
                    note(entry, &|| format!("entry of the current integration: x{INTEGRATION_LIFT}"));
                } else if providers.iter().any(|p| named(p)) {
                } else if any_vendor_named {
                    score *= OTHER_VENDOR;
                    note(entry, &|| format!("another vendor's entry, a vendor named: x{OTHER_VENDOR}"));
                } else {
                    score *= VENDOR_DAMPING;
                    note(entry, &|| format!("vendor entry, vendor not named: x{VENDOR_DAMPING}"));
                }
            }
            hits.push(Hit { entry_idx: entry, score, matched: Vec::new(), under: None });
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry_idx.cmp(&b.entry_idx)));
        // A vendor's case of a generic answer shows under its parent, unless
        // the query or the host names the vendor or the query holds the
        // vendor's own code: "rate limit" reads the generic entry first.
        // Each entry's position among the hits, looked up once.
        let mut rank_of = vec![None; tallies.len()];
        for (rank, hit) in hits.iter().enumerate() {
            if let Some(slot) = rank_of.get_mut(hit.entry_idx) {
                *slot = Some(rank);
            }
        }
        let grouped = |hit: &Hit| -> Option<usize> {
            let parent = self.parents.get(hit.entry_idx).copied().flatten()? as usize;
            let providers = self.providers.get(hit.entry_idx).map_or(&[][..], Vec::as_slice);
            let chosen = providers.iter().any(|p| named(p) || integration.as_deref() == Some(p.as_ref()));
            let own_code = tallies[hit.entry_idx].exact_code && !tallies.get(parent).is_some_and(|t| t.exact_code);
            // The parent must answer the query nearly as well: words only
            // the vendor's entry has make the query the vendor's.
            let close = rank_of.get(parent).copied().flatten().is_some_and(|p| hits[p].score >= GROUP_RATIO * hit.score);
            (!chosen && !own_code && close).then_some(parent)
        };
        let under: Vec<Option<usize>> = hits.iter().map(grouped).collect();
        // A child ranked above its parent brings the parent up just before
        // it; everything else keeps its rank.
        let mut ordered: Vec<Hit> = Vec::with_capacity(hits.len());
        let mut placed = vec![false; hits.len()];
        for i in 0..hits.len() {
            if placed[i] {
                continue;
            }
            if let Some(p) = under[i].and_then(|p| rank_of.get(p).copied().flatten()) {
                if !placed[p] {
                    placed[p] = true;
                    ordered.push(hits[p].clone());
                }
            }
            placed[i] = true;
            let mut hit = hits[i].clone();
            hit.under = under[i];
            ordered.push(hit);
        }
        let mut hits = ordered;
        let limit = if options.limit == 0 { 10 } else { options.limit };
        hits.truncate(limit);
        for hit in &mut hits {
            let tally = &tallies[hit.entry_idx];
            let mut matched: Vec<String> = Vec::new();
            let words = tally.terms.iter().filter_map(|&t| self.terms.get(t as usize)).flat_map(|t| t.surface().split(' '));
            for word in tally.codes.iter().map(|c| c.as_ref()).chain(words) {
                if !word.is_empty() && !matched.iter().any(|m| m == word) {
                    matched.push(word.to_string());
                }
            }
            hit.matched = matched;
        }
        hits
    }
}
