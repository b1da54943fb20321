//! One tile per headline indicator: value, target, status (glyph, word and
//! colour), and the change against the previous period and a year earlier;
//! and the list of online services, shown on the services tile and slide.

use super::revised::tile_note;
use super::status::status_class;
use crate::history::{fmt_change_across, fmt_value_across};
use crate::i18n::{
    fmt_count, fmt_period, indicator_meaning, indicator_name, status_icon, status_text, words,
    Lang, Text,
};
use crate::model::Model;
use crate::perf;
use crate::state::{navigator, Ctx};
use crate::summary::{self, Kpi};
use crate::url::ViewState;
use contract::{Count, Counts, Indicator};
use leptos::prelude::*;

/// The six tiles for the model's unit and period, under one heading.
#[component]
pub fn KpiTiles() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let go = navigator();
    // Rebuilt when the figures change; picking an indicator moves the selection only.
    move || {
        let go = go.clone();
        ctx.figures.get().ok().map(move |m| {
            let lang = m.state.lang;
            let period = m.period();
            let tiles = Indicator::ALL
                .into_iter()
                .map(|ind| {
                    let k = summary::kpi(&m.snap, &m.unit.id, period, ind, &m.base.manifest.targets);
                    tile(&m, k, lang, go.clone())
                })
                .collect_view();
            view! {
                <section class="kpis" aria-labelledby="kpi-heading">
                    <h2 id="kpi-heading" class="section-title">
                        {Text::Headline.get(lang)}" — "{m.unit.name.clone()}", "{fmt_period(period, lang)}
                    </h2>
                    <div class="kpi-grid">{tiles}</div>
                </section>
            }
        })
    }
}

/// One tile. Clicking its name shows the indicator in the trend and ranking.
fn tile<G: Fn(ViewState) + 'static>(
    m: &Model,
    k: Kpi,
    lang: Lang,
    go: G,
) -> impl IntoView + use<G> {
    let ctx = expect_context::<Ctx>();
    let (key, ind) = (k.ind.key(), k.ind);
    let (period, first) = (m.period(), m.base.manifest.first_month);
    let status_class = k.status.map_or("none", status_class);
    let selected = move || ctx.state.with(|s| s.ind == ind);
    let next = m.state.with_indicator(k.ind);
    let href = next.href();
    let status = k.status.map(|s| {
        view! {
            <p class="kpi-status" data-testid=format!("status-{key}")>
                <span class="status-icon" aria-hidden="true">{status_icon(s)}</span>
                " "{status_text(s, lang)}
            </p>
        }
    });
    let services =
        (k.ind == Indicator::Services).then(|| services_list("kpi-services", k.counts, lang));
    let partial = k.partial.then(|| {
        view! {
            <p class="kpi-partial" data-testid=format!("partial-{key}")>
                <span aria-hidden="true">"◐ "</span>{Text::Partial.get(lang)}
            </p>
        }
    });
    view! {
        <article class=format!("kpi status-{status_class}") class:selected=selected aria-labelledby=format!("kpi-h-{key}")>
            <h3 id=format!("kpi-h-{key}")>
                <a href=href aria-current=move || selected().then_some("true") on:click=move |ev| {
                    perf::change();
                    ev.prevent_default();
                    go(next.clone());
                }>{indicator_name(k.ind, lang)}</a>
            </h3>
            <p class="kpi-meaning">{indicator_meaning(k.ind, lang)}</p>
            <p class="kpi-value" class:no-data=k.value.is_none() data-testid=format!("kpi-{key}")>{fmt_value_across(k.ind, k.value, &m.unit, period, first, lang)}</p>
            {status}
            {partial}
            {tile_note(m, ind)}
            <p class="kpi-target">{words::target_line(k.ind, k.target, lang)}</p>
            <dl class="kpi-changes">
                <div>
                    <dt>{Text::VsPrevious.get(lang)}</dt>
                    <dd data-testid=format!("change-prev-{key}")>{fmt_change_across(k.ind, k.vs_previous, &m.unit, period.previous(), first, lang)}</dd>
                </div>
                <div>
                    <dt>{Text::VsYearEarlier.get(lang)}</dt>
                    <dd data-testid=format!("change-year-{key}")>{fmt_change_across(k.ind, k.vs_year_earlier, &m.unit, Some(period.year_earlier()), first, lang)}</dd>
                </div>
            </dl>
            {services}
        </article>
    }
}

/// Level 3 and 4 services offered and the online dossiers they received,
/// as a `<dl>` of class `class` (the services tile, the services slide).
pub fn services_list(
    class: &'static str,
    counts: Option<Counts>,
    lang: Lang,
) -> impl IntoView + use<> {
    let c = counts.unwrap_or_default();
    let field = |f: Count| fmt_count(c[f], lang);
    view! {
        <dl class=class>
            <div><dt>{Text::Level3.get(lang)}</dt><dd>{field(Count::Level3Services)}</dd></div>
            <div><dt>{Text::Level4.get(lang)}</dt><dd>{field(Count::Level4Services)}</dd></div>
            <div><dt>{Text::OnlineDossiers34.get(lang)}</dt><dd>{fmt_count(c.level34_online_dossiers(), lang)}</dd></div>
        </dl>
    }
}
