//! The sortable table of child units (or of a commune's months): the
//! overview's units table, and the rows, headers and focus handling the
//! public page's table shares. Headers are real buttons inside
//! `<th scope="col">` with `aria-sort`, so sorting works by keyboard and is
//! announced.

use super::reactive::{html_when_shown, part_text, parts_of};
use super::revised::cell_mark;
use super::status::status_class;
use crate::charts::escape;
use crate::history;
use crate::i18n::{
    fmt_count, fmt_period, fmt_value, indicator_name, status_icon, status_text, Lang, Text,
};
use crate::model::Model;
use crate::state::Ctx;
use crate::summary::{self, Column, Row};
use contract::{Count, Fields, Indicator, Level};
use leptos::prelude::*;

/// A table's sort: (column, ascending); `None` keeps the ranking order.
pub type Sort = Option<(Column, bool)>;

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

/// The rows to show, sorted by `sort`: child units (in ranking order
/// unless sorted), or a commune's months; the flag is true for months.
pub fn sorted_rows(m: &Model, sort: Sort) -> (Vec<Row>, bool) {
    let (mut rows, months) = rows_of(m);
    if let Some((col, asc)) = sort {
        summary::sort_rows(&mut rows, col, asc);
    }
    (rows, months)
}

/// The rows to show: child units in ranking order, or a commune's months.
fn rows_of(m: &Model) -> (Vec<Row>, bool) {
    let targets = &m.base.manifest.targets;
    let children = m.base.children(&m.unit.id);
    if children.is_empty() {
        let (first, last) = (m.base.manifest.first_month, m.base.manifest.last_month);
        let (first, last) = history::months_with_figures(&m.unit, first, last);
        let rows = summary::month_rows(
            &m.snap,
            &m.unit.id,
            first,
            last,
            m.state.ind,
            targets,
            m.state.lang,
        );
        return (rows, true);
    }
    (
        summary::ranking(
            &m.snap,
            &children,
            m.period(),
            m.base.manifest.first_month,
            m.state.ind,
            targets,
        ),
        false,
    )
}

/// The note above a table of months: why a unit's table has no units.
pub fn months_note(months: bool, level: Level, lang: Lang) -> Option<&'static str> {
    match (months, level) {
        (true, Level::Commune) => Some(Text::CommuneNote.get(lang)),
        (true, _) => Some(Text::NoChildren.get(lang)),
        _ => None,
    }
}

/// What the table shows for one model and sort order.
#[derive(Clone, PartialEq)]
struct TableParts {
    heading: String,
    note: Option<&'static str>,
    region: String,
    caption: String,
    /// The rows are months (a unit without units below it).
    months: bool,
    body: String,
}

fn table_parts(m: &Model, sort: Sort) -> TableParts {
    let lang = m.state.lang;
    let (rows, months) = sorted_rows(m, sort);
    let heading = if months {
        Text::MonthsTable
    } else {
        Text::UnitsTable
    };
    let note = months_note(months, m.unit.level, lang);
    TableParts {
        heading: format!("{} — {}", heading.get(lang), m.unit.name),
        note,
        region: format!("{} ({})", heading.get(lang), Text::TableScroll.get(lang)),
        caption: format!("{}, {}", heading.get(lang), fmt_period(m.period(), lang)),
        months,
        body: rows_html(&rows, m),
    }
}

/// The table's elements stay from one redraw to the next and only their
/// contents change, like the ranking's: below the fold, the table stays
/// skipped by `content-visibility` instead of being laid out anew.
#[component]
pub fn UnitsTable() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let sort = RwSignal::<Sort>::new(None);
    refocus_sorted_header(sort, "units-table");
    let parts = parts_of(move |m| table_parts(m, sort.get()));
    let text = |f| part_text(parts, f);
    let (body, on_state) = html_when_shown(text(|p| p.body.clone()));
    // The headers change with the language, the indicator (the status
    // column's) and the sort, not with the period.
    let head = Memo::new(move |_| {
        let months = parts.with(|p| p.as_ref().map(|p| p.months))?;
        let state = ctx
            .model
            .with(|m| m.as_ref().ok().map(|m| (m.state.lang, m.state.ind)))?;
        Some((months, state, sort.get()))
    });
    let headers = move || {
        let (months, (lang, ind), _) = head.get()?;
        Some(
            Column::ALL
                .into_iter()
                .map(|col| header(col, months, lang, ind, sort))
                .collect_view(),
        )
    };
    let note = move || {
        parts
            .with(|p| p.as_ref().and_then(|p| p.note))
            .map(|n| view! { <p class="note">{n}</p> })
    };
    view! {
        <section class="panel" aria-labelledby="table-heading">
            <h2 id="table-heading">{text(|p| p.heading.clone())}</h2>
            {note}
            <div class="table-scroll" tabindex="0" role="region" aria-label=text(|p| p.region.clone()) on:contentvisibilityautostatechange=on_state>
                <table class="data-table numbers" data-testid="units-table">
                    <caption class="visually-hidden">{text(|p| p.caption.clone())}</caption>
                    <thead><tr>{headers}</tr></thead>
                    <tbody inner_html=body></tbody>
                </table>
            </div>
        </section>
    }
}

