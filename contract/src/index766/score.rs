//! Scoring, in exact integer arithmetic: points are whole units of the
//! rules' last decimal (hundredths of a point), so a published 65.49 is
//! reproduced exactly and a grade edge is never missed by a float.

use super::rules::{threshold_millionths, Metric, Rules, ZeroRule};
use serde::{Deserialize, Serialize};

/// What a metric is measured by for one unit and period. In the snapshot
/// files counts are `[numerator, denominator]` and a ratio is
/// `{"ratio": millionths}`: the index files hold one per unit, month and
/// metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Wire", into = "Wire")]
pub enum Figure {
    /// Counts, summed over months and units like any other count.
    Counts { numerator: u64, denominator: u64 },
    /// A ratio as the portal publishes a composite, in millionths of 1
    /// (74.75 % → 747,500). It holds for its month alone.
    Ratio { millionths: u64 },
}

impl Figure {
    /// The ratio as an exact fraction; `None` for 0 / 0.
    fn fraction(self) -> Option<(u128, u128)> {
        match self {
            Figure::Counts { denominator: 0, .. } => None,
            Figure::Counts {
                numerator,
                denominator,
            } => Some((numerator as u128, denominator as u128)),
            Figure::Ratio { millionths } => Some((millionths as u128, 1_000_000)),
        }
    }

    /// The ratio in hundredths of a percent, rounded half up (88.62 % → 8862); `None` for 0 / 0.
    pub fn basis_points(self) -> Option<u64> {
        self.fraction()
            .map(|(n, d)| round_half_up(n * 10_000, d) as u64)
    }

    /// Adds another month's or unit's figure: counts add, ratios never do.
    pub fn plus(self, other: Figure) -> Option<Figure> {
        match (self, other) {
            (
                Figure::Counts {
                    numerator: a,
                    denominator: b,
                },
                Figure::Counts {
                    numerator: c,
                    denominator: d,
                },
            ) => Some(Figure::Counts {
                numerator: a + c,
                denominator: b + d,
            }),
            _ => None,
        }
    }
}

/// [`Figure`] as the files write it.
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(untagged)]
enum Wire {
    Counts([u64; 2]),
    Ratio { ratio: u64 },
}

impl From<Wire> for Figure {
    fn from(wire: Wire) -> Figure {
        match wire {
            Wire::Counts([numerator, denominator]) => Figure::Counts {
                numerator,
                denominator,
            },
            Wire::Ratio { ratio } => Figure::Ratio { millionths: ratio },
        }
    }
}

impl From<Figure> for Wire {
    fn from(figure: Figure) -> Wire {
        match figure {
            Figure::Counts {
                numerator,
                denominator,
            } => Wire::Counts([numerator, denominator]),
            Figure::Ratio { millionths } => Wire::Ratio { ratio: millionths },
        }
    }
}

fn round_half_up(n: u128, d: u128) -> u128 {
    (2 * n + d) / (2 * d)
}

/// One metric's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetricScore {
    pub figure: Option<Figure>,
    /// In the rules' units; `None`: no data.
    pub points: Option<u64>,
    /// Scored by the 0/0 rule (full points on an empty denominator).
    pub zero_over_zero: bool,
}

impl Metric {
    /// Full points in the rules' units.
    pub fn max_units(&self, rules: &Rules) -> u64 {
        rules.units(self.max)
    }

    /// `max × min(1, ratio / threshold)`, rounded half up; 0 / 0 by the 0/0 rule.
    pub fn score(&self, rules: &Rules, figure: Option<Figure>) -> MetricScore {
        let max = self.max_units(rules) as u128;
        let threshold = threshold_millionths(self.threshold).unwrap_or(1_000_000) as u128;
        let zero_rule = self.zero_over_zero.unwrap_or(rules.zero_over_zero);
        let (points, zero_over_zero) = match figure.map(Figure::fraction) {
            None => (None, false),
            Some(None) => match zero_rule {
                ZeroRule::Full => (Some(max), true),
                ZeroRule::NoData => (None, false),
            },
            Some(Some((n, d))) => {
                let (a, b) = (max * n * 1_000_000, d * threshold);
                (Some(round_half_up(a, b).min(max)), false)
            }
        };
        MetricScore {
            figure,
            points: points.map(|p| p as u64),
            zero_over_zero,
        }
    }

    /// How much more numerator would earn full points: `None` when already
    /// full, or when the figure is not counts.
    pub fn to_full(&self, figure: Figure) -> Option<u64> {
        let Figure::Counts {
            numerator,
            denominator,
        } = figure
        else {
            return None;
        };
        let threshold = threshold_millionths(self.threshold)? as u128;
        let needed = (denominator as u128 * threshold).div_ceil(1_000_000) as u64;
        (needed > numerator).then(|| needed - numerator)
    }
}

/// A group's result: the sum of its metrics' points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupScore {
    pub code: String,
    /// The sum of the points of the metrics that have data.
    pub points: u64,
    pub max: u64,
    /// Every metric has data; otherwise the group is incomplete, never scored as if 0.
    pub complete: bool,
}

/// The whole index of one unit and period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// By metric code, in the rules' order (parts included, never scored).
    pub metrics: Vec<(String, MetricScore)>,
    pub groups: Vec<GroupScore>,
    pub total: u64,
    pub complete: bool,
}

impl Rules {
    /// Scores every metric from `figure` (by metric), then the groups and
    /// the total.
    pub fn card(&self, mut figure: impl FnMut(&Metric) -> Option<Figure>) -> Card {
        let metrics: Vec<(String, MetricScore)> = self
            .metrics
            .iter()
            .map(|m| (m.code.clone(), m.score(self, figure(m))))
            .collect();
        let groups: Vec<GroupScore> = self
            .groups
            .iter()
            .map(|g| {
                let scores = self
                    .metrics
                    .iter()
                    .zip(&metrics)
                    .filter(|(m, _)| m.group == g.code && m.part_of.is_none())
                    .map(|(_, (_, s))| s.points);
                GroupScore {
                    code: g.code.clone(),
                    points: scores.clone().flatten().sum(),
                    max: self.units(g.max),
                    complete: scores.into_iter().all(|p| p.is_some()),
                }
            })
            .collect();
        Card {
            total: groups.iter().map(|g| g.points).sum(),
            complete: groups.iter().all(|g| g.complete),
            metrics,
            groups,
        }
    }
}

impl Card {
    /// The total when every metric has data.
    pub fn complete_total(&self) -> Option<u64> {
        self.complete.then_some(self.total)
    }

    pub fn metric(&self, code: &str) -> Option<&MetricScore> {
        self.metrics.iter().find(|(c, _)| c == code).map(|(_, s)| s)
    }
}

/// Competition ranks (1, 2, 2, 4) of complete totals, highest first;
/// `None` for an incomplete one (it cannot be compared).
pub fn ranks(totals: &[Option<u64>]) -> Vec<Option<usize>> {
    totals
        .iter()
        .map(|t| t.map(|t| 1 + totals.iter().flatten().filter(|&&o| o > t).count()))
        .collect()
}
