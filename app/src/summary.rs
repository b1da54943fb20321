//! What the page says about the numbers: KPI tiles' values and changes,
//! the ranking of child units, table rows and the one-sentence summaries.
//!
//! Every rate and every period total comes from the contract
//! (`Indicator::value`, `ProvinceSnapshot::counts`); this module only picks,
//! compares and words them.

use crate::history;
use crate::i18n::{self, fmt_period, words, Lang};
use contract::{
    Count, Counts, Indicator, Level, Month, Period, ProvinceSnapshot, Status, Targets, UnitInfo,
};
use std::cmp::Ordering;

/// One KPI tile's numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Kpi {
    pub ind: Indicator,
    pub counts: Option<Counts>,
    pub value: Option<f64>,
    pub target: Option<f64>,
    pub status: Option<Status>,
    /// Change against the previous period (fraction for rates, count for overdue).
    pub vs_previous: Option<f64>,
    /// Change against the same period a year earlier.
    pub vs_year_earlier: Option<f64>,
    /// Summed over only some of the units below (Form 06 or missing reports).
    pub partial: bool,
}

/// The indicator's value for a unit and period; `None` is "no data".
pub fn value_of(
    snap: &ProvinceSnapshot,
    unit: &str,
    period: Period,
    ind: Indicator,
) -> Option<f64> {
    snap.counts(unit, period).and_then(|c| ind.value(&c))
}

/// Difference of two values when both exist (change is never computed from 0).
pub fn change(now: Option<f64>, then: Option<f64>) -> Option<f64> {
    Some(now? - then?)
}

/// Everything one tile shows.
pub fn kpi(
    snap: &ProvinceSnapshot,
    unit: &str,
    period: Period,
    ind: Indicator,
    targets: &Targets,
) -> Kpi {
    let counts = snap.counts(unit, period);
    let value = counts.as_ref().and_then(|c| ind.value(c));
    let prev = period.previous().and_then(|p| value_of(snap, unit, p, ind));
    let year = value_of(snap, unit, period.year_earlier(), ind);
    Kpi {
        ind,
        counts,
        value,
        target: ind.target(targets),
        status: counts.as_ref().and_then(|c| ind.status(c, targets)),
        vs_previous: change(value, prev),
        vs_year_earlier: change(value, year),
        partial: value.is_some() && snap.incomplete(unit, period).intersects(ind.fields()),
    }
}

/// The indicator month by month over the whole data, for the trend chart.
pub fn trend_points(
    snap: &ProvinceSnapshot,
    unit: &str,
    ind: Indicator,
    first: Month,
    last: Month,
) -> Vec<(Month, Option<f64>)> {
    first
        .through(last)
        .map(|m| (m, value_of(snap, unit, Period::Month(m), ind)))
        .collect()
}

/// "Tháng 2/2024: 95,0 % hồ sơ đúng hạn, thấp hơn chỉ tiêu 100 %, giảm 2,1 điểm % so với tháng trước."
pub fn trend_sentence(kpi: &Kpi, period: Period, lang: Lang) -> String {
    let label = fmt_period(period, lang);
    let Some(value) = kpi.value else {
        return format!("{label}: {}.", words::no_data_phrase(kpi.ind, lang));
    };
    let mut parts = vec![words::value_phrase(kpi.ind, value, lang)];
    if let Some(target) = kpi.target {
        let met = kpi.status == Some(Status::Met);
        parts.push(words::target_phrase(kpi.ind, value, target, met, lang));
    }
    // Year to date has no previous period; compare with the same period a year earlier.
    let delta = if period.previous().is_some() {
        kpi.vs_previous
    } else {
        kpi.vs_year_earlier
    };
    if let Some(delta) = delta {
        parts.push(words::change_phrase(kpi.ind, delta, period.kind(), lang));
    }
    format!("{label}: {}.", parts.join(", "))
}

/// One row of the ranking chart and of the units table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Unit code, or the month (`2024-02`) in a commune's month table.
    pub key: String,
    pub label: String,
    /// Whether `key` is a unit that can be opened.
    pub link: bool,
    pub counts: Option<Counts>,
    /// The ranking indicator's value.
    pub value: Option<f64>,
    pub status: Option<Status>,
    /// The unit has no figure for the period because units changed
    /// (`history::reach`: before it existed with a divided predecessor, or
    /// after it ended): the first month of the other tree. Its cells read
    /// "not comparable", not "no data".
    pub refused: Option<Month>,
}

