//! The secret detectors: one function per family, each a single left-to-right
//! pass over the bytes (no regex engine: it would not fit the wasm budget).
//!
//! Vendor formats are matched by [`super::families`] from data; this module
//! holds the detectors that read structure: PEM blocks, URL passwords,
//! `Bearer`/`Basic` credentials, and values under secret-named fields.
//! Detectors only push [`Hit`]s; overlaps are resolved by the caller.
//! Every span starts and ends next to an ASCII delimiter or at the text's
//! ends, so it lies on char boundaries. Never panics; linear in the text.

use super::entropy::{char_classes, is_placeholder, looks_like_credential};
use super::jwt::{decode_base64, find_jwts};

/// A candidate secret. `rank` breaks ties when spans overlap: the more
/// specific detector (a vendor prefix, a JWT) names the merged span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The kind reported to the user.
    pub kind: &'static str,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Specificity: 0 generic field, 1 header or URL, 2 vendor format.
    pub rank: u8,
}

fn push(out: &mut Vec<Hit>, kind: &'static str, start: usize, end: usize, rank: u8) {
    if start < end {
        out.push(Hit { kind, start, end, rank });
    }
}

/// Every detector, in no particular order.
pub fn scan_all(text: &str, emails: bool, out: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    super::families::scan(bytes, out);
    for (start, end) in find_jwts(text) {
        // `pk.eyJ...` is a Mapbox public token, made to be shipped in web pages.
        if !text.get(..start).is_some_and(|before| before.ends_with("pk.")) {
            push(out, "jwt", start, end, 2);
        }
    }
    pem_blocks(text, out);
    url_passwords(bytes, out);
    scheme_anywhere(bytes, out);
    named_values(text, out);
    if emails {
        email_addresses(bytes, out);
    }
}

// ---------------------------------------------------------------------------
// PEM private keys.

/// `-----BEGIN ... PRIVATE KEY-----` blocks (and PGP private key blocks): the
/// body between the armour lines is masked, the armour stays so support can
/// see that a key was pasted. A block without its END line is masked to the
/// end of the text: a cut paste must not leak half a key.
fn pem_blocks(text: &str, out: &mut Vec<Hit>) {
    const BEGIN: &str = "-----BEGIN ";
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|t| t.find(BEGIN)) {
        let label_start = from + at + BEGIN.len();
        let window = &text.as_bytes()[label_start..text.len().min(label_start + 80)];
        let Some(label_len) = window.windows(5).position(|w| w == b"-----") else {
            from = label_start;
            continue;
        };
        let label = &text[label_start..label_start + label_len];
        let body_start = label_start + label_len + 5;
        if !label.contains("PRIVATE KEY") {
            from = body_start;
            continue;
        }
        let end_marker = text[body_start..].find("-----END").map(|n| body_start + n);
        let body_end = end_marker.unwrap_or(text.len());
        let (start, end) = trim_pem_body(text, body_start, body_end);
        push(out, "private_key", start, end, 2);
        from = end_marker.map_or(text.len(), |n| n + 8);
    }
}

/// Moves the ends of a PEM body past line breaks, literal or escaped (`\n`
/// inside a JSON string), so the masked text keeps its shape.
fn trim_pem_body(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    loop {
        if start < end && matches!(bytes[start], b'\r' | b'\n' | b' ') {
            start += 1;
        } else if start + 1 < end && bytes[start] == b'\\' && matches!(bytes[start + 1], b'n' | b'r') {
            start += 2;
        } else {
            break;
        }
    }
    loop {
        if end > start && matches!(bytes[end - 1], b'\r' | b'\n' | b' ') {
            end -= 1;
        } else if end >= start + 2 && bytes[end - 2] == b'\\' && matches!(bytes[end - 1], b'n' | b'r') {
            end -= 2;
        } else {
            break;
        }
    }
    if text.get(start..end).is_some_and(|body| body.starts_with("[REDACTED")) {
        return (start, start);
    }
    (start, end)
}

// ---------------------------------------------------------------------------
// Passwords in URLs and connection strings.

/// `scheme://user:password@host`: only the password is masked; the user and
/// host stay (support needs to know which account and which server).
fn url_passwords(bytes: &[u8], out: &mut Vec<Hit>) {
    let mut i = 0;
    while i + 3 <= bytes.len() {
        let Some(colon) = memchr::memchr(b':', &bytes[i..]) else { break };
        i += colon;
        if bytes.get(i..i + 3) != Some(b"://") || i == 0 || !bytes[i - 1].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let authority = i + 3;
        let mut end = authority;
        let mut last_at = None;
        while end < bytes.len() && !matches!(bytes[end], b'/' | b'?' | b'#' | b'"' | b'\'' | b'<' | b'>' | b'\\' | b'`' | b'(' | b')' | b'[' | b']' | b'{' | b'}') && !bytes[end].is_ascii_whitespace() {
            if bytes[end] == b'@' {
                last_at = Some(end);
            }
            end += 1;
        }
        if let Some(at) = last_at {
            if let Some(colon) = bytes[authority..at].iter().position(|&b| b == b':') {
                let start = authority + colon + 1;
                let password = std::str::from_utf8(&bytes[start..at]).unwrap_or("");
                if start < at && !is_placeholder(password) && !password.starts_with('$') && !password.starts_with("#{") {
                    push(out, "url_password", start, at, 1);
                }
            }
        }
        i = end.max(i + 1);
    }
}

// ---------------------------------------------------------------------------
// `Bearer <token>` and `Basic <base64>` wherever they appear.

