//! The count fields of contract section 3, in the contract's order.

use serde::{Deserialize, Serialize};
use std::ops::{Index, IndexMut};

/// One count field of an indicator record. The order is the contract's
/// (section 3), which is also the column order of `indicators.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Count {
    ReceivedTotal,
    ReceivedOnline,
    ReceivedPostal,
    CarriedOver,
    ResolvedTotal,
    ResolvedEarly,
    ResolvedOnTime,
    ResolvedLate,
    PendingTotal,
    PendingOverdue,
    LateWithApology,
    RatedTotal,
    RatedSatisfied,
    Level3Services,
    Level4Services,
    Level3Dossiers,
    Level4Dossiers,
    ServicesUsed,
}

/// How a field behaves when months are combined into a longer period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregation {
    /// Summed over the months (dossiers received, resolved, rated …).
    Flow,
    /// The value at the end of the last month (pending, services offered).
    StockAtEnd,
    /// The value at the start of the first month (`carried_over`).
    StockAtStart,
    /// A distinct count that cannot be summed (`services_used`).
    Distinct,
}

impl Count {
    pub const ALL: [Count; 18] = [
        Count::ReceivedTotal,
        Count::ReceivedOnline,
        Count::ReceivedPostal,
        Count::CarriedOver,
        Count::ResolvedTotal,
        Count::ResolvedEarly,
        Count::ResolvedOnTime,
        Count::ResolvedLate,
        Count::PendingTotal,
        Count::PendingOverdue,
        Count::LateWithApology,
        Count::RatedTotal,
        Count::RatedSatisfied,
        Count::Level3Services,
        Count::Level4Services,
        Count::Level3Dossiers,
        Count::Level4Dossiers,
        Count::ServicesUsed,
    ];

    /// The field's name in the contract, the CSV header and the JSON.
    pub fn name(self) -> &'static str {
        match self {
            Count::ReceivedTotal => "received_total",
            Count::ReceivedOnline => "received_online",
            Count::ReceivedPostal => "received_postal",
            Count::CarriedOver => "carried_over",
            Count::ResolvedTotal => "resolved_total",
            Count::ResolvedEarly => "resolved_early",
            Count::ResolvedOnTime => "resolved_on_time",
            Count::ResolvedLate => "resolved_late",
            Count::PendingTotal => "pending_total",
            Count::PendingOverdue => "pending_overdue",
            Count::LateWithApology => "late_with_apology",
            Count::RatedTotal => "rated_total",
            Count::RatedSatisfied => "rated_satisfied",
            Count::Level3Services => "level3_services",
            Count::Level4Services => "level4_services",
            Count::Level3Dossiers => "level3_dossiers",
            Count::Level4Dossiers => "level4_dossiers",
            Count::ServicesUsed => "services_used",
        }
    }

    /// The field in plain words, as a revision note names it.
    pub fn label(self) -> crate::Label {
        use Count::*;
        let (vi, en) = match self {
            ReceivedTotal => ("số hồ sơ tiếp nhận", "dossiers received"),
            ReceivedOnline => ("số hồ sơ nộp trực tuyến", "dossiers submitted online"),
            ReceivedPostal => ("số hồ sơ qua bưu chính", "dossiers received by post"),
            CarriedOver => ("số hồ sơ kỳ trước chuyển sang", "dossiers carried over"),
            ResolvedTotal => ("số hồ sơ đã giải quyết", "dossiers resolved"),
            ResolvedEarly => ("số hồ sơ giải quyết trước hạn", "dossiers resolved early"),
            ResolvedOnTime => (
                "số hồ sơ giải quyết đúng hạn",
                "dossiers resolved on the due day",
            ),
            ResolvedLate => ("số hồ sơ giải quyết quá hạn", "dossiers resolved late"),
            PendingTotal => ("số hồ sơ đang giải quyết", "dossiers pending"),
            PendingOverdue => (
                "số hồ sơ đang giải quyết quá hạn",
                "dossiers pending past due",
            ),
            LateWithApology => (
                "số hồ sơ quá hạn có thư xin lỗi",
                "late dossiers with an apology",
            ),
            RatedTotal => ("số lượt đánh giá", "ratings"),
            RatedSatisfied => ("số lượt đánh giá hài lòng", "satisfied ratings"),
            Level3Services => ("số dịch vụ công mức độ 3", "level-3 online services"),
            Level4Services => ("số dịch vụ công mức độ 4", "level-4 online services"),
            Level3Dossiers => ("số hồ sơ trực tuyến mức độ 3", "level-3 online dossiers"),
            Level4Dossiers => ("số hồ sơ trực tuyến mức độ 4", "level-4 online dossiers"),
            ServicesUsed => ("số dịch vụ có phát sinh hồ sơ", "services with a dossier"),
        };
        crate::Label { vi, en }
    }

    /// The field named `name` in the contract.
    pub fn named(name: &str) -> Option<Count> {
        Count::ALL.into_iter().find(|c| c.name() == name)
    }

    pub fn aggregation(self) -> Aggregation {
        match self {
            Count::CarriedOver => Aggregation::StockAtStart,
            Count::PendingTotal
            | Count::PendingOverdue
            | Count::Level3Services
            | Count::Level4Services => Aggregation::StockAtEnd,
            Count::ServicesUsed => Aggregation::Distinct,
            _ => Aggregation::Flow,
        }
    }
}

