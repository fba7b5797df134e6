//! The class of failure read from the words of a paste, in any language the
//! model learned: a logistic regression over [`features`], learned at build
//! time (`build.rs`) from the catalogue's cue texts, the golden suite and
//! the development part of the real-paste corpus, compiled in as data.
//!
//! Exact codes keep deciding through the catalogue; this model decides the
//! kind when no code does, or when the words of the body plainly say another
//! class than the status line (a 400 whose body says the account is out of
//! credit).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::features;
use super::matching::{Hit, Ranked, Tables, PROSE_CODE};
use crate::catalogue::{Entry, Kind};

mod data {
    include!(concat!(env!("OUT_DIR"), "/model_data.rs"));
}

/// Class weights per feature.
pub struct Model {
    weights: HashMap<Box<str>, Vec<(u8, f32)>>,
}

/// What the model read in a text.
#[derive(Clone, Debug)]
pub struct Reading {
    /// The most likely class.
    pub kind: Kind,
    /// Its probability under the model, 0..1.
    pub probability: f32,
}

impl Model {
    /// The model compiled into the crate.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            let mut weights = HashMap::with_capacity(data::COUNTS.len());
            let mut at = 0usize;
            for (feature, &n) in data::FEATURES.split('\n').zip(data::COUNTS) {
                let per_class = data::WEIGHTS
                    .get(at..at + usize::from(n))
                    .unwrap_or_default()
                    .iter()
                    .map(|&(c, q)| (c, f32::from(q) / 16.0))
                    .collect();
                at += usize::from(n);
                weights.insert(feature.into(), per_class);
            }
            Model { weights }
        })
    }

    /// A model from learned weights (the corpus test learns its own per fold).
    pub fn from_learned(learned: Vec<(String, Vec<(u8, f32)>)>) -> Model {
        Model { weights: learned.into_iter().map(|(f, w)| (f.into_boxed_str(), w)).collect() }
    }

    /// How many features the model knows.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// True when the model knows no feature.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The summed weight of each class over `features`.
    pub fn scores(&self, features: &HashSet<String>) -> Vec<f32> {
        let mut scores = vec![0f32; Kind::ALL.len()];
        for f in features {
            if let Some(per_class) = self.weights.get(f.as_str()) {
                for &(c, w) in per_class {
                    if let Some(s) = scores.get_mut(usize::from(c)) {
                        *s += w;
                    }
                }
            }
        }
        scores
    }

    /// The class of `text`, or `None` when no feature of it is known.
    pub fn read(&self, text: &str) -> Option<Reading> {
        self.read_features(&features::features(text))
    }

    /// As [`Model::read`], from features already read.
    pub fn read_features(&self, features: &HashSet<String>) -> Option<Reading> {
        let known = features.iter().filter(|f| self.weights.contains_key(f.as_str())).count();
        if known == 0 {
            return None;
        }
        // As the model learned: a text's words weigh one over the square
        // root of how many it has, so a long log is not surer than a line.
        let norm = SHARPNESS / (known as f32).sqrt();
        let scores: Vec<f32> = self.scores(features).iter().map(|s| s * norm).collect();
        let top = scores.iter().copied().fold(f32::MIN, f32::max);
        let sum: f32 = scores.iter().map(|s| (s - top).exp()).sum();
        let best = scores.iter().position(|s| *s == top)?;
        Some(Reading { kind: *Kind::ALL.get(best)?, probability: 1.0 / sum })
    }

    /// The weight of `kind` in one line's features: which line of a paste
    /// says the class most plainly.
    pub fn line_weight(&self, line: &str, kind: Kind) -> f32 {
        let Some(c) = Kind::ALL.iter().position(|k| *k == kind) else { return 0.0 };
        self.scores(&features::features(line)).get(c).copied().unwrap_or(0.0)
    }
}

/// How sure the words must be to overrule what the structure found: a bare
/// status, catalogue phrases only; and to decide alone when nothing matched.
/// A code in a structured field is never overruled (unless it names only a
/// status's own entry, when it yields as the status would), a code-like word
/// of the prose only by very sure words. Chosen on the development part.
const OVER_STATUS: f32 = 0.8;
const OVER_PHRASE: f32 = 0.7;
const OVER_PROSE_CODE: f32 = 0.9;
/// A bare 400 yields to words less sure than other statuses need.
const OVER_BAD_REQUEST: f32 = 0.5;
const ALONE: f32 = 0.2;

/// How much sharper than in training the model reads (chosen on the
/// development part): the weights were learned on texts scaled to unit
/// length, and the sharper reading separates the classes of a short paste.
const SHARPNESS: f32 = 2.0;


