//! The public transparency page (`/public`): plain-language results, the
//! table of units (sortable by keyboard), downloads, and no dossier id in
//! anything the site serves.

use contract::{Period, ProvinceSnapshot, UnitInfo};
use e2e::fantoccini::key::Key;
use e2e::fantoccini::Locator;
use e2e::{read_json, tiny_snapshots, workspace, Browser, Site};
use std::path::Path;

fn site(name: &str) -> Site {
    Site::with_data(name, tiny_snapshots(), |_| {})
}

/// The contract's on-time rate for a unit and period, as the page writes it.
fn on_time(unit: &str, period: &str) -> Option<f64> {
    let snapshot: ProvinceSnapshot = read_json(&tiny_snapshots().join("indicators/01.json"));
    snapshot
        .counts(unit, Period::parse(period).unwrap())?
        .on_time_rate()
}

fn children(parent: &str) -> Vec<UnitInfo> {
    let units: Vec<UnitInfo> = read_json(&tiny_snapshots().join("units.json"));
    units
        .into_iter()
        .filter(|u| u.parent.as_deref() == Some(parent))
        .collect()
}

async fn table_names(browser: &Browser) -> Vec<String> {
    let cells = browser
        .client
        .find_all(Locator::Css("[data-testid=\"public-table\"] tbody th"))
        .await
        .unwrap();
    let mut names = Vec::new();
    for c in cells {
        names.push(c.text().await.unwrap());
    }
    names
}

async fn attr(browser: &Browser, css: &str, name: &str) -> String {
    let el = browser.client.find(Locator::Css(css)).await.unwrap();
    el.attr(name).await.unwrap().unwrap_or_default()
}

/// Percent-decodes a `data:` URL's body.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() + 1 {
            if let Ok(v) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

