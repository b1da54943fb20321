//! The dossier generator of every sample, and the sized samples for
//! benchmarks (`data-pipeline sample --scale national`, `--dossiers N` …).
//!
//! `--scale national` is the whole country's real units across 1 July 2025
//! ([`super::real`]: 63 provinces, 696 districts and 10,035 communes until
//! 30 June 2025, 34 provinces and 3,321 communes from 1 July; about 14,150
//! versions), 34 months from January 2024, 10 million dossiers by default,
//! volume by population. `--dossiers`, `--start` and `--months` size it.
//! The layout flags `--provinces`, `--districts` and `--communes` switch to
//! made-up units instead (any number, one tree valid for all time, no
//! `unit_changes.csv`), for scaling experiments beyond the real country.
//!
//! Fast and deterministic for any thread count: the dossiers of each
//! (month, unit version) come from their own random stream, the streams
//! are split over threads in a fixed order, and polars writes CSV or
//! Parquet.

use super::{near_tet, procedure_code, tet_factor, working_day, Files, Rng, Unit, PROCEDURES};
use crate::error::{io, Error};
use crate::write::csv_cell;
use chrono::{Duration, NaiveDate};
use contract::columns::FLAG_INPUTS;
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

/// Whose units a sample has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Geography {
    /// Vietnam's real units with their history: one new province (with
    /// the old ones that became it), or the whole country (`None`).
    Real { province: Option<String> },
    /// Made-up units valid for all time, spread evenly.
    Synthetic(Layout),
}

/// The numbers of made-up units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub provinces: usize,
    /// Districts in the whole country; 0 is the two-tier structure (communes
    /// directly under provinces, in force since 1 July 2025).
    pub districts: usize,
    pub communes: usize,
}

impl Layout {
    /// The size of today's country: 34 provinces and 3,321 communes.
    pub const TWO_TIER: Layout = Layout {
        provinces: 34,
        districts: 0,
        communes: 3321,
    };
}

/// The shape of a sample.
#[derive(Clone, Debug)]
pub struct Size {
    pub geography: Geography,
    pub start: Month,
    pub months: usize,
    pub dossiers: u64,
    pub format: Format,
}

/// January 2024 to October 2026: 18 months before the change, 16 after.
const START: (i32, u32) = (2024, 1);
const MONTHS: usize = 34;

impl Size {
    /// The whole country across the change: 34 months from January 2024,
    /// 10 million dossiers.
    pub fn national() -> Size {
        Size {
            geography: Geography::Real { province: None },
            start: Month::new(START.0, START.1).expect("valid month"),
            months: MONTHS,
            dossiers: 10_000_000,
            format: Format::Csv,
        }
    }

    /// The default demo sample: [`super::DEMO_PROVINCE`] over the same
    /// months, 300,000 dossiers (as many as the fictional province it
    /// replaced had in 24 months).
    pub fn demo() -> Size {
        Size {
            geography: Geography::Real {
                province: Some(super::DEMO_PROVINCE.into()),
            },
            dossiers: 300_000,
            ..Size::national()
        }
    }

