//! The overview page (`/`), of a province or of one unit (`?unit=CODE`).

use contract::{Period, ProvinceSnapshot, SCHEMA_VERSION};
use e2e::fantoccini::Locator;
use e2e::{read_json, tiny_snapshots, vi_percent, Browser, Site};

/// The on-time rate the snapshot holds for a unit and period.
fn on_time(unit: &str, period: &str) -> String {
    let snapshot: ProvinceSnapshot = read_json(&tiny_snapshots().join("indicators/01.json"));
    let counts = snapshot
        .counts(unit, Period::parse(period).unwrap())
        .expect("data for the period");
    vi_percent(counts.on_time_rate())
}

fn site(name: &str) -> Site {
    Site::with_data(name, tiny_snapshots(), |_| {})
}

#[tokio::test(flavor = "multi_thread")]
async fn overview_shows_the_on_time_rate_of_the_snapshot() {
    let site = site("overview");
    let browser = Browser::open(1366, 768).await;
    browser.visit(&site.page("/?unit=001&period=2024-01")).await;
    let expected = on_time("001", "2024-01");
    assert_eq!(
        expected, "83,3 %",
        "5 of 6 dossiers of Huyện Đông were on time in January 2024"
    );
    assert_eq!(
        browser.wait_text("kpi-on_time", |t| t == expected).await,
        expected
    );
}

