//! The sample's `index_metrics.csv`: the 766 index's figures that dossiers
//! cannot give (transparency, petitions, the composites), made up per unit
//! version and month. Every unit of one province gets them, so its index
//! is complete; a national sample gives them for provinces only, to stay
//! small. The composites are given as counts (points of a made-up weighted
//! part), which the contract allows, so quarters and years add up.

use super::{Rng, Unit};
use contract::Month;
use std::fmt::Write as _;

/// (metric, typical denominator per month for a commune, typical share).
const METRICS: [(&str, u64, f64); 10] = [
    ("PUBLISH_ON_TIME", 3, 0.6),
    ("PUBLIC_UPDATE_ON_TIME", 3, 0.9),
    ("PUBLIC_CONTENT_FULL", 3, 0.97),
    ("ONLINE_COMPOSITE", 100, 0.72),
    ("SYNCED_WITH_DVCQG_PERSONAL_STORAGE", 400, 0.04),
    ("CITIZEN_DATA_CONNECTED_FORMALITY", 10, 0.3),
    ("ELECTRONIC_CERTIFIED_COPY", 4, 0.8),
    ("PAYMENT_COMPOSITE", 100, 0.65),
    ("PETITION_PROCESSING_ON_TIME", 2, 0.6),
    ("PETITION_HANDLING_SATISFACTION", 2, 0.45),
];

/// The rows for `months` months from `start`: for every unit, or with
/// `provinces_only` for the provinces alone.
pub fn metrics_csv(
    units: &[Unit],
    start: Month,
    months: usize,
    provinces_only: bool,
    seed: u64,
) -> String {
    let mut out = String::from("unit_code,month,metric,numerator,denominator,ratio\n");
    let everyone = !provinces_only;
    let mut rng = Rng(seed ^ 0x766);
    for unit in units.iter().filter(|u| everyone || u.level == "province") {
        let scale = match unit.level {
            "province" => 20,
            "district" => 5,
            _ => 1,
        };
        for m in 0..months {
            let month = start.plus(m as i32);
            if !unit.valid_in(month.index()) {
                continue;
            }
            let progress = m as f64 / months.max(2) as f64;
            for (metric, typical, share) in METRICS {
                let denominator = rng.below(typical * scale * 2 + 1);
                let share = (share + 0.2 * progress - unit.late).clamp(0.0, 1.0);
                let numerator = (0..denominator).filter(|_| rng.chance(share)).count();
                let _ = writeln!(
                    out,
                    "{},{month},{metric},{numerator},{denominator},",
                    unit.code
                );
            }
        }
    }
    out
}