/// What the readers saw that bears on whether the words may decide.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Seen {
    /// The paste is a HAR.
    pub har: bool,
    /// Statuses were found and every one of them says success.
    pub succeeded: bool,
}


/// The findings once the words have had their say: unchanged when the model
/// agrees, knows nothing, or is not sure enough to overrule the evidence;
/// otherwise the entry of the model's class that the paste's words point to
/// goes first, with the line that says the class as its evidence.
pub(super) fn settle(mut ranked: Vec<Ranked>, work: &str, masked: &str, seen: Seen, entries: &[Entry], tables: &Tables, model: &Model) -> Vec<Ranked> {
    // A HAR's words are mostly header names and other calls: its failing
    // calls' statuses and bodies decide, or nothing does. A paste whose only
    // statuses say success failed at nothing the words could name.
    if seen.har || (seen.succeeded && ranked.is_empty()) {
        return ranked;
    }
    let kind_of = |r: &Ranked| entries.get(r.entry).map_or(Kind::Unknown, |e| e.kind);
    // A status's own entry (`http-400`) claiming a vendor's generic code
    // (`InvalidParameterValue`, `INVALID_ARGUMENT`) says no more than the status.
    let status_entry = |r: &Ranked| entries.get(r.entry).is_some_and(|e| e.providers.is_empty() && e.codes.iter().any(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit())));
    let needed = match ranked.first() {
        None => ALONE,
        Some(top) if status_entry(top) && top.hits.iter().any(|h| h.exact) => {
            if kind_of(top) == Kind::BadRequest {
                OVER_BAD_REQUEST
            } else {
                OVER_STATUS
            }
        }
        // A code in a structured field (a JSON `code`, a header) is never
        // overruled, so the words need not be read at all.
        Some(top) if top.hits.iter().any(|h| h.exact && !h.status && h.why != PROSE_CODE) => return ranked,
        // A code-like word in the prose (`ConnectException` in a wrapped
        // stack) yields only to very sure words.
        Some(top) if top.hits.iter().any(|h| h.why == PROSE_CODE) => OVER_PROSE_CODE,
        // 400 is the catch-all of client errors: its body says which.
        Some(top) if top.hits.iter().any(|h| h.status) && kind_of(top) == Kind::BadRequest => OVER_BAD_REQUEST,
        Some(top) if top.hits.iter().any(|h| h.status) => OVER_STATUS,
        Some(top) if kind_of(top) == Kind::Unknown => ALONE,
        Some(_) => OVER_PHRASE,
    };
    // Only the parts the model reads are cleaned of their header lines.
    let parts: Vec<_> = features::read_parts(masked).into_iter().map(without_headers).collect();
    let features = features::features_of(parts.iter().map(|part| part.as_ref()));
    let Some(reading) = model.read_features(&features) else { return ranked };
    if ranked.first().is_some_and(|top| kind_of(top) == reading.kind) {
        return ranked;
    }
    if reading.kind == Kind::Unknown || reading.probability < needed {
        return ranked;
    }

    let confidence = (0.3 + 0.5 * reading.probability).min(0.85);
    // A runner-up of the class: it has evidence of its own already.
    if let Some(i) = ranked.iter().position(|r| kind_of(r) == reading.kind) {
        let mut chosen = ranked.remove(i);
        chosen.confidence = chosen.confidence.max(confidence);
        ranked.insert(0, chosen);
        return demote_the_rest(ranked);
    }
    let Some(entry) = closest_in_class(&features, reading.kind, entries, tables) else { return ranked };
    let (start, end) = plainest_line(work, reading.kind, model);
    let hit = Hit { entry, weight: confidence, start, end, why: "the words of the message", exact: false, status: false };
    ranked.insert(0, Ranked { entry, confidence, hits: vec![hit] });
    ranked.truncate(super::MAX_FINDINGS);
    demote_the_rest(ranked)
}

/// The findings the words overruled read as less sure than the one they
/// chose, still best first (findings are promised in that order).
fn demote_the_rest(mut ranked: Vec<Ranked>) -> Vec<Ranked> {
    let Some(top) = ranked.first().map(|r| r.confidence) else { return ranked };
    if let Some(rest) = ranked.get_mut(1..) {
        for r in rest.iter_mut() {
            r.confidence = r.confidence.min(top - 0.01);
        }
        rest.sort_by(|a, b| b.confidence.total_cmp(&a.confidence).then(a.entry.cmp(&b.entry)));
    }
    ranked
}

