//! Form 06 reports beside dossier exports: figures summed over only some
//! units say so, a unit without its report is listed as having sent
//! nothing, and the data-quality panel counts each unit's rows.

use e2e::fantoccini::Locator;
use e2e::{copy_dir, temp_dir, workspace, Browser, Site, TempDir};

/// The tiny fixture, plus Form 06 reports from commune 00115 (district 001)
/// for December and February, plus one invalid dossier row of 00004 set
/// aside by `--quarantine`.
fn snapshots() -> TempDir {
    let dir = temp_dir("form06");
    let input = dir.join("input");
    copy_dir(&workspace().join("../shared/fixtures/tiny/input"), &input);
    std::fs::write(
        input.join("reports.csv"),
        "unit_code,month,carried_over,received_online,received_offline,resolved_early,\
         resolved_on_time,resolved_late,pending_within,pending_overdue\n\
         00115,2023-12,0,3,5,2,3,1,1,1\n00115,2024-02,2,4,0,1,1,0,3,0\n",
    )
    .unwrap();
    let dossiers = input.join("dossiers.csv");
    let mut text = std::fs::read_to_string(&dossiers).unwrap();
    text.push_str("HS-BAD,00004,1.001130,direct,31/02/2024,2024-03-01,,,\n");
    std::fs::write(&dossiers, text).unwrap();
    data_pipeline::build::build(
        &input,
        &dir.join("data"),
        &data_pipeline::build::Options {
            quarantine: true,
            ..Default::default()
        },
    )
    .expect("builds with --quarantine");
    dir
}

async fn has(browser: &Browser, test_id: &str) -> bool {
    let css = format!("[data-testid=\"{test_id}\"]");
    browser.client.find(Locator::Css(&css)).await.is_ok()
}

#[tokio::test(flavor = "multi_thread")]
async fn partial_figures_missing_reports_and_rows_per_unit() {
    let site = Site::with_data("form06", &snapshots().join("data"), |_| {});
    let browser = Browser::open(1366, 768).await;

    // December: 00115's report gives on-time counts but no ratings.
    browser.visit(&site.page("/?unit=001&period=2023-12")).await;
    browser.text_of("kpi-on_time").await;
    let partial = browser.text_of("partial-satisfaction").await;
    assert!(partial.contains("Biểu số 06"), "{partial}");
    assert!(
        !has(&browser, "partial-on_time").await,
        "on-time counts are whole"
    );

    // January: 00115 sent no report; the district's figures are partial.
    browser.visit(&site.page("/?unit=001&period=2024-01")).await;
    browser.text_of("partial-on_time").await;
    browser.open_panel("data-quality").await;
    let silent = browser.text_of("silent-units").await;
    assert!(
        silent.contains("Xã Ấp Mới 4 — chưa gửi Biểu số 06"),
        "{silent}"
    );
    // 00004's 26 distinct dossiers (7 + 6 + 7 + 6 received; the fixture's
    // other rows are identical copies) and 00115's two reports; the bad row.
    let rows = browser.text_of("unit-rows").await;
    assert!(rows.contains("28 dòng được dùng"), "{rows}");
    assert!(rows.contains("1 dòng bị loại"), "{rows}");
}
