//! The pages, one folder each with its view and its logic: the overview
//! (`/` and `/unit/CODE`), the public page, the briefing, the 766 index;
//! and the page for any other path. The briefing and the index are in the
//! second build only (feature `on-demand`).

#[cfg(feature = "on-demand")]
pub mod briefing;
#[cfg(feature = "on-demand")]
pub mod index766;
pub mod not_found;
pub mod overview;
pub mod public;