impl Row {
    /// A cell of the row: `text` (a figure, or "no data"), or "not
    /// comparable" when the row's figure is refused because units changed.
    pub fn cell(&self, text: String, lang: Lang) -> String {
        match self.refused {
            Some(_) => history::not_comparable(lang).into(),
            None => text,
        }
    }
}

fn row(
    key: String,
    label: String,
    link: bool,
    counts: Option<Counts>,
    ind: Indicator,
    targets: &Targets,
) -> Row {
    let value = counts.as_ref().and_then(|c| ind.value(c));
    let status = counts.as_ref().and_then(|c| ind.status(c, targets));
    Row {
        key,
        label,
        link,
        counts,
        value,
        status,
        refused: None,
    }
}

/// Child units ranked by `ind` for `period`: best first, units without data
/// last. A province's pool of dossiers from divided units gets a row (the
/// units table sums to the province) but no link: it is not a unit. A unit
/// without a figure because units changed is marked `refused`; `first` is
/// the data's first month (what a period can reach).
pub fn ranking(
    snap: &ProvinceSnapshot,
    children: &[&UnitInfo],
    period: Period,
    first: Month,
    ind: Indicator,
    targets: &Targets,
) -> Vec<Row> {
    let mut rows: Vec<Row> = children
        .iter()
        .map(|u| {
            let counts = snap.counts(&u.id, period);
            let refused = counts.is_none() && history::reach(u, period, first).refused();
            Row {
                refused: history::change_month(u).filter(|_| refused),
                ..row(u.id.clone(), u.name.clone(), !u.pool, counts, ind, targets)
            }
        })
        .collect();
    sort_with(&mut rows, &|a, b| {
        rank_order(ind, a.value, b.value).then_with(|| a.label.cmp(&b.label))
    });
    rows
}

/// A stable sort of rows by `order`: one sort for every ordering of rows,
/// since each sort call of its own adds kilobytes of wasm.
fn sort_with(rows: &mut [Row], order: &dyn Fn(&Row, &Row) -> Ordering) {
    rows.sort_by(|a, b| order(a, b));
}

