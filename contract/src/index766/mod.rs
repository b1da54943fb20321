//! The service-quality index of Decision 766/QĐ-TTg (`shared/spec/index-766.md`):
//! six groups, 100 points, as the national portal scores it.
//!
//! * [`Rules`]: the scoring rules as data (groups, metrics, thresholds,
//!   the 0/0 rule, rounding, grades), read from a file by the pipeline and
//!   carried to the app in the manifest;
//! * [`IndexCounts`]: the dossier counts the index needs beyond section 3;
//! * [`Figure`] and [`Card`]: a metric's numerator and denominator (or a
//!   published ratio) and the points they earn, scored exactly in
//!   hundredths; groups and totals with a metric lacking data are
//!   incomplete, never scored as if 0;
//! * [`IndexSeries`] and [`PeriodData`]: the snapshot's monthly data and
//!   any period's figures (roll-ups add numerators and denominators;
//!   ratios are never averaged).

mod counts;
mod rules;
mod score;
mod series;

pub use counts::{IndexCount, IndexCounts};
pub use rules::{push_digits, Grade, Group, Metric, Rules, Source, ZeroRule};
pub use score::{ranks, Card, Figure, GroupScore, MetricScore};
pub use series::{IndexSeries, IndexSnapshot, PeriodData, ProvincesSnapshot};

#[cfg(test)]
mod tests;
