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
/// data quality, or the loading or error state. The filters and the notice
/// are drawn first, each other part a task later (`Later`): the tiles too,
/// below the filters on a phone, so that no task of the first drawing is long.
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
                    <Later><KpiTiles/></Later>
                    <div class="chart-grid">
                        <Later><TrendSection/></Later>
                        <Later><RankingSection/></Later>
                    </div>
                    <Later><UnitsTable/></Later>
                    <Later><QualitySection/></Later>
                }
                .into_any(),
            }}
        </main>
        <Later><Footer/></Later>
    }
}