/// A bearer token or Basic credentials outside any header (log lines, HAR
/// values, error messages). Prose (`Bearer token expired`, `Bearer
/// realm="api"`) is told apart by the shape of the following word.
fn scheme_anywhere(bytes: &[u8], out: &mut Vec<Hit>) {
    let mut i = 0;
    while i + 6 < bytes.len() {
        let Some(b) = memchr::memchr2(b'b', b'B', &bytes[i..]) else { break };
        i += b;
        if i + 6 >= bytes.len() {
            break;
        }
        if i > 0 && bytes[i - 1].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let (word_len, kind) = if bytes[i..].len() >= 7 && bytes[i..i + 6].eq_ignore_ascii_case(b"bearer") {
            (6, "bearer")
        } else if bytes[i..i + 5].eq_ignore_ascii_case(b"basic") {
            (5, "basic_auth")
        } else {
            i += 1;
            continue;
        };
        let mut start = i + word_len;
        // `Bearer: <token>` is a typo for the header's scheme; read it the same.
        if bytes.get(start) == Some(&b':') && bytes.get(start + 1) == Some(&b' ') {
            start += 1;
        }
        let spaces = bytes[start..].iter().take_while(|&&c| c == b' ' || c == b'\t').count();
        start += spaces;
        let mut end = start;
        while end < bytes.len() && is_token68(bytes[end]) {
            end += 1;
        }
        while end < bytes.len() && bytes[end] == b'=' {
            end += 1;
        }
        let token = &bytes[start..end];
        let is_secret = spaces > 0
            && match kind {
                "bearer" => bearer_shaped(token) && bytes.get(end) != Some(&b'='),
                _ => basic_shaped(token),
            };
        if is_secret {
            push(out, kind, start, end, 1);
        }
        i = end.max(i + 1);
    }
}

fn is_token68(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/')
}

/// A bearer token: 8+ bytes mixing classes, or 24+ bytes of anything.
fn bearer_shaped(token: &[u8]) -> bool {
    let Ok(token) = std::str::from_utf8(token) else { return false };
    token.len() >= 8 && (char_classes(token) >= 2 || token.len() >= 24) && !is_placeholder(token)
}

/// Basic credentials: base64 that decodes to printable `user:password`.
fn basic_shaped(token: &[u8]) -> bool {
    let Ok(token) = std::str::from_utf8(token) else { return false };
    token.len() >= 8
        && decode_base64(token).is_some_and(|raw| {
            let printable = raw.contains(&b':') && raw.iter().all(|&c| c >= 0x20 && c != 0x7f);
            // `user:<placeholder>` encoded is still a placeholder.
            let password = std::str::from_utf8(&raw).ok().and_then(|t| t.split_once(':')).map_or("", |(_, p)| p);
            printable && !is_placeholder(password) && !password.contains("placeholder")
        })
}

// ---------------------------------------------------------------------------
// Named values: headers, JSON keys, query and form parameters, YAML, env,
// XML elements, HAR name/value pairs and curl flags.

/// How hard a field name points at a secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Strength {
    /// `password`, `secret`, `client_secret`, `api_key`...: any real value is masked.
    Strong,
    /// `token`, `sig`, `signature`, `auth`: the value must look random.
    Weak,
    /// `key`, `code`: also error codes and object keys; masked when random
    /// in a query string, or random with all three character classes elsewhere.
    Faint,
    /// A name that is no secret's but names a vendor (`AIRTABLE_BASE_ID`,
    /// `sonar.login`): masked only when the value has that vendor's format.
    Vendor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Authorization,
    Cookie,
    CurlCookie,
    CurlUser,
    /// `-p <password>` / `--password <password>` of command-line tools
    /// (`docker login`, `mysql`); `-p 8080` is a port, so the value must look random.
    PasswordFlag,
    /// A HAR `"cookies": [...]` array: every `"value"` inside is a cookie value.
    CookieArray,
    /// `"value"`, meaningful inside a HAR cookie array only.
    Value,
    Secret(&'static str, Strength),
}

/// Names of paging and idempotency tokens: not secrets, and support needs them.
const NOT_SECRET: &[&str] = &[
    "page_token", "next_page_token", "prev_page_token", "continuation_token", "sync_token", "next_sync_token",
    "next_token", "pagination_token", "cursor_token", "idempotency_token", "resume_token", "max_token",
];

/// Owners of `<owner>_key` names that are ids, data or public halves.
const NOT_SECRET_KEY_OWNERS: &[&str] = &[
    "public", "primary", "foreign", "partition", "sort", "range", "hash", "cache", "idempotency", "object", "s3", "row", "routing",
    "dedup", "deduplication", "lookup", "index", "map", "sharding", "shard", "group", "entity", "composite", "unique", "natural",
    "surrogate", "message", "sequence", "order", "join", "dict", "hot", "short", "pub", "registry", "storage", "bucket", "file",
    "blob", "translation", "i18n", "locale", "react", "list", "column", "field", "schema", "table", "record", "event", "idempotent",
    "business", "external", "correlation", "request", "trace", "job", "task", "queue", "topic",
];

/// Accounts whose password is written glued to `pass` (`userpass`, `dbpass`).
const PASS_OWNERS: &[&str] = &[
    "user", "db", "admin", "root", "mail", "smtp", "ftp", "sftp", "sql", "pg", "redis", "ldap", "proxy", "app", "master", "sys",
    "bind", "keystore", "truststore", "store", "login", "account",
];

const KEY_OWNERS: &[&str] = &[
    "api", "secret", "private", "access", "master", "signing", "encryption", "app", "client", "license", "auth",
    "account", "subscription", "consumer", "admin", "service", "webhook",
];

