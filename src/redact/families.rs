//! Vendor credential families, compiled from `families.toml` by the build
//! script: what each is called, where to rotate it, and the shapes it takes.
//!
//! Three ways to find a family, fixed per pattern at build time:
//! a prefix of two or more bytes looked up at every token start; its longest
//! inner literal, read back to the token start (Azure's `Q~`, Telegram's `:A`); or,
//! for shapes with no marker of their own (64 hex digits), only as the whole
//! value of a field whose name holds one of the family's keywords. Every
//! match is checked to end at a token boundary, and values that read as
//! placeholders (`xxxx`, `EXAMPLE`, `your_key`, one repeated byte) are kept.
//! Pure: no web imports, linear in the text, never panics.

use super::rules::Hit;

/// A family of credentials: one vendor's one kind of secret.
#[derive(Debug)]
pub struct Family {
    /// snake_case; the `kind` reported to the host. Never renamed.
    pub id: &'static str,
    /// What the user reads: "Stripe live secret key".
    pub name: &'static str,
    /// False for test-mode credentials, which open no production account.
    pub live: bool,
    /// Its random part always mixes upper and lower case, four or more of
    /// each (a look-alike that does not is an id of something else).
    pub mixed_case: bool,
    /// The vendor's page to revoke or rotate it; empty when not known.
    pub rotate: &'static str,
    /// Field-name words the keyword patterns need.
    pub keywords: &'static [&'static str],
}

/// How a pattern is found (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// By its leading literal.
    Prefix,
    /// By the literal at this token index, read back to the start.
    Infix(usize),
    /// Only as a keyword-named field's whole value.
    Keyword,
}

/// One token of a compiled pattern.
#[derive(Clone, Copy, Debug)]
pub enum Seg {
    /// Bytes as written.
    Literal(&'static [u8]),
    /// Set index into the set table, then the least and most bytes.
    Class(usize, u16, u16),
}

/// A compiled pattern of a family.
#[derive(Debug)]
pub struct Pattern {
    /// Index into [`FAMILIES`].
    pub family: usize,
    /// How it is found.
    pub anchor: Anchor,
    /// Its tokens in order.
    pub segs: &'static [Seg],
}

include!(concat!(env!("OUT_DIR"), "/families_data.rs"));

/// The family with this id.
pub fn by_id(id: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.id == id)
}

fn in_set(set: usize, b: u8) -> bool {
    SETS.get(set).is_some_and(|s| s[usize::from(b >> 3)] & (1 << (b & 7)) != 0)
}

/// Steps one match attempt may take; patterns are short, so only hostile
/// text comes near it, and a refusal there costs a mask on a nonsense token.
const STEP_BUDGET: u32 = 4096;

/// Where `segs` matched from `start` ends, preferring the longest match that
/// ends at a token boundary.
fn match_at(bytes: &[u8], start: usize, segs: &[Seg]) -> Option<usize> {
    let mut budget = STEP_BUDGET;
    let last_set = match segs.last() {
        Some(Seg::Class(set, _, _)) => Some(*set),
        _ => None,
    };
    go(bytes, start, segs, last_set, &mut budget)
}

fn go(bytes: &[u8], pos: usize, segs: &[Seg], last_set: Option<usize>, budget: &mut u32) -> Option<usize> {
    *budget = budget.checked_sub(1)?;
    let Some((seg, rest)) = segs.split_first() else {
        let boundary = bytes.get(pos).is_none_or(|&b| !b.is_ascii_alphanumeric() && !last_set.is_some_and(|s| in_set(s, b)));
        return boundary.then_some(pos);
    };
    match *seg {
        Seg::Literal(lit) => starts_with(bytes, pos, lit).then(|| go(bytes, pos + lit.len(), rest, last_set, budget)).flatten(),
        Seg::Class(set, min, max) => {
            let (min, max) = (usize::from(min), usize::from(max));
            let mut n = 0;
            while n < max && bytes.get(pos + n).is_some_and(|&b| in_set(set, b)) {
                n += 1;
            }
            if n < min {
                return None;
            }
            // With nothing after this class, only the longest run can end at a boundary.
            if rest.is_empty() {
                return go(bytes, pos + n, rest, last_set, budget);
            }
            (min..=n).rev().find_map(|k| go(bytes, pos + k, rest, last_set, budget))
        }
    }
}

