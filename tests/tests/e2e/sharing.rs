//! The figures taken elsewhere: a chart saved as SVG and as PNG with its
//! caption, a briefing slide as PNG, the embed of one chart or the tiles,
//! and the embed code that reproduces the view.

use e2e::{dak_lak_snapshots, tiny_snapshots, Browser, Site};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

/// The tiny fixture's snapshots, marked as the sample, so every saved
/// picture must say so.
fn sample_site(name: &str) -> Site {
    Site::with_data(name, tiny_snapshots(), |data: &Path| {
        let path = data.join("manifest.json");
        let text = std::fs::read_to_string(&path).unwrap();
        let mut manifest: Value = serde_json::from_str(&text).unwrap();
        manifest["sample"] = Value::Bool(true);
        manifest["source"] = Value::String("Hệ thống thông tin giải quyết TTHC của tỉnh".into());
        std::fs::write(&path, manifest.to_string()).unwrap();
    })
}

/// Opens the share menu inside `section` and returns its SVG download's
/// decoded text and file name.
async fn open_menu(browser: &Browser, section: &str) -> (String, String) {
    let summary = format!("{section} [data-testid=share-menu] summary");
    browser.wait_for(&summary).await;
    browser.click(&summary).await;
    let link = format!("{section} [data-testid=save-svg]");
    for _ in 0..100 {
        let got = browser
            .script(&format!(
                "const a = document.querySelector('{link}'); \
                 return a && a.href.startsWith('data:') ? [decodeURIComponent(a.href.split(',').slice(1).join(',')), a.download] : null"
            ))
            .await;
        if let Some([svg, name]) = got.as_array().map(|a| a.as_slice()) {
            return (svg.as_str().unwrap().into(), name.as_str().unwrap().into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{section}: the menu made no SVG");
}

/// A PNG the page saved.
struct Png {
    name: String,
    bytes: u64,
    width: u32,
    height: u32,
}

/// Clicks `button` and reads the PNG file the page then saves: caught
/// where the page hands it to the browser (the link's click).
async fn saved_png(browser: &Browser, button: &str) -> Png {
    browser
        .script(
            "window.__saved = null; HTMLAnchorElement.prototype.click = function () { \
             window.__saved = { href: this.href, name: this.download }; }",
        )
        .await;
    browser.click(button).await;
    let mut saved = Value::Null;
    for _ in 0..200 {
        saved = browser.script("return window.__saved").await;
        if !saved.is_null() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(!saved.is_null(), "{button} saved nothing");
    let file = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(window.__saved.href).then(r => r.blob()).then(async b =>
               done({ type: b.type, size: b.size, head: [...new Uint8Array(await b.slice(0, 24).arrayBuffer())] }));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(file["type"], "image/png", "{file}");
    let head: Vec<u8> = serde_json::from_value(file["head"].clone()).unwrap();
    assert_eq!(&head[..8], b"\x89PNG\r\n\x1a\n");
    let be = |b: &[u8]| u32::from_be_bytes(b.try_into().unwrap());
    Png {
        name: saved["name"].as_str().unwrap().to_string(),
        bytes: file["size"].as_u64().unwrap(),
        width: be(&head[16..20]),
        height: be(&head[20..24]),
    }
}

fn attr_number(svg: &str, name: &str) -> u32 {
    let start = svg.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    svg[start..].split('"').next().unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chart_saves_as_svg_and_as_a_png_twice_its_size_with_its_caption() {
    let site = sample_site("share-images");
    let browser = Browser::open(1366, 900).await;
    browser
        .visit(&site.page("/?unit=01&period=2024-01&ind=online"))
        .await;
    browser.wait_for("[data-testid=trend-chart] svg").await;
    let section = "section[aria-labelledby=trend-heading]";
    let (svg, name) = open_menu(&browser, section).await;
    assert_eq!(name, "xu-huong-online-01-2024-01.svg");
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg:.80}"
    );
    for part in [
        "Diễn biến theo tháng: Hồ sơ nộp trực tuyến",
        "Tháng 1/2024",
        "Số liệu đến ngày",
        "Nguồn: Hệ thống thông tin giải quyết TTHC của tỉnh",
        "Số liệu mẫu (hư cấu)",
        "?unit=01&amp;period=2024-01&amp;ind=online",
    ] {
        assert!(svg.contains(part), "the SVG lacks {part}");
    }
    let (width, height) = (attr_number(&svg, "width"), attr_number(&svg, "height"));

    // The PNG: the browser draws the SVG on a canvas.
    let png = saved_png(&browser, &format!("{section} [data-testid=save-png]")).await;
    assert_eq!(png.name, "xu-huong-online-01-2024-01.png");
    assert!(png.bytes > 5_000, "{} bytes", png.bytes);
    assert_eq!((png.width, png.height), (2 * width, 2 * height));

    // The ranking, drawn in strips, saves as one picture.
    let (svg, name) = open_menu(&browser, "section[aria-labelledby=ranking-heading]").await;
    assert_eq!(name, "xep-hang-online-01-2024-01.svg");
    assert!(svg.matches("<svg ").count() >= 2, "{svg:.200}");
    assert!(
        svg.contains("Xếp hạng")
            && svg.contains("Hồ sơ nộp trực tuyến")
            && svg.contains("Số liệu mẫu (hư cấu)")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_766_index_chart_saves_as_svg_and_png_with_no_embed_code() {
    let site = Site::with_data("share-766", dak_lak_snapshots(), |_| {});
    let browser = Browser::open(1366, 900).await;
    browser
        .visit(&site.page("/index766.html?unit=66&period=2026-09"))
        .await;
    browser.wait_for("[data-testid=index-total]").await;
    let section = "section[aria-labelledby=index-trend-heading]";
    let (svg, name) = open_menu(&browser, section).await;
    assert_eq!(name, "chi-so-766-66-2026-09.svg");
    for part in [
        "Tổng điểm theo tháng",
        "Tháng 9/2026",
        "Số liệu đến ngày",
        "index766.html?unit=66",
    ] {
        assert!(svg.contains(part), "the SVG lacks {part}");
    }
    let png = saved_png(&browser, &format!("{section} [data-testid=save-png]")).await;
    assert_eq!(png.name, "chi-so-766-66-2026-09.png");
    let (width, height) = (attr_number(&svg, "width"), attr_number(&svg, "height"));
    assert_eq!((png.width, png.height), (2 * width, 2 * height));
    // No embed shows the index: the menu offers no code for one.
    let hidden = browser
        .script(&format!(
            "return document.querySelector('{section} [data-testid=embed-code]').closest('[hidden]') !== null"
        ))
        .await;
    assert_eq!(hidden, true);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_embed_code_reproduces_the_view_and_the_embed_shows_one_chart() {
    let site = sample_site("share-embed");
    let browser = Browser::open(1366, 900).await;
    browser
        .visit(&site.page("/public/?unit=01&period=2024-Q1&lang=en"))
        .await;
    let section = "[data-testid=chart-satisfaction]";
    browser.wait_for(&format!("{section} svg")).await;
    let block = ".chart-block:has([data-testid=chart-satisfaction])";
    open_menu(&browser, block).await;
    let code = browser
        .script(&format!(
            "return document.querySelector('{block} [data-testid=embed-code]').value"
        ))
        .await;
    let code = code.as_str().unwrap();
    assert!(code.starts_with("<iframe src=\""), "{code}");
    assert!(
        code.contains(" title=\"") && code.contains("loading=\"lazy\""),
        "{code}"
    );
    let src = code.split('"').nth(1).unwrap().replace("&amp;", "&");
    assert_eq!(
        src,
        site.page("/embed/?unit=01&period=2024-Q1&indicator=satisfaction&view=trend&lang=en")
    );

    // The embed, as another site's frame shows it.
    for width in [320, 1366] {
        let browser = Browser::open(width, 800).await;
        browser.visit(&src).await;
        browser.wait_for("[data-testid=trend-chart] svg").await;
        let title = browser.text_of("embed-title").await;
        assert!(title.ends_with("Q1 2024"), "{title}");
        let heading = browser
            .script("return document.querySelector('main h2').textContent")
            .await;
        assert!(
            heading.as_str().unwrap().contains("Satisfaction"),
            "{heading}"
        );
        let credits = browser.text_of("embed-credits").await;
        assert!(
            credits.contains("Data as of") && credits.contains("Sample (fictional) data"),
            "{credits}"
        );
        let full = browser
            .script("return document.querySelector('[data-testid=full-view]').href")
            .await;
        assert_eq!(
            full.as_str().unwrap(),
            site.page("/?unit=01&period=2024-Q1&ind=satisfaction&lang=en")
        );
        let report = browser
            .script(
                "return { header: !!document.querySelector('header, .filters, [data-testid=share-menu]'), \
                 overflow: document.documentElement.scrollWidth - innerWidth }",
            )
            .await;
        assert_eq!(
            report["header"], false,
            "an embed shows the chart only: {report}"
        );
        assert!(
            report["overflow"].as_i64().unwrap() <= 0,
            "{width}px: {report}"
        );
        let blocking: Vec<String> = browser
            .axe()
            .await
            .into_iter()
            .filter(|v| v.is_blocking())
            .map(|v| format!("{}: {}", v.id, v.nodes.join("; ")))
            .collect();
        assert!(blocking.is_empty(), "{width}px: {blocking:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ranking_and_the_tiles_embed_too() {
    let site = sample_site("share-views");
    let browser = Browser::open(600, 800).await;
    browser
        .visit(&site.page("/embed/?unit=01&period=2024-01&indicator=on_time&view=ranking"))
        .await;
    browser.wait_for("[data-testid=ranking-chart] svg").await;
    browser
        .visit(&site.page("/embed/?unit=01&period=2024-01&view=kpi"))
        .await;
    browser.wait_for("[data-testid=kpi-on_time]").await;
    let tiles = browser
        .script("return document.querySelectorAll('.kpi').length")
        .await;
    assert_eq!(tiles, 6);
    let charts = browser
        .script("return document.querySelectorAll('[data-testid=trend-chart], [data-testid=ranking-chart]').length")
        .await;
    assert_eq!(charts, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_briefing_slide_saves_as_a_png_twice_its_size() {
    let site = sample_site("share-slide");
    let browser = Browser::open(1366, 768).await;
    browser
        .visit(&site.page("/briefing.html?unit=01&period=2024-01&slide=2"))
        .await;
    browser.wait_for("[data-testid=slide] svg").await;
    let size = browser
        .script("const r = document.querySelector('[data-testid=slide]').getBoundingClientRect(); return [Math.ceil(r.width), Math.ceil(r.height)]")
        .await;
    let (width, height) = (
        size[0].as_u64().unwrap() as u32,
        size[1].as_u64().unwrap() as u32,
    );
    let png = saved_png(&browser, "[data-testid=save-slide]").await;
    assert_eq!(png.name, "trang-chieu-2-01-2024-01.png");
    // The slide and a line below it for the as-of date, source and sample label.
    assert_eq!((png.width, png.height), (2 * width, 2 * (height + 40)));
    assert!(png.bytes > 20_000, "a blank picture? {} bytes", png.bytes);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_public_page_links_the_provinces_workbook_its_csv_for_excel_and_the_readme() {
    let site = sample_site("share-downloads");
    let browser = Browser::open(1366, 900).await;
    browser
        .visit(&site.page("/public/?unit=001&period=2024-01"))
        .await;
    browser.wait_for("[data-testid=download-xlsx]").await;
    let files = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const get = async id => {
               const a = document.querySelector(`main [data-testid=${id}]`);
               const bytes = new Uint8Array(await (await fetch(a.href)).arrayBuffer());
               return { href: a.getAttribute('href'), name: a.download, head: [...bytes.slice(0, 4)], size: bytes.length };
             };
             Promise.all(['download-xlsx', 'download-province-csv', 'data-readme'].map(get)).then(done);",
            vec![],
        )
        .await
        .unwrap();
    let (xlsx, csv, readme) = (&files[0], &files[1], &files[2]);
    assert_eq!(xlsx["href"], "data/exports/01.xlsx", "{files}");
    assert_eq!(xlsx["name"], "01.xlsx");
    assert_eq!(
        xlsx["head"],
        serde_json::json!([0x50, 0x4B, 3, 4]),
        "a zip: {xlsx}"
    );
    assert_eq!(csv["href"], "data/exports/01.csv");
    assert_eq!(
        csv["head"],
        serde_json::json!([0xEF, 0xBB, 0xBF, b'u']),
        "BOM, then the header: {csv}"
    );
    assert_eq!(readme["href"], "data/README.md");
    assert!(readme["size"].as_u64().unwrap() > 1_000, "{readme}");
}
