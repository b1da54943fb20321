//! End-to-end tests: one binary, one module per page. Each test serves a
//! copy of the real Trunk build with snapshots the real pipeline made from
//! the shared `tiny` fixture, and drives headless Chromium.

mod accessibility;
mod briefing;
mod form06;
mod hostile_names;
mod index766;
mod integrity;
mod overview;
mod public;
mod publishing;
mod revisions;
mod sharing;
mod units_over_time;
