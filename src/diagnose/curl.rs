//! curl: the `curl: (N) message` line of a failed transfer, named by its exit
//! code (from libcurl's error codes), and the `-v` trace markers (`> ` request,
//! `< ` response, `* ` info) that mark a paste as curl output. The status and
//! headers of `< ` lines are read by the HTTP reader.

use super::signals::Collected;

/// curl exit codes and libcurl's names for them (libcurl-errors(3)).
const EXIT_CODES: &[(u16, &str)] = &[
    (1, "CURLE_UNSUPPORTED_PROTOCOL"),
    (3, "CURLE_URL_MALFORMAT"),
    (5, "CURLE_COULDNT_RESOLVE_PROXY"),
    (6, "CURLE_COULDNT_RESOLVE_HOST"),
    (7, "CURLE_COULDNT_CONNECT"),
    (16, "CURLE_HTTP2"),
    (18, "CURLE_PARTIAL_FILE"),
    (22, "CURLE_HTTP_RETURNED_ERROR"),
    (23, "CURLE_WRITE_ERROR"),
    (26, "CURLE_READ_ERROR"),
    (28, "CURLE_OPERATION_TIMEDOUT"),
    (35, "CURLE_SSL_CONNECT_ERROR"),
    (47, "CURLE_TOO_MANY_REDIRECTS"),
    (52, "CURLE_GOT_NOTHING"),
    (55, "CURLE_SEND_ERROR"),
    (56, "CURLE_RECV_ERROR"),
    (58, "CURLE_SSL_CERTPROBLEM"),
    (59, "CURLE_SSL_CIPHER"),
    (60, "CURLE_PEER_FAILED_VERIFICATION"),
    (67, "CURLE_LOGIN_DENIED"),
    (77, "CURLE_SSL_CACERT_BADFILE"),
    (83, "CURLE_SSL_ISSUER_ERROR"),
    (90, "CURLE_SSL_PINNEDPUBKEYNOTMATCH"),
    (91, "CURLE_SSL_INVALIDCERTSTATUS"),
    (92, "CURLE_HTTP2_STREAM"),
    (95, "CURLE_HTTP3"),
    (97, "CURLE_PROXY"),
];

/// The libcurl name of an exit code.
pub fn exit_code_name(code: u16) -> Option<&'static str> {
    EXIT_CODES.iter().find(|(n, _)| *n == code).map(|(_, name)| *name)
}

/// Reads `curl: (N)` lines; returns how many `-v` trace lines were seen.
pub fn scan(text_in: &str, found: &mut Collected) -> usize {
    let mut trace_lines = 0;
    let mut offset = 0;
    for line in text_in.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.starts_with("> ") || line.starts_with("< ") || line.starts_with("* ") {
            trace_lines += 1;
        }
        let Some(at) = super::signals::find_str(line, "curl: (") else { continue };
        let rest = line.get(at + 7..).unwrap_or("");
        let len = rest.find(')').unwrap_or(0);
        let Some(number) = rest.get(..len).and_then(|n| n.parse::<u16>().ok()) else { continue };
        let end = start + line.trim_end().len();
        let span_start = start + at;
        found.code(&format!("curl-{number}"), span_start, end, 0.85, "curl exit code");
        if let Some(name) = exit_code_name(number) {
            found.code(name, span_start, end, 0.9, "curl exit code");
        }
        found.message(1, rest.get(len + 1..).unwrap_or("").trim());
    }
    trace_lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text_in: &str, codes: &[&str], trace: usize) {
        let mut found = Collected::default();
        assert_eq!(scan(text_in, &mut found), trace);
        let got: Vec<&str> = found.codes.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(got, codes);
    }

    #[test]
    fn names_exit_codes() {
        check("curl: (6) Could not resolve host: api.example.com\n", &["curl-6", "CURLE_COULDNT_RESOLVE_HOST"], 0);
        check("* Trying 10.0.0.1:443...\n> GET / HTTP/2\n< HTTP/2 403\n", &[], 3);
        check("curl: (999) odd\ncurl: (x)", &["curl-999"], 0);
    }
}
