//! The view state (area, period, ranking indicator, language) as it lives in
//! the URL, so a link reproduces the view and Back undoes a filter change.
//!
//! Reading and writing are plain functions over strings; the components only
//! hand them the router's query map and path.

use crate::data::Base;
use crate::i18n::Lang;
use crate::views::Problem;
use contract::{Indicator, Month, Period, PeriodKind, UnitInfo};

/// What the URL asks for. `None` fields take their defaults once the data
/// are known (see [`ViewState::period_or`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    /// Unit code from `/unit/:code` or `?unit=`.
    pub unit: Option<String>,
    pub period: Option<Period>,
    pub ind: Indicator,
    pub lang: Lang,
    /// True on the `/unit/:code` route, so links keep that form.
    pub unit_route: bool,
    /// The page the state belongs to, so links keep it.
    pub page: Page,
}

/// The pages that share the view state; each keeps its own path in links.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    /// The dashboard (`/` and `/unit/:code`).
    #[default]
    Dashboard,
    /// The public transparency page (`/public`).
    Public,
}

impl Page {
    /// The page a path shows (unknown paths count as the dashboard).
    pub fn of_path(path: &str) -> Page {
        match path.trim_end_matches('/') {
            "/public" => Page::Public,
            _ => Page::Dashboard,
        }
    }

    /// The path of the page when the unit is in the query.
    pub fn path(self) -> &'static str {
        match self {
            Page::Dashboard => "/",
            Page::Public => "/public",
        }
    }
}

/// The ranking indicator when the URL names none.
pub const DEFAULT_INDICATOR: Indicator = Indicator::OnTime;

impl ViewState {
    /// Reads the state from the query (`get` looks a key up) and the path.
    /// Unknown or malformed values fall back to defaults, except the unit,
    /// whose absence from the data is reported to the user later.
    pub fn parse(get: impl Fn(&str) -> Option<String>, path: &str) -> ViewState {
        let path_unit = unit_from_path(path);
        let unit_route = path_unit.is_some();
        let unit = path_unit.or_else(|| get("unit")).filter(|u| !u.is_empty());
        ViewState {
            unit,
            period: get("period").and_then(|p| Period::parse(&p)),
            ind: get("ind")
                .and_then(|i| Indicator::from_key(&i))
                .unwrap_or(DEFAULT_INDICATOR),
            lang: get("lang")
                .and_then(|l| Lang::parse(&l))
                .unwrap_or_default(),
            unit_route,
            page: Page::of_path(path),
        }
    }

    /// The period to show: the URL's, or the last month of the data.
    pub fn period_or(&self, last_month: Month) -> Period {
        self.period.unwrap_or(Period::Month(last_month))
    }

    /// The URL of this state: `/?unit=…&period=…&ind=…&lang=…`, or
    /// `/unit/CODE?period=…` on the unit route.
    pub fn href(&self) -> String {
        let mut query = Vec::new();
        let mut path = self.page.path().to_string();
        if let Some(unit) = &self.unit {
            if self.unit_route {
                path = format!("/unit/{}", encode(unit));
            } else {
                query.push(format!("unit={}", encode(unit)));
            }
        }
        if let Some(period) = self.period {
            query.push(format!("period={period}"));
        }
        query.push(format!("ind={}", self.ind.key()));
        query.push(format!("lang={}", self.lang.code()));
        format!("{path}?{}", query.join("&"))
    }

    /// The same view for another unit (breadcrumb, area picker).
    pub fn with_unit(&self, code: &str) -> ViewState {
        ViewState {
            unit: Some(code.to_string()),
            ..self.clone()
        }
    }

    /// The link of a child unit: the `/unit/CODE` form on the dashboard,
    /// `?unit=CODE` on the other pages.
    pub fn child_href(&self, code: &str) -> String {
        ViewState {
            unit: Some(code.to_string()),
            unit_route: self.page == Page::Dashboard,
            ..self.clone()
        }
        .href()
    }

    pub fn with_period(&self, period: Period) -> ViewState {
        ViewState {
            period: Some(period),
            ..self.clone()
        }
    }

    pub fn with_indicator(&self, ind: Indicator) -> ViewState {
        ViewState {
            ind,
            ..self.clone()
        }
    }

    pub fn with_lang(&self, lang: Lang) -> ViewState {
        ViewState {
            lang,
            ..self.clone()
        }
    }
}

/// The unit and period the state asks for, with defaults filled in from the
/// data; an unknown unit code is an error the page reports.
pub fn resolve(base: &Base, state: &ViewState) -> Result<(UnitInfo, Period), Problem> {
    let unit = match &state.unit {
        Some(code) => base
            .unit(code)
            .ok_or_else(|| Problem::UnknownUnit(code.clone()))?,
        None => base
            .default_unit()
            .ok_or_else(|| Problem::UnknownUnit(String::new()))?,
    };
    Ok((unit.clone(), state.period_or(base.manifest.last_month)))
}

/// The unit code of a `/unit/CODE` path (trailing slash allowed).
pub fn unit_from_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/unit/")?.trim_end_matches('/');
    (!rest.is_empty() && !rest.contains('/')).then(|| decode(rest))
}

/// The period of another kind that a user switching kind most likely wants:
/// the one that contains the end of the current period, kept inside the data.
pub fn switch_kind(current: Period, kind: PeriodKind, first: Month, last: Month) -> Period {
    let (_, end) = current.months();
    let month = end.clamp(first, last);
    Period::containing(kind, month)
}