    /// The limits come from the code widths (GSO scheme: 2, 3 and 5 digits).
    pub fn check(&self) -> Result<(), String> {
        let Size {
            months, dossiers, ..
        } = *self;
        if let Geography::Synthetic(layout) = self.geography {
            layout.check()?;
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

impl Layout {
    fn check(self) -> Result<(), String> {
        let Layout {
            provinces,
            districts,
            communes,
        } = self;
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
        Ok(())
    }
}

/// Made-up units valid for all time.
fn synthetic_units(size: &Layout, rng: &mut Rng) -> Vec<Unit> {
    let mut list = Vec::new();
    let two_tier = size.districts == 0;
    let unit = |code, name, level, parent, weight, late, apology| Unit {
        code,
        name,
        level,
        parent,
        weight,
        late,
        apology,
        months: (i32::MIN, i32::MAX),
        two_tier,
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

/// The chance that a dossier of a procedure available online is filed
/// online, from the first month to the last: with the procedures that go
/// online meanwhile, the online share rises from about 20 % to 60 %.
const ONLINE_FROM: f64 = 0.33;
const ONLINE_RISE: f64 = 0.35;

/// The share of a unit's last month's dossiers that wait for the handover:
/// the unit ends, and its successor (or the province's pool) resolves them
/// after it, on a new appointment.
const HANDOVER: f64 = 0.1;

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
    /// The 766 index's flags, bit `i` for `FLAG_INPUTS[i]`.
    flags: Vec<u8>,
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
    /// Per structure (three-tier, two-tier) and unit level: (procedure,
    /// cumulative weight).
    catalogue: [[Vec<(usize, u64)>; 3]; 2],
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
        let month = self.size.start.plus(m as i32);
        let handover = month.index() == unit.months.1;
        let (month, after) = (month.first_day(), month.plus(1).first_day());
        let progress = m as f64 / (self.size.months.max(2) - 1) as f64;
        let catalogue = &self.catalogue[unit.two_tier as usize][level_index(unit.level)];
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
            let channel = if online_now && rng.chance(ONLINE_FROM + ONLINE_RISE * progress) {
                0
            } else if rng.chance(0.08) {
                2
            } else {
                1
            };
            let mut due = received + Duration::days(days);
            if handover && rng.chance(HANDOVER) {
                due = due.max(after + Duration::days(rng.below(35) as i64));
            }
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
            rows.flags.push(index_flags(
                &mut rng,
                progress,
                unit.late,
                fee(p),
                channel == 0,
            ));
        }
    }

    /// Streams `range` as one frame of text columns, ids from `first_id`.
    fn frame(&self, range: std::ops::Range<usize>, first_id: u64) -> PolarsResult<DataFrame> {
        let mut rows = Rows::default();
        for s in range {
            self.generate(s, &mut rows);
        }
        // Every date the data can hold, formatted once (a handover
        // appointment is at most 34 days into the next month).
        let last_due = PROCEDURES.iter().map(|p| p.3).max().unwrap_or(0) as u32 + 1 + 65;
        let dates: Vec<String> = (0..=self.end + last_due)
            .map(|d| (self.day0 + Duration::days(d as i64)).to_string())
            .collect();
        let codes: Vec<String> = (0..PROCEDURES.len()).map(procedure_code).collect();
        let n = rows.unit.len() as u64;
        let text = |name: &str, values: StringChunked| values.with_name(name.into()).into_column();
        let date = |days: &[u32]| {
            StringChunked::from_iter_values("".into(), days.iter().map(|&d| &dates[d as usize]))
        };
        DataFrame::new_infer_height(
            vec![
                text(
                    "dossier_id",
                    StringChunked::from_iter_values(
                        "".into(),
                        (first_id..first_id + n).map(Id::new),
                    ),
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
            ]
            .into_iter()
            .chain(FLAG_INPUTS.iter().enumerate().map(|(i, name)| {
                let flag = |f: &u8| if f >> i & 1 == 1 { "true" } else { "false" };
                text(
                    name,
                    StringChunked::from_iter_values("".into(), rows.flags.iter().map(flag)),
                )
            }))
            .collect(),
        )
    }
}

/// Whether a procedure of the sample charges a fee (every third one).
fn fee(procedure: usize) -> bool {
    procedure.is_multiple_of(3)
}

/// The index's flags of one dossier: shares that rise over the months and
/// are lower where the unit is late more often; online payment only for
/// a fee, and mostly for dossiers submitted online.
fn index_flags(rng: &mut Rng, progress: f64, late: f64, fee: bool, online: bool) -> u8 {
    let base = 0.45 + 0.4 * progress - 2.0 * late;
    let shares = [
        base + 0.15,                                   // result_electronic
        base - 0.25,                                   // digitised
        base - 0.3,                                    // reused_data
        base + 0.1,                                    // citizen_data
        0.97,                                          // synced
        if online { base + 0.35 } else { base - 0.3 }, // paid_online
    ];
    let mut flags = 0;
    for (i, share) in shares.into_iter().enumerate() {
        let applies = i != 5 || fee;
        if applies && rng.chance(share.clamp(0.02, 0.99)) {
            flags |= 1 << i;
        }
    }
    flags
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
/// each unit's weight in the months it is valid, with ±10 % monthly noise
/// and the dip around Tết, rounded by cumulative sums.
fn counts(size: &Size, units: &[Unit], rng: &mut Rng) -> Vec<u64> {
    let raw: Vec<f64> = (0..size.months)
        .flat_map(|m| {
            let month = size.start.plus(m as i32);
            let tet = tet_factor(month.first_day());
            // One draw per unit, valid or not, so a unit's noise does not
            // depend on the others' validity.
            let row: Vec<f64> = (units.iter())
                .map(|u| {
                    let noise = 0.9 + 0.2 * rng.unit();
                    match u.valid_in(month.index()) {
                        true => u.weight * tet * noise,
                        false => 0.0,
                    }
                })
                .collect();
            row
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
    let (units, files) = unit_files(&size.geography, &mut rng)?;
    for (name, text) in &files {
        super::write(out, name, text.as_bytes())?;
    }
    // procedures.csv is today's catalogue: two-tier unless made-up districts.
    let two_tier = match size.geography {
        Geography::Real { .. } => true,
        Geography::Synthetic(layout) => layout.districts == 0,
    };
    let mut text = String::from(
        "procedure_code,procedure_name,field,unit_level,online_level,online_since,fee\n",
    );
    for (i, (name, field, level, _, _, online, since)) in PROCEDURES.iter().enumerate() {
        let level = handled_at(level, two_tier);
        let _ = writeln!(
            text,
            "{},{},{field},{level},{online},{since},{}",
            procedure_code(i),
            csv_cell(name),
            fee(i)
        );
    }
    super::write(out, "procedures.csv", text.as_bytes())?;

    let mut catalogue: [[Vec<(usize, u64)>; 3]; 2] = Default::default();
    for (structure, lists) in catalogue.iter_mut().enumerate() {
        for (i, p) in PROCEDURES.iter().enumerate() {
            let list = &mut lists[level_index(handled_at(p.2, structure == 1))];
            let upto = list.last().map_or(0, |&(_, w)| w) + p.4;
            list.push((i, upto));
        }
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
    // One province: every unit; the country: provinces only, to stay small.
    let provinces_only = !matches!(size.geography, Geography::Real { province: Some(_) });
    let metrics = super::index::metrics_csv(&units, size.start, size.months, provinces_only, seed);
    super::write(out, "index_metrics.csv", metrics.as_bytes())?;
    super::write(out, "targets.toml", super::TARGETS.as_bytes())?;
    super::write(out, "dataset.toml", dataset(&size.geography).as_bytes())?;
    Ok(format!(
        "wrote a sample of {} units, {} procedures and {rows} dossiers ({} months from {}) to {}",
        units.len(),
        PROCEDURES.len(),
        size.months,
        size.start,
        out.display()
    ))
}

/// The units of `geography` and the files that list them: real ones as
/// `units --history` writes them, made-up ones as a plain `units.csv`.
fn unit_files(geography: &Geography, rng: &mut Rng) -> Result<(Vec<Unit>, Files), Error> {
    match geography {
        Geography::Real { province } => super::real::units(province.as_deref(), rng),
        Geography::Synthetic(layout) => {
            let units = synthetic_units(layout, rng);
            let mut text = String::from("unit_code,unit_name,level,parent_code\n");
            for u in &units {
                let _ = writeln!(text, "{},{},{},{}", u.code, u.name, u.level, u.parent);
            }
            Ok((units, vec![("units.csv", text)]))
        }
    }
}

/// `dataset.toml`, naming the units the fictional figures are put on.
fn dataset(geography: &Geography) -> String {
    let units = match geography {
        Geography::Real { province: None } => "đơn vị hành chính thật của cả nước".to_string(),
        Geography::Real {
            province: Some(code),
        } => format!("đơn vị hành chính thật của tỉnh mã {code}"),
        Geography::Synthetic(_) => "đơn vị hành chính hư cấu".to_string(),
    };
    super::dataset_toml(&units)
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
            geography: Geography::Synthetic(Layout::TWO_TIER),
            ..Size::national()
        };
        let units = synthetic_units(&Layout::TWO_TIER, &mut Rng(1));
        assert_eq!(units.len(), 34 + 3321);
        assert_eq!(
            counts(&size, &units, &mut Rng(1)).iter().sum::<u64>(),
            12_345
        );
    }
}
