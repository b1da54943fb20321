//! Revised figures: after a re-export changes one past dossier, the KPI
//! tiles and tables mark the figures it changed with the day, and the
//! public page lists the area's revisions in plain words.

use e2e::fantoccini::Locator;
use e2e::{copy_dir, workspace, Browser, Site};
use std::path::PathBuf;

/// One dossier of November 2023, resolved on its due day...
const DOSSIER: &str = "HS-00000004,00004,2.001039,direct,19/11/2023,2023-11-19,2023-11-19,,";
/// ...then re-exported resolved a day late.
const RESOLVED_LATE: &str = "HS-00000004,00004,2.001039,direct,19/11/2023,2023-11-19,2023-11-20,,";

/// The tiny fixture built, then built again over it after the re-export.
fn revised_snapshots() -> PathBuf {
    let dir = workspace().join("target/e2e-revised");
    let _ = std::fs::remove_dir_all(&dir);
    let (input, out) = (dir.join("input"), dir.join("data"));
    copy_dir(&workspace().join("../shared/fixtures/tiny/input"), &input);
    let build = || data_pipeline::build::build(&input, &out, &Default::default()).unwrap();
    build();
    let dossiers = input.join("dossiers.csv");
    let text = std::fs::read_to_string(&dossiers).unwrap();
    assert!(text.contains(DOSSIER));
    std::fs::write(&dossiers, text.replace(DOSSIER, RESOLVED_LATE)).unwrap();
    build();
    out
}

/// "02/12/2026": today in Vietnam, as the page writes the revision's day.
fn today() -> String {
    let day = data_pipeline::validate::dates::today();
    day.format("%d/%m/%Y").to_string()
}

async fn count(browser: &Browser, css: &str) -> usize {
    let found = browser.client.find_all(Locator::Css(css)).await.unwrap();
    found.len()
}

#[tokio::test(flavor = "multi_thread")]
async fn revised_figures_are_marked_with_their_day_and_listed_on_the_public_page() {
    let site = Site::with_data("revised", &revised_snapshots(), |_| {});
    let browser = Browser::open(1366, 900).await;
    let revised = format!("Đã điều chỉnh ngày {}", today());

    // The commune's November: the on-time rate and the apology rate (late
    // dossiers are its denominator) were revised; the online share was not.
    browser
        .visit(&site.page("/?unit=00004&period=2023-11"))
        .await;
    assert_eq!(
        browser.text_of("revised-on_time").await,
        format!("✎ {revised}")
    );
    assert_eq!(
        browser.text_of("revised-apology").await,
        format!("✎ {revised}")
    );
    assert_eq!(count(&browser, "[data-testid=revised-online]").await, 0);
    // December's figures were not revised.
    browser
        .visit(&site.page("/?unit=00004&period=2023-12"))
        .await;
    browser.wait_for("[data-testid=kpi-on_time]").await;
    assert_eq!(count(&browser, ".kpi-revised").await, 0);

    // The province's table: district 001's row marks its resolved and
    // on-time cells, and nothing in district 002's.
    browser.visit(&site.page("/?unit=01&period=2023-11")).await;
    browser.wait_for("[data-testid=units-table] tbody tr").await;
    let marks = browser
        .script(
            "return [...document.querySelectorAll('[data-testid=units-table] tbody tr')]
                .map(r => [r.querySelector('th').textContent,
                           [...r.querySelectorAll('td')].map(td => !!td.querySelector('sup.revised'))])",
        )
        .await;
    let rows = marks.as_array().unwrap();
    let row = |name: &str| {
        rows.iter()
            .find(|r| r[0].as_str().unwrap().contains(name))
            .unwrap_or_else(|| panic!("no row {name} in {marks}"))[1]
            .clone()
    };
    // Received, resolved, on time, online, satisfaction, apology, overdue, status.
    let east = serde_json::json!([false, false, true, false, false, true, false, false]);
    assert_eq!(row("Huyện Đông"), east);
    assert!(row("Huyện Tây")
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m == false));
    let title = browser
        .script("return document.querySelector('sup.revised').title")
        .await;
    assert_eq!(title, revised.as_str());

    // The public page lists the province's six revisions in plain words,
    // and the other province has none.
    browser
        .visit(&site.page("/public/?unit=01&period=2023-11"))
        .await;
    let list = browser.text_of("revisions").await;
    let today = today();
    for sentence in [
        format!("Tháng 11/2023 · Xã Ấp Mới 1: số hồ sơ giải quyết đúng hạn từ 3 thành 2 (điều chỉnh ngày {today})."),
        format!("Tháng 11/2023 · Xã Ấp Mới 1: số hồ sơ giải quyết quá hạn từ 0 thành 1 (điều chỉnh ngày {today})."),
    ] {
        assert!(list.contains(&sentence), "{sentence}\nnot in\n{list}");
    }
    assert_eq!(count(&browser, "[data-testid=revisions] li").await, 6);
    let result = browser.text_of("result-on_time").await;
    assert!(result.contains(&revised), "{result}");
    let blocking: Vec<_> = (browser.axe().await.into_iter())
        .filter(|v| v.is_blocking())
        .map(|v| v.id)
        .collect();
    assert!(
        blocking.is_empty(),
        "axe on the marks and the list: {blocking:?}"
    );
    let href = browser
        .script("return document.querySelector('[data-testid=revisions-csv]').href")
        .await;
    assert!(
        href.as_str().unwrap().ends_with("/data/revisions.csv"),
        "{href}"
    );
    browser
        .visit(&site.page("/public/?unit=79&period=2023-11"))
        .await;
    let none = browser
        .wait_text("revisions", |t| t.contains("Thành phố Hai Cấp"))
        .await;
    assert!(
        none.contains("Chưa có số liệu nào của địa bàn này được điều chỉnh."),
        "{none}"
    );
}
