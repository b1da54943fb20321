//! The public transparency page (`/public`, trang công khai): the area's
//! results in plain sentences, a sortable table of the units below, one
//! chart per indicator (each with a text alternative and a table of its
//! numbers), what the indicators mean, and the data to download.
//!
//! The words come from `explain`, the CSV from `csv`, the numbers from
//! `summary` (and so from the contract); this file only wires them.

use super::csv;
use super::explain::{self, CHARTED, PUBLIC_INDICATORS};
use crate::charts::{self, escape};
use crate::data::data_path;
use crate::i18n::{
    fmt_count, fmt_period, fmt_value, indicator_name, status_icon, status_text, Lang, Text,
};
use crate::model::Model;
use crate::parts::filters::Filters;
use crate::parts::history::UnitHistory;
use crate::parts::layout::{Footer, Header, ProblemBox};
use crate::parts::reactive::{details_open, model_ready, Later};
use crate::parts::revised::{cell_mark, tile_note, RevisionList};
use crate::parts::share::{self, Chart, ShareMenu};
use crate::parts::status::status_class;
use crate::parts::table::{header, months_note, refocus_sorted_header, sorted_rows, Sort};
use crate::parts::trend::{trend_parts, trend_rows, TrendParts};
use crate::state::Ctx;
use crate::summary::{self, Column, Row};
use crate::url::{EmbedView, Page};
use contract::{files, Count, Fields, Indicator, Period};
use leptos::prelude::*;

/// The table's columns: the three headline rates of the issue, with the
/// number of dossiers received for scale.
const COLUMNS: [Column; 5] = [
    Column::Name,
    Column::Received,
    Column::OnTime,
    Column::Online,
    Column::Satisfaction,
];

/// The rows the table shows, in the order it shows them.
#[derive(Clone, Debug, PartialEq)]
struct Shown {
    rows: Vec<Row>,
    /// True for a commune's months (it has no units below it).
    months: bool,
    period: Period,
    unit: String,
    /// The sort asked for: part of the value, so that choosing a sort that
    /// leaves the order as it was still redraws the headers' state.
    sort: Sort,
}

/// The public page: results in plain words, the units table, charts,
/// explanations and downloads, or the loading or error state; the parts
/// below the results are drawn a task later each (`Later`).
#[component]
pub fn Public() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ready = model_ready();
    let sort = RwSignal::<Sort>::new(None);
    let shown = Memo::new(move |_| {
        ctx.model.get().ok().map(|m| {
            let sort = sort.get();
            let (rows, months) = sorted_rows(&m, sort);
            Shown {
                rows,
                months,
                period: m.period(),
                unit: m.unit.id.clone(),
                sort,
            }
        })
    });
    refocus_sorted_header(sort, "public-table");
    view! {
        <Header title=Text::PublicTitle/>
        <main id="main" class="page public" tabindex="-1">
            {move || match ready.get() {
                Err(problem) => view! { <ProblemBox problem=problem/> }.into_any(),
                Ok(()) => view! {
                    <p class="public-intro">{move || Text::PublicIntro.get(ctx.lang())}</p>
                    <Filters no_indicator=true/>
                    <UnitHistory/>
                    <Results/>
                    <Later><UnitsSection shown=shown sort=sort/></Later>
                    <Charts/>
                    <Later>
                        <HowComputed/>
                        <RevisionList/>
                        <Downloads shown=shown/>
                    </Later>
                }
                .into_any(),
            }}
        </main>
        <Later><Footer/></Later>
    }
}

/// The area's results, one plain sentence per indicator.
#[component]
fn Results() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        ctx.model.get().ok().map(|m| {
            let lang = m.state.lang;
            let items = PUBLIC_INDICATORS
                .into_iter()
                .map(|ind| result_item(&m, ind))
                .collect_view();
            view! {
                <section class="panel" aria-labelledby="results-heading">
                    <h2 id="results-heading">
                        {Text::PublicResults.get(lang)}" — "{m.unit.name.clone()}", "{fmt_period(m.period(), lang)}
                    </h2>
                    <ul class="results" role="list">{items}</ul>
                </section>
            }
        })
    }
}

