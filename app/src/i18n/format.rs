//! Numbers in each language's style: counts (`1.234` / `1,234`),
//! percents (`95,3 %` / `95.3%`), indicator values, targets and signed
//! changes (`−2,1 điểm %`).
//!
//! Written by hand rather than through `Intl` so that it is identical in
//! the browser and in native tests, and so that Vietnamese gets the house
//! style `95,3 %` (with a space) that `Intl` does not give.

use super::lang::Lang;
use super::text::Text;
use contract::Indicator;

/// Groups the digits of an integer: `1.234` (vi) or `1,234` (en).
pub fn fmt_int(n: u64, lang: Lang) -> String {
    group_digits(&n.to_string(), lang.pick(".", ","))
}

fn group_digits(digits: &str, sep: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// A non-negative decimal with `decimals` places in the language's style.
pub fn fmt_decimal(x: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = group_digits(int, lang.pick(".", ","));
    if !frac.is_empty() {
        out.push_str(lang.pick(",", "."));
        out.push_str(frac);
    }
    out
}

/// A count or "no data" (never 0 for a missing value).
pub fn fmt_count(n: Option<u64>, lang: Lang) -> String {
    n.map_or_else(|| Text::NoData.get(lang).to_string(), |n| fmt_int(n, lang))
}

/// A fraction as a percentage with one decimal: `95,3 %` / `95.3%`.
pub fn fmt_percent(fraction: f64, lang: Lang) -> String {
    percent_with(fmt_decimal(fraction * 100.0, 1, lang), lang)
}

/// A target fraction: whole percentages lose the decimal (`100 %`, `90%`).
pub fn fmt_target_percent(fraction: f64, lang: Lang) -> String {
    let pct = fraction * 100.0;
    let decimals = if (pct - pct.round()).abs() < 0.05 {
        0
    } else {
        1
    };
    percent_with(fmt_decimal(pct, decimals, lang), lang)
}

fn percent_with(number: String, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{number} %"),
        Lang::En => format!("{number}%"),
    }
}

/// An indicator value: percent for rates, a count for overdue; "no data" for `None`.
pub fn fmt_value(ind: Indicator, value: Option<f64>, lang: Lang) -> String {
    match value {
        None => Text::NoData.get(lang).to_string(),
        Some(v) if ind.is_rate() => fmt_percent(v, lang),
        Some(v) => fmt_int(v.round().max(0.0) as u64, lang),
    }
}

/// An indicator target, or "no target".
pub fn fmt_target(ind: Indicator, target: Option<f64>, lang: Lang) -> String {
    match target {
        None => Text::NoTarget.get(lang).to_string(),
        Some(t) if ind.is_rate() => fmt_target_percent(t, lang),
        Some(t) => fmt_int(t.round().max(0.0) as u64, lang),
    }
}

/// A signed change: percentage points for rates (`+2,1 điểm %`, `−2.1 pp`),
/// dossiers for counts (`+3`); "—" when not computable.
pub fn fmt_change(ind: Indicator, delta: Option<f64>, lang: Lang) -> String {
    let Some(d) = delta else {
        return "—".to_string();
    };
    let sign = if d > 0.0 {
        "+"
    } else if d < 0.0 {
        "−"
    } else {
        "±"
    };
    if ind.is_rate() {
        let points = d * 100.0;
        let sign = if (points * 10.0).round() == 0.0 {
            "±"
        } else {
            sign
        };
        format!(
            "{sign}{} {}",
            fmt_decimal(points, 1, lang),
            Text::PointsUnit.get(lang)
        )
    } else {
        format!("{sign}{}", fmt_int(d.abs().round() as u64, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(fmt_int(1234, Lang::Vi), "1.234");
        assert_eq!(fmt_int(1234, Lang::En), "1,234");
        assert_eq!(fmt_int(1234567, Lang::Vi), "1.234.567");
        assert_eq!(fmt_int(12, Lang::En), "12");
        assert_eq!(fmt_decimal(1234.56, 1, Lang::Vi), "1.234,6");
        assert_eq!(fmt_count(None, Lang::Vi), "Chưa có số liệu");
        assert_eq!(fmt_count(Some(0), Lang::En), "0");
    }

    #[test]
    fn percents_in_both_languages() {
        assert_eq!(fmt_percent(0.953, Lang::Vi), "95,3 %");
        assert_eq!(fmt_percent(0.953, Lang::En), "95.3%");
        assert_eq!(fmt_percent(1.0, Lang::Vi), "100,0 %");
        assert_eq!(fmt_target_percent(1.0, Lang::Vi), "100 %");
        assert_eq!(fmt_target_percent(0.9, Lang::En), "90%");
        assert_eq!(fmt_target_percent(0.925, Lang::En), "92.5%");
        assert_eq!(fmt_value(Indicator::OnTime, None, Lang::En), "No data");
        assert_eq!(
            fmt_value(Indicator::Overdue, Some(1234.0), Lang::Vi),
            "1.234"
        );
        assert_eq!(
            fmt_target(Indicator::Services, None, Lang::Vi),
            "Không có chỉ tiêu"
        );
    }

    #[test]
    fn changes_are_points_with_a_sign() {
        assert_eq!(
            fmt_change(Indicator::OnTime, Some(-0.021), Lang::Vi),
            "−2,1 điểm %"
        );
        assert_eq!(
            fmt_change(Indicator::OnTime, Some(0.021), Lang::En),
            "+2.1 pp"
        );
        assert_eq!(
            fmt_change(Indicator::OnTime, Some(0.0), Lang::En),
            "±0.0 pp"
        );
        assert_eq!(fmt_change(Indicator::Overdue, Some(3.0), Lang::Vi), "+3");
        assert_eq!(fmt_change(Indicator::OnTime, None, Lang::Vi), "—");
    }
}