/// Sorting redraws the table; put the keyboard focus back on the button
/// of the sorted column (of the table with `data-testid=table`) so a
/// keyboard user can go on sorting.
pub fn refocus_sorted_header(sort: RwSignal<Sort>, table: &'static str) {
    Effect::new(move |_| {
        if sort.get().is_none() {
            return;
        }
        let button = web_sys::window().and_then(|w| w.document()).and_then(|d| {
            d.query_selector(&format!(
                "[data-testid=\"{table}\"] th:not([aria-sort=\"none\"]) button"
            ))
            .ok()
            .flatten()
        });
        if let Some(button) = button {
            use wasm_bindgen::JsCast;
            if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        }
    });
}

/// A header cell with its sort button.
pub fn header(
    col: Column,
    months: bool,
    lang: Lang,
    ind: Indicator,
    sort: RwSignal<Sort>,
) -> impl IntoView + use<> {
    let label = match (col, months) {
        (Column::Name, true) => Text::Month.get(lang).to_string(),
        (Column::Status, _) => {
            format!("{} ({})", Text::Status.get(lang), indicator_name(ind, lang))
        }
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

/// The rows as HTML text, inserted with `inner_html`. With `erase_components`
/// (see `.cargo/config.toml`) Leptos updates an element by removing and
/// setting again every one of its attributes, about 3,600 DOM changes per
/// redraw for a hundred communes; parsing one string is a fraction of that.
/// Every text is escaped (unit names are input).
fn rows_html(rows: &[Row], m: &Model) -> String {
    let mut html = String::with_capacity(rows.len() * 400);
    for r in rows {
        table_row(&mut html, r, m);
    }
    html
}

/// One row: the name links to the unit's own page.
fn table_row(html: &mut String, r: &Row, m: &Model) {
    let lang = m.state.lang;
    let c = r.counts;
    let label = escape(&r.label);
    html.push_str("<tr><th scope=\"row\">");
    if r.link {
        let href = escape(&m.state.child_href(&r.key));
        html.push_str(&format!("<a href=\"{href}\">{label}</a>"));
    } else {
        html.push_str(&format!("<span>{label}</span>"));
    }
    html.push_str("</th>");
    // Every cell is right-aligned by the table's class `numbers`.
    let mut cell = |text: String, uses: Fields| {
        html.push_str("<td>");
        html.push_str(&escape(&r.cell(text, lang)));
        html.push_str(&cell_mark(r, m, uses));
        html.push_str("</td>");
    };
    for f in [Count::ReceivedTotal, Count::ResolvedTotal] {
        cell(fmt_count(c.and_then(|c| c[f]), lang), Fields::of(&[f]));
    }
    for col in [
        Column::OnTime,
        Column::Online,
        Column::Satisfaction,
        Column::Apology,
        Column::Overdue,
    ] {
        let ind = col.indicator().expect("indicator column");
        cell(
            fmt_value(ind, c.and_then(|c| ind.value(&c)), lang),
            ind.fields(),
        );
    }
    let status = match r.status {
        Some(s) => format!(
            "<span class=\"badge status-{}\"><span aria-hidden=\"true\">{} </span>{}</span>",
            status_class(s),
            escape(status_icon(s)),
            escape(status_text(s, lang))
        ),
        None => "<span class=\"muted\">—</span>".to_string(),
    };
    html.push_str(&format!("<td>{status}</td></tr>"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{model, snapshot};
    use contract::Status;

    #[test]
    fn rows_are_escaped_html_with_links() {
        let m = model("01", snapshot("2024-01", vec![]));
        let row = |key: &str, label: &str, link, status| Row {
            key: key.into(),
            label: label.into(),
            link,
            counts: None,
            value: None,
            status,
            refused: None,
        };
        let rows = [
            row(
                "0001",
                "<script>x</script> & co",
                true,
                Some(Status::Missed),
            ),
            row("2024-01", "Tháng 1/2024", false, None),
        ];
        let html = rows_html(&rows, &m);
        assert_eq!(html.matches("<tr>").count(), 2);
        assert_eq!(html.matches("<td>").count(), 16);
        assert_eq!(html.matches("<td>Chưa có số liệu</td>").count(), 14);
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt; &amp; co</a>"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("<a href=\"./?unit=0001&amp;ind=on_time&amp;lang=vi\">"));
        assert!(html.contains("<span>Tháng 1/2024</span>"));
        assert!(html.contains("<span class=\"badge status-missed\"><span aria-hidden=\"true\">"));
        assert!(html.contains("<span class=\"muted\">—</span>"));
        // A unit without a figure because units changed: every cell says so.
        let refused = Row {
            refused: contract::Month::parse("2025-07"),
            ..row("0002", "Xã Mới", true, None)
        };
        let html = rows_html(&[refused], &m);
        assert_eq!(html.matches("<td>Không so sánh được</td>").count(), 7);
        assert!(!html.contains("Chưa có số liệu"));
    }
}
