//! The URL, read and written here only: which page a path shows
//! ([`Page`], with the briefing's slide) and what its query asks for
//! ([`ViewState`]: area, period, ranking indicator, language), so a link
//! reproduces the view and Back undoes a filter change.
//!
//! Reading and writing are plain functions over strings; the app only hands
//! them the router's query map and path.

use crate::i18n::Lang;
use contract::{Indicator, Month, Period};

/// The pages of the app, as the path (and, for the briefing, the query)
/// names them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    /// `/`: the overview of the unit in `?unit=` (or of the first province).
    #[default]
    Overview,
    /// `/unit/CODE`: the overview, with the unit named in the path (read
    /// from old links; the app's own links name the unit in the query).
    Unit,
    /// `/public`: the citizens' transparency page.
    Public,
    /// `/briefing.html?slide=N` (also read from `/briefing`), with
    /// `&notes=1` while the presenter's notes are shown; `slide` counts
    /// from 1. A page of the second build ([`BRIEFING_PATH`]).
    Briefing { slide: usize, notes: bool },
    /// `/index766.html` (also read from `/index766`): the service-quality
    /// index, with `&group=N` (from 1) for the group whose losses by unit
    /// are listed; 0: the group that loses the most points. A page of its
    /// the second build ([`INDEX_PATH`]).
    Index { group: usize },
    /// `/embed/?unit=…&period=…&indicator=…&view=trend|ranking|kpi`: one
    /// chart or the KPI tiles, with its title, source and a link to the
    /// full view, for an `<iframe>` on another site.
    Embed { view: EmbedView },
    /// Any other path.
    NotFound,
}

impl Page {
    /// The page of a path (below the site's base, see [`crate::location`]),
    /// with the briefing's position from the query. A page's folder
    /// (`public/`, `public/index.html`) is the page: `make site` gives each
    /// page its own `index.html`, for hosts without rewrite rules.
    fn parse(path: &str, get: &impl Fn(&str) -> Option<String>) -> Page {
        let path = path.trim_matches('/');
        let path = path.strip_suffix("index.html").unwrap_or(path);
        match path.trim_end_matches('/') {
            "" => Page::Overview,
            "public" => Page::Public,
            "index766" | INDEX_PATH => Page::Index {
                group: get("group")
                    .and_then(|g| g.trim().parse().ok())
                    .unwrap_or(0),
            },
            "briefing" | BRIEFING_PATH => Page::Briefing {
                slide: slide_number(get("slide").as_deref()),
                notes: get("notes").as_deref() == Some("1"),
            },
            "embed" => Page::Embed {
                view: get("view")
                    .and_then(|v| EmbedView::parse(&v))
                    .unwrap_or_default(),
            },
            path if unit_from_path(path).is_some() => Page::Unit,
            _ => Page::NotFound,
        }
    }

    /// The page's address relative to the site's base (`<base href>`), so
    /// that links work wherever the site is published: each is a file or a
    /// folder of the built site, which any static host serves as it is.
    fn path(self) -> &'static str {
        match self {
            Page::Public => "public/",
            Page::Briefing { .. } => BRIEFING_PATH,
            Page::Index { .. } => INDEX_PATH,
            Page::Embed { .. } => "embed/",
            Page::Overview | Page::Unit | Page::NotFound => "./",
        }
    }

    /// Whether the page is the overview (`/` or `/unit/CODE`).
    pub fn is_overview(self) -> bool {
        matches!(self, Page::Overview | Page::Unit)
    }

    /// The page without the briefing's position: what the view model keeps,
    /// so that turning a slide leaves the model (and the deck) as it is.
    pub fn without_position(self) -> Page {
        match self {
            Page::Briefing { .. } => Page::Briefing {
                slide: 1,
                notes: false,
            },
            page => page,
        }
    }

    /// The page as far as its component is concerned: `/` and `/unit/CODE`
    /// are one component, the briefing is one whatever its slide, and the
    /// index whatever its group, so neither a unit link, a slide turn nor a
    /// group choice rebuilds the page.
    pub fn component(self) -> Page {
        match self {
            Page::Unit => Page::Overview,
            Page::Index { .. } => Page::Index { group: 0 },
            page => page.without_position(),
        }
    }

    /// The page that a "back to the start" link leads to: the public page
    /// stays public, every other page goes to the overview.
    pub fn home(self) -> Page {
        match self {
            Page::Public => Page::Public,
            _ => Page::Overview,
        }
    }
}

