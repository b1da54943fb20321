//! Sized samples for benchmarks (`data-pipeline sample --scale national`,
//! `--dossiers N` …): any number of provinces, districts, communes, months
//! and dossiers, as CSV or Parquet, with the same per-dossier patterns as
//! the bundled sample. Fast and deterministic for any thread count: the
//! dossiers of each (month, unit) come from their own random stream, the
//! streams are split over threads in a fixed order, and polars writes the
//! file.

use super::{procedure_code, working_day, Rng, PROCEDURES};
use crate::error::{io, Error};
use crate::write::csv_cell;
use chrono::{Datelike, Duration, NaiveDate};
use contract::Month;
use polars::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

/// File format of `dossiers`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Parquet,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        match text {
            "csv" => Some(Format::Csv),
            "parquet" => Some(Format::Parquet),
            _ => None,
        }
    }
}

/// The shape of a sized sample.
#[derive(Clone, Debug)]
pub struct Size {
    pub provinces: usize,
    /// Districts in the whole country; 0 is the two-tier structure (communes
    /// directly under provinces, in force since 1 July 2025).
    pub districts: usize,
    pub communes: usize,
    pub start: Month,
    pub months: usize,
    pub dossiers: u64,
    pub format: Format,
}

impl Size {
    /// The country since July 2025: 34 provinces, 3,321 communes, no
    /// districts; one year from July 2025 with about 10 million dossiers.
    pub fn national() -> Size {
        Size {
            provinces: 34,
            districts: 0,
            communes: 3321,
            start: Month::new(2025, 7).expect("valid month"),
            months: 12,
            dossiers: 10_000_000,
            format: Format::Csv,
        }
    }

    /// The limits come from the code widths (GSO scheme: 2, 3 and 5 digits).
    pub fn check(&self) -> Result<(), String> {
        let Size {
            provinces,
            districts,
            communes,
            months,
            dossiers,
            ..
        } = *self;
        if !(1..=99).contains(&provinces) {
            return Err("--provinces must be between 1 and 99 (two-digit codes)".into());
        }
        if districts > 999 || (districts > 0 && districts < provinces) {
            return Err("--districts must be 0 (two-tier) or between --provinces and 999".into());
        }
        if communes > 99_999 || communes < provinces.max(districts) {
            return Err(
                "--communes must be at least --provinces and --districts, and at most 99999".into(),
            );
        }
        if !(1..=600).contains(&months) {
            return Err("--months must be between 1 and 600".into());
        }
        if dossiers == 0 || dossiers > 1_000_000_000 {
            return Err("--dossiers must be between 1 and 1000000000".into());
        }
        Ok(())
    }
}

struct Unit {
    code: String,
    name: String,
    level: &'static str,
    parent: String,
    /// Relative volume of dossiers received.
    weight: f64,
    late: f64,
    apology: f64,
}

fn units(size: &Size, rng: &mut Rng) -> Vec<Unit> {
    let mut list = Vec::new();
    let unit = |code, name, level, parent, weight, late, apology| Unit {
        code,
        name,
        level,
        parent,
        weight,
        late,
        apology,
    };
    for p in 0..size.provinces {
        let code = format!("{:02}", p + 1);
        let name = format!("Tỉnh Mẫu {:02} (dữ liệu hư cấu)", p + 1);
        list.push(unit(code, name, "province", String::new(), 4.0, 0.01, 0.95));
    }
    // Districts, then communes, spread evenly over the units above them.
    let parents: Vec<usize> = if size.districts > 0 {
        for d in 0..size.districts {
            let parent = list[d * size.provinces / size.districts].code.clone();
            let name = format!("Huyện Mẫu {:03}", d + 1);
            list.push(unit(
                format!("{:03}", d + 1),
                name,
                "district",
                parent,
                3.0,
                0.015,
                0.9,
            ));
        }
        (size.provinces..size.provinces + size.districts).collect()
    } else {
        (0..size.provinces).collect()
    };
    for c in 0..size.communes {
        let parent = list[parents[c * parents.len() / size.communes]]
            .code
            .clone();
        let lagging = c % 20 == 4;
        let prefix = if c % 9 == 8 { "Thị trấn" } else { "Xã" };
        let place = super::COMMUNE_NAMES[c % super::COMMUNE_NAMES.len()];
        list.push(unit(
            format!("{:05}", c + 1),
            format!("{prefix} {place} {}", c / super::COMMUNE_NAMES.len() + 1),
            "commune",
            parent,
            0.5 + rng.unit(),
            super::late_share(lagging, rng),
            super::apology_share(lagging),
        ));
    }
    list
}

