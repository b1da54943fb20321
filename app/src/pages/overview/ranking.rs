//! The overview's ranking of the units below (or of a commune's peers):
//! its sentence, the chart drawn in strips, and a table view built only
//! while open.

use crate::charts::{self, ranking};
use crate::i18n::{fmt_period, fmt_value, indicator_name, status_icon, status_text, Lang, Text};
use crate::model::Model;
use crate::parts::reactive::{details_open, html_when_shown, part_text, parts_of};
use crate::parts::share::{Chart, ShareMenu};
use crate::state::Ctx;
use crate::summary;
use crate::url::{EmbedView, ViewState};
use contract::Indicator;
use leptos::prelude::*;

/// What the ranking shows for one model.
#[derive(Clone, PartialEq)]
struct RankingParts {
    heading: String,
    sentence: String,
    /// The chart's text alternative.
    title: String,
    /// The chart's strips (`ranking::render`); none when the unit has no
    /// units below it.
    strips: Vec<String>,
    rows: Vec<summary::Row>,
    ind: Indicator,
    lang: Lang,
    state: ViewState,
}

fn ranking_parts(m: &Model, width: u32) -> RankingParts {
    let (lang, ind) = (m.state.lang, m.state.ind);
    let targets = &m.base.manifest.targets;
    let (units, peers) = m.base.ranked_units(&m.unit.id);
    let period = m.period();
    let first = m.base.manifest.first_month;
    let mut rows = summary::ranking(&m.snap, &units, period, first, ind, targets);
    let target = ind.target(targets);
    let level = summary::common_level(&units);
    let sentence = summary::ranking_sentence(&rows, ind, level, target.is_some(), lang);
    // Among peers, point at the unit itself in the chart and its table.
    for row in rows.iter_mut().filter(|r| peers && r.key == m.unit.id) {
        row.label = format!("▶ {}", row.label);
    }
    let title = if peers {
        Text::RankingPeers
    } else {
        Text::Ranking
    };
    let heading = format!("{}: {}", title.get(lang), indicator_name(ind, lang));
    let title = format!("{heading}, {}, {}", m.unit.name, fmt_period(period, lang));
    let strips = if rows.is_empty() {
        Vec::new()
    } else {
        ranking::render(&ranking::Ranking {
            rows: &rows,
            target,
            ind,
            lang,
            width,
        })
    };
    RankingParts {
        heading,
        sentence,
        title,
        strips,
        rows,
        ind,
        lang,
        state: m.state.clone(),
    }
}

/// The ranking's elements stay from one redraw to the next and only their
/// contents change: the chart's strips and its table are below the fold,
/// skipped by `content-visibility`, and an element that stays skipped costs
/// nothing to lay out, where a new one would first be laid out in full.
#[component]
pub fn RankingSection() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let parts = parts_of(move |m| ranking_parts(m, ctx.chart_width.get()));
    let text = |f| part_text(parts, f);
    let empty = move || parts.with(|p| p.as_ref().is_none_or(|p| p.rows.is_empty()));
    // One element per strip, rebuilt only when their number changes.
    let count = Memo::new(move |_| parts.with(|p| p.as_ref().map_or(0, |p| p.strips.len())));
    let strip = move |i: usize, f: fn(&str) -> String| {
        move || {
            parts.with(|p| {
                p.as_ref()
                    .and_then(|p| p.strips.get(i))
                    .map_or_else(String::new, |s| f(s))
            })
        }
    };
    let strips = move || {
        (0..count.get())
            .map(|i| {
                let (svg, on_state) = html_when_shown(strip(i, str::to_string));
                view! {
                    <div class="chart-strip" style=strip(i, charts::reserved_height) inner_html=svg
                        on:contentvisibilityautostatechange=on_state></div>
                }
            })
            .collect_view()
    };
    // The table view is built only while open (a hundred rows that a
    // redraw would otherwise update unseen).
    let (table_open, on_toggle) = details_open();
    let table = move || {
        table_open.get().then(|| {
            parts.with(|p| {
                let p = p.as_ref()?;
                let (ind, lang) = (p.ind, p.lang);
                Some(p.rows.iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let status = r.status.map(|s| format!("{} {}", status_icon(s), status_text(s, lang)));
                        view! {
                            <tr>
                                <td class="num">{i + 1}</td>
                                <th scope="row"><a href=p.state.child_href(&r.key)>{r.label.clone()}</a></th>
                                <td class="num">{r.cell(fmt_value(ind, r.value, lang), lang)}</td>
                                <td>{status.unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }
                    })
                    .collect_view())
            })
        })
    };
    view! {
        <section class="panel" aria-labelledby="ranking-heading">
            <h2 id="ranking-heading">{text(|p| p.heading.clone())}</h2>
            <p class="summary" data-testid="ranking-summary" aria-live="polite">{text(|p| p.sentence.clone())}</p>
            <div class="chart strips" data-testid="ranking-chart" role="img" aria-label=text(|p| p.title.clone()) hidden=empty>{strips}</div>
            <Show when=move || !empty()>
                <ShareMenu chart=move |()| parts.with(|p| p.as_ref().map(|p| Chart {
                    svgs: p.strips.clone(),
                    title: p.heading.clone(),
                    embed: Some((p.ind, EmbedView::Ranking)),
                    name: "xep-hang",
                }))/>
            </Show>
            <details class="table-view" hidden=empty on:toggle=on_toggle>
                <summary>{text(|p| Text::ShowNumbers.get(p.lang).into())}</summary>
                <div class="table-scroll"><table class="data-table compact">
                    <thead><tr>
                        <th scope="col" class="num">"#"</th>
                        <th scope="col">{text(|p| Text::Unit.get(p.lang).into())}</th>
                        <th scope="col" class="num">{text(|p| indicator_name(p.ind, p.lang).into())}</th>
                        <th scope="col">{text(|p| Text::Status.get(p.lang).into())}</th>
                    </tr></thead>
                    <tbody>{table}</tbody>
                </table></div>
            </details>
        </section>
    }
}
