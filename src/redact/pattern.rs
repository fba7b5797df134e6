//! The pattern language of secret families (`families.toml`): tokens
//! separated by single spaces, matched in order with no gaps.
//!
//! - `name{n}`, `name{n,m}`, `name{n,}`: `n` to `m` bytes of a named set
//!   (`upper`, `lower`, `alpha`, `digit`, `alnum`, `hex`, `hexlower`,
//!   `hexupper`, `word`, `b64`, `b64url`, `upperdigit`, `lowerdigit`);
//! - `[...]{n,m}`: an explicit byte set with ranges (`[a-zA-Z0-9_~.]{3}`);
//! - anything else: a literal, case-sensitive.
//!
//! Parsed by the build script, which compiles the families into static
//! tables, and by the tests. Pure: no web imports, never panics.

/// One token of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// Bytes that must appear as written.
    Literal(Vec<u8>),
    /// `min..=max` bytes, each in `set` (a 256-bit membership mask).
    Class { set: [u8; 32], min: u16, max: u16 },
}

/// No upper bound (`{n,}`).
pub const UNBOUNDED: u16 = u16::MAX;

/// Whether `b` is in the 256-bit `set`.
pub fn contains(set: &[u8; 32], b: u8) -> bool {
    set[usize::from(b >> 3)] & (1 << (b & 7)) != 0
}

fn add(set: &mut [u8; 32], b: u8) {
    set[usize::from(b >> 3)] |= 1 << (b & 7);
}

/// The bytes of a named set, written as explicit set syntax.
fn named_set(name: &str) -> Option<&'static str> {
    Some(match name {
        "upper" => "A-Z",
        "lower" => "a-z",
        "alpha" => "A-Za-z",
        "digit" => "0-9",
        "alnum" => "A-Za-z0-9",
        "hex" => "0-9a-fA-F",
        "hexlower" => "0-9a-f",
        "hexupper" => "0-9A-F",
        "word" | "b64url" => "A-Za-z0-9_-",
        "b64" => "A-Za-z0-9+/",
        "upperdigit" => "A-Z0-9",
        "lowerdigit" => "a-z0-9",
        _ => return None,
    })
}

/// `A-Za-z0-9_-` to a mask; a `-` first or last is literal.
fn parse_set(spec: &str) -> Result<[u8; 32], String> {
    let bytes = spec.as_bytes();
    let mut set = [0u8; 32];
    let mut i = 0;
    while i < bytes.len() {
        if i + 2 < bytes.len() && bytes[i + 1] == b'-' {
            let (lo, hi) = (bytes[i], bytes[i + 2]);
            if lo > hi {
                return Err(format!("range {}-{} runs backwards", lo as char, hi as char));
            }
            for b in lo..=hi {
                add(&mut set, b);
            }
            i += 3;
        } else {
            add(&mut set, bytes[i]);
            i += 1;
        }
    }
    if set == [0; 32] {
        return Err("empty set".into());
    }
    Ok(set)
}

/// `{n}`, `{n,}` or `{n,m}` to bounds.
fn parse_bounds(spec: &str) -> Result<(u16, u16), String> {
    let inner = spec.strip_prefix('{').and_then(|s| s.strip_suffix('}')).ok_or("bounds must be {n}, {n,} or {n,m}")?;
    let number = |s: &str| s.parse::<u16>().map_err(|_| format!("{s:?} is not a count"));
    let (min, max) = match inner.split_once(',') {
        None => (number(inner)?, number(inner)?),
        Some((lo, "")) => (number(lo)?, UNBOUNDED),
        Some((lo, hi)) => (number(lo)?, number(hi)?),
    };
    if min > max || max == 0 {
        return Err(format!("bounds {{{inner}}} are empty"));
    }
    Ok((min, max))
}

