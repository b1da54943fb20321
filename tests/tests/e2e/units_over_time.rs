//! Units that change over time, in the browser: the input of
//! `data-pipeline/tests/pipeline/util/reorganisation.rs` (two provinces
//! merged whole on 1 July 2025, a reused code, a commune merged whole and
//! one divided, districts abolished).

use e2e::fantoccini::Locator;
use e2e::{reorganisation_snapshots, Browser, Site};

fn site(name: &str) -> Site {
    Site::with_data(name, reorganisation_snapshots(), |_| {})
}

/// The area picker's options, as shown (indentation trimmed).
async fn areas(browser: &Browser) -> Vec<String> {
    let js = "return Array.from(document.querySelectorAll('[data-testid=unit] option')).map(o => o.textContent.trim());";
    let list = browser.script(js).await;
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn june_2025_shows_the_old_tree_and_july_the_new_one() {
    let site = site("units-trees");
    let browser = Browser::open(1366, 768).await;
    browser.visit(&site.page("/?unit=01&period=2025-06")).await;
    browser.wait_text("kpi-on_time", |t| !t.is_empty()).await;
    let june = areas(&browser).await;
    assert_eq!(
        june[0], "Tỉnh Một (cũ)",
        "code 01 in June is the old province"
    );
    assert!(june.contains(&"Huyện Một".to_string()), "{june:?}");
    assert!(june.contains(&"Phường Trúc Bạch".to_string()), "{june:?}");
    assert!(!june.contains(&"Phường Ba Đình".to_string()), "{june:?}");

    browser.visit(&site.page("/?unit=01&period=2025-07")).await;
    browser.wait_text("kpi-on_time", |t| !t.is_empty()).await;
    let july = areas(&browser).await;
    assert_eq!(
        july[0], "Tỉnh Một",
        "code 01 in July is the merged province"
    );
    assert!(july.contains(&"Phường Ba Đình".to_string()), "{july:?}");
    assert!(
        !july.iter().any(|a| a.starts_with("Huyện")),
        "no district: {july:?}"
    );
    assert!(
        !july.iter().any(|a| a.contains("chia tách")),
        "the pool is not an area"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_divided_predecessor_is_not_comparable_in_the_tiles_the_trend_and_the_briefing() {
    let site = site("units-divided");
    let browser = Browser::open(1366, 768).await;
    browser
        .visit(&site.page("/?unit=00004&period=2025-07"))
        .await;
    let value = browser.wait_text("kpi-on_time", |t| t != "Đang tải…").await;
    assert_eq!(
        value, "100,0 %",
        "D2 resolved on time at the new Phường Ba Đình"
    );
    assert_eq!(
        browser.text_of("change-prev-on_time").await,
        "Không so sánh được"
    );
    let notice = browser.text_of("unit-history").await;
    assert!(
        notice.contains("Thành lập ngày 01/07/2025 từ: Phường Trúc Bạch, Xã Bảy."),
        "{notice}"
    );
    assert!(
        notice.contains("Xã Bảy bị chia tách ngày 01/07/2025; không có số liệu so sánh được."),
        "{notice}"
    );
    let chart = (browser.client.wait())
        .for_element(Locator::Css("[data-testid=trend-chart] svg"))
        .await
        .unwrap();
    let svg = chart.html(false).await.unwrap();
    assert!(svg.contains("01/07/2025"), "the change is marked");

    browser
        .visit(&site.page("/briefing?unit=00004&period=2025-07&slide=2"))
        .await;
    browser.wait_text("headline", |t| t == "100,0 %").await;
    assert_eq!(browser.text_of("change-prev").await, "Không so sánh được");
    browser
        .visit(&site.page("/briefing?unit=00004&period=2025-07&slide=1"))
        .await;
    browser
        .wait_text("slide-heading", |t| t == "Phường Ba Đình")
        .await;
    let title = browser
        .script("return document.querySelector('[data-slide=title]').textContent;")
        .await;
    assert!(
        title
            .as_str()
            .unwrap()
            .contains("Đơn vị hành chính được sắp xếp lại từ ngày 01/07/2025"),
        "{title}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_unit_merged_whole_shows_its_predecessors_combined_with_a_footnote() {
    let site = site("units-combined");
    let browser = Browser::open(1366, 768).await;
    // The new Xã Hai Mươi Mới in June 2025, before it existed: D3, online, at old 00020.
    browser
        .visit(&site.page("/?unit=00020@2025-07-01&period=2025-06"))
        .await;
    let online = browser.wait_text("kpi-online", |t| t != "Đang tải…").await;
    assert_eq!(online, "100,0 %");
    let notice = browser.text_of("unit-history").await;
    assert!(
        notice.contains("Số liệu trước ngày 01/07/2025 là tổng của các đơn vị trước sắp xếp: Xã Hai Mươi và Xã Hai Mốt."),
        "{notice}"
    );
    assert_eq!(
        areas(&browser).await[0],
        "Xã Hai Mươi Mới",
        "the unit stays selected"
    );
    // An old unit links to what took it over.
    browser
        .visit(&site.page("/?unit=00021&period=2025-05"))
        .await;
    let notice = browser.wait_text("unit-history", |t| !t.is_empty()).await;
    assert!(
        notice.contains("Đơn vị kế thừa: Xã Hai Mươi Mới."),
        "{notice}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ranking_before_the_change_tells_not_comparable_units_from_units_without_data() {
    let site = site("units-ranking");
    let browser = Browser::open(1366, 768).await;
    // The merged province in June 2025, before it existed. Its communes:
    // Xã Hai Mươi Mới has its predecessors combined (D3 received, nothing
    // resolved in June: no on-time figure); Phường Ba Đình and Xã Mười Mới
    // each took part of the divided Xã Bảy, so they have no June at all.
    let page = "/?unit=01@2025-07-01&period=2025-06&ind=on_time";
    browser.visit(&site.page(page)).await;
    let sentence = browser
        .wait_text("ranking-summary", |t| t.contains("xã"))
        .await;
    assert_eq!(
        sentence,
        "1 xã chưa có số liệu. 2 xã không so sánh được do sắp xếp đơn vị hành chính ngày 01/07/2025."
    );
    // The chart's strips and the units table (filled after the frame when
    // off screen): each row says which it is.
    let js = r#"
        const strips = Array.from(document.querySelectorAll('[data-testid=ranking-chart] .chart-strip'), s => s.innerHTML);
        return [strips.join(''), Array.from(document.querySelectorAll('[data-testid=units-table] tbody tr'), r => r.textContent)];
    "#;
    let mut parts = serde_json::Value::Null;
    for _ in 0..50 {
        parts = browser.script(js).await;
        if parts[0].as_str().is_some_and(|s| s.contains("Xã Mười Mới")) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let chart = parts[0].as_str().unwrap();
    assert_eq!(chart.matches("Không so sánh được").count(), 2, "{chart}");
    assert_eq!(chart.matches("Chưa có số liệu").count(), 1, "{chart}");
    let rows: Vec<&str> = parts[1]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    let row = |name: &str| *rows.iter().find(|r| r.starts_with(name)).unwrap();
    assert!(
        row("Phường Ba Đình").contains("Không so sánh được"),
        "{rows:?}"
    );
    assert!(
        !row("Phường Ba Đình").contains("Chưa có số liệu"),
        "{rows:?}"
    );
    assert!(
        !row("Xã Hai Mươi Mới").contains("Không so sánh được"),
        "{rows:?}"
    );

    browser.visit(&site.page(&format!("{page}&lang=en"))).await;
    let sentence = browser
        .wait_text("ranking-summary", |t| t.contains("ommunes"))
        .await;
    assert_eq!(
        sentence,
        "Communes without data: 1. Communes not comparable across the reorganisation of units on 1 Jul 2025: 2."
    );
}
