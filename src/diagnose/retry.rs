//! Retry timing: turns `Retry-After` (seconds or HTTP-date), `RateLimit-Reset`,
//! `X-RateLimit-Reset` (seconds, epoch seconds or epoch milliseconds), Google's
//! `retryDelay` ("30s") and Go-style durations ("1m30s") into seconds to wait.
//!
//! Pure arithmetic; never panics, never returns a negative wait. Values that
//! need the current time (dates, epochs) are ignored when it is not given.

/// Seconds from `Retry-After`: a delay in seconds or an IMF-fixdate (RFC 9110 section 10.2.3).
pub fn retry_after(value: &str, now_unix_s: Option<i64>) -> Option<u64> {
    let value = value.trim();
    if let Some(seconds) = seconds_value(value) {
        return Some(seconds);
    }
    let at = http_date(value)?;
    let now = now_unix_s?;
    Some(u64::try_from(at.saturating_sub(now)).unwrap_or(0))
}

/// Seconds from a reset header: a delta, or an epoch (s or ms) when large.
pub fn reset(value: &str, now_unix_s: Option<i64>) -> Option<u64> {
    let value = value.trim();
    let number: f64 = value.parse().ok().filter(|n: &f64| n.is_finite() && *n >= 0.0)?;
    if number >= 1e12 {
        let now = now_unix_s?;
        let at = (number / 1000.0).ceil() as i64;
        return Some(u64::try_from(at.saturating_sub(now)).unwrap_or(0));
    }
    if number >= 1e9 {
        let now = now_unix_s?;
        return Some(u64::try_from((number as i64).saturating_sub(now)).unwrap_or(0));
    }
    Some(number.ceil() as u64)
}

/// Seconds from a plain number ("30", "1.5").
fn seconds_value(value: &str) -> Option<u64> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let n: f64 = value.parse().ok()?;
    (n.is_finite() && (0.0..1e9).contains(&n)).then(|| n.ceil() as u64)
}

/// Seconds from a duration: "30s", "0.5s", "1m30s", "250ms", "2h", or a plain number.
pub fn duration(value: &str) -> Option<u64> {
    let value = value.trim().trim_matches('"');
    if let Some(n) = seconds_value(value) {
        return Some(n);
    }
    let mut total = 0.0f64;
    let mut number = String::new();
    let mut chars = value.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let n: f64 = number.parse().ok()?;
        number.clear();
        let unit = match c {
            'h' => 3600.0,
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                0.001
            }
            'm' => 60.0,
            's' => 1.0,
            _ => return None,
        };
        total += n * unit;
        any = true;
    }
    (any && number.is_empty() && total < 1e9).then(|| total.ceil() as u64)
}

/// Unix seconds of an IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn http_date(value: &str) -> Option<i64> {
    let rest = value.split_once(',').map_or(value, |(_, r)| r).trim();
    let mut parts = rest.split_whitespace();
    let day: i64 = parts.next()?.parse().ok()?;
    let month = parts.next()?.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let month = months.iter().position(|m| month.starts_with(m))? as i64 + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':');
    let h: i64 = hms.next()?.parse().ok()?;
    let m: i64 = hms.next()?.parse().ok()?;
    let s: i64 = hms.next()?.parse().ok()?;
    if !(1..=31).contains(&day) || !(1970..=9999).contains(&year) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the well-known era algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000; // 2023-11-14T22:13:20Z

    #[track_caller]
    fn check(got: Option<u64>, expected: Option<u64>) {
        assert_eq!(got, expected);
    }

    #[test]
    fn reads_every_retry_shape() {
        check(retry_after("30", None), Some(30));
        check(retry_after("Tue, 14 Nov 2023 22:14:20 GMT", Some(NOW)), Some(60));
        check(retry_after("Tue, 14 Nov 2023 22:14:20 GMT", None), None);
        check(retry_after("Mon, 13 Nov 2023 00:00:00 GMT", Some(NOW)), Some(0));
        check(retry_after("soon", Some(NOW)), None);
        check(reset("17", Some(NOW)), Some(17));
        check(reset("1700000120", Some(NOW)), Some(120));
        check(reset("1700000120000", Some(NOW)), Some(120));
        check(reset("1700000120", None), None);
        check(duration("30s"), Some(30));
        check(duration("0.5s"), Some(1));
        check(duration("1m30s"), Some(90));
        check(duration("250ms"), Some(1));
        check(duration("later"), None);
    }

    #[test]
    fn http_dates_match_known_epochs() {
        assert_eq!(http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(http_date("Sun, 99 Nov 1994 08:49:37 GMT"), None);
    }
}
