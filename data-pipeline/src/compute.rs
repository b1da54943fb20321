//! Stage 3, compute: every count field of contract section 3 for every unit
//! at every level and every month.
//!
//! The dossier frame is only touched by polars group-bys; Rust loops run over
//! their small results (units × months). Pending stocks are computed without
//! expanding dossiers over months: each dossier adds +1 to the month it
//! starts pending and −1 to the month after it stops, and a running sum per
//! unit turns those events into month-end stocks.

use crate::contract::{Count, Counts, Month, Period, PeriodKind, UnitSeries};
use crate::error::{Error, InputError};
use crate::validate::{codes, date_of, Procedure, Units};
use chrono::NaiveDate;
use polars::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// Every unit's records, indexed like [`Units::list`].
pub struct Computed {
    pub first: Month,
    pub last: Month,
    pub as_of: NaiveDate,
    pub series: Vec<UnitSeries>,
}

/// Signed per-unit-per-month accumulators (pending events are negative).
struct Grid {
    first: i32,
    months: usize,
    cells: Vec<[i64; 18]>,
}

impl Grid {
    fn new(units: usize, first: i32, months: usize) -> Grid {
        Grid {
            first,
            months,
            cells: vec![[0; 18]; units * months],
        }
    }

    /// The [`CELL`] of each dossier's unit in the month `month`.
    fn key(&self, month: Expr) -> Expr {
        (col("unit") * lit(self.months as i32) + month - lit(self.first))
            .cast(DataType::Int32)
            .alias(CELL)
    }

    /// Adds each `(column, field)` of an aggregated frame keyed by [`CELL`].
    fn add(&mut self, frame: DataFrame, fields: &[(&str, Count)], sign: i64) -> Result<(), Error> {
        let cells = frame.column(CELL)?.i32()?.clone();
        for &(name, field) in fields {
            let values = frame.column(name)?.cast(&DataType::Int64)?;
            for (c, v) in cells.iter().zip(values.i64()?.iter()) {
                if let (Some(c), Some(v)) = (c, v) {
                    self.cells[c as usize][field as usize] += sign * v;
                }
            }
        }
        Ok(())
    }
}

/// The grid cell of a unit and month, `unit × months + (month − first)`, as
/// one integer key: group-bys on one integer column are the fastest kind.
const CELL: &str = "cell";

fn count_if(predicate: Expr, name: &str) -> Expr {
    predicate.cast(DataType::Int64).sum().alias(name)
}

pub fn compute(
    units: &Units,
    procedures: &[Procedure],
    dossiers: &DataFrame,
) -> Result<Computed, Error> {
    let lf = dossiers.clone().lazy();
    let (first, last, as_of) = bounds(&lf)?;
    let months = (last - first + 1) as usize;
    let mut grid = Grid::new(units.list.len(), first, months);
    add_flows(&mut grid, &lf, last)?;

    let rolled = roll_up(units, grid);
    let services = services_offered(units, procedures, first, last);
    let used = services_used(units, &lf, first, months)?;
    let (first_month, last_month) = (Month::from_index(first), Month::from_index(last));
    let series = (0..units.list.len())
        .map(|u| {
            let mut pending_before = 0;
            let months: Vec<Counts> = (0..months)
                .map(|m| {
                    let mut cell = rolled[u * months + m];
                    cell[Count::CarriedOver as usize] = pending_before;
                    pending_before = cell[Count::PendingTotal as usize];
                    cell[Count::Level3Services as usize] = services[u][m][0];
                    cell[Count::Level4Services as usize] = services[u][m][1];
                    cell[Count::ServicesUsed as usize] = used[u][m].len() as i64;
                    Counts(cell.map(|v| Some(v.max(0) as u64)))
                })
                .collect();
            let by_period = distinct_by_period(&used[u], first_month, last_month);
            UnitSeries {
                months,
                services_used: by_period,
            }
        })
        .collect();
    Ok(Computed {
        first: first_month,
        last: last_month,
        as_of,
        series,
    })
}

