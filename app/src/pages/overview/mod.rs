//! The overview page (`/` and `/unit/CODE`): its layout (`view`), the
//! trend and ranking sections, and the data-quality panel with the logic
//! that finds the units that sent nothing. The embed shows the trend and
//! ranking sections on their own.

mod quality;
mod ranking;
mod trend;
mod view;

pub use ranking::RankingSection;
pub use trend::TrendSection;
pub use view::Overview;
