//! `sample`: a deterministic, realistic, clearly fictional input folder for
//! demos and tests: one province ("Tỉnh Mẫu"), two districts of about 20
//! communes each, 24 months (2023–2024), about 300,000 dossiers, with the
//! patterns a district chair knows: a dip around Tết, online share rising
//! from about 20 % to 60 %, a few lagging communes, missing apology letters,
//! satisfaction around 90 %. Its bytes are fixed (tests and the app's
//! end-to-end tests depend on them); sized samples for benchmarks are
//! [`scaled`].

pub mod scaled;

use crate::error::{io, Error};
use crate::write::csv_cell;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// splitmix64: tiny, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

const FIRST_YEAR: i32 = 2023;
const MONTHS: i32 = 24;

struct SampleUnit {
    code: String,
    name: String,
    level: &'static str,
    parent: String,
    /// Dossiers a month.
    volume: u64,
    /// Share of dossiers resolved late.
    late: f64,
    /// Share of late dossiers that get an apology letter.
    apology: f64,
}

/// (name, field, unit level, statutory days, weight, online level, online since)
type ProcedureSpec = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    u64,
    &'static str,
    &'static str,
);

const PROCEDURES: &[ProcedureSpec] = &[
    ("Đăng ký khai sinh", "Hộ tịch", "commune", 1, 30, "full", ""),
    (
        "Đăng ký kết hôn",
        "Hộ tịch",
        "commune",
        3,
        8,
        "partial",
        "2023-06-01",
    ),
    (
        "Đăng ký khai tử",
        "Hộ tịch",
        "commune",
        1,
        6,
        "full",
        "2023-09-01",
    ),
    (
        "Cấp bản sao trích lục hộ tịch",
        "Hộ tịch",
        "commune",
        1,
        12,
        "full",
        "",
    ),
    (
        "Xác nhận tình trạng hôn nhân",
        "Hộ tịch",
        "commune",
        3,
        10,
        "partial",
        "2024-01-01",
    ),
    (
        "Chứng thực bản sao từ bản chính",
        "Chứng thực",
        "commune",
        1,
        40,
        "partial",
        "2024-03-01",
    ),
    ("Chứng thực chữ ký", "Chứng thực", "commune", 1, 10, "2", ""),
    (
        "Chứng thực hợp đồng, giao dịch",
        "Chứng thực",
        "commune",
        2,
        5,
        "2",
        "",
    ),
    (
        "Đăng ký thường trú",
        "Công an",
        "commune",
        7,
        6,
        "full",
        "2023-07-01",
    ),
    (
        "Trợ cấp xã hội hằng tháng",
        "Bảo trợ xã hội",
        "commune",
        15,
        3,
        "partial",
        "2023-10-01",
    ),
    (
        "Hỗ trợ chi phí mai táng",
        "Bảo trợ xã hội",
        "commune",
        5,
        1,
        "partial",
        "",
    ),
    (
        "Xác nhận hộ gia đình làm nông nghiệp",
        "Nông nghiệp",
        "commune",
        5,
        2,
        "2",
        "",
    ),
    (
        "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        "Đất đai",
        "district",
        30,
        6,
        "partial",
        "2024-06-01",
    ),
    (
        "Đăng ký biến động đất đai",
        "Đất đai",
        "district",
        10,
        8,
        "partial",
        "2023-09-01",
    ),
    (
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "Xây dựng",
        "district",
        15,
        4,
        "full",
        "2023-05-01",
    ),
    (
        "Đăng ký hộ kinh doanh",
        "Thành lập và hoạt động doanh nghiệp",
        "district",
        3,
        6,
        "full",
        "2023-01-01",
    ),
    (
        "Cấp giấy phép kinh doanh bán lẻ rượu",
        "Lưu thông hàng hóa",
        "district",
        10,
        1,
        "partial",
        "",
    ),
    (
        "Công nhận gia đình văn hóa",
        "Văn hóa",
        "district",
        5,
        1,
        "1",
        "",
    ),
    (
        "Cấp phiếu lý lịch tư pháp",
        "Lý lịch tư pháp",
        "province",
        10,
        3,
        "full",
        "2023-01-01",
    ),
    (
        "Cấp giấy phép lái xe",
        "Đường bộ",
        "province",
        10,
        3,
        "partial",
        "2023-08-01",
    ),
    (
        "Cấp giấy chứng nhận đăng ký doanh nghiệp",
        "Thành lập và hoạt động doanh nghiệp",
        "province",
        3,
        2,
        "full",
        "",
    ),
    (
        "Cấp chứng chỉ hành nghề dược",
        "Dược phẩm",
        "province",
        20,
        1,
        "partial",
        "2024-02-01",
    ),
];

