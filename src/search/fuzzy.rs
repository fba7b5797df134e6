//! Typo tolerance: a bounded Damerau-Levenshtein distance (optimal string
//! alignment: insert, delete, substitute, swap two neighbours) and a cheap
//! letter-set filter that rules out most words before the distance is run.
//!
//! Hand-written rather than taken from `strsim`: search needs the bounded form
//! that gives up as soon as a row exceeds the allowed edits, and the prefix
//! form for the word being typed, neither of which `strsim` offers; both fit
//! in the few lines below, on the stack, without allocating. Never panics.

/// Longest word, in chars, that typo matching considers.
pub const MAX_WORD: usize = 32;

/// How many edits a word of `n_chars` may contain and still match: none up to
/// 3 chars (`401` must not find `403`), one up to 7, two beyond.
pub fn max_edits(n_chars: usize) -> usize {
    match n_chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The set of letters in `word` as bits (digits and other characters share a
/// few bits). One edit changes at most two bits, so two words whose
/// signatures differ in more than `2 * k` bits are more than `k` edits apart.
pub fn signature(word: &str) -> u32 {
    word.chars().fold(0, |bits, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            _ => 26 + c as u32 % 6,
        };
        bits | 1 << bit
    })
}

/// The chars of `word` in a fixed buffer; `None` when it is too long.
pub fn chars(word: &str) -> Option<([char; MAX_WORD], usize)> {
    let mut out = ['\0'; MAX_WORD];
    let mut n = 0;
    for c in word.chars() {
        *out.get_mut(n)? = c;
        n += 1;
    }
    Some((out, n))
}

/// The edit distance between `query` and `word` when it is at most `k`, else
/// `None`. With `prefix`, the distance to the closest prefix of `word`, so
/// `unathor` (being typed) is one edit from `unauthorized`.
pub fn distance(query: &[char], word: &[char], k: usize, prefix: bool) -> Option<usize> {
    let m = query.len().min(MAX_WORD);
    let n = if prefix { word.len().min(m + k) } else { word.len() }.min(MAX_WORD);
    if !prefix && m.abs_diff(n) > k {
        return None;
    }
    let mut before = [0u8; MAX_WORD + 1];
    let mut previous = [0u8; MAX_WORD + 1];
    let mut current = [0u8; MAX_WORD + 1];
    for (j, cell) in previous.iter_mut().enumerate().take(n + 1) {
        *cell = j as u8;
    }
    for i in 1..=m {
        current[0] = i as u8;
        let mut row_min = current[0];
        for j in 1..=n {
            let (q, w) = (query[i - 1], word[j - 1]);
            let mut best = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + u8::from(q != w));
            if i > 1 && j > 1 && q == word[j - 2] && query[i - 2] == w {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
            row_min = row_min.min(best);
        }
        // Values never decrease from one row to the next, so a row entirely
        // above the bound means no alignment can come back under it.
        if usize::from(row_min) > k {
            return None;
        }
        before = previous;
        previous = current;
    }
    let found = if prefix { previous[..=n].iter().copied().min().unwrap_or(u8::MAX) } else { previous[n] };
    (usize::from(found) <= k).then_some(usize::from(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(query: &str, word: &str, prefix: bool, expected: Option<usize>) {
        let (q, m) = chars(query).unwrap_or((['\0'; MAX_WORD], 0));
        let (w, n) = chars(word).unwrap_or((['\0'; MAX_WORD], 0));
        let k = max_edits(m);
        assert_eq!(distance(&q[..m], &w[..n], k, prefix), expected, "{query} vs {word}");
    }

    #[test]
    fn distances_are_bounded_by_word_length() {
        check("unathorized", "unauthorized", false, Some(1));
        check("unauthroized", "unauthorized", false, Some(1)); // swapped neighbours count once
        check("permision", "permission", false, Some(1));
        check("expird", "expired", false, Some(1));
        check("timout", "timeout", false, Some(1));
        check("401", "403", false, None);
        check("tokn", "token", false, Some(1));
        check("throtled", "throttled", false, Some(1));
        check("conection", "connection", false, Some(1));
        check("gateway", "getaway", false, None);
        check("certifcate", "certificate", false, Some(1));
        check("abcdefgh", "zyxwvuts", false, None);
        check("unathor", "unauthorized", true, Some(1));
        check("certif", "certificate", true, Some(0));
        check("recieve", "received", true, Some(1));
    }

    #[test]
    fn signatures_filter_far_words() {
        let far = (signature("timeout") ^ signature("permission")).count_ones();
        assert!(far > 2, "{far}");
        let near = (signature("unathorized") ^ signature("unauthorized")).count_ones();
        assert!(near <= 2, "{near}");
    }

    #[test]
    fn long_words_are_refused_not_cut() {
        assert!(chars(&"a".repeat(MAX_WORD + 1)).is_none());
        assert!(chars(&"a".repeat(MAX_WORD)).is_some());
    }
}
