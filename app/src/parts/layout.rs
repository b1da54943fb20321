//! The page frame: header (title, breadcrumb, language switch, "as of"
//! date, source), the sample-data banner, the footer, the document's
//! title and language, and the loading and error states, so the page is
//! never blank.

use crate::data::data_path;
use crate::i18n::{fmt_date, fmt_period, fmt_timestamp, Lang, Text};
use crate::model::{Model, Problem};
use crate::parts::share;
use crate::state::Ctx;
use crate::url::{Page, ViewState};
use contract::files;
use leptos::prelude::*;

/// Keeps `<html lang>` and the document title in step with the language
/// and the page (the briefing names its slide in the title itself).
pub fn sync_document(state: Memo<ViewState>) {
    Effect::new(move |_| {
        let (lang, page) = state.with(|s| (s.lang, s.page));
        let title = match page {
            Page::Public => Some(Text::PublicTitle),
            Page::Briefing { .. } => None,
            _ => Some(Text::Title),
        };
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            // Only on a real change: setting `lang`, even to the same value,
            // restyles the whole page (40 ms with a national unit picker).
            if let Some(html) = doc.document_element() {
                if html.get_attribute("lang").as_deref() != Some(lang.code()) {
                    let _ = html.set_attribute("lang", lang.code());
                }
            }
            if let Some(title) = title.filter(|t| doc.title() != t.get(lang)) {
                doc.set_title(title.get(lang));
            }
        }
    });
}

/// Title, language switch, breadcrumb, as-of date and source; `title`
/// replaces the dashboard's `h1` (the public page has its own).
#[component]
pub fn Header(#[prop(optional)] title: Option<Text>) -> impl IntoView {
    let title = title.unwrap_or(Text::Title);
    let ctx = expect_context::<Ctx>();
    let lang = move || ctx.lang();
    let switch_href = move || {
        let s = ctx.link_state();
        s.with_lang(s.lang.other()).href()
    };
    view! {
        <a class="skip-link" href="#main">{move || Text::SkipToContent.get(lang())}</a>
        {move || ctx.model.with(|m| m.as_ref().ok().filter(|m| m.base.manifest.sample).map(|_| view! {
            <aside class="sample-banner" aria-label=Text::Notice.get(lang())>
                <span aria-hidden="true">"⚠ "</span>{Text::SampleBanner.get(lang())}
            </aside>
        }))}
        <header class="site-header">
            <div class="header-row">
                <div class="brand">
                    <p class="brand-kicker">{move || Text::Brand.get(lang())}</p>
                    <h1>{move || title.get(lang())}</h1>
                </div>
                <a
                    class="lang-switch"
                    href=switch_href
                    hreflang=move || lang().other().code()
                    lang=move || lang().other().code()
                    aria-label=move || Text::LangSwitchLabel.get(lang())
                >
                    {move || Text::LangSwitch.get(lang())}
                </a>
            </div>
            {move || ctx.model.get().ok().map(|m| view! { <Breadcrumb model=m/> })}
            {move || ctx.model.get().ok().map(|m| as_of(&m, lang()))}
            {move || ctx.model.get().ok().map(|m| view! {
                <p class="print-only print-context">
                    {Text::Area.get(lang())}": "<strong>{m.unit.name.clone()}</strong>
                    " · "{Text::Period.get(lang())}": "<strong>{fmt_period(m.period(), lang())}</strong>
                </p>
            })}
        </header>
    }
}

/// "Số liệu đến ngày 29/02/2024 · Nguồn: …".
fn as_of(m: &Model, lang: Lang) -> impl IntoView + use<> {
    let manifest = &m.base.manifest;
    view! {
        <p class="as-of" data-testid="as-of">
            <span>{Text::AsOf.get(lang)}" "<strong>{fmt_date(manifest.as_of, lang)}</strong></span>
            {m.base.offline.then(|| view! {
                <span class="sep" aria-hidden="true">" · "</span>
                <span class="offline" data-testid="offline">{Text::Offline.get(lang)}</span>
            })}
            {(!manifest.source.is_empty()).then(|| view! {
                <span class="sep" aria-hidden="true">" · "</span>
                <span>{Text::Source.get(lang)}": "{manifest.source.clone()}</span>
            })}
        </p>
    }
}

/// Province › district › commune, each a link except the current one.
#[component]
fn Breadcrumb(model: Model) -> impl IntoView {
    let lang = model.state.lang;
    let crumbs = model.base.ancestors(&model.unit.id);
    let last = crumbs.len().saturating_sub(1);
    let items = crumbs
        .iter()
        .enumerate()
        .map(|(i, u)| {
            if i == last {
                view! { <li><span aria-current="page">{u.name.clone()}</span></li> }.into_any()
            } else {
                let href = model.state.with_unit(&u.id).href();
                view! { <li><a href=href>{u.name.clone()}</a></li> }.into_any()
            }
        })
        .collect_view();
    view! {
        <nav class="breadcrumb" aria-label=Text::Breadcrumb.get(lang)>
            <ol>{items}</ol>
        </nav>
    }
}

/// Generation time, where the targets come from, the open-data download,
/// and the links to the other pages.
#[component]
pub fn Footer() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let lang = ctx.lang();
        let details = ctx.model.get().ok().map(|m| {
            let manifest = &m.base.manifest;
            let targets = (!manifest.targets.source.is_empty()).then(|| {
                view! { <p>{Text::TargetsFrom.get(lang)}": "{manifest.targets.source.clone()}</p> }
            });
            view! {
                <p>{Text::GeneratedAt.get(lang)}": "{fmt_timestamp(&manifest.generated_at, lang)}</p>
                {targets}
                <ul class="footer-downloads">
                    <li><a href=data_path(files::INDICATORS_CSV) download=files::INDICATORS_CSV>{Text::DownloadCsv.get(lang)}</a></li>
                    {share::province_downloads(&m)}
                </ul>
                {other_page_link(&m.state)}
                {(!matches!(m.state.page, Page::Index { .. })).then(|| view! {
                    <p><a href=m.state.on(Page::Index { group: 0 }).href() data-testid="index-link">{Text::IndexLink.get(lang)}</a></p>
                })}
                {m.state.page.is_overview().then(|| view! {
                    <p><a href=m.state.on(FIRST_SLIDE).href() data-testid="briefing-link">{Text::BriefingLink.get(lang)}</a></p>
                })}
            }
        });
        view! { <footer class="site-footer">{details}</footer> }
    }
}

/// Where the briefing link of the footer leads.
const FIRST_SLIDE: Page = Page::Briefing {
    slide: 1,
    notes: false,
};

/// The link from the dashboard to the public page and back.
fn other_page_link(state: &ViewState) -> impl IntoView + use<> {
    let (page, text) = match state.page {
        Page::Public => (Page::Overview, Text::DashboardLink),
        _ => (Page::Public, Text::PublicLink),
    };
    view! { <p><a href=state.on(page).href()>{text.get(state.lang)}</a></p> }
}

/// Loading or error state.
#[component]
pub fn ProblemBox(problem: Problem) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang();
    let message = problem.message(lang);
    if problem == Problem::Loading {
        return view! { <p class="loading" role="status" data-testid="loading">{message}</p> }
            .into_any();
    }
    let state = ctx.state.get_untracked();
    let home = ViewState {
        unit: None,
        ..state.on(state.page.home())
    }
    .href();
    view! {
        <div class="error" role="alert" data-testid="error">
            <p>{message}</p>
            <p><a href=home>{Text::BackHome.get(lang)}</a></p>
        </div>
    }
    .into_any()
}
