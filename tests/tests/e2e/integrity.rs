//! The snapshot set must be whole: a file whose SHA-256 differs from the
//! manifest's is refused with a message naming it; and the data-quality
//! panel shows the manifest's row counts.

use contract::Manifest;
use e2e::fantoccini::Locator;
use e2e::{read_json, tiny_snapshots, Browser, Site};

/// An integer grouped as the Vietnamese interface writes it (`1.234`).
fn vi_int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn a_province_file_that_does_not_match_the_manifest_is_refused() {
    let site = Site::with_data("integrity-broken", tiny_snapshots(), |data| {
        let path = data.join("indicators/01.json");
        let mut bytes = std::fs::read(&path).unwrap();
        // Change one digit of the first count: still valid JSON, other hash.
        let start = String::from_utf8_lossy(&bytes)
            .find("\"months\"")
            .expect("a months array");
        let at = start
            + bytes[start..]
                .iter()
                .position(u8::is_ascii_digit)
                .expect("a count");
        bytes[at] = if bytes[at] == b'9' {
            b'8'
        } else {
            bytes[at] + 1
        };
        std::fs::write(&path, &bytes).unwrap();
        let _: serde_json::Value = serde_json::from_slice(&bytes).expect("still valid JSON");
    });
    let browser = Browser::open(1366, 768).await;
    browser.visit(&site.page("/?unit=01")).await;
    let text = browser.wait_text("error", |t| t.contains("01.json")).await;
    assert!(
        text.contains(
            "Dữ liệu không nhất quán: data/indicators/01.json không khớp mã băm trong manifest.json"
        ),
        "{text}"
    );
    assert!(
        browser
            .client
            .find(Locator::Css("[data-testid=\"kpi-on_time\"]"))
            .await
            .is_err(),
        "no figure from the refused file is shown"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_data_quality_panel_shows_the_manifest_row_counts() {
    let manifest: Manifest = read_json(&tiny_snapshots().join("manifest.json"));
    let dossiers = manifest
        .inputs
        .iter()
        .find(|i| i.file == "dossiers.csv")
        .expect("dossiers.csv in the manifest");
    let site = Site::with_data("integrity-ok", tiny_snapshots(), |_| {});
    let browser = Browser::open(1366, 768).await;
    browser.visit(&site.page("/?unit=01")).await;
    browser.open_panel("data-quality").await;
    let expected = format!(
        "dossiers.csv {} {} {} {}",
        vi_int(dossiers.rows_read),
        vi_int(dossiers.rows_accepted),
        vi_int(dossiers.rows_rejected),
        vi_int(dossiers.duplicates)
    );
    let text = browser
        .wait_text("data-quality", |t| t.contains(&expected))
        .await;
    assert!(text.contains(&expected), "{expected:?} not in {text:?}");
    assert!(text.contains("Chất lượng dữ liệu"), "{text}");
}
