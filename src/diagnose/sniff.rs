//! Format sniffing: names what was pasted, from what the readers found. The
//! name is shown to the user ("read as a HAR file") and steers nothing else,
//! so every reader runs on every paste and a wrong guess costs no signal.

/// What the readers saw, for naming the format.
#[derive(Clone, Debug, Default)]
pub struct Seen {
    /// A HAR with entries was parsed.
    pub har: bool,
    /// A GraphQL error response was parsed.
    pub graphql: bool,
    /// `curl -v` trace lines (`> `, `< `, `* `).
    pub curl_trace_lines: usize,
    /// A `curl: (N)` line.
    pub curl_exit: bool,
    /// A status line (or `:status`) was read.
    pub status_line: bool,
    /// Share (0..1) of the paste covered by the largest JSON value.
    pub json_share: f32,
    /// Exception lines and frame lines.
    pub n_exceptions: usize,
    /// Stack frame lines.
    pub n_frames: usize,
    /// Lines with a level marker, and lines in all.
    pub n_levelled: usize,
    /// Lines in all.
    pub n_lines: usize,
}

/// The format name of the Diagnosis (`http_raw`, `json`, ... `text`).
pub fn format(text_in: &str, seen: &Seen) -> &'static str {
    let head = text_in.trim_start();
    let head_lower = crate::text::slice(head, 0, 512).to_ascii_lowercase();
    if seen.har {
        "har"
    } else if seen.curl_trace_lines >= 2 || seen.curl_exit {
        "curl"
    } else if seen.status_line {
        "http_raw"
    } else if seen.graphql {
        "graphql"
    } else if (head.starts_with('{') || head.starts_with('[')) && seen.json_share >= 0.6 {
        "json"
    } else if head.starts_with('<') {
        let html = ["<!doctype html", "<html", "<head", "<body", "<title", "<h1", "<center", "<div"].iter().any(|m| head_lower.starts_with(m))
            || head_lower.contains("<html");
        if html { "html" } else { "xml" }
    } else if seen.n_exceptions > 0 && (seen.n_frames > 0 || seen.n_levelled == 0) {
        "stack_trace"
    } else if seen.json_share >= 0.5 {
        "json"
    } else if seen.n_levelled > 0 || seen.n_lines >= 3 && seen.n_exceptions > 0 {
        "log"
    } else {
        "text"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text_in: &str, seen: Seen, expected: &str) {
        assert_eq!(format(text_in, &seen), expected);
    }

    #[test]
    fn names_formats() {
        check("{}", Seen { har: true, ..Seen::default() }, "har");
        check("HTTP/1.1 200", Seen { status_line: true, ..Seen::default() }, "http_raw");
        check("* Trying\n> GET", Seen { curl_trace_lines: 2, status_line: true, ..Seen::default() }, "curl");
        check("{\"a\":1}", Seen { json_share: 1.0, ..Seen::default() }, "json");
        check("<!DOCTYPE html><html>", Seen::default(), "html");
        check("<?xml version=\"1.0\"?><Error/>", Seen::default(), "xml");
        check("x.YException: m\n\tat a(b)", Seen { n_exceptions: 1, n_frames: 1, ..Seen::default() }, "stack_trace");
        check("INFO a\nERROR b", Seen { n_levelled: 2, n_lines: 2, ..Seen::default() }, "log");
        check("hello", Seen::default(), "text");
    }
}
