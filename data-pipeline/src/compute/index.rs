//! The 766 index's data for every unit version and month, parallel to its
//! indicator series: the dossier counts of [`IndexCount`] and the figures
//! given by `index_metrics.csv`. Scoring is the contract's, from these.
//!
//! Both roll up like the indicators: a unit's counts are its own and those
//! of every unit below it, and a version whose predecessors all went
//! wholly into it takes their sums for the months before it. A count that
//! some unit below cannot give (it sends Form 06) is no data, never a
//! partial sum. A given figure is the unit's own row, or else its units'
//! rows added up when every one of them has one (a ratio never adds up).

use super::{cell_key, count_if, Computed, CELL};
use crate::error::Error;
use crate::validate::{Given, Units, Valid};
use contract::columns::{
    DUE_DAY, FEE_BIT, FLAGS, FLAG_INPUTS, RATING_CODE, RECV_MONTH, RES_DAY, RES_MONTH, UNIT,
};
use contract::index766::{Figure, IndexCount, IndexCounts, IndexSeries};
use contract::Before;
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Every unit version's index series, indexed like [`Units::list`].
pub fn series(valid: &Valid, computed: &Computed) -> Result<Vec<IndexSeries>, Error> {
    let units = &valid.units;
    let first = computed.first.index();
    let months = (computed.last.index() - first + 1) as usize;
    let counts = dossier_counts(valid, first, months)?;
    let codes: Vec<&str> = valid
        .index
        .rules
        .rules
        .metrics
        .iter()
        .map(|m| m.code.as_str())
        .collect();
    let given = given_figures(units, &valid.index.given.list, &codes, first);
    let uncounted = valid.dossiers.frame.height() == 0 && valid.reports.list.is_empty();
    let mut out: Vec<IndexSeries> = vec![IndexSeries::default(); units.list.len()];
    for u in order_of_history(units) {
        let (series, list) = (&computed.series[u], &units.list[u]);
        let start = series.offset as usize;
        let range = start..start + series.months.len();
        let own_from = (list.from.max(first) - first) as usize;
        let combined = |m: usize| m < own_from && list.before == Before::Combined;
        let month_counts = |m: usize| match combined(m) {
            true => {
                let theirs = list
                    .predecessors
                    .iter()
                    .map(|&p| at(&out[p], computed, p, m).0);
                let theirs: Vec<IndexCounts> =
                    theirs.map(|c| c.copied().unwrap_or_default()).collect();
                IndexCounts::sum(&theirs)
            }
            false => counts[u * months + m],
        };
        let index: Vec<IndexCounts> = range.clone().map(month_counts).collect();
        let mut codes: BTreeMap<String, Vec<Option<Figure>>> = BTreeMap::new();
        let metrics: HashSet<&String> = given.keys().map(|(_, _, c)| c).collect();
        for code in metrics {
            let figure = |m: usize| match combined(m) {
                true => sum_all(list.predecessors.iter().map(|&p| {
                    at(&out[p], computed, p, m)
                        .1
                        .and_then(|g| g.get(code).copied().flatten())
                })),
                false => given.get(&(u, m, code.clone())).copied(),
            };
            let figures: Vec<Option<Figure>> = range.clone().map(figure).collect();
            if figures.iter().any(Option::is_some) {
                codes.insert(code.clone(), figures);
            }
        }
        let known = index.iter().any(|m| m.0.iter().any(Option::is_some));
        out[u] = IndexSeries {
            months: if known { index } else { Vec::new() },
            given: codes,
            uncounted,
        };
    }
    Ok(out)
}

/// A unit's index counts and given figures of month `m` (from the data's
/// first month), when its series has that month.
fn at<'a>(
    series: &'a IndexSeries,
    computed: &Computed,
    u: usize,
    m: usize,
) -> (
    Option<&'a IndexCounts>,
    Option<BTreeMap<&'a String, Option<Figure>>>,
) {
    let offset = computed.series[u].offset as usize;
    let Some(i) = m.checked_sub(offset) else {
        return (None, None);
    };
    let given = series
        .given
        .iter()
        .map(|(c, v)| (c, v.get(i).copied().flatten()))
        .collect();
    (series.months.get(i), Some(given))
}

/// Versions oldest first, so a version combining its predecessors finds
/// their series made.
fn order_of_history(units: &Units) -> Vec<usize> {
    let mut order: Vec<usize> = (0..units.list.len()).collect();
    order.sort_by_key(|&u| units.list[u].from);
    order
}

/// The sum of figures that all exist (and add up: counts, not ratios).
fn sum_all(figures: impl Iterator<Item = Option<Figure>>) -> Option<Figure> {
    let mut total: Option<Figure> = None;
    for f in figures {
        total = Some(match total {
            None => f?,
            Some(t) => t.plus(f?)?,
        });
    }
    total
}

/// The dossier counts of every unit version and month, rolled up; `None`
/// where a column is absent or a unit below sends Form 06.
fn dossier_counts(valid: &Valid, first: i32, months: usize) -> Result<Vec<IndexCounts>, Error> {
    let units = &valid.units;
    let key = |unit: Expr, month: Expr| cell_key(unit, month, first, months);
    let frame = &valid.dossiers.frame;
    let mut own = vec![[0u64; 8]; units.list.len() * months];
    if frame.column(FLAGS).is_ok() {
        add(
            &mut own,
            &received_flags(frame, key(col(UNIT), col(RECV_MONTH)))?,
            &RECEIVED_FLAGS,
        )?;
    }
    let holder = key(
        units.timeline.owner_expr(col(UNIT), col(RES_MONTH)),
        col(RES_MONTH),
    );
    let complained = complained(frame, holder)?;
    add(
        &mut own,
        &complained,
        &[("complained", IndexCount::ComplainedOnTime)],
    )?;
    let known = known_counts(valid);
    let reported: HashSet<(usize, usize)> = valid
        .reports
        .list
        .iter()
        .map(|r| (r.unit, (r.month.index() - first) as usize))
        .collect();
    let mut rolled = vec![IndexCounts([Some(0); 8]); own.len()];
    for u in 0..units.list.len() {
        for a in units.self_and_ancestors(u) {
            for m in 0..months {
                let (from, to) = (u * months + m, a * months + m);
                for (f, total) in rolled[to].0.iter_mut().enumerate() {
                    let unknown = !known[f] || reported.contains(&(u, m));
                    *total = total.filter(|_| !unknown).map(|t| t + own[from][f]);
                }
            }
        }
    }
    Ok(rolled)
}

