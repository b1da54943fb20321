//! The 766 index's files: `index/<province>.json` (the data the app
//! scores from, loaded only when the index is looked at) and the open-data
//! `index766.csv`, one row per unit, period and code, scored by the
//! contract with the rules of the build.

use super::csv_cell;
use crate::compute::Computed;
use crate::validate::Units;
use contract::index766::{
    Card, Figure, IndexSeries, IndexSnapshot, PeriodData, ProvincesSnapshot, Rules,
};
use contract::{Period, PeriodKind, SCHEMA_VERSION};
use std::collections::BTreeMap;
use std::fmt::Write;

/// One file per province version, like the indicator files.
pub fn snapshots(
    units: &Units,
    computed: &Computed,
    index: &[IndexSeries],
) -> BTreeMap<String, IndexSnapshot> {
    let mut files: BTreeMap<String, IndexSnapshot> = BTreeMap::new();
    for (u, unit) in units.list.iter().enumerate() {
        let province = units.list[units.province(u)].id.clone();
        let file = files
            .entry(province.clone())
            .or_insert_with(|| IndexSnapshot {
                schema_version: SCHEMA_VERSION,
                province,
                units: BTreeMap::new(),
            });
        if !computed.series[u].months.is_empty() && !index[u].is_empty() {
            file.units.insert(unit.id.clone(), index[u].clone());
        }
    }
    files
}

/// Every province version's series, for ranking provinces.
pub fn provinces(units: &Units, computed: &Computed, index: &[IndexSeries]) -> ProvincesSnapshot {
    let units = units
        .list
        .iter()
        .enumerate()
        .filter(|(u, unit)| unit.parent.is_none() && !computed.series[*u].months.is_empty())
        .map(|(u, unit)| {
            (
                unit.id.clone(),
                (computed.series[u].clone(), index[u].clone()),
            )
        })
        .collect();
    ProvincesSnapshot {
        schema_version: SCHEMA_VERSION,
        first_month: computed.first,
        last_month: computed.last,
        units,
    }
}

pub const CSV_HEADER: &str =
    "unit_code,period,kind,code,numerator,denominator,ratio,points,max_points,grade\n";

/// `index766.csv`: for every unit and period within its own validity
/// (months, quarters, years, and the year to date of the data's last
/// month, the portal's default), each scored metric, each group and the
/// total. The year to date of every other month is left to the dashboard,
/// which scores any period from `index/<province>.json`: in the file it
/// would multiply the rows by three. Empty cells are no data: a metric without a
/// figure has no row, and a group or total with such a metric has no
/// points (incomplete, never scored as if 0).
pub fn csv(units: &Units, computed: &Computed, index: &[IndexSeries], rules: &Rules) -> String {
    let mut out = String::from(CSV_HEADER);
    let latest = Period::YearToDate(computed.last);
    let periods: Vec<Period> = Period::all_within(computed.first, computed.last)
        .into_iter()
        .filter(|p| p.kind() != PeriodKind::YearToDate || *p == latest)
        .collect();
    for (u, unit) in units.list.iter().enumerate() {
        let series = &computed.series[u];
        if series.months.is_empty() || unit.pool {
            continue;
        }
        let own = |p: &Period| {
            let (from, to) = p.months();
            unit.valid_in(from.max(computed.first).index())
                && unit.valid_in(to.min(computed.last).index())
        };
        for &period in periods.iter().filter(|p| own(p)) {
            let data = PeriodData::of(
                series,
                Some(&index[u]),
                computed.first,
                computed.last,
                period,
            );
            if data.counts.is_none() && data.given.is_empty() {
                continue;
            }
            let head = format!("{},{period}", csv_cell(&unit.code));
            rows(&mut out, &head, &data.card(rules), rules);
        }
    }
    out
}

/// The rows of one unit and period.
fn rows(out: &mut String, head: &str, card: &Card, rules: &Rules) {
    for (metric, (code, score)) in rules.metrics.iter().zip(&card.metrics) {
        let (Some(figure), None) = (score.figure, &metric.part_of) else {
            continue;
        };
        let (numerator, denominator) = match figure {
            Figure::Counts {
                numerator,
                denominator,
            } => (numerator.to_string(), denominator.to_string()),
            Figure::Ratio { .. } => (String::new(), String::new()),
        };
        let ratio = match (figure.basis_points(), score.zero_over_zero) {
            (Some(bp), _) => format!("{}.{:02}", bp / 100, bp % 100),
            (None, true) => "100.00".into(),
            (None, false) => String::new(),
        };
        let points = score.points.map(|p| rules.format(p)).unwrap_or_default();
        let max = rules.format(metric.max_units(rules));
        let _ = writeln!(
            out,
            "{head},metric,{code},{numerator},{denominator},{ratio},{points},{max},"
        );
    }
    for g in &card.groups {
        let points = if g.complete {
            rules.format(g.points)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{head},group,{},,,,{points},{},",
            g.code,
            rules.format(g.max)
        );
    }
    let max: u64 = card.groups.iter().map(|g| g.max).sum();
    let (points, grade) = match card.complete_total() {
        Some(total) => (
            rules.format(total),
            rules
                .grade(total)
                .map(|g| csv_cell(&g.name_vi))
                .unwrap_or_default(),
        ),
        None => (String::new(), String::new()),
    };
    let _ = writeln!(
        out,
        "{head},total,TOTAL,,,,{points},{},{grade}",
        rules.format(max)
    );
}