/// First and last month of the data (contract: any dossier received or
/// resolved), and the last day seen.
fn bounds(lf: &LazyFrame) -> Result<(i32, i32, NaiveDate), Error> {
    let b = lf
        .clone()
        .select([
            col("recv_month").min().alias("first"),
            col("recv_month").max().alias("last_received"),
            col("res_month").max().alias("last_resolved"),
            col("recv_day").max().alias("day_received"),
            col("res_day").max().alias("day_resolved"),
        ])
        .collect()?;
    let get = |name: &str| -> Result<Option<i32>, Error> { Ok(b.column(name)?.i32()?.get(0)) };
    let Some(first) = get("first")? else {
        return Err(
            InputError::file("dossiers", "there are no dossiers: nothing to compute").into(),
        );
    };
    let last = get("last_received")?
        .max(get("last_resolved")?)
        .unwrap_or(first);
    let day = get("day_received")?
        .max(get("day_resolved")?)
        .unwrap_or_default();
    Ok((first, last, date_of(day)))
}

/// Dossiers received and resolved in each month, and the month-end stocks
/// as +1/−1 events: a dossier is pending at the end of every month from the
/// one it was received in to the one before it was resolved, and overdue
/// from the first month whose end is after `due_on`. Three group-bys in
/// all: by month received (flows in, pending starts), by month resolved
/// (flows out, pending stops) and by month overdue starts.
fn add_flows(grid: &mut Grid, lf: &LazyFrame, last: i32) -> Result<(), Error> {
    let online = || col("channel_code").eq(lit(codes::ONLINE));
    let due_passed = col("due_month") + col("due_end");
    let overdue_start = || {
        when(due_passed.clone().gt(col("recv_month")))
            .then(due_passed.clone())
            .otherwise(col("recv_month"))
    };
    let received = lf
        .clone()
        .group_by([grid.key(col("recv_month"))])
        .agg([
            len().alias("total"),
            count_if(online(), "online"),
            count_if(col("channel_code").eq(lit(codes::POSTAL)), "postal"),
            count_if(online().and(col("level").eq(lit(3))), "level3"),
            count_if(online().and(col("level").eq(lit(4))), "level4"),
            count_if(
                col("res_month")
                    .is_null()
                    .or(col("res_month").gt(col("recv_month"))),
                "pending",
            ),
        ])
        .collect()?;
    grid.add(
        received,
        &[
            ("total", Count::ReceivedTotal),
            ("online", Count::ReceivedOnline),
            ("postal", Count::ReceivedPostal),
            ("level3", Count::Level3Dossiers),
            ("level4", Count::Level4Dossiers),
            ("pending", Count::PendingTotal),
        ],
        1,
    )?;
    let late = || col("res_day").gt(col("due_day"));
    let resolved = lf
        .clone()
        .filter(col("res_day").is_not_null())
        .group_by([grid.key(col("res_month"))])
        .agg([
            len().alias("total"),
            count_if(col("res_day").lt(col("due_day")), "early"),
            count_if(col("res_day").eq(col("due_day")), "on_time"),
            count_if(late(), "late"),
            count_if(late().and(col("apology").eq(lit(1))), "apology"),
            count_if(col("rating_code").is_not_null(), "rated"),
            count_if(col("rating_code").gt_eq(lit(codes::SATISFIED)), "satisfied"),
            // pending from an earlier month until the end of the last one
            count_if(col("res_month").gt(col("recv_month")), "pending"),
            count_if(col("res_month").gt(overdue_start()), "overdue"),
        ])
        .collect()?;
    grid.add(
        resolved.clone(),
        &[
            ("total", Count::ResolvedTotal),
            ("early", Count::ResolvedEarly),
            ("on_time", Count::ResolvedOnTime),
            ("late", Count::ResolvedLate),
            ("apology", Count::LateWithApology),
            ("rated", Count::RatedTotal),
            ("satisfied", Count::RatedSatisfied),
        ],
        1,
    )?;
    grid.add(
        resolved,
        &[
            ("pending", Count::PendingTotal),
            ("overdue", Count::PendingOverdue),
        ],
        -1,
    )?;
    // Overdue at some month end: from its start to the month before it is
    // resolved (or the last month while pending).
    let pending_end = when(col("res_month").is_null())
        .then(lit(last))
        .otherwise(col("res_month") - lit(1));
    let overdue = lf
        .clone()
        .filter(pending_end.gt_eq(overdue_start()))
        .group_by([grid.key(overdue_start())])
        .agg([len().alias("n")])
        .collect()?;
    grid.add(overdue, &[("n", Count::PendingOverdue)], 1)?;
    for unit in grid.cells.chunks_mut(grid.months) {
        for m in 1..unit.len() {
            for field in [Count::PendingTotal, Count::PendingOverdue] {
                unit[m][field as usize] += unit[m - 1][field as usize];
            }
        }
    }
    Ok(())
}

