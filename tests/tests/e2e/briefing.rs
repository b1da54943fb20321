//! Briefing mode (`/briefing`): keyboard and clicker navigation with the
//! slide in the URL, headline figures equal to the snapshot's, no slide
//! that scrolls, and body text of at least 1/30 of the window's height.

use contract::{Indicator, Period, ProvinceSnapshot};
use e2e::fantoccini::key::Key;
use e2e::{read_json, tiny_snapshots, vi_percent, workspace, Browser, Site};

/// Slides of a deck: title, six indicators, at least one closing slide.
const MIN_SLIDES: usize = 8;

/// An indicator's value in the snapshot, by the contract.
fn expected(
    data: &std::path::Path,
    province: &str,
    unit: &str,
    period: &str,
    ind: Indicator,
) -> String {
    let snapshot: ProvinceSnapshot = read_json(&data.join(format!("indicators/{province}.json")));
    let counts = snapshot
        .counts(unit, Period::parse(period).unwrap())
        .expect("data for the period");
    let value = ind.value(&counts);
    if ind.is_rate() {
        vi_percent(value)
    } else {
        value.map_or("Chưa có số liệu".into(), |v| format!("{}", v as u64))
    }
}

/// "3 / 8" → (3, 8).
fn slide_number(text: &str) -> (usize, usize) {
    let (a, b) = text.split_once('/').expect("n / total");
    (a.trim().parse().unwrap(), b.trim().parse().unwrap())
}

async fn wait_slide(browser: &Browser, n: usize) -> (usize, usize) {
    let text = browser
        .wait_text("slide-number", |t| {
            t.split('/').next().map(str::trim) == Some(&n.to_string())
        })
        .await;
    slide_number(&text)
}

#[tokio::test(flavor = "multi_thread")]
async fn keys_and_clicker_buttons_move_between_slides_and_the_url_follows() {
    let site = Site::with_data("briefing-keys", tiny_snapshots(), |_| {});
    let browser = Browser::open(1920, 1080).await;
    browser
        .visit(&site.page("/briefing?unit=01&period=2024-01"))
        .await;
    let (first, total) = wait_slide(&browser, 1).await;
    assert_eq!(first, 1);
    assert!(total >= MIN_SLIDES, "{total} slides");

    let steps: [(char, usize); 8] = [
        (char::from(Key::Right), 2),
        (char::from(Key::PageDown), 3), // a clicker's "next"
        (char::from(Key::Down), 4),
        (char::from(Key::PageUp), 3), // a clicker's "previous"
        (' ', 4),
        (char::from(Key::Left), 3),
        (char::from(Key::End), total),
        (char::from(Key::Home), 1),
    ];
    for (key, slide) in steps {
        browser.press(key).await;
        assert_eq!(wait_slide(&browser, slide).await.0, slide, "after {key:?}");
        let url = browser.url().await;
        assert!(url.contains(&format!("slide={slide}")), "{url}");
        assert!(
            url.contains("unit=01") && url.contains("period=2024-01"),
            "{url}"
        );
    }

    // Number keys and Enter jump.
    browser.press('5').await;
    assert_eq!(browser.text_of("jump").await, "→ 5");
    browser.press(Key::Enter).await;
    assert_eq!(wait_slide(&browser, 5).await.0, 5);
    assert!(browser.url().await.contains("slide=5"));

    // A reload stays on the slide.
    let url = browser.url().await;
    browser.visit(&url).await;
    assert_eq!(wait_slide(&browser, 5).await.0, 5);

    // N shows the presenter's note and keeps it in the URL.
    browser.press('n').await;
    let note = browser.text_of("notes").await;
    assert!(note.starts_with("Tháng 1/2024: "), "{note}");
    assert!(browser.url().await.contains("notes=1"));
}

#[tokio::test(flavor = "multi_thread")]
async fn headline_numbers_equal_the_snapshot() {
    let data = tiny_snapshots();
    let site = Site::with_data("briefing-headline", data, |_| {});
    let browser = Browser::open(1920, 1080).await;
    // Slides 2.. are the indicators in the contract's order.
    for (i, ind) in [
        Indicator::OnTime,
        Indicator::Online,
        Indicator::Satisfaction,
    ]
    .into_iter()
    .enumerate()
    {
        let slide = Indicator::ALL.iter().position(|x| *x == ind).unwrap() + 2;
        browser
            .visit(&site.page(&format!("/briefing?unit=001&period=2024-01&slide={slide}")))
            .await;
        let want = expected(data, "01", "001", "2024-01", ind);
        if i == 0 {
            assert_eq!(
                want, "83,3 %",
                "5 of 6 dossiers of Huyện Đông were on time in January 2024"
            );
        }
        assert_eq!(
            browser.wait_text("headline", |t| t == want).await,
            want,
            "{ind:?}"
        );
    }
    // The note says the same figure in a sentence.
    browser
        .visit(&site.page("/briefing?unit=001&period=2024-01&slide=2&notes=1"))
        .await;
    let note = browser.text_of("notes").await;
    assert!(
        note.starts_with("Tháng 1/2024: 83,3 % hồ sơ đúng hạn, thấp hơn chỉ tiêu 100 %"),
        "{note}"
    );
}

