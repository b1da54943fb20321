//! The overview's data-quality panel: how many rows of each input file
//! the pipeline read, accepted, quarantined and dropped as identical
//! duplicates (from the manifest), the unit's own rows, and which units
//! received no dossier in the period. Closed at first; built only while open.

use crate::data::Base;
use crate::i18n::{fmt_int, fmt_period, Lang, Text};
use crate::model::Model;
use crate::parts::reactive::details_open;
use crate::state::Ctx;
use contract::files::REJECTED;
use contract::{Count, Period, ProvinceSnapshot, UnitInfo};
use leptos::prelude::*;

/// The data-quality panel, closed at first; its contents are built only
/// while it is open.
#[component]
pub fn QualitySection() -> impl IntoView {
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

/// The panel's contents for one model.
fn quality_view(m: &Model) -> impl IntoView + use<> {
    let lang = m.state.lang;
    let rows = m
        .snap
        .units
        .get(&m.unit.id)
        .map(|s| s.rows)
        .unwrap_or_default();
    let period = m.period();
    view! {
        <h3>{Text::QualityInputs.get(lang)}</h3>
        {inputs_table(m, lang)}
        <h3>{Text::UnitRows.get(lang)}": "{m.unit.name.clone()}</h3>
        <p data-testid="unit-rows">{unit_rows_phrase(rows.accepted, rows.rejected, lang)}</p>
        <h3>{Text::SilentUnits.get(lang)}": "{fmt_period(period, lang)}</h3>
        {silent_list(m, period, lang)}
    }
}

/// Rows read, accepted, rejected and duplicated, per input file.
fn inputs_table(m: &Model, lang: Lang) -> impl IntoView + use<> {
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
    view! {
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
    }
}

/// The units that sent nothing in the period, each a link, or "none".
fn silent_list(m: &Model, period: Period, lang: Lang) -> AnyView {
    let silent = silent_units(&m.base, &m.snap, &m.unit.id, period);
    if silent.is_empty() {
        return view! { <p data-testid="silent-units">{Text::NoSilentUnits.get(lang)}</p> }
            .into_any();
    }
    let items = silent
        .iter()
        .map(|(u, why)| {
            let note =
                (*why == Silence::NoReport).then(|| format!(" — {}", Text::NoReport.get(lang)));
            view! { <li><a href=m.state.child_href(&u.id)>{u.name.clone()}</a>{note}</li> }
        })
        .collect_view();
    view! { <ul data-testid="silent-units">{items}</ul> }.into_any()
}

/// "12.345 dòng được dùng …, 3 dòng bị loại (rejected.csv)".
fn unit_rows_phrase(accepted: u64, rejected: u64, lang: Lang) -> String {
    let (accepted, rejected) = (fmt_int(accepted, lang), fmt_int(rejected, lang));
    match lang {
        Lang::Vi => format!(
            "{accepted} dòng được dùng (hồ sơ và Biểu số 06), {rejected} dòng bị loại ({REJECTED})"
        ),
        Lang::En => format!(
            "{accepted} rows used (dossiers and Form 06 reports), {rejected} rows set aside ({REJECTED})"
        ),
    }
}

/// Why a unit is listed as having sent nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Silence {
    /// Its dossier export has no dossier received in the period.
    NoDossier,
    /// It sends Form 06 reports, and none covers the period.
    NoReport,
}

/// The units checked for a unit: its children, or the unit itself when it
/// has none (a commune), that sent nothing for the period: no dossier
/// received (`received_total` is 0) or no report (it is unknown). Units
/// without any record are not listed: they are outside the data.
pub fn silent_units<'a>(
    base: &'a Base,
    snap: &ProvinceSnapshot,
    code: &str,
    period: Period,
) -> Vec<(&'a UnitInfo, Silence)> {
    let mut units = base.children(code);
    if units.is_empty() {
        units.extend(base.unit(code));
    }
    units
        .into_iter()
        .filter_map(
            |u| match snap.counts(&u.id, period)?[Count::ReceivedTotal] {
                Some(0) => Some((u, Silence::NoDossier)),
                None => Some((u, Silence::NoReport)),
                Some(_) => None,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::base;
    use contract::{Counts, Month, UnitSeries};
    use std::collections::BTreeMap;

    fn months(received: &[Option<u64>]) -> UnitSeries {
        UnitSeries {
            months: received
                .iter()
                .map(|r| {
                    let mut c = Counts::zero();
                    c[Count::ReceivedTotal] = *r;
                    c
                })
                .collect(),
            ..Default::default()
        }
    }

    fn snap() -> ProvinceSnapshot {
        let mut units = BTreeMap::new();
        units.insert("01".to_string(), months(&[Some(5), Some(3)]));
        units.insert("001".to_string(), months(&[Some(5), Some(0)]));
        units.insert("0001".to_string(), months(&[Some(5), Some(0)]));
        units.insert("002".to_string(), months(&[Some(0), Some(3)]));
        // 0002 has no record at all: no data, not "sent nothing".
        ProvinceSnapshot {
            schema_version: contract::SCHEMA_VERSION,
            province: "01".into(),
            first_month: Month::parse("2024-01").unwrap(),
            last_month: Month::parse("2024-02").unwrap(),
            units,
            revisions: Vec::new(),
        }
    }

    fn codes(units: Vec<(&UnitInfo, Silence)>) -> Vec<&str> {
        units.iter().map(|(u, _)| u.id.as_str()).collect()
    }

    #[test]
    fn children_that_received_nothing() {
        let (b, s) = (base(), snap());
        let jan = Period::parse("2024-01").unwrap();
        let feb = Period::parse("2024-02").unwrap();
        assert_eq!(codes(silent_units(&b, &s, "01", jan)), ["002"]);
        assert_eq!(codes(silent_units(&b, &s, "01", feb)), ["001"]);
        // Over both months every child received something.
        let q1 = Period::parse("2024-Q1").unwrap();
        assert!(silent_units(&b, &s, "01", q1).is_empty());
    }

    #[test]
    fn a_commune_is_checked_itself() {
        let (b, s) = (base(), snap());
        let jan = Period::parse("2024-01").unwrap();
        let feb = Period::parse("2024-02").unwrap();
        assert!(silent_units(&b, &s, "0001", jan).is_empty());
        assert_eq!(codes(silent_units(&b, &s, "0001", feb)), ["0001"]);
        // No record at all is outside the data, not silence.
        assert!(silent_units(&b, &s, "0002", feb).is_empty());
    }

    #[test]
    fn the_unit_rows_name_the_rejected_file() {
        assert_eq!(
            unit_rows_phrase(12345, 3, Lang::Vi),
            "12.345 dòng được dùng (hồ sơ và Biểu số 06), 3 dòng bị loại (rejected.csv)"
        );
        assert!(unit_rows_phrase(1, 0, Lang::En).ends_with("0 rows set aside (rejected.csv)"));
    }

    #[test]
    fn a_missing_report_is_silence_too() {
        let b = base();
        let mut s = snap();
        s.units.insert("0002".into(), months(&[None, Some(4)]));
        let jan = Period::parse("2024-01").unwrap();
        assert_eq!(
            silent_units(&b, &s, "0002", jan),
            [(b.unit("0002").unwrap(), Silence::NoReport)]
        );
        let q1 = Period::parse("2024-Q1").unwrap();
        assert!(silent_units(&b, &s, "0002", q1).is_empty());
    }
}
