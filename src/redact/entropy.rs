//! Shape tests for values found under secret-named fields: does this value
//! look like a credential, or like an error code, a word or a placeholder?
//!
//! Used only where a field name already suggests a secret (`token`, `key`,
//! `code`...); never run over free text, where it would mask request ids,
//! UUIDs and commit SHAs that support needs. Pure; never panics.

/// Shannon entropy of the bytes of `value`, in bits per byte.
pub fn shannon_bits(value: &str) -> f64 {
    let bytes = value.as_bytes();
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let n = bytes.len() as f64;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// How many distinct bytes `value` has, and its longest run of one byte.
pub fn distinct_and_longest_run(value: &[u8]) -> (usize, usize) {
    let mut seen = [false; 256];
    let (mut distinct, mut run, mut longest) = (0, 0, 0);
    for (i, &b) in value.iter().enumerate() {
        if !seen[usize::from(b)] {
            seen[usize::from(b)] = true;
            distinct += 1;
        }
        run = if i > 0 && value[i - 1] == b { run + 1 } else { 1 };
        longest = longest.max(run);
    }
    (distinct, longest)
}

/// How many of the classes lower case, upper case and digit occur in `value`.
pub fn char_classes(value: &str) -> u32 {
    let (mut lower, mut upper, mut digit) = (false, false, false);
    for b in value.bytes() {
        lower |= b.is_ascii_lowercase();
        upper |= b.is_ascii_uppercase();
        digit |= b.is_ascii_digit();
    }
    u32::from(lower) + u32::from(upper) + u32::from(digit)
}

/// True for values that stand for "no secret here": empty, `null`, booleans,
/// masks like `***` or `[REDACTED:...]`, template placeholders like
/// `<token>`, `${TOKEN}`, `{{ api_key }}`, `$API_KEY` or `%API_KEY%`, and
/// documentation stand-ins (`YOUR_API_KEY`, `…EXAMPLE…`, `xxxx` runs,
/// `changeme`). Masking them would hide nothing the user must protect and
/// would hide the clue that a placeholder was sent; it would also make
/// redaction of already-redacted text change it again.
pub fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() || v.starts_with("[REDACTED") || v.starts_with('<') || v.starts_with("${") || v.starts_with("{{") {
        return true;
    }
    if v.bytes().all(|b| matches!(b, b'*' | b'x' | b'X' | b'.' | b'#' | b'-' | b'_')) {
        return true;
    }
    // Already masked by whoever pasted it: `••••••••`.
    if v.chars().all(|c| matches!(c, '•' | '●' | '∙' | '*')) {
        return true;
    }
    // Documentation's fakes spell it out: `...EXAMPLEKEY`, `...SAMPLEKEY`.
    if v.contains("SAMPLE") {
        return true;
    }
    // A template slot: `{token}`, `{api_key}`.
    if v.strip_prefix('{').and_then(|r| r.strip_suffix('}')).is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')) {
        return true;
    }
    // `$API_KEY`, `$password`, `$(cat key.txt)`, `%API_KEY%`, `#{password}`,
    // `<%= ENV[...] %>`: a variable or expression the tool did not expand.
    let var = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    // A constant read from code: `settings.GITHUB_API_SECRET`, `Config.API_KEY`.
    if let Some((path, last)) = v.rsplit_once('.') {
        let ident = |s: &str| s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if path.split('.').all(ident) && last.contains('_') && var(last) {
            return true;
        }
    }
    if v.strip_prefix('%').and_then(|s| s.strip_suffix('%')).is_some_and(var) {
        return true;
    }
    if v.strip_prefix('$').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '_' | '(' | '{'))) {
        return true;
    }
    if v.starts_with("#{") || v.starts_with("%(") {
        return true;
    }
    // Lower case on the stack: this runs for every value under a secret's name.
    let mut buf = [0u8; 256];
    let owned;
    let lower: &str = match buf.get_mut(..v.len()) {
        Some(slot) => {
            slot.copy_from_slice(v.as_bytes());
            slot.make_ascii_lowercase();
            std::str::from_utf8(slot).unwrap_or("")
        }
        None => {
            owned = v.to_ascii_lowercase();
            &owned
        }
    };
    // Code that reads the secret from somewhere else, not the secret.
    const READS: Needles = Needles::new(&["getenv(", "process.env", "os.environ", "env[", "env.", "secrets.", "vault(", "config.get("]);
    let one_token = !lower.bytes().any(|b| b.is_ascii_whitespace() || b == b'"' || b == b',');
    if one_token && holds_any(lower.as_bytes(), &READS) {
        return true;
    }
    // A call or a subscript (`requestor.request(`, `getpass()`,
    // `secrets["password"]`): code, not a value.
    let ident_end = v.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':')).count();
    if ident_end > 0 && matches!(v.as_bytes().get(ident_end), Some(b'(' | b'[')) && v.as_bytes()[0].is_ascii_alphabetic() {
        return true;
    }
    if placeholder_words(lower) {
        return true;
    }
    if lower.starts_with("your") || lower.starts_with("my_") || lower.starts_with("insert") || lower.starts_with("replace") {
        return true;
    }
    // Inside one token only: a header like `Digest username=.., realm="api@example.com"`
    // is a credential whatever words it holds.
    const STAND_INS: Needles = Needles::new(&["example", "xxxx", "****", "changeme", "change_me", "placeholder", "redacted", "<", "${", "{{", "..."]);
    if one_token && holds_any(lower.as_bytes(), &STAND_INS) {
        return true;
    }
    matches!(
        lower,
        "null" | "none" | "nil" | "true" | "false" | "yes" | "no" | "undefined" | "hidden" | "masked" | "required" | "optional" | "secret" | "password"
            | "token" | "apikey" | "api_key" | "test" | "dummy" | "sample"
    )
}

