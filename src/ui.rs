//! Yew components of the widget (web layer).
