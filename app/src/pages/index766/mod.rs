//! The service-quality index page (`/index766`): the unit's total with its
//! grade and rank, the six groups against their maximum, the trend of the
//! total, the metrics by points still to win, and the units below that
//! lose the most in a group. Its data file is loaded only here and by the
//! briefing's index slide, which shows the same figures.

pub mod figures;
pub mod files;
mod view;
pub mod words;

pub use view::{groups_table, IndexPage};
