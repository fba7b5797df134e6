//! The list of what was masked in a paste, by family, with a "rotate this
//! key" link for live vendor credentials. One component for the Diagnose
//! and Ticket views; the grouping and the links come from
//! [`crate::redact::masked_summary`].

use yew::prelude::*;

use super::i18n::t;
use crate::redact::Masked;

/// Props of [`MaskedSummary`].
#[derive(Properties, PartialEq)]
pub struct MaskedSummaryProps {
    /// What was masked, by family.
    pub summary: Vec<Masked>,
}

/// "Secrets masked in this paste: Stripe live secret key ×2 — Rotate this key".
#[component]
pub fn MaskedSummary(props: &MaskedSummaryProps) -> Html {
    if props.summary.is_empty() {
        return Html::default();
    }
    html! {
        <div class="el-masked-summary" data-testid="errlens-masked-summary">
            <h4>{ t("masked.title") }</h4>
            <ul class="el-masked-list">
                { for props.summary.iter().map(|m| html! {
                    <li data-kind={m.kind}>
                        <span class="el-masked-label">{ m.label }</span>
                        if m.count > 1 { { format!(" ×{}", m.count) } }
                        if let Some(url) = m.rotate {
                            { " · " }
                            <a href={url} target="_blank" rel="noopener noreferrer" data-testid="errlens-rotate"
                                title={t("masked.rotate.hint")}>{ t("masked.rotate") }</a>
                        }
                    </li>
                }) }
            </ul>
        </div>
    }
}
