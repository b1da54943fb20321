//! The unit tree of `units.json` ([`Base`], with the manifest): look-ups by
//! code, children, peers, the breadcrumb's ancestors and the area picker's
//! tree order, each instant with the whole country's units.

use contract::{Manifest, Month, UnitInfo};
use std::collections::HashMap;

/// The manifest and the unit tree: everything the page needs before it
/// knows which province file to load.
#[derive(Debug, PartialEq)]
pub struct Base {
    pub manifest: Manifest,
    pub units: Vec<UnitInfo>,
    /// Offline: the manifest is the copy this device kept (the page says so).
    pub offline: bool,
    index: HashMap<String, usize>,
    /// Positions of each code's versions, in file order.
    versions: HashMap<String, Vec<usize>>,
    /// The months a version starts or the month after one ends (a handful:
    /// within two of them the tree stays the same).
    cuts: Vec<Month>,
    /// Positions of each unit's children in `units`, in file order, so that
    /// look-ups stay instant with the whole country's units (thousands).
    children: HashMap<String, Vec<usize>>,
}

impl Base {
    pub fn new(manifest: Manifest, units: Vec<UnitInfo>) -> Base {
        let index = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.clone(), i))
            .collect();
        let mut children: HashMap<String, Vec<usize>> = HashMap::new();
        let mut versions: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            versions.entry(u.code.clone()).or_default().push(i);
            if let Some(parent) = &u.parent {
                children.entry(parent.clone()).or_default().push(i);
            }
        }
        let mut cuts: Vec<Month> = Vec::new();
        for unit in &units {
            for cut in [unit.valid_from, unit.valid_to.map(|t| t.plus(1))]
                .into_iter()
                .flatten()
            {
                if !cuts.contains(&cut) {
                    cuts.push(cut);
                }
            }
        }
        Base {
            manifest,
            units,
            offline: false,
            index,
            versions,
            cuts,
            children,
        }
    }

    /// The unit version with this id.
    pub fn unit(&self, id: &str) -> Option<&UnitInfo> {
        self.index.get(id).map(|&i| &self.units[i])
    }

    /// What a URL's `unit` names in `month`: a code names a unit only
    /// together with a date, so the version of that code valid in `month`;
    /// else the version with that id (`00020@2025-07-01` shows a new unit's
    /// history); else the code's version nearest in time.
    pub fn resolve(&self, key: &str, month: Month) -> Option<&UnitInfo> {
        let versions = || (self.versions.get(key).into_iter().flatten()).map(|&i| &self.units[i]);
        let valid = versions().find(|u| u.valid_in(month));
        let ended = versions()
            .filter(|u| u.valid_to.is_some_and(|t| t < month))
            .max_by_key(|u| u.valid_to);
        (valid.or(self.unit(key)))
            .or(ended)
            .or(versions().min_by_key(|u| u.valid_from))
    }

    /// The first month of the tree valid in `month`: the same for every
    /// month of one tree, so pickers can keep their options while it holds.
    pub fn tree_month(&self, month: Month) -> Month {
        let last_cut = self.cuts.iter().copied().filter(|&c| c <= month).max();
        last_cut.unwrap_or(self.manifest.first_month.min(month))
    }

    /// The unit shown when the URL names none.
    pub fn default_unit(&self) -> Option<&UnitInfo> {
        UnitInfo::default_of(&self.units, self.manifest.last_month)
    }

    /// Units without a parent (provinces), in file order.
    #[cfg(feature = "on-demand")]
    pub fn roots(&self) -> Vec<&UnitInfo> {
        self.units.iter().filter(|u| u.parent.is_none()).collect()
    }

    /// Units directly below `code`, in file order.
    pub fn children(&self, code: &str) -> Vec<&UnitInfo> {
        self.children.get(code).map_or_else(Vec::new, |kids| {
            kids.iter().map(|&i| &self.units[i]).collect()
        })
    }

    /// The units to rank for a unit: its children, or, for a unit without
    /// children (a commune), its siblings, so a commune sees where it stands
    /// among its peers. The flag is true for siblings. Children are of the
    /// unit's own tree; a province's pool of dossiers from divided units is
    /// not a unit and is never ranked.
    pub fn ranked_units(&self, code: &str) -> (Vec<&UnitInfo>, bool) {
        fn real(units: Vec<&UnitInfo>) -> Vec<&UnitInfo> {
            units.into_iter().filter(|u| !u.pool).collect()
        }
        let children = real(self.children(code));
        if !children.is_empty() {
            return (children, false);
        }
        let parent = self.unit(code).and_then(|u| u.parent.as_deref());
        (
            real(parent.map(|p| self.children(p)).unwrap_or_default()),
            true,
        )
    }

    /// The unit and its parents, root first: the breadcrumb.
    pub fn ancestors(&self, code: &str) -> Vec<&UnitInfo> {
        let mut chain = Vec::new();
        let mut next = self.unit(code);
        while let Some(unit) = next {
            if chain.iter().any(|u: &&UnitInfo| u.id == unit.id) {
                break; // a cycle in bad data must not hang the page
            }
            chain.push(unit);
            next = unit.parent.as_deref().and_then(|p| self.unit(p));
        }
        chain.reverse();
        chain
    }

    /// Every unit valid in `month` in tree order with its depth, for the
    /// area picker: the tree of that month (pools are not units).
    pub fn tree(&self, month: Month) -> Vec<(&UnitInfo, usize)> {
        let mut out = Vec::with_capacity(self.units.len());
        let roots = self
            .units
            .iter()
            .filter(|u| u.parent.as_deref().is_none_or(|p| self.unit(p).is_none()));
        for root in roots.filter(|u| u.valid_in(month)) {
            self.walk(root, 0, month, &mut out);
        }
        out
    }

    fn walk<'a>(
        &'a self,
        unit: &'a UnitInfo,
        depth: usize,
        month: Month,
        out: &mut Vec<(&'a UnitInfo, usize)>,
    ) {
        if out.len() > self.units.len() {
            return; // cycle guard
        }
        out.push((unit, depth));
        for child in self.children(&unit.id) {
            if child.valid_in(month) && !child.pool {
                self.walk(child, depth + 1, month, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::base;
    use contract::Month;

    #[test]
    fn tree_lookups() {
        let b = base();
        assert_eq!(b.default_unit().unwrap().id, "01");
        let kids: Vec<_> = b.children("01").iter().map(|u| u.id.as_str()).collect();
        assert_eq!(kids, ["001", "002", "0002"]);
        let crumbs: Vec<_> = b.ancestors("0001").iter().map(|u| u.id.as_str()).collect();
        assert_eq!(crumbs, ["01", "001", "0001"]);
        let tree: Vec<_> = b
            .tree(Month::parse("2024-01").unwrap())
            .iter()
            .map(|(u, d)| (u.id.as_str(), *d))
            .collect();
        assert_eq!(
            tree,
            [("01", 0), ("001", 1), ("0001", 2), ("002", 1), ("0002", 1)]
        );
        assert!(b.unit("x").is_none());
        let (peers, siblings) = b.ranked_units("0001");
        assert!(siblings);
        assert_eq!(
            peers.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
            ["0001"]
        );
        let (kids, siblings) = b.ranked_units("001");
        assert!(!siblings);
        assert_eq!(kids.len(), 1);
    }
}
