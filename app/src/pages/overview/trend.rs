//! The overview's trend section: the selected indicator month by month
//! for the unit, its sentence, and a table view built only while open.

use crate::charts;
use crate::i18n::{indicator_name, words, Lang, Text};
use crate::model::Model;
use crate::parts::reactive::{details_open, part_text, parts_of};
use crate::parts::share::{Chart, ShareMenu};
use crate::parts::trend::{trend_parts, trend_rows, TrendParts};
use crate::state::Ctx;
use crate::url::EmbedView;
use contract::Indicator;
use leptos::prelude::*;

/// The trend's elements stay from one redraw to the next, like the
/// ranking's; its table view is built only while open.
#[component]
pub fn TrendSection() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let parts = parts_of(move |m| trend_section(m, ctx.chart_width.get()));
    let text = |f| part_text(parts, f);
    let (open, on_toggle) = details_open();
    let rows = move || {
        open.get().then(|| {
            parts.with(|p| {
                p.as_ref()
                    .map(|p| trend_rows(&p.trend.points, p.ind, p.lang))
            })
        })
    };
    view! {
        <section class="panel" aria-labelledby="trend-heading">
            <h2 id="trend-heading">{text(|p| p.heading.clone())}</h2>
            <p class="summary" data-testid="trend-summary" aria-live="polite">{text(|p| p.trend.sentence.clone())}</p>
            <div class="chart" data-testid="trend-chart" style=text(|p| charts::reserved_height(&p.trend.svg)) inner_html=text(|p| p.trend.svg.clone())></div>
            <ShareMenu chart=move |()| parts.with(|p| p.as_ref().map(|p| Chart {
                svgs: vec![p.trend.svg.clone()],
                title: p.heading.clone(),
                embed: Some((p.ind, EmbedView::Trend)),
                name: "xu-huong",
            }))/>
            <details class="table-view" on:toggle=on_toggle>
                <summary>{text(|p| Text::ShowNumbers.get(p.lang).into())}</summary>
                <p class="note">{text(|p| p.target.clone())}</p>
                <div class="table-scroll"><table class="data-table compact">
                    <thead><tr>
                        <th scope="col">{text(|p| Text::Month.get(p.lang).into())}</th>
                        <th scope="col" class="num">{text(|p| indicator_name(p.ind, p.lang).into())}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table></div>
            </details>
        </section>
    }
}

/// What the overview's trend section shows for one model.
#[derive(Clone, PartialEq)]
struct TrendSectionParts {
    heading: String,
    /// "Target: …", above the table view.
    target: String,
    trend: TrendParts,
    ind: Indicator,
    lang: Lang,
}

fn trend_section(m: &Model, width: u32) -> TrendSectionParts {
    let (lang, ind) = (m.state.lang, m.state.ind);
    let title = format!(
        "{}: {}, {}",
        Text::Trend.get(lang),
        indicator_name(ind, lang),
        m.unit.name
    );
    let target = ind.target(&m.base.manifest.targets);
    TrendSectionParts {
        heading: format!("{}: {}", Text::Trend.get(lang), indicator_name(ind, lang)),
        target: words::target_line(ind, target, lang),
        trend: trend_parts(m, ind, width, |_| title),
        ind,
        lang,
    }
}
