//! The 766 index page (`/index766.html`, the app's second build) on the
//! published Đắk Lắk figures: the portal's total, grade and groups, where
//! the points are, the group choice kept in the URL, and the way there
//! from the overview; and the briefing's index slide with its sentence.

use e2e::fantoccini::Locator;
use e2e::{dak_lak_snapshots, Browser, Site};

/// Đắk Lắk's published points by group, as the groups' table shows them.
const PUBLISHED_GROUPS: [&str; 6] = [
    "11,85 / 18,00",
    "17,72 / 20,00",
    "8,97 / 12,00",
    "9,08 / 22,00",
    "6,69 / 10,00",
    "11,18 / 18,00",
];

/// The points column of the groups' table on the page (or the slide).
async fn groups(browser: &Browser) -> Vec<String> {
    let cells = browser
        .script("return Array.from(document.querySelectorAll('.index-groups td.num')).map(td => td.textContent);")
        .await;
    serde_json::from_value(cells).expect("texts")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_index_page_shows_the_published_dak_lak_figures() {
    let site = Site::with_data("index-dak-lak", dak_lak_snapshots(), |_| {});
    let browser = Browser::open(1366, 768).await;
    browser
        .visit(&site.page("/index766.html?unit=66&period=2026-09"))
        .await;
    let total = browser.wait_text("index-total", |t| !t.is_empty()).await;
    assert!(
        total.contains("65,49") && total.contains("Trung bình"),
        "{total}"
    );
    assert_eq!(groups(&browser).await, PUBLISHED_GROUPS);
    // The biggest loss first: PUBLISH_ON_TIME, 0 of 82, all 6 points.
    let gains = browser.text_of("index-gains").await;
    let first = gains.lines().next().unwrap_or_default();
    assert!(
        first.contains("Công bố thủ tục hành chính đúng hạn") && first.contains("+6,00"),
        "{gains}"
    );
    assert!(
        gains.contains("thêm 82"),
        "82 more procedures published on time: {gains}"
    );
    // English, from the language switch.
    browser.click(".lang-switch").await;
    let total = browser
        .wait_text("index-total", |t| t.contains("Average"))
        .await;
    assert!(total.contains("65.49"), "{total}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_group_choice_is_in_the_url_and_the_overview_links_to_the_page() {
    let site = Site::with_data("index-links", e2e::tiny_snapshots(), |_| {});
    let browser = Browser::open(1366, 768).await;
    browser.visit(&site.page("/?unit=01&period=2024-01")).await;
    browser.wait_text("kpi-on_time", |t| !t.is_empty()).await;
    browser.click("[data-testid=index-link]").await;
    let url = browser.wait_url("/index766.html").await;
    assert!(
        url.contains("unit=01") && url.contains("period=2024-01"),
        "{url}"
    );
    // The tiny fixture has no index_metrics.csv: incomplete, never 0.
    let note = browser
        .wait_text("index-incomplete", |t| !t.is_empty())
        .await;
    assert!(
        note.contains("Công bố thủ tục hành chính đúng hạn"),
        "{note}"
    );
    let losses = browser.text_of("index-losses").await;
    assert!(losses.contains("Huyện"), "{losses}");
    browser
        .client
        .find(Locator::LinkText("Tiến độ giải quyết"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let url = browser.wait_url("group=2").await;
    assert!(url.contains("/index766.html"), "{url}");
    let current = browser
        .script("return document.querySelector('.group-links [aria-current=true]').textContent;")
        .await;
    assert_eq!(current.as_str(), Some("Tiến độ giải quyết"));
    // The public page explains the index in plain words, from the rules.
    browser
        .visit(&site.page("/public?unit=01&period=2024-01"))
        .await;
    let text = browser.wait_text("explain-index", |t| !t.is_empty()).await;
    assert!(
        text.contains("766/QĐ-TTg") && text.contains("số hóa hồ sơ (22)"),
        "{text}"
    );
    // Straight to /index766 (a static host's fallback serves index.html): the page loads.
    browser
        .visit(&site.page("/index766?unit=01&period=2024-01"))
        .await;
    browser.wait_url("/index766.html?unit=01").await;
    browser
        .wait_text("index-incomplete", |t| !t.is_empty())
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_briefing_has_an_index_slide_with_its_presenter_sentence() {
    let site = Site::with_data("index-briefing", dak_lak_snapshots(), |_| {});
    let browser = Browser::open(1920, 1080).await;
    // The old path reaches the overview's build, which loads the second one.
    browser
        .visit(&site.page("/briefing?unit=66&period=2026-09&slide=8&notes=1"))
        .await;
    let url = browser.wait_url("/briefing.html?").await;
    assert!(url.contains("slide=8") && url.contains("notes=1"), "{url}");
    // After the title and the six indicators.
    let kind = browser
        .script("return document.querySelector('[data-testid=slide]').dataset.slide;")
        .await;
    assert_eq!(kind.as_str(), Some("index"));
    assert_eq!(
        browser
            .wait_text("headline", |t| t != "Đang tải số liệu…")
            .await,
        "65,49"
    );
    assert_eq!(browser.text_of("index-grade").await, "Trung bình");
    assert_eq!(groups(&browser).await, PUBLISHED_GROUPS);
    // The three biggest losses, the biggest first: all 6 points of publishing on time.
    let losses = browser.text_of("index-losses").await;
    let items = browser
        .script("return document.querySelectorAll('[data-testid=index-losses] li').length;")
        .await;
    assert_eq!(items, 3, "{losses}");
    assert!(
        losses.contains("Công bố thủ tục hành chính đúng hạn (thêm 82 để đạt điểm tối đa)")
            && losses.contains("−6,00"),
        "{losses}"
    );
    let note = browser.text_of("notes").await;
    assert!(
        note.starts_with(
            "Chỉ số 766, Tháng 9/2026: 65,49/100,00 điểm, xếp loại Trung bình. \
             Mất nhiều điểm nhất: Công bố thủ tục hành chính đúng hạn (−6,00), "
        ),
        "{note}"
    );
    // In English.
    browser.visit(&format!("{url}&lang=en")).await;
    let note = browser
        .wait_text("notes", |t| t.starts_with("Index 766"))
        .await;
    assert!(
        note.starts_with("Index 766, September 2026: 65.49 of 100.00 points, grade Average."),
        "{note}"
    );
}
