//! The data contract (`shared/spec/data-contract.md`) as code: the count
//! fields of section 3, the derived rates, period aggregation and the
//! snapshot types written by the pipeline and read by the app.
//!
//! Architecture invariant: this crate depends on serde and chrono only, so
//! the wasm app, which depends on it and not on the pipeline, can never
//! compile polars. Every rate shown anywhere is computed here, from summed
//! counts; period kinds, snapshot file names and the names of the validated
//! dossier columns live here too, so no other crate spells them.

pub mod columns;
mod counts;
pub mod index766;
mod indicator;
mod month;
mod period;
mod revision;
mod snapshot;

pub use counts::{Count, Counts, Fields};
pub use indicator::{ratio, Indicator, Label, Parts, Status, Targets};
pub use month::Month;
pub use period::{Period, PeriodKind};
pub use revision::Revision;
pub use snapshot::{
    files, Before, FileEntry, IndexRules, InputEntry, Level, Manifest, ProvinceSnapshot, RowCounts,
    UnitInfo, UnitSeries, Versioned, SCHEMA_VERSION,
};