/// `bytes[pos..]` starts with `lit`. Literals are short and most compares
/// fail on the second byte: a loop beats a call to `memcmp` here.
#[inline]
fn starts_with(bytes: &[u8], pos: usize, lit: &[u8]) -> bool {
    if bytes.len() < pos + lit.len() {
        return false;
    }
    let mut k = 0;
    while k < lit.len() {
        if bytes[pos + k] != lit[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// True for a value that stands in for a credential: documentation
/// placeholders and examples, masks, runs of one byte, counting sequences.
pub fn looks_fake(value: &[u8]) -> bool {
    let (distinct, longest_run) = super::entropy::distinct_and_longest_run(value);
    placeholder_marked(value) || distinct <= 4 || longest_run >= 8
}

/// True when `value` holds a placeholder's mark (`example`, `xxxx`, `your`,
/// `<`, `${`, `***`...) or is made of placeholder words (`some-token`).
fn placeholder_marked(value: &[u8]) -> bool {
    let lower: Vec<u8> = value.iter().map(u8::to_ascii_lowercase).collect();
    const MARKERS: super::entropy::Needles = super::entropy::Needles::new(&[
        "example", "xxxx", "your", "placeholder", "redacted", "changeme", "dummy", "sample", "...", "***", "###", "<", ">", "1234567890",
        "0123456789", "abcdefghij", "abc123", "${", "{{", "insert",
    ]);
    if super::entropy::holds_any(&lower, &MARKERS) {
        return true;
    }
    std::str::from_utf8(&lower).is_ok_and(|l| super::entropy::placeholder_words(l.trim_start_matches(['-', '_'])))
}

/// The part of a match that must look random: after a leading literal.
fn body<'a>(value: &'a [u8], segs: &[Seg]) -> &'a [u8] {
    match segs.first() {
        Some(Seg::Literal(lit)) => value.get(lit.len()..).unwrap_or(value),
        _ => value,
    }
}

fn accept(bytes: &[u8], start: usize, end: usize, pattern: &Pattern) -> bool {
    let Some(value) = bytes.get(start..end) else { return false };
    // A format that itself holds a run of one byte (Dropbox's `AAAAAAAAAA`)
    // is judged without the run test.
    let has_run = pattern.segs.iter().any(|s| matches!(s, Seg::Literal(l) if l.len() >= 8 && l.iter().all(|&b| b == l[0])));
    let body = body(value, pattern.segs);
    // Random base64 of 30 bytes or more holds a dozen of each case; four of
    // each is a safe floor that ids with a capitalised prefix (`AAA_c5e3...`) miss.
    if FAMILIES[pattern.family].mixed_case
        && (body.iter().filter(|b| b.is_ascii_uppercase()).count() < 4 || body.iter().filter(|b| b.is_ascii_lowercase()).count() < 4)
    {
        return false;
    }
    // A two-byte prefix (`SK`, `s.`) is a weak anchor: the body must mix
    // letters and digits, as random tokens do and words (`s.AcceptanceTimeout`) do not.
    if matches!(pattern.segs.first(), Some(Seg::Literal(lit)) if lit.len() <= 2)
        && !(body.iter().any(u8::is_ascii_digit) && body.iter().any(u8::is_ascii_alphabetic))
    {
        return false;
    }
    if has_run {
        return !placeholder_marked(body);
    }
    !looks_fake(body)
}

/// Every prefix- and infix-anchored family match in `bytes`.
pub fn scan(bytes: &[u8], out: &mut Vec<Hit>) {
    // One pass for prefixes and infix anchors. Per byte: bit 0, it continues a
    // token (alphanumeric, `.`, `_`, `-`: `box.ico-...` is a file name, not an
    // `ico-` key); bit 1, a prefix starts with it; bit 2, an infix anchor does.
    let classes = byte_classes();
    let anchors = infix_anchors();
    let pairs = pair_table();
    let mut i = 0;
    let mut prev = 1u8;
    'bytes: while i < bytes.len() {
        let class = classes[usize::from(bytes[i])];
        // A prefix is looked for at a token start only; an anchor anywhere.
        let wanted = (class & 4) | (class & !(prev << 1) & 2);
        prev = class;
        if wanted == 0 || i + 1 == bytes.len() {
            i += 1;
            continue;
        }
        // The first two bytes, looked up in a 65,536-bit table: most pairs start
        // no prefix and no anchor, so most candidates end here.
        let pair = u16::from(bytes[i]) << 8 | u16::from(bytes[i + 1]);
        if wanted & 4 != 0 && pairs.anchor(pair) {
            infix_at(bytes, i, anchors, out);
        }
        if wanted & 2 == 0 || !pairs.prefix(pair) {
            i += 1;
            continue;
        }
        let (from, to) = FIRST_RANGE[usize::from(bytes[i])];
        let same_start = PREFIX_PAIRS.get(usize::from(from)..usize::from(to)).unwrap_or(&[]);
        let first = same_start.partition_point(|&(p, _)| p < pair);
        for &(_, p) in same_start[first..].iter().take_while(|&&(p, _)| p == pair) {
            let pattern = &PATTERNS[usize::from(p)];
            if let Some(end) = match_at(bytes, i, pattern.segs).filter(|&end| accept(bytes, i, end, pattern)) {
                push(out, pattern, i, end);
                // Infix anchors inside the match are masked with it.
                i = end;
                // A match ends at a token boundary.
                prev = 0;
                continue 'bytes;
            }
        }
        i += 1;
    }
}