async fn shown_csv(browser: &Browser) -> String {
    let href = attr(browser, "[data-testid=\"download-shown\"]", "href").await;
    let csv = decode(
        href.strip_prefix("data:text/csv;charset=utf-8,")
            .expect("a CSV data URL"),
    );
    // Excel on Windows reads a CSV without a byte-order mark as ANSI.
    csv.strip_prefix('\u{FEFF}')
        .expect("the CSV starts with a UTF-8 byte-order mark")
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_public_page_tells_the_results_in_sentences_and_lists_every_unit() {
    let site = site("public");
    let browser = Browser::open(1366, 900).await;
    browser
        .visit(&site.page("/public?unit=001&period=2024-01"))
        .await;
    assert_eq!(on_time("001", "2024-01"), Some(5.0 / 6.0));
    let sentence = browser
        .wait_text("result-on_time", |t| t.contains("83,3 %"))
        .await;
    assert!(
        sentence.contains("83 trên 100 hồ sơ được trả đúng hạn hoặc sớm hơn"),
        "{sentence}"
    );
    assert!(sentence.contains("83,3 %"), "{sentence}");

    // Every child unit is in the table, with its name.
    let mut names = table_names(&browser).await;
    let mut expected: Vec<String> = children("001").into_iter().map(|u| u.name).collect();
    names.sort();
    expected.sort();
    assert_eq!(names, expected);

    // One h1, the as-of date, the explanations and both downloads.
    let h1 = browser.client.find_all(Locator::Css("h1")).await.unwrap();
    assert_eq!(h1.len(), 1);
    assert!(browser.text_of("as-of").await.contains("Số liệu đến ngày"));
    assert!(browser
        .text_of("explain-on_time")
        .await
        .contains("chia cho"));
    assert_eq!(
        attr(&browser, "[data-testid=\"download-all\"]", "href").await,
        "data/indicators.csv"
    );
    let csv = shown_csv(&browser).await;
    assert!(csv.starts_with("unit_code,unit_name,period,"), "{csv}");
    assert_eq!(csv.lines().count(), expected.len() + 1);
    assert_eq!(attr(&browser, "html", "lang").await, "vi");

    // The English switch keeps the page and the view.
    browser.click(".lang-switch").await;
    let sentence = browser
        .wait_text("result-on_time", |t| t.contains("in 100"))
        .await;
    assert!(
        sentence.contains("83 in 100 dossiers were resolved on time or early"),
        "{sentence}"
    );
    let url = browser.url().await;
    assert!(
        url.contains("/public/?") && url.contains("unit=001") && url.contains("lang=en"),
        "{url}"
    );
    assert_eq!(attr(&browser, "html", "lang").await, "en");
}

#[tokio::test(flavor = "multi_thread")]
async fn filters_and_the_table_sort_work_by_keyboard_alone() {
    let site = site("public-keys");
    let browser = Browser::open(1366, 900).await;
    browser
        .visit(&site.page("/public?unit=01&period=2024-02"))
        .await;
    browser.text_of("public-table").await;

    // The first Tab reaches the skip link; Enter moves on to the content.
    let first = browser.tab_to(1, |h| h.contains("skip-link")).await;
    assert!(first.contains("href=\"#main\""), "{first}");

    // Tab to the period picker and pick the previous month with the arrow key.
    browser
        .tab_to(30, |h| h.contains("data-testid=\"period\""))
        .await;
    browser.press(Key::Down).await;
    let url = browser.wait_url("period=2024-01").await;
    assert!(url.contains("period=2024-01"), "{url}");
    let expected = format!("{:.1} %", on_time("01", "2024-01").unwrap() * 100.0).replace('.', ",");
    browser
        .wait_text("result-on_time", |t| t.contains(&expected))
        .await;

    // Tab on to the on-time column's sort button; Enter sorts, largest first.
    let button = browser
        .tab_to(40, |h| h.starts_with("<button") && (h.contains("Đúng hạn")))
        .await;
    assert!(button.contains("Đúng hạn"), "{button}");
    browser.press(Key::Enter).await;
    let th = "[data-testid=\"public-table\"] thead th:nth-child(3)";
    let mut sorted = String::new();
    for _ in 0..100 {
        sorted = attr(&browser, th, "aria-sort").await;
        if sorted == "descending" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(sorted, "descending");
    // The focus stays on the button, so Space sorts the other way.
    assert!(
        browser.focused_html().await.contains("Đúng hạn"),
        "focus kept on the sort button"
    );
    let descending = table_names(&browser).await;
    browser.press(Key::Space).await;
    for _ in 0..100 {
        if attr(&browser, th, "aria-sort").await == "ascending" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(attr(&browser, th, "aria-sort").await, "ascending");
    let ascending = table_names(&browser).await;
    assert_eq!(descending.len(), children("01").len());

    // Rows are ordered by the contract's on-time rate; no data goes last.
    let rate = |name: &str| {
        let u = children("01").into_iter().find(|u| u.name == name).unwrap();
        on_time(&u.id, "2024-01")
    };
    let values: Vec<Option<f64>> = descending.iter().map(|n| rate(n)).collect();
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    assert!(
        known.windows(2).all(|w| w[0] >= w[1]),
        "{descending:?} {values:?}"
    );
    let values: Vec<Option<f64>> = ascending.iter().map(|n| rate(n)).collect();
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    assert!(
        known.windows(2).all(|w| w[0] <= w[1]),
        "{ascending:?} {values:?}"
    );

    // The shown-rows CSV follows the order on screen.
    let csv = shown_csv(&browser).await;
    let csv_names: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().trim_matches('"').to_string())
        .collect();
    assert_eq!(csv_names, ascending);
}

/// Every dossier id of the fixture's input.
fn dossier_ids() -> Vec<String> {
    let text =
        std::fs::read_to_string(workspace().join("../shared/fixtures/tiny/input/dossiers.csv"))
            .unwrap();
    let mut ids: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// A GET through the site's own server, so the check covers what it serves.
fn fetch(url: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut body = Vec::new();
    stream.read_to_end(&mut body).unwrap();
    body
}

#[tokio::test(flavor = "multi_thread")]
async fn no_dossier_id_of_the_input_reaches_anything_the_site_serves() {
    let ids = dossier_ids();
    assert!(
        ids.len() > 50 && ids.iter().all(|i| i.starts_with("HS-")),
        "{ids:?}"
    );
    let site = site("public-no-ids");
    let mut served: Vec<(String, String)> = Vec::new();

    // Every file of the site, fetched through its server.
    let mut files = Vec::new();
    files_under(&site.root, &mut files);
    for file in files {
        let rel = file
            .strip_prefix(&site.root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let body = fetch(&site.page(&format!("/{rel}")));
        served.push((rel, String::from_utf8_lossy(&body).into_owned()));
    }

    // The rendered pages and the shown-rows CSV, for every area and both languages.
    let browser = Browser::open(1366, 900).await;
    let units: Vec<UnitInfo> = read_json(&tiny_snapshots().join("units.json"));
    for unit in &units {
        for lang in ["vi", "en"] {
            let path = format!("/public?unit={}&period=2024-01&lang={lang}", unit.id);
            browser.visit(&site.page(&path)).await;
            browser.text_of("download-shown").await;
            let html = browser.client.source().await.unwrap();
            served.push((path.clone(), html));
            served.push((format!("{path} (CSV)"), shown_csv(&browser).await));
        }
    }
    browser.visit(&site.page("/?unit=01")).await;
    browser.text_of("units-table").await;
    served.push(("/".into(), browser.client.source().await.unwrap()));

    assert!(
        served.iter().any(|(p, _)| p == "data/indicators.csv"),
        "indicators.csv is served"
    );
    for (what, text) in &served {
        for id in &ids {
            assert!(
                !text.contains(id.as_str()),
                "{what} holds the dossier id {id}"
            );
        }
        assert!(
            !text.contains("HS-0"),
            "{what} holds something shaped like a dossier id"
        );
    }
}
