//! The PAR data pipeline: one module per stage (read → validate → compute →
//! write), driven by `cli`. The contract it shares with the app (count
//! fields, rates, periods, snapshot types) is the `contract` crate.

pub mod cli;
pub mod compute;
pub mod error;
pub mod excel;
pub mod read;
pub mod reports;
pub mod sample;
pub mod validate;
pub mod write;