/// Tries every infix pattern whose anchor starts at `at`.
fn infix_at(bytes: &[u8], at: usize, anchors: &InfixAnchors, out: &mut Vec<Hit>) {
    for &(lit, p) in &anchors.list {
        if lit.first() != bytes.get(at) || (lit.len() > 1 && bytes.get(at + 1) != lit.get(1)) {
            continue;
        }
        let pattern = &PATTERNS[usize::from(p)];
        let Anchor::Infix(n) = pattern.anchor else { continue };
        if !starts_with(bytes, at, lit) {
            continue;
        }
        let Some(start) = read_back(bytes, at, &pattern.segs[..n]) else { continue };
        if let Some(end) = match_at(bytes, start, pattern.segs).filter(|&end| accept(bytes, start, end, pattern)) {
            push(out, pattern, start, end);
        }
    }
}

/// Which two-byte starts begin a prefix, and which an infix anchor (an
/// anchor of one byte marks every pair it begins).
struct Pairs {
    prefix: Box<[u64; 1024]>,
    anchor: Box<[u64; 1024]>,
}

impl Pairs {
    fn prefix(&self, pair: u16) -> bool {
        self.prefix[usize::from(pair >> 6)] & (1 << (pair & 63)) != 0
    }

    fn anchor(&self, pair: u16) -> bool {
        self.anchor[usize::from(pair >> 6)] & (1 << (pair & 63)) != 0
    }
}

fn pair_table() -> &'static Pairs {
    static TABLE: std::sync::OnceLock<Pairs> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut pairs = Pairs { prefix: Box::new([0; 1024]), anchor: Box::new([0; 1024]) };
        let set = |table: &mut [u64; 1024], pair: u16| table[usize::from(pair >> 6)] |= 1 << (pair & 63);
        for &(pair, _) in PREFIX_PAIRS {
            set(&mut pairs.prefix, pair);
        }
        for &(lit, _) in &infix_anchors().list {
            match lit {
                [a, b, ..] => set(&mut pairs.anchor, u16::from(*a) << 8 | u16::from(*b)),
                [a] => (0..=255u16).for_each(|b| set(&mut pairs.anchor, u16::from(*a) << 8 | b)),
                [] => {}
            }
        }
        pairs
    })
}

/// Per byte: bit 0 when it continues a token, bit 1 when a prefix starts
/// with it, bit 2 when an infix anchor does.
fn byte_classes() -> &'static [u8; 256] {
    static TABLE: std::sync::OnceLock<[u8; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let anchors = infix_anchors();
        let mut table = [0u8; 256];
        for (b, class) in table.iter_mut().enumerate() {
            let (from, to) = FIRST_RANGE[b];
            let c = b as u8;
            *class = u8::from(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
                | (u8::from(from != to) << 1)
                | (u8::from(anchors.first[b]) << 2);
        }
        table
    })
}

/// The anchor literals of infix patterns, and which bytes start one.
struct InfixAnchors {
    first: [bool; 256],
    list: Vec<(&'static [u8], u16)>,
}

fn infix_anchors() -> &'static InfixAnchors {
    static ANCHORS: std::sync::OnceLock<InfixAnchors> = std::sync::OnceLock::new();
    ANCHORS.get_or_init(|| {
        let mut anchors = InfixAnchors { first: [false; 256], list: Vec::new() };
        for &p in INFIX {
            let pattern = &PATTERNS[usize::from(p)];
            let Anchor::Infix(n) = pattern.anchor else { continue };
            if let Some(Seg::Literal(lit)) = pattern.segs.get(n) {
                if let Some(&b) = lit.first() {
                    anchors.first[usize::from(b)] = true;
                    anchors.list.push((lit, p));
                }
            }
        }
        anchors
    })
}

