//! The briefing's index slide: the unit's 766 total with its grade and
//! rank, the six groups against their maximum and the metrics that lose
//! the most points, with the presenter's sentence. The figures are the
//! index page's (`index766::figures`), once the index file is in.

use super::deck::Deck;
use crate::data::LoadError;
use crate::history;
use crate::i18n::{fmt_int, fmt_period, units_noun, Lang, Text};
use crate::model::Model;
use crate::pages::index766::figures::{Sheet, Summary};
use crate::pages::index766::groups_table;
use crate::pages::index766::words::{in_lang, points, Words};
use contract::index766::{IndexSnapshot, ProvincesSnapshot, Rules};
use leptos::prelude::*;
use std::sync::Arc;

/// How many of the metrics losing the most points the slide lists.
pub const LOSSES: usize = 3;

/// What the slide shows.
#[derive(Clone, Debug, PartialEq)]
pub enum IndexSlide {
    Loading,
    /// No figure, and why: units changed, the file failed, or none.
    Missing(String),
    Scored {
        rules: Rules,
        summary: Summary,
    },
}

impl IndexSlide {
    /// The slide of the model's unit and period from the loaded files
    /// (`file` is `None` while loading).
    pub fn of(
        m: &Model,
        file: Option<Result<Option<Arc<IndexSnapshot>>, LoadError>>,
        provinces: Option<&ProvincesSnapshot>,
    ) -> IndexSlide {
        let lang = m.state.lang;
        let (Some(rules), Some(file)) = (m.base.manifest.index.as_ref(), file) else {
            return IndexSlide::Loading;
        };
        let index = match file {
            Err(e) => return IndexSlide::Missing(e.message(lang)),
            Ok(Some(index)) if index.province == m.unit.province => index,
            Ok(_) => return IndexSlide::Loading,
        };
        let sheet = Sheet {
            rules: &rules.rules,
            base: &m.base,
            snap: &m.snap,
            index: &index,
            provinces,
        };
        match sheet.summary(&m.unit, m.period(), LOSSES) {
            Some(summary) => IndexSlide::Scored {
                rules: rules.rules.clone(),
                summary,
            },
            None => {
                let reach = history::reach(&m.unit, m.period(), m.base.manifest.first_month);
                let refusal = history::refusal(&m.base, &m.unit, reach, lang);
                IndexSlide::Missing(refusal.unwrap_or_else(|| Words::NoFigure.get(lang).into()))
            }
        }
    }
}

/// The slide, redrawn when the index file comes in.
pub fn index_slide(d: &Deck, index: Memo<IndexSlide>, lang: Lang) -> impl IntoView + use<> {
    let sub = format!("{} · {}", d.unit.name, fmt_period(d.period, lang));
    let noun = units_noun(Some(d.unit.level), lang);
    let body = move || {
        index.with(|slide| match slide {
            IndexSlide::Loading => {
                view! { <p class="missed-none" role="status">{Text::Loading.get(lang)}</p> }
                    .into_any()
            }
            IndexSlide::Missing(why) => {
                view! { <p class="missed-none" data-testid="index-none">{why.clone()}</p> }
                    .into_any()
            }
            IndexSlide::Scored { rules, summary } => scored(rules, summary, noun, lang).into_any(),
        })
    };
    view! {
        <section class="slide slide-index" data-testid="slide" data-slide="index">
            <header class="slide-head">
                <h1 data-testid="slide-heading">{Text::IndexTitle.get(lang)}</h1>
                <p class="slide-sub">{sub}</p>
            </header>
            {body}
        </section>
    }
}

