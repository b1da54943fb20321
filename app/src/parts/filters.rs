//! The area, period and indicator pickers, and the periods they offer.
//! Each change navigates to the new URL (push), so Back undoes it and a
//! link reproduces the view.

use crate::data::Base;
use crate::i18n::{fmt_period, indicator_name, kind_name, Text};
use crate::perf;
use crate::state::{navigator, Ctx};
use contract::{Indicator, Month, Period, PeriodKind};
use leptos::prelude::*;
use std::sync::Arc;

/// Indents a unit name by its depth in the tree (non-breaking spaces, since
/// `<option>` collapses ordinary ones).
pub fn indented(name: &str, depth: usize) -> String {
    format!("{}{name}", "\u{a0}\u{a0}\u{a0}\u{a0}".repeat(depth))
}

/// The periods of the current kind within the data, newest first; a period
/// from the URL outside the data is kept (first) so the picker shows it.
pub fn period_choices(current: Period, first: Month, last: Month) -> Vec<Period> {
    let mut list: Vec<Period> = Period::all_within(first, last)
        .into_iter()
        .filter(|p| p.kind() == current.kind())
        .collect();
    if !list.contains(&current) {
        list.insert(0, current);
    }
    list
}

/// The period of another kind that a user switching kind most likely wants:
/// the one that contains the end of the current period, kept inside the data.
pub fn switch_kind(current: Period, kind: PeriodKind, first: Month, last: Month) -> Period {
    let (_, end) = current.months();
    let month = end.clamp(first, last);
    Period::containing(kind, month)
}

/// The loaded base, equal only to the same load (compared by pointer, as
/// comparing thousands of units on every change would cost what it saves).
#[derive(Clone)]
struct SameBase(Arc<Base>);

impl PartialEq for SameBase {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// `no_indicator` leaves out the indicator picker (the public page shows
/// every indicator at once).
#[component]
pub fn Filters(#[prop(optional)] no_indicator: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = move || ctx.lang();
    let go = navigator();

    let go_unit = go.clone();
    let on_unit = move |ev: leptos::ev::Event| {
        perf::change();
        let code = event_target_value(&ev);
        go_unit(ctx.link_state().with_unit(&code));
    };
    let go_kind = go.clone();
    let on_kind = move |ev: leptos::ev::Event| {
        perf::change();
        let Some(kind) = PeriodKind::from_key(&event_target_value(&ev)) else {
            return;
        };
        let Ok(m) = ctx.model.get_untracked() else {
            return;
        };
        let manifest = &m.base.manifest;
        let next = switch_kind(m.period(), kind, manifest.first_month, manifest.last_month);
        go_kind(m.state.with_period(next));
    };
    let go_period = go.clone();
    let on_period = move |ev: leptos::ev::Event| {
        perf::change();
        if let Some(p) = Period::parse(&event_target_value(&ev)) {
            go_period(ctx.link_state().with_period(p));
        }
    };
    let on_ind = move |ev: leptos::ev::Event| {
        perf::change();
        if let Some(i) = Indicator::from_key(&event_target_value(&ev)) {
            go(ctx.link_state().with_indicator(i));
        }
    };

    // The area picker lists the unit tree of the period (thousands of
    // options with national data): its options are built once per data set
    // and tree (units change at most a few times), and a change of unit
    // only moves the selection (a rebuild took most of a redraw).
    let tree = Memo::new(move |_| {
        ctx.figures.with(|m| {
            m.as_ref().ok().map(|m| {
                let month = m.base.tree_month(m.period().months().1);
                (SameBase(m.base.clone()), month)
            })
        })
    });
    let unit = Memo::new(move |_| {
        ctx.model
            .with(|m| m.as_ref().ok().map(|m| m.unit.id.clone()))
    });
    let unit_options = move || {
        tree.get().map(|(SameBase(b), month)| {
            let current = unit.get_untracked();
            b.tree(month)
                .into_iter()
                .map(|(u, depth)| {
                    let selected = current.as_deref() == Some(u.id.as_str());
                    view! { <option value=u.id.clone() selected=selected>{indented(&u.name, depth)}</option> }
                })
                .collect_view()
        })
    };
    // A unit of another period's tree (a new commune's history, say) stays
    // selectable, first, so the picker always shows what the page shows.
    let other_tree_unit = move || {
        ctx.figures.with(|m| {
            let m = m.as_ref().ok()?;
            let month = m.period().months().1;
            (!m.unit.valid_in(month)).then(|| {
                view! { <option value=m.unit.id.clone() selected=true>{m.unit.name.clone()}</option> }
            })
        })
    };
    let unit_select = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        if let (Some(code), Some(select)) = (unit.get(), unit_select.get()) {
            select.set_value(&code);
        }
    });
    // The period pickers follow the figures, not the indicator.
    let kind_options = move || {
        ctx.figures.get().ok().map(|m| {
            let current = m.period().kind();
            PeriodKind::ALL
                .into_iter()
                .map(|k| view! { <option value=k.key() selected=k == current>{kind_name(k, m.state.lang)}</option> })
                .collect_view()
        })
    };
    let period_options = move || {
        ctx.figures.get().ok().map(|m| {
            let (manifest, current) = (&m.base.manifest, m.period());
            period_choices(current, manifest.first_month, manifest.last_month)
                .into_iter()
                .map(|p| {
                    view! { <option value=p.to_string() selected=p == current>{fmt_period(p, m.state.lang)}</option> }
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
                <select id="f-unit" data-testid="unit" node_ref=unit_select on:change=on_unit>{other_tree_unit}{unit_options}</select>
            </div>
            <div class="field">
                <label for="f-kind">{move || Text::PeriodKind.get(lang())}</label>
                <select id="f-kind" data-testid="period-kind" on:change=on_kind>{kind_options}</select>
            </div>
            <div class="field">
                <label for="f-period">{move || Text::Period.get(lang())}</label>
                <select id="f-period" data-testid="period" on:change=on_period>{period_options}</select>
            </div>
            {(!no_indicator).then(|| view! {
                <div class="field">
                    <label for="f-ind">{move || Text::RankingIndicator.get(lang())}</label>
                    <select id="f-ind" data-testid="indicator" on:change=on_ind>{ind_options}</select>
                </div>
            })}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_choices_follow_the_kind_and_keep_the_current_period() {
        let m = |t| Month::parse(t).unwrap();
        let p = |t| Period::parse(t).unwrap();
        let texts = |v: Vec<Period>| v.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        assert_eq!(
            texts(period_choices(p("2024-Q1"), m("2023-11"), m("2024-02"))),
            ["2024-Q1", "2023-Q4"]
        );
        assert_eq!(
            texts(period_choices(p("2020"), m("2023-11"), m("2024-02"))),
            ["2020", "2024", "2023"]
        );
        assert_eq!(
            indented("Xã A", 2),
            "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}Xã A"
        );
    }

    #[test]
    fn switching_kind_keeps_the_end_month_inside_the_data() {
        let m = |t| Month::parse(t).unwrap();
        let p = |t| Period::parse(t).unwrap();
        let (first, last) = (m("2023-11"), m("2024-02"));
        for (from, kind, to) in [
            ("2024-02", PeriodKind::Quarter, "2024-Q1"),
            ("2024-Q1", PeriodKind::Month, "2024-02"),
            ("2023", PeriodKind::YearToDate, "2023-YTD12"),
            ("2024-01", PeriodKind::Year, "2024"),
        ] {
            assert_eq!(switch_kind(p(from), kind, first, last), p(to), "{from}");
        }
    }
}
