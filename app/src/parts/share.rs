//! A chart's menu to take it elsewhere: the chart as SVG (editable), as
//! PNG at twice its drawn size (for Word and slides), and the code that
//! embeds the same view in another site. Every picture carries its title,
//! area, period, "as of" date, source and, for the sample, its label
//! (`charts::export`). Nothing is made until the menu is opened, so a
//! redraw costs nothing more. Also the links to the province's downloads
//! that the pipeline writes (Excel workbook, CSV for Excel, README).

use crate::charts::export::{self, Caption, Image};
use crate::data::data_path;
use crate::i18n::{fmt_date, fmt_period, Text};
use crate::location;
use crate::model::Model;
use crate::parts::reactive::details_open;
use crate::state::Ctx;
use crate::url::{encode, EmbedView, Page};
use contract::files;
use contract::Indicator;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// A chart as its section has it.
#[derive(Clone, PartialEq)]
pub struct Chart {
    /// The chart's SVG, or its strips top to bottom.
    pub svgs: Vec<String>,
    /// "Diễn biến theo tháng: Giải quyết đúng hạn".
    pub title: String,
    /// The indicator drawn and the embed that shows the same chart; none
    /// for a chart no embed shows (the 766 index's), whose menu then offers
    /// the pictures only.
    pub embed: Option<(Indicator, EmbedView)>,
    /// The file names' first part (`xu-huong`, `xep-hang`, `chi-so-766`).
    pub name: &'static str,
}

/// What the open menu offers.
#[derive(Clone, PartialEq)]
struct Made {
    image: Image,
    /// The file name without its extension.
    file: String,
    /// The `<iframe>` snippet, if an embed shows the chart.
    embed: Option<String>,
}

/// The menu under a chart; `chart` gives the chart as currently drawn.
/// (A callback, not a generic closure: one copy of the menu's code in the
/// wasm, not one per chart.)
#[component]
pub fn ShareMenu(#[prop(into)] chart: Callback<(), Option<Chart>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // An embed shows the chart and nothing else.
    if ctx
        .state
        .with_untracked(|s| matches!(s.page, Page::Embed { .. }))
    {
        return ().into_any();
    }
    let (open, on_toggle) = details_open();
    let made = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        let chart = chart.run(())?;
        ctx.model.with(|m| m.as_ref().ok().map(|m| make(m, &chart)))
    });
    let (copied, set_copied) = signal(false);
    let lang = move || ctx.lang();
    let get =
        move |f: fn(&Made) -> String| move || made.with(|m| m.as_ref().map(f).unwrap_or_default());
    let svg_href = get(|m| format!("data:image/svg+xml;charset=utf-8,{}", encode(&m.image.svg)));
    let svg_file = get(|m| format!("{}.svg", m.file));
    let embed = get(|m| m.embed.clone().unwrap_or_default());
    let no_embed = move || made.with(|m| m.as_ref().is_some_and(|m| m.embed.is_none()));
    let save_png = move |_| {
        if let Some(m) = made.get_untracked() {
            png(&m.image, &format!("{}.png", m.file));
        }
    };
    let copy = move |_| {
        set_copied.set(false);
        let text = embed();
        leptos::task::spawn_local(async move {
            set_copied.set(copy_text(&text).await);
        });
    };
    view! {
        <details class="share-menu" data-testid="share-menu" on:toggle=on_toggle>
            <summary>{move || Text::ShareMenu.get(lang())}</summary>
            <ul>
                <li><a href=svg_href download=svg_file data-testid="save-svg">{move || Text::SaveSvg.get(lang())}</a></li>
                <li><button type="button" on:click=save_png data-testid="save-png">{move || Text::SavePng.get(lang())}</button></li>
            </ul>
            <div hidden=no_embed>
                <label>
                    <span>{move || Text::EmbedCode.get(lang())}</span>
                    <textarea readonly rows="3" data-testid="embed-code" prop:value=embed></textarea>
                </label>
                <button type="button" on:click=copy>{move || Text::Copy.get(lang())}</button>
                <span role="status">{move || copied.get().then(|| Text::Copied.get(lang()))}</span>
            </div>
        </details>
    }
    .into_any()
}

/// The framed picture, its file name and the embed code of `chart` as
/// the model shows it.
fn make(m: &Model, chart: &Chart) -> Made {
    let lang = m.state.lang;
    let period = m.period();
    // The picture links to the overview of its indicator, or to the page
    // it was taken from.
    let (state, ind) = match chart.embed {
        Some((ind, _)) => (m.state.with_indicator(ind).on(Page::Overview), ind.key()),
        None => (m.state.clone(), ""),
    };
    let mut notes = credits(m);
    notes.push(location::absolute(&state.href()));
    let subtitle = format!("{} · {}", m.unit.name, fmt_period(period, lang));
    let image = export::compose(
        &chart.svgs,
        &Caption {
            title: &chart.title,
            subtitle: &subtitle,
            notes: &notes,
        },
    );
    let period = period.to_string();
    Made {
        embed: chart.embed.map(|(_, view)| {
            let src = state.on(Page::Embed { view }).href();
            iframe(&location::absolute(&src), &chart.title, &image)
        }),
        file: export::file_stem(&[chart.name, ind, &m.unit.id, &period]),
        image,
    }
}

