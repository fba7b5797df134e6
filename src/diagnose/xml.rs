//! XML error bodies and the tag scanner HTML pages share: SOAP 1.1 and 1.2
//! faults (`faultcode`, `faultstring`, `Code/Value`, `Reason/Text`), AWS and
//! S3 `<Error><Code>`, Azure storage errors, and any `<ErrorCode>`.
//!
//! A tolerant scanner, not a parser: it looks at each `<`, reads the tag name
//! (namespace prefix dropped), and takes the text up to the next `<`. Linear
//! in the input; broken markup yields fewer elements, never a panic.

use super::signals::Collected;

/// One element whose text was read: lower-case local name and the text's byte span.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// Local name, lower case, prefix dropped (`soap:Value` -> `value`).
    pub name: String,
    /// Start of the text content.
    pub start: usize,
    /// End of the text content (exclusive).
    pub end: usize,
}

/// Elements named in `wanted` (lower-case local names), in document order.
pub fn elements(text_in: &str, wanted: &[&str], limit: usize) -> Vec<Element> {
    let bytes = text_in.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(n) = bytes.get(pos..).and_then(|s| s.iter().position(|&b| b == b'<')) {
        let open = pos + n;
        pos = open + 1;
        let name_len = bytes
            .get(pos..)
            .map_or(0, |s| s.iter().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-' | b'.')).count());
        if name_len == 0 || name_len > 64 {
            continue;
        }
        let name = text_in.get(pos..pos + name_len).unwrap_or("");
        let local = name.rsplit(':').next().unwrap_or(name);
        // Compared in place: most tags of a page are not wanted, and a lower-case copy of each was an allocation per tag.
        let Some(local) = wanted.iter().find(|w| w.eq_ignore_ascii_case(local)).map(|w| w.to_string()) else { continue };
        let Some(close) = bytes.get(pos..).and_then(|s| s.iter().take(4096).position(|&b| b == b'>')) else { continue };
        let text_start = pos + close + 1;
        if bytes.get(text_start - 2) == Some(&b'/') {
            continue;
        }
        let text_len = bytes.get(text_start..).map_or(0, |s| s.iter().take(4096).position(|&b| b == b'<').unwrap_or(s.len().min(4096)));
        let (mut start, mut end) = (text_start, text_start + text_len);
        while start < end && bytes.get(start).is_some_and(u8::is_ascii_whitespace) {
            start += 1;
        }
        while end > start && bytes.get(end - 1).is_some_and(u8::is_ascii_whitespace) {
            end -= 1;
        }
        let start = crate::text::floor_char_boundary(text_in, start);
        let end = crate::text::ceil_char_boundary(text_in, end);
        if end > start {
            out.push(Element { name: local, start, end });
            if out.len() >= limit {
                break;
            }
        }
        pos = text_start;
    }
    out
}

const XML_WANTED: &[&str] = &[
    "code", "faultcode", "value", "subcode", "errorcode", "error_code", "message", "faultstring", "text", "errormessage",
    "requestid", "hostid", "exceptioncode", "exceptionmessage",
];

/// Reads XML error signals into `found`; true when it looked like a SOAP fault.
pub fn scan(text_in: &str, found: &mut Collected) -> bool {
    let mut soap = false;
    for el in elements(text_in, XML_WANTED, 200) {
        let value = text_in.get(el.start..el.end).unwrap_or("").trim();
        if value.is_empty() || value.len() > 300 {
            continue;
        }
        let token = !value.contains(char::is_whitespace);
        match el.name.as_str() {
            "code" | "errorcode" | "error_code" | "exceptioncode" if token => {
                found.code(value, el.start, el.end, 0.9, "error code in the XML");
            }
            "faultcode" | "value" | "subcode" if token => {
                soap = true;
                found.code(value, el.start, el.end, 0.85, "SOAP fault code");
                if let Some((_, local)) = value.rsplit_once(':') {
                    let s = el.end - local.len();
                    found.code(local, s, el.end, 0.88, "SOAP fault code");
                }
            }
            "message" | "errormessage" | "exceptionmessage" => found.message(2, value),
            "faultstring" | "text" => {
                soap |= el.name == "faultstring";
                found.message(1, value);
            }
            "requestid" => found.request_id(value),
            "hostid" => found.provider("aws"),
            _ => {}
        }
    }
    soap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text_in: &str, codes: &[&str], message: Option<&str>, request_id: Option<&str>) {
        let mut found = Collected::default();
        scan(text_in, &mut found);
        let got: Vec<&str> = found.codes.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(got, codes);
        assert_eq!(found.messages.first().map(|m| m.1.as_str()), message);
        assert_eq!(found.request_ids.first().map(String::as_str), request_id);
    }

    #[test]
    fn reads_s3_and_soap_errors() {
        check(
            "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>",
            &["NoSuchKey"],
            Some("The specified key does not exist."),
            Some("4442587FB7D0A2F9"),
        );
        check(
            "<soapenv:Envelope><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>",
            &["sf:INVALID_SESSION_ID", "INVALID_SESSION_ID"],
            Some("INVALID_SESSION_ID: Invalid Session ID"),
            None,
        );
        check("<a><Code", &[], None, None);
        check("<<<<>>>><Code/>", &[], None, None);
    }
}
