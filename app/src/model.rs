//! The view model: the loaded snapshots resolved for what the URL asks
//! ([`Model`]: the unit, its province file and the state with its defaults
//! filled in), or why the page cannot be drawn yet ([`Problem`]).
//!
//! Plain functions; `state` calls them from its memos.

use crate::data::{Base, LoadError};
use crate::i18n::{Lang, Text};
use crate::url::ViewState;
use contract::{Period, ProvinceSnapshot, UnitInfo};
use std::sync::Arc;

/// Everything a view needs to draw a page for the current URL.
#[derive(Clone, Debug)]
pub struct Model {
    pub base: Arc<Base>,
    pub snap: Arc<ProvinceSnapshot>,
    pub unit: UnitInfo,
    /// The URL's state with the unit and period named explicitly, so that
    /// a link built from it keeps showing the same view after the data are
    /// updated.
    pub state: ViewState,
}

impl Model {
    /// The period shown.
    pub fn period(&self) -> Period {
        self.state.period_or(self.base.manifest.last_month)
    }
}

impl PartialEq for Model {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.base, &other.base)
            && Arc::ptr_eq(&self.snap, &other.snap)
            && self.unit == other.unit
            && self.state == other.state
    }
}

/// Why the page cannot be drawn (yet).
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Loading,
    Load(LoadError),
    UnknownUnit(String),
}

impl Problem {
    /// The message shown instead of the page.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Loading => Text::Loading.get(lang).to_string(),
            Problem::Load(e) => e.message(lang),
            Problem::UnknownUnit(code) => format!("{} “{code}”.", Text::UnknownUnit.get(lang)),
        }
    }
}

/// The unit and period the state asks for, with defaults filled in from the
/// data; an unknown unit code is an error the page reports.
pub fn resolve(base: &Base, state: &ViewState) -> Result<(UnitInfo, Period), Problem> {
    let period = state.period_or(base.manifest.last_month);
    let unit = match &state.unit {
        Some(key) => base
            .resolve(key, period.months().1)
            .ok_or_else(|| Problem::UnknownUnit(key.clone()))?,
        None => base
            .default_unit()
            .ok_or_else(|| Problem::UnknownUnit(String::new()))?,
    };
    Ok((unit.clone(), period))
}

/// The model of a resolved unit and period once its province file `snap`
/// is loaded (`None` while it loads, or while it is another province's).
/// The briefing's position is left out of the model's state (see
/// [`crate::url::Page::without_position`]).
pub fn model(
    (base, unit, period): (Arc<Base>, UnitInfo, Period),
    snap: Option<Result<Arc<ProvinceSnapshot>, LoadError>>,
    state: ViewState,
) -> Result<Model, Problem> {
    let snap = match snap {
        Some(Ok(s)) if s.province == unit.province => s,
        Some(Err(e)) => return Err(Problem::Load(e)),
        _ => return Err(Problem::Loading),
    };
    let state = ViewState {
        page: state.page.without_position(),
        unit: Some(unit.id.clone()),
        period: Some(period),
        ..state
    };
    Ok(Model {
        base,
        snap,
        unit,
        state,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{base, snapshot};
    use crate::url::Page;

    fn parse(query: &[(&str, &str)], path: &str) -> ViewState {
        ViewState::parse(
            |k| {
                query
                    .iter()
                    .find(|(q, _)| *q == k)
                    .map(|(_, v)| v.to_string())
            },
            path,
        )
    }

    #[test]
    fn resolve_fills_defaults_and_rejects_unknown_units() {
        let base = base();
        let (unit, period) = resolve(&base, &parse(&[], "/")).unwrap();
        assert_eq!(unit.id, "01");
        assert_eq!(period.to_string(), "2024-02");
        let (unit, _) = resolve(&base, &parse(&[], "/unit/0001")).unwrap();
        assert_eq!(unit.id, "0001");
        assert_eq!(
            resolve(&base, &parse(&[("unit", "zz")], "/")),
            Err(Problem::UnknownUnit("zz".into()))
        );
        assert_eq!(
            Problem::UnknownUnit("zz".into()).message(Lang::En),
            "There is no unit with the code “zz”."
        );
    }

    #[test]
    fn the_model_names_unit_and_period_and_waits_for_its_province() {
        let base = Arc::new(base());
        let state = parse(&[("slide", "3")], "/briefing");
        let (unit, period) = resolve(&base, &state).unwrap();
        let resolved = (base.clone(), unit, period);
        let snap = Arc::new(snapshot("2024-01", vec![]));
        let m = model(resolved.clone(), Some(Ok(snap.clone())), state.clone()).unwrap();
        assert_eq!(m.state.unit.as_deref(), Some("01"));
        assert_eq!(m.period().to_string(), "2024-02");
        assert_eq!(
            m.state.page,
            Page::Briefing {
                slide: 1,
                notes: false
            }
        );
        assert_eq!(
            model(resolved.clone(), None, state.clone()),
            Err(Problem::Loading)
        );
        let other = Arc::new(ProvinceSnapshot {
            province: "02".into(),
            ..(*snap).clone()
        });
        assert_eq!(
            model(resolved, Some(Ok(other)), state),
            Err(Problem::Loading)
        );
    }
}