/// Classifies a normalized (snake_case, lower case) field name.
fn classify(name: &str, raw: &str) -> Option<Class> {
    match raw {
        "--cookie" | "-b" => return Some(Class::CurlCookie),
        "--user" | "-u" => return Some(Class::CurlUser),
        "--password" | "-p" => return Some(Class::PasswordFlag),
        _ => {}
    }
    use Strength::*;
    let secret = |kind, strength| Some(Class::Secret(kind, strength));
    match name {
        "authorization" | "proxy_authorization" => return Some(Class::Authorization),
        "cookie" | "set_cookie" => return Some(Class::Cookie),
        "cookies" => return Some(Class::CookieArray),
        "value" => return Some(Class::Value),
        "key" => return secret("api_key", Faint),
        "code" => return secret("oauth_code", Faint),
        "token" => return secret("token", Weak),
        "secret" => return secret("secret", Strong),
        // npm's `_auth`, Docker's `"auth"`: base64 of `user:password`.
        "auth" => return secret("authorization", Weak),
        "sig" | "signature" => return secret("signature", Weak),
        "private_key" => return secret("private_key", Strong),
        "code_verifier" | "auth_code" | "authorization_code" => return secret("oauth_code", Strong),
        "aws_secret_access_key" | "secret_access_key" => return secret("aws_secret_access_key", Strong),
        _ => {}
    }
    // Error code names (`invalid_token`, `ExpiredToken`) name a failure, not a secret.
    if NOT_SECRET.contains(&name) || ["invalid", "expired", "missing", "revoked", "bad", "wrong", "no"].iter().any(|w| name.strip_prefix(w).is_some_and(|r| r.starts_with('_'))) {
        return None;
    }
    // `adminpwd`, `db_pwd`: no English word ends in `pwd`.
    if name.ends_with("password") || name.ends_with("passwd") || name.ends_with("pwd") || name.ends_with("passphrase") {
        return secret("password", Strong);
    }
    // `userpass`, `dbpass`, `smtppass`: an account's word glued to `pass`
    // (not `bypass` or `compass`).
    if name.strip_suffix("pass").is_some_and(|owner| PASS_OWNERS.iter().any(|o| owner.ends_with(o))) {
        return secret("password", Strong);
    }
    if name.ends_with("apikey") || name == "api_key" || name.ends_with("_api_key") {
        return secret("api_key", Strong);
    }
    if name.ends_with("token") && (name.len() == 5 || name.ends_with("_token") || name.ends_with("authtoken") || name.ends_with("accesstoken") || name.ends_with("apitoken")) {
        return secret("token", Strong);
    }
    if name.ends_with("_secret") || name.ends_with("clientsecret") {
        return secret("secret", Strong);
    }
    if name.ends_with("_signature") || name == "x_amz_signature" {
        return secret("signature", Strong);
    }
    // `REACT_APP_PASS`, `db_pass`; not `pass` alone (`PASS=18` in a test summary).
    if name.ends_with("_pass") {
        return secret("password", Strong);
    }
    if let Some(owner) = name.strip_suffix("_key").or_else(|| name.strip_suffix("key")) {
        let owner = owner.trim_end_matches('_');
        let last = owner.rsplit('_').next().unwrap_or(owner);
        if KEY_OWNERS.contains(&last) || KEY_OWNERS.contains(&owner) {
            return secret("api_key", Strong);
        }
        // Any other `<something>_key` (`mapquest_key`, `PresharedKey`) holds a
        // secret when its value looks random; keys that are ids or data do not.
        if !NOT_SECRET_KEY_OWNERS.contains(&last) && !owner.is_empty() {
            return secret("api_key", Weak);
        }
    }
    if name.ends_with("_auth") && !name.starts_with("no_") {
        return secret("authorization", Weak);
    }
    None
}

/// snake_case, lower case, last dotted segment, trailing digits dropped:
/// `X-Api-Key` -> `x_api_key`, `clientSecret` -> `client_secret`,
/// `spring.datasource.password` -> `password`, `x-hub-signature-256` -> `x_hub_signature`.
fn normalize(raw: &str, buf: &mut String) {
    buf.clear();
    let last = raw.rsplit('.').next().unwrap_or(raw);
    let mut prev_lower = false;
    for c in last.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            buf.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        buf.push(if c == '-' { '_' } else { c.to_ascii_lowercase() });
    }
    let keep = buf.trim_end_matches(|c: char| c.is_ascii_digit() || c == '_').trim_start_matches('_').len();
    let lead = buf.len() - buf.trim_start_matches('_').len();
    // In place: this runs once per word of the paste, so it must not allocate.
    buf.truncate(lead + keep);
    buf.drain(..lead);
}

/// The last three letters (lower case, `_` and `-` left out) of the names
/// [`classify`] can accept: `authorization`, `cookie`, `cookies`, `value`,
/// `key`, `code`, `token`, `secret`, `sig`, `signature`, `code_verifier`,
/// `password`, `passwd`, `passphrase`, `pwd`, `pass`, `auth` and the names ending in them.
const SECRET_NAME_TAILS: &[&[u8; 3]] =
    &[b"ion", b"kie", b"ies", b"lue", b"key", b"ode", b"ken", b"ret", b"sig", b"ure", b"ier", b"ord", b"swd", b"ase", b"pwd", b"ass", b"uth"];

/// A cheap test every name [`classify`] accepts passes: it looks at the
/// tail [`normalize`] would keep (last dotted segment, trailing digits and
/// separators dropped) without building the normalized name. Most words of
/// a paste fail it, so the pass over a long log stays a byte scan.
fn may_name_a_secret(raw: &str) -> bool {
    if raw.starts_with('-') && matches!(raw, "--cookie" | "-b" | "--user" | "-u" | "--password" | "-p") {
        return true;
    }
    let bytes = raw.as_bytes();
    let mut end = bytes.len();
    while end > 0 && (bytes[end - 1].is_ascii_digit() || matches!(bytes[end - 1], b'_' | b'-')) {
        end -= 1;
    }
    let mut tail = [0u8; 3];
    let mut n = 0;
    while end > 0 && n < 3 {
        end -= 1;
        match bytes[end] {
            b'.' => break,
            b'_' | b'-' => {}
            b => {
                n += 1;
                tail[3 - n] = b.to_ascii_lowercase();
            }
        }
    }
    n == 3 && SECRET_NAME_TAILS.iter().any(|t| **t == tail)
}

