//! The real units of a sample: one new province with every old unit that
//! became it, or the whole country, across 1 July 2025, read from the
//! embedded reference lists ([`crate::reference`]) and written exactly as
//! `data-pipeline units --history` writes them ([`crate::units`]).
//!
//! **Volume by population.** A dossier generator needs a weight per unit
//! version. The reference publishes the population of the new communes
//! only, so:
//! * a new commune weighs its population (the 75 without one weigh the
//!   mean of the selection's published ones);
//! * an old commune weighs the sum, over the new communes that took its
//!   territory (its crosswalk rows), of each new commune's population
//!   shared equally among that new commune's predecessors. An old commune
//!   merged whole with two others gets a third of its successor; a divided
//!   one adds its parts. The old communes of a new province then weigh what
//!   its new communes weigh, so the volume does not jump on 1 July 2025.
//!
//! Offices receive their own procedures: an old district office
//! [`DISTRICT_OFFICE`] of what its communes receive, a province office
//! [`PROVINCE_OFFICE`] of its communes' volume. From 1 July 2025 the
//! district offices are gone and the new communes took their procedures
//! (Decree 118/2025), so a new commune weighs its population times
//! `1 + DISTRICT_OFFICE`.

use super::{apology_share, late_share, Files, Rng, Unit};
use crate::error::Error;
use crate::reference::{self, Catalogue, Unit as RefUnit, EFFECTIVE_ON};
use contract::{Level, Month};
use std::collections::HashMap;

/// An old district office's own dossiers, as a share of its communes'.
pub const DISTRICT_OFFICE: f64 = 0.2;
/// A province office's own dossiers, as a share of its communes'.
pub const PROVINCE_OFFICE: f64 = 0.07;
/// The share of communes that miss their deadlines far more often.
const LAGGING: f64 = 0.06;

/// The unit versions of `province` (one of the 34 new provinces) or of the
/// whole country, in the order of `units.csv`, with the two files
/// (`units.csv`, `unit_changes.csv`) to write.
pub(super) fn units(province: Option<&str>, rng: &mut Rng) -> Result<(Vec<Unit>, Files), Error> {
    let r = reference::embedded()?;
    let catalogue = r.catalogue(province).ok_or_else(|| {
        Error::Usage(format!(
            "{} is not one of the 34 provinces from {EFFECTIVE_ON}",
            province.unwrap_or_default()
        ))
    })?;
    let population = Population::new(&catalogue);
    let until = Month::of(EFFECTIVE_ON).index() - 1;
    let legacy = catalogue.legacy.iter().map(|u| {
        let weight = population.legacy_weight(u);
        version(u, weight, (i32::MIN, until), false, rng)
    });
    let legacy: Vec<Unit> = legacy.collect();
    let current = catalogue.current.iter().map(|u| {
        let weight = population.current_weight(u);
        version(u, weight, (until + 1, i32::MAX), true, rng)
    });
    let mut list = legacy;
    list.extend(current);
    Ok((list, crate::units::history_files(&catalogue).into()))
}

/// One unit version of the generator: lagging communes drawn at random.
fn version(u: &RefUnit, weight: f64, months: (i32, i32), two_tier: bool, rng: &mut Rng) -> Unit {
    let lagging = u.level == Level::Commune && rng.chance(LAGGING);
    Unit {
        code: u.code.clone(),
        name: u.name.clone(),
        level: u.level.name(),
        parent: u.parent.clone(),
        weight,
        late: late_share(lagging, rng),
        apology: apology_share(lagging),
        months,
        two_tier,
    }
}

