//! The public transparency page (`/public`, trang công khai): its view,
//! the plain-language sentences and explanations (`explain`), and the CSV
//! of the rows shown (`csv`).

mod csv;
mod explain;
mod view;

pub use view::Public;
