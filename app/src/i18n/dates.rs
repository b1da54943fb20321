//! Dates, months and reporting periods in each language (`31/03/2024`,
//! `Tháng 3/2024`, `Quý 1/2024`; `31 Mar 2024`, `March 2024`, `Q1 2024`),
//! and the manifest's RFC 3339 time shown as a UTC date and time.

use super::lang::Lang;
use chrono::{Datelike, NaiveDate};
use contract::{Month, Period};

/// The English month names (Vietnamese months are numbered: `Tháng 3`).
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of month `m` (1–12).
fn month_en(m: u32) -> &'static str {
    MONTHS_EN[(m as usize).saturating_sub(1) % 12]
}

/// The first three letters of [`month_en`]: `Mar`.
fn month_en_short(m: u32) -> &'static str {
    &month_en(m)[..3]
}

/// `31/03/2024` / `31 Mar 2024`.
pub fn fmt_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{:02}/{:02}/{}", date.day(), date.month(), date.year()),
        Lang::En => format!(
            "{} {} {}",
            date.day(),
            month_en_short(date.month()),
            date.year()
        ),
    }
}

/// An RFC 3339 time (the manifest's `generated_at`) as date and UTC time:
/// `01/03/2024 08:00 UTC` / `1 Mar 2024 08:00 UTC`; unparsable text is shown as is.
pub fn fmt_timestamp(text: &str, lang: Lang) -> String {
    match parse_utc_minute(text) {
        Some((date, hour, minute)) => {
            format!("{} {hour:02}:{minute:02} UTC", fmt_date(date, lang))
        }
        None => text.to_string(),
    }
}

/// The UTC date, hour and minute of an RFC 3339 time
/// (`2024-03-01T15:30:00.123+07:00`). Written out rather than using chrono's
/// parser and `format`, which cost the wasm build about 20 KB.
fn parse_utc_minute(text: &str) -> Option<(NaiveDate, u32, u32)> {
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Option<i32> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i32, |acc, d| {
            d.is_ascii_digit().then(|| acc * 10 + i32::from(d - b'0'))
        })
    };
    let at = |i: usize, chars: &[u8]| b.get(i).is_some_and(|c| chars.contains(c));
    if !(at(4, b"-") && at(7, b"-") && at(10, b"Tt ") && at(13, b":") && at(16, b":")) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(num(0, 4)?, num(5, 2)? as u32, num(8, 2)? as u32)?;
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    if at(i, b".") {
        i += 1;
        let start = i;
        while at(i, b"0123456789") {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && at(i + 3, b":") => {
            let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            if *sign == b'-' {
                -(h * 60 + m)
            } else {
                h * 60 + m
            }
        }
        _ => return None,
    };
    let minutes = hour * 60 + minute - offset;
    let date = match minutes.div_euclid(24 * 60) {
        -1 => date.pred_opt()?,
        1 => date.succ_opt()?,
        _ => date,
    };
    let minutes = minutes.rem_euclid(24 * 60) as u32;
    Some((date, minutes / 60, minutes % 60))
}

/// `Tháng 3/2024` / `March 2024`.
pub fn fmt_month(month: Month, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Tháng {}/{}", month.month(), month.year()),
        Lang::En => format!("{} {}", month_en(month.month()), month.year()),
    }
}

/// A short month for chart axes: `3/2024` / `Mar 2024`.
pub fn fmt_month_short(month: Month, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{}/{}", month.month(), month.year()),
        Lang::En => format!("{} {}", month_en_short(month.month()), month.year()),
    }
}

/// `Tháng 3/2024`, `Quý 1/2024`, `Năm 2024`, `Lũy kế 3 tháng 2024`;
/// `March 2024`, `Q1 2024`, `2024`, `Jan–Mar 2024`.
pub fn fmt_period(period: Period, lang: Lang) -> String {
    match (period, lang) {
        (Period::Month(m), _) => fmt_month(m, lang),
        (Period::Quarter { year, quarter }, Lang::Vi) => format!("Quý {quarter}/{year}"),
        (Period::Quarter { year, quarter }, Lang::En) => format!("Q{quarter} {year}"),
        (Period::Year(year), Lang::Vi) => format!("Năm {year}"),
        (Period::Year(year), Lang::En) => format!("{year}"),
        (Period::YearToDate(m), Lang::Vi) => format!("Lũy kế {} tháng {}", m.month(), m.year()),
        (Period::YearToDate(m), Lang::En) if m.month() == 1 => {
            format!("January {} (year to date)", m.year())
        }
        (Period::YearToDate(m), Lang::En) => {
            format!("Jan–{} {}", month_en_short(m.month()), m.year())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Period {
        Period::parse(text).unwrap()
    }

    #[test]
    fn dates_and_periods_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        assert_eq!(fmt_date(d, Lang::Vi), "31/03/2024");
        assert_eq!(fmt_date(d, Lang::En), "31 Mar 2024");
        assert_eq!(fmt_period(p("2024-03"), Lang::Vi), "Tháng 3/2024");
        assert_eq!(fmt_period(p("2024-03"), Lang::En), "March 2024");
        assert_eq!(fmt_period(p("2024-Q1"), Lang::Vi), "Quý 1/2024");
        assert_eq!(fmt_period(p("2024-Q1"), Lang::En), "Q1 2024");
        assert_eq!(fmt_period(p("2024"), Lang::Vi), "Năm 2024");
        assert_eq!(fmt_period(p("2024"), Lang::En), "2024");
        assert_eq!(fmt_period(p("2024-YTD03"), Lang::Vi), "Lũy kế 3 tháng 2024");
        assert_eq!(fmt_period(p("2024-YTD03"), Lang::En), "Jan–Mar 2024");
        assert_eq!(
            fmt_month_short(Month::parse("2024-02").unwrap(), Lang::En),
            "Feb 2024"
        );
    }

    #[test]
    fn timestamps_are_shown_in_utc() {
        use chrono::Timelike;
        assert_eq!(
            fmt_timestamp("2024-03-01T08:05:00Z", Lang::Vi),
            "01/03/2024 08:05 UTC"
        );
        assert_eq!(
            fmt_timestamp("2024-03-01T06:30:59.123+07:00", Lang::En),
            "29 Feb 2024 23:30 UTC"
        );
        assert_eq!(fmt_timestamp("not a time", Lang::Vi), "not a time");
        // The hand-written parser agrees with chrono's on valid and invalid input.
        for text in [
            "2024-12-31T23:59:59-00:30",
            "2023-01-01t00:00:00.5+14:00",
            "2024-02-29 12:00:00Z",
            "2024-02-30T12:00:00Z",
            "2024-03-01T24:00:00Z",
            "2024-03-01T08:00:00",
            "2024-03-01T08:00:00.Z",
            "2024-03-01T08:00:00+0700",
            "2024-03-01T08:00:00Zx",
            "",
        ] {
            let chrono = chrono::DateTime::parse_from_rfc3339(text).ok().map(|t| {
                let u = t.naive_utc();
                (u.date(), u.hour(), u.minute())
            });
            assert_eq!(parse_utc_minute(text), chrono, "{text}");
        }
    }
}