/// Best first; `None` after every value.
fn rank_order(ind: Indicator, a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if ind.higher_is_better() => b.total_cmp(&a),
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// A commune's own months (it has no children), newest first.
pub fn month_rows(
    snap: &ProvinceSnapshot,
    unit: &str,
    first: Month,
    last: Month,
    ind: Indicator,
    targets: &Targets,
    lang: Lang,
) -> Vec<Row> {
    let mut rows: Vec<Row> = first
        .through(last)
        .map(|m| {
            row(
                m.to_string(),
                i18n::fmt_month(m, lang),
                false,
                snap.counts(unit, Period::Month(m)),
                ind,
                targets,
            )
        })
        .collect();
    rows.reverse();
    rows
}

/// The level shared by all the units, to name them ("xã"); `None` if mixed.
pub fn common_level(units: &[&UnitInfo]) -> Option<Level> {
    let first = units.first()?.level;
    units.iter().all(|u| u.level == first).then_some(first)
}

/// "3 trên 20 xã chưa đạt chỉ tiêu; thấp nhất: Xã X (81,2 %)."
pub fn ranking_sentence(
    rows: &[Row],
    ind: Indicator,
    level: Option<Level>,
    has_target: bool,
    lang: Lang,
) -> String {
    let noun = i18n::units_noun(level, lang);
    if rows.is_empty() {
        return i18n::Text::NoChildren.get(lang).to_string();
    }
    let with_data: Vec<&Row> = rows.iter().filter(|r| r.value.is_some()).collect();
    let refused: Vec<Month> = rows.iter().filter_map(|r| r.refused).collect();
    let no_data = rows.len() - with_data.len() - refused.len();
    let mut sentence = String::new();
    if let Some(worst) = with_data.last() {
        let head = if has_target {
            let missed = rows
                .iter()
                .filter(|r| r.status == Some(Status::Missed))
                .count();
            words::missed_phrase(missed, rows.len(), noun, lang)
        } else {
            words::no_target_phrase(lang).to_string()
        };
        let worst = words::worst_phrase(ind, &worst.label, worst.value.unwrap_or_default(), lang);
        sentence = format!("{}; {worst}.", words::capitalise(&head));
    }
    let mut extras = Vec::new();
    if no_data > 0 {
        extras.push(words::no_data_units_phrase(no_data, noun, lang));
    }
    if let Some(&change) = refused.first() {
        // The day of the change, when all of them changed on one day.
        let day = refused
            .iter()
            .all(|&m| m == change)
            .then(|| history::day_of(change, lang));
        extras.push(words::not_comparable_units_phrase(
            refused.len(),
            noun,
            day.as_deref(),
            lang,
        ));
    }
    for extra in extras {
        let extra = words::capitalise(&extra);
        sentence = if sentence.is_empty() {
            format!("{extra}.")
        } else {
            format!("{sentence} {extra}.")
        };
    }
    sentence
}

/// Columns of the units table, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Received,
    Resolved,
    OnTime,
    Online,
    Satisfaction,
    Apology,
    Overdue,
    Status,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::Name,
        Column::Received,
        Column::Resolved,
        Column::OnTime,
        Column::Online,
        Column::Satisfaction,
        Column::Apology,
        Column::Overdue,
        Column::Status,
    ];

    /// The indicator a column shows, if it is one.
    pub fn indicator(self) -> Option<Indicator> {
        match self {
            Column::OnTime => Some(Indicator::OnTime),
            Column::Online => Some(Indicator::Online),
            Column::Satisfaction => Some(Indicator::Satisfaction),
            Column::Apology => Some(Indicator::Apology),
            Column::Overdue => Some(Indicator::Overdue),
            _ => None,
        }
    }

    /// The number a cell sorts by.
    pub fn number(self, row: &Row) -> Option<f64> {
        let c = row.counts.as_ref()?;
        match self {
            Column::Name => None,
            Column::Received => c[Count::ReceivedTotal].map(|v| v as f64),
            Column::Resolved => c[Count::ResolvedTotal].map(|v| v as f64),
            Column::Status => row.status.map(|s| match s {
                Status::Met => 2.0,
                Status::Near => 1.0,
                Status::Missed => 0.0,
            }),
            other => other.indicator().and_then(|i| i.value(c)),
        }
    }
}