/// Percent-encodes a query value (unit codes are digits, but a URL is input).
pub fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reverses [`encode`]; invalid escapes are kept as they are.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &[(&str, &str)], path: &str) -> ViewState {
        let owned: Vec<(String, String)> = query
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ViewState::parse(
            |k| owned.iter().find(|(q, _)| q == k).map(|(_, v)| v.clone()),
            path,
        )
    }

    #[test]
    fn defaults_when_the_query_is_empty() {
        let s = parse(&[], "/");
        assert_eq!(s.unit, None);
        assert_eq!(s.period, None);
        assert_eq!(s.ind, Indicator::OnTime);
        assert_eq!(s.lang, Lang::Vi);
        let last = Month::parse("2024-02").unwrap();
        assert_eq!(s.period_or(last).to_string(), "2024-02");
    }

    #[test]
    fn reads_every_field() {
        let s = parse(
            &[
                ("unit", "001"),
                ("period", "2024-Q1"),
                ("ind", "online"),
                ("lang", "en"),
            ],
            "/",
        );
        assert_eq!(s.unit.as_deref(), Some("001"));
        assert_eq!(s.period.unwrap().to_string(), "2024-Q1");
        assert_eq!(s.ind, Indicator::Online);
        assert_eq!(s.lang, Lang::En);
        assert!(!s.unit_route);
    }

    #[test]
    fn bad_values_fall_back_but_the_unit_is_kept() {
        let s = parse(
            &[
                ("unit", "nope"),
                ("period", "2024-13"),
                ("ind", "x"),
                ("lang", "fr"),
            ],
            "/",
        );
        assert_eq!(s.unit.as_deref(), Some("nope"));
        assert_eq!(s.period, None);
        assert_eq!(s.ind, Indicator::OnTime);
        assert_eq!(s.lang, Lang::Vi);
    }

    #[test]
    fn the_path_unit_wins_over_the_query() {
        let s = parse(&[("unit", "01"), ("lang", "en")], "/unit/00004");
        assert_eq!(s.unit.as_deref(), Some("00004"));
        assert!(s.unit_route);
        assert_eq!(s.href(), "/unit/00004?ind=on_time&lang=en");
        assert_eq!(unit_from_path("/unit/"), None);
        assert_eq!(unit_from_path("/unit/a%20b/"), Some("a b".to_string()));
        assert_eq!(unit_from_path("/"), None);
    }

    #[test]
    fn href_round_trips() {
        let s = parse(
            &[
                ("unit", "001"),
                ("period", "2024-YTD03"),
                ("ind", "overdue"),
                ("lang", "en"),
            ],
            "/",
        );
        let href = s.href();
        assert_eq!(href, "/?unit=001&period=2024-YTD03&ind=overdue&lang=en");
        let query = href.split_once('?').unwrap().1;
        let pairs: Vec<(&str, &str)> = query
            .split('&')
            .map(|kv| kv.split_once('=').unwrap())
            .collect();
        assert_eq!(parse(&pairs, "/"), s);
        assert_eq!(
            s.child_href("00004"),
            "/unit/00004?period=2024-YTD03&ind=overdue&lang=en"
        );
        assert_eq!(
            s.with_unit("a&b").href(),
            "/?unit=a%26b&period=2024-YTD03&ind=overdue&lang=en"
        );
    }

    #[test]
    fn the_public_page_keeps_its_path_in_links() {
        let s = parse(&[("unit", "001"), ("period", "2024-Q1")], "/public");
        assert_eq!(s.page, Page::Public);
        assert!(!s.unit_route);
        assert_eq!(
            s.href(),
            "/public?unit=001&period=2024-Q1&ind=on_time&lang=vi"
        );
        assert_eq!(
            s.child_href("0001"),
            "/public?unit=0001&period=2024-Q1&ind=on_time&lang=vi"
        );
        assert_eq!(
            s.with_lang(Lang::En).href(),
            "/public?unit=001&period=2024-Q1&ind=on_time&lang=en"
        );
        assert_eq!(parse(&[], "/public/").page, Page::Public);
        assert_eq!(parse(&[], "/unit/01").page, Page::Dashboard);
    }

    #[test]
    fn resolve_fills_defaults_and_rejects_unknown_units() {
        let base = crate::data::tests::base();
        let (unit, period) = resolve(&base, &parse(&[], "/")).unwrap();
        assert_eq!(unit.code, "01");
        assert_eq!(period.to_string(), "2024-02");
        let (unit, _) = resolve(&base, &parse(&[], "/unit/0001")).unwrap();
        assert_eq!(unit.code, "0001");
        assert_eq!(
            resolve(&base, &parse(&[("unit", "zz")], "/")),
            Err(Problem::UnknownUnit("zz".into()))
        );
    }

    #[test]
    fn switching_kind_keeps_the_end_month_inside_the_data() {
        let m = |t| Month::parse(t).unwrap();
        let p = |t| Period::parse(t).unwrap();
        let (first, last) = (m("2023-11"), m("2024-02"));
        assert_eq!(
            switch_kind(p("2024-02"), PeriodKind::Quarter, first, last),
            p("2024-Q1")
        );
        assert_eq!(
            switch_kind(p("2024-Q1"), PeriodKind::Month, first, last),
            p("2024-02")
        );
        assert_eq!(
            switch_kind(p("2023"), PeriodKind::YearToDate, first, last),
            p("2023-YTD12")
        );
        assert_eq!(
            switch_kind(p("2024-01"), PeriodKind::Year, first, last),
            p("2024")
        );
    }
}
