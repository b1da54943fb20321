//! Stage 3, compute: every count field of contract section 3 for every unit
//! at every level and every month.
//!
//! The dossier frame is only touched by polars group-bys; Rust loops run over
//! their small results (units × months). Pending stocks are computed without
//! expanding dossiers over months: each dossier adds +1 to the month it
//! starts pending and −1 to the month after it stops, and a running sum per
//! unit turns those events into month-end stocks.
//!
//! Units are versions (`validate::units`): a dossier is counted in the
//! version that holds it in each month ([`validate::versions::Timeline`]),
//! so a dossier pending across a change moves, at the change, from the old
//! version to its heir, and every month's totals count it once.
//!
//! `index` adds the 766 index's data, parallel to these series.

pub mod index;

use crate::error::{Error, InputError};
use crate::read::clean_text;
use crate::validate::dates::{date_of, day_number};
use crate::validate::reports::{dossier_months, Report};
use crate::validate::units::Unit;
use crate::validate::versions::Timeline;
use crate::validate::{codes, Procedure, Units, Valid};
use chrono::NaiveDate;
use contract::columns::{
    APOLOGY, CHANNEL_CODE, DUE_DAY, DUE_END, DUE_MONTH, LEVEL, PROC, RATING_CODE, RECV_DAY,
    RECV_MONTH, RES_DAY, RES_MONTH, UNIT,
};
use contract::{Before, Count, Counts, Fields, Month, Period, PeriodKind, RowCounts, UnitSeries};
use polars::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Every unit's records, indexed like [`Units::list`].
pub struct Computed {
    pub first: Month,
    pub last: Month,
    pub as_of: NaiveDate,
    pub series: Vec<UnitSeries>,
}

/// Signed per-unit-per-month accumulators of each unit's own counts
/// (pending events are negative), and what each cell knows.
///
/// A cell can know a field (its unit sends dossiers, or a report that gives
/// it), not know it (a Form 06 gap, or a reporting unit's missing month), or
/// neither: a unit that sent nothing at all counts as zero, as in the tiny
/// fixture, without making its parents' sums incomplete.
struct Grid {
    first: i32,
    months: usize,
    cells: Vec<[i64; 18]>,
    /// Pending dossiers handed over at the start of the month (in +, out −).
    handed_over: Vec<i64>,
    known: Vec<Fields>,
    unknown: Vec<Fields>,
}

impl Grid {
    fn new(units: usize, first: i32, months: usize) -> Grid {
        Grid {
            first,
            months,
            cells: vec![[0; 18]; units * months],
            handed_over: vec![0; units * months],
            known: vec![Fields::NONE; units * months],
            unknown: vec![Fields::NONE; units * months],
        }
    }

    fn index(&self, unit: usize, month: i32) -> usize {
        unit * self.months + (month - self.first) as usize
    }

    /// Replaces a cell with a record: its `None` fields become unknown.
    fn set(&mut self, unit: usize, month: i32, counts: &Counts) {
        let i = self.index(unit, month);
        self.cells[i] = counts.0.map(|v| v.unwrap_or(0) as i64);
        self.unknown[i] = counts.unknown();
        self.known[i] = ALL.without(self.unknown[i]);
    }

    /// `carried_over` of each month: the unit's pending total at the end of
    /// the month before, with what was handed over to it or by it at the
    /// start of the month (none before the first month of the data).
    fn carry_over(&mut self) {
        let months = self.months;
        for (unit, handed) in self
            .cells
            .chunks_mut(months)
            .zip(self.handed_over.chunks(months))
        {
            for m in (1..unit.len()).rev() {
                unit[m][Count::CarriedOver as usize] =
                    unit[m - 1][Count::PendingTotal as usize] + handed[m];
            }
        }
    }