/// The waiting page's script starts the manifest's and the default
/// province file's fetches while the wasm downloads (`public/shell.js`); the
/// app takes them over instead of asking again: each file goes over the
/// network once, and nothing is left behind for a later load to reuse.
#[tokio::test(flavor = "multi_thread")]
async fn the_first_files_are_fetched_once_and_before_the_app_asks() {
    let site = site("early");
    let browser = Browser::open(1366, 768).await;
    browser.visit(&site.page("/")).await;
    browser.wait_for("[data-testid=trend-chart] svg").await;
    let manifest: contract::Manifest = read_json(&tiny_snapshots().join("manifest.json"));
    let file = manifest
        .default_file
        .expect("the manifest names the default unit's file");
    assert_eq!(file, ProvinceSnapshot::file_name("01"));
    for name in ["manifest.json", file.as_str()] {
        let found = browser
            .script(&format!(
                "return [performance.getEntriesByType('resource')
                   .filter(e => e.name.endsWith('/data/{name}')).length,
                   parTake('{name}') === undefined]"
            ))
            .await;
        assert_eq!(
            found,
            serde_json::json!([1, true]),
            "{name}: fetches, taken"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn changing_the_period_in_the_ui_changes_the_url_and_the_figures() {
    let site = site("period");
    let browser = Browser::open(1366, 768).await;
    browser.visit(&site.page("/?unit=01&period=2024-02")).await;
    let february = on_time("01", "2024-02");
    assert_eq!(
        browser.wait_text("kpi-on_time", |t| t == february).await,
        february
    );

    browser.pick("period", "2023-12").await;
    let december = on_time("01", "2023-12");
    assert_ne!(december, february, "the fixture's months differ");
    assert_eq!(
        browser.wait_text("kpi-on_time", |t| t == december).await,
        december
    );
    // The URL follows after the next paint (see `state::navigator`).
    assert!(browser
        .wait_url("period=2023-12")
        .await
        .contains("period=2023-12"));

    // The browser's back button returns to the previous view.
    browser.client.back().await.unwrap();
    assert_eq!(
        browser.wait_text("kpi-on_time", |t| t == february).await,
        february
    );
    assert!(browser
        .wait_url("period=2024-02")
        .await
        .contains("period=2024-02"));

    // A quarter: flows summed over its months, by the contract's rules.
    browser.pick("period-kind", "quarter").await;
    browser.pick("period", "2023-Q4").await;
    let quarter = on_time("01", "2023-Q4");
    assert_eq!(
        browser.wait_text("kpi-on_time", |t| t == quarter).await,
        quarter
    );
    assert!(browser
        .wait_url("period=2023-Q4")
        .await
        .contains("period=2023-Q4"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_unit_page_shows_that_commune() {
    let site = site("unit");
    let browser = Browser::open(1366, 768).await;
    browser
        .visit(&site.page("/?unit=00078&period=2024-01"))
        .await;
    let expected = on_time("00078", "2024-01");
    assert_eq!(
        browser.wait_text("kpi-on_time", |t| t == expected).await,
        expected
    );
    let body = browser
        .client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("Thị trấn Ấp Mới 3"),
        "the commune's name is shown"
    );
}

/// The text of the first element matching `css`.
async fn text_at(browser: &Browser, css: &str) -> String {
    let element = browser.client.find(Locator::Css(css)).await.unwrap();
    element.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn picking_an_indicator_moves_the_selection_and_redraws_trend_and_ranking() {
    let site = site("indicator");
    let browser = Browser::open(1366, 768).await;
    browser.visit(&site.page("/?unit=01&period=2024-02")).await;
    browser.text_of("kpi-online").await;
    let current = |key: &'static str| {
        let browser = &browser;
        async move {
            let css = format!("#kpi-h-{key} a");
            let link = browser.client.find(Locator::Css(&css)).await.unwrap();
            link.attr("aria-current").await.unwrap()
        }
    };
    assert_eq!(current("on_time").await.as_deref(), Some("true"));

    browser.pick("indicator", "online").await;
    browser.wait_url("ind=online").await;
    assert_eq!(current("online").await.as_deref(), Some("true"));
    assert_eq!(current("on_time").await, None, "one tile is selected");
    assert!(text_at(&browser, "#trend-heading")
        .await
        .contains("Hồ sơ nộp trực tuyến"));
    assert!(text_at(&browser, "#ranking-heading")
        .await
        .contains("Hồ sơ nộp trực tuyến"));

    // The ranking is one image drawn in strips hidden from assistive technology.
    let chart = browser
        .client
        .find(Locator::Css("[data-testid=\"ranking-chart\"]"))
        .await
        .unwrap();
    assert_eq!(chart.attr("role").await.unwrap().as_deref(), Some("img"));
    let name = chart.attr("aria-label").await.unwrap().unwrap_or_default();
    assert!(name.contains("Hồ sơ nộp trực tuyến"), "{name}");
    let strips = chart
        .find_all(Locator::Css(".chart-strip svg[aria-hidden=\"true\"]"))
        .await
        .unwrap();
    assert!(!strips.is_empty());

    // The trend's table view, built when opened, lists the snapshot's share.
    let snapshot: ProvinceSnapshot = read_json(&tiny_snapshots().join("indicators/01.json"));
    let counts = snapshot
        .counts("01", Period::parse("2024-02").unwrap())
        .unwrap();
    let share = vi_percent(counts.online_share());
    let trend = "section[aria-labelledby=\"trend-heading\"]";
    let summary = format!("{trend} details.table-view summary");
    browser.click(&summary).await;
    let table = text_at(&browser, &format!("{trend} tbody")).await;
    assert!(table.contains(&format!("Tháng 2/2024 {share}")), "{table}");
}

#[tokio::test(flavor = "multi_thread")]
async fn off_screen_parts_catch_up_with_a_change() {
    // A short window: the units table and the ranking are far below the
    // fold, skipped by the browser, and updated a frame after the change.
    let site = site("off-screen");
    let browser = Browser::open(1366, 300).await;
    let path = "/?unit=01&period=2024-02";
    let contents = r#"
        const table = document.querySelector('[data-testid="units-table"]');
        const skipped = !table.checkVisibility({ contentVisibilityAuto: true });
        const strips = Array.from(document.querySelectorAll('.chart-strip'), s => s.innerHTML);
        return [skipped, table.tBodies[0].innerHTML, strips.join('|')];
    "#;
    let read = |browser: &Browser| {
        let browser = browser.client.clone();
        async move {
            let value = browser.execute(contents, vec![]).await.unwrap();
            let parts = value.as_array().unwrap().clone();
            (
                parts[0].as_bool().unwrap(),
                parts[1].to_string(),
                parts[2].to_string(),
            )
        }
    };
    browser.visit(&site.page(path)).await;
    browser.text_of("kpi-online").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (skipped, _, _) = read(&browser).await;
    assert!(skipped, "the table is off screen and skipped");

    browser.pick("period", "2023-12").await;
    let url = browser.wait_url("period=2023-12").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (_, body, strips) = read(&browser).await;

    // The same as a page opened on the new view.
    browser.visit(&url).await;
    browser.text_of("kpi-online").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (_, fresh_body, fresh_strips) = read(&browser).await;
    assert!(fresh_body.contains("<tr>"));
    assert_eq!(body, fresh_body);
    assert_eq!(strips, fresh_strips);
}

/// Breaks a copy of the snapshot folder.
type Breakage = fn(&std::path::Path);

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_snapshot_shows_an_error_message() {
    let cases: [(&str, Breakage); 3] = [
        ("malformed", |d| {
            std::fs::write(d.join("indicators/01.json"), "{ not json").unwrap()
        }),
        ("missing", |d| {
            std::fs::remove_file(d.join("indicators/01.json")).unwrap()
        }),
        ("schema", |d| {
            let path = d.join("indicators/01.json");
            let text = std::fs::read_to_string(&path).unwrap();
            let from = format!("\"schema_version\":{SCHEMA_VERSION}");
            std::fs::write(&path, text.replace(&from, "\"schema_version\":999")).unwrap();
        }),
    ];
    let browser = Browser::open(1366, 768).await;
    browser.expect_console_errors(); // the missing file's 404
    for (name, edit) in cases {
        let site = Site::with_data(name, tiny_snapshots(), edit);
        browser.visit(&site.page("/?unit=001&period=2024-01")).await;
        let message = browser.text_of("error").await;
        assert!(message.contains("indicators/01.json"), "{name}: {message}");
        if name == "schema" {
            assert!(
                message.contains("999"),
                "{name} names the version: {message}"
            );
        }
    }
}