fn parse_token(token: &str) -> Result<Token, String> {
    if let Some(rest) = token.strip_prefix('[') {
        if let Some(close) = rest.rfind("]{") {
            let set = parse_set(&rest[..close])?;
            let (min, max) = parse_bounds(&rest[close + 1..])?;
            return Ok(Token::Class { set, min, max });
        }
    }
    if let Some(open) = token.find('{').filter(|_| token.ends_with('}')) {
        if let Some(spec) = named_set(&token[..open]) {
            let set = parse_set(spec)?;
            let (min, max) = parse_bounds(&token[open..])?;
            return Ok(Token::Class { set, min, max });
        }
        if token[..open].bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) && !token[..open].is_empty() {
            return Err(format!("unknown set name {:?}", &token[..open]));
        }
    }
    Ok(Token::Literal(token.as_bytes().to_vec()))
}

/// Parses a pattern; the error says which token is wrong and why.
pub fn parse(pattern: &str) -> Result<Vec<Token>, String> {
    if pattern.is_empty() || pattern.contains("  ") || pattern.starts_with(' ') || pattern.ends_with(' ') {
        return Err("tokens are separated by single spaces".into());
    }
    pattern.split(' ').map(|t| parse_token(t).map_err(|e| format!("token {t:?}: {e}"))).collect()
}

/// How a pattern is found in free text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// It starts with a literal of two or more bytes: looked up at token starts.
    Prefix,
    /// Its longest literal (token `n`, not the first token): found by that
    /// literal, then read back to the start.
    Infix(usize),
    /// Only as the whole value of a field whose name holds a keyword.
    Keyword,
}

/// How a pattern of a family with (or without) keywords is anchored, or why it cannot be.
pub fn anchor(tokens: &[Token], has_keywords: bool) -> Result<Anchor, String> {
    if has_keywords {
        return Ok(Anchor::Keyword);
    }
    match tokens.first() {
        Some(Token::Literal(l)) if l.len() >= 2 => return Ok(Anchor::Prefix),
        Some(Token::Literal(_)) => return Err("a one-byte prefix is no anchor: add keywords".into()),
        _ => {}
    }
    // The longest literal is the rarest in text: fewer places to read back from.
    let longest = tokens.iter().enumerate().filter_map(|(n, t)| match t {
        Token::Literal(l) => Some((l.len(), n)),
        Token::Class { .. } => None,
    });
    match longest.max_by_key(|&(len, n)| (len, usize::MAX - n)) {
        Some((_, n)) => Ok(Anchor::Infix(n)),
        None => Err("no literal to find it by: add keywords".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(pattern: &str, expected: Result<usize, &str>) {
        match (parse(pattern), expected) {
            (Ok(tokens), Ok(n)) => assert_eq!(tokens.len(), n, "{pattern}"),
            (Err(e), Err(part)) => assert!(e.contains(part), "{pattern}: {e}"),
            (got, want) => panic!("{pattern}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn parses_literals_named_and_explicit_sets() {
        check("sk_live_ alnum{24,247}", Ok(2));
        check("[a-zA-Z0-9_~.]{3} digit{1} Q~ [a-zA-Z0-9_~.-]{31,34}", Ok(4));
        check("SG. b64url{22} . b64url{43}", Ok(4));
        check("hf_ alpha{34,}", Ok(2));
        check("hf_ alhpa{34}", Err("unknown set name"));
        check("x [z-a]{3}", Err("backwards"));
        check("x alnum{5,2}", Err("empty"));
        check("x  alnum{5}", Err("single spaces"));
        let Ok(tokens) = parse("[a-z_-]{2}") else { panic!() };
        let Token::Class { set, .. } = &tokens[0] else { panic!() };
        assert!(contains(set, b'-') && contains(set, b'_') && contains(set, b'q') && !contains(set, b'A'));
    }

    #[test]
    fn anchors() {
        let tokens = |p| parse(p).unwrap_or_default();
        assert_eq!(anchor(&tokens("ghp_ alnum{36}"), false), Ok(Anchor::Prefix));
        assert_eq!(anchor(&tokens("[a-z]{3} digit{1} Q~ alnum{31}"), false), Ok(Anchor::Infix(2)));
        assert_eq!(anchor(&tokens("alnum{14} . atlasv1 . word{60}"), false), Ok(Anchor::Infix(2)));
        assert_eq!(anchor(&tokens("hex{64}"), true), Ok(Anchor::Keyword));
        assert!(anchor(&tokens("hex{64}"), false).is_err());
    }
}
