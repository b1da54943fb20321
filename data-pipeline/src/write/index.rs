//! The 766 index's files: `index/<province>.json` (the data the app
//! scores from, loaded only when the index is looked at) and the open-data
//! `index766.csv`, one row per unit, period and code, scored by the
//! contract with the rules of the build.

use super::csv_cell;
use crate::compute::Computed;
use crate::validate::Units;
use contract::index766::{
    push_digits, Card, Figure, IndexSeries, IndexSnapshot, PeriodData, ProvincesSnapshot, Rules,
};
use contract::{Period, PeriodKind, SCHEMA_VERSION};
use std::collections::BTreeMap;

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
///
/// Returned in parts (the header, then each unit's rows), to be
/// written one after the other: the file is hundreds of megabytes
/// nationally, and joining the parts would copy it once more.
pub fn csv(
    units: &Units,
    computed: &Computed,
    index: &[IndexSeries],
    rules: &Rules,
) -> Vec<String> {
    let latest = Period::YearToDate(computed.last);
    let periods: Vec<Period> = Period::all_within(computed.first, computed.last)
        .into_iter()
        .filter(|p| p.kind() != PeriodKind::YearToDate || *p == latest)
        .collect();
    // Millions of rows nationally: the units are split between the cores.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = units.list.len().div_ceil(threads).max(1);
    let rows: Vec<Vec<String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..units.list.len())
            .step_by(chunk)
            .map(|start| {
                let range = start..(start + chunk).min(units.list.len());
                let periods = &periods;
                scope.spawn(move || unit_rows(range, units, computed, index, rules, periods))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("an index766.csv thread"))
            .collect()
    });
    std::iter::once(CSV_HEADER.to_string())
        .chain(rows.into_iter().flatten())
        .collect()
}

/// The rows of the units `range`, in every period of their own: a text
/// per unit, so that no buffer of hundreds of megabytes grows by copies.
fn unit_rows(
    range: std::ops::Range<usize>,
    units: &Units,
    computed: &Computed,
    index: &[IndexSeries],
    rules: &Rules,
    periods: &[Period],
) -> Vec<String> {
    let mut texts: Vec<String> = Vec::with_capacity(range.len());
    for u in range {
        // Units of one level have about as many rows: the last one's size.
        let mut out = String::with_capacity(texts.last().map_or(0, String::len));
        let (unit, series) = (&units.list[u], &computed.series[u]);
        if series.months.is_empty() || unit.pool {
            continue;
        }
        let own = |p: &Period| {
            let (from, to) = p.months();
            unit.valid_in(from.max(computed.first).index())
                && unit.valid_in(to.min(computed.last).index())
        };
        let code = csv_cell(&unit.code);
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
            let head = format!("{code},{period}");
            rows(&mut out, &head, &data.card(rules), rules);
        }
        texts.push(out);
    }
    texts
}

/// The rows of one unit and period, written straight into `out`.
fn rows(out: &mut String, head: &str, card: &Card, rules: &Rules) {
    for (metric, (code, score)) in rules.metrics.iter().zip(&card.metrics) {
        let (Some(figure), None) = (score.figure, &metric.part_of) else {
            continue;
        };
        start(out, head, "metric", code);
        if let Figure::Counts {
            numerator,
            denominator,
        } = figure
        {
            push_digits(out, numerator, 1);
            out.push(',');
            push_digits(out, denominator, 1);
        } else {
            out.push(',');
        }
        out.push(',');
        match (figure.basis_points(), score.zero_over_zero) {
            (Some(bp), _) => {
                push_digits(out, bp / 100, 1);
                out.push('.');
                push_digits(out, bp % 100, 2);
            }
            (None, true) => out.push_str("100.00"),
            (None, false) => {}
        }
        out.push(',');
        points(out, rules, score.points, metric.max_units(rules));
        out.push_str(",\n");
    }
    for g in &card.groups {
        start(out, head, "group", &g.code);
        out.push_str(",,,");
        points(out, rules, g.complete.then_some(g.points), g.max);
        out.push_str(",\n");
    }
    start(out, head, "total", "TOTAL");
    out.push_str(",,,");
    let total = card.complete_total();
    points(out, rules, total, card.groups.iter().map(|g| g.max).sum());
    out.push(',');
    if let Some(grade) = total.and_then(|t| rules.grade(t)) {
        out.push_str(&csv_cell(&grade.name_vi));
    }
    out.push('\n');
}

/// `unit,period,kind,code,`
fn start(out: &mut String, head: &str, kind: &str, code: &str) {
    out.push_str(head);
    out.push(',');
    out.push_str(kind);
    out.push(',');
    out.push_str(code);
    out.push(',');
}

/// `points,max_points` (points empty when there are none).
fn points(out: &mut String, rules: &Rules, points: Option<u64>, max: u64) {
    if let Some(points) = points {
        rules.write(out, points);
    }
    out.push(',');
    rules.write(out, max);
}