/// Sorts table rows by a column; missing values always go last so that
/// "no data" is never read as the smallest value.
pub fn sort_rows(rows: &mut [Row], column: Column, ascending: bool) {
    sort_with(rows, &|a, b| {
        let order = if column == Column::Name {
            a.label.cmp(&b.label)
        } else {
            match (column.number(a), column.number(b)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        };
        if ascending {
            order
        } else {
            order.reverse()
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::unit;

    fn m(t: &str) -> Month {
        Month::parse(t).unwrap()
    }

    fn record(resolved: u64, good: u64) -> Counts {
        let mut c = Counts::zero();
        c[Count::ResolvedTotal] = Some(resolved);
        c[Count::ResolvedEarly] = Some(good);
        c[Count::ReceivedTotal] = Some(resolved + 1);
        c
    }

    /// Units 001..004 over Jan–Mar 2024; 004 has no months.
    fn snapshot() -> ProvinceSnapshot {
        crate::test_support::snapshot(
            "2024-01",
            vec![
                (
                    "001",
                    vec![record(100, 97), record(100, 95), record(100, 99)],
                ),
                ("002", vec![record(10, 10), record(10, 10), record(10, 10)]),
                ("003", vec![record(10, 8), record(10, 8), record(0, 0)]),
                ("004", vec![]),
            ],
        )
    }

    #[test]
    fn kpi_values_and_changes() {
        let snap = snapshot();
        let t = Targets::default();
        let k = kpi(
            &snap,
            "001",
            Period::Month(m("2024-02")),
            Indicator::OnTime,
            &t,
        );
        assert_eq!(k.value, Some(0.95));
        assert_eq!(k.status, Some(Status::Near));
        assert!((k.vs_previous.unwrap() + 0.02).abs() < 1e-9);
        assert_eq!(k.vs_year_earlier, None);
        let s = trend_sentence(&k, Period::Month(m("2024-02")), Lang::Vi);
        assert_eq!(s, "Tháng 2/2024: 95,0 % hồ sơ đúng hạn, thấp hơn chỉ tiêu 100 %, giảm 2,0 điểm % so với tháng trước.");
        let s = trend_sentence(&k, Period::Month(m("2024-02")), Lang::En);
        assert_eq!(s, "February 2024: 95.0% of dossiers resolved on time, below the target of 100%, down 2.0 pp on the previous month.");
        // A month without resolved dossiers has no rate, not 0 %.
        let k = kpi(
            &snap,
            "003",
            Period::Month(m("2024-03")),
            Indicator::OnTime,
            &t,
        );
        assert_eq!(k.value, None);
        assert_eq!(k.vs_previous, None);
        assert_eq!(
            trend_sentence(&k, Period::Month(m("2024-03")), Lang::Vi),
            "Tháng 3/2024: chưa có số liệu về giải quyết đúng hạn."
        );
        let q = kpi(
            &snap,
            "001",
            Period::parse("2024-Q1").unwrap(),
            Indicator::OnTime,
            &t,
        );
        assert_eq!(q.value, Some(0.97));
    }

    #[test]
    fn trend_has_every_month() {
        let pts = trend_points(
            &snapshot(),
            "003",
            Indicator::OnTime,
            m("2024-01"),
            m("2024-04"),
        );
        assert_eq!(pts.len(), 4);
        assert_eq!(pts[0].1, Some(0.8));
        assert_eq!(pts[2].1, None);
        assert_eq!(pts[3].1, None);
    }

    #[test]
    fn ranking_puts_best_first_and_no_data_last() {
        let snap = snapshot();
        let units = [
            unit("001", Level::Commune, Some("9")),
            unit("002", Level::Commune, Some("9")),
            unit("003", Level::Commune, Some("9")),
            unit("004", Level::Commune, Some("9")),
        ];
        let refs: Vec<&UnitInfo> = units.iter().collect();
        let t = Targets::default();
        let rows = ranking(
            &snap,
            &refs,
            Period::Month(m("2024-01")),
            m("2024-01"),
            Indicator::OnTime,
            &t,
        );
        let order: Vec<_> = rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(order, ["002", "001", "003", "004"]);
        assert_eq!(rows[2].status, Some(Status::Missed));
        assert_eq!(rows[3].value, None);
        let s = ranking_sentence(
            &rows,
            Indicator::OnTime,
            common_level(&refs),
            true,
            Lang::Vi,
        );
        assert_eq!(
            s,
            "1 trên 4 xã chưa đạt chỉ tiêu; thấp nhất: Unit 003 (80,0 %). 1 xã chưa có số liệu."
        );
        let s = ranking_sentence(
            &rows,
            Indicator::OnTime,
            common_level(&refs),
            true,
            Lang::En,
        );
        assert_eq!(
            s,
            "1 of 4 communes miss the target; lowest: Unit 003 (80.0%). Communes without data: 1."
        );
        assert_eq!(
            ranking_sentence(&[], Indicator::OnTime, None, true, Lang::Vi),
            "Không có đơn vị trực thuộc."
        );
    }

    /// 005 and 006 were formed in February 2024 (005 from a divided unit,
    /// 006 from units merged whole); 007 ended in December 2023.
    fn changed_units() -> Vec<UnitInfo> {
        let mut formed = unit("005", Level::Commune, Some("9"));
        formed.valid_from = Some(m("2024-02"));
        formed.predecessors = vec!["008".into()];
        formed.before = contract::Before::NotComparable {
            divided: vec!["008".into()],
        };
        let mut combined = formed.clone();
        combined.id = "006".into();
        combined.name = "Unit 006".into();
        combined.before = contract::Before::Combined;
        let mut ended = unit("007", Level::Commune, Some("9"));
        ended.valid_to = Some(m("2023-12"));
        vec![formed, combined, ended]
    }

    #[test]
    fn a_unit_not_comparable_before_it_existed_is_counted_apart_from_no_data() {
        let snap = snapshot();
        let changed = changed_units();
        let units = [
            unit("001", Level::Commune, Some("9")),
            unit("003", Level::Commune, Some("9")),
            unit("004", Level::Commune, Some("9")),
            changed[0].clone(),
            changed[1].clone(),
        ];
        let refs: Vec<&UnitInfo> = units.iter().collect();
        let t = Targets::default();
        let january = Period::Month(m("2024-01"));
        let rows = ranking(&snap, &refs, january, m("2024-01"), Indicator::OnTime, &t);
        let refused: Vec<_> = rows.iter().map(|r| (r.key.as_str(), r.refused)).collect();
        assert_eq!(
            refused,
            [
                ("001", None),
                ("003", None),
                ("004", None),
                ("005", Some(m("2024-02"))),
                ("006", None),
            ],
            "004 has no data; 006's predecessors are combined (here: none sent)"
        );
        assert_eq!(rows[3].cell("—".into(), Lang::Vi), "Không so sánh được");
        assert_eq!(rows[4].cell("—".into(), Lang::En), "—");
        let sentence =
            |lang| ranking_sentence(&rows, Indicator::OnTime, Some(Level::Commune), true, lang);
        assert_eq!(
            sentence(Lang::Vi),
            "1 trên 5 xã chưa đạt chỉ tiêu; thấp nhất: Unit 003 (80,0 %). 2 xã chưa có số liệu. \
             1 xã không so sánh được do sắp xếp đơn vị hành chính ngày 01/02/2024."
        );
        assert_eq!(
            sentence(Lang::En),
            "1 of 5 communes miss the target; lowest: Unit 003 (80.0%). Communes without data: 2. \
             Communes not comparable across the reorganisation of units on 1 Feb 2024: 1."
        );
        // In its own months the unit is compared as any other; with data
        // only from its first month, nothing is refused.
        let february = Period::Month(m("2024-02"));
        let rows = ranking(&snap, &refs, february, m("2024-01"), Indicator::OnTime, &t);
        assert!(rows.iter().all(|r| r.refused.is_none()));
        let rows = ranking(&snap, &refs, january, m("2024-02"), Indicator::OnTime, &t);
        assert!(rows.iter().all(|r| r.refused.is_none()));
        // A unit that ended is refused too; changes on two days name none.
        let units = [changed[0].clone(), changed[2].clone()];
        let refs: Vec<&UnitInfo> = units.iter().collect();
        let rows = ranking(&snap, &refs, january, m("2023-01"), Indicator::OnTime, &t);
        assert_eq!(rows[1].refused, Some(m("2024-01")));
        assert_eq!(
            ranking_sentence(
                &rows,
                Indicator::OnTime,
                Some(Level::Commune),
                true,
                Lang::Vi
            ),
            "2 xã không so sánh được do sắp xếp đơn vị hành chính."
        );
    }

    #[test]
    fn table_sorting_keeps_missing_values_last() {
        let snap = snapshot();
        let units = [
            unit("001", Level::Commune, None),
            unit("003", Level::Commune, None),
            unit("004", Level::Commune, None),
        ];
        let refs: Vec<&UnitInfo> = units.iter().collect();
        let t = Targets::default();
        let mut rows = ranking(
            &snap,
            &refs,
            Period::Month(m("2024-03")),
            m("2024-01"),
            Indicator::OnTime,
            &t,
        );
        sort_rows(&mut rows, Column::OnTime, true);
        assert_eq!(
            rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
            ["001", "003", "004"]
        );
        sort_rows(&mut rows, Column::Received, false);
        assert_eq!(rows[0].key, "001");
        assert_eq!(rows[2].key, "004");
        sort_rows(&mut rows, Column::Name, false);
        assert_eq!(rows[0].key, "004");
        let months = month_rows(
            &snap,
            "001",
            m("2024-01"),
            m("2024-03"),
            Indicator::OnTime,
            &t,
            Lang::Vi,
        );
        assert_eq!(months[0].label, "Tháng 3/2024");
        assert!(!months[0].link);
    }
}
