//! The overview page (`/` and `/unit/:code`): filters, KPI tiles, the
//! trend chart and the ranking of the units below, each chart with its
//! one-sentence summary and a table view of its numbers.

use super::filters::Filters;
use super::kpi::KpiTiles;
use super::layout::{Footer, Header, ProblemBox};
use super::table::UnitsTable;
use super::{details_open, html_when_shown, part_text, parts_of, Ctx, Model};
use crate::charts::{self, ranking, trend};
use crate::i18n::{self, fmt_int, fmt_month, fmt_target, fmt_value, indicator_name, Lang, Text};
use crate::state::ViewState;
use crate::{quality, summary};
use contract::{Indicator, Month};
use leptos::prelude::*;

#[component]
pub fn Overview() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // Only a change between loading, error and ready rebuilds the page.
    let ready = Memo::new(move |_| {
        ctx.model
            .with(|m| m.as_ref().map(|_| ()).map_err(Clone::clone))
    });
    view! {
        <Header/>
        <main id="main" class="page" tabindex="-1">
            {move || match ready.get() {
                Err(problem) => view! { <ProblemBox problem=problem/> }.into_any(),
                Ok(()) => view! {
                    <Filters/>
                    <KpiTiles/>
                    <div class="chart-grid">
                        <TrendSection/>
                        <RankingSection/>
                    </div>
                    <UnitsTable/>
                    <QualitySection/>
                }
                .into_any(),
            }}
        </main>
        <Footer/>
    }
}

