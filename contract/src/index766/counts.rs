//! The dossier counts the index needs beyond contract section 3, one record
//! per unit and month like [`crate::Counts`]. All are flows: a period sums
//! its months.

use serde::{Deserialize, Serialize};
use std::ops::{Index, IndexMut};

/// One index count of a unit and month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndexCount {
    /// Dossiers received in the month with `result_electronic = true`.
    ResultElectronic,
    /// … with `digitised = true`.
    Digitised,
    /// … with `reused_data = true`.
    ReusedData,
    /// … with `citizen_data = true`.
    CitizenData,
    /// … with `synced = true`.
    Synced,
    /// Dossiers received in the month whose procedure charges a fee (`fee = true`).
    FeeDossiers,
    /// Of those, `paid_online = true`.
    PaidOnline,
    /// Dossiers resolved in the month by their due date and rated `dissatisfied`.
    ComplainedOnTime,
}

impl IndexCount {
    pub const ALL: [IndexCount; 8] = [
        IndexCount::ResultElectronic,
        IndexCount::Digitised,
        IndexCount::ReusedData,
        IndexCount::CitizenData,
        IndexCount::Synced,
        IndexCount::FeeDossiers,
        IndexCount::PaidOnline,
        IndexCount::ComplainedOnTime,
    ];

    /// The name of the count, and of the optional dossier column it counts
    /// (`fee_dossiers` counts the procedures' `fee`; `complained_on_time`
    /// the required `rating`).
    pub fn name(self) -> &'static str {
        match self {
            IndexCount::ResultElectronic => "result_electronic",
            IndexCount::Digitised => "digitised",
            IndexCount::ReusedData => "reused_data",
            IndexCount::CitizenData => "citizen_data",
            IndexCount::Synced => "synced",
            IndexCount::FeeDossiers => "fee_dossiers",
            IndexCount::PaidOnline => "paid_online",
            IndexCount::ComplainedOnTime => "complained_on_time",
        }
    }
}

/// One unit and month's index counts, `None` where the data cannot give
/// them (a column absent, or a unit that sends Form 06). A JSON array in
/// [`IndexCount::ALL`] order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IndexCounts(pub [Option<u64>; 8]);

impl IndexCounts {
    /// The sum of several months: a count unknown in any of them is unknown.
    pub fn sum<'a>(months: impl IntoIterator<Item = &'a IndexCounts>) -> IndexCounts {
        let mut total = IndexCounts([Some(0); 8]);
        for month in months {
            for (t, v) in total.0.iter_mut().zip(month.0) {
                *t = t.zip(v).map(|(a, b)| a + b);
            }
        }
        total
    }
}

impl Index<IndexCount> for IndexCounts {
    type Output = Option<u64>;
    fn index(&self, field: IndexCount) -> &Option<u64> {
        &self.0[field as usize]
    }
}

impl IndexMut<IndexCount> for IndexCounts {
    fn index_mut(&mut self, field: IndexCount) -> &mut Option<u64> {
        &mut self.0[field as usize]
    }
}
