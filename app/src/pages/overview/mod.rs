//! The overview page (`/` and `/unit/CODE`): its layout (`view`), the
//! trend and ranking sections, and the data-quality panel with the logic
//! that finds the units that sent nothing.

mod quality;
mod ranking;
mod trend;
mod view;

pub use view::Overview;