/// The text without its HTTP header lines (`X-RateLimit-Remaining: 4999`,
/// `< Content-Type: ...`): header names say what a response carries, not
/// what went wrong, and must not outvote its status line or its body.
fn without_headers(text: &str) -> std::borrow::Cow<'_, str> {
    fn is_header(line: &str) -> bool {
        let line = line.trim_start_matches(['<', '>', ' ']);
        let Some((name, _)) = line.split_once(": ") else { return false };
        let plain = !name.is_empty() && name.len() <= 40 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        plain && (name.contains('-') || matches!(name.to_ascii_lowercase().as_str(), "date" | "server" | "via" | "vary" | "etag" | "connection" | "location" | "allow" | "expires" | "age"))
    }
    if !text.lines().any(is_header) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.lines().filter(|l| !is_header(l)).collect::<Vec<_>>().join("\n"))
}

/// The entry of `kind` whose cue words the paste shares most, rarer words
/// counting more; a generic entry (no provider) when none is shared.
fn closest_in_class(features: &HashSet<String>, kind: Kind, entries: &[Entry], tables: &Tables) -> Option<usize> {
    let n = entries.len().max(1) as f32;
    let cues = tables.cues(entries);
    let mut best: Option<(f32, bool, usize)> = None;
    for (i, entry) in entries.iter().enumerate().filter(|(_, e)| e.kind == kind) {
        let shared: f32 = cues
            .per_entry
            .get(i)
            .map(|own| {
                own.iter()
                    .filter(|f| features.contains(*f))
                    .map(|f| (n / cues.entries_with.get(f).copied().unwrap_or(1) as f32).ln())
                    .sum()
            })
            .unwrap_or(0.0);
        let generic = entry.providers.is_empty();
        let better = match best {
            None => true,
            Some((score, was_generic, _)) => shared > score + 1e-3 || ((shared - score).abs() <= 1e-3 && generic && !was_generic),
        };
        if better {
            best = Some((shared, generic, i));
        }
    }
    best.map(|b| b.2)
}

/// The byte span of the line (trimmed) that carries the most weight for
/// `kind`; the first line when none does.
fn plainest_line(work: &str, kind: Kind, model: &Model) -> (usize, usize) {
    let mut best = (f32::MIN, 0, 0);
    let mut at = 0;
    // Only the lines the model read: the head and the tail of a long paste.
    let tail = work.len().saturating_sub(features::READ);
    for line in work.split_inclusive('\n') {
        let trimmed = line.trim();
        let read = at < features::READ || at + line.len() > tail;
        if read && !trimmed.is_empty() && trimmed.len() < 2000 {
            let w = model.line_weight(trimmed, kind);
            if w > best.0 {
                let lead = line.len() - line.trim_start().len();
                best = (w, at + lead, at + lead + trimmed.len());
            }
        }
        at += line.len();
    }
    (best.1, best.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Catalogue;
    use crate::diagnose::{diagnose, DiagnoseOptions};

    #[track_caller]
    fn kind_of(text: &str) -> Kind {
        diagnose(text, &Catalogue::builtin(), &DiagnoseOptions::default()).kind
    }

    #[test]
    fn the_words_name_the_class_when_no_code_does() {
        assert_eq!(kind_of("Fehler: Zeitüberschreitung bei der Verbindung zum Server"), Kind::Timeout);
        assert_eq!(kind_of("The request body is too large: it exceeds the maximum allowed size of 10 MB"), Kind::PayloadTooLarge);
        assert_eq!(kind_of("A record with this email already exists"), Kind::Conflict);
    }

    #[test]
    fn the_body_beats_a_bare_status() {
        let paste = "HTTP/1.1 400 Bad Request\n\n{\"error\": {\"message\": \"Your credit balance is too low to access the API. Please go to Plans & Billing to upgrade or purchase credits.\"}}";
        assert_eq!(kind_of(paste), Kind::Payment);
    }

    #[test]
    fn generic_words_alone_decide_nothing() {
        assert_eq!(kind_of("Error: the sync failed"), Kind::Unknown);
        assert_eq!(kind_of("Failed to load resource: net::ERR_CONNECTION_RESET"), Kind::Network);
        assert_eq!(kind_of("Failed to load resource: net::ERR_CERT_AUTHORITY_INVALID"), Kind::Tls);
    }

    #[test]
    fn the_builtin_model_is_there_and_reads_a_masked_paste_as_the_paste() {
        let model = Model::builtin();
        assert!(model.len() > 1000, "{} features", model.len());
        let raw = model.read("401 Unauthorized: invalid api key sk_live_FAKE00000000000000000000");
        let masked = model.read("401 Unauthorized: invalid api key [REDACTED:stripe_secret_key]");
        assert_eq!(raw.map(|r| r.kind), masked.map(|r| r.kind));
    }
}