    /// Turns the +1/−1 pending and overdue events into month-end stocks:
    /// a running sum per unit.
    fn running_stocks(&mut self) {
        for unit in self.cells.chunks_mut(self.months) {
            for m in 1..unit.len() {
                for field in [Count::PendingTotal, Count::PendingOverdue] {
                    unit[m][field as usize] += unit[m - 1][field as usize];
                }
            }
        }
    }

    /// The [`CELL`] of the unit `unit` in the month `month`.
    fn key(&self, unit: Expr, month: Expr) -> Expr {
        cell_key(unit, month, self.first, self.months)
    }

    /// Adds each `(column, field)` of an aggregated frame keyed by [`CELL`].
    /// The group of the null key is left out: rows that count nowhere
    /// are grouped there instead of filtered out, which would copy them.
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

/// The [`CELL`] of `unit` in `month` for data from month `first` on.
fn cell_key(unit: Expr, month: Expr, first: i32, months: usize) -> Expr {
    (unit * lit(months as i32) + month - lit(first))
        .cast(DataType::Int32)
        .alias(CELL)
}

/// The rows where `predicate` holds, summed as booleans: a bit per row
/// while aggregating, where an integer cast would take 8 bytes.
fn count_if(predicate: Expr, name: &str) -> Expr {
    predicate.sum().alias(name)
}

/// Stage 3: every unit's records (see [`compute`]) with its input rows
/// accepted and rejected (see [`row_counts`]).
pub fn all(valid: &Valid) -> Result<Computed, Error> {
    let (dossiers, reports) = (&valid.dossiers, &valid.reports.list);
    let given: Vec<Month> = valid.index.given.list.iter().map(|g| g.month).collect();
    let mut computed = compute(
        &valid.units,
        valid.procedures.as_deref(),
        &dossiers.frame,
        reports,
        &given,
    )?;
    let rows = row_counts(&valid.units, &dossiers.frame, &dossiers.rejected, reports)?;
    for (series, rows) in computed.series.iter_mut().zip(rows) {
        series.rows = rows;
    }
    Ok(computed)
}

/// Every unit's records from the validated dossiers and reports; the
/// services offered come from the catalogue (unknown without one). The
/// months of index figures (`given`) are months of the data too.
fn compute(
    units: &Units,
    procedures: Option<&[Procedure]>,
    dossiers: &DataFrame,
    reports: &[Report],
    given: &[Month],
) -> Result<Computed, Error> {
    let lf = dossiers.clone().lazy();
    let (first, last, as_of) = bounds(&lf, reports, given)?;
    let months = (last - first + 1) as usize;
    let mut grid = Grid::new(units.list.len(), first, months);
    add_flows(&mut grid, &lf, last, &units.timeline)?;
    grid.carry_over();
    if !reports.is_empty() {
        merge_reports(&mut grid, reports, &dossier_months(dossiers)?);
    }
    let mut tallies = Tallies {
        rolled: roll_up(units, &grid),
        offered: procedures.map(|p| offered_by_level(p, first, last)),
        levels: units.levels_within(),
        levels_before: vec![[false; 3]; units.list.len()],
        used: services_used(units, procedures.unwrap_or_default(), &lf, &grid)?,
        online_at_end: online_at_end(procedures.unwrap_or_default(), first, months),
        handled_at: procedures
            .unwrap_or_default()
            .iter()
            .map(|p| p.unit_level as usize)
            .collect(),
        spans: own_spans(&units.list, first, months),
        first: Month::from_index(first),
        last: Month::from_index(last),
        months,
    };
    tallies.combine_history(&units.list);
    Ok(Computed {
        first: tallies.first,
        last: tallies.last,
        as_of,
        series: (0..units.list.len()).map(|u| tallies.series(u)).collect(),
    })
}

/// What every unit's series is made of.
struct Tallies {
    rolled: Rolled,
    /// `level3_services`, `level4_services` by month and procedure level
    /// (no catalogue: `None`).
    offered: Option<Vec<[[u64; 2]; 3]>>,
    /// The levels within each unit (see [`Units::levels_within`]).
    levels: Vec<[bool; 3]>,
    /// For the months before a unit whose history is combined, the levels
    /// within its predecessors (the services their territory offered then).
    levels_before: Vec<[bool; 3]>,
    /// The procedures used, by unit and month (see [`services_used`]).
    used: Vec<Vec<HashSet<i32>>>,
    /// By month and procedure, whether it is online (level 3/4) at the
    /// month's end; and each procedure's unit level (as an index).
    online_at_end: Vec<Vec<bool>>,
    handled_at: Vec<usize>,
    /// The months of each unit's series (see [`Span`]).
    spans: Vec<Option<Span>>,
    first: Month,
    last: Month,
    months: usize,
}

/// The months of a unit's series, as offsets from the data's first month:
/// `start..=end`, of which those from `own` on are the unit's own and
/// those before are its predecessors' combined.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Span {
    start: usize,
    own: usize,
    end: usize,
}

