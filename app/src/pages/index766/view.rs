//! The index page: the province's index file is loaded only here; the
//! figures (`figures`) are written as plain HTML and SVG text, which costs
//! the wasm far less than components would (the first chart's budget is
//! for the overview).

use super::figures::{chosen_group, gains, Sheet};
use super::files::IndexFiles;
use super::words::{name, points, Words};
use crate::charts::{escape, trend};
use crate::history;
use crate::i18n::{fmt_decimal, fmt_int, fmt_period, fmt_target_percent, units_noun, Lang, Text};
use crate::model::Model;
use crate::parts::filters::Filters;
use crate::parts::history::UnitHistory;
use crate::parts::layout::{Footer, Header, ProblemBox};
use crate::parts::reactive::model_ready;
use crate::parts::share::{Chart, ShareMenu};
use crate::state::Ctx;
use crate::url::Page;
use contract::index766::{Card, Figure, IndexSnapshot, ProvincesSnapshot, Rules};
use leptos::prelude::*;
use std::fmt::Write;

#[component]
pub fn IndexPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ready = model_ready();
    let files = IndexFiles::load(ctx);
    let body = Memo::new(move |_| {
        let m = ctx.model.get().ok()?;
        let Some(rules) = m.base.manifest.index.as_ref().map(|i| &i.rules) else {
            let text = Words::NoRules.get(m.state.lang);
            return Some(Body::text(format!("<p class=\"notice\">{text}</p>")));
        };
        let all = files.provinces.get().flatten();
        Some(match files.file.get()? {
            Err(e) => Body::text(format!(
                "<p class=\"error\" role=\"alert\">{}</p>",
                escape(&e.message(m.state.lang))
            )),
            Ok(Some(index)) if index.province == m.unit.province => {
                page(&m, rules, &index, all.as_deref(), ctx.chart_width.get())
            }
            Ok(_) => return None,
        })
    });
    let part =
        move |f: fn(&Body) -> String| move || body.with(|b| b.as_ref().map(f).unwrap_or_default());
    let top = move || {
        body.with(|b| b.as_ref().map(|b| b.top.clone()))
            .unwrap_or_else(|| loading(ctx.lang()))
    };
    let trend = move || {
        body.with(|b| b.as_ref().and_then(|b| b.trend.clone()))
            .map(|t| view! { <TrendPanel trend=t/> })
    };
    view! {
        <Header title=Text::IndexTitle/>
        <main id="main" class="page index766" tabindex="-1">
            {move || match ready.get() {
                Err(problem) => view! { <ProblemBox problem=problem/> }.into_any(),
                Ok(()) => view! {
                    <Filters no_indicator=true/>
                    <UnitHistory/>
                    <div data-testid="index">
                        <div inner_html=top></div>
                        {trend}
                        <div inner_html=part(|b| b.rest.clone())></div>
                    </div>
                }
                .into_any(),
            }}
        </main>
        <Footer/>
    }
}

/// The page body: its HTML above and below the trend chart, which is a
/// component for its download menu.
#[derive(Clone, PartialEq)]
struct Body {
    top: String,
    trend: Option<TrendChart>,
    rest: String,
}

impl Body {
    fn text(top: String) -> Body {
        Body {
            top,
            trend: None,
            rest: String::new(),
        }
    }
}

/// The monthly chart of the complete total, with its words.
#[derive(Clone, PartialEq)]
struct TrendChart {
    heading: &'static str,
    svg: String,
    note: &'static str,
    /// The picture's title: heading and unit.
    title: String,
}

#[component]
fn TrendPanel(trend: TrendChart) -> impl IntoView {
    let chart = Chart {
        svgs: vec![trend.svg.clone()],
        title: trend.title,
        embed: None,
        name: "chi-so-766",
    };
    view! {
        <section class="panel" aria-labelledby="index-trend-heading">
            <h2 id="index-trend-heading">{trend.heading}</h2>
            <div class="chart" inner_html=trend.svg></div>
            <ShareMenu chart=move |()| Some(chart.clone())/>
            <p class="note">{trend.note}</p>
        </section>
    }
}

fn loading(lang: Lang) -> String {
    format!(
        "<p class=\"loading\" role=\"status\" data-testid=\"loading\">{}</p>",
        Text::Loading.get(lang)
    )
}

