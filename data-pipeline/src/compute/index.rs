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

use super::{cell_key, Computed, CELL};
use crate::error::Error;
use crate::validate::{Given, Units, Valid};
use contract::columns::{
    DUE_DAY, FEE_BIT, FLAGS, FLAG_INPUTS, RATING_CODE, RECV_MONTH, RES_DAY, RES_MONTH, UNIT,
};
use contract::index766::{Figure, IndexCount, IndexCounts, IndexSeries};
use contract::Before;
use polars::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// Every unit version's index series, indexed like [`Units::list`].
pub fn series(valid: &Valid, computed: &Computed) -> Result<Vec<IndexSeries>, Error> {
    let units = &valid.units;
    let first = computed.first.index();
    let months = (computed.last.index() - first + 1) as usize;
    let history = History {
        units,
        computed,
        months,
    };
    let mut counts = dossier_counts(valid, first, months)?;
    history.combine(&mut counts, |cells| Some(IndexCounts::sum(cells)));
    let codes = &valid.index.rules.rules.metrics;
    let mut given = given_figures(units, &valid.index.given.list, first, months);
    for grid in given.values_mut() {
        history.combine(grid, |cells| sum_all(cells.iter().copied()).map(Some));
    }
    let uncounted = valid.dossiers.frame.height() == 0 && valid.reports.list.is_empty();
    Ok((0..units.list.len())
        .map(|u| {
            let range = history.range(u);
            let index = &counts[range.clone()];
            let known = index.iter().any(|m| m.0.iter().any(Option::is_some));
            let given = given
                .iter()
                .map(|(&metric, grid)| (codes[metric].code.clone(), grid[range.clone()].to_vec()))
                .filter(|(_, figures)| figures.iter().any(Option::is_some))
                .collect();
            IndexSeries {
                months: if known { index.to_vec() } else { Vec::new() },
                given,
                uncounted,
            }
        })
        .collect())
}

/// The months of each version's series, and its predecessors' combined.
struct History<'a> {
    units: &'a Units,
    computed: &'a Computed,
    months: usize,
}

impl History<'_> {
    /// The cells (unit × months + month) of a version's series.
    fn range(&self, u: usize) -> std::ops::Range<usize> {
        let series = &self.computed.series[u];
        let start = u * self.months + series.offset as usize;
        start..start + series.months.len()
    }

    /// A version whose predecessors all went wholly into it takes, for the
    /// months of its series before its own, the sum of theirs. Oldest
    /// first, so chains of such changes combine in turn.
    fn combine<T: Copy>(&self, grid: &mut [T], sum: impl Fn(&[T]) -> Option<T>) {
        let list = &self.units.list;
        let mut order: Vec<usize> = (0..list.len()).collect();
        order.sort_by_key(|&u| list[u].from);
        let first = self.computed.first.index();
        for u in order
            .into_iter()
            .filter(|&u| list[u].before == Before::Combined)
        {
            let own = (list[u].from.max(first) - first) as usize;
            let start = self.computed.series[u].offset as usize;
            for m in start..own.min(self.months) {
                let theirs: Vec<T> = list[u]
                    .predecessors
                    .iter()
                    .map(|&p| grid[p * self.months + m])
                    .collect();
                if let Some(total) = sum(&theirs) {
                    grid[u * self.months + m] = total;
                }
            }
        }
    }
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
        received_flags(&mut own, frame, key(col(UNIT), col(RECV_MONTH)))?;
    }
    let holder = key(
        units.timeline.owner_expr(col(UNIT), col(RES_MONTH)),
        col(RES_MONTH),
    );
    complained(&mut own, frame, holder)?;
    let known = known_counts(valid);
    let reported: HashSet<(usize, usize)> = valid
        .reports
        .list
        .iter()
        .map(|r| (r.unit, (r.month.index() - first) as usize))
        .collect();
    let mut rolled = vec![IndexCounts([Some(0); 8]); own.len()];
    for u in 0..units.list.len() {
        for m in 0..months {
            let from = u * months + m;
            let reports = reported.contains(&(u, m));
            for a in units.self_and_ancestors(u) {
                let to = a * months + m;
                for (f, total) in rolled[to].0.iter_mut().enumerate() {
                    let unknown = !known[f] || reports;
                    *total = total.filter(|_| !unknown).map(|t| t + own[from][f]);
                }
            }
        }
    }
    Ok(rolled)
}

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