/// Bytes of a field name: a table, as this runs on every byte of a paste.
static NAME_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.';
        b += 1;
    }
    table
};

#[inline]
fn is_name_byte(b: u8) -> bool {
    NAME_BYTES[usize::from(b)]
}

/// Finds the next byte matching a fixed predicate, remembering the last
/// answer so that the many overlapping look-ups of one pass stay linear.
struct Finder {
    from: usize,
    found: usize,
    pred: fn(u8) -> bool,
}

impl Finder {
    fn new(pred: fn(u8) -> bool) -> Finder {
        Finder { from: usize::MAX, found: 0, pred }
    }

    fn next(&mut self, bytes: &[u8], pos: usize) -> usize {
        if self.from <= pos && pos <= self.found {
            return self.found;
        }
        let found = bytes.get(pos..).and_then(|rest| rest.iter().position(|&b| (self.pred)(b))).map_or(bytes.len(), |n| pos + n);
        self.from = pos;
        self.found = found;
        found
    }
}

fn end_dq(b: u8) -> bool {
    matches!(b, b'"' | b'\n' | b'\r')
}
fn end_sq(b: u8) -> bool {
    matches!(b, b'\'' | b'\n' | b'\r')
}
fn end_bare(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b',' | b';' | b'&' | b'}' | b']' | b')' | b'<' | b'>' | b'\\' | b'`')
}
fn end_line(b: u8) -> bool {
    matches!(b, b'\n' | b'\r')
}
fn end_tag(b: u8) -> bool {
    b == b'<'
}
fn end_bracket(b: u8) -> bool {
    b == b']'
}

struct Finders {
    dq: Finder,
    sq: Finder,
    bare: Finder,
    line: Finder,
    tag: Finder,
    bracket: Finder,
}

/// Where a value sits and how it was written.
#[derive(Clone, Copy, Debug)]
struct Value {
    start: usize,
    end: usize,
    /// Written after `?` or `&` + `name=`: a query or form parameter.
    in_query: bool,
    quoted: bool,
    /// Written after blanks alone (`password 7cc9...`, `SECRET y7sb...`): no
    /// separator says it is a value, so it must look like a credential.
    spaced: bool,
}

/// Longest value weighed by its shape, in bytes.
const MAX_VALUE: usize = 4096;

fn named_values(text: &str, out: &mut Vec<Hit>) {
    let bytes = text.as_bytes();
    let mut finders = Finders {
        dq: Finder::new(end_dq),
        sq: Finder::new(end_sq),
        bare: Finder::new(end_bare),
        line: Finder::new(end_line),
        tag: Finder::new(end_tag),
        bracket: Finder::new(end_bracket),
    };
    let mut name = String::new();
    let mut lower = String::new();
    let mut cookie_array_end = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !is_name_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_name_byte(bytes[i]) {
            i += 1;
        }
        let mut name_end = i;
        while name_end > start && bytes[name_end - 1] == b'.' {
            name_end -= 1;
        }
        let raw = &text[start..name_end];
        if raw.len() > 64 {
            continue;
        }
        // A name the generic rules know, or one that names a vendor with a
        // keyword-only format; the second test runs only where an assignment
        // follows, so the pass over a long log stays a byte scan.
        let class = if may_name_a_secret(raw) {
            normalize(raw, &mut name);
            classify(&name, raw)
        } else {
            None
        };
        let (class, kw_raw) = match class {
            Some(class) => (class, keyword_name(raw, &mut lower)),
            None if assignment_follows(bytes, name_end) => {
                let kw_raw = keyword_name(raw, &mut lower);
                if !super::families::names_a_keyword(&lower, kw_raw) {
                    continue;
                }
                // `AIRTABLE_BASE_ID`, `DROPBOX_FOLDER`: the vendor's ids and settings,
                // masked only in the vendor's own format; any other vendor-named
                // field (`asana: ...`) is weighed like a token.
                let strength = if names_an_id(&lower) { Strength::Vendor } else { Strength::Weak };
                (Class::Secret("secret", strength), kw_raw)
            }
            None => continue,
        };
        let names = Names { lower: &lower, raw: kw_raw };
        if class == Class::Value && name_end > cookie_array_end {
            continue;
        }
        let resume = match locate_value(bytes, start, name_end, class, &mut finders) {
            Some(value) => apply(text, class, names, value, &mut cookie_array_end, &mut finders, out),
            None => har_pair(text, start, name_end, class, names, &mut finders, out),
        };
        i = i.max(resume);
    }
}

/// The name as keywords are looked up in it: as written, in lower case; a
/// JVM system property (`-Dsonar.login`) without its `-D`. Returns the part
/// of `raw` it was made from.
fn keyword_name<'a>(raw: &'a str, buf: &mut String) -> &'a str {
    let raw = raw.strip_prefix("-D").unwrap_or(raw);
    buf.clear();
    buf.push_str(raw);
    buf.make_ascii_lowercase();
    raw
}

/// Whether a lower-case name ends in a word that names an identifier or a
/// setting rather than a credential (`_id`, `_url`, `_folder`, `_region`...).
fn names_an_id(lower: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "exception", "error", "errors", "code", "status", "message", "id", "ids", "name", "url", "uri", "host", "hostname", "folder", "path", "dir", "region", "zone", "email", "user", "username",
        "org", "organization", "project", "base", "env", "environment", "version", "domain", "endpoint", "site", "channel", "team",
        "account", "workspace", "bucket", "database", "db", "schema", "table", "port", "timeout", "enabled", "mode", "level", "from",
    ];
    let last = lower.rsplit(['_', '-', '.']).next().unwrap_or(lower);
    SUFFIXES.contains(&last) || lower.ends_with("exception") || lower.ends_with("error")
}

