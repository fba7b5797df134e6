//! Small text utilities shared by the core: offset conversion and char-boundary
//! safe slicing. Pure; never panics on any input.

/// Converts a byte offset into `text` to a UTF-16 code-unit offset (what
/// JavaScript's `String.prototype.slice` expects). Offsets past the end or
/// inside a character are moved back to the previous boundary.
pub fn utf16_offset(text: &str, byte_offset: usize) -> usize {
    let end = floor_char_boundary(text, byte_offset);
    text[..end].encode_utf16().count()
}

/// Converts many sorted-or-not byte offsets in one pass over the text.
pub fn utf16_offsets(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
    order.sort_by_key(|&i| byte_offsets[i]);
    let mut out = vec![0; byte_offsets.len()];
    let (mut byte, mut units) = (0usize, 0usize);
    let mut chars = text.char_indices().peekable();
    for i in order {
        let target = floor_char_boundary(text, byte_offsets[i]);
        while let Some(&(at, ch)) = chars.peek() {
            if at >= target {
                break;
            }
            units += ch.len_utf16();
            byte = at + ch.len_utf8();
            chars.next();
        }
        debug_assert!(byte <= target || target == 0);
        out[i] = units;
    }
    out
}

/// Converts a UTF-16 code-unit offset back to a byte offset into `text`
/// (clamped to the text; an offset inside a surrogate pair rounds down).
pub fn byte_offset_from_utf16(text: &str, units: usize) -> usize {
    let mut seen = 0;
    for (at, ch) in text.char_indices() {
        if seen + ch.len_utf16() > units {
            return at;
        }
        seen += ch.len_utf16();
    }
    text.len()
}

/// The largest char boundary at or before `index` (clamped to the text).
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    let mut i = index;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or after `index` (clamped to the text).
pub fn ceil_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    let mut i = index;
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `text[start..end]` with both ends moved onto char boundaries; never panics.
pub fn slice(text: &str, start: usize, end: usize) -> &str {
    let start = floor_char_boundary(text, start);
    let end = ceil_char_boundary(text, end.max(start));
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, byte: usize, expected: usize) {
        assert_eq!(utf16_offset(text, byte), expected);
        assert_eq!(utf16_offsets(text, &[byte]), vec![expected]);
    }

    #[test]
    fn offsets_count_utf16_units() {
        check("abc", 2, 2);
        check("é429", 2, 1);
        check("😀x", 4, 2);
        check("😀x", 2, 0);
        check("ab", 99, 2);
    }

    #[test]
    fn utf16_round_trips_to_bytes() {
        for (text, byte) in [("abc", 2), ("é429", 2), ("😀x", 4), ("a😀", 5)] {
            assert_eq!(byte_offset_from_utf16(text, utf16_offset(text, byte)), byte, "{text}");
        }
    }

    #[test]
    fn slice_never_splits_a_char() {
        assert_eq!(slice("é429", 1, 3), "é4");
        assert_eq!(slice("abc", 5, 9), "");
    }
}