/// The unit level that handles a procedure: in the two-tier structure the
/// district procedures moved to the communes.
fn handled_at(spec_level: &'static str, two_tier: bool) -> &'static str {
    match spec_level {
        "district" if two_tier => "commune",
        level => level,
    }
}

/// Tết (lunar new year): fewer dossiers and more delays around it.
fn near_tet(date: NaiveDate) -> bool {
    let tet = match date.year() {
        2023 => (1, 22),
        2024 => (2, 10),
        2025 => (1, 29),
        2026 => (2, 17),
        2027 => (2, 6),
        2028 => (1, 26),
        2029 => (2, 13),
        2030 => (2, 3),
        _ => return false,
    };
    let tet = NaiveDate::from_ymd_opt(date.year(), tet.0, tet.1).expect("valid date");
    (date - tet).num_days().abs() <= 10
}

/// One dossier in compact form; turned into text columns at the end.
#[derive(Default)]
struct Rows {
    unit: Vec<u32>,
    procedure: Vec<u8>,
    channel: Vec<u8>,
    received: Vec<u32>,
    due: Vec<u32>,
    resolved: Vec<Option<u32>>,
    apology: Vec<u8>,
    rating: Vec<u8>,
}

const CHANNELS: [&str; 3] = ["online", "direct", "postal"];
const APOLOGY: [Option<&str>; 3] = [None, Some("true"), Some("false")];
const RATINGS: [Option<&str>; 4] = [
    None,
    Some("very_satisfied"),
    Some("satisfied"),
    Some("dissatisfied"),
];

/// Everything the dossier generator needs, shared by the threads.
struct Plan<'a> {
    size: &'a Size,
    units: &'a [Unit],
    seed: u64,
    /// Day 0 of the day offsets: the first day of the first month.
    day0: NaiveDate,
    /// Last day of the data: later results are still pending.
    end: u32,
    /// Per unit level: (procedure, cumulative weight).
    catalogue: [Vec<(usize, u64)>; 3],
    since: Vec<Option<NaiveDate>>,
    /// Dossiers of each (month, unit), month-major.
    counts: Vec<u64>,
}

fn level_index(level: &str) -> usize {
    match level {
        "province" => 0,
        "district" => 1,
        _ => 2,
    }
}