/// A field's name in lower case and as written, for keyword look-ups.
#[derive(Clone, Copy)]
struct Names<'a> {
    lower: &'a str,
    raw: &'a str,
}

/// Whether `=` or `:` follows a name ending at `end`, after an optional
/// closing quote and blanks: the cheap test before a keyword look-up.
fn assignment_follows(bytes: &[u8], end: usize) -> bool {
    let mut p = end;
    if matches!(bytes.get(p), Some(b'"' | b'\'')) {
        p += 1;
        // `$config['db_password'] = ...`, `settings["api_key"] = ...`
        if bytes.get(p) == Some(&b']') {
            p += 1;
        }
    }
    while matches!(bytes.get(p), Some(b' ' | b'\t')) {
        p += 1;
    }
    matches!(bytes.get(p), Some(b'=' | b':'))
}

/// Finds the value written after the name at `start..name_end`, if a
/// separator follows (`:`, `=`, `:=`, `=>`, a closing `>` for XML, or a
/// space for curl flags).
fn locate_value(bytes: &[u8], start: usize, name_end: usize, class: Class, finders: &mut Finders) -> Option<Value> {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let before = if start > 0 { at(start - 1) } else { 0 };
    let escaped_quote = before == b'"' && start >= 2 && at(start - 2) == b'\\';
    let mut p = name_end;
    let opener = matches!(before, b'"' | b'\'').then_some(before);
    // A name in quotes closes them before the separator (`"password": ...`).
    let mut closed = false;
    if escaped_quote && at(p) == b'\\' && at(p + 1) == b'"' {
        p += 2;
        closed = true;
    } else if opener.is_some_and(|q| at(p) == q) {
        p += 1;
        closed = true;
        // A subscript: `$config['db_password'] = ...`.
        if at(p) == b']' && start >= 2 && at(start - 2) == b'[' {
            p += 1;
        }
    }
    // `<password>` or, with a namespace prefix, `<wsse:Password>`.
    let xml_open = before == b'<' || (before == b':' && {
        let mut k = start - 1;
        while k > 0 && is_name_byte(at(k - 1)) {
            k -= 1;
        }
        k > 0 && at(k - 1) == b'<'
    });
    if xml_open && at(p) == b'>' {
        let vs = p + 1;
        let ve = finders.tag.next(bytes, vs);
        // Only an element closed right after its text holds a value (`<api-key>` alone is a placeholder).
        if at(ve + 1) != b'/' {
            return None;
        }
        return Some(Value { start: vs, end: ve, in_query: false, quoted: true, spaced: false });
    }
    while matches!(at(p), b' ' | b'\t') {
        p += 1;
    }
    let curl = matches!(class, Class::CurlCookie | Class::CurlUser | Class::PasswordFlag);
    let separator = at(p);
    if curl {
        if p == name_end {
            return None;
        }
    } else if p > name_end && !closed && matches!(class, Class::Secret(..)) && at(p).is_ascii_alphanumeric() {
        // `password 7cc9...` (netrc), `SECRET y7sb...`: blanks alone separate them.
        let ve = finders.bare.next(bytes, p);
        return Some(Value { start: p, end: ve, in_query: false, quoted: false, spaced: true });
    } else if separator == b':' || separator == b'=' {
        p += 1;
        if (separator == b':' && at(p) == b'=') || (separator == b'=' && at(p) == b'>') {
            p += 1;
        } else if separator == b'=' && at(p) == b'=' {
            return None;
        }
    } else {
        return None;
    }
    while matches!(at(p), b' ' | b'\t') {
        p += 1;
    }
    let in_query = separator == b'=' && matches!(before, b'?' | b'&' | b';');
    // An opening quote before the name that it never closed wraps the whole
    // header (`-H 'Authorization: Bearer x'`): the value ends at that quote.
    let wrapper = if closed { None } else { opener };
    let line_start = {
        let mut k = start;
        while k > 0 && matches!(at(k - 1), b' ' | b'\t' | b'>' | b'<' | b'\'' | b'"') {
            k -= 1;
        }
        k == 0 || matches!(at(k - 1), b'\n' | b'\r')
    };
    if at(p) == b'\\' && at(p + 1) == b'"' {
        // `\"value\"` inside a JSON string: the value ends at the next `\"`.
        let vs = p + 2;
        let mut ve = finders.dq.next(bytes, vs);
        while at(ve) == b'"' && at(ve - 1) != b'\\' {
            ve = finders.dq.next(bytes, ve + 1);
        }
        let ve = if at(ve) == b'"' { ve - 1 } else { ve };
        return Some(Value { start: vs, end: ve.max(vs), in_query, quoted: true, spaced: false });
    }
    match at(p) {
        q @ (b'"' | b'\'') if wrapper != Some(q) => {
            let vs = p + 1;
            let finder = if q == b'"' { &mut finders.dq } else { &mut finders.sq };
            let mut ve = finder.next(bytes, vs);
            // Skip escaped quotes inside the value (`"pa\"ss"`).
            while at(ve) == q && ve > vs && at(ve - 1) == b'\\' {
                ve = finder.next(bytes, ve + 1);
            }
            Some(Value { start: vs, end: ve, in_query, quoted: true, spaced: false })
        }
        b'{' | b'[' if class != Class::CookieArray => None,
        _ => {
            let to_line = matches!(class, Class::Authorization | Class::Cookie)
                || (separator == b':' && line_start && matches!(class, Class::Secret(_, Strength::Strong)));
            // A value a weak name vouches for is one token even inside a wrapping
            // quote (`"Key=0000...;EndpointSuffix=..."`): the next field is not part of it.
            let one_token = matches!(class, Class::Secret(_, Strength::Weak | Strength::Faint));
            let ve = match wrapper {
                Some(_) if one_token => finders.bare.next(bytes, p),
                Some(b'"') => finders.dq.next(bytes, p),
                Some(_) => finders.sq.next(bytes, p),
                None if to_line => finders.line.next(bytes, p),
                None => finders.bare.next(bytes, p),
            };
            let mut ve = ve;
            if to_line && wrapper.is_none() {
                // A header value ends at the line, minus trailing blanks.
                while ve > p && matches!(at(ve - 1), b' ' | b'\t') {
                    ve -= 1;
                }
            }
            // `GET https://host/path?access_token=abc: 401 ...`: the colon ends
            // the URL, not the token.
            if in_query && wrapper.is_none() && ve > p + 1 && at(ve - 1) == b':' && matches!(at(ve), b' ' | b'\t') {
                ve -= 1;
            }
            Some(Value { start: p, end: ve, in_query, quoted: false, spaced: false })
        }
    }
}