/// The months each version was valid in, within the data's.
fn own_spans(list: &[Unit], first: i32, months: usize) -> Vec<Option<Span>> {
    let last = first + months as i32 - 1;
    list.iter()
        .map(|u| {
            let (from, to) = (u.from.max(first), u.to.min(last));
            let offset = |m: i32| (m - first) as usize;
            (from <= to).then(|| Span {
                start: offset(from),
                own: offset(from),
                end: offset(to),
            })
        })
        .collect()
}

impl Tallies {
    /// Extends the series of every version whose predecessors all went
    /// wholly into it back over the months they cover: its records there are
    /// theirs added up (services used: the union of their sets). Oldest
    /// first, so chains of such changes combine in turn.
    fn combine_history(&mut self, list: &[Unit]) {
        let mut order: Vec<usize> = (0..list.len()).collect();
        order.sort_by_key(|&u| list[u].from);
        for u in order {
            let (Before::Combined, Some(span)) = (&list[u].before, self.spans[u]) else {
                continue;
            };
            let preds = &list[u].predecessors;
            let Some(start) = preds
                .iter()
                .map(|&p| self.spans[p].map(|s| s.start))
                .collect::<Option<Vec<_>>>()
                .and_then(|s| s.into_iter().max())
            else {
                continue;
            };
            for m in start..span.own {
                let (to, from) = (
                    u * self.months + m,
                    preds.iter().map(|&p| p * self.months + m),
                );
                self.rolled.combine(to, from);
                let used: HashSet<i32> = preds
                    .iter()
                    .flat_map(|&p| self.used[p][m].iter().copied())
                    .collect();
                self.used[u][m] = used;
            }
            for &p in preds {
                let theirs = [self.levels[p], self.levels_before[p]];
                for (mine, level) in self.levels_before[u].iter_mut().zip(0..3) {
                    *mine |= theirs.iter().any(|l| l[level]);
                }
            }
            self.spans[u] = Some(Span {
                start: start.min(span.own),
                ..span
            });
        }
    }

    /// One unit's records over its span, with what they lack.
    fn series(&self, u: usize) -> UnitSeries {
        let Some(span) = self.spans[u] else {
            return UnitSeries::default();
        };
        let months = span.start..span.end + 1;
        let records: Vec<Counts> = months.clone().map(|m| self.record(u, m)).collect();
        let incomplete: Vec<Fields> = months
            .clone()
            .map(|m| self.rolled.incomplete(u * self.months + m))
            .collect();
        let at = |m: usize| self.first.plus(m as i32);
        let offered = |procedure: i32, month: Month| {
            let m = (month.index() - self.first.index()) as usize;
            let p = procedure as usize;
            self.online_at_end[m][p] && self.levels_at(u, m)[self.handled_at[p]]
        };
        let used_by_period = distinct_by_period(
            &self.used[u][months],
            &records,
            at(span.start),
            at(span.end),
            offered,
        );
        UnitSeries {
            offset: span.start as u32,
            months: records,
            services_used: used_by_period,
            incomplete: if incomplete.iter().all(|f| f.is_empty()) {
                Vec::new()
            } else {
                incomplete
            },
            rows: RowCounts::default(),
        }
    }