/// What an embed shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EmbedView {
    /// The indicator month by month.
    #[default]
    Trend,
    /// The units below, best first.
    Ranking,
    /// The KPI tiles.
    Kpi,
}

impl EmbedView {
    pub const ALL: [EmbedView; 3] = [EmbedView::Trend, EmbedView::Ranking, EmbedView::Kpi];

    /// The value of `view=` in the URL.
    pub fn key(self) -> &'static str {
        match self {
            EmbedView::Trend => "trend",
            EmbedView::Ranking => "ranking",
            EmbedView::Kpi => "kpi",
        }
    }

    fn parse(key: &str) -> Option<EmbedView> {
        EmbedView::ALL.into_iter().find(|v| v.key() == key.trim())
    }
}

/// The index page's file: the second build of the app (feature
/// `on-demand`), loaded only when a user opens it.
pub const INDEX_PATH: &str = "index766.html";

/// The briefing's file: the second build too.
pub const BRIEFING_PATH: &str = "briefing.html";

/// The ranking indicator when the URL names none.
pub const DEFAULT_INDICATOR: Indicator = Indicator::OnTime;

/// What the URL asks for. `None` fields take their defaults once the data
/// are known (see [`ViewState::period_or`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    /// The page, so links keep it.
    pub page: Page,
    /// Unit code from `/unit/:code` or `?unit=`.
    pub unit: Option<String>,
    pub period: Option<Period>,
    pub ind: Indicator,
    pub lang: Lang,
}

impl ViewState {
    /// Reads the state from the query (`get` looks a key up) and the path.
    /// Unknown or malformed values fall back to defaults, except the unit,
    /// whose absence from the data is reported to the user later.
    pub fn parse(get: impl Fn(&str) -> Option<String>, path: &str) -> ViewState {
        let unit = unit_from_path(path)
            .or_else(|| get("unit"))
            .filter(|u| !u.is_empty());
        ViewState {
            page: Page::parse(path, &get),
            unit,
            period: get("period").and_then(|p| Period::parse(&p)),
            ind: get("ind")
                .or_else(|| get("indicator"))
                .and_then(|i| Indicator::from_key(&i))
                .unwrap_or(DEFAULT_INDICATOR),
            lang: get("lang")
                .and_then(|l| Lang::parse(&l))
                .unwrap_or_default(),
        }
    }

    /// The period to show: the URL's, or the last month of the data (on
    /// the index page the year to date, as the portal shows it).
    pub fn period_or(&self, last_month: Month) -> Period {
        self.period.unwrap_or(match self.page {
            Page::Index { .. } => Period::YearToDate(last_month),
            _ => Period::Month(last_month),
        })
    }

    /// The URL of this state, relative to the site's base:
    /// `./?unit=…&period=…&ind=…&lang=…` (a unit's page too: `/unit/CODE`
    /// is still read, but would need a folder per unit on a static host),
    /// `public/?…`, and `briefing.html?unit=…&period=…&lang=…&slide=N`
    /// (`&notes=1`) for the briefing, which has no ranking indicator.
    pub fn href(&self) -> String {
        let mut query: Vec<String> = (self.unit.iter())
            .map(|u| format!("unit={}", encode(u)))
            .collect();
        let path = self.page.path();
        if let Some(period) = self.period {
            query.push(format!("period={period}"));
        }
        if let Page::Index { group: group @ 1.. } = self.page {
            query.push(format!("group={group}"));
        }
        match self.page {
            Page::Embed { view } => {
                query.push(format!("indicator={}", self.ind.key()));
                query.push(format!("view={}", view.key()));
                query.push(format!("lang={}", self.lang.code()));
            }
            Page::Briefing { slide, notes } => {
                query.push(format!("lang={}", self.lang.code()));
                query.push(format!("slide={slide}"));
                if notes {
                    query.push("notes=1".to_string());
                }
            }
            _ => {
                query.push(format!("ind={}", self.ind.key()));
                query.push(format!("lang={}", self.lang.code()));
            }
        }
        format!("{path}?{}", query.join("&"))
    }

