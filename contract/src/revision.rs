//! Revisions: published monthly figures that a later build changed (late
//! entries, a corrected re-export). The pipeline keeps every one in
//! `revisions.csv`, never dropping an earlier build's, and gives each
//! province snapshot those of its units, so the dashboard can say which
//! figure was revised and when, as a statistics office's revision note does.

use crate::month::iso_date;
#[cfg(doc)]
use crate::Indicator;
use crate::{Count, Fields, Month, Period};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One changed figure: a unit's count field in one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Row", into = "Row")]
pub struct Revision {
    /// The unit's code in `revisions.csv`; its version id in a province
    /// snapshot (a code names a unit only with a date).
    pub unit: String,
    pub month: Month,
    pub field: Count,
    /// `None`: no data (an empty cell).
    pub old: Option<u64>,
    pub new: Option<u64>,
    /// The day of the build that made the change.
    pub on: NaiveDate,
}

/// A revision as a snapshot stores it: an array in the order of
/// `revisions.csv`, smaller than an object and less code to read in the
/// wasm.
#[derive(Serialize, Deserialize)]
struct Row(
    String,
    Month,
    #[serde(with = "count_name")] Count,
    Option<u64>,
    Option<u64>,
    #[serde(with = "iso_date")] NaiveDate,
);

impl From<Row> for Revision {
    fn from(Row(unit, month, field, old, new, on): Row) -> Revision {
        Revision {
            unit,
            month,
            field,
            old,
            new,
            on,
        }
    }
}

impl From<Revision> for Row {
    fn from(r: Revision) -> Row {
        Row(r.unit, r.month, r.field, r.old, r.new, r.on)
    }
}

impl Revision {
    /// The columns of `revisions.csv`.
    pub const COLUMNS: [&'static str; 6] = [
        "unit_code",
        "month",
        "field",
        "old_value",
        "new_value",
        "revised_on",
    ];

    /// Whether a figure for `period` that is computed from the fields
    /// `uses` (an indicator's: [`Indicator::fields`]) takes this one: the field is one of them, in a month the
    /// period takes it from (any month for a flow, the last for a stock,
    /// the first for `carried_over`).
    pub fn changes(&self, uses: Fields, period: Period) -> bool {
        uses.contains(self.field) && period.draws_on(self.field, self.month)
    }
}

/// A count field as its name in the contract (`resolved_on_time`).
mod count_name {
    use crate::Count;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(field: &Count, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(field.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Count, D::Error> {
        let name = String::deserialize(d)?;
        Count::named(&name).ok_or_else(|| D::Error::custom(format!("no count field {name}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Indicator;

    fn revision(field: Count, month: Month) -> Revision {
        Revision {
            unit: "001".into(),
            month,
            field,
            old: Some(3),
            new: None,
            on: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        }
    }

    #[test]
    fn a_revision_changes_the_figures_computed_from_its_field_and_month() {
        let feb = Month::new(2025, 2).unwrap();
        let q1 = Period::Quarter {
            year: 2025,
            quarter: 1,
        };
        let on_time = revision(Count::ResolvedOnTime, feb);
        assert!(on_time.changes(Indicator::OnTime.fields(), q1));
        assert!(on_time.changes(Indicator::OnTime.fields(), Period::Month(feb)));
        assert!(!on_time.changes(Indicator::Online.fields(), q1));
        let march = Period::Month(feb.plus(1));
        assert!(!on_time.changes(Indicator::OnTime.fields(), march));
        // A quarter's pending dossiers are those at its end, not February's.
        let pending = revision(Count::PendingOverdue, feb);
        assert!(!pending.changes(Indicator::Overdue.fields(), q1));
        assert!(pending.changes(Indicator::Overdue.fields(), Period::Month(feb)));
        assert!(pending.changes(Fields::of(&[Count::PendingOverdue]), Period::Month(feb)));
    }

    #[test]
    fn a_revision_reads_back_as_written() {
        let r = revision(Count::LateWithApology, Month::new(2024, 11).unwrap());
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"["001","2024-11","late_with_apology",3,null,"2026-12-01"]"#
        );
        assert_eq!(serde_json::from_str::<Revision>(&json).unwrap(), r);
    }
}