/// Adds, by month received, the dossiers with each flag, those with a fee,
/// and those with a fee paid online: one pass over the cells and the bit
/// masks, which costs far less than a count per flag in a group-by.
fn received_flags(own: &mut [[u64; 8]], frame: &DataFrame, cell: Expr) -> Result<(), Error> {
    let keyed = frame.clone().lazy().select([cell, col(FLAGS)]).collect()?;
    let (cells, flags) = (keyed.column(CELL)?.i32()?, keyed.column(FLAGS)?.i32()?);
    // Bit `i` of FLAG_INPUTS[i] counts as the count of its name; paid
    // online counts only with a fee.
    let bit = |count: IndexCount| FLAG_INPUTS.iter().position(|f| *f == count.name());
    let counted: Vec<(usize, usize)> = IndexCount::ALL
        .into_iter()
        .filter(|&c| c != IndexCount::PaidOnline)
        .filter_map(|c| Some((bit(c)?, c as usize)))
        .collect();
    let paid = 1 << bit(IndexCount::PaidOnline).unwrap_or(FLAG_INPUTS.len());
    let fee = 1 << FEE_BIT;
    let pairs = cells.iter().zip(flags.iter());
    for (cell, mask) in pairs.filter_map(|(c, m)| Some((c?, m?))) {
        let counts = &mut own[cell as usize];
        for &(bit, count) in &counted {
            counts[count] += (mask >> bit & 1) as u64;
        }
        if mask & fee != 0 {
            counts[IndexCount::FeeDossiers as usize] += 1;
            counts[IndexCount::PaidOnline as usize] += u64::from(mask & paid != 0);
        }
    }
    Ok(())
}

/// Adds, by month resolved in the version holding the dossier, the
/// dossiers resolved by the due date and rated `dissatisfied`: a filter
/// leaves few rows, counted in one pass (no group-by over millions).
fn complained(own: &mut [[u64; 8]], frame: &DataFrame, cell: Expr) -> Result<(), Error> {
    let on_time_and_unhappy = col(RES_DAY)
        .lt_eq(col(DUE_DAY))
        .and(col(RATING_CODE).eq(lit(crate::validate::codes::DISSATISFIED)));
    let rows = frame
        .clone()
        .lazy()
        .filter(col(RES_DAY).is_not_null().and(on_time_and_unhappy))
        .select([cell])
        .collect()?;
    for cell in rows.column(CELL)?.i32()?.iter().flatten() {
        own[cell as usize][IndexCount::ComplainedOnTime as usize] += 1;
    }
    Ok(())
}

/// The given figures of each metric (by its index in the rules) as a grid
/// of unit × months: each unit's own rows, and for a unit without its own
/// row the sum of its units' figures when all of them (valid that month,
/// not a pool) have one.
fn given_figures(
    units: &Units,
    given: &[Given],
    first: i32,
    months: usize,
) -> BTreeMap<usize, Vec<Option<Figure>>> {
    let mut grids: BTreeMap<usize, Vec<Option<Figure>>> = BTreeMap::new();
    for g in given {
        let grid = grids
            .entry(g.metric)
            .or_insert_with(|| vec![None; units.list.len() * months]);
        grid[g.unit * months + (g.month.index() - first) as usize] = Some(g.figure);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); units.list.len()];
    for (u, unit) in units.list.iter().enumerate() {
        if let (Some(p), false) = (unit.parent, unit.pool) {
            children[p].push(u);
        }
    }
    // The deepest units first, so a parent sums finished children.
    let mut order: Vec<usize> = (0..units.list.len())
        .filter(|&u| !children[u].is_empty())
        .collect();
    order.sort_by_key(|&u| std::cmp::Reverse(units.self_and_ancestors(u).count()));
    for grid in grids.values_mut() {
        for m in 0..months {
            let month = first + m as i32;
            for &u in order.iter().filter(|&&u| units.list[u].valid_in(month)) {
                if grid[u * months + m].is_none() {
                    let kids = children[u]
                        .iter()
                        .filter(|&&c| units.list[c].valid_in(month));
                    grid[u * months + m] = sum_all(kids.map(|&c| grid[c * months + m]));
                }
            }
        }
    }
    grids
}