/// The whole page body for the model's unit and period.
fn page(
    m: &Model,
    rules: &Rules,
    index: &IndexSnapshot,
    provinces: Option<&ProvincesSnapshot>,
    width: u32,
) -> Body {
    let lang = m.state.lang;
    let sheet = Sheet {
        rules,
        base: &m.base,
        snap: &m.snap,
        index,
        provinces,
    };
    let period = m.period();
    let Some(card) = sheet.card(&m.unit.id, period) else {
        let reach = history::reach(&m.unit, period, m.base.manifest.first_month);
        let refusal = history::refusal(&m.base, &m.unit, reach, lang);
        let text = refusal.unwrap_or_else(|| Words::NoFigure.get(lang).to_string());
        return Body::text(format!(
            "<p class=\"notice\" data-testid=\"index-none\">{}</p>",
            escape(&text)
        ));
    };
    let (mut top, mut rest) = (String::new(), String::new());
    total(&mut top, m, &sheet, &card);
    groups(&mut top, rules, &card, lang);
    where_points_are(&mut rest, rules, &card, lang);
    losses(&mut rest, m, &sheet, &card);
    Body {
        top,
        trend: Some(trend_chart(m, &sheet, width)),
        rest,
    }
}

/// The total with its grade and rank, what it lacks, and the 0/0 rule.
fn total(out: &mut String, m: &Model, sheet: &Sheet, card: &Card) {
    let (rules, lang, period) = (sheet.rules, m.state.lang, m.period());
    let _ = write!(
        out,
        "<section class=\"panel index-total\" aria-labelledby=\"index-heading\"><h2 id=\"index-heading\">{} — {}, {}</h2>",
        Words::Heading.get(lang),
        escape(&m.unit.name),
        fmt_period(period, lang)
    );
    match card.complete_total() {
        Some(total) => {
            let grade = rules
                .grade(total)
                .map(|g| name(lang, &g.name_vi, &g.name_en))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<p class=\"index-score\" data-testid=\"index-total\"><strong>{}</strong> / {} {} · <span class=\"grade\">{grade}</span></p>",
                points(rules, total, lang),
                points(rules, card.groups.iter().map(|g| g.max).sum(), lang),
                Words::Points.get(lang)
            );
            if let Some((rank, of)) = sheet.rank(&m.unit, period) {
                let _ = write!(
                    out,
                    "<p data-testid=\"index-rank\">{} {rank}/{of} {}</p>",
                    Words::Rank.get(lang),
                    units_noun(Some(m.unit.level), lang)
                );
            }
        }
        None => {
            let missing: Vec<String> = rules
                .scored()
                .filter(|metric| card.metric(&metric.code).is_none_or(|s| s.points.is_none()))
                .map(|metric| name(lang, &metric.name_vi, &metric.name_en))
                .collect();
            let _ = write!(
                out,
                "<p class=\"notice\" data-testid=\"index-incomplete\">{} {}.</p>",
                Words::Incomplete.get(lang),
                missing.join("; ")
            );
        }
    }
    let zero: Vec<String> = rules
        .metrics
        .iter()
        .filter(|metric| card.metric(&metric.code).is_some_and(|s| s.zero_over_zero))
        .map(|metric| name(lang, &metric.name_vi, &metric.name_en))
        .collect();
    if !zero.is_empty() {
        let _ = write!(
            out,
            "<p class=\"note\">{} {}.</p>",
            Words::ZeroRule.get(lang),
            zero.join("; ")
        );
    }
    let _ = write!(
        out,
        "<p class=\"note\">{}: {}</p></section>",
        Words::Rules.get(lang),
        escape(&rules.name)
    );
}

/// Each group's points against its maximum, as a table with bars.
fn groups(out: &mut String, rules: &Rules, card: &Card, lang: Lang) {
    let _ = write!(
        out,
        "<section class=\"panel\" aria-labelledby=\"groups-heading\"><h2 id=\"groups-heading\">{}</h2>",
        Words::Groups.get(lang)
    );
    groups_table(out, rules, card, lang);
    out.push_str("</section>");
}

/// The groups' table alone (the briefing's index slide shows it too).
pub fn groups_table(out: &mut String, rules: &Rules, card: &Card, lang: Lang) {
    out.push_str("<table class=\"index-groups\"><tbody>");
    for (group, score) in rules.groups.iter().zip(&card.groups) {
        let share = score.points as f64 / score.max.max(1) as f64 * 100.0;
        let value = format!(
            "{} / {}{}",
            points(rules, score.points, lang),
            points(rules, score.max, lang),
            match score.complete {
                true => String::new(),
                false => format!(
                    "<br><span class=\"note\">{}</span>",
                    Words::GroupIncomplete.get(lang)
                ),
            }
        );
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"bar-cell\"><span class=\"bar\" style=\"width:{share:.1}%\"></span></td><td class=\"num\">{value}</td></tr>",
            name(lang, &group.name_vi, &group.name_en)
        );
    }
    out.push_str("</tbody></table>");
}