impl Plan<'_> {
    /// The dossiers of stream `s` (= month × units + unit).
    fn generate(&self, s: usize, rows: &mut Rows) {
        let (m, u) = (s / self.units.len(), s % self.units.len());
        let unit = &self.units[u];
        let month = self.size.start.plus(m as i32).first_day();
        let progress = m as f64 / (self.size.months.max(2) - 1) as f64;
        let catalogue = &self.catalogue[level_index(unit.level)];
        let Some(&(_, weights)) = catalogue.last() else {
            return;
        };
        let mut rng = Rng(self.seed ^ (s as u64 + 1).wrapping_mul(0xd605_bbb5_8c8a_bd3b));
        rng.next();
        let day = |date: NaiveDate| (date - self.day0).num_days() as u32;
        for _ in 0..self.counts[s] {
            let mut received = working_day(&mut rng, month);
            if near_tet(received) && rng.chance(0.45) {
                received = working_day(&mut rng, month);
            }
            let pick = rng.below(weights);
            let p = catalogue
                .iter()
                .find(|&&(_, upto)| pick < upto)
                .expect("weights cover the catalogue")
                .0;
            let (_, _, _, days, _, online_level, _) = PROCEDURES[p];
            let online_now = matches!(online_level, "partial" | "full" | "3" | "4")
                && self.since[p].is_none_or(|s| received >= s);
            let channel = if online_now && rng.chance(0.55 + 0.2 * progress) {
                0
            } else if rng.chance(0.08) {
                2
            } else {
                1
            };
            let due = received + Duration::days(days);
            let late_chance = unit.late * if near_tet(received) { 3.0 } else { 1.0 };
            let resolved = if rng.chance(late_chance) {
                due + Duration::days(1 + rng.below(12) as i64)
            } else if rng.chance(0.35) {
                (due - Duration::days(rng.below(days as u64 + 1) as i64)).max(received)
            } else {
                due
            };
            let resolved = Some(day(resolved)).filter(|&r| r <= self.end);
            let late = resolved.is_some_and(|r| r > day(due));
            let apology = match late {
                true if rng.chance(unit.apology) => 1,
                true => 2,
                false => 0,
            };
            let rating = match resolved.is_some() && rng.chance(0.6) {
                false => 0,
                true if rng.chance(if late { 0.6 } else { 0.93 }) => {
                    if rng.chance(0.4) {
                        1
                    } else {
                        2
                    }
                }
                true => 3,
            };
            rows.unit.push(u as u32);
            rows.procedure.push(p as u8);
            rows.channel.push(channel);
            rows.received.push(day(received));
            rows.due.push(day(due));
            rows.resolved.push(resolved);
            rows.apology.push(apology);
            rows.rating.push(rating);
        }
    }

    /// Streams `range` as one frame of text columns, ids from `first_id`.
    fn frame(&self, range: std::ops::Range<usize>, first_id: u64) -> PolarsResult<DataFrame> {
        let mut rows = Rows::default();
        for s in range {
            self.generate(s, &mut rows);
        }
        // Every date the data can hold, formatted once.
        let last_due = PROCEDURES.iter().map(|p| p.3).max().unwrap_or(0) as u32 + 1;
        let dates: Vec<String> = (0..=self.end + last_due)
            .map(|d| (self.day0 + Duration::days(d as i64)).to_string())
            .collect();
        let codes: Vec<String> = (0..PROCEDURES.len()).map(procedure_code).collect();
        let n = rows.unit.len() as u64;
        let text = |name: &str, values: StringChunked| values.with_name(name.into()).into_column();
        let date = |days: &[u32]| {
            StringChunked::from_iter_values("".into(), days.iter().map(|&d| &dates[d as usize]))
        };
        DataFrame::new_infer_height(vec![
            text(
                "dossier_id",
                StringChunked::from_iter_values("".into(), (first_id..first_id + n).map(Id::new)),
            ),
            text(
                "unit_code",
                StringChunked::from_iter_values(
                    "".into(),
                    rows.unit.iter().map(|&u| &self.units[u as usize].code),
                ),
            ),
            text(
                "procedure_code",
                StringChunked::from_iter_values(
                    "".into(),
                    rows.procedure.iter().map(|&p| &codes[p as usize]),
                ),
            ),
            text(
                "channel",
                StringChunked::from_iter_values(
                    "".into(),
                    rows.channel.iter().map(|&c| CHANNELS[c as usize]),
                ),
            ),
            text("received_on", date(&rows.received)),
            text("due_on", date(&rows.due)),
            text(
                "resolved_on",
                rows.resolved
                    .iter()
                    .map(|r| r.map(|d| dates[d as usize].as_str()))
                    .collect(),
            ),
            text(
                "apology_issued",
                rows.apology.iter().map(|&a| APOLOGY[a as usize]).collect(),
            ),
            text(
                "rating",
                rows.rating.iter().map(|&r| RATINGS[r as usize]).collect(),
            ),
        ])
    }
}

/// `HS-` and a zero-padded number, formatted without allocating.
struct Id([u8; 12]);

impl Id {
    fn new(n: u64) -> Id {
        let mut bytes = *b"HS-000000000";
        let mut rest = n;
        for b in bytes[3..].iter_mut().rev() {
            *b = b'0' + (rest % 10) as u8;
            rest /= 10;
        }
        Id(bytes)
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ASCII digits")
    }
}

/// Dossiers per (month, unit), month-major, summing exactly to the total:
/// each unit's weight with ±10 % monthly noise, rounded by cumulative sums.
fn counts(size: &Size, units: &[Unit], rng: &mut Rng) -> Vec<u64> {
    let raw: Vec<f64> = (0..size.months)
        .flat_map(|_| {
            units
                .iter()
                .map(|u| u.weight * (0.9 + 0.2 * rng.unit()))
                .collect::<Vec<_>>()
        })
        .collect();
    let total: f64 = raw.iter().sum();
    let mut sum = 0.0;
    let mut previous = 0u64;
    raw.iter()
        .map(|r| {
            sum += r;
            let upto = ((sum / total) * size.dossiers as f64).round() as u64;
            let upto = upto.min(size.dossiers);
            let n = upto - previous;
            previous = upto;
            n
        })
        .collect()
}

