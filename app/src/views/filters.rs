//! The area, period and indicator pickers. Each change navigates to the
//! new URL (push), so Back undoes it and a link reproduces the view.

use super::{navigator, Ctx};
use crate::i18n::{fmt_period_option, indicator_name, kind_from_key, kind_key, kind_name, Text};
use crate::state::switch_kind;
use data_pipeline::contract::{Indicator, Period, PeriodKind};
use leptos::prelude::*;

/// Indents a unit name by its depth in the tree (non-breaking spaces, since
/// `<option>` collapses ordinary ones).
pub fn indented(name: &str, depth: usize) -> String {
    format!("{}{name}", "\u{a0}\u{a0}\u{a0}\u{a0}".repeat(depth))
}

#[component]
pub fn Filters() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = move || ctx.lang();
    let go = navigator();

    let go_unit = go.clone();
    let on_unit = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        go_unit(ctx.state.get_untracked().with_unit(&code));
    };
    let go_kind = go.clone();
    let on_kind = move |ev: leptos::ev::Event| {
        let Some(kind) = kind_from_key(&event_target_value(&ev)) else {
            return;
        };
        let Ok(m) = ctx.model.get_untracked() else {
            return;
        };
        let manifest = &m.base.manifest;
        let next = switch_kind(m.period, kind, manifest.first_month, manifest.last_month);
        go_kind(m.state.with_period(next));
    };
    let go_period = go.clone();
    let on_period = move |ev: leptos::ev::Event| {
        if let Some(p) = Period::parse(&event_target_value(&ev)) {
            go_period(ctx.state.get_untracked().with_period(p));
        }
    };
    let on_ind = move |ev: leptos::ev::Event| {
        if let Some(i) = Indicator::from_key(&event_target_value(&ev)) {
            go(ctx.state.get_untracked().with_indicator(i));
        }
    };

    let unit_options = move || {
        ctx.model.get().ok().map(|m| {
            m.base
                .tree()
                .into_iter()
                .map(|(u, depth)| {
                    let selected = u.code == m.unit.code;
                    view! { <option value=u.code.clone() selected=selected>{indented(&u.name, depth)}</option> }
                })
                .collect_view()
        })
    };
    let kind_options = move || {
        let current = ctx.model.with(|m| m.as_ref().map(|m| m.period.kind()).ok());
        [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year, PeriodKind::YearToDate]
            .into_iter()
            .map(|k| view! { <option value=kind_key(k) selected=Some(k) == current>{kind_name(k, lang())}</option> })
            .collect_view()
    };
    let period_options = move || {
        ctx.model.get().ok().map(|m| {
            let manifest = &m.base.manifest;
            Period::all_within(manifest.first_month, manifest.last_month)
                .into_iter()
                .filter(|p| p.kind() == m.period.kind())
                .map(|p| {
                    view! { <option value=p.to_string() selected=p == m.period>{fmt_period_option(p, m.state.lang)}</option> }
                })
                .collect_view()
        })
    };
    let ind_options = move || {
        let current = ctx.state.with(|s| s.ind);
        Indicator::ALL
            .into_iter()
            .map(|i| view! { <option value=i.key() selected=i == current>{indicator_name(i, lang())}</option> })
            .collect_view()
    };

    view! {
        <form class="filters" aria-label=move || Text::Filters.get(lang()) on:submit=|ev| ev.prevent_default()>
            <div class="field field-unit">
                <label for="f-unit">{move || Text::Area.get(lang())}</label>
                <select id="f-unit" data-testid="unit" on:change=on_unit>{unit_options}</select>
            </div>
            <div class="field">
                <label for="f-kind">{move || Text::PeriodKind.get(lang())}</label>
                <select id="f-kind" data-testid="period-kind" on:change=on_kind>{kind_options}</select>
            </div>
            <div class="field">
                <label for="f-period">{move || Text::Period.get(lang())}</label>
                <select id="f-period" data-testid="period" on:change=on_period>{period_options}</select>
            </div>
            <div class="field">
                <label for="f-ind">{move || Text::RankingIndicator.get(lang())}</label>
                <select id="f-ind" data-testid="indicator" on:change=on_ind>{ind_options}</select>
            </div>
        </form>
    }
}
