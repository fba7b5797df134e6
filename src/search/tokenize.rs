//! Text normalisation shared by the index and the query: case and diacritic
//! folding, word splitting, stop words and a light English stemmer.
//!
//! Both sides of a search go through these same functions, so a rule here only
//! has to be consistent, not linguistically perfect. Pure; never panics on any
//! input and never looks at anything but the text it is given.

use std::borrow::Cow;

/// Latin Extended-A (U+0100..U+017F) folded to its base letters, one byte per
/// code point, in code point order. `Œ`/`œ` are handled before the table.
const LATIN_EXTENDED_A: &[u8] = concat!(
    "aaaaaa", "cccccccc", "dddd", "eeeeeeeeee", "gggggggg", "hhhh", "iiiiiiiiii", "ii", "jj", "kkk",
    "llllllllll", "nnnnnnnnn", "oooooo", "oo", "rrrrrr", "ssssssss", "tttttt", "uuuuuuuuuuuu", "ww", "yyy",
    "zzzzzz", "s"
)
.as_bytes();

/// Appends `c` to `out` in folded form: lower case, Latin diacritics removed
/// (`é` → `e`, `ß` → `ss`, `ł` → `l`), combining marks dropped. Other scripts
/// are only lower-cased, so Cyrillic or Greek words still match themselves.
pub fn fold_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    for lower in c.to_lowercase() {
        match lower {
            'à'..='å' => out.push('a'),
            'æ' => out.push_str("ae"),
            'ç' => out.push('c'),
            'è'..='ë' => out.push('e'),
            'ì'..='ï' => out.push('i'),
            'ð' => out.push('d'),
            'ñ' => out.push('n'),
            'ò'..='ö' | 'ø' => out.push('o'),
            'ù'..='ü' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'þ' => out.push_str("th"),
            'ß' => out.push_str("ss"),
            'œ' => out.push_str("oe"),
            '\u{100}'..='\u{17f}' => {
                let base = LATIN_EXTENDED_A.get(lower as usize - 0x100).copied().unwrap_or(b'?');
                out.push(char::from(base));
            }
            'ș' => out.push('s'),
            'ț' => out.push('t'),
            '\u{300}'..='\u{36f}' => {}
            other => out.push(other),
        }
    }
}

/// True for characters that belong to a word: letters, digits and combining
/// marks (so a decomposed `é` stays one word). Everything else separates words,
/// including `_`, `-`, `.` and `'`, so `invalid_grant` and `x-ratelimit-remaining`
/// are searched by their parts; codes are also looked up whole (see `compact`).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Calls `each(folded, original)` for every word of `text`, in order. `buf` is
/// scratch space reused between words so that splitting allocates nothing.
/// Words of lower-case ASCII letters and digits, most of the catalogue, are
/// passed as they are, without copying: the index reads tens of thousands.
pub fn for_each_word<'t>(text: &'t str, buf: &mut String, mut each: impl FnMut(&str, &'t str)) {
    let bytes = text.as_bytes();
    let char_at = |at: usize| text.get(at..).and_then(|rest| rest.chars().next());
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        let mut plain = true;
        while let Some(&b) = bytes.get(at) {
            if b.is_ascii_lowercase() || b.is_ascii_digit() {
                at += 1;
            } else if b.is_ascii_uppercase() {
                plain = false;
                at += 1;
            } else if b.is_ascii() {
                break;
            } else {
                match char_at(at) {
                    Some(c) if is_word_char(c) => {
                        plain = false;
                        at += c.len_utf8();
                    }
                    _ => break,
                }
            }
        }
        let word = text.get(start..at).unwrap_or("");
        if word.is_empty() {
            // A separator: step over it, whatever its width.
            at += char_at(at).map_or(1, char::len_utf8);
        } else if plain {
            each(word, word);
        } else {
            buf.clear();
            word.chars().for_each(|c| fold_into(c, buf));
            if !buf.is_empty() {
                each(buf, word);
            }
        }
    }
}

/// The folded letters and digits of `text` with every separator removed:
/// `invalid_grant`, `Invalid-Grant` and `invalid grant` all give `invalidgrant`.
/// Codes are compared in this form.
pub fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_word_char(c) {
            fold_into(c, &mut out);
        }
    }
    out
}

/// Words that carry no meaning for finding an error ("why does my sync keep
/// failing with 401"), sorted for binary search. Deliberately absent: `not`,
/// `no`, `out`, `down`, `off`, `too`, `many` (they are part of error names).
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "always", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "being", "but", "by", "can", "could", "de", "del", "der", "des", "did", "die", "do", "does", "doing",
    "du", "el", "every", "for", "from", "get", "gets", "getting", "got", "had", "has", "have", "hello", "help",
    "hi", "how", "i", "im", "in", "is", "it", "its", "just", "keep", "keeps", "kept", "la", "le", "les", "los",
    "me", "mein", "meine", "mi", "mon", "my", "of", "on", "or", "our", "please", "so", "some", "still", "that",
    "the", "their", "then", "there", "these", "they", "this", "those", "to", "und", "very", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "you", "your",
];

