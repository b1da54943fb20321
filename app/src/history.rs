//! Figures across a change of units (the reorganisation of 1 July 2025):
//! which periods of a unit version are its own, its predecessors' added up,
//! or not comparable, and the plain sentences that say so. A figure across
//! a change is shown only when it is right (predecessors that went wholly
//! into the unit); otherwise the page says why there is none. Nothing is
//! ever estimated.

use crate::data::Base;
use crate::i18n::{fmt_change, fmt_date, fmt_value, Lang};
use contract::{Before, Indicator, Month, Period, UnitInfo};

/// What a unit version's figure for a period is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// The unit's own months.
    Own,
    /// Reaches before the unit existed, and its predecessors all went
    /// wholly into it: their figures added up.
    Combined,
    /// Reaches before the unit existed, and a predecessor was divided.
    NotComparable,
    /// Reaches before the unit existed, and it had no predecessors.
    NotYet,
    /// Reaches after the unit ended.
    Ended,
}

impl Reach {
    /// True when the figure cannot be given because units changed.
    pub fn refused(self) -> bool {
        matches!(self, Reach::NotComparable | Reach::Ended)
    }
}

/// What `unit`'s figure for `period` is, within data that start at `first`.
pub fn reach(unit: &UnitInfo, period: Period, first: Month) -> Reach {
    let (start, end) = period.months();
    if unit.valid_to.is_some_and(|to| end > to) {
        return Reach::Ended;
    }
    match unit.valid_from {
        Some(from) if start.max(first) < from => match unit.before {
            Before::Combined => Reach::Combined,
            Before::NotComparable { .. } => Reach::NotComparable,
            Before::Nothing => Reach::NotYet,
        },
        _ => Reach::Own,
    }
}

/// The months of `first..=last` that have a figure of `unit` (its own, or
/// its predecessors' combined): a commune's table of months lists no month
/// it has nothing to say about.
pub fn months_with_figures(unit: &UnitInfo, first: Month, last: Month) -> (Month, Month) {
    let from = match unit.before {
        Before::Combined => first,
        _ => unit.valid_from.map_or(first, |f| f.max(first)),
    };
    (from, unit.valid_to.map_or(last, |t| t.min(last)))
}

/// The first month of the other tree, seen from `unit`: where the trend
/// marks the change (its first month when it was formed from others, or
/// the month after it ended).
pub fn change_month(unit: &UnitInfo) -> Option<Month> {
    let formed = unit.valid_from.filter(|_| !unit.predecessors.is_empty());
    formed.or(unit.valid_to.map(|to| to.plus(1)))
}

/// "Not comparable", where a figure for `period` is refused because units
/// changed; otherwise the value as usual.
pub fn fmt_value_across(
    ind: Indicator,
    value: Option<f64>,
    unit: &UnitInfo,
    period: Period,
    first: Month,
    lang: Lang,
) -> String {
    match value.is_none() && reach(unit, period, first).refused() {
        true => not_comparable(lang).into(),
        false => fmt_value(ind, value, lang),
    }
}

/// A change against the period `then`, or "not comparable" when that
/// period's figure is refused because units changed.
pub fn fmt_change_across(
    ind: Indicator,
    delta: Option<f64>,
    unit: &UnitInfo,
    then: Option<Period>,
    first: Month,
    lang: Lang,
) -> String {
    let refused = then.is_some_and(|p| reach(unit, p, first).refused());
    match delta.is_none() && refused {
        true => not_comparable(lang).into(),
        false => fmt_change(ind, delta, lang),
    }
}

/// "Không so sánh được" / "Not comparable".
pub fn not_comparable(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Không so sánh được",
        Lang::En => "Not comparable",
    }
}

/// "01/07/2025": the first day of `month`, as the page writes dates.
pub fn day_of(month: Month, lang: Lang) -> String {
    fmt_date(month.first_day(), lang)
}

