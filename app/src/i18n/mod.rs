//! What the page says, in Vietnamese and English: the languages (`lang`),
//! every fixed string and the contract's names (`text`), numbers (`format`),
//! dates and periods (`dates`), and the sentence pieces (`words`).
//!
//! This file only names the parts; the rest of the app imports from here.

mod dates;
mod format;
mod lang;
mod text;
pub mod words;

pub use dates::{fmt_date, fmt_month, fmt_month_short, fmt_period, fmt_timestamp};
#[cfg(feature = "on-demand")]
pub use format::fmt_decimal;
pub use format::{
    fmt_change, fmt_count, fmt_int, fmt_percent, fmt_target, fmt_target_percent, fmt_value,
};
pub use lang::Lang;
pub use text::{
    indicator_meaning, indicator_name, kind_name, status_icon, status_text, units_noun, Text,
};