/// The trend's elements stay from one redraw to the next, like the
/// ranking's; its table view is built only while open.
#[component]
fn TrendSection() -> impl IntoView {
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

/// One indicator's monthly trend for the view's unit, ready to show: the
/// sentence that sums it up, the SVG, and the points of its table view.
/// Shared by the overview and the public page.
#[derive(Clone, PartialEq)]
pub(crate) struct TrendParts {
    pub sentence: String,
    pub svg: String,
    pub points: Vec<(Month, Option<f64>)>,
}

/// `title` receives the summary sentence and returns the chart's text alternative.
pub(crate) fn trend_parts(
    m: &Model,
    ind: Indicator,
    width: u32,
    title: impl FnOnce(&str) -> String,
) -> TrendParts {
    let lang = m.state.lang;
    let manifest = &m.base.manifest;
    let points = summary::trend_points(
        &m.snap,
        &m.unit.code,
        ind,
        manifest.first_month,
        manifest.last_month,
    );
    let kpi = summary::kpi(&m.snap, &m.unit.code, m.period, ind, &manifest.targets);
    let sentence = summary::trend_sentence(&kpi, m.period, lang);
    let svg = trend::render(&trend::Trend {
        points: &points,
        target: ind.target(&manifest.targets),
        highlight: m.period.months(),
        ind,
        lang,
        title: &title(&sentence),
        width,
    });
    TrendParts {
        sentence,
        svg,
        points,
    }
}

/// The rows of a trend's table view, newest month first.
pub(crate) fn trend_rows(points: &[(Month, Option<f64>)], ind: Indicator, lang: Lang) -> AnyView {
    points
        .iter()
        .rev()
        .map(|(month, v)| {
            view! { <tr><th scope="row">{fmt_month(*month, lang)}</th><td class="num">{fmt_value(ind, *v, lang)}</td></tr> }
        })
        .collect_view()
        .into_any()
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
        target: format!(
            "{}: {}",
            Text::Target.get(lang),
            fmt_target(ind, target, lang)
        ),
        trend: trend_parts(m, ind, width, |_| title),
        ind,
        lang,
    }
}

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
    let (units, peers) = m.base.ranked_units(&m.unit.code);
    let mut rows = summary::ranking(&m.snap, &units, m.period, ind, targets);
    let target = ind.target(targets);
    let level = summary::common_level(&units);
    let sentence = summary::ranking_sentence(&rows, ind, level, target.is_some(), lang);
    // Among peers, point at the unit itself in the chart and its table.
    for row in rows.iter_mut().filter(|r| peers && r.key == m.unit.code) {
        row.label = format!("▶ {}", row.label);
    }
    let title = if peers {
        Text::RankingPeers
    } else {
        Text::Ranking
    };
    let heading = format!("{}: {}", title.get(lang), indicator_name(ind, lang));
    let title = format!(
        "{heading}, {}, {}",
        m.unit.name,
        i18n::fmt_period(m.period, lang)
    );
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
fn RankingSection() -> impl IntoView {
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
                        let status = r.status.map(|s| format!("{} {}", i18n::status_icon(s), i18n::status_text(s, lang)));
                        view! {
                            <tr>
                                <td class="num">{i + 1}</td>
                                <th scope="row"><a href=p.state.child_href(&r.key)>{r.label.clone()}</a></th>
                                <td class="num">{fmt_value(ind, r.value, lang)}</td>
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

/// The data-quality panel, closed at first; its contents are built only
/// while it is open.
#[component]
fn QualitySection() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let (open, on_toggle) = details_open();
    let body = move || {
        open.get()
            .then(|| ctx.model.get().ok().map(|m| quality_view(&m)))
    };
    view! {
        <details class="panel quality" data-testid="data-quality" on:toggle=on_toggle>
            <summary><h2>{move || Text::DataQuality.get(ctx.lang())}</h2></summary>
            {body}
        </details>
    }
}

fn quality_view(m: &Model) -> impl IntoView + use<> {
    let lang = m.state.lang;
    let inputs = m
        .base
        .manifest
        .inputs
        .iter()
        .map(|i| {
            view! {
                <tr>
                    <th scope="row">{i.file.clone()}</th>
                    <td class="num">{fmt_int(i.rows_read, lang)}</td>
                    <td class="num">{fmt_int(i.rows_accepted, lang)}</td>
                    <td class="num">{fmt_int(i.rows_rejected, lang)}</td>
                    <td class="num">{fmt_int(i.duplicates, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    let rows = m
        .snap
        .units
        .get(&m.unit.code)
        .map(|s| s.rows)
        .unwrap_or_default();
    let silent = quality::silent_units(&m.base, &m.snap, &m.unit.code, m.period);
    let silent = if silent.is_empty() {
        view! { <p data-testid="silent-units">{Text::NoSilentUnits.get(lang)}</p> }.into_any()
    } else {
        let items = silent
            .iter()
            .map(|(u, why)| {
                let note = (*why == quality::Silence::NoReport)
                    .then(|| format!(" — {}", Text::NoReport.get(lang)));
                view! { <li><a href=m.state.child_href(&u.code)>{u.name.clone()}</a>{note}</li> }
            })
            .collect_view();
        view! { <ul data-testid="silent-units">{items}</ul> }.into_any()
    };
    view! {
        <h3>{Text::QualityInputs.get(lang)}</h3>
        <div class="table-scroll"><table class="data-table compact">
            <thead><tr>
                <th scope="col">{Text::InputFile.get(lang)}</th>
                <th scope="col" class="num">{Text::RowsRead.get(lang)}</th>
                <th scope="col" class="num">{Text::RowsAccepted.get(lang)}</th>
                <th scope="col" class="num">{Text::RowsRejected.get(lang)}</th>
                <th scope="col" class="num">{Text::Duplicates.get(lang)}</th>
            </tr></thead>
            <tbody>{inputs}</tbody>
        </table></div>
        <h3>{Text::UnitRows.get(lang)}": "{m.unit.name.clone()}</h3>
        <p data-testid="unit-rows">{i18n::unit_rows_phrase(rows.accepted, rows.rejected, lang)}</p>
        <h3>{Text::SilentUnits.get(lang)}": "{i18n::fmt_period(m.period, lang)}</h3>
        {silent}
    }
}