/// The list items of the pipeline's downloads for the model's province:
/// its workbook and CSV (each when the snapshot has it) and the folder's
/// README.
pub fn province_downloads(m: &Model) -> impl IntoView + use<> {
    let lang = m.state.lang;
    let has = |file: &str| m.base.manifest.outputs.iter().any(|o| o.file == file);
    let key = &m.unit.province;
    let items = [
        (
            files::export_xlsx(key),
            Text::DownloadExcel,
            "download-xlsx",
        ),
        (
            files::export_csv(key),
            Text::DownloadProvinceCsv,
            "download-province-csv",
        ),
        (
            files::DATA_README.to_string(),
            Text::DataReadme,
            "data-readme",
        ),
    ];
    items
        .into_iter()
        .filter(|(file, _, _)| has(file))
        .map(|(file, text, id)| {
            let name = file.rsplit('/').next().unwrap_or_default().to_string();
            view! { <li><a href=data_path(&file) download=name data-testid=id>{text.get(lang)}</a></li> }
        })
        .collect_view()
}

/// What a picture says of its figures: the "as of" date, the source and,
/// for the sample, its label.
pub fn credits(m: &Model) -> Vec<String> {
    let (lang, manifest) = (m.state.lang, &m.base.manifest);
    let mut lines = vec![format!(
        "{} {}",
        Text::AsOf.get(lang),
        fmt_date(manifest.as_of, lang)
    )];
    if !manifest.source.is_empty() {
        lines.push(format!("{}: {}", Text::Source.get(lang), manifest.source));
    }
    if manifest.sample {
        lines.push(Text::SampleShort.get(lang).to_string());
    }
    lines
}

/// The `<iframe>` that shows `src`, as wide as the page it is put in and
/// as high as the picture plus the embed's sentence and links.
fn iframe(src: &str, title: &str, image: &Image) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{}\" style=\"border:0;max-width:100%\" loading=\"lazy\"></iframe>",
        crate::charts::escape(src),
        crate::charts::escape(title),
        image.height + 120
    )
}

/// Saves `image` as a PNG at twice its size: the browser draws the SVG on
/// a canvas. A function made at the click, not a module the page loads:
/// only a click needs it, and the bundle stays as it is.
fn png(image: &Image, name: &str) {
    let save = js_sys::Function::new_with_args("svg, w, h, name", PNG_BODY);
    let args = js_sys::Array::of4(
        &image.svg.as_str().into(),
        &image.width.into(),
        &image.height.into(),
        &name.into(),
    );
    let _ = save.apply(&JsValue::NULL, &args);
}

/// Draws the SVG text `svg` (`w` × `h`) on a canvas twice as large and
/// saves it as the PNG file `name`.
const PNG_BODY: &str = "const img = new Image();
        img.onload = () => {
          const c = document.createElement('canvas');
          c.width = w * 2; c.height = h * 2;
          c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
          c.toBlob(b => {
            const a = document.createElement('a');
            a.href = URL.createObjectURL(b); a.download = name; a.click();
            setTimeout(() => URL.revokeObjectURL(a.href), 60000);
          }, 'image/png');
        };
        img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);";

/// Saves the element `css` (a briefing slide: text, tiles and chart) as a
/// PNG at twice its size, with `caption` (as-of date, source, sample
/// label) below it. The browser draws the element's HTML with the page's
/// styles inside an SVG `foreignObject`, then on a canvas.
#[cfg(feature = "on-demand")]
pub fn save_element_png(css: &str, caption: &str, name: &str) {
    const BODY: &str = r#"const el = document.querySelector(css);
        if (!el) return;
        const w = Math.ceil(el.getBoundingClientRect().width);
        const h = Math.ceil(el.getBoundingClientRect().height) + 40;
        const styles = [...document.styleSheets].map(s => {
          try { return [...s.cssRules].map(r => r.cssText).join(' '); } catch (e) { return ''; }
        }).join(' ');
        const xml = new XMLSerializer();
        let html = xml.serializeToString(el);
        for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
          html = `<${a.localName} xmlns="http://www.w3.org/1999/xhtml" class="${a.className}" style="display:block;position:static;width:auto;height:auto;min-height:0;padding:0;margin:0">${html}</${a.localName}>`;
        }
        const note = document.createElement('p');
        note.textContent = caption;
        note.setAttribute('style', 'margin:8px 16px;font:14px sans-serif;color:#555');
        const sheet = styles.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><foreignObject width="100%" height="100%">`
          + `<div xmlns="http://www.w3.org/1999/xhtml" style="background:#fff;width:${w}px;height:${h}px"><style>${sheet}</style>`
          + `${html}${xml.serializeToString(note)}</div></foreignObject></svg>`;
        save(svg, w, h, name);"#;
    let save = js_sys::Function::new_with_args("svg, w, h, name", PNG_BODY);
    let shoot = js_sys::Function::new_with_args("css, caption, name, save", BODY);
    let args = js_sys::Array::of4(&css.into(), &caption.into(), &name.into(), &save);
    let _ = shoot.apply(&JsValue::NULL, &args);
}

/// Copies `text` to the clipboard; false where the browser refuses (the
/// code stays selectable in its box).
async fn copy_text(text: &str) -> bool {
    let write = js_sys::Function::new_with_args("t", "return navigator.clipboard.writeText(t)");
    let Ok(promise) = write.call1(&JsValue::NULL, &text.into()) else {
        return false;
    };
    let promise = js_sys::Promise::from(promise);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