/// One indicator record: every count field for one unit and one period.
/// `None` means the source could not give the field ("no data"), never 0.
/// Serialised as a plain JSON array in `Count::ALL` order to keep snapshots small.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Counts(pub [Option<u64>; 18]);

impl Counts {
    /// A record with every field known and zero.
    pub fn zero() -> Counts {
        Counts([Some(0); 18])
    }

    /// A zero record with the given fields set (handy for examples and tests).
    pub fn with(fields: &[(Count, u64)]) -> Counts {
        let mut c = Counts::zero();
        for &(field, value) in fields {
            c[field] = Some(value);
        }
        c
    }

    /// The fields this record does not know.
    pub fn unknown(&self) -> Fields {
        let mut set = Fields::NONE;
        for field in Count::ALL.into_iter().filter(|&f| self[f].is_none()) {
            set.insert(field);
        }
        set
    }

    /// Adds `other` field by field; a field unknown on both sides stays unknown.
    pub fn add(&mut self, other: &Counts) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine = match (*mine, theirs) {
                (Some(a), Some(b)) => Some(a + b),
                (a, b) => a.or(b),
            };
        }
    }
}

/// A set of count fields, as a bit mask: the fields of a record that are
/// incomplete (summed over only some of the units below, because the others
/// sent a Form 06 report that cannot give them, or nothing at all).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Fields(pub u32);

impl Fields {
    pub const NONE: Fields = Fields(0);

    pub fn of(fields: &[Count]) -> Fields {
        let mut set = Fields::NONE;
        for &f in fields {
            set.insert(f);
        }
        set
    }

    pub fn insert(&mut self, field: Count) {
        self.0 |= 1 << field as u32;
    }

    pub fn contains(self, field: Count) -> bool {
        self.0 & (1 << field as u32) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn union(self, other: Fields) -> Fields {
        Fields(self.0 | other.0)
    }

    pub fn intersection(self, other: Fields) -> Fields {
        Fields(self.0 & other.0)
    }

    pub fn without(self, other: Fields) -> Fields {
        Fields(self.0 & !other.0)
    }

    pub fn intersects(self, other: Fields) -> bool {
        !self.intersection(other).is_empty()
    }
}

impl Index<Count> for Counts {
    type Output = Option<u64>;
    fn index(&self, field: Count) -> &Option<u64> {
        &self.0[field as usize]
    }
}

impl IndexMut<Count> for Counts {
    fn index_mut(&mut self, field: Count) -> &mut Option<u64> {
        &mut self.0[field as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_matches_the_contract_table() {
        let names: Vec<_> = Count::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names[0], "received_total");
        assert_eq!(names[17], "services_used");
        for (i, c) in Count::ALL.iter().enumerate() {
            assert_eq!(*c as usize, i);
        }
    }

    #[test]
    fn add_keeps_unknown_fields_unknown() {
        let mut a = Counts::default();
        let mut b = Counts::default();
        b[Count::ReceivedTotal] = Some(3);
        a.add(&b);
        a.add(&b);
        assert_eq!(a[Count::ReceivedTotal], Some(6));
        assert_eq!(a[Count::ResolvedTotal], None);
    }

    #[test]
    fn field_sets() {
        let set = Fields::of(&[Count::ReceivedPostal, Count::ServicesUsed]);
        assert!(set.contains(Count::ServicesUsed) && !set.contains(Count::ReceivedTotal));
        assert!(set.intersects(Fields::of(&[Count::ReceivedPostal])));
        assert_eq!(serde_json::to_string(&set).unwrap(), "131076");
    }

    #[test]
    fn serialises_as_an_array() {
        let mut c = Counts::zero();
        c[Count::ReceivedPostal] = None;
        let json = serde_json::to_string(&c).unwrap();
        assert!(json.starts_with("[0,0,null,0"));
        assert_eq!(serde_json::from_str::<Counts>(&json).unwrap(), c);
    }
}