/// The names of the units with the given ids, as a list ("A, B và C").
fn names(base: &Base, ids: &[String], lang: Lang) -> String {
    let names: Vec<&str> = ids
        .iter()
        .filter_map(|id| base.unit(id))
        .map(|u| u.name.as_str())
        .collect();
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => {
            let and = match lang {
                Lang::Vi => "và",
                Lang::En => "and",
            };
            format!("{} {and} {last}", rest.join(", "))
        }
    }
}

/// Why `unit` has no figure for a period of the given reach (`None` when
/// it has one): "Xã Bảy was divided on 1 Jul 2025; no comparable figure."
pub fn refusal(base: &Base, unit: &UnitInfo, reach: Reach, lang: Lang) -> Option<String> {
    match (reach, &unit.before) {
        (Reach::NotComparable, Before::NotComparable { divided }) => {
            let day = day_of(unit.valid_from?, lang);
            let who = names(base, divided, lang);
            Some(match lang {
                Lang::Vi => {
                    format!("{who} bị chia tách ngày {day}; không có số liệu so sánh được.")
                }
                Lang::En => format!("{who} was divided on {day}; no comparable figure."),
            })
        }
        (Reach::Ended, _) => {
            let day = day_of(unit.valid_to?.plus(1), lang);
            Some(match lang {
                Lang::Vi => format!(
                    "{} không còn từ ngày {day} (sắp xếp đơn vị hành chính).",
                    unit.name
                ),
                Lang::En => format!(
                    "{} no longer exists from {day} (reorganisation of units).",
                    unit.name
                ),
            })
        }
        _ => None,
    }
}

/// The footnote of figures that add up the predecessors (`None` for
/// others): "Before 1/7/2025: A and B combined."
pub fn combined_note(base: &Base, unit: &UnitInfo, lang: Lang) -> Option<String> {
    if unit.before != Before::Combined {
        return None;
    }
    let day = day_of(unit.valid_from?, lang);
    let who = names(base, &unit.predecessors, lang);
    Some(match lang {
        Lang::Vi => {
            format!("Số liệu trước ngày {day} là tổng của các đơn vị trước sắp xếp: {who}.")
        }
        Lang::En => format!("Figures before {day} add up the units it was formed from: {who}."),
    })
}

/// One plain sentence for a unit whose figures cross a change of units
/// (`None` for one valid throughout), as the briefing's title slide says it.
pub fn units_changed(unit: &UnitInfo, lang: Lang) -> Option<String> {
    let day = day_of(change_month(unit)?, lang);
    Some(match lang {
        Lang::Vi => format!("Đơn vị hành chính được sắp xếp lại từ ngày {day}."),
        Lang::En => format!("Administrative units were reorganised on {day}."),
    })
}

