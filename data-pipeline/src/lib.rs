//! The PAR data pipeline and the data contract it shares with the app.
//!
//! `contract` is always built (serde + chrono only); everything that needs
//! polars is behind the default `pipeline` feature, so the wasm app depends
//! on this crate with `default-features = false`.

pub mod contract;

#[cfg(feature = "pipeline")]
pub mod cli;
#[cfg(feature = "pipeline")]
pub mod compute;
#[cfg(feature = "pipeline")]
pub mod error;
#[cfg(feature = "pipeline")]
pub mod excel;
#[cfg(feature = "pipeline")]
pub mod read;
#[cfg(feature = "pipeline")]
pub mod reports;
#[cfg(feature = "pipeline")]
pub mod sample;
#[cfg(feature = "pipeline")]
pub mod validate;
#[cfg(feature = "pipeline")]
pub mod write;
