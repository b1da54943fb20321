//! The data contract (`shared/spec/data-contract.md`) as code: the count
//! fields of section 3, the derived rates, period aggregation and the
//! snapshot types written by the pipeline and read by the app.
//!
//! Architecture invariant: this module depends on serde and chrono only, so
//! the wasm app can use it without compiling polars. Every rate shown
//! anywhere is computed here, from summed counts.

mod counts;
mod indicator;
mod month;
mod period;
mod snapshot;

pub use counts::{Count, Counts, Fields};
pub use indicator::{Indicator, Status, Targets};
pub use month::Month;
pub use period::{Period, PeriodKind};
pub use snapshot::{
    FileEntry, InputEntry, Level, Manifest, ProvinceSnapshot, RowCounts, UnitInfo, UnitSeries,
    SCHEMA_VERSION,
};
