//! The closed vocabularies of a catalogue entry: kind, category, error type,
//! layer, action, severity and retryability.
//!
//! This file is also compiled into `build.rs` (through `#[path]`), so the data
//! files are checked against exactly the sets the crate uses. It must stay free
//! of any import beyond `serde` and `std`.

use serde::{Deserialize, Serialize};

/// Declares a closed string vocabulary: an enum whose variants serialize to the
/// given snake_case names, with `ALL`, `as_str`, `parse` and a human label.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal : $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(
                #[doc = $label]
                #[serde(rename = $text)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in the order the help center lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as it appears in data files and in JSON.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The words a person reads for this value.
            pub const fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses the data-file spelling; `None` for anything outside the set.
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }

            /// The accepted spellings, for error messages.
            pub fn expected() -> String {
                let names: &[&str] = &[$($text),+];
                names.join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// The class of failure (the Diagnosis's `kind`).
    Kind {
        Auth = "auth": "Authentication",
        Permission = "permission": "Permission",
        RateLimit = "rate_limit": "Rate limit",
        BadRequest = "bad_request": "Bad request",
        NotFound = "not_found": "Not found",
        Conflict = "conflict": "Conflict",
        Payment = "payment": "Payment or plan",
        PayloadTooLarge = "payload_too_large": "Too large",
        Server = "server": "Server error",
        Unavailable = "unavailable": "Unavailable",
        Timeout = "timeout": "Timeout",
        Network = "network": "Network",
        Tls = "tls": "TLS / certificates",
        Database = "database": "Database",
        Data = "data": "Data or schema",
        Unknown = "unknown": "Other",
    }
}

vocabulary! {
    /// The help-center taxonomy an entry is filed under.
    Category {
        AccountBilling = "account_billing": "Account and billing",
        IntegrationConnection = "integration_connection": "Integration: connection",
        IntegrationExtraction = "integration_extraction": "Integration: extraction",
        DestinationConnection = "destination_connection": "Destination: connection",
        DestinationLoading = "destination_loading": "Destination: loading",
        PlatformRuntime = "platform_runtime": "Platform and runtime",
        NetworkSecurity = "network_security": "Network and security",
        StatesLifecycle = "states_lifecycle": "Integration states and lifecycle",
        Support = "support": "Support",
    }
}

vocabulary! {
    /// The integration status page's three error types.
    ErrorType {
        Sync = "sync": "Sync error",
        Auth = "auth": "Auth error",
        System = "system": "System error",
    }
}

vocabulary! {
    /// Whose problem it is.
    Layer {
        Config = "config": "Your configuration",
        SourceApi = "source_api": "The connected app's API",
        Destination = "destination": "The destination",
        Network = "network": "The network between",
        Platform = "platform": "The integration platform",
        Account = "account": "Your account or plan",
    }
}

vocabulary! {
    /// What the user should do now; the host wires each to its own routine.
    Action {
        Resync = "resync": "Re-sync",
        Reauthenticate = "reauthenticate": "Re-authenticate",
        WaitAndRetry = "wait_and_retry": "Wait and retry",
        FixRequest = "fix_request": "Fix the request or settings",
        FixPermissions = "fix_permissions": "Fix permissions",
        FixDestination = "fix_destination": "Fix the destination",
        Unpause = "unpause": "Un-pause",
        ContactSupport = "contact_support": "Contact support",
        ContactAppSupport = "contact_app_support": "Contact the app's support",
    }
}

vocabulary! {
    /// How bad it is for the user's data flow.
    Severity {
        Info = "info": "Information",
        Warning = "warning": "Warning",
        Error = "error": "Error",
        Critical = "critical": "Critical",
    }
}

vocabulary! {
    /// Whether sending the same request again can succeed.
    Retryable {
        Yes = "yes": "Safe to retry",
        No = "no": "Retrying will not help",
        Depends = "depends": "Sometimes worth retrying",
    }
}

impl Retryable {
    /// `Some(true)`, `Some(false)` or `None` (unknown), as the Diagnosis JSON has it.
    pub const fn as_option(self) -> Option<bool> {
        match self {
            Retryable::Yes => Some(true),
            Retryable::No => Some(false),
            Retryable::Depends => None,
        }
    }
}

impl Kind {
    /// Whether a failure of this class goes away if the same call is simply
    /// made again later (the labelling rules of `tests/corpus/pastes`): rate limits, outages, timeouts and
    /// remote internal errors do; credentials, permissions, input, billing
    /// certificates and conflicting writes must change first. `None` where
    /// the class alone does not say (network, database, unknown).
    pub const fn retryable(self) -> Option<bool> {
        match self {
            Kind::RateLimit | Kind::Unavailable | Kind::Timeout | Kind::Server => Some(true),
            Kind::Auth
            | Kind::Permission
            | Kind::BadRequest
            | Kind::NotFound
            | Kind::Conflict
            | Kind::Payment
            | Kind::PayloadTooLarge
            | Kind::Data
            | Kind::Tls => {
                Some(false)
            }
            _ => None,
        }
    }
}
