//! The catalogue entry: one error, what it means, why it happens and what to do.
//!
//! Shared with `build.rs` (through `#[path]`), which deserializes the TOML data
//! files into this very type, so the data format and the runtime type cannot
//! drift apart. It must import nothing but `serde`, `std` and `super::vocab`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::vocab::{Action, Category, ErrorType, Kind, Layer, Retryable, Severity};

/// Text that is `&'static` for built-in entries and owned for host entries.
pub type Text = Cow<'static, str>;
/// A list of texts, static or owned like [`Text`].
pub type List = Cow<'static, [Text]>;

/// One catalogue entry. Field order and meaning follow the README's "Extending the catalogue".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable kebab-case id; public API and deep-link target, never renamed.
    pub id: Text,
    /// The title a user scans for, e.g. "429 Too Many Requests".
    pub title: Text,
    /// Where the help center files it.
    pub category: Category,
    /// The class of failure.
    pub kind: Kind,
    /// Which of the status page's error types it shows up as.
    pub error_type: ErrorType,
    /// Whose problem it is.
    pub layer: Layer,
    /// Exact tokens: status codes, vendor error codes, exception and errno names.
    #[serde(default)]
    pub codes: List,
    /// Words and phrases users search with, in any language.
    #[serde(default)]
    pub aliases: List,
    /// Lower-case phrases whose presence in a paste points at this entry.
    #[serde(default)]
    pub patterns: List,
    /// Vendors this entry is specific to (`stripe`, `salesforce`...); empty for generic ones.
    #[serde(default)]
    pub providers: List,
    /// One sentence a user reads first.
    pub summary: Text,
    /// What the error means, for a developer.
    pub meaning: Text,
    /// Why it happens, most common first.
    pub causes: List,
    /// What to do, in order.
    pub fixes: List,
    /// The one thing to do now.
    pub action: Action,
    /// Whether sending the same request again can succeed.
    pub retryable: Retryable,
    /// How bad it is for the data flow.
    pub severity: Severity,
    /// Ids of entries worth reading next.
    #[serde(default)]
    pub related: List,
    /// For a vendor's entry, the id of the generic entry it is a case of
    /// (`stripe-rate-limit` -> `rate-limit`); empty for generic entries.
    #[serde(default)]
    pub parent: Text,
    /// How people describe what they see, or ask about it ("sync keeps
    /// stopping", "why is my key rejected"), in any language; searched like aliases.
    #[serde(default)]
    pub symptoms: List,
    /// Where the facts come from: RFC sections, vendor documentation names.
    #[serde(default)]
    pub references: List,
    /// Why this entry claims a code another entry also claims (empty when it does not).
    #[serde(default)]
    pub overlap: Text,
}

impl Entry {
    /// True when `code` is one of the entry's exact codes (ASCII case-insensitive).
    pub fn has_code(&self, code: &str) -> bool {
        self.codes.iter().any(|c| c.eq_ignore_ascii_case(code))
    }

    /// The words that say what the entry is about, one per line: title,
    /// summary, codes, aliases, phrases and symptoms (the class model learns
    /// from them, and picks the entry within a class by them).
    pub fn cue_text(&self) -> String {
        let mut text = format!("{}\n{}\n", self.title, self.summary);
        for list in [&self.codes, &self.aliases, &self.patterns, &self.symptoms] {
            for item in list.iter() {
                text.push_str(item);
                text.push('\n');
            }
        }
        text
    }
}