/// Masks what `class` says must go from `value`; returns where to resume.
/// `names` is the field's name, as keywords are looked up in it.
fn apply(text: &str, class: Class, names: Names, value: Value, cookie_array_end: &mut usize, finders: &mut Finders, out: &mut Vec<Hit>) -> usize {
    let bytes = text.as_bytes();
    let Some(raw) = text.get(value.start..value.end) else { return value.start };
    match class {
        Class::Authorization => authorization_value(raw, value.start, out),
        Class::Cookie | Class::CurlCookie => cookie_pairs(raw, value.start, out),
        Class::CurlUser => {
            if let Some(colon) = raw.find(':') {
                let start = value.start + colon + 1;
                if !is_placeholder(&text[start..value.end]) {
                    push(out, "password", start, value.end, 1);
                }
            }
        }
        Class::PasswordFlag => {
            if looks_like_credential(raw, 8) && !degenerate(raw) {
                push(out, "password", value.start, value.end, 1);
            }
        }
        Class::CookieArray => {
            // `"cookies": [` was seen; the value scan stopped at `[`.
            if bytes.get(value.start) == Some(&b'[') {
                *cookie_array_end = finders.bracket.next(bytes, value.start);
            }
            return value.start;
        }
        Class::Value => {
            if !is_placeholder(raw) {
                push(out, "cookie", value.start, value.end, 1);
            }
        }
        Class::Secret(kind, strength) => {
            // A vendor format that needs its field's name (`DISCORD_TOKEN=<64 hex>`).
            if let Some(family) = super::families::keyword_family(names.lower, names.raw, raw) {
                push(out, family.id, value.start, value.end, 2);
                return value.end;
            }
            // A value this long is one blob, not a credential to weigh: under a
            // strong name it goes whole; under a weak one it is skipped whole,
            // which keeps the pass linear on hostile input like `token=token=...`.
            if raw.len() > MAX_VALUE {
                if strength == Strength::Strong {
                    push(out, kind, value.start, value.end, 0);
                }
                return value.end;
            }
            if kind == "signature" && signed_parts(raw, value.start, out) {
                return value.end;
            }
            if secret_value(raw, strength, value, bytes) {
                push(out, kind, value.start, value.end, 0);
            } else {
                return value.start;
            }
        }
    }
    value.end
}

/// Whether `raw`, under a field of `strength`, is a secret to mask.
fn secret_value(raw: &str, strength: Strength, value: Value, bytes: &[u8]) -> bool {
    // PEM blocks are masked by `pem_blocks`, which keeps the armour lines readable.
    if is_placeholder(raw) || raw.starts_with("pk_live_") || raw.starts_with("pk_test_") || raw.starts_with("-----BEGIN") || degenerate(raw) {
        return false;
    }
    // A URL under a key's name (`api_key: https://cdn.../MYAPIKEY/...`) is where
    // the key is used; its password or query secrets have detectors of their own.
    if raw.starts_with("https://") || raw.starts_with("http://") {
        return false;
    }
    if value.spaced {
        // No separator vouches for it: it must look random (`CancellationToken
        // cancellationToken` is a declaration), and a UUID is an id.
        return looks_like_credential(raw, 16) && !is_uuid(raw);
    }
    match strength {
        Strength::Strong => {
            // `password: is too short` is a validation message, not a password.
            let first_word = raw.split(' ').next().unwrap_or(raw);
            let after = &bytes[(value.start + first_word.len()).min(bytes.len())..];
            let prose = !value.quoted
                && !first_word.is_empty()
                && first_word.bytes().skip(1).all(|b| b.is_ascii_lowercase())
                && first_word.bytes().all(|b| b.is_ascii_alphabetic())
                && after.first() == Some(&b' ')
                && after.get(1).is_some_and(u8::is_ascii_alphabetic);
            !prose
        }
        // Ten bytes or more: shorter random-looking values under `token` or `sig`
        // are symbols and codes (`?token=RUNE-B1A`), not credentials.
        Strength::Weak => looks_like_credential(raw, 10),
        Strength::Faint if value.in_query => looks_like_credential(raw, 10),
        // A file name (`<Key>28b1...-mij3.PDF</Key>`, an S3 object key) is no credential.
        Strength::Faint if raw.rsplit_once('.').is_some_and(|(_, ext)| (2..=4).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphabetic())) => false,
        Strength::Faint => raw.len() >= 16 && char_classes(raw) == 3 && looks_like_credential(raw, 16),
        Strength::Vendor => false,
    }
}

