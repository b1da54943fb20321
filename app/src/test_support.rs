//! Fixtures for the unit tests of many modules: a small unit tree, its
//! manifest and province file, ranked rows and a view model. Compiled for
//! tests only.

use crate::data::Base;
use crate::model::Model;
use crate::summary::Row;
use crate::url::ViewState;
#[cfg(feature = "on-demand")]
use contract::Count;
use contract::{Counts, Level, Manifest, ProvinceSnapshot, Status, UnitInfo, SCHEMA_VERSION};
use std::sync::Arc;

/// A unit of province "01" named `Unit {code}`.
pub fn unit(code: &str, level: Level, parent: Option<&str>) -> UnitInfo {
    UnitInfo {
        id: code.into(),
        code: code.into(),
        name: format!("Unit {code}"),
        level,
        parent: parent.map(Into::into),
        province: "01".into(),
        valid_from: None,
        valid_to: None,
        predecessors: Vec::new(),
        successors: Vec::new(),
        before: contract::Before::Nothing,
        pool: false,
    }
}

/// A sample manifest over 2023-01 to 2024-02 with the contract's targets.
pub fn manifest() -> Manifest {
    serde_json::from_str(&format!(
        r#"{{"schema_version":{SCHEMA_VERSION},"generated_at":"2024-03-01T00:00:00Z",
        "first_month":"2023-01","last_month":"2024-02","as_of":"2024-02-29",
        "source":"Test","sample":true,"inputs":[],"outputs":[],
        "targets":{{"on_time_rate":1.0,"satisfaction_rate":0.9,"online_share":0.5,"apology_rate":1.0,"source":""}},
        "count_fields":[]}}"#
    ))
    .unwrap()
}

/// A province file "01" whose units have the given monthly records from `first` on.
pub fn snapshot(first: &str, units: Vec<(&str, Vec<Counts>)>) -> ProvinceSnapshot {
    let first_month = contract::Month::parse(first).unwrap();
    let months = units.iter().map(|(_, m)| m.len()).max().unwrap_or(1);
    ProvinceSnapshot {
        schema_version: SCHEMA_VERSION,
        province: "01".into(),
        first_month,
        last_month: first_month.plus(months.max(1) as i32 - 1),
        units: units
            .into_iter()
            .map(|(code, months)| {
                let series = contract::UnitSeries {
                    months,
                    ..Default::default()
                };
                (code.to_string(), series)
            })
            .collect(),
        revisions: Vec::new(),
    }
}

/// The tree 01 › (001 › 0001), 002, 0002 with [`manifest`].
pub fn base() -> Base {
    Base::new(
        manifest(),
        vec![
            unit("01", Level::Province, None),
            unit("001", Level::District, Some("01")),
            unit("0001", Level::Commune, Some("001")),
            unit("002", Level::District, Some("01")),
            unit("0002", Level::Commune, Some("01")),
        ],
    )
}

/// A month's counts: `resolved` dossiers of which `good` early (the rest
/// late, each with an apology), and `received` of which `online` online.
#[cfg(feature = "on-demand")]
pub fn record(resolved: u64, good: u64, received: u64, online: u64) -> Counts {
    let mut c = Counts::zero();
    c[Count::ResolvedTotal] = Some(resolved);
    c[Count::ResolvedEarly] = Some(good);
    c[Count::ResolvedLate] = Some(resolved - good);
    c[Count::LateWithApology] = Some(resolved - good);
    c[Count::ReceivedTotal] = Some(received);
    c[Count::ReceivedOnline] = Some(online);
    c
}

/// The tree of [`base`] (01 › 001, 002, 0002; 0001 has no records) over
/// Jan–Feb 2024: 002 misses on-time and online, 001 only online. For the
/// briefing's and the index's tests (the second build's pages).
#[cfg(feature = "on-demand")]
pub fn tree_snapshot() -> ProvinceSnapshot {
    snapshot(
        "2024-01",
        vec![
            (
                "01",
                vec![record(200, 190, 200, 120), record(200, 195, 200, 110)],
            ),
            (
                "001",
                vec![record(100, 100, 100, 80), record(100, 100, 100, 20)],
            ),
            ("002", vec![record(50, 40, 50, 20), record(50, 40, 50, 10)]),
            ("0002", vec![record(50, 50, 50, 20), record(50, 50, 50, 40)]),
        ],
    )
}

/// A child-unit row named `Xã {key}`, for tests of rankings and charts.
pub fn row(key: &str, value: Option<f64>, status: Option<Status>) -> Row {
    Row {
        key: key.into(),
        label: format!("Xã {key}"),
        link: true,
        counts: None,
        value,
        status,
        refused: None,
    }
}

/// The model of unit `code` of [`base`] on the dashboard (`/`, no period in
/// the URL, so the last month of the data), with `snap` as its province file.
pub fn model(code: &str, snap: ProvinceSnapshot) -> Model {
    let base = base();
    let unit = base.unit(code).unwrap().clone();
    Model {
        base: Arc::new(base),
        snap: Arc::new(snap),
        unit,
        state: ViewState::parse(|_| None, "/"),
    }
}