/// What the page measures on one slide: overflow anywhere, and the smallest
/// font of any visible text against the window's height.
const MEASURE: &str = r#"
    const doc = document.documentElement;
    const slide = document.querySelector('[data-testid="slide"]');
    const boxes = [doc, document.body, document.querySelector('.briefing'), slide,
        ...slide.querySelectorAll('.slide-body, .slide-ranks, .missed-list, .title-list, .headline')];
    const over = boxes.filter(b => b && (b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1))
        .map(b => (b.className || b.tagName) + ' ' + b.scrollWidth + '×' + b.scrollHeight + ' > ' + b.clientWidth + '×' + b.clientHeight);
    // Every element that holds text directly, outside the chart.
    let smallest = 1e9, where = '';
    for (const el of document.querySelectorAll('.briefing *')) {
        if (el.closest('svg')) continue;
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.getClientRects().length === 0) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < smallest) { smallest = size; where = el.className || el.tagName; }
    }
    const inSlide = [...slide.querySelectorAll('*')].filter(e => !e.closest('svg'));
    const bottom = Math.max(...inSlide.map(e => e.getBoundingClientRect().bottom));
    const right = Math.max(...inSlide.map(e => e.getBoundingClientRect().right));
    return { over, smallest, where, height: innerHeight, width: innerWidth, right,
             headline: parseFloat(getComputedStyle(slide.querySelector('.headline-value') || slide.querySelector('h1')).fontSize),
             body: parseFloat(getComputedStyle(document.querySelector('.slide-sub, .title-asof')).fontSize),
             bottom, slideBottom: slide.getBoundingClientRect().bottom,
             chart: !!slide.querySelector('.slide-chart svg') || !slide.querySelector('.slide-chart') };
"#;

/// The bundled sample's new province (the version from 1 July 2025: its
/// id, since code 96 also names the old province of Cà Mau) and last month.
const SAMPLE_PROVINCE: &str = "96@2025-07-01";
const SAMPLE_PERIOD: &str = "2026-10";

async fn every_slide_fits(width: u32, height: u32) {
    // The bundled sample: the new province of Cà Mau (64 communes and the
    // pool of dossiers from divided communes) in its last month, so the
    // lists are full and the closing list runs over several slides.
    let data = workspace().join("public/data");
    let site = Site::with_data(&format!("briefing-fit-{width}"), &data, |_| {});
    let browser = Browser::open(width, height).await;
    browser
        .visit(&site.page(&format!(
            "/briefing?unit={SAMPLE_PROVINCE}&period={SAMPLE_PERIOD}&slide=1"
        )))
        .await;
    browser.set_viewport(width, height).await;
    let (_, total) = wait_slide(&browser, 1).await;
    assert!(total >= MIN_SLIDES);
    let want = expected(
        &data,
        SAMPLE_PROVINCE,
        SAMPLE_PROVINCE,
        SAMPLE_PERIOD,
        Indicator::OnTime,
    );
    for slide in 1..=total {
        if slide > 1 {
            browser.press(Key::PageDown).await;
            wait_slide(&browser, slide).await;
        }
        if slide == 2 {
            assert_eq!(browser.wait_text("headline", |t| t == want).await, want);
        }
        let indicator_slide = (2..2 + Indicator::ALL.len()).contains(&slide);
        // Let the chart be measured and drawn.
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        let m = browser.script(MEASURE).await;
        let h = m["height"].as_f64().unwrap();
        assert_eq!(
            (m["width"].as_f64().unwrap(), h),
            (width as f64, height as f64),
            "the viewport"
        );
        assert_eq!(
            m["over"],
            serde_json::json!([]),
            "slide {slide} at {width}×{height} overflows: {m}"
        );
        let smallest = m["smallest"].as_f64().unwrap();
        assert!(
            smallest >= h / 30.0,
            "slide {slide} at {width}×{height}: text of {smallest}px < {}px ({m})",
            h / 30.0
        );
        assert!(m["body"].as_f64().unwrap() >= h / 30.0, "{m}");
        if indicator_slide {
            let headline = m["headline"].as_f64().unwrap();
            assert!(
                headline >= 3.0 * smallest,
                "slide {slide}: the headline number is {headline}px"
            );
        }
        assert!(
            m["bottom"].as_f64().unwrap() <= m["slideBottom"].as_f64().unwrap() + 0.5,
            "slide {slide}: content below the slide {m}"
        );
        assert!(
            m["right"].as_f64().unwrap() <= width as f64 + 0.5,
            "slide {slide}: content right of the window {m}"
        );
        assert_eq!(m["chart"], true, "slide {slide}: the trend chart is drawn");
        eprintln!(
            "{width}×{height} slide {slide}: smallest text {smallest}px ({}), headline {}px",
            m["where"], m["headline"]
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn no_slide_scrolls_and_text_is_large_at_1920x1080() {
    every_slide_fits(1920, 1080).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn no_slide_scrolls_and_text_is_large_at_1024x768() {
    every_slide_fits(1024, 768).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn no_slide_scrolls_and_text_is_large_at_1280x720() {
    every_slide_fits(1280, 720).await;
}
