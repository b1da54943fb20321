//! The unit tree of `units.json` ([`Base`], with the manifest): look-ups by
//! code, children, peers, the breadcrumb's ancestors and the area picker's
//! tree order, each instant with the whole country's units.

use contract::{Level, Manifest, UnitInfo};
use std::collections::HashMap;

/// The manifest and the unit tree: everything the page needs before it
/// knows which province file to load.
#[derive(Debug, PartialEq)]
pub struct Base {
    pub manifest: Manifest,
    pub units: Vec<UnitInfo>,
    index: HashMap<String, usize>,
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
        for (i, u) in units.iter().enumerate() {
            if let Some(parent) = &u.parent {
                children.entry(parent.clone()).or_default().push(i);
            }
        }
        Base {
            manifest,
            units,
            index,
            children,
        }
    }

    pub fn unit(&self, code: &str) -> Option<&UnitInfo> {
        self.index.get(code).map(|&i| &self.units[i])
    }

    /// The unit shown when the URL names none: the first province.
    pub fn default_unit(&self) -> Option<&UnitInfo> {
        self.units
            .iter()
            .find(|u| u.level == Level::Province)
            .or(self.units.first())
    }

    /// Units directly below `code`, in file order.
    pub fn children(&self, code: &str) -> Vec<&UnitInfo> {
        self.children.get(code).map_or_else(Vec::new, |kids| {
            kids.iter().map(|&i| &self.units[i]).collect()
        })
    }

    /// The units to rank for a unit: its children, or, for a unit without
    /// children (a commune), its siblings, so a commune sees where it stands
    /// among its peers. The flag is true for siblings.
    pub fn ranked_units(&self, code: &str) -> (Vec<&UnitInfo>, bool) {
        let children = self.children(code);
        if !children.is_empty() {
            return (children, false);
        }
        let parent = self.unit(code).and_then(|u| u.parent.as_deref());
        (parent.map(|p| self.children(p)).unwrap_or_default(), true)
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

    /// Every unit in tree order with its depth, for the area picker.
    pub fn tree(&self) -> Vec<(&UnitInfo, usize)> {
        let mut out = Vec::with_capacity(self.units.len());
        let roots = self
            .units
            .iter()
            .filter(|u| u.parent.as_deref().is_none_or(|p| self.unit(p).is_none()));
        for root in roots {
            self.walk(root, 0, &mut out);
        }
        out
    }

    fn walk<'a>(&'a self, unit: &'a UnitInfo, depth: usize, out: &mut Vec<(&'a UnitInfo, usize)>) {
        if out.len() > self.units.len() {
            return; // cycle guard
        }
        out.push((unit, depth));
        for child in self.children(&unit.id) {
            self.walk(child, depth + 1, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::base;

    #[test]
    fn tree_lookups() {
        let b = base();
        assert_eq!(b.default_unit().unwrap().id, "01");
        let kids: Vec<_> = b.children("01").iter().map(|u| u.id.as_str()).collect();
        assert_eq!(kids, ["001", "002", "0002"]);
        let crumbs: Vec<_> = b.ancestors("0001").iter().map(|u| u.id.as_str()).collect();
        assert_eq!(crumbs, ["01", "001", "0001"]);
        let tree: Vec<_> = b.tree().iter().map(|(u, d)| (u.id.as_str(), *d)).collect();
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