    /// The levels within a unit in month `m`: its own, or before it
    /// existed its predecessors' (see [`Tallies::levels_before`]).
    fn levels_at(&self, u: usize, m: usize) -> [bool; 3] {
        match self.spans[u].is_some_and(|span| m < span.own) {
            true => self.levels_before[u],
            false => self.levels[u],
        }
    }

    /// One unit's record of one month (an index from the first month).
    fn record(&self, u: usize, m: usize) -> Counts {
        let mut counts = self.rolled.record(u * self.months + m);
        let levels = self.levels_at(u, m);
        let services = self.offered.as_ref().map(|offered| {
            let mut total = [0u64; 2];
            for (by_level, _) in offered[m].iter().zip(levels).filter(|(_, l)| *l) {
                total[0] += by_level[0];
                total[1] += by_level[1];
            }
            total
        });
        counts[Count::Level3Services] = services.map(|s| s[0]);
        counts[Count::Level4Services] = services.map(|s| s[1]);
        if counts[Count::ServicesUsed].is_some() {
            counts[Count::ServicesUsed] = Some(self.used[u][m].len() as u64);
        }
        counts
    }
}

/// First and last month of the data (contract: any dossier received or
/// resolved, and here any Form 06 report or index figure), and the last
/// day seen.
fn bounds(
    lf: &LazyFrame,
    reports: &[Report],
    given: &[Month],
) -> Result<(i32, i32, NaiveDate), Error> {
    let b = lf
        .clone()
        .select([
            col(RECV_MONTH).min().alias("first"),
            col(RECV_MONTH).max().alias("last_received"),
            col(RES_MONTH).max().alias("last_resolved"),
            col(RECV_DAY).max().alias("day_received"),
            col(RES_DAY).max().alias("day_resolved"),
        ])
        .collect()?;
    let get = |name: &str| -> Result<Option<i32>, Error> { Ok(b.column(name)?.i32()?.get(0)) };
    let reported = reports.iter().map(|r| r.month).chain(given.iter().copied());
    let reported = reported.map(Month::index);
    let first = get("first")?.into_iter().chain(reported.clone()).min();
    let last = [get("last_received")?, get("last_resolved")?]
        .into_iter()
        .flatten()
        .chain(reported.clone())
        .max();
    let (Some(first), Some(last)) = (first, last) else {
        return Err(InputError::file(
            "dossiers",
            "there are no dossiers, no reports and no index metrics: nothing to compute",
        )
        .into());
    };
    // A report covers its whole month: its data run to the month's end.
    let report_day = reported
        .max()
        .map(|m| day_number(Month::from_index(m).last_day()));
    let day = [get("day_received")?, get("day_resolved")?, report_day]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or_default();
    Ok((first, last, date_of(day)))
}

/// Dossiers received and resolved in each month, and the month-end stocks
/// as +1/−1 events: a dossier is pending at the end of every month from the
/// one it was received in to the one before it was resolved, and overdue
/// from the first month whose end is after `due_on`. Three group-bys in
/// all: by month received (flows in, pending starts), by month resolved
/// (flows out, pending stops) and by month overdue starts.
fn add_flows(grid: &mut Grid, lf: &LazyFrame, last: i32, timeline: &Timeline) -> Result<(), Error> {
    add_received(grid, lf)?;
    add_resolved(grid, lf, timeline)?;
    add_overdue(grid, lf, last, timeline)?;
    for &cut in timeline.cuts() {
        if grid.first < cut && cut <= last {
            hand_over(grid, lf, cut, timeline)?;
        }
    }
    grid.running_stocks();
    Ok(())
}

