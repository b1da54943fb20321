//! How a status is styled: the suffix of its CSS class (`status-met` …),
//! for the KPI tiles, the units table, the public page's results and the
//! briefing's slides. The glyph and the word are texts (`i18n`).

use contract::Status;

/// The CSS class suffix of a status (`status-met` …).
pub fn status_class(status: Status) -> &'static str {
    match status {
        Status::Met => "met",
        Status::Near => "near",
        Status::Missed => "missed",
    }
}