/// `t=1700000000,v1=5257a8...` (Stripe, Slack and others sign webhooks so):
/// the timestamp stays, a clue to clock skew; each digest goes. False when
/// `raw` is not of that shape.
fn signed_parts(raw: &str, offset: usize, out: &mut Vec<Hit>) -> bool {
    let parts: Vec<&str> = raw.split(',').collect();
    let timestamp = |p: &str| p.split_once('=').is_some_and(|(k, v)| matches!(k.trim(), "t" | "ts" | "timestamp") && v.bytes().all(|b| b.is_ascii_digit()));
    if parts.len() < 2 || !parts.iter().any(|p| timestamp(p)) || !parts.iter().all(|p| p.contains('=')) {
        return false;
    }
    let mut at = offset;
    for part in parts {
        if let Some((key, digest)) = part.split_once('=') {
            if !timestamp(part) && !digest.is_empty() {
                let start = at + key.len() + 1;
                push(out, "signature", start, start + digest.len(), 0);
            }
        }
        at += part.len() + 1;
    }
    true
}

/// A value no one would use as a secret: one byte repeated, three distinct
/// bytes or fewer, a counting run (`aaaaaaaa`, `111111111`, `1234567890`).
fn degenerate(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    if bytes.len() < 8 {
        return false;
    }
    // A run that is most of the value (`AIzaaaaaaaa...`); a timestamp's zeros
    // inside a real signature header are not.
    let (distinct, longest_run) = super::entropy::distinct_and_longest_run(bytes);
    if longest_run >= 8 && longest_run * 2 >= bytes.len() {
        return true;
    }
    if distinct <= 3 || raw.contains("1234567890") || raw.contains("0123456789") {
        return true;
    }
    // Four bytes repeated (`asdfasdfasdf...`); shorter units hold three
    // distinct bytes or fewer and are caught above.
    if bytes.len() >= 16 && bytes.iter().enumerate().all(|(i, b)| bytes.get(i % 4) == Some(b)) {
        return true;
    }
    // A vendor prefix before a degenerate body: `ghp_abababab...`.
    raw.find(['_', '-']).filter(|&at| (2..=12).contains(&at)).is_some_and(|at| {
        let body = &bytes[at + 1..];
        body.len() >= 8 && super::entropy::distinct_and_longest_run(body).0 <= 3
    })
}

/// `8-4-4-4-12` hex digits: a UUID, an identifier support needs.
fn is_uuid(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() == 36 && b.iter().enumerate().all(|(i, &c)| if matches!(i, 8 | 13 | 18 | 23) { c == b'-' } else { c.is_ascii_hexdigit() })
}

/// `Bearer abc`, `Basic dXNl...`, `Digest username=...`: the scheme word
/// stays, the credentials go. A value with no scheme word goes whole.
fn authorization_value(raw: &str, offset: usize, out: &mut Vec<Hit>) {
    let lead = raw.len() - raw.trim_start().len();
    let body = raw.trim();
    if body.is_empty() || is_placeholder(body) {
        return;
    }
    let scheme_len = body.bytes().take_while(|&b| b.is_ascii_alphanumeric() || b == b'-').count();
    let rest = &body[scheme_len..];
    let gap = rest.len() - rest.trim_start().len();
    if scheme_len > 0 && gap > 0 {
        let credentials = rest.trim_start();
        if is_placeholder(credentials) {
            return;
        }
        let kind = match body[..scheme_len].to_ascii_lowercase().as_str() {
            "bearer" => "bearer",
            "basic" => "basic_auth",
            _ => "authorization",
        };
        let start = offset + lead + scheme_len + gap;
        push(out, kind, start, offset + lead + body.len(), 1);
    } else if !matches!(body.to_ascii_lowercase().as_str(), "bearer" | "basic" | "digest" | "token" | "negotiate" | "ntlm") {
        push(out, "authorization", offset + lead, offset + lead + body.len(), 1);
    }
}

/// Attributes of `Set-Cookie` that are not cookie values.
const COOKIE_ATTRIBUTES: &[&str] =
    &["path", "domain", "expires", "max-age", "samesite", "priority", "version", "comment", "secure", "httponly", "partitioned"];

/// Analytics and consent cookies: visitor ids that open no session, and the
/// clues support reads (which tools ran on the page).
const NOT_SECRET_COOKIES: &[&str] = &[
    "_ga", "_gid", "_gat", "_gcl_au", "_fbp", "_fbc", "__cfduid", "_hjid", "_clck", "_clsk", "ajs_anonymous_id", "ajs_user_id", "__utma",
    "__utmb", "__utmc", "__utmz", "_uetsid", "_uetvid", "optimizelyenduserid", "cookieconsent_status", "osano_consentmanager", "_tt_enable_cookie",
];

/// Whether a cookie may hold a secret: not an analytics cookie (`_ga`,
/// `_ga_XXXX`, `_hjSessionUser_...`), and not a flag or counter of three
/// bytes or of digits alone (`cf_use_ob=0`, `sfdc-stream=0:1`).
fn cookie_may_be_secret(name: &str, value: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let analytics = NOT_SECRET_COOKIES.contains(&lower.as_str())
        || lower.starts_with("_ga_")
        || lower.starts_with("_hjsession")
        || lower.starts_with("amplitude_id")
        || (lower.starts_with("mp_") && lower.ends_with("_mixpanel"));
    let flag = value.len() <= 3 || (value.len() <= 10 && value.bytes().all(|b| b.is_ascii_digit() || b == b':'));
    !analytics && !flag
}