/// A leading literal that is a host or a path (`hooks.slack.com/services/`)
/// names the service, not the secret: it stays readable.
fn push(out: &mut Vec<Hit>, pattern: &Pattern, start: usize, end: usize) {
    let start = match pattern.segs.first() {
        Some(Seg::Literal(lit)) if lit.contains(&b'/') && start + lit.len() < end => start + lit.len(),
        _ => start,
    };
    out.push(Hit { kind: FAMILIES[pattern.family].id, start, end, rank: 2 });
}

/// Reads the tokens before the anchor backwards from `at`; the start of the
/// token, if the bytes before it fit them and it begins at a boundary.
/// Class runs are tried longest first, shorter on failure (`[MNO]{1}
/// word{23,25}` must leave the `N` of `NzQ4...` to the first class).
fn read_back(bytes: &[u8], at: usize, leading: &[Seg]) -> Option<usize> {
    let mut budget = STEP_BUDGET;
    back(bytes, at, leading, &mut budget)
}

fn back(bytes: &[u8], pos: usize, leading: &[Seg], budget: &mut u32) -> Option<usize> {
    *budget = budget.checked_sub(1)?;
    let Some((seg, rest)) = leading.split_last() else {
        return Some(pos);
    };
    let boundary = |start: usize, first: &Seg| match *first {
        Seg::Class(set, _, _) => start == 0 || !in_set(set, bytes[start - 1]),
        Seg::Literal(_) => start == 0 || !bytes[start - 1].is_ascii_alphanumeric(),
    };
    match *seg {
        Seg::Literal(lit) => {
            let start = pos.checked_sub(lit.len())?;
            if !starts_with(bytes, start, lit) {
                return None;
            }
            if rest.is_empty() {
                return boundary(start, seg).then_some(start);
            }
            back(bytes, start, rest, budget)
        }
        Seg::Class(set, min, max) => {
            let mut n = 0;
            while n < usize::from(max) && pos > n && in_set(set, bytes[pos - n - 1]) {
                n += 1;
            }
            (usize::from(min)..=n).rev().find_map(|k| {
                let start = pos - k;
                if rest.is_empty() {
                    boundary(start, seg).then_some(start)
                } else {
                    back(bytes, start, rest, budget)
                }
            })
        }
    }
}

/// True when a field's name (lower case, as written) holds a keyword of some
/// family, so its value is weighed as a secret even under a name the
/// generic rules do not know (`ADAFRUIT_IO_KEY`, `sonar.login`).
///
/// `name` is `raw` (the name as written) in lower case: a keyword counts only
/// where a word of `raw` starts (`DISCORD_TOKEN`, `launchDarklyToken`), so
/// `cameraKit` holds no `meraki`.
pub fn names_a_keyword(name: &str, raw: &str) -> bool {
    let starts = keyword_starts();
    // Most names share no three-byte start with any keyword: one bit test per byte.
    name.as_bytes().windows(3).any(|w| {
        let h = trigram(w);
        starts[h >> 6] & (1 << (h & 63)) != 0
    }) && keywords_in(name, raw).next().is_some()
}

/// A 16-bit hash of three bytes.
fn trigram(w: &[u8]) -> usize {
    (usize::from(w[0]) * 961 + usize::from(w[1]) * 31 + usize::from(w[2])) & 0xffff
}

/// A 65,536-bit table of the hashed three bytes every keyword starts with.
fn keyword_starts() -> &'static [u64; 1024] {
    static TABLE: std::sync::OnceLock<Box<[u64; 1024]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Box::new([0u64; 1024]);
        for &(_, keyword) in keyword_table() {
            // Keywords of two bytes cannot be filtered this way; none are.
            if let Some(w) = keyword.as_bytes().get(..3) {
                let h = trigram(w);
                table[h >> 6] |= 1 << (h & 63);
            }
        }
        table
    })
}