/// The population behind each unit of a catalogue (see the module doc).
struct Population<'c> {
    /// Every commune, old or new, by code and side of the change.
    communes: HashMap<(&'c str, bool), f64>,
    /// Every district and province, by code and side: its communes' sum.
    above: HashMap<(&'c str, bool), f64>,
}

impl<'c> Population<'c> {
    fn new(c: &Catalogue<'c>) -> Population<'c> {
        let new_communes = || c.current.iter().filter(|u| u.level == Level::Commune);
        let published: Vec<f64> = new_communes()
            .filter_map(|u| u.population)
            .map(|p| p as f64)
            .collect();
        let mean = published.iter().sum::<f64>() / published.len().max(1) as f64;
        let mut communes: HashMap<(&str, bool), f64> = new_communes()
            .map(|u| {
                (
                    (u.code.as_str(), true),
                    u.population.map_or(mean, |p| p as f64),
                )
            })
            .collect();
        let mut predecessors: HashMap<&str, usize> = HashMap::new();
        let commune_changes = || c.changes.iter().filter(|ch| ch.old.level == Level::Commune);
        commune_changes().for_each(|ch| *predecessors.entry(&ch.new.code).or_default() += 1);
        for ch in commune_changes() {
            let share =
                communes[&(ch.new.code.as_str(), true)] / predecessors[&*ch.new.code] as f64;
            *communes.entry((&ch.old.code, false)).or_default() += share;
        }
        let mut above = HashMap::new();
        for (list, two_tier) in [(&c.legacy, false), (&c.current, true)] {
            let index: HashMap<&str, &RefUnit> =
                list.iter().map(|u| (u.code.as_str(), *u)).collect();
            for u in list.iter().filter(|u| u.level == Level::Commune) {
                // Every old commune has a crosswalk row; the mean is only a
                // guard for lists that would not.
                let people = *communes.entry((&u.code, two_tier)).or_insert(mean);
                let mut parent = index.get(u.parent.as_str());
                while let Some(p) = parent {
                    *above.entry((p.code.as_str(), two_tier)).or_default() += people;
                    parent = index.get(p.parent.as_str());
                }
            }
        }
        Population { communes, above }
    }

    /// An old unit's weight: a commune's people, an office's share of its
    /// communes'.
    fn legacy_weight(&self, u: &RefUnit) -> f64 {
        match u.level {
            Level::Commune => self.communes[&(u.code.as_str(), false)],
            Level::District => DISTRICT_OFFICE * self.under(u, false),
            Level::Province => PROVINCE_OFFICE * self.under(u, false),
        }
    }

    /// A new unit's weight: a commune also handles the old district
    /// offices' procedures.
    fn current_weight(&self, u: &RefUnit) -> f64 {
        match u.level {
            Level::Commune => (1.0 + DISTRICT_OFFICE) * self.communes[&(u.code.as_str(), true)],
            _ => PROVINCE_OFFICE * self.under(u, true),
        }
    }

    fn under(&self, u: &RefUnit, two_tier: bool) -> f64 {
        self.above
            .get(&(u.code.as_str(), two_tier))
            .copied()
            .unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_communes_share_their_successors_population() {
        let (units, files) = units(Some(super::super::DEMO_PROVINCE), &mut Rng(1)).unwrap();
        let weight = |code: &str, two_tier: bool| {
            units
                .iter()
                .filter(|u| u.code == code && u.two_tier == two_tier)
                .map(|u| u.weight)
                .sum::<f64>()
        };
        let communes = |two_tier: bool| -> f64 {
            units
                .iter()
                .filter(|u| u.level == "commune" && u.two_tier == two_tier)
                .map(|u| u.weight)
                .sum()
        };
        // The people are the same on both sides of the change.
        let (old, new) = (communes(false), communes(true) / (1.0 + DISTRICT_OFFICE));
        assert!((old - new).abs() < 1e-6 * new, "{old} vs {new}");
        // Bạc Liêu's office receives its share of its communes.
        assert!(weight("95", false) > 0.0);
        assert_eq!(files[0].0, "units.csv");
        assert!(files[1]
            .1
            .starts_with("old_code,new_code,effective_on\n95,96,2025-07-01\n"));
    }
}
