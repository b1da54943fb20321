//! `sample`: deterministic, realistic demo inputs with fictional figures
//! on Vietnam's real units.
//!
//! The default sample (`data-pipeline sample --out DIR`, what `make run`
//! shows) is one real province across the reorganisation of 1 July 2025:
//! [`DEMO_PROVINCE`], Cà Mau, formed from the old provinces Bạc Liêu and Cà
//! Mau, from January 2024 to October 2026 (34 months, about 300,000
//! dossiers). Its `units.csv` and `unit_changes.csv` are exactly what
//! `data-pipeline units --history --province 96` writes: the old districts
//! and communes until 30 June 2025, the new communes from 1 July. Cà Mau
//! because it is the smallest new province made of several old ones (164
//! old communes, 16 districts, 64 new communes), so the sample builds in
//! seconds, and yet it shows every case of the change: two provinces
//! combined, communes merged whole ("predecessors combined"), and 19 old
//! communes divided between new ones (their dossiers pending on 1 July go
//! to the province's pool).
//!
//! The dossiers carry the patterns a provincial leader or commune chair
//! knows: volume by population ([`real`]), a dip around Tết, the online
//! share rising from about 20 % to 60 %, a few lagging communes, missing
//! apology letters, satisfaction around 90 %, procedures going online at
//! their dates, and dossiers received in June 2025 that wait for the
//! handover and are resolved in July or August by the new units. The
//! figures are fictional and `dataset.toml` says so (`sample = true`).
//!
//! Bytes are fixed for a seed (the pipeline's and the app's end-to-end
//! tests depend on them): the generator is [`scaled`]'s, which also writes
//! the whole country for benchmarks (`--scale national`).

mod index;
pub mod real;
pub mod scaled;

use crate::error::{io, Error};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::path::Path;

/// The new province of the default sample (see the module doc for why).
pub const DEMO_PROVINCE: &str = "96";

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
        "2025-10-01",
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
        "2026-03-01",
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

/// Writes the default sample into `out`: `units.csv`, `unit_changes.csv`,
/// `procedures.csv`, `dossiers.csv`, `index_metrics.csv`, `targets.toml`
/// and `dataset.toml`.
pub fn write_sample(out: &Path, seed: u64) -> Result<String, Error> {
    scaled::write_scaled(out, seed, &scaled::Size::demo())
}

const TARGETS: &str = "\
# Targets of the (fictional) provincial PAR plan, as fractions.
source = \"Kế hoạch cải cách hành chính năm 2026 của tỉnh (mẫu)\"
on_time_rate = 1.0
satisfaction_rate = 0.9
online_share = 0.5
apology_rate = 1.0
";

/// Files to write: (name, text).
pub(super) type Files = Vec<(&'static str, String)>;

/// One unit version as the generator sees it.
pub(super) struct Unit {
    pub code: String,
    pub name: String,
    pub level: &'static str,
    pub parent: String,
    /// Relative volume of dossiers received.
    pub weight: f64,
    /// Share of dossiers resolved late.
    pub late: f64,
    /// Share of late dossiers that get an apology letter.
    pub apology: f64,
    /// The first and last month (indices) it is valid in.
    pub months: (i32, i32),
    /// A unit of the two-tier structure, whose communes handle the old
    /// district procedures.
    pub two_tier: bool,
}

impl Unit {
    pub(super) fn valid_in(&self, month: i32) -> bool {
        (self.months.0..=self.months.1).contains(&month)
    }
}

/// `dataset.toml`: the source line shown on every page, and `sample =
/// true`. `units` names the units the figures are put on (real ones, or
/// made up).
fn dataset_toml(units: &str) -> String {
    format!("source = \"Số liệu hư cấu trên {units} (data-pipeline sample)\"\nsample = true\n")
}

fn procedure_code(i: usize) -> String {
    format!("{}.{:06}", 1 + i % 2, 900_100 + i * 13)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), Error> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| io(&path, e))
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

/// The share of a month's usual volume received in it: around Tết offices
/// close and people wait, so 45 % of the dossiers of the days near it are
/// never filed that month (the dip a monthly chart shows).
fn tet_factor(first: NaiveDate) -> f64 {
    let days = month_len(first);
    let near = (0..days)
        .filter(|&d| near_tet(first + Duration::days(d as i64)))
        .count();
    1.0 - 0.45 * near as f64 / days as f64
}
