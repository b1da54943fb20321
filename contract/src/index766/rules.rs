//! The index's scoring rules as data (`data-pipeline/rules/index-766.toml`,
//! replaced with `--rules FILE`): groups, metrics, maximum points,
//! thresholds, the 0/0 rule, rounding and grades. When the government
//! changes a weight, someone edits a file; nobody recompiles. The rules
//! travel in the manifest, so the app scores with exactly the pipeline's.

use super::counts::{IndexCount, IndexCounts};
use crate::counts::{Count, Counts};
use serde::{Deserialize, Serialize};

/// The whole rule set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rules {
    /// What these rules are, as shown beside the index.
    pub name: String,
    /// Points are rounded half up to this many decimals (0–4).
    pub decimals: u32,
    /// What an empty denominator (0 / 0) scores, unless a metric says otherwise.
    pub zero_over_zero: ZeroRule,
    pub groups: Vec<Group>,
    pub metrics: Vec<Metric>,
    /// From the highest band down: a total takes the first whose `min` it reaches.
    pub grades: Vec<Grade>,
}

/// The portal's 0/0 rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ZeroRule {
    /// 0 / 0 counts as 100 % and full points (the portal's rule, shown as such).
    Full,
    /// 0 / 0 is no data.
    NoData,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub code: String,
    pub max: f64,
    pub name_vi: String,
    pub name_en: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub code: String,
    pub group: String,
    /// Full points; 0 for a part of a composite (never scored).
    #[serde(default)]
    pub max: f64,
    /// The ratio that earns full points.
    #[serde(default = "one")]
    pub threshold: f64,
    /// The dossier counts it is computed from; `None`: only from `index_metrics.csv`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The composite metric it is a published part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero_over_zero: Option<ZeroRule>,
    pub name_vi: String,
    pub name_en: String,
}

fn one() -> f64 {
    1.0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    pub min: f64,
    pub name_vi: String,
    pub name_en: String,
}

/// How a metric is computed from the dossier counts of a unit and period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The contract's `progress_rate`: resolved on time or pending and not
    /// yet overdue, of those resolved or pending.
    Progress,
    /// Of the same dossiers, those neither late nor rated `dissatisfied`.
    ReceivingSatisfaction,
    /// `received_online / received_total`.
    OnlineShare,
    /// Dossiers received with the flag `true`, of those received.
    ResultElectronic,
    Digitised,
    ReusedData,
    CitizenData,
    Synced,
    /// Dossiers of fee-bearing procedures paid online, of those received.
    PaidOnline,
}

impl Source {
    /// The numerator and denominator for one unit and period; `None` when
    /// the data do not give them (a column absent, a Form 06 unit below).
    pub fn parts(self, c: &Counts, x: &IndexCounts) -> Option<(u64, u64)> {
        let received = c[Count::ReceivedTotal];
        let of_received = |f: IndexCount| x[f].zip(received);
        match self {
            Source::Progress => c.progress_parts().0.zip(c.progress_parts().1),
            Source::ReceivingSatisfaction => {
                let (good, all) = c.progress_parts();
                let complained = x[IndexCount::ComplainedOnTime]?;
                Some((good?.checked_sub(complained)?, all?))
            }
            Source::OnlineShare => c[Count::ReceivedOnline].zip(received),
            Source::ResultElectronic => of_received(IndexCount::ResultElectronic),
            Source::Digitised => of_received(IndexCount::Digitised),
            Source::ReusedData => of_received(IndexCount::ReusedData),
            Source::CitizenData => of_received(IndexCount::CitizenData),
            Source::Synced => of_received(IndexCount::Synced),
            Source::PaidOnline => x[IndexCount::PaidOnline].zip(x[IndexCount::FeeDossiers]),
        }
    }
}

impl Rules {
    /// Points are counted in these units: 100 per point with 2 decimals.
    pub fn scale(&self) -> u64 {
        10u64.pow(self.decimals)
    }

    /// A number of points of the rules (a `max`, a grade's `min`) in [`Rules::scale`] units.
    pub fn units(&self, points: f64) -> u64 {
        (points * self.scale() as f64).round() as u64
    }

    /// Points in units written as a decimal number: `65.49`.
    pub fn format(&self, units: u64) -> String {
        let mut out = String::new();
        self.write(&mut out, units);
        out
    }

