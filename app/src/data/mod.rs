//! The snapshot files as the page gets them: fetching and checking them
//! (`load`), why that failed (`error`), and the unit tree's look-ups
//! (`units`). Only the files are shared with the pipeline, through the
//! types of the `contract` crate.

mod error;
mod load;
mod units;

pub use error::LoadError;
pub use load::{data_path, load_base, load_province};
#[cfg(feature = "on-demand")]
pub use load::{load_index, load_provinces};
pub use units::Base;
