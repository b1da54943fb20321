//! One indicator's monthly trend for the view's unit, ready to show: the
//! sentence that sums it up, the chart, and the rows of its table view.
//! Shared by the overview's trend section and the public page's charts.

use crate::charts::trend;
use crate::history;
use crate::i18n::{fmt_month, fmt_value, Lang};
use crate::model::Model;
use crate::summary;
use contract::{Indicator, Month};
use leptos::prelude::*;

/// One indicator's trend: its sentence, its SVG, and the points of its
/// table view.
#[derive(Clone, PartialEq)]
pub struct TrendParts {
    pub sentence: String,
    pub svg: String,
    pub points: Vec<(Month, Option<f64>)>,
}

/// The trend of `ind` for the model's unit, drawn `width` wide; `title`
/// receives the summary sentence and returns the chart's text alternative.
pub fn trend_parts(
    m: &Model,
    ind: Indicator,
    width: u32,
    title: impl FnOnce(&str) -> String,
) -> TrendParts {
    let lang = m.state.lang;
    let manifest = &m.base.manifest;
    let points = summary::trend_points(
        &m.snap,
        &m.unit.id,
        ind,
        manifest.first_month,
        manifest.last_month,
    );
    let period = m.period();
    let kpi = summary::kpi(&m.snap, &m.unit.id, period, ind, &manifest.targets);
    let sentence = summary::trend_sentence(&kpi, period, lang);
    let svg = trend::render(&trend::Trend {
        points: &points,
        target: ind.target(&manifest.targets),
        highlight: period.months(),
        rate: ind.is_rate(),
        lang,
        title: &title(&sentence),
        width,
        change: history::change_month(&m.unit).map(|c| (c, history::day_of(c, lang))),
    });
    TrendParts {
        sentence,
        svg,
        points,
    }
}

/// The rows of a trend's table view, newest month first.
pub fn trend_rows(points: &[(Month, Option<f64>)], ind: Indicator, lang: Lang) -> AnyView {
    points
        .iter()
        .rev()
        .map(|(month, v)| {
            view! { <tr><th scope="row">{fmt_month(*month, lang)}</th><td class="num">{fmt_value(ind, *v, lang)}</td></tr> }
        })
        .collect_view()
        .into_any()
}
