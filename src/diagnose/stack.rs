//! Stack traces of Java, Python, Node, Go and .NET: exception classes and
//! messages, and the chain (`Caused by:`, .NET's `--->`, Python's "direct
//! cause" chain) so that the root cause outweighs the exceptions wrapping it
//! and the frames around it.
//!
//! Line based and linear. The root cause is: the last `Caused by` (Java), the
//! innermost `--->` (.NET), the first exception of a chained Python traceback,
//! otherwise the last exception line.

use super::signals::Collected;

/// Suffixes that make a qualified name an exception class.
const SUFFIXES: &[&str] = &["Exception", "Error", "Fault", "Failure", "Timeout", "Refused", "Exit", "Violation"];

/// Prefixes that introduce an exception line, and whether it is a cause.
const PREFIXES: &[(&str, bool)] = &[
    ("Caused by: ", true),
    ("---> ", true),
    ("--->", true),
    ("[cause]: ", true),
    ("Unhandled exception. ", false),
    ("Unhandled Exception: ", false),
    ("Uncaught ", false),
    ("raise ", false),
    ("panic: ", false),
];

/// One exception line.
#[derive(Clone, Debug, PartialEq)]
pub struct Exception {
    /// Qualified class name as written.
    pub name: String,
    /// Byte span of the name.
    pub start: usize,
    /// End of the name (exclusive).
    pub end: usize,
    /// Byte span of the whole line.
    pub line: (usize, usize),
    /// True for a `Caused by` / inner exception.
    pub cause: bool,
}

/// What the reader saw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    /// Exception lines in order.
    pub exceptions: Vec<Exception>,
    /// Index of the root cause in `exceptions`.
    pub root: Option<usize>,
    /// How many frame lines (`at ...`, `File "..."`, goroutine) were seen.
    pub n_frames: usize,
}

/// The exception name at the start of `s` (after a prefix), with its length.
fn exception_name(s: &str) -> Option<&str> {
    let len = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '$'))
        .unwrap_or(s.len());
    let name = s.get(..len)?;
    let after = s.get(len..).unwrap_or("");
    let after = after.strip_prefix(' ').filter(|a| a.starts_with('(')).map_or(after, |a| a.split_once(')').map_or(a, |(_, r)| r));
    let simple = name.rsplit('.').next().unwrap_or(name);
    let named = SUFFIXES.iter().any(|x| simple.ends_with(x)) && simple.len() > 3;
    let ends_ok = after.is_empty() || after.starts_with(':') || after.starts_with(" [");
    (named && ends_ok && simple.chars().next().is_some_and(|c| c.is_ascii_uppercase())).then_some(name)
}

fn is_frame(trimmed: &str) -> bool {
    trimmed.starts_with("at ") && (trimmed.contains('(') || trimmed.contains(".js:") || trimmed.contains(':'))
        || trimmed.starts_with("File \"")
        || trimmed.starts_with("goroutine ")
        || (trimmed.starts_with("... ") && trimmed.ends_with("more"))
}