/// Writes a sized sample into `out`: `units.csv`, `procedures.csv`,
/// `dossiers.csv` or `dossiers.parquet`, `targets.toml`, `dataset.toml`.
pub fn write_scaled(out: &Path, seed: u64, size: &Size) -> Result<String, Error> {
    size.check().map_err(Error::Usage)?;
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;
    let mut rng = Rng(seed);
    let units = units(size, &mut rng);
    let two_tier = size.districts == 0;
    let mut text = String::from("unit_code,unit_name,level,parent_code\n");
    for u in &units {
        let _ = writeln!(text, "{},{},{},{}", u.code, u.name, u.level, u.parent);
    }
    super::write(out, "units.csv", text.as_bytes())?;
    let mut text =
        String::from("procedure_code,procedure_name,field,unit_level,online_level,online_since\n");
    for (i, (name, field, level, _, _, online, since)) in PROCEDURES.iter().enumerate() {
        let level = handled_at(level, two_tier);
        let _ = writeln!(
            text,
            "{},{},{field},{level},{online},{since}",
            procedure_code(i),
            csv_cell(name)
        );
    }
    super::write(out, "procedures.csv", text.as_bytes())?;

    let mut catalogue: [Vec<(usize, u64)>; 3] = Default::default();
    for (i, p) in PROCEDURES.iter().enumerate() {
        let list = &mut catalogue[level_index(handled_at(p.2, two_tier))];
        let upto = list.last().map_or(0, |&(_, w)| w) + p.4;
        list.push((i, upto));
    }
    let day0 = size.start.first_day();
    let last = size.start.plus(size.months as i32 - 1).last_day();
    let counts = counts(size, &units, &mut rng);
    let plan = Plan {
        size,
        units: &units,
        seed,
        day0,
        end: (last - day0).num_days() as u32,
        catalogue,
        since: PROCEDURES
            .iter()
            .map(|p| NaiveDate::parse_from_str(p.6, "%Y-%m-%d").ok())
            .collect(),
        counts,
    };
    let mut frame = generate_parallel(&plan)?;
    let rows = frame.height();
    match size.format {
        Format::Csv => {
            let path = out.join("dossiers.csv");
            let file = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
            CsvWriter::new(std::io::BufWriter::new(file)).finish(&mut frame)?;
        }
        Format::Parquet => {
            let path = out.join("dossiers.parquet");
            let file = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
            ParquetWriter::new(std::io::BufWriter::new(file)).finish(&mut frame)?;
        }
    }
    super::write(out, "targets.toml", super::TARGETS.as_bytes())?;
    super::write(out, "dataset.toml", super::DATASET.as_bytes())?;
    Ok(format!(
        "wrote a sample of {} units, {} procedures and {rows} dossiers ({} months from {}) to {}",
        units.len(),
        PROCEDURES.len(),
        size.months,
        size.start,
        out.display()
    ))
}

/// Splits the streams into one contiguous range per core, balanced by
/// dossiers, and stacks the frames in stream order (so the output does not
/// depend on the number of threads).
fn generate_parallel(plan: &Plan) -> Result<DataFrame, Error> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let total: u64 = plan.counts.iter().sum();
    let mut ranges = Vec::new();
    let (mut start, mut before, mut sum) = (0, 0u64, 0u64);
    for (s, &n) in plan.counts.iter().enumerate() {
        sum += n;
        let share = total * (ranges.len() as u64 + 1) / threads as u64;
        if sum >= share && ranges.len() + 1 < threads {
            ranges.push((start..s + 1, before + 1));
            start = s + 1;
            before = sum;
        }
    }
    ranges.push((start..plan.counts.len(), before + 1));
    let frames: Vec<PolarsResult<DataFrame>> = std::thread::scope(|scope| {
        let handles: Vec<_> = ranges
            .into_iter()
            .map(|(range, first_id)| scope.spawn(move || plan.frame(range, first_id)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("generator thread"))
            .collect()
    });
    let mut frames = frames.into_iter();
    let mut frame = frames.next().expect("at least one range")?;
    for other in frames {
        frame.vstack_mut(&other?)?;
    }
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_zero_padded() {
        assert_eq!(Id::new(42).as_ref(), "HS-000000042");
    }

    #[test]
    fn counts_sum_exactly_to_the_total() {
        let size = Size {
            dossiers: 12_345,
            ..Size::national()
        };
        let units = units(&size, &mut Rng(1));
        assert_eq!(units.len(), 34 + 3321);
        assert_eq!(
            counts(&size, &units, &mut Rng(1)).iter().sum::<u64>(),
            12_345
        );
    }
}