const COMMUNE_NAMES: &[&str] = &[
    "An Lạc",
    "Bình Minh",
    "Cát Tường",
    "Đồng Tâm",
    "Gia Hòa",
    "Hòa Phú",
    "Hưng Thịnh",
    "Kim Sơn",
    "Lạc Hồng",
    "Minh Đức",
    "Ngọc Lâm",
    "Phú Mỹ",
    "Quang Trung",
    "Tân Tiến",
    "Thanh Bình",
    "Thuận An",
    "Trung Hòa",
    "Văn Lang",
    "Vĩnh Phúc",
    "Xuân Mai",
    "Yên Hòa",
    "Bắc Vọng",
    "Cẩm Giàng",
    "Đại Đồng",
    "Hải Bình",
    "Hồng Phong",
    "Liên Minh",
    "Mỹ Lộc",
    "Nam Tiến",
    "Phong Châu",
    "Quỳnh Lâm",
    "Sơn Hà",
    "Tam Đa",
    "Thạch Bàn",
    "Tiên Phong",
    "Trường Xuân",
    "Vạn Xuân",
    "Việt Hưng",
    "Xuân Lộc",
    "Yên Thế",
];

fn units(rng: &mut Rng) -> Vec<SampleUnit> {
    let unit =
        |code: String, name: String, level, parent: &str, volume, late, apology| SampleUnit {
            code,
            name,
            level,
            parent: parent.into(),
            volume,
            late,
            apology,
        };
    let mut list = vec![unit(
        "99".into(),
        "Tỉnh Mẫu (dữ liệu hư cấu)".into(),
        "province",
        "",
        900,
        0.01,
        0.95,
    )];
    let districts = [("991", "Huyện Sông Xanh", 21), ("992", "Huyện Núi Tím", 19)];
    let mut names = COMMUNE_NAMES.iter();
    let mut number = 0;
    for (code, name, communes) in districts {
        list.push(unit(
            code.into(),
            name.into(),
            "district",
            "99",
            1400,
            0.015,
            0.9,
        ));
        for _ in 0..communes {
            number += 1;
            let lagging = matches!(number, 5 | 17 | 31);
            let prefix = if number % 9 == 0 {
                "Thị trấn"
            } else {
                "Xã"
            };
            list.push(unit(
                format!("99{number:03}"),
                format!("{prefix} {}", names.next().expect("enough names")),
                "commune",
                code,
                180 + rng.below(260),
                late_share(lagging, rng),
                apology_share(lagging),
            ));
        }
    }
    list
}

/// The share of a commune's dossiers resolved late: a lagging commune
/// misses its deadlines several times as often.
fn late_share(lagging: bool, rng: &mut Rng) -> f64 {
    if lagging {
        0.06 + rng.unit() * 0.08
    } else {
        rng.unit() * 0.012
    }
}

/// The share of late dossiers that get their apology letter.
fn apology_share(lagging: bool) -> f64 {
    if lagging {
        0.6
    } else {
        0.95
    }
}

/// Writes `units.csv`, `procedures.csv`, `dossiers.csv`, `targets.toml`
/// and `dataset.toml` into `out`.
pub fn write_sample(out: &Path, seed: u64) -> Result<String, Error> {
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;
    let mut rng = Rng(seed);
    let units = units(&mut rng);
    let mut text = String::from("unit_code,unit_name,level,parent_code\n");
    for u in &units {
        let _ = writeln!(text, "{},{},{},{}", u.code, u.name, u.level, u.parent);
    }
    write(out, "units.csv", text.as_bytes())?;

    let mut text =
        String::from("procedure_code,procedure_name,field,unit_level,online_level,online_since\n");
    for (i, (name, field, level, _, _, online, since)) in PROCEDURES.iter().enumerate() {
        let _ = writeln!(
            text,
            "{},{},{field},{level},{online},{since}",
            procedure_code(i),
            csv_cell(name)
        );
    }
    write(out, "procedures.csv", text.as_bytes())?;

    let rows = write_dossiers(out, &units, &mut rng)?;
    write(out, "targets.toml", TARGETS.as_bytes())?;
    write(out, "dataset.toml", DATASET.as_bytes())?;
    Ok(format!(
        "wrote a sample of {} units, {} procedures and {rows} dossiers to {}",
        units.len(),
        PROCEDURES.len(),
        out.display()
    ))
}

const TARGETS: &str = "\
# Targets of the (fictional) provincial PAR plan, as fractions.
source = \"Kế hoạch cải cách hành chính năm 2024 của tỉnh (mẫu)\"
on_time_rate = 1.0
satisfaction_rate = 0.9
online_share = 0.5
apology_rate = 1.0
";

