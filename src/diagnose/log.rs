//! Plain log lines: the severity of each line, so the ERROR and FATAL lines
//! of a long log outweigh the INFO and DEBUG noise around them.
//!
//! One pass over the lines; a line's level is read from its first 120 bytes.

/// How loud a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// TRACE, DEBUG, INFO: context, rarely the cause.
    Quiet,
    /// No level given.
    Plain,
    /// WARN: sometimes the cause.
    Warn,
    /// ERROR, SEVERE, CRITICAL: usually the cause.
    Error,
    /// FATAL, PANIC: the end of the run.
    Fatal,
}

impl Level {
    /// How much a signal on such a line is worth, relative to a plain line.
    pub fn factor(self) -> f32 {
        match self {
            Level::Quiet => 0.7,
            Level::Plain => 0.95,
            Level::Warn => 0.85,
            Level::Error => 1.05,
            Level::Fatal => 1.08,
        }
    }
}

/// Level markers, upper case as logs write them, most severe first.
const MARKERS: &[(&str, Level)] = &[
    ("FATAL", Level::Fatal),
    ("PANIC", Level::Fatal),
    ("CRITICAL", Level::Error),
    ("ERROR", Level::Error),
    ("SEVERE", Level::Error),
    ("level=error", Level::Error),
    ("\"level\":\"error\"", Level::Error),
    ("[error]", Level::Error),
    ("WARNING", Level::Warn),
    ("WARN", Level::Warn),
    ("level=warn", Level::Warn),
    ("[warn]", Level::Warn),
    ("INFO", Level::Quiet),
    ("DEBUG", Level::Quiet),
    ("TRACE", Level::Quiet),
    ("level=info", Level::Quiet),
    ("level=debug", Level::Quiet),
    ("\"level\":\"info\"", Level::Quiet),
    ("[info]", Level::Quiet),
];

/// Which bytes some marker starts with.
const MARKER_FIRST_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < MARKERS.len() {
        table[MARKERS[i].0.as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

/// The level of one line: the first of [`MARKERS`] (in their order) whose
/// first occurrence in the line's first 120 bytes stands as a word.
///
/// One pass over the head notes where each marker first occurs, looking
/// closer only at bytes some marker starts with; searching for the 19
/// markers one by one cost more than all the other readers of a log line.
pub fn level_of(line: &str) -> Level {
    let head = crate::text::slice(line, 0, 120).as_bytes();
    let mut first: [Option<usize>; MARKERS.len()] = [None; MARKERS.len()];
    for p in 0..head.len() {
        if !MARKER_FIRST_BYTES[usize::from(head[p])] {
            continue;
        }
        for (slot, (marker, _)) in first.iter_mut().zip(MARKERS) {
            if slot.is_none() && marker.as_bytes()[0] == head[p] && head[p..].starts_with(marker.as_bytes()) {
                *slot = Some(p);
            }
        }
    }
    for (slot, (marker, level)) in first.iter().zip(MARKERS) {
        if let Some(at) = *slot {
            let before_ok = at == 0 || !head.get(at - 1).is_some_and(u8::is_ascii_alphabetic);
            let after_ok = !head.get(at + marker.len()).is_some_and(u8::is_ascii_alphabetic);
            if before_ok && after_ok {
                return *level;
            }
        }
    }
    Level::Plain
}

/// Line starts and levels of the whole text, for lookups by byte offset.
#[derive(Clone, Debug, Default)]
pub struct Lines {
    starts: Vec<usize>,
    levels: Vec<Level>,
    /// How many lines carry a level marker.
    pub n_levelled: usize,
}

impl Lines {
    /// Reads every line of `text_in`.
    pub fn read(text_in: &str) -> Lines {
        let mut lines = Lines::default();
        let mut offset = 0;
        for line in text_in.split_inclusive('\n') {
            lines.starts.push(offset);
            let level = level_of(line);
            if level != Level::Plain {
                lines.n_levelled += 1;
            }
            lines.levels.push(level);
            offset += line.len();
        }
        lines
    }

    /// The level of the line holding byte `at`.
    pub fn level_at(&self, at: usize) -> Level {
        let i = self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        self.levels.get(i).copied().unwrap_or(Level::Plain)
    }

    /// The loudest level any line has, `None` for an empty text.
    pub fn loudest(&self) -> Option<Level> {
        self.levels.iter().copied().max()
    }

    /// How many lines there are.
    pub fn len(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(line: &str, expected: Level) {
        assert_eq!(level_of(line), expected, "{line}");
    }

    #[test]
    fn reads_levels() {
        check("2024-01-01 10:00:00 ERROR c.e.Sync - failed", Level::Error);
        check("2024-01-01 10:00:00 INFO c.e.Sync - ok", Level::Quiet);
        check("time=... level=warn msg=slow", Level::Warn);
        check("ERRORS: none", Level::Plain);
        check("FATAL: password authentication failed", Level::Fatal);
        check("plain text", Level::Plain);
    }

    #[test]
    fn looks_up_lines_by_offset() {
        let lines = Lines::read("INFO a\nERROR b\nc");
        assert_eq!(lines.level_at(0), Level::Quiet);
        assert_eq!(lines.level_at(8), Level::Error);
        assert_eq!(lines.level_at(99), Level::Plain);
        assert_eq!(lines.len(), 3);
    }
}
