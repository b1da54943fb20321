//! The parts the pages are built of: the page frame (`layout`), the
//! filters, a changed unit's history notice, the KPI tiles, the units
//! table, a trend ready to show, status styling, a chart's download and
//! embed menu (`share`), revised figures' marks and list (`revised`), and the reactive helpers the sections share
//! (`reactive`).

pub mod filters;
pub mod history;
pub mod kpi;
pub mod layout;
pub mod reactive;
pub mod revised;
pub mod share;
pub mod status;
pub mod table;
pub mod trend;
