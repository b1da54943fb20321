//! The overview page (`/` and `/unit/CODE`): filters, KPI tiles, the
//! trend chart and the ranking of the units below, each chart with its
//! one-sentence summary and a table view of its numbers, the units table
//! and the data-quality panel.

use super::quality::QualitySection;
use super::ranking::RankingSection;
use super::trend::TrendSection;
use crate::parts::filters::Filters;
use crate::parts::history::UnitHistory;
use crate::parts::kpi::KpiTiles;
use crate::parts::layout::{Footer, Header, ProblemBox};
use crate::parts::reactive::{model_ready, Later};
use crate::parts::table::UnitsTable;
use leptos::prelude::*;

/// The overview of the model's unit: filters, tiles, charts, table and
/// data quality, or the loading or error state. What the first screen
/// shows is drawn first, the rest a task later each (`Later`).
#[component]
pub fn Overview() -> impl IntoView {
    // Only a change between loading, error and ready rebuilds the page.
    let ready = model_ready();
    view! {
        <Header/>
        <main id="main" class="page" tabindex="-1">
            {move || match ready.get() {
                Err(problem) => view! { <ProblemBox problem=problem/> }.into_any(),
                Ok(()) => view! {
                    <Filters/>
                    <UnitHistory/>
                    <KpiTiles/>
                    <Later>
                        <div class="chart-grid">
                            <TrendSection/>
                            <RankingSection/>
                        </div>
                    </Later>
                    <Later><UnitsTable/></Later>
                    <Later><QualitySection/></Later>
                }
                .into_any(),
            }}
        </main>
        <Later><Footer/></Later>
    }
}