/// True when `word` (folded) is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// A light English stemmer: strips plural `-s`/`-ies`, `-ation`, `-ion`,
/// `-ing`, `-ed`, `-ure` and a final `-e`, so "expired", "expire", "expires"
/// and "expiration" all give `expir`, "retries" and "retried" give `retry`.
/// Words with anything but ASCII letters are returned unchanged, and no stem
/// is shorter than three letters. It only has to agree with itself.
pub fn stem(word: &str) -> Cow<'_, str> {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(word);
    }
    let mut w = word;
    let mut ends_in_y = false;
    if let Some(rest) = w.strip_suffix("ies").or_else(|| w.strip_suffix("ied")) {
        if rest.len() >= 3 {
            w = rest;
            ends_in_y = true;
        }
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w = &w[..w.len() - 1];
    }
    let mut verb_ending = false;
    if !ends_in_y {
        for suffix in ["ation", "ion", "ing", "ure", "ed"] {
            if let Some(rest) = w.strip_suffix(suffix) {
                if rest.len() >= 3 {
                    w = rest;
                    verb_ending = suffix != "ure";
                    break;
                }
            }
        }
        if w.len() > 3 && w.ends_with('e') {
            w = &w[..w.len() - 1];
            verb_ending = true;
        }
        // "stopped" → "stopp" → "stop"; "called" and "missing" keep their double letter.
        let bytes = w.as_bytes();
        if verb_ending && bytes.len() > 3 {
            let (a, b) = (bytes[bytes.len() - 2], bytes[bytes.len() - 1]);
            if a == b && !matches!(b, b'l' | b's' | b'z' | b'a' | b'e' | b'i' | b'o' | b'u') {
                w = &w[..w.len() - 1];
            }
        }
        // "authenticate(d)" and "authentication" meet at "authentic".
        if verb_ending && w.len() > 5 && w.ends_with("at") {
            w = &w[..w.len() - 2];
        }
    }
    if ends_in_y {
        Cow::Owned(format!("{w}y"))
    } else {
        Cow::Borrowed(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(actual: impl std::fmt::Debug, expected: &str) {
        assert_eq!(format!("{actual:?}"), expected);
    }

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, &mut String::new(), |folded, _| out.push(folded.to_string()));
        out
    }

    #[test]
    fn folds_case_and_diacritics() {
        check(words("Trop de requêtes"), r#"["trop", "de", "requetes"]"#);
        check(words("Zu viele Anfragen, Straße"), r#"["zu", "viele", "anfragen", "strasse"]"#);
        check(words("conexão recusada ŁÓDŹ œuvre"), r#"["conexao", "recusada", "lodz", "oeuvre"]"#);
        check(words("e\u{301}chec"), r#"["echec"]"#);
        check(words("ОШИБКА"), r#"["ошибка"]"#);
        check(LATIN_EXTENDED_A.len(), "128");
        check(char::from(LATIN_EXTENDED_A[0x10d - 0x100]), "'c'"); // č
        check(char::from(LATIN_EXTENDED_A[0x17e - 0x100]), "'z'"); // ž
        check(char::from(LATIN_EXTENDED_A[0x151 - 0x100]), "'o'"); // ő
    }

    #[test]
    fn splits_codes_and_headers() {
        check(words("x-ratelimit-remaining: 0"), r#"["x", "ratelimit", "remaining", "0"]"#);
        check(words("invalid_grant curl: (6)"), r#"["invalid", "grant", "curl", "6"]"#);
        check(words(""), "[]");
        check(compact("Invalid-Grant"), r#""invalidgrant""#);
    }

    #[test]
    fn stems_agree_across_forms() {
        for (words, expected) in [
            (&["expired", "expire", "expires", "expiration", "expiring"][..], "expir"),
            (&["connection", "connections", "connected", "connecting"][..], "connect"),
            (&["retries", "retried", "retry", "retrying"][..], "retry"),
            (&["authenticate", "authenticated", "authentication"][..], "authentic"),
            (&["failed", "failing", "failure", "fails"][..], "fail"),
            (&["throttled", "throttling", "throttle"][..], "throttl"),
            (&["stopped", "stop"][..], "stop"),
            (&["solicitudes", "solicitud"][..], "solicitud"),
            (&["access", "accessed"][..], "access"),
            (&["status"][..], "status"),
        ] {
            for word in words {
                assert_eq!(stem(word), expected, "stem of {word}");
            }
        }
        assert_eq!(stem("401s"), "401s");
        assert_eq!(stem("ünïcode"), "ünïcode");
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stop_word("why") && is_stop_word("my") && !is_stop_word("not") && !is_stop_word("down"));
    }
}