    /// The same view on another page.
    pub fn on(&self, page: Page) -> ViewState {
        ViewState {
            page,
            ..self.clone()
        }
    }

    /// The same view for another unit (breadcrumb, area picker).
    pub fn with_unit(&self, code: &str) -> ViewState {
        ViewState {
            unit: Some(code.to_string()),
            ..self.clone()
        }
    }

    /// The link of a child unit: its overview, or its public page.
    pub fn child_href(&self, code: &str) -> String {
        self.on(self.page.home()).with_unit(code).href()
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

/// The unit code of a `/unit/CODE` path (trailing slash allowed), the
/// unit pages' address before the site could be published without
/// rewrite rules; shared links still use it.
fn unit_from_path(path: &str) -> Option<String> {
    let rest = path.trim_start_matches('/').strip_prefix("unit/")?;
    let rest = rest.trim_end_matches('/');
    (!rest.is_empty() && !rest.contains('/')).then(|| decode(rest))
}

/// The briefing's slide number (`slide=N`, from 1); 1 when absent or bad.
fn slide_number(text: Option<&str>) -> usize {
    text.and_then(|t| t.trim().parse().ok()).unwrap_or(1).max(1)
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

    fn page(path: &str) -> Page {
        parse(&[], path).page
    }

    #[test]
    fn the_index_page_keeps_its_group_and_defaults_to_the_year_to_date() {
        let state = parse(&[("unit", "96"), ("group", "4")], "/index766");
        assert_eq!(state.page, Page::Index { group: 4 });
        assert_eq!(
            state.href(),
            "index766.html?unit=96&group=4&ind=on_time&lang=vi"
        );
        assert_eq!(state.page.component(), Page::Index { group: 0 });
        let last = Month::parse("2026-10").unwrap();
        assert_eq!(state.period_or(last).to_string(), "2026-YTD10");
        assert_eq!(parse(&[], "/").period_or(last).to_string(), "2026-10");
        assert_eq!(page("/index766/"), Page::Index { group: 0 });
        assert_eq!(page("/index766.html"), Page::Index { group: 0 });
        assert_eq!(
            parse(&[("group", "x")], "/index766")
                .on(Page::Overview)
                .href(),
            "./?ind=on_time&lang=vi"
        );
    }

    #[test]
    fn paths_choose_the_page() {
        assert_eq!(page("/"), Page::Overview);
        assert_eq!(page("/unit/00078"), Page::Unit);
        assert_eq!(page("/unit/00078/"), Page::Unit);
        assert_eq!(page("/public/"), Page::Public);
        assert_eq!(
            page("/briefing"),
            Page::Briefing {
                slide: 1,
                notes: false
            }
        );
        assert_eq!(page("/index.html"), Page::Overview);
        assert_eq!(page("/briefing/index.html"), page("/briefing.html"));
        assert_eq!(page("/index766/index.html"), Page::Index { group: 0 });
        assert_eq!(page("/unit/"), Page::NotFound);
        assert_eq!(page("/unit/a/b"), Page::NotFound);
        assert_eq!(page("/nope"), Page::NotFound);
        assert_eq!(page("/unit/01").component(), Page::Overview);
        assert!(page("/unit/01").is_overview() && !page("/public").is_overview());
    }

    #[test]
    fn an_embed_round_trips_its_state() {
        let query = [
            ("unit", "96@2025-07-01"),
            ("period", "2025-Q3"),
            ("indicator", "online"),
            ("view", "ranking"),
            ("lang", "en"),
        ];
        let state = parse(&query, "/embed/");
        assert_eq!(
            state.page,
            Page::Embed {
                view: EmbedView::Ranking
            }
        );
        assert_eq!(state.ind, Indicator::Online);
        let href = state.href();
        assert_eq!(
            href,
            "embed/?unit=96%402025-07-01&period=2025-Q3&indicator=online&view=ranking&lang=en"
        );
        let (path, query) = href.split_once('?').unwrap();
        let pairs: Vec<(&str, String)> = query
            .split('&')
            .map(|kv| kv.split_once('=').unwrap())
            .map(|(k, v)| (k, decode(v)))
            .collect();
        let again: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(parse(&again, &format!("/{path}")), state);
        assert_eq!(
            page("/embed"),
            Page::Embed {
                view: EmbedView::Trend
            }
        );
        assert_eq!(
            parse(&[("view", "kpi")], "/embed/index.html").page,
            Page::Embed {
                view: EmbedView::Kpi
            }
        );
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
        assert_eq!(s.page, Page::Overview);
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
        assert_eq!(s.page, Page::Unit);
        assert_eq!(s.href(), "./?unit=00004&ind=on_time&lang=en");
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
        assert_eq!(href, "./?unit=001&period=2024-YTD03&ind=overdue&lang=en");
        let query = href.split_once('?').unwrap().1;
        let pairs: Vec<(&str, &str)> = query
            .split('&')
            .map(|kv| kv.split_once('=').unwrap())
            .collect();
        assert_eq!(parse(&pairs, "/"), s);
        assert_eq!(
            s.child_href("00004"),
            "./?unit=00004&period=2024-YTD03&ind=overdue&lang=en"
        );
        assert_eq!(
            s.with_unit("a&b").href(),
            "./?unit=a%26b&period=2024-YTD03&ind=overdue&lang=en"
        );
    }

    #[test]
    fn the_public_page_keeps_its_path_in_links() {
        let s = parse(&[("unit", "001"), ("period", "2024-Q1")], "/public");
        assert_eq!(s.page, Page::Public);
        assert_eq!(
            s.href(),
            "public/?unit=001&period=2024-Q1&ind=on_time&lang=vi"
        );
        assert_eq!(
            s.child_href("0001"),
            "public/?unit=0001&period=2024-Q1&ind=on_time&lang=vi"
        );
        assert_eq!(
            s.with_lang(Lang::En).href(),
            "public/?unit=001&period=2024-Q1&ind=on_time&lang=en"
        );
        assert_eq!(page("/public/"), Page::Public);
        assert_eq!(page("/public/index.html"), Page::Public);
        assert_eq!(page("/unit/01"), Page::Unit);
    }

    #[test]
    fn the_url_names_the_slide() {
        let query = [
            ("unit", "991"),
            ("period", "2024-Q1"),
            ("ind", "online"),
            ("lang", "en"),
            ("slide", "3"),
        ];
        let state = parse(&query, "/briefing");
        assert_eq!(
            state.page,
            Page::Briefing {
                slide: 3,
                notes: false
            }
        );
        assert_eq!(
            state.href(),
            "briefing.html?unit=991&period=2024-Q1&lang=en&slide=3"
        );
        let notes = Page::Briefing {
            slide: 1,
            notes: true,
        };
        assert_eq!(
            state.on(notes).href(),
            "briefing.html?unit=991&period=2024-Q1&lang=en&slide=1&notes=1"
        );
        assert_eq!(
            parse(&[("notes", "1")], "/briefing")
                .page
                .without_position(),
            Page::Briefing {
                slide: 1,
                notes: false
            }
        );
        assert_eq!(slide_number(Some("4")), 4);
        assert_eq!(slide_number(Some("0")), 1);
        assert_eq!(slide_number(Some("x")), 1);
        assert_eq!(slide_number(None), 1);
    }

    #[test]
    fn other_pages_link_home_to_the_overview() {
        let s = parse(&[("unit", "001"), ("lang", "en")], "/nope");
        assert_eq!(s.page, Page::NotFound);
        assert_eq!(s.href(), "./?unit=001&ind=on_time&lang=en");
        assert_eq!(s.child_href("0001"), "./?unit=0001&ind=on_time&lang=en");
        assert_eq!(Page::Unit.home(), Page::Overview);
        assert_eq!(Page::Public.home(), Page::Public);
        let briefing = parse(&[("slide", "2")], "/briefing").page;
        assert_eq!(briefing.home(), Page::Overview);
        assert_eq!(briefing.component(), briefing.without_position());
    }
}