fn online() -> Expr {
    col(CHANNEL_CODE).eq(lit(codes::ONLINE))
}

/// The first month whose end finds the dossier overdue (if still pending).
fn overdue_start() -> Expr {
    let due_passed = col(DUE_MONTH) + col(DUE_END);
    when(due_passed.clone().gt(col(RECV_MONTH)))
        .then(due_passed)
        .otherwise(col(RECV_MONTH))
}

/// By month received: the flows in, and the pending stocks starting.
fn add_received(grid: &mut Grid, lf: &LazyFrame) -> Result<(), Error> {
    let received = lf
        .clone()
        .group_by([grid.key(col(UNIT), col(RECV_MONTH))])
        .agg([
            len().alias("total"),
            count_if(online(), "online"),
            count_if(col(CHANNEL_CODE).eq(lit(codes::POSTAL)), "postal"),
            count_if(online().and(col(LEVEL).eq(lit(3))), "level3"),
            count_if(online().and(col(LEVEL).eq(lit(4))), "level4"),
            count_if(
                col(RES_MONTH)
                    .is_null()
                    .or(col(RES_MONTH).gt(col(RECV_MONTH))),
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
    )
}

/// By month resolved: the flows out, and the pending and overdue stocks
/// stopping, in the version that holds the dossier that month.
fn add_resolved(grid: &mut Grid, lf: &LazyFrame, timeline: &Timeline) -> Result<(), Error> {
    let late = || col(RES_DAY).gt(col(DUE_DAY));
    // Pending dossiers have no month resolved: their key is null, and
    // grouping them there spares a copy of most of the frame.
    let resolved = lf
        .clone()
        .group_by([grid.key(
            timeline.owner_expr(col(UNIT), col(RES_MONTH)),
            col(RES_MONTH),
        )])
        .agg([
            len().alias("total"),
            count_if(col(RES_DAY).lt(col(DUE_DAY)), "early"),
            count_if(col(RES_DAY).eq(col(DUE_DAY)), "on_time"),
            count_if(late(), "late"),
            count_if(late().and(col(APOLOGY).eq(lit(1))), "apology"),
            count_if(col(RATING_CODE).is_not_null(), "rated"),
            count_if(col(RATING_CODE).gt_eq(lit(codes::SATISFIED)), "satisfied"),
            // pending from an earlier month until the end of the last one
            count_if(col(RES_MONTH).gt(col(RECV_MONTH)), "pending"),
            count_if(col(RES_MONTH).gt(overdue_start()), "overdue"),
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
    )
}

/// By month overdue starts: dossiers overdue at some month end, from that
/// month to the one before they are resolved (or the last while pending).
fn add_overdue(
    grid: &mut Grid,
    lf: &LazyFrame,
    last: i32,
    timeline: &Timeline,
) -> Result<(), Error> {
    let pending_end = when(col(RES_MONTH).is_null())
        .then(lit(last))
        .otherwise(col(RES_MONTH) - lit(1));
    // Few dossiers are ever overdue: filtering copies little.
    let overdue = lf
        .clone()
        .filter(pending_end.gt_eq(overdue_start()))
        .group_by([grid.key(
            timeline.owner_expr(col(UNIT), overdue_start()),
            overdue_start(),
        )])
        .agg([len().alias("n")])
        .collect()?;
    grid.add(overdue, &[("n", Count::PendingOverdue)], 1)
}

/// At a change of units (the month `cut`), the dossiers pending at the end
/// of the month before move from the version that held them to its heir:
/// out of one's stocks and into the other's, and into the heir's
/// `carried_over`.
fn hand_over(grid: &mut Grid, lf: &LazyFrame, cut: i32, timeline: &Timeline) -> Result<(), Error> {
    let pending = col(RECV_MONTH)
        .lt(lit(cut))
        .and(col(RES_MONTH).is_null().or(col(RES_MONTH).gt_eq(lit(cut))));
    let by_unit = lf
        .clone()
        .filter(pending)
        .group_by([col(UNIT)])
        .agg([
            len().cast(DataType::Int64).alias("pending"),
            count_if(overdue_start().lt(lit(cut)), "overdue"),
        ])
        .collect()?;
    let units = by_unit.column(UNIT)?.i32()?;
    let pending = by_unit.column("pending")?.i64()?;
    let overdue = by_unit.column("overdue")?.cast(&DataType::Int64)?;
    let overdue = overdue.i64()?;
    for ((u, n), over) in units.iter().zip(pending.iter()).zip(overdue.iter()) {
        let (Some(u), Some(n), Some(over)) = (u, n, over) else {
            continue;
        };
        let before = timeline.owner(u as usize, cut - 1);
        let after = timeline.owner(u as usize, cut);
        let (Some(before), Some(after)) = (before, after) else {
            continue; // validation refuses dossiers left without a holder
        };
        if before == after {
            continue;
        }
        for (unit, sign) in [(before, -1), (after, 1)] {
            let i = grid.index(unit, cut);
            grid.cells[i][Count::PendingTotal as usize] += sign * n;
            grid.cells[i][Count::PendingOverdue as usize] += sign * over;
            grid.handed_over[i] += sign * n;
        }
    }
    Ok(())
}

/// Units that send Form 06: a month with a report takes the report's
/// counts (the fields the form cannot give unknown); a month with neither a
/// report nor a dossier is unknown ("no data"), not zero. Units that send
/// dossiers know every field in every month.
fn merge_reports(grid: &mut Grid, reports: &[Report], dossier_months: &HashSet<(usize, Month)>) {
    for &(unit, _) in dossier_months {
        for m in grid.first..grid.first + grid.months as i32 {
            let i = grid.index(unit, m);
            grid.known[i] = ALL;
        }
    }
    let reporting: BTreeSet<usize> = reports.iter().map(|r| r.unit).collect();
    for &unit in &reporting {
        for m in grid.first..grid.first + grid.months as i32 {
            if !dossier_months.contains(&(unit, Month::from_index(m))) {
                let i = grid.index(unit, m);
                grid.cells[i] = [0; 18];
                grid.known[i] = Fields::NONE;
                grid.unknown[i] = ALL.without(CATALOGUE);
            }
        }
    }
    for r in reports {
        grid.set(r.unit, r.month.index(), &r.counts);
    }
}

const ALL: Fields = Fields((1 << Count::ALL.len()) - 1);

/// The fields that come from the procedure catalogue, not from what a unit sends.
const CATALOGUE: Fields =
    Fields(1 << Count::Level3Services as u32 | 1 << Count::Level4Services as u32);

/// Every unit's records: its own cells summed with those of every unit
/// below it, and what they know (see [`Grid`]).
struct Rolled {
    cells: Vec<[i64; 18]>,
    /// Fields that at least one unit summed knows.
    known: Vec<Fields>,
    /// Fields that at least one unit summed does not know.
    unknown: Vec<Fields>,
}

impl Rolled {
    /// The record: a field that some unit does not know and none knows is `None`.
    fn record(&self, i: usize) -> Counts {
        let none = self.unknown[i].without(self.known[i]);
        Counts(std::array::from_fn(|f| {
            (!none.contains(Count::ALL[f])).then(|| self.cells[i][f].max(0) as u64)
        }))
    }

    /// Known from some units but not all: the sum is incomplete.
    fn incomplete(&self, i: usize) -> Fields {
        self.known[i].intersection(self.unknown[i])
    }

    /// Cell `to` becomes the sum of the cells `from`.
    fn combine(&mut self, to: usize, from: impl Iterator<Item = usize>) {
        let (mut cells, mut known, mut unknown) = ([0i64; 18], Fields::NONE, Fields::NONE);
        for i in from {
            for (t, v) in cells.iter_mut().zip(self.cells[i]) {
                *t += v;
            }
            known = known.union(self.known[i]);
            unknown = unknown.union(self.unknown[i]);
        }
        (self.cells[to], self.known[to], self.unknown[to]) = (cells, known, unknown);
    }
}

/// Adds every unit's own counts into itself and each unit above it.
fn roll_up(units: &Units, grid: &Grid) -> Rolled {
    let size = grid.cells.len();
    let mut rolled = Rolled {
        cells: vec![[0i64; 18]; size],
        known: vec![Fields::NONE; size],
        unknown: vec![Fields::NONE; size],
    };
    for u in 0..units.list.len() {
        for a in units.self_and_ancestors(u) {
            for m in 0..grid.months {
                let (own, to) = (u * grid.months + m, a * grid.months + m);
                for (t, v) in rolled.cells[to].iter_mut().zip(grid.cells[own]) {
                    *t += v;
                }
                rolled.known[to] = rolled.known[to].union(grid.known[own]);
                rolled.unknown[to] = rolled.unknown[to].union(grid.unknown[own]);
            }
        }
    }
    rolled
}

/// `level3_services`, `level4_services` of each month by the level of unit
/// that handles the procedures: those of that online level at the month's
/// end. A unit offers those of the levels within it (see [`Tallies::record`]).
fn offered_by_level(procedures: &[Procedure], first: i32, last: i32) -> Vec<[[u64; 2]; 3]> {
    (first..=last)
        .map(|m| {
            let end = Month::from_index(m).last_day();
            let mut counts = [[0u64; 2]; 3];
            for p in procedures {
                if let level @ 3..=4 = p.level_on(end) {
                    counts[p.unit_level as usize][level as usize - 3] += 1;
                }
            }
            counts
        })
        .collect()
}

/// For each unit and month, the set of procedures it offers (counted in its
/// `level3_services` or `level4_services`: level 3/4 at the month's end,
/// handled at a level of its subtree) with at least one online level-3/4
/// dossier received by it or a unit below it.
///
/// A procedure of another level submitted here (Decree 118/2025 lets any
/// one-stop shop receive any procedure) counts in the unit's flows but not
/// here, so `services_used` never exceeds the services offered; it counts
/// in the ancestor whose subtree handles its level.
fn services_used(
    units: &Units,
    procedures: &[Procedure],
    lf: &LazyFrame,
    grid: &Grid,
) -> Result<Vec<Vec<HashSet<i32>>>, Error> {
    // One integer key per (cell, procedure): the fastest kind to make unique.
    let key = grid.key(col(UNIT), col(RECV_MONTH)).cast(DataType::Int64) * lit(1i64 << 32)
        + col(PROC).cast(DataType::Int64);
    let used = lf
        .clone()
        .filter(online().and(col(LEVEL).gt_eq(lit(3))))
        .select([key.alias("key")])
        .unique(None, UniqueKeepStrategy::Any)
        .collect()?;
    let levels = units.levels_within();
    let online_at_end = online_at_end(procedures, grid.first, grid.months);
    let offered = |unit: usize, month: usize, p: usize| {
        online_at_end[month][p] && levels[unit][procedures[p].unit_level as usize]
    };
    let mut sets = vec![vec![HashSet::new(); grid.months]; units.list.len()];
    for key in used.column("key")?.i64()?.into_no_null_iter() {
        let (cell, procedure) = ((key >> 32) as usize, (key & 0xffff_ffff) as i32);
        let (unit, month) = (cell / grid.months, cell % grid.months);
        for a in units.self_and_ancestors(unit) {
            if offered(a, month, procedure as usize) {
                sets[a][month].insert(procedure);
            }
        }
    }
    Ok(sets)
}

/// By month from `first`, whether each procedure is online (level 3 or 4)
/// at the month's end.
fn online_at_end(procedures: &[Procedure], first: i32, months: usize) -> Vec<Vec<bool>> {
    (0..months as i32)
        .map(|m| {
            let end = Month::from_index(first + m).last_day();
            procedures.iter().map(|p| p.level_on(end) >= 3).collect()
        })
        .collect()
}

/// `services_used` of every quarter, year and year to date: the size of
/// the union of the monthly sets of the months that know it (none: no
/// entry), kept to the services the unit offers at the period's end
/// (`offered(procedure, month)`), its denominator. A procedure's online
/// level only rises, but a unit's levels may change (a province with
/// districts before 1 July 2025 and none after): a district procedure used
/// in May is not among the services it offers in August.
fn distinct_by_period(
    sets: &[HashSet<i32>],
    records: &[Counts],
    first: Month,
    last: Month,
    offered: impl Fn(i32, Month) -> bool,
) -> BTreeMap<String, u64> {
    Period::all_within(first, last)
        .into_iter()
        .filter(|p| p.kind() != PeriodKind::Month)
        .filter_map(|period| {
            let (start, end) = period.months();
            let known: Vec<usize> = start
                .max(first)
                .through(end.min(last))
                .map(|m| (m.index() - first.index()) as usize)
                .filter(|&i| records[i][Count::ServicesUsed].is_some())
                .collect();
            let end = end.min(last);
            let union: HashSet<i32> = known
                .iter()
                .flat_map(|&i| sets[i].iter().copied())
                .filter(|&p| offered(p, end))
                .collect();
            (!known.is_empty()).then(|| (period.to_string(), union.len() as u64))
        })
        .collect()
}

/// Input rows accepted and rejected per unit, each counted in the unit and
/// every unit above it (rejected rows whose unit is unknown belong to none).
pub fn row_counts(
    units: &Units,
    accepted: &DataFrame,
    rejected: &DataFrame,
    reports: &[Report],
) -> Result<Vec<RowCounts>, Error> {
    let mut own = vec![RowCounts::default(); units.list.len()];
    let accepted = rows_by(accepted, UNIT)?;
    for (u, n) in accepted.column(UNIT)?.i32()?.iter().zip(counts(&accepted)?) {
        if let (Some(u), Some(n)) = (u, n) {
            own[u as usize].accepted += n;
        }
    }
    add_rejected(&mut own, units, rejected)?;
    for r in reports {
        own[r.unit].accepted += 1;
    }
    Ok(rolled_up(units, &own))
}

/// Rejected rows by the unit code they give (cleaned like validation
/// does), in the code's latest version: a rejected row's date may be bad.
fn add_rejected(own: &mut [RowCounts], units: &Units, rejected: &DataFrame) -> Result<(), Error> {
    let rejected = rows_by(rejected, "unit_code")?;
    for (code, n) in rejected
        .column("unit_code")?
        .str()?
        .iter()
        .zip(counts(&rejected)?)
    {
        if let Some(u) = code.and_then(|c| units.latest(&clean_text(c))) {
            own[u].rejected += n.unwrap_or(0);
        }
    }
    Ok(())
}

/// Each unit's own row counts added into itself and every unit above it.
fn rolled_up(units: &Units, own: &[RowCounts]) -> Vec<RowCounts> {
    let mut rolled = vec![RowCounts::default(); own.len()];
    for (u, counts) in own.iter().enumerate() {
        for a in units.self_and_ancestors(u) {
            rolled[a].accepted += counts.accepted;
            rolled[a].rejected += counts.rejected;
        }
    }
    rolled
}

/// Rows per distinct value of `column`, counted in column `n`.
fn rows_by(frame: &DataFrame, column: &str) -> Result<DataFrame, Error> {
    Ok(frame
        .clone()
        .lazy()
        .group_by([col(column)])
        .agg([len().cast(DataType::UInt64).alias("n")])
        .collect()?)
}

fn counts(frame: &DataFrame) -> Result<impl Iterator<Item = Option<u64>> + '_, Error> {
    Ok(frame.column("n")?.u64()?.iter())
}