/// Reads the exceptions of `text_in` into a [`Trace`] and its weights into `found`.
pub fn scan(text_in: &str, found: &mut Collected) -> Trace {
    let mut trace = Trace::default();
    let mut python_chain = false;
    let mut in_python = false;
    let mut offset = 0;
    for line in text_in.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.len() > 4000 {
            continue;
        }
        let body = line.trim_end();
        let trimmed = body.trim_start();
        let lead = body.len() - trimmed.len();
        if trimmed.starts_with("Traceback (most recent call last)") {
            in_python = true;
            continue;
        }
        if trimmed.starts_with("The above exception was the direct cause") || trimmed.starts_with("During handling of the above exception") {
            python_chain = true;
            continue;
        }
        if is_frame(trimmed) {
            trace.n_frames += 1;
            if found.adjust.len() < 20_000 {
                found.adjust.push((start, start + body.len(), 0.55));
            }
            continue;
        }
        let mut rest = trimmed;
        let mut cause = false;
        let mut skipped = lead;
        if let Some(after) = rest.strip_prefix("Exception in thread \"") {
            if let Some((_, r)) = after.split_once("\" ") {
                skipped += rest.len() - r.len();
                rest = r;
            }
        }
        for (prefix, is_cause) in PREFIXES {
            if let Some(r) = rest.strip_prefix(prefix) {
                skipped += prefix.len();
                rest = r.trim_start();
                skipped += r.len() - rest.len();
                cause = *is_cause;
                break;
            }
        }
        // Python prints the exception unindented after the frames; its class
        // may lack an "Error" suffix (psycopg2.errors.UndefinedTable).
        let name = exception_name(rest).or_else(|| {
            (in_python && lead == 0)
                .then(|| {
                    let (n, _) = rest.split_once(": ")?;
                    (n.contains('.') && !n.contains(' ') && !n.is_empty()).then_some(n)
                })
                .flatten()
        });
        if let Some(name) = name {
            let s = start + skipped;
            trace.exceptions.push(Exception { name: name.to_string(), start: s, end: s + name.len(), line: (start, start + body.len()), cause });
            in_python = false;
            if trace.exceptions.len() >= 200 {
                break;
            }
        }
    }
    if trace.exceptions.is_empty() {
        return trace;
    }
    let last_cause = trace.exceptions.iter().rposition(|e| e.cause);
    trace.root = Some(match (last_cause, python_chain) {
        (Some(i), _) => i,
        (None, true) => 0,
        (None, false) => trace.exceptions.len() - 1,
    });
    for (i, e) in trace.exceptions.iter().enumerate() {
        let is_root = Some(i) == trace.root;
        let (weight, why, factor) = if is_root { (0.92, "root cause exception", 1.12) } else { (0.6, "wrapping exception", 0.75) };
        found.code(&e.name, e.start, e.end, weight, why);
        let simple = e.name.rsplit('.').next().unwrap_or(&e.name);
        if simple.len() < e.name.len() {
            found.code(simple, e.end - simple.len(), e.end, weight, why);
        }
        found.adjust.push((e.line.0, e.line.1, factor));
        if is_root {
            let message = crate::text::slice(text_in, e.end, e.line.1).trim_start_matches([':', ' ']);
            found.message(0, message);
        }
    }
    trace
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text_in: &str, root: Option<&str>, n_exceptions: usize) {
        let mut found = Collected::default();
        let trace = scan(text_in, &mut found);
        assert_eq!(trace.root.and_then(|i| trace.exceptions.get(i)).map(|e| e.name.as_str()), root);
        assert_eq!(trace.exceptions.len(), n_exceptions);
        for e in &trace.exceptions {
            assert_eq!(text_in.get(e.start..e.end), Some(e.name.as_str()));
        }
    }

    #[test]
    fn finds_the_root_cause() {
        check(
            "org.springframework.web.client.ResourceAccessException: I/O error on GET request\n\tat org.x.Y.z(Y.java:1)\nCaused by: java.net.SocketTimeoutException: Read timed out\n\tat java.base/x(x.java:2)\n",
            Some("java.net.SocketTimeoutException"),
            2,
        );
        check(
            "Traceback (most recent call last):\n  File \"a.py\", line 1, in <module>\nurllib3.exceptions.NewConnectionError: Failed to establish a new connection: [Errno 111] Connection refused\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File \"b.py\", line 2\nrequests.exceptions.ConnectionError: HTTPSConnectionPool(host='x', port=443)\n",
            Some("urllib3.exceptions.NewConnectionError"),
            2,
        );
        check(
            "System.Net.Http.HttpRequestException: No such host is known. (api.x.com:443)\n ---> System.Net.Sockets.SocketException (11001): No such host is known.\n   at System.Net.Sockets.Socket.Connect()\n",
            Some("System.Net.Sockets.SocketException"),
            2,
        );
        check("Traceback (most recent call last):\n  File \"x.py\", line 3\npsycopg2.errors.UndefinedTable: relation \"users\" does not exist\n", Some("psycopg2.errors.UndefinedTable"), 1);
        check("Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)\n", Some("Error"), 1);
        check("nothing to see here", None, 0);
    }
}