    /// [`Rules::format`] into `out`, without allocating (millions of
    /// cells in `index766.csv`).
    pub fn write(&self, out: &mut String, units: u64) {
        match self.decimals {
            0 => push_digits(out, units, 1),
            d => {
                let scale = self.scale();
                push_digits(out, units / scale, 1);
                out.push('.');
                push_digits(out, units % scale, d as usize);
            }
        }
    }

    pub fn metric(&self, code: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.code == code)
    }

    /// The metrics that score points, in the file's order.
    pub fn scored(&self) -> impl Iterator<Item = &Metric> {
        self.metrics.iter().filter(|m| m.part_of.is_none())
    }

    /// The grade band a complete total falls in.
    pub fn grade(&self, total: u64) -> Option<&Grade> {
        self.grades.iter().find(|g| total >= self.units(g.min))
    }

    /// Everything a rules file must satisfy, as the first problem found.
    pub fn check(&self) -> Result<(), String> {
        if self.decimals > 4 {
            return Err(format!("decimals = {}: at most 4", self.decimals));
        }
        let exact = |what: &str, x: f64, scale: f64| {
            let ok = x >= 0.0 && ((x * scale).round() - x * scale).abs() < 1e-6;
            ok.then_some(()).ok_or_else(|| {
                format!("{what} = {x}: not a number of at most the allowed decimals")
            })
        };
        let scale = self.scale() as f64;
        let mut codes = std::collections::HashSet::new();
        for code in self
            .groups
            .iter()
            .map(|g| &g.code)
            .chain(self.metrics.iter().map(|m| &m.code))
        {
            if !codes.insert(code.as_str()) {
                return Err(format!("{code}: the code appears twice"));
            }
        }
        for g in &self.groups {
            exact(&format!("{} max", g.code), g.max, scale)?;
            let sum: u64 = self
                .scored()
                .filter(|m| m.group == g.code)
                .map(|m| self.units(m.max))
                .sum();
            if sum != self.units(g.max) {
                return Err(format!(
                    "{}: max = {} but its metrics add up to {}",
                    g.code,
                    g.max,
                    self.format(sum)
                ));
            }
        }
        for m in &self.metrics {
            self.check_metric(m, scale)?;
        }
        let mins: Vec<u64> = self.grades.iter().map(|g| self.units(g.min)).collect();
        if mins.is_empty() || mins.windows(2).any(|w| w[0] <= w[1]) || mins[mins.len() - 1] != 0 {
            return Err("grades: from the highest `min` down, strictly, the last at 0".into());
        }
        Ok(())
    }

    fn check_metric(&self, m: &Metric, scale: f64) -> Result<(), String> {
        let code = &m.code;
        if !self.groups.iter().any(|g| g.code == m.group) {
            return Err(format!("{code}: group {} is not defined", m.group));
        }
        let max_ok = m.max >= 0.0 && ((m.max * scale).round() - m.max * scale).abs() < 1e-6;
        if !max_ok {
            return Err(format!(
                "{code}: max = {} has more than {} decimals",
                m.max, self.decimals
            ));
        }
        if !(m.threshold > 0.0 && m.threshold <= 1.0) || threshold_millionths(m.threshold).is_none()
        {
            return Err(format!(
                "{code}: threshold = {} must be in (0, 1] with at most 6 decimals",
                m.threshold
            ));
        }
        match &m.part_of {
            Some(whole) => {
                let whole_ok = self
                    .scored()
                    .any(|w| &w.code == whole && w.group == m.group);
                if !whole_ok || m.max != 0.0 {
                    return Err(format!("{code}: a part (part_of = {whole}) needs a scored metric of its group and no max"));
                }
            }
            None if m.max == 0.0 => return Err(format!("{code}: a scored metric needs max > 0")),
            None => {}
        }
        Ok(())
    }
}

/// A threshold as millionths of 1 (0.8 → 800,000), when it has at most 6 decimals.
pub fn threshold_millionths(threshold: f64) -> Option<u64> {
    let t = threshold * 1e6;
    ((t.round() - t).abs() < 1e-6).then_some(t.round() as u64)
}

/// Pushes `n` in decimal with at least `width` digits (zero-padded, up to
/// 20): what `write!(out, "{n:0width$}")` does, without the formatting
/// machinery, for the open-data files' millions of numbers.
pub fn push_digits(out: &mut String, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    while n > 0 || start == digits.len() {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let start = start.min(digits.len() - width.min(digits.len()));
    out.extend(digits[start..].iter().map(|&d| d as char));
}
