//! The pipeline's integration tests, one binary: each module runs the real
//! `data-pipeline` binary on the shared tiny fixture or on an input it
//! writes, and checks what is written (or that nothing is). Shared helpers
//! are in [`util`].

mod util;

mod atomicity;
mod bad_input;
mod excel;
mod exports;
mod incremental;
mod index766;
mod malformed_corpus;
mod quarantine;
mod reports;
mod revisions;
mod sample;
mod services_used;
mod tiny_fixture;
mod units_command;
mod units_over_time;
