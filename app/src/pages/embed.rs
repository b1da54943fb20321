//! The embed (`/embed/?unit=…&period=…&indicator=…&view=…`): one chart or
//! the KPI tiles, for an `<iframe>` on a province's portal. Its title says
//! the area and period; below it are the "as of" date, the source, the
//! sample label and a link to the full view, and nothing else: no header,
//! filters or menus. It fits any width from 300 px.

use super::overview::{RankingSection, TrendSection};
use crate::i18n::{fmt_date, fmt_period, Text};
use crate::model::Model;
use crate::parts::kpi::KpiTiles;
use crate::parts::layout::ProblemBox;
use crate::parts::reactive::model_ready;
use crate::state::Ctx;
use crate::url::{EmbedView, Page};
use leptos::prelude::*;

/// The embed's page.
#[component]
pub fn Embed() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ready = model_ready();
    let view = Memo::new(move |_| match ctx.state.with(|s| s.page) {
        Page::Embed { view } => view,
        _ => EmbedView::Trend,
    });
    view! {
        <main id="main" class="embed" tabindex="-1">
            {move || match ready.get() {
                Err(problem) => view! { <ProblemBox problem=problem/> }.into_any(),
                Ok(()) => view! {
                    {move || ctx.model.get().ok().map(|m| title(&m))}
                    {move || match view.get() {
                        EmbedView::Trend => view! { <TrendSection/> }.into_any(),
                        EmbedView::Ranking => view! { <RankingSection/> }.into_any(),
                        EmbedView::Kpi => view! { <KpiTiles/> }.into_any(),
                    }}
                    {move || ctx.model.get().ok().map(|m| credits(&m))}
                }
                .into_any(),
            }}
        </main>
    }
}

/// "Tỉnh X · Tháng 10/2026": what the embedded chart is about.
fn title(m: &Model) -> impl IntoView + use<> {
    let lang = m.state.lang;
    view! {
        <h1 class="embed-title" data-testid="embed-title">
            {m.unit.name.clone()}" · "{fmt_period(m.period(), lang)}
        </h1>
    }
}

/// The "as of" date, the source, the sample label and the full view's
/// link, opened outside the frame.
fn credits(m: &Model) -> impl IntoView + use<> {
    let lang = m.state.lang;
    let manifest = &m.base.manifest;
    let full = crate::location::absolute(&m.state.on(Page::Overview).href());
    let source = (!manifest.source.is_empty())
        .then(|| format!(" · {}: {}", Text::Source.get(lang), manifest.source));
    view! {
        <footer class="embed-credits" data-testid="embed-credits">
            <p>
                {Text::AsOf.get(lang)}" "{fmt_date(manifest.as_of, lang)}{source}
                {manifest.sample.then(|| view! { " · "<strong>{Text::SampleShort.get(lang)}</strong> })}
            </p>
            <p><a href=full target="_blank" rel="noopener" data-testid="full-view">{Text::FullView.get(lang)}" ↗"</a></p>
        </footer>
    }
}
