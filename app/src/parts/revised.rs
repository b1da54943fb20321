//! Revised figures: a published figure that a later build changed is
//! marked where it shows (KPI tiles, tables) with the day it was revised,
//! and the public page lists the revisions of its area in plain words.
//! The revisions come with the province's snapshot (`ProvinceSnapshot::
//! revised`), so nothing more is loaded.

use crate::charts::escape;
use crate::data::data_path;
use crate::i18n::{fmt_date, fmt_int, fmt_month, Lang, Text};
use crate::model::Model;
use crate::summary::Row;
use chrono::NaiveDate;
use contract::{files, Fields, Indicator, Month, Period, Revision};
use leptos::prelude::*;

/// How many revisions the public page lists before pointing to the file.
const LISTED: usize = 30;

/// The unit and period of a table row: a child unit in the model's period,
/// or a month of the model's unit (a commune's table of months).
fn row_scope<'a>(r: &'a Row, m: &'a Model) -> (&'a str, Period) {
    match Month::parse(&r.key) {
        Some(month) => (&m.unit.id, Period::Month(month)),
        None => (&r.key, m.period()),
    }
}

/// The mark after a table cell whose figure, computed from `uses`, was
/// revised: a glyph with the day as its tooltip and, for screen readers,
/// as hidden text. Empty when it was never revised.
pub fn cell_mark(r: &Row, m: &Model, uses: Fields) -> String {
    let (unit, period) = row_scope(r, m);
    m.snap
        .revised(unit, uses, period)
        .map(|day| {
            let text = escape(&revised_on(day, m.state.lang));
            format!(
                "<sup class=\"revised\" title=\"{text}\"><span aria-hidden=\"true\">✎</span><span class=\"visually-hidden\"> ({text})</span></sup>"
            )
        })
        .unwrap_or_default()
}

/// The line under a tile's value (a KPI tile, a public result) when the
/// model's figure of `ind` was revised.
pub fn tile_note(m: &Model, ind: Indicator) -> Option<impl IntoView + use<>> {
    let day = m.snap.revised(&m.unit.id, ind.fields(), m.period())?;
    let text = revised_on(day, m.state.lang);
    Some(view! {
        <p class="kpi-revised" data-testid=format!("revised-{}", ind.key())>
            <span aria-hidden="true">"✎ "</span>{text}
        </p>
    })
}

/// "Đã điều chỉnh ngày 02/12/2026".
pub fn revised_on(day: NaiveDate, lang: Lang) -> String {
    format!("{} {}", Text::RevisedOn.get(lang), fmt_date(day, lang))
}

/// The revisions of the model's area (its unit and every unit below),
/// latest first, each in one sentence; and the link to every revision.
#[component]
pub fn RevisionList() -> impl IntoView {
    let ctx = expect_context::<crate::state::Ctx>();
    let html = move || {
        let m = ctx.model.get().ok()?;
        let has_file = (m.base.manifest.outputs.iter()).any(|o| o.file == files::REVISIONS_CSV);
        has_file.then(|| revision_section(&m))
    };
    view! { <div inner_html=move || html().unwrap_or_default()></div> }
}

/// The section as HTML text (a list of sentences needs no components).
fn revision_section(m: &Model) -> String {
    let lang = m.state.lang;
    let in_area = |r: &&Revision| (m.base.ancestors(&r.unit).iter()).any(|u| u.id == m.unit.id);
    // The latest build's first, each build's in the order of the file
    // (the file is in the order of the builds: no sort needed).
    let builds = m.snap.revisions.chunk_by(|a, b| a.on == b.on).rev();
    let shown: Vec<&Revision> = builds.flatten().filter(in_area).collect();
    let mut items = String::new();
    for r in shown.iter().take(LISTED) {
        items.push_str(&format!("<li>{}</li>", escape(&sentence(m, r))));
    }
    let note = match (shown.is_empty(), shown.len().saturating_sub(LISTED)) {
        (true, _) => Text::NoRevisions.get(lang).to_string(),
        (false, 0) => String::new(),
        (false, n) => format!("{} {n}.", Text::MoreRevisions.get(lang)),
    };
    format!(
        "<section class=\"panel\" aria-labelledby=\"revisions-heading\" data-testid=\"revisions\">\
         <h2 id=\"revisions-heading\">{} — {}</h2><p class=\"note\">{}</p>\
         <ul class=\"revisions\">{items}</ul><p>{note}</p>\
         <p><a href=\"{}\" download=\"{}\" data-testid=\"revisions-csv\">{}</a></p></section>",
        Text::Revisions.get(lang),
        escape(&m.unit.name),
        Text::RevisionsIntro.get(lang),
        escape(&data_path(files::REVISIONS_CSV)),
        files::REVISIONS_CSV,
        Text::RevisionsFile.get(lang),
    )
}

