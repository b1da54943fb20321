//! A unit named like markup (`<script>alert(1)</script>`) is shown as text
//! in every view and never runs.

use e2e::{copy_dir, temp_dir, workspace, Browser, Site, TempDir};

const NAME: &str = "<script>alert(1)</script>";

/// Snapshots of the tiny fixture in which commune 00078 has a hostile name.
fn hostile_snapshots() -> TempDir {
    let dir = temp_dir("hostile");
    let input = dir.join("input");
    copy_dir(&workspace().join("../shared/fixtures/tiny/input"), &input);
    let units = input.join("units.csv");
    let text = std::fs::read_to_string(&units).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("00078,"))
        .unwrap()
        .to_string();
    let renamed = format!("00078,{NAME},commune,009,x");
    std::fs::write(&units, text.replace(&line, &renamed)).unwrap();
    data_pipeline::build::build(&input, &dir.join("data"), &Default::default()).unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread")]
async fn a_unit_named_like_markup_is_text_in_every_view() {
    let site = Site::with_data("hostile", &hostile_snapshots().join("data"), |_| {});
    let browser = Browser::open(1366, 900).await;
    let pages = [
        "/?unit=009&period=2024-01",
        "/?unit=00078&period=2024-01",
        "/public?unit=009&period=2024-01",
        "/briefing?unit=009&period=2024-01&slide=2",
    ];
    for page in pages {
        browser.visit(&site.page(page)).await;
        let mut text = String::new();
        for _ in 0..100 {
            text = browser
                .script("return document.body.innerText")
                .await
                .as_str()
                .unwrap_or("")
                .to_string();
            if text.contains(NAME) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(text.contains(NAME), "{page}: the name is shown as text");
        let scripts = browser
            .script("return document.querySelectorAll('body script').length")
            .await;
        assert_eq!(scripts, 0, "{page}: no script element was injected");
        assert!(
            browser.client.get_alert_text().await.is_err(),
            "{page}: no alert ran"
        );
    }
}