/// `a=1; b=2` (Cookie) or `sid=abc; Path=/; HttpOnly` (Set-Cookie): each
/// cookie's name stays, its value goes.
fn cookie_pairs(raw: &str, offset: usize, out: &mut Vec<Hit>) {
    let mut at = 0;
    for segment in raw.split(';') {
        let seg_start = at;
        at += segment.len() + 1;
        let Some(eq) = segment.find('=') else { continue };
        let name = segment[..eq].trim();
        if name.is_empty() || COOKIE_ATTRIBUTES.iter().any(|a| a.eq_ignore_ascii_case(name)) {
            continue;
        }
        let value = &segment[eq + 1..];
        let lead = value.len() - value.trim_start().len();
        let trimmed = value.trim();
        if trimmed.is_empty() || is_placeholder(trimmed) || !cookie_may_be_secret(name, trimmed) {
            continue;
        }
        let start = offset + seg_start + eq + 1 + lead;
        push(out, "cookie", start, start + trimmed.len(), 1);
    }
}

/// HAR shape: `{"name": "Authorization", "value": "Bearer ..."}`. When a
/// secret name sits as the value of a `"name"` key, the `"value"` key that
/// follows in the same object is the secret. Returns where to resume.
fn har_pair(text: &str, start: usize, name_end: usize, class: Class, names: Names, finders: &mut Finders, out: &mut Vec<Hit>) -> usize {
    let bytes = text.as_bytes();
    if matches!(class, Class::Value | Class::CookieArray | Class::CurlCookie | Class::CurlUser | Class::PasswordFlag) {
        return name_end;
    }
    if start < 2 || bytes[start - 1] != b'"' || bytes.get(name_end) != Some(&b'"') {
        return name_end;
    }
    let mut k = start - 1;
    while k > 0 && bytes[k - 1] == b' ' {
        k -= 1;
    }
    if k == 0 || bytes[k - 1] != b':' {
        return name_end;
    }
    k -= 1;
    while k > 0 && bytes[k - 1] == b' ' {
        k -= 1;
    }
    if k < 6 || &bytes[k - 6..k] != b"\"name\"" {
        return name_end;
    }
    let window_end = text.len().min(name_end + 256);
    let Some(window) = bytes.get(name_end..window_end) else { return name_end };
    let object_end = window.iter().position(|&b| b == b'}').unwrap_or(window.len());
    let Some(key_at) = window[..object_end].windows(7).position(|w| w == b"\"value\"") else { return name_end };
    let mut p = name_end + key_at + 7;
    while matches!(bytes.get(p), Some(b' ')) {
        p += 1;
    }
    if bytes.get(p) != Some(&b':') {
        return name_end;
    }
    p += 1;
    while matches!(bytes.get(p), Some(b' ')) {
        p += 1;
    }
    if bytes.get(p) != Some(&b'"') {
        return name_end;
    }
    let vs = p + 1;
    let mut ve = finders.dq.next(bytes, vs);
    while bytes.get(ve) == Some(&b'"') && ve > vs && bytes[ve - 1] == b'\\' {
        ve = finders.dq.next(bytes, ve + 1);
    }
    let value = Value { start: vs, end: ve, in_query: false, quoted: true, spaced: false };
    let mut ignored = 0;
    apply(text, class, names, value, &mut ignored, finders, out).max(name_end)
}

// ---------------------------------------------------------------------------
// E-mail addresses (only when the host asks).

fn email_addresses(bytes: &[u8], out: &mut Vec<Hit>) {
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    let mut floor = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'@' {
            i += 1;
            continue;
        }
        let mut start = i;
        while start > floor && local(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < bytes.len() && domain(bytes[end]) {
            end += 1;
        }
        while end > i + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let host = &bytes[i + 1..end];
        let tld_ok = host.iter().rposition(|&b| b == b'.').is_some_and(|dot| host.len() - dot > 2 && dot > 0);
        if start < i && tld_ok {
            push(out, "email", start, end, 1);
            floor = end;
            i = end;
        } else {
            floor = i + 1;
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cheap name test must pass every name `classify` accepts, or a
    /// secret would go unmasked; it may pass others (they are then classified).
    #[track_caller]
    fn check(raw: &str) -> bool {
        let mut name = String::new();
        normalize(raw, &mut name);
        let secret = classify(&name, raw).is_some();
        if secret {
            assert!(may_name_a_secret(raw), "{raw:?} (normalized {name:?}) is a secret name but fails the quick test");
        }
        secret
    }

    #[test]
    fn quick_name_test_passes_every_secret_name() {
        let names = [
            "--cookie", "-b", "--user", "-u", "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "cookies", "value", "key",
            "code", "token", "secret", "sig", "signature", "private_key", "code_verifier", "auth_code", "authorization_code",
            "aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "secretAccessKey", "password", "DB_PASSWORD", "passwd", "pwd", "db_pwd",
            "passphrase", "apiKey", "x-api-key", "X-Api-Key", "api_key", "my_api_key", "accessToken", "refresh_token", "authToken",
            "client_secret", "clientSecret", "x_amz_signature", "X-Amz-Signature", "x-hub-signature-256", "spring.datasource.password",
            "Password1", "password_", "__token__", "signing_key", "signingKey", "license-key", "webhookKey", "ADMIN_KEY_2", "a.b.token",
        ];
        let n_secret = names.iter().filter(|raw| check(raw)).count();
        assert!(n_secret >= 50, "only {n_secret} of the names are secret names; the table no longer tests the quick test");
        // Every secret name with separators, case and trailing digits varied.
        for raw in names {
            for variant in [raw.to_ascii_uppercase(), format!("{raw}_2"), format!("{raw}-01"), format!("x.{raw}"), raw.replace('_', "-")] {
                let _ = check(&variant);
            }
        }
    }

    #[test]
    fn quick_name_test_rejects_ordinary_words() {
        for raw in ["fetched", "page", "contacts", "records", "2023-11-14T22", "sync.worker", "INFO", "http"] {
            assert!(!may_name_a_secret(raw), "{raw}");
        }
    }
}