/// Every keyword (lower case) with the two bytes it starts with, sorted by them.
fn keyword_table() -> &'static [(u16, &'static str)] {
    static TABLE: std::sync::OnceLock<Vec<(u16, &'static str)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: Vec<(u16, &'static str)> = FAMILIES
            .iter()
            .flat_map(|f| f.keywords.iter())
            .filter(|k| k.len() >= 2)
            .map(|k| (u16::from(k.as_bytes()[0]) << 8 | u16::from(k.as_bytes()[1]), *k))
            .collect();
        table.sort_unstable();
        table.dedup();
        table
    })
}

/// The keywords `name` holds. Looked up by each pair of bytes of the name,
/// so a name that holds none costs one binary search per byte.
fn keywords_in<'a>(name: &'a str, raw: &'a str) -> impl Iterator<Item = &'static str> + 'a {
    let table = keyword_table();
    let bytes = name.as_bytes();
    let raw = raw.as_bytes();
    // Where a word of the name starts: after a non-letter, or at a capital (a camelCase hump).
    let word_start = move |at: usize| {
        at == 0 || !bytes[at - 1].is_ascii_alphabetic() || raw.get(at).is_some_and(|c| c.is_ascii_uppercase() && !raw[at - 1].is_ascii_uppercase())
    };
    (0..bytes.len().saturating_sub(1)).filter(move |&at| bytes[at].is_ascii_lowercase() && word_start(at)).flat_map(move |at| {
        let pair = u16::from(bytes[at]) << 8 | u16::from(bytes[at + 1]);
        let from = table.partition_point(|(p, _)| *p < pair);
        table[from..].iter().take_while(move |(p, _)| *p == pair).map(|(_, k)| *k).filter(move |k| starts_with(bytes, at, k.as_bytes()))
    })
}

/// The family a field's whole `value` belongs to when the field's name
/// (`name` and `raw` as for [`names_a_keyword`]) holds one of its keywords.
pub fn keyword_family(name: &str, raw: &str, value: &str) -> Option<&'static Family> {
    let found: Vec<&str> = keywords_in(name, raw).collect();
    if found.is_empty() {
        return None;
    }
    let bytes = value.as_bytes();
    KEYWORD.iter().map(|&p| &PATTERNS[usize::from(p)]).find_map(|pattern| {
        let family = &FAMILIES[pattern.family];
        let named = family.keywords.iter().any(|k| found.contains(k));
        (named && match_at(bytes, 0, pattern.segs) == Some(bytes.len()) && accept(bytes, 0, bytes.len(), pattern)).then_some(family)
    })
}

/// What the user reads for a finding's kind: the family's name, or the
/// generic detector's ("Password", "Bearer token").
pub fn label(kind: &str) -> &'static str {
    known_kind(kind).map_or("Secret", |(_, label)| label)
}

/// The kinds the structural detectors report, with what the user reads.
const GENERIC_KINDS: &[(&str, &str)] = &[
    ("bearer", "Bearer token"),
    ("basic_auth", "Basic auth credentials"),
    ("authorization", "Authorization header credentials"),
    ("cookie", "Cookie value"),
    ("password", "Password"),
    ("url_password", "Password in a URL"),
    ("api_key", "API key"),
    ("token", "Access token"),
    ("secret", "Secret"),
    ("signature", "Signature"),
    ("oauth_code", "OAuth authorization code"),
    ("aws_secret_access_key", "AWS secret access key"),
    ("jwt", "JSON Web Token"),
    ("private_key", "Private key"),
    ("email", "E-mail address"),
];

/// A kind any detector reports, as static strings: (kind, label).
pub fn known_kind(kind: &str) -> Option<(&'static str, &'static str)> {
    by_id(kind).map(|f| (f.id, f.name)).or_else(|| GENERIC_KINDS.iter().find(|(k, _)| *k == kind).copied())
}

/// Every span of `text` that one of family `id`'s patterns matches in full,
/// whatever its anchor (keywords are not required): where a fixture holds
/// its secret. Quadratic at worst; for tests and tools, not for pastes.
pub fn spans_of(id: &str, text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    for pattern in PATTERNS.iter().filter(|p| FAMILIES[p.family].id == id) {
        let mut start = 0;
        while start < bytes.len() {
            let boundary = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
            match match_at(bytes, start, pattern.segs).filter(|_| boundary) {
                Some(end) if end > start => {
                    spans.push((start, end));
                    start = end;
                }
                _ => start += 1,
            }
        }
    }
    spans
}