/// One indicator's result: value, plain sentence, status and target.
fn result_item(m: &Model, ind: Indicator) -> impl IntoView + use<> {
    let lang = m.state.lang;
    let targets = &m.base.manifest.targets;
    let k = summary::kpi(&m.snap, &m.unit.id, m.period(), ind, targets);
    let sentence = explain::headline_sentence(ind, k.counts.as_ref(), lang);
    let status = k.status.map(|s| {
        view! {
            <span class=format!("badge status-{}", status_class(s))>
                <span aria-hidden="true">{status_icon(s)}" "</span>{status_text(s, lang)}
            </span>" "
        }
    });
    let target = explain::explanation(ind, targets, lang).target;
    view! {
        <li class="result" data-testid=format!("result-{}", ind.key())>
            <h3>{indicator_name(ind, lang)}</h3>
            <p class="result-value" class:no-data=k.value.is_none()>{fmt_value(ind, k.value, lang)}</p>
            <p class="result-sentence">{sentence}</p>
            <p class="result-target">{status}{target}</p>
            {tile_note(m, ind)}
        </li>
    }
}

/// Every unit below the area (or a commune's months), sortable by keyboard.
#[component]
fn UnitsSection(shown: Memo<Option<Shown>>, sort: RwSignal<Sort>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let m = ctx.model.get().ok()?;
        let s = shown.get()?;
        let (lang, period) = (m.state.lang, m.period());
        let heading = if s.months {
            Text::MonthsTable
        } else {
            Text::PublicUnits
        };
        let note = months_note(s.months, m.unit.level, lang);
        let headers = COLUMNS
            .into_iter()
            .map(|col| header(col, s.months, m.state.lang, m.state.ind, sort))
            .collect_view();
        let body: String = s.rows.iter().map(|r| table_row(r, &m)).collect();
        Some(view! {
            <section class="panel" aria-labelledby="units-heading">
                <h2 id="units-heading">{heading.get(lang)}" — "{m.unit.name.clone()}", "{fmt_period(period, lang)}</h2>
                {note.map(|n| view! { <p class="note">{n}</p> })}
                <div class="table-scroll" tabindex="0" role="region"
                    aria-label=format!("{} ({})", heading.get(lang), Text::TableScroll.get(lang))>
                    <table class="data-table public-table" data-testid="public-table">
                        <caption class="visually-hidden">{heading.get(lang)}", "{fmt_period(period, lang)}</caption>
                        <thead><tr>{headers}</tr></thead>
                        <tbody inner_html=body></tbody>
                    </table>
                </div>
            </section>
        })
    }
}

/// One row of the table as HTML text (the name links to the unit on this
/// page): the rows go in with one `inner_html`, as in the dashboard's
/// table, since an element per cell made the page's first drawing a long
/// task on a phone (520 cells for a province's communes). Every text is
/// escaped (unit names are input).
fn table_row(r: &Row, m: &Model) -> String {
    let lang = m.state.lang;
    // A cell's text, escaped, and the mark of a revised figure.
    let cell = |text: String, uses: Fields| {
        format!(
            "<td class=\"num\">{}{}</td>",
            escape(&r.cell(text, lang)),
            cell_mark(r, m, uses)
        )
    };
    let rate = |col: Column| {
        let ind = col.indicator().expect("indicator column");
        let value = r.counts.as_ref().and_then(|c| ind.value(c));
        cell(fmt_value(ind, value, lang), ind.fields())
    };
    let received = Count::ReceivedTotal;
    let received = cell(
        fmt_count(r.counts.and_then(|c| c[received]), lang),
        Fields::of(&[received]),
    );
    let label = escape(&r.label);
    let name = if r.link {
        format!(
            "<a href=\"{}\">{label}</a>",
            escape(&m.state.child_href(&r.key))
        )
    } else {
        format!("<span>{label}</span>")
    };
    format!(
        "<tr><th scope=\"row\">{name}</th>{received}{}{}{}</tr>",
        rate(Column::OnTime),
        rate(Column::Online),
        rate(Column::Satisfaction)
    )
}

/// One simple trend chart per indicator, each with its sentence (the text
/// alternative, which follows the filters) and the table of its numbers.
#[component]
fn Charts() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        ctx.model.get().ok().map(|m| {
            let lang = m.state.lang;
            let width = ctx.chart_width.get();
            // A chart each task on the page's first drawing (`Later`).
            let charts = CHARTED
                .into_iter()
                .map(|ind| {
                    let m = m.clone();
                    view! { <Later>{chart(&m, ind, width)}</Later> }
                })
                .collect_view();
            view! {
                <section class="panel" aria-labelledby="charts-heading">
                    <h2 id="charts-heading">{Text::PublicCharts.get(lang)}" — "{m.unit.name.clone()}</h2>
                    <div class="chart-grid public-charts">{charts}</div>
                </section>
            }
        })
    }
}