/// "Tháng 11/2023 · Xã Ấp Mới 1: số hồ sơ giải quyết đúng hạn từ 3 thành
/// 2 (điều chỉnh ngày 02/12/2026)."
fn sentence(m: &Model, r: &Revision) -> String {
    let lang = m.state.lang;
    let unit = m
        .base
        .unit(&r.unit)
        .map_or(r.unit.as_str(), |u| u.name.as_str());
    let value = |v: Option<u64>| match v {
        Some(v) => fmt_int(v, lang),
        None => Text::NoData.get(lang).to_lowercase(),
    };
    let field = r.field.label();
    let field = match lang {
        Lang::Vi => field.vi,
        Lang::En => field.en,
    };
    format!(
        "{} · {unit}: {field} {} {} {} {} ({} {}).",
        fmt_month(r.month, lang),
        Text::From.get(lang),
        value(r.old),
        Text::To.get(lang),
        value(r.new),
        Text::RevisedOnInline.get(lang),
        fmt_date(r.on, lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{model, row, snapshot};
    use contract::{Count, Counts};

    /// Commune 0001's February 2024 on-time count revised from 5 to 4.
    fn revised_model(lang: Lang) -> Model {
        let mut snap = snapshot("2024-01", vec![("0001", vec![Counts::zero(); 2])]);
        snap.revisions.push(Revision {
            unit: "0001".into(),
            month: Month::new(2024, 2).unwrap(),
            field: Count::ResolvedOnTime,
            old: Some(5),
            new: Some(4),
            on: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
        });
        let mut m = model("001", snap);
        m.state.lang = lang;
        m
    }

    #[test]
    fn a_revised_cell_is_marked_with_its_day_and_others_are_not() {
        let m = revised_model(Lang::Vi);
        let on_time = Indicator::OnTime.fields();
        let mark = cell_mark(&row("0001", None, None), &m, on_time);
        assert!(
            mark.contains("title=\"Đã điều chỉnh ngày 02/12/2026\""),
            "{mark}"
        );
        assert!(mark.contains("visually-hidden"));
        assert_eq!(
            cell_mark(&row("0001", None, None), &m, Indicator::Online.fields()),
            ""
        );
        assert_eq!(cell_mark(&row("0002", None, None), &m, on_time), "");
        // A commune's table of months: the row is the month.
        let m = Model {
            unit: m.base.unit("0001").unwrap().clone(),
            ..m
        };
        assert_ne!(cell_mark(&row("2024-02", None, None), &m, on_time), "");
        assert_eq!(cell_mark(&row("2024-01", None, None), &m, on_time), "");
    }

    #[test]
    fn a_revision_reads_as_one_sentence_in_each_language() {
        let m = revised_model(Lang::En);
        let r = &m.snap.revisions[0];
        assert_eq!(
            sentence(&m, r),
            "February 2024 · Unit 0001: dossiers resolved on the due day from 5 to 4 (revised on 2 Dec 2026)."
        );
        let m = revised_model(Lang::Vi);
        let html = revision_section(&m);
        assert!(html.contains(
            "<li>Tháng 2/2024 · Unit 0001: số hồ sơ giải quyết đúng hạn từ 5 thành 4 (điều chỉnh ngày 02/12/2026).</li>"
        ), "{html}");
    }
}
