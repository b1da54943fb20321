//! Dates in the inputs: the contract's three forms, the years a date may
//! plausibly fall in, and dates as plain integers (day numbers and month
//! indexes) in frames.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use contract::Month;

/// Years a dossier date may fall in. A typo such as `2204` would otherwise
/// stretch the month range over centuries (and the snapshots with it).
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The last day a dossier may be received or resolved on: the day of the
/// build in Vietnam (UTC+7), or `--as-of` for builds of past data. A later
/// date is a typo (`2099` for `2024`), and one such date would stretch the
/// snapshots' months to it and open the dashboard on an empty month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Latest {
    pub day: NaiveDate,
    /// True when the day was given with `--as-of`.
    pub given: bool,
}

/// Today in Vietnam (UTC+7, no daylight saving): the build's day.
pub fn today() -> NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(7)).date_naive()
}

impl Latest {
    pub fn new(as_of: Option<NaiveDate>) -> Latest {
        Latest {
            day: as_of.unwrap_or_else(today),
            given: as_of.is_some(),
        }
    }

    /// A dossier date's frame columns ([`date_columns`]), refused after the limit.
    pub fn date_columns(&self, text: &str) -> Result<[i32; 3], String> {
        let columns = date_columns(text)?;
        if columns[0] > day_number(self.day) {
            return Err(match self.given {
                true => format!("a date after --as-of {}", self.day),
                false => format!(
                    "a date in the future: after {}, the day of this build (give --as-of DATE to build as of another day)",
                    self.day
                ),
            });
        }
        Ok(columns)
    }
}

/// Parses a date in one of the contract's three forms.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let parsed = match text.len() {
        10 if text.as_bytes()[2] == b'/' => NaiveDate::parse_from_str(text, "%d/%m/%Y").ok(),
        10 => NaiveDate::parse_from_str(text, "%Y-%m-%d").ok(),
        19 => NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
            .ok()
            .map(|t| t.date()),
        _ => None,
    };
    parsed.ok_or_else(|| {
        "not a valid date (expected YYYY-MM-DD, DD/MM/YYYY or YYYY-MM-DDTHH:MM:SS)".to_string()
    })
}

/// Days since 1 January of year 1: dates as plain integers in frames.
pub fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The date of a day number ([`day_number`]).
pub fn date_of(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).expect("day numbers come from valid dates")
}

/// A dossier date as frame columns: the day, its month index, and whether
/// it is the last day of its month (for "overdue at month end").
pub fn date_columns(text: &str) -> Result<[i32; 3], String> {
    let date = parse_date(text)?;
    if !PLAUSIBLE_YEARS.contains(&date.year()) {
        return Err(format!(
            "implausible date: the year must be between {} and {}",
            PLAUSIBLE_YEARS.start(),
            PLAUSIBLE_YEARS.end()
        ));
    }
    let month = Month::of(date);
    Ok([
        day_number(date),
        month.index(),
        (date == month.last_day()) as i32,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_three_contract_forms_and_nothing_else() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        assert_eq!(parse_date("2024-03-05"), Ok(day));
        assert_eq!(parse_date("05/03/2024"), Ok(day));
        assert_eq!(parse_date("2024-03-05T23:59:59"), Ok(day));
        for bad in [
            "31/02/2024",
            "2024/03/05",
            "5/3/2024",
            "2024-3-5",
            "20240305",
            "",
            "ngày 5",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_date_after_the_limit_is_refused_with_the_limit() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 31).unwrap();
        let latest = Latest::new(Some(day));
        assert!(latest.date_columns("31/03/2024").is_ok());
        let error = latest.date_columns("2024-04-01").unwrap_err();
        assert_eq!(error, "a date after --as-of 2024-03-31");
        let today = Latest::new(None);
        assert!(!today.given);
        assert!(today
            .date_columns("2099-01-10")
            .unwrap_err()
            .contains("in the future"));
        assert!(today.date_columns("2024-01-10").is_ok());
    }

    #[test]
    fn a_dossier_date_is_its_day_month_and_month_end() {
        let day = day_number(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        let month = Month::new(2024, 2).unwrap().index();
        assert_eq!(date_columns("29/02/2024"), Ok([day, month, 1]));
        assert_eq!(date_columns("2024-02-28").map(|d| d[2]), Ok(0));
        assert_eq!(date_of(day), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert!(date_columns("2204-01-08")
            .unwrap_err()
            .starts_with("implausible date"));
    }
}