/// [`units_changed`] and what it means for the figures: the notice on the
/// overview and the public page.
pub fn changed_units_sentence(unit: &UnitInfo, lang: Lang) -> Option<String> {
    let what = match lang {
        Lang::Vi => "Số liệu trước ngày này thuộc các đơn vị cũ, và chỉ được so sánh khi đơn vị cũ nhập trọn vào đơn vị mới.",
        Lang::En => "Earlier figures belong to the old units, and are compared only where an old unit went wholly into a new one.",
    };
    Some(format!("{} {what}", units_changed(unit, lang)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{manifest, unit};
    use contract::Level;

    fn month(text: &str) -> Month {
        Month::parse(text).unwrap()
    }

    /// Old Xã Bảy (divided), old Xã Tám (whole), new Xã Chín from both.
    fn units() -> Base {
        let mut bay = unit("07", Level::Commune, Some("01"));
        bay.name = "Xã Bảy".into();
        bay.valid_to = Some(month("2025-06"));
        bay.successors = vec!["09@2025-07-01".into(), "10@2025-07-01".into()];
        let mut tam = unit("08", Level::Commune, Some("01"));
        tam.name = "Xã Tám".into();
        tam.valid_to = Some(month("2025-06"));
        let mut chin = unit("09@2025-07-01", Level::Commune, Some("01"));
        chin.valid_from = Some(month("2025-07"));
        chin.predecessors = vec!["07".into(), "08".into()];
        chin.before = Before::NotComparable {
            divided: vec!["07".into()],
        };
        Base::new(
            manifest(),
            vec![unit("01", Level::Province, None), bay, tam, chin],
        )
    }

    #[test]
    fn a_period_before_a_unit_existed_is_combined_or_refused() {
        let base = units();
        let first = month("2024-01");
        let chin = base.unit("09@2025-07-01").unwrap().clone();
        let p = |t| Period::parse(t).unwrap();
        assert_eq!(reach(&chin, p("2025-07"), first), Reach::Own);
        assert_eq!(reach(&chin, p("2025-06"), first), Reach::NotComparable);
        assert_eq!(reach(&chin, p("2025"), first), Reach::NotComparable);
        let mut combined = chin.clone();
        combined.before = Before::Combined;
        assert_eq!(reach(&combined, p("2025-YTD08"), first), Reach::Combined);
        assert_eq!(
            reach(&chin, p("2025-06"), month("2025-07")),
            Reach::Own,
            "no earlier data"
        );
        let tam = base.unit("08").unwrap();
        assert_eq!(reach(tam, p("2025-Q2"), first), Reach::Own);
        assert_eq!(reach(tam, p("2025-Q3"), first), Reach::Ended);
        assert_eq!(change_month(&chin), Some(month("2025-07")));
        assert_eq!(change_month(tam), Some(month("2025-07")));
        assert_eq!(change_month(base.unit("01").unwrap()), None);
        let last = month("2026-10");
        assert_eq!(
            months_with_figures(&chin, first, last),
            (month("2025-07"), last)
        );
        assert_eq!(months_with_figures(&combined, first, last), (first, last));
        assert_eq!(
            months_with_figures(tam, first, last),
            (first, month("2025-06"))
        );
    }

    #[test]
    fn sentences_name_the_units_and_the_day() {
        let base = units();
        let chin = base.unit("09@2025-07-01").unwrap();
        assert_eq!(
            refusal(&base, chin, Reach::NotComparable, Lang::En).unwrap(),
            "Xã Bảy was divided on 1 Jul 2025; no comparable figure."
        );
        assert_eq!(
            refusal(&base, chin, Reach::NotComparable, Lang::Vi).unwrap(),
            "Xã Bảy bị chia tách ngày 01/07/2025; không có số liệu so sánh được."
        );
        assert_eq!(refusal(&base, chin, Reach::Own, Lang::Vi), None);
        let first = month("2024-01");
        let june = Period::parse("2025-06");
        let change = |then| fmt_change_across(Indicator::OnTime, None, chin, then, first, Lang::En);
        assert_eq!(change(june), "Not comparable");
        assert_eq!(
            change(Period::parse("2025-07")),
            fmt_change(Indicator::OnTime, None, Lang::En)
        );
        let june = june.unwrap();
        assert_eq!(
            fmt_value_across(Indicator::OnTime, None, chin, june, first, Lang::Vi),
            "Không so sánh được"
        );
        let mut combined = chin.clone();
        combined.before = Before::Combined;
        assert_eq!(
            combined_note(&base, &combined, Lang::En).unwrap(),
            "Figures before 1 Jul 2025 add up the units it was formed from: Xã Bảy and Xã Tám."
        );
        assert_eq!(
            changed_units_sentence(base.unit("01").unwrap(), Lang::Vi),
            None
        );
        assert!(changed_units_sentence(chin, Lang::Vi)
            .unwrap()
            .starts_with("Đơn vị hành chính được sắp xếp lại từ ngày 01/07/2025"));
    }
}