/// Lower-case words joined by `-` or `_` that name what should be there
/// (`account-token`, `some-token`, `api_key_here`, `my-secret`): a
/// placeholder, not the value.
pub fn placeholder_words(lower: &str) -> bool {
    if !lower.bytes().all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'_') {
        return false;
    }
    const WORDS: &[&str] = &[
        "token", "key", "secret", "password", "pass", "pwd", "here", "account", "api", "auth", "my", "some", "the", "app", "client",
        "access", "user", "username", "value", "string", "goes", "put", "this", "new", "xxx",
    ];
    let segments = || lower.split(['-', '_']);
    segments().nth(1).is_some()
        && segments().all(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase()))
        && segments().any(|s| WORDS.contains(&s))
}

/// Strings to look for, with the table of the bytes they start with (built
/// at compile time by [`Needles::new`]).
pub struct Needles {
    list: &'static [&'static str],
    /// For each byte, a bit per needle that starts with it (at most 32 needles).
    by_first: [u32; 256],
}

impl Needles {
    /// The needles and their first-byte table.
    pub const fn new(list: &'static [&'static str]) -> Needles {
        assert!(list.len() <= 32, "at most 32 needles");
        let mut by_first = [0u32; 256];
        let mut i = 0;
        while i < list.len() {
            let bytes = list[i].as_bytes();
            if !bytes.is_empty() {
                by_first[bytes[0] as usize] |= 1 << i;
            }
            i += 1;
        }
        Needles { list, by_first }
    }
}

/// Whether `hay` holds any of `needles`, in one pass: at each byte only the
/// needles that start with it are compared. Values are short, so this beats
/// one search per needle.
pub fn holds_any(hay: &[u8], needles: &Needles) -> bool {
    (0..hay.len()).any(|at| {
        let mut candidates = needles.by_first[usize::from(hay[at])];
        while candidates != 0 {
            let n = needles.list[candidates.trailing_zeros() as usize].as_bytes();
            if hay.len() >= at + n.len() && n.iter().zip(&hay[at..]).all(|(x, y)| x == y) {
                return true;
            }
            candidates &= candidates - 1;
        }
        false
    })
}


/// True when `value`, found under a weakly secret-named field (`key`, `code`,
/// `token`, `sig`...), is shaped like a credential rather than a word, an
/// error code (`invalid_request`, `ERR_BAD_REQUEST`, `E11000`) or a number.
///
/// The thresholds are deliberately conservative: at least `min_len` bytes, no
/// spaces, two or more character classes, and an entropy above 3 bits per
/// byte (English words and SCREAMING_CASE codes sit below or lack the mix).
pub fn looks_like_credential(value: &str, min_len: usize) -> bool {
    let v = value.trim();
    if v.len() < min_len || is_placeholder(v) || v.bytes().any(|b| b.is_ascii_whitespace()) {
        return false;
    }
    if v.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    // Identifiers and type names (`UnexpectedError`, `cancellationToken`):
    // no digit and a capital only where a word starts. Random letters this
    // short hold many capitals or a digit.
    let capitals = v.bytes().filter(u8::is_ascii_uppercase).count();
    if v.len() < 32 && capitals <= 3 && !v.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let classes = char_classes(v);
    // Long random strings of one class (hex in lower case, 40+ letters) still count.
    let long_enough = v.len() >= 32 && shannon_bits(v) >= 3.5;
    (classes >= 2 && shannon_bits(v) >= 3.0) || long_enough
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(value: &str, min_len: usize, expected: bool) {
        assert_eq!(looks_like_credential(value, min_len), expected, "{value:?}");
    }

    #[test]
    fn tells_credentials_from_codes_and_words() {
        check("SplxlOBeZQQYbYS6WxSbIA", 8, true);
        check("4f9a1c0e7b2d48a6b5e3c1d0f9e8a7b6c5d4e3f2", 8, true);
        check("invalid_request", 8, false);
        check("ERR_TLS_CERT_ALTNAME_INVALID", 8, false);
        check("E11000", 8, false);
        check("1234567890", 8, false);
        check("expired", 8, false);
        check("[REDACTED:token]", 8, false);
        check("<your-token>", 8, false);
        check("${API_TOKEN}", 8, false);
        check("********", 1, false);
        check("YOUR_API_KEY", 8, false);
        check("$API_KEY", 1, false);
        check("%STRIPE_KEY%", 1, false);
        check("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", 8, false);
        check("sk_live_xxxxxxxxxxxxxxxx", 8, false);
        check("$password", 1, false);
        check("$(cat ./password.txt)", 1, false);
        check("os.Getenv(\"AWS_TOKEN\")", 1, false);
        check("process.env.API_KEY", 1, false);
        check("account-token", 1, false);
        check("requestor.request(", 1, false);
        check("not a token at all", 8, false);
    }

    #[test]
    fn entropy_is_zero_for_empty_and_uniform_text() {
        assert_eq!(shannon_bits(""), 0.0);
        assert_eq!(shannon_bits("aaaa"), 0.0);
        assert!((shannon_bits("abcd") - 2.0).abs() < 1e-9);
    }
}