/// Adds every unit's own counts into itself and each unit above it.
fn roll_up(units: &Units, grid: Grid) -> Vec<[i64; 18]> {
    let mut total = vec![[0i64; 18]; grid.cells.len()];
    for u in 0..units.list.len() {
        for a in units.self_and_ancestors(u) {
            for m in 0..grid.months {
                let own = grid.cells[u * grid.months + m];
                for (t, v) in total[a * grid.months + m].iter_mut().zip(own) {
                    *t += v;
                }
            }
        }
    }
    total
}

/// `level3_services`, `level4_services` per unit and month: procedures of
/// that online level at the month's end, handled at a level present in or
/// below the unit. Counted per procedure level first, so this is
/// procedures × months + units × months.
fn services_offered(
    units: &Units,
    procedures: &[Procedure],
    first: i32,
    last: i32,
) -> Vec<Vec<[i64; 2]>> {
    let per_month: Vec<[[i64; 2]; 3]> = (first..=last)
        .map(|m| {
            let end = Month::from_index(m).last_day();
            let mut counts = [[0i64; 2]; 3];
            for p in procedures {
                if let level @ 3..=4 = p.level_on(end) {
                    counts[p.unit_level as usize][level as usize - 3] += 1;
                }
            }
            counts
        })
        .collect();
    units
        .levels_within()
        .iter()
        .map(|present| {
            per_month
                .iter()
                .map(|counts| {
                    let mut total = [0i64; 2];
                    for (c, _) in counts.iter().zip(present).filter(|(_, &present)| present) {
                        total[0] += c[0];
                        total[1] += c[1];
                    }
                    total
                })
                .collect()
        })
        .collect()
}

/// For each unit and month, the set of level-3/4 procedures with at least
/// one online dossier received (the unit's own and those of units below).
fn services_used(
    units: &Units,
    lf: &LazyFrame,
    first: i32,
    months: usize,
) -> Result<Vec<Vec<HashSet<i32>>>, Error> {
    let used = lf
        .clone()
        .filter(
            col("channel_code")
                .eq(lit(codes::ONLINE))
                .and(col("level").gt_eq(lit(3))),
        )
        .select([col("unit"), col("recv_month"), col("proc")])
        .unique(None, UniqueKeepStrategy::Any)
        .collect()?;
    let mut sets = vec![vec![HashSet::new(); months]; units.list.len()];
    let columns =
        ["unit", "recv_month", "proc"].map(|c| used.column(c).and_then(|c| c.i32().cloned()));
    let [u, m, p] = columns;
    for ((u, m), p) in u?.iter().zip(m?.iter()).zip(p?.iter()) {
        if let (Some(u), Some(m), Some(p)) = (u, m, p) {
            for a in units.self_and_ancestors(u as usize) {
                sets[a][(m - first) as usize].insert(p);
            }
        }
    }
    Ok(sets)
}

/// `services_used` of every quarter, year and year to date: the size of
/// the union of the monthly sets.
fn distinct_by_period(sets: &[HashSet<i32>], first: Month, last: Month) -> BTreeMap<String, u64> {
    Period::all_within(first, last)
        .into_iter()
        .filter(|p| p.kind() != PeriodKind::Month)
        .map(|period| {
            let (start, end) = period.months();
            let union: HashSet<i32> = start
                .max(first)
                .through(end.min(last))
                .flat_map(|m| sets[(m.index() - first.index()) as usize].iter().copied())
                .collect();
            (period.to_string(), union.len() as u64)
        })
        .collect()
}
