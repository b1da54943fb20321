//! WCAG 2.2 AA checked by machine: axe-core in headless Chromium on the
//! public page, the overview, the briefing and the 766 index, on a desktop and a phone;
//! no page may have a serious or critical violation. Plus what axe cannot
//! see: one `h1`, ordered headings, no horizontal scrolling at 360 px.

use e2e::{tiny_snapshots, Browser, Site};
use std::time::Duration;

const PAGES: [(&str, &str); 6] = [
    ("public", "/public?unit=001&period=2024-01"),
    (
        "public-commune",
        "/public?unit=00004&period=2023-Q4&lang=en",
    ),
    ("overview", "/?unit=01&period=2024-01"),
    ("briefing", "/briefing?unit=01&period=2024-01"),
    (
        "briefing-index",
        "/briefing.html?unit=01&period=2024-01&slide=8",
    ),
    ("index", "/index766.html?unit=01&period=2024-01"),
];

/// Waits until the page has drawn its content (or an error), then a little
/// longer for the charts.
async fn settle(browser: &Browser) {
    for _ in 0..200 {
        let ready = browser
            .client
            .execute(
                "return !!document.querySelector('main') && !document.querySelector('[data-testid=loading]') \
                 && !!document.querySelector('h1')",
                vec![],
            )
            .await
            .unwrap();
        if ready.as_bool() == Some(true) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn no_serious_or_critical_axe_violations_on_desktop_and_phone() {
    let site = Site::with_data("axe", tiny_snapshots(), |_| {});
    let mut failures = Vec::new();
    for (width, height) in [(1366, 900), (360, 800)] {
        let browser = Browser::open(width, height).await;
        for (name, path) in PAGES {
            browser.visit(&site.page(path)).await;
            settle(&browser).await;
            let violations = browser.axe().await;
            let counts = ["critical", "serious", "moderate", "minor"].map(|i| {
                violations
                    .iter()
                    .filter(|v| v.impact.as_deref() == Some(i))
                    .count()
            });
            eprintln!(
                "axe {name} at {width}px: critical {}, serious {}, moderate {}, minor {}",
                counts[0], counts[1], counts[2], counts[3]
            );
            for v in &violations {
                eprintln!(
                    "  [{:?}] {} — {}\n    {}",
                    v.impact,
                    v.id,
                    v.help,
                    v.nodes.join("\n    ")
                );
                if v.is_blocking() {
                    failures.push(format!(
                        "{name} at {width}px: {} ({:?}): {}",
                        v.id,
                        v.impact,
                        v.nodes.join("; ")
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "serious or critical violations:\n{}",
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn one_h1_ordered_headings_landmarks_and_no_sideways_scrolling_on_a_phone() {
    let site = Site::with_data("structure", tiny_snapshots(), |_| {});
    let browser = Browser::open(360, 800).await;
    for (name, path) in PAGES
        .into_iter()
        .filter(|(n, _)| !n.starts_with("briefing"))
    {
        browser.visit(&site.page(path)).await;
        settle(&browser).await;
        let report = browser
            .client
            .execute(
                r##"const hs = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
                   let skips = 0; for (let i = 1; i < hs.length; i++) if (hs[i] > hs[i-1] + 1) skips++;
                   return { h1: hs.filter(l => l === 1).length, first: hs[0], skips,
                            main: document.querySelectorAll('main').length,
                            header: document.querySelectorAll('header').length,
                            skip: !!document.querySelector('a.skip-link[href="#main"]'),
                            lang: document.documentElement.lang,
                            overflow: document.documentElement.scrollWidth - window.innerWidth,
                            wide: [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                                  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width)) };"##,
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(report["h1"], 1, "{name}: {report}");
        assert_eq!(report["first"], 1, "{name}: {report}");
        assert_eq!(
            report["skips"], 0,
            "{name}: headings skip a level: {report}"
        );
        assert_eq!(report["main"], 1, "{name}: {report}");
        assert_eq!(report["header"], 1, "{name}: {report}");
        assert_eq!(report["skip"], true, "{name}: {report}");
        let lang = if path.contains("lang=en") { "en" } else { "vi" };
        assert_eq!(report["lang"], lang, "{name}: {report}");
        assert!(
            report["overflow"].as_i64().unwrap() <= 0,
            "{name} scrolls sideways at 360 px: {report}"
        );
    }
}
