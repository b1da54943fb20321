//! The PAR data pipeline: one module per stage, read → validate → compute →
//! write, run in that order by `build`; `cli` parses the command line and
//! `summary` words what a run prints. The contract it shares with the app
//! (count fields, rates, periods, snapshot types, the validated frame's
//! column names) is the `contract` crate. `units` writes real unit catalogues
//! from the `reference` lists embedded in the binary. `state` keeps what a
//! build validated beside its output, for the next build to reuse.

pub mod build;
pub mod cli;
pub mod compute;
pub mod error;
pub mod read;
pub mod reference;
pub mod sample;
pub mod state;
pub mod summary;
pub mod units;
pub mod validate;
pub mod write;