/// One indicator's chart with its sentence and table view (built only while open).
fn chart(m: &Model, ind: Indicator, width: u32) -> impl IntoView + use<> {
    let lang = m.state.lang;
    let key = ind.key();
    let TrendParts {
        sentence,
        svg,
        points,
    } = trend_parts(m, ind, width, |sentence| {
        format!(
            "{}: {}, {}. {sentence}",
            Text::Trend.get(lang),
            indicator_name(ind, lang),
            m.unit.name
        )
    });
    // The table view is built only while open, as on the overview.
    let (open, on_toggle) = details_open();
    let shared = StoredValue::new(Chart {
        svgs: vec![svg.clone()],
        title: format!("{}: {}", Text::Trend.get(lang), indicator_name(ind, lang)),
        embed: Some((ind, EmbedView::Trend)),
        name: "xu-huong",
    });
    view! {
        <div class="chart-block">
            <h3 id=format!("chart-h-{key}")>{indicator_name(ind, lang)}</h3>
            <p class="summary" data-testid=format!("chart-summary-{key}")>{sentence}</p>
            <div class="chart" data-testid=format!("chart-{key}") style=charts::reserved_height(&svg) inner_html=svg></div>
            <ShareMenu chart=move |()| Some(shared.get_value())/>
            <details class="table-view" on:toggle=on_toggle>
                <summary>{Text::ShowNumbers.get(lang)}<span class="visually-hidden">": "{indicator_name(ind, lang)}</span></summary>
                <div class="table-scroll"><table class="data-table compact">
                    <caption class="visually-hidden">{indicator_name(ind, lang)}", "{m.unit.name.clone()}</caption>
                    <thead><tr><th scope="col">{Text::Month.get(lang)}</th><th scope="col" class="num">{indicator_name(ind, lang)}</th></tr></thead>
                    <tbody>{move || open.get().then(|| trend_rows(&points, ind, lang))}</tbody>
                </table></div>
            </details>
        </div>
    }
}

/// What each indicator means and how it is computed (the contract in plain words).
#[component]
fn HowComputed() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        ctx.model.get().ok().map(|m| {
            let lang = m.state.lang;
            let items = PUBLIC_INDICATORS
                .into_iter()
                .map(|ind| {
                    let e = explain::explanation(ind, &m.base.manifest.targets, lang);
                    view! {
                        <div class="explain" data-testid=format!("explain-{}", ind.key())>
                            <h3>{e.name}</h3>
                            <dl>
                                <dt>{Text::Meaning.get(lang)}</dt><dd>{e.meaning}</dd>
                                <dt>{Text::HowComputed.get(lang)}</dt><dd>{e.how}</dd>
                            </dl>
                            <p class="note">{e.target}</p>
                        </div>
                    }
                })
                .collect_view();
            let rules = explain::general_rules(lang)
                .into_iter()
                .map(|r| view! { <li>{r}</li> })
                .collect_view();
            view! {
                <section class="panel" aria-labelledby="how-heading">
                    <h2 id="how-heading">{Text::PublicHow.get(lang)}</h2>
                    <div class="explain-grid">{items}</div>
                    <h3>{Text::PublicRules.get(lang)}</h3>
                    <ul>{rules}</ul>
                    {m.base.manifest.index.as_ref().map(|index| view! {
                        <h3>{Text::PublicIndexHeading.get(lang)}</h3>
                        <p data-testid="explain-index">{explain::index_explanation(&index.rules, lang)}" "
                            <a href=m.state.on(Page::Index { group: 0 }).href()>{Text::IndexLink.get(lang)}</a>
                        </p>
                    })}
                </section>
            }
        })
    }
}

/// `indicators.csv` (all units and months) and the rows the table shows.
#[component]
fn Downloads(shown: Memo<Option<Shown>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let lang: Lang = ctx.lang();
        let s = shown.get()?;
        let text = csv::shown_rows_csv(&s.rows, s.months, s.period);
        Some(view! {
            <section class="panel downloads" aria-labelledby="downloads-heading">
                <h2 id="downloads-heading">{Text::PublicDownloads.get(lang)}</h2>
                <ul>
                    <li><a href=data_path(files::INDICATORS_CSV) download=files::INDICATORS_CSV data-testid="download-all">
                        {Text::DownloadAll.get(lang)}
                    </a></li>
                    <li><a href=csv::data_url(&text) download=csv::file_name(&s.unit, s.period) data-testid="download-shown">
                        {Text::DownloadShown.get(lang)}
                    </a></li>
                    {ctx.model.with(|m| m.as_ref().ok().map(share::province_downloads))}
                </ul>
                <p class="note">{Text::DownloadNote.get(lang)}</p>
            </section>
        })
    }
}
