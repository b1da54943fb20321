//! The sortable table of child units (or of a commune's months). Headers
//! are real buttons inside `<th scope="col">` with `aria-sort`, so sorting
//! works by keyboard and is announced.

use super::{Ctx, Model};
use crate::i18n::{self, fmt_count, fmt_value, Lang, Text};
use crate::summary::{self, Column, Row};
use data_pipeline::contract::{Count, Level};
use leptos::prelude::*;

/// Header text of a column.
fn column_label(col: Column, lang: Lang) -> &'static str {
    match col {
        Column::Name => Text::Unit.get(lang),
        Column::Received => Text::Received.get(lang),
        Column::Resolved => Text::Resolved.get(lang),
        Column::OnTime => Text::OnTimeShort.get(lang),
        Column::Online => Text::OnlineShort.get(lang),
        Column::Satisfaction => Text::SatisfiedShort.get(lang),
        Column::Apology => Text::ApologyShort.get(lang),
        Column::Overdue => Text::OverdueShort.get(lang),
        Column::Status => Text::Status.get(lang),
    }
}

/// The rows to show: child units in ranking order, or a commune's months.
pub(super) fn rows_of(m: &Model) -> (Vec<Row>, bool) {
    let targets = &m.base.manifest.targets;
    let children = m.base.children(&m.unit.code);
    if children.is_empty() {
        let (first, last) = (m.base.manifest.first_month, m.base.manifest.last_month);
        let rows = summary::month_rows(
            &m.snap,
            &m.unit.code,
            first,
            last,
            m.state.ind,
            targets,
            m.state.lang,
        );
        return (rows, true);
    }
    (
        summary::ranking(&m.snap, &children, m.period, m.state.ind, targets),
        false,
    )
}

#[component]
pub fn UnitsTable() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // (column, ascending); `None` keeps the ranking order.
    let sort = RwSignal::new(None::<(Column, bool)>);
    super::public::refocus_sorted_header(sort, "units-table");
    move || {
        ctx.model.get().ok().map(|m| {
            let lang = m.state.lang;
            let (mut rows, months) = rows_of(&m);
            if let Some((col, asc)) = sort.get() {
                summary::sort_rows(&mut rows, col, asc);
            }
            let heading = if months { Text::MonthsTable } else { Text::UnitsTable };
            let note = match (months, m.unit.level) {
                (true, Level::Commune) => Some(Text::CommuneNote.get(lang)),
                (true, _) => Some(Text::NoChildren.get(lang)),
                _ => None,
            };
            let headers = Column::ALL.into_iter().map(|col| header(col, months, &m, sort)).collect_view();
            let body = rows.iter().map(|r| table_row(r, &m)).collect_view();
            view! {
                <section class="panel" aria-labelledby="table-heading">
                    <h2 id="table-heading">{heading.get(lang)}" — "{m.unit.name.clone()}</h2>
                    {note.map(|n| view! { <p class="note">{n}</p> })}
                    <div class="table-scroll" tabindex="0" role="region" aria-label=format!("{} ({})", heading.get(lang), Text::TableScroll.get(lang))>
                        <table class="data-table" data-testid="units-table">
                            <caption class="visually-hidden">{heading.get(lang)}", "{i18n::fmt_period(m.period, lang)}</caption>
                            <thead><tr>{headers}</tr></thead>
                            <tbody>{body}</tbody>
                        </table>
                    </div>
                </section>
            }
        })
    }
}

/// A header cell with its sort button (also used by the public page).
pub(super) fn header(
    col: Column,
    months: bool,
    m: &Model,
    sort: RwSignal<Option<(Column, bool)>>,
) -> impl IntoView + use<> {
    let lang = m.state.lang;
    let label = match (col, months) {
        (Column::Name, true) => Text::Month.get(lang).to_string(),
        (Column::Status, _) => format!(
            "{} ({})",
            Text::Status.get(lang),
            i18n::indicator_name(m.state.ind, lang)
        ),
        _ => column_label(col, lang).to_string(),
    };
    let current = sort
        .get_untracked()
        .filter(|(c, _)| *c == col)
        .map(|(_, asc)| asc);
    let aria = match current {
        Some(true) => "ascending",
        Some(false) => "descending",
        None => "none",
    };
    let arrow = match current {
        Some(true) => "▲",
        Some(false) => "▼",
        None => "↕",
    };
    // Names start A→Z; numbers start with the largest.
    let on_click = move |_| {
        let asc = match sort.get_untracked() {
            Some((c, asc)) if c == col => !asc,
            _ => col == Column::Name,
        };
        sort.set(Some((col, asc)));
    };
    let class = if col == Column::Name { "" } else { "num" };
    view! {
        <th scope="col" aria-sort=aria class=class>
            <button type="button" on:click=on_click title=format!("{} {label}", Text::SortBy.get(lang))>
                {label.clone()}<span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

/// One row: the name links to the unit's own page.
fn table_row(r: &Row, m: &Model) -> impl IntoView + use<> {
    let lang = m.state.lang;
    let c = r.counts;
    let count = |f: Count| fmt_count(c.and_then(|c| c[f]), lang);
    let rate = |col: Column| {
        let ind = col.indicator().expect("indicator column");
        fmt_value(ind, c.and_then(|c| ind.value(&c)), lang)
    };
    let name = if r.link {
        view! { <a href=m.state.child_href(&r.key)>{r.label.clone()}</a> }.into_any()
    } else {
        view! { <span>{r.label.clone()}</span> }.into_any()
    };
    let status = match r.status {
        Some(s) => view! {
            <span class=format!("badge status-{}", i18n::status_class(s))>
                <span aria-hidden="true">{i18n::status_icon(s)}" "</span>{i18n::status_text(s, lang)}
            </span>
        }
        .into_any(),
        None => view! { <span class="muted">"—"</span> }.into_any(),
    };
    view! {
        <tr>
            <th scope="row">{name}</th>
            <td class="num">{count(Count::ReceivedTotal)}</td>
            <td class="num">{count(Count::ResolvedTotal)}</td>
            <td class="num">{rate(Column::OnTime)}</td>
            <td class="num">{rate(Column::Online)}</td>
            <td class="num">{rate(Column::Satisfaction)}</td>
            <td class="num">{rate(Column::Apology)}</td>
            <td class="num">{rate(Column::Overdue)}</td>
            <td class="num">{status}</td>
        </tr>
    }
}
