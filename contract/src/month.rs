//! Calendar months, the time grain of every indicator record.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar month, stored as a count of months since year 0 so that
/// ranges and differences are plain integer arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(i32);

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        (1..=12)
            .contains(&month)
            .then(|| Month(year * 12 + month as i32 - 1))
    }

    pub fn of(date: NaiveDate) -> Month {
        Month(date.year() * 12 + date.month0() as i32)
    }

    /// The month's position on a continuous integer axis (used by the pipeline
    /// for vectorised month arithmetic).
    pub fn index(self) -> i32 {
        self.0
    }

    pub fn from_index(index: i32) -> Month {
        Month(index)
    }

    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// 1..=12
    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    pub fn plus(self, months: i32) -> Month {
        Month(self.0 + months)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1).expect("valid month")
    }

    /// The month's end `E` of the contract.
    pub fn last_day(self) -> NaiveDate {
        self.plus(1).first_day().pred_opt().expect("valid date")
    }

    /// Months from `self` to `last`, both included.
    pub fn through(self, last: Month) -> impl Iterator<Item = Month> {
        (self.0..=last.0).map(Month)
    }

    /// `YYYY-MM`, digits only.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !digits(y) || !digits(m) {
            return None;
        }
        Month::new(y.parse().ok()?, m.parse().ok()?)
    }
}

fn digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

/// A date in the snapshots (`YYYY-MM-DD`), for `#[serde(with = ...)]`.
/// Read here rather than by chrono's general parser, which would add 6 KB
/// to the app's wasm for this one field.
pub(super) mod iso_date {
    use super::{digits, Month};
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format(*date))
    }

    /// `YYYY-MM-DD`, without chrono's general formatter.
    pub fn format(date: NaiveDate) -> String {
        let (y, m, d) = (date.year(), date.month(), date.day());
        format!("{y:04}-{m:02}-{d:02}")
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text).ok_or_else(|| serde::de::Error::custom(format!("bad date {text:?}")))
    }

    pub fn parse(text: &str) -> Option<NaiveDate> {
        let (month, day) = text.rsplit_once('-')?;
        let month = Month::parse(month)?;
        if day.len() != 2 || !digits(day) {
            return None;
        }
        NaiveDate::from_ymd_opt(month.year(), month.month(), day.parse().ok()?)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let text = String::deserialize(d)?;
        Month::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("bad month {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_and_write_as_chrono_does() {
        for text in ["2024-02-29", "2025-12-31", "0999-01-01"] {
            let date = iso_date::parse(text).unwrap();
            assert_eq!(Some(date), text.parse::<NaiveDate>().ok());
            assert_eq!(date.to_string(), text);
        }
        for bad in [
            "2023-02-29",
            "2024-2-01",
            "2024-02-+1",
            "+024-02-01",
            "2024-02",
            "2024-02-01x",
        ] {
            assert_eq!(iso_date::parse(bad), None, "{bad}");
        }
        assert_eq!(Month::parse("+024-01"), None);
    }

    #[test]
    fn parses_formats_and_steps() {
        let m = Month::parse("2024-02").unwrap();
        assert_eq!(m.to_string(), "2024-02");
        assert_eq!(m.last_day(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(m.plus(-2).to_string(), "2023-12");
        assert_eq!(m.plus(11).to_string(), "2025-01");
        assert_eq!(Month::parse("2024-13"), None);
        assert_eq!(Month::parse("24-01"), None);
        assert_eq!(m.plus(-1).through(m).count(), 2);
    }
}