/// The flags counted by month received, and their columns in [`received_flags`].
const RECEIVED_FLAGS: [(&str, IndexCount); 7] = [
    ("result_electronic", IndexCount::ResultElectronic),
    ("digitised", IndexCount::Digitised),
    ("reused_data", IndexCount::ReusedData),
    ("citizen_data", IndexCount::CitizenData),
    ("synced", IndexCount::Synced),
    ("fee_dossiers", IndexCount::FeeDossiers),
    ("paid_online", IndexCount::PaidOnline),
];

/// Which counts the input can give at all.
fn known_counts(valid: &Valid) -> [bool; 8] {
    let has = |c: &str| valid.index.flags.contains(&c);
    let fee = valid.index.fee;
    IndexCount::ALL.map(|c| match c {
        IndexCount::FeeDossiers => fee,
        IndexCount::PaidOnline => fee && has("paid_online"),
        IndexCount::ComplainedOnTime => true,
        other => has(other.name()),
    })
}

fn bit(i: u32) -> Expr {
    (col(FLAGS) / lit(1i32 << i) % lit(2)).eq(lit(1))
}

/// By month received: dossiers with each flag, those with a fee, and those
/// with a fee paid online.
fn received_flags(frame: &DataFrame, cell: Expr) -> Result<DataFrame, Error> {
    let mut aggs: Vec<Expr> = FLAG_INPUTS[..5]
        .iter()
        .enumerate()
        .map(|(i, name)| count_if(bit(i as u32), name))
        .collect();
    let paid = FLAG_INPUTS
        .iter()
        .position(|f| *f == "paid_online")
        .unwrap_or(5) as u32;
    aggs.push(count_if(bit(FEE_BIT), "fee_dossiers"));
    aggs.push(count_if(bit(FEE_BIT).and(bit(paid)), "paid_online"));
    Ok(frame.clone().lazy().group_by([cell]).agg(aggs).collect()?)
}

/// By month resolved, in the version holding the dossier: resolved by the
/// due date and rated `dissatisfied`.
fn complained(frame: &DataFrame, cell: Expr) -> Result<DataFrame, Error> {
    let on_time_and_unhappy = col(RES_DAY)
        .lt_eq(col(DUE_DAY))
        .and(col(RATING_CODE).eq(lit(crate::validate::codes::DISSATISFIED)));
    Ok(frame
        .clone()
        .lazy()
        .filter(col(RES_DAY).is_not_null())
        .group_by([cell])
        .agg([count_if(on_time_and_unhappy, "complained")])
        .collect()?)
}

/// Adds each `(column, count)` of a frame keyed by the grid's cell.
fn add(
    own: &mut [[u64; 8]],
    frame: &DataFrame,
    fields: &[(&str, IndexCount)],
) -> Result<(), Error> {
    let cells = frame.column(CELL)?.i32()?.clone();
    for &(name, field) in fields {
        let values = frame.column(name)?.cast(&DataType::UInt64)?;
        for (c, v) in cells.iter().zip(values.u64()?.iter()) {
            if let (Some(c), Some(v)) = (c, v) {
                own[c as usize][field as usize] += v;
            }
        }
    }
    Ok(())
}

/// The given figures by (unit version, month from the first, metric code):
/// each unit's own rows, and for a unit without its own row the sum of its
/// units' figures when all of them (valid that month, not a pool) have one.
fn given_figures(
    units: &Units,
    given: &[Given],
    codes: &[&str],
    first: i32,
) -> HashMap<(usize, usize, String), Figure> {
    let mut figures: HashMap<(usize, usize, String), Figure> = HashMap::new();
    for g in given {
        let m = (g.month.index() - first) as usize;
        figures.insert((g.unit, m, codes[g.metric].to_string()), g.figure);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); units.list.len()];
    for (u, unit) in units.list.iter().enumerate() {
        if let (Some(p), false) = (unit.parent, unit.pool) {
            children[p].push(u);
        }
    }
    let keys: HashSet<(usize, String)> = figures.keys().map(|(_, m, c)| (*m, c.clone())).collect();
    for (m, code) in keys {
        let month = first + m as i32;
        // Bottom-up: the deepest units first.
        let mut order: Vec<usize> = (0..units.list.len())
            .filter(|&u| units.list[u].valid_in(month))
            .collect();
        order.sort_by_key(|&u| std::cmp::Reverse(units.self_and_ancestors(u).count()));
        for u in order {
            let key = (u, m, code.clone());
            if figures.contains_key(&key) {
                continue;
            }
            let kids = children[u]
                .iter()
                .filter(|&&c| units.list[c].valid_in(month));
            let kids: Vec<usize> = kids.copied().collect();
            if kids.is_empty() {
                continue;
            }
            let sum = sum_all(
                kids.iter()
                    .map(|&c| figures.get(&(c, m, code.clone())).copied()),
            );
            if let Some(sum) = sum {
                figures.insert(key, sum);
            }
        }
    }
    figures
}