/// The complete total of every month, with the selected period shaded.
fn trend_chart(m: &Model, sheet: &Sheet, width: u32) -> TrendChart {
    let lang = m.state.lang;
    let points = sheet.trend(&m.unit.id);
    let title = format!("{} — {}", Words::Trend.get(lang), m.unit.name);
    let svg = trend::render(&trend::Trend {
        points: &points,
        target: None,
        highlight: m.period().months(),
        rate: false,
        lang,
        title: &title,
        width,
        change: history::change_month(&m.unit).map(|c| (c, history::day_of(c, lang))),
    });
    TrendChart {
        heading: Words::Trend.get(lang),
        svg,
        note: Words::TrendNote.get(lang),
        title,
    }
}

/// Every metric short of full points, most points first, with the ratio
/// full points need and, for counts, how many more that takes.
fn where_points_are(out: &mut String, rules: &Rules, card: &Card, lang: Lang) {
    let _ = write!(
        out,
        "<section class=\"panel\" aria-labelledby=\"gains-heading\"><h2 id=\"gains-heading\">{}</h2>",
        Words::Gains.get(lang)
    );
    let gains = gains(rules, card);
    if gains.is_empty() {
        let _ = write!(out, "<p>{}</p></section>", Words::GainsNone.get(lang));
        return;
    }
    out.push_str("<ol class=\"index-gains\" data-testid=\"index-gains\">");
    for g in gains {
        let metric = &rules.metrics[g.metric];
        let ratio = g.figure.basis_points().map_or_else(String::new, |bp| {
            let text = fmt_decimal(bp as f64 / 100.0, 2, lang);
            match lang {
                Lang::Vi => format!("{text} %"),
                Lang::En => format!("{text}%"),
            }
        });
        let counts = match g.figure {
            Figure::Counts {
                numerator,
                denominator,
            } => {
                format!(
                    " ({}/{})",
                    fmt_int(numerator, lang),
                    fmt_int(denominator, lang)
                )
            }
            Figure::Ratio { .. } => format!(" ({})", Words::Published.get(lang)),
        };
        let more = g.more.map_or_else(String::new, |n| match lang {
            Lang::Vi => format!(", tức thêm {}", fmt_int(n, lang)),
            Lang::En => format!(", {} more", fmt_int(n, lang)),
        });
        let _ = write!(
            out,
            "<li><strong>{}</strong>: {ratio}{counts}; {} {}{more} = <strong>+{} {}</strong></li>",
            name(lang, &metric.name_vi, &metric.name_en),
            Words::ToFull.get(lang),
            fmt_target_percent(metric.threshold, lang),
            points(rules, g.lost, lang),
            Words::Points.get(lang)
        );
    }
    out.push_str("</ol></section>");
}

/// The units below, by points lost in the chosen group, with a link per
/// group to choose another.
fn losses(out: &mut String, m: &Model, sheet: &Sheet, card: &Card) {
    let (rules, lang, period) = (sheet.rules, m.state.lang, m.period());
    let Page::Index { group: asked } = m.state.page else {
        return;
    };
    let group = chosen_group(card, asked);
    let rows = sheet.losses(&m.unit.id, period, group);
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section class=\"panel\" aria-labelledby=\"losses-heading\"><h2 id=\"losses-heading\">{}</h2><nav class=\"group-links\" aria-label=\"{}\"><ul>",
        Words::Losses.get(lang),
        Words::Groups.get(lang)
    );
    for (i, g) in rules.groups.iter().enumerate() {
        let href = m.state.on(Page::Index { group: i + 1 }).href();
        let current = if i == group {
            " aria-current=\"true\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<li><a href=\"{}\"{current}>{}</a></li>",
            escape(&href),
            name(lang, &g.name_vi, &g.name_en)
        );
    }
    let _ = write!(
        out,
        "</ul></nav><table class=\"index-losses\" data-testid=\"index-losses\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{} ({})</th></tr></thead><tbody>",
        Text::Unit.get(lang),
        Words::Lost.get(lang),
        name(lang, &rules.groups[group].name_vi, &rules.groups[group].name_en)
    );
    for row in rows {
        let href = m.state.with_unit(&row.unit.id).href();
        let lost = row.lost.map_or_else(
            || Text::NoData.get(lang).to_string(),
            |l| points(rules, l, lang),
        );
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><a href=\"{}\">{}</a></th><td class=\"num\">{lost}</td></tr>",
            escape(&href),
            escape(&row.unit.name)
        );
    }
    out.push_str("</tbody></table></section>");
}
