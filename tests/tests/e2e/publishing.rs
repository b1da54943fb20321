//! The site as a province publishes it (`make site BASE=/cchc/`): under a
//! folder of its portal, on a plain static host without rewrite rules, and
//! offline in a meeting room after one visit.

use e2e::fantoccini::key::Key;
use e2e::fantoccini::Locator;
use e2e::{dist, subpath_site, tiny_snapshots, Browser, Site, SUBPATH};
use std::path::Path;
use std::time::Duration;

fn published(name: &str) -> Site {
    Site::published(name, &subpath_site(), SUBPATH, tiny_snapshots(), |_| {})
}

/// The briefing's slide number, once it is `n`.
async fn wait_slide(browser: &Browser, n: usize) {
    let text = browser
        .wait_text("slide-number", |t| t.trim().starts_with(&format!("{n} ")))
        .await;
    assert!(text.trim().starts_with(&format!("{n} ")), "slide {text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn under_a_sub_path_every_page_opens_from_its_url_with_its_charts() {
    let site = published("subpath");
    let browser = Browser::open(1366, 768).await;
    let pages = [
        (
            "/cchc/?unit=001&period=2024-01",
            "[data-testid=trend-chart] svg",
        ),
        (
            "/cchc/index.html?unit=001&period=2024-01",
            "[data-testid=trend-chart] svg",
        ),
        (
            "/cchc/public/?unit=001&period=2024-01",
            "[data-testid=public-table]",
        ),
        // A folder without its slash: the host's redirect, query kept.
        (
            "/cchc/public?unit=001&period=2024-01",
            "[data-testid=public-table]",
        ),
        (
            "/cchc/briefing.html?unit=01&period=2024-01&slide=2",
            "[data-testid=slide] svg",
        ),
        (
            "/cchc/briefing?unit=01&period=2024-01&slide=2",
            "[data-testid=slide] svg",
        ),
        (
            "/cchc/index766.html?unit=01&period=2024-01",
            "[data-testid=index]",
        ),
        (
            "/cchc/embed?unit=01&period=2024-01&view=ranking",
            "[data-testid=ranking-chart] svg",
        ),
    ];
    for (page, chart) in pages {
        browser.visit(&site.page(page)).await;
        browser.wait_for(chart).await;
        let url = browser.url().await;
        assert!(url.contains("/cchc/"), "{page} stays under /cchc/: {url}");
    }
    browser
        .visit(&site.page("/cchc/?unit=01&period=2024-01"))
        .await;
    browser.wait_for("[data-testid=ranking-chart] svg").await;
    let unit = browser.text_of("kpi-on_time").await;
    // A district of the table: the app's own link, under the sub-path.
    browser.click("[data-testid=units-table] tbody a").await;
    let url = browser.wait_url("unit=00").await;
    assert!(url.contains("/cchc/?unit=00"), "{url}");
    let district = browser.wait_text("kpi-on_time", |t| t != unit).await;
    assert_ne!(district, unit, "the district's figures are shown");
    // Back goes to the province, without a load.
    browser.client.back().await.unwrap();
    browser.wait_text("kpi-on_time", |t| t == unit).await;
    // The briefing link opens the second build, under the sub-path.
    browser.click("[data-testid=briefing-link]").await;
    let url = browser.wait_url("briefing.html").await;
    assert!(url.contains("/cchc/briefing.html?unit=01"), "{url}");
    wait_slide(&browser, 1).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_old_unit_link_opens_through_the_404_page() {
    let site = published("old-links");
    let browser = Browser::open(1366, 768).await;
    // The host answers 404 (with the app), which the console reports.
    browser.expect_console_errors();
    browser
        .visit(&site.page("/cchc/unit/001?period=2024-01"))
        .await;
    browser.wait_for("[data-testid=trend-chart] svg").await;
    let crumbs = browser.text_of("unit").await;
    assert!(!crumbs.is_empty());
    let unit = browser
        .script("return document.querySelector('[data-testid=unit]').value")
        .await;
    assert_eq!(unit, "001", "the unit of the path is shown");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_briefing_pages_through_offline_after_one_visit_to_the_overview() {
    let site = published("offline");
    let browser = Browser::open(1366, 768).await;
    browser
        .visit(&site.page("/cchc/?unit=01&period=2024-01"))
        .await;
    browser.wait_for("[data-testid=trend-chart] svg").await;
    // Until the service worker holds the app and what the page loaded (the
    // briefing's index files with the area's indicators).
    let files = [
        "briefing.html",
        "data/manifest.json",
        "data/units.json",
        "data/indicators/01.json",
        "data/index/01.json",
        "data/index/provinces.json",
    ];
    for file in files {
        wait_until_kept(&browser, file).await;
    }

    site.set_online(false);
    browser
        .visit(&site.page("/cchc/briefing.html?unit=01&period=2024-01&slide=1"))
        .await;
    wait_slide(&browser, 1).await;
    let offline = browser.text_of("slide").await;
    assert!(
        offline.contains("Ngoại tuyến: số liệu đã lưu trên máy này"),
        "the title slide says the figures are the saved copy: {offline}"
    );
    for n in 2..=4 {
        browser.press(Key::Right).await;
        wait_slide(&browser, n).await;
        browser
            .wait_for("[data-testid=slide] svg, [data-testid=headline]")
            .await;
    }
    browser
        .visit(&site.page("/cchc/?unit=01&period=2024-01"))
        .await;
    browser.wait_for("[data-testid=trend-chart] svg").await;
    let note = browser.text_of("offline").await;
    assert_eq!(note, "Ngoại tuyến: số liệu đã lưu trên máy này");

    // Online again: the host's copy, and no offline note.
    site.set_online(true);
    browser
        .visit(&site.page("/cchc/?unit=01&period=2024-01"))
        .await;
    browser.wait_for("[data-testid=trend-chart] svg").await;
    let notes = browser
        .client
        .find_all(Locator::Css("[data-testid=offline]"))
        .await;
    assert!(notes.unwrap().is_empty(), "online, no offline note");
}

/// Every wasm, JS, CSS, JSON, CSV and SVG file has `.gz` and `.br` copies
/// with the same bytes, and no page carries Trunk's live-reload script.
#[test]
fn the_built_sites_hold_every_page_compressed_copies_and_no_dev_server_script() {
    for site in [dist(), subpath_site()] {
        for page in [
            "index.html",
            "404.html",
            "public/index.html",
            "embed/index.html",
            "briefing.html",
        ] {
            assert!(site.join(page).is_file(), "{}: no {page}", site.display());
        }
        for page in [
            "briefing/index.html",
            "index766.html",
            "index766/index.html",
        ] {
            assert!(site.join(page).is_file(), "{}: no {page}", site.display());
        }
        check_folder(&site);
        let worker = std::fs::read_to_string(site.join("sw.js")).unwrap();
        assert!(
            !worker.contains("const PRECACHE = [];"),
            "sw.js lists the build's files"
        );
        assert!(
            !worker.contains("const VERSION = \"dev\";"),
            "sw.js names its build"
        );
    }
    let index = std::fs::read_to_string(subpath_site().join("index.html")).unwrap();
    assert!(
        index.contains("<base href=\"/cchc/\""),
        "the sub-path site's base"
    );
}

fn check_folder(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            check_folder(&path);
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "html" {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains("__trunk_address__"),
                "{}: live reload",
                path.display()
            );
        }
        if ["wasm", "js", "css", "json", "csv", "svg"].contains(&ext) {
            let bytes = std::fs::read(&path).unwrap();
            for (suffix, tool) in [("gz", "gzip"), ("br", "brotli")] {
                let copy = format!("{}.{suffix}", path.display());
                let out = std::process::Command::new(tool)
                    .args(["-dc", &copy])
                    .output();
                let out = out.unwrap_or_else(|e| panic!("{tool}: {e}"));
                assert!(
                    out.status.success() && out.stdout == bytes,
                    "{copy}: not a copy"
                );
            }
        }
    }
}

/// A new snapshot on the host: online, the page shows it at once; offline
/// afterwards, the saved copy is the new one, never files of two runs.
#[tokio::test(flavor = "multi_thread")]
async fn a_new_snapshot_replaces_the_saved_one() {
    let site = published("new-snapshot");
    let browser = Browser::open(1366, 768).await;
    let page = site.page("/cchc/?unit=01");
    browser.visit(&page).await;
    let before = browser
        .wait_text("as-of", |t| t.contains("29/02/2024"))
        .await;
    assert!(before.contains("29/02/2024"), "{before}");
    wait_until_kept(&browser, "data/indicators/01.json").await;

    let data = site.root.join(SUBPATH.trim_matches('/')).join("data");
    std::fs::remove_dir_all(&data).unwrap();
    e2e::copy_dir(e2e::reorganisation_snapshots(), &data);
    browser.visit(&page).await;
    let after = browser
        .wait_text("as-of", |t| t.contains("05/08/2025"))
        .await;
    assert!(
        after.contains("05/08/2025"),
        "online, the new snapshot: {after}"
    );
    browser.wait_for("[data-testid=trend-chart] svg").await;

    site.set_online(false);
    browser.visit(&page).await;
    let offline = browser
        .wait_text("as-of", |t| t.contains("Ngoại tuyến"))
        .await;
    assert!(
        offline.contains("05/08/2025") && offline.contains("Ngoại tuyến"),
        "offline, the saved copy of the new snapshot: {offline}"
    );
    browser.wait_for("[data-testid=trend-chart] svg").await;
}

/// Waits (up to 10 s) until the service worker controls the page and has
/// kept `file` (a path under the site's folder).
async fn wait_until_kept(browser: &Browser, file: &str) {
    let js = format!(
        "return (async () => !!navigator.serviceWorker.controller
            && !!(await caches.match(new URL('{file}', document.baseURI).href)))();"
    );
    for _ in 0..100 {
        if browser.script(&js).await == true {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the service worker did not keep {file}");
}
