//! The pages, one folder each with its view and its logic: the overview
//! (`/` and `/unit/CODE`), the public page, the briefing, the 766 index,
//! the embed of one chart (`/embed/`);
//! and the page for any other path. The briefing and the index are in the
//! second build only (feature `on-demand`).

#[cfg(feature = "on-demand")]
pub mod briefing;
pub mod embed;
#[cfg(feature = "on-demand")]
pub mod index766;
pub mod not_found;
pub mod overview;
pub mod public;