const DATASET: &str = "\
source = \"Dữ liệu mẫu hư cấu, tạo bởi data-pipeline sample (không phải số liệu chính thức)\"
sample = true
";

fn procedure_code(i: usize) -> String {
    format!("{}.{:06}", 1 + i % 2, 900_100 + i * 13)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), Error> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| io(&path, e))
}

/// Tết (lunar new year) of the sample years: fewer dossiers, more delays.
fn near_tet(date: NaiveDate) -> bool {
    let tet = match date.year() {
        2023 => NaiveDate::from_ymd_opt(2023, 1, 22),
        _ => NaiveDate::from_ymd_opt(2024, 2, 10),
    }
    .expect("valid date");
    (date - tet).num_days().abs() <= 10
}

fn working_day(rng: &mut Rng, month: NaiveDate) -> NaiveDate {
    loop {
        let day = month + Duration::days(rng.below(month_len(month)) as i64);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || rng.chance(0.05) {
            return day;
        }
    }
}

fn month_len(first: NaiveDate) -> u64 {
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    (next.expect("valid date") - first).num_days() as u64
}

fn write_dossiers(out: &Path, units: &[SampleUnit], rng: &mut Rng) -> Result<u64, Error> {
    let path = out.join("dossiers.csv");
    let file = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
    let mut w = std::io::BufWriter::new(file);
    let header = "dossier_id,unit_code,procedure_code,channel,received_on,due_on,resolved_on,apology_issued,rating\n";
    w.write_all(header.as_bytes()).map_err(|e| io(&path, e))?;
    let mut line = String::new();
    let end = NaiveDate::from_ymd_opt(FIRST_YEAR + 1, 12, 31).expect("valid date");
    let since: Vec<Option<NaiveDate>> = PROCEDURES
        .iter()
        .map(|p| NaiveDate::parse_from_str(p.6, "%Y-%m-%d").ok())
        .collect();
    let mut id = 0u64;
    for m in 0..MONTHS {
        let month =
            NaiveDate::from_ymd_opt(FIRST_YEAR + m / 12, (m % 12) as u32 + 1, 1).expect("valid");
        let progress = m as f64 / (MONTHS - 1) as f64;
        for unit in units {
            let catalogue: Vec<usize> = (0..PROCEDURES.len())
                .filter(|&i| PROCEDURES[i].2 == unit.level)
                .collect();
            let weights: u64 = catalogue.iter().map(|&i| PROCEDURES[i].4).sum();
            let volume = unit.volume * (90 + rng.below(21)) / 100;
            for _ in 0..volume {
                let received = working_day(rng, month);
                if near_tet(received) && rng.chance(0.45) {
                    continue;
                }
                let mut pick = rng.below(weights);
                let &p = catalogue
                    .iter()
                    .find(|&&i| {
                        let w = PROCEDURES[i].4;
                        if pick < w {
                            true
                        } else {
                            pick -= w;
                            false
                        }
                    })
                    .expect("weights cover the catalogue");
                let (_, _, _, days, _, online_level, _) = PROCEDURES[p];
                let online_now = matches!(online_level, "partial" | "full" | "3" | "4")
                    && since[p].is_none_or(|s| received >= s);
                let channel = if online_now && rng.chance(0.55 + 0.2 * progress) {
                    "online"
                } else if rng.chance(0.08) {
                    "postal"
                } else {
                    "direct"
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
                let resolved = (resolved <= end).then_some(resolved);
                let late = resolved.is_some_and(|r| r > due);
                let apology = match late {
                    true => {
                        if rng.chance(unit.apology) {
                            "true"
                        } else {
                            "false"
                        }
                    }
                    false => "",
                };
                let rating = match resolved.is_some() && rng.chance(0.6) {
                    false => "",
                    true if rng.chance(if late { 0.6 } else { 0.93 }) => {
                        if rng.chance(0.4) {
                            "very_satisfied"
                        } else {
                            "satisfied"
                        }
                    }
                    true => "dissatisfied",
                };
                id += 1;
                line.clear();
                let _ = writeln!(
                    line,
                    "HS-{id:07},{},{},{channel},{received},{due},{},{apology},{rating}",
                    unit.code,
                    procedure_code(p),
                    resolved.map(|r| r.to_string()).unwrap_or_default()
                );
                w.write_all(line.as_bytes()).map_err(|e| io(&path, e))?;
            }
        }
    }
    w.flush().map_err(|e| io(&path, e))?;
    Ok(id)
}