/// Total, grade, rank; the groups; the biggest losses.
fn scored(rules: &Rules, s: &Summary, noun: &str, lang: Lang) -> impl IntoView + use<> {
    let total = s.card.complete_total();
    let headline = total.map_or_else(
        || Words::NoTotal.get(lang).to_string(),
        |t| points(rules, t, lang),
    );
    let max = points(rules, s.card.groups.iter().map(|g| g.max).sum(), lang);
    let grade = total
        .and_then(|t| rules.grade(t))
        .map(|g| in_lang(lang, &g.name_vi, &g.name_en).to_string());
    let rank = s
        .rank
        .map(|(rank, of)| format!("{} {rank}/{of} {noun}", Words::Rank.get(lang)));
    let mut groups = String::new();
    groups_table(&mut groups, rules, &s.card, lang);
    let losses = s
        .losses
        .iter()
        .map(|g| {
            let metric = &rules.metrics[g.metric];
            let more = g.more.map(|n| format!(" ({})", more_phrase(n, lang)));
            view! {
                <li>
                    <span class="rank-name">{in_lang(lang, &metric.name_vi, &metric.name_en).to_string()}{more}</span>
                    <span class="rank-value">"−"{points(rules, g.lost, lang)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="slide-body">
            <div class="headline">
                <p class="headline-value" class:no-data=total.is_none() data-testid="headline">{headline}</p>
                <p class="headline-target">"/ "{max}" "{Words::Points.get(lang)}</p>
                {grade.map(|g| view! { <p><span class="deck-status" data-testid="index-grade">{g}</span></p> })}
                {rank.map(|r| view! { <p class="headline-target" data-testid="index-rank">{r}</p> })}
            </div>
            <div class="slide-groups" inner_html=groups></div>
        </div>
        {(!s.losses.is_empty()).then(|| view! {
            <section class="slide-losses">
                <h2>{Words::MostLost.get(lang)}</h2>
                <ol class="rank-list" data-testid="index-losses">{losses}</ol>
            </section>
        })}
    }
}

/// "thêm 1.930 để đạt điểm tối đa" / "1,930 more for full points".
fn more_phrase(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("thêm {} để đạt điểm tối đa", fmt_int(n, lang)),
        Lang::En => format!("{} more for full points", fmt_int(n, lang)),
    }
}

/// "Chỉ số 766, năm 2026 đến tháng 10: 83,64/100 điểm, xếp loại Tốt, hạng
/// 3/34 tỉnh. Mất nhiều điểm nhất: A (−2,14), B (−1,20), C (−0,50)."
pub fn note(d: &Deck, slide: &IndexSlide, lang: Lang) -> String {
    let head = format!(
        "{}, {}",
        Words::Heading.get(lang),
        fmt_period(d.period, lang)
    );
    let (rules, s) = match slide {
        IndexSlide::Loading => return Text::Loading.get(lang).to_string(),
        IndexSlide::Missing(why) => return format!("{head}: {why}"),
        IndexSlide::Scored { rules, summary } => (rules, summary),
    };
    let max = points(rules, s.card.groups.iter().map(|g| g.max).sum(), lang);
    let mut sentence = match s.card.complete_total() {
        Some(total) => {
            let grade = rules
                .grade(total)
                .map(|g| in_lang(lang, &g.name_vi, &g.name_en))
                .unwrap_or_default();
            let total = points(rules, total, lang);
            match lang {
                Lang::Vi => format!("{head}: {total}/{max} điểm, xếp loại {grade}"),
                Lang::En => format!("{head}: {total} of {max} points, grade {grade}"),
            }
        }
        None => format!("{head}: {}", Words::NoTotal.get(lang)),
    };
    if let Some((rank, of)) = s.rank {
        let noun = units_noun(Some(d.unit.level), lang);
        sentence.push_str(&match lang {
            Lang::Vi => format!(", hạng {rank}/{of} {noun}"),
            Lang::En => format!(", rank {rank} of {of} {noun}"),
        });
    }
    sentence.push('.');
    if !s.losses.is_empty() {
        let lost: Vec<String> = s
            .losses
            .iter()
            .map(|g| {
                let metric = &rules.metrics[g.metric];
                let name = in_lang(lang, &metric.name_vi, &metric.name_en);
                format!("{name} (−{})", points(rules, g.lost, lang))
            })
            .collect();
        sentence.push_str(&format!(
            " {}: {}.",
            Words::MostLost.get(lang),
            lost.join(", ")
        ));
    }
    sentence
}
