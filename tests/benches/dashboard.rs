//! Dashboard benchmark (not a test; not run by `make test` or CI): drives
//! the real release build of `dist/` in headless Chromium and reads the
//! User Timing entries the app writes (see `app/src/perf.rs`):
//!
//! * time to the first chart (`par:first-chart`) over fresh page loads, with
//!   the bundled sample data and with a national snapshot;
//! * redraw time (`par:redraw`) over filter changes (indicator and period in
//!   turn) on a unit of about 100 children, with the page as opened and
//!   scrolled down to the ranking of those children;
//! * the wasm and JS sizes (raw and gzip -9);
//! * time to the first chart of the public page and of an embed on a
//!   first visit over an emulated "Fast 3G" connection (1.6 Mbps down,
//!   750 kbps up, 150 ms round trip; Chrome's network emulation), served
//!   as `make site` deploys them (brotli copies).
//!
//! Run it with `make bench-app`. The national snapshot is read from
//! `PAR_NATIONAL_DATA` (default `/work/bench-data/national/data`) and
//! skipped with a message when absent; `PAR_BENCH_LOADS` and
//! `PAR_BENCH_CHANGES` set the number of page loads (7) and changes (60).

use e2e::{dist, workspace, Browser, Site};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Budgets of "Performance at national scale", in milliseconds and bytes.
const FIRST_CHART_SAMPLE_MS: f64 = 300.0;
const FIRST_CHART_NATIONAL_MS: f64 = 1000.0;
const REDRAW_MEDIAN_MS: f64 = 16.0;
const REDRAW_P95_MS: f64 = 50.0;
const SIZE_GZIP_BYTES: u64 = 300_000;
/// A citizen on a phone in a rural commune: first chart within 2 s on Fast 3G.
const FIRST_CHART_FAST_3G_MS: f64 = 2000.0;

/// Children of the unit the redraw is measured on, about.
const TARGET_CHILDREN: usize = 100;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The value at quantile `q` (nearest rank) of `values`.
fn quantile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "within budget"
    } else {
        "OVER BUDGET"
    }
}

/// One line: median and p95 of `values` against the budgets.
fn report(what: &str, values: &[f64], median_budget: f64, p95_budget: Option<f64>) {
    let (median, p95) = (quantile(values, 0.5), quantile(values, 0.95));
    let (min, max) = (quantile(values, 0.0), quantile(values, 1.0));
    let ok = median <= median_budget && p95_budget.is_none_or(|b| p95 <= b);
    let budget = match p95_budget {
        Some(b) => format!("median ≤ {median_budget} ms, p95 ≤ {b} ms"),
        None => format!("median ≤ {median_budget} ms"),
    };
    println!(
        "{what:<44} median {median:7.1} ms  p95 {p95:7.1} ms  (min {min:.1}, max {max:.1}, n = {})  budget {budget}: {}",
        values.len(),
        verdict(ok)
    );
}

/// Raw and gzip -9 sizes of the wasm and JS files that `dist/index.html`
/// loads: the dashboard before its first chart (the second build, with the
/// 766 index and the briefing, loads only when opened; `make size` lists it).
fn sizes(dist: &Path) {
    let mut total = (0u64, 0u64);
    let html = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dist)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("wasm" | "js")))
        .filter(|p| html.contains(&*p.file_name().unwrap().to_string_lossy()))
        // The service worker, registered once the page has loaded.
        .filter(|p| !p.ends_with("sw.js"))
        .collect();
    files.sort();
    for file in files {
        let raw = std::fs::metadata(&file).unwrap().len();
        let out = std::process::Command::new("gzip")
            .args(["-9", "-c"])
            .arg(&file)
            .output()
            .expect("gzip");
        let gz = out.stdout.len() as u64;
        total = (total.0 + raw, total.1 + gz);
        println!(
            "size {:<40} {raw:>9} bytes raw {gz:>9} bytes gzip",
            file.file_name().unwrap().to_string_lossy()
        );
    }
    println!(
        "size {:<40} {:>9} bytes raw {:>9} bytes gzip  budget ≤ {SIZE_GZIP_BYTES} gzip: {}",
        "wasm + JS",
        total.0,
        total.1,
        verdict(total.1 <= SIZE_GZIP_BYTES)
    );
}

/// Waits (up to 30 s) for the first `name` measure of this page and
/// returns its duration in milliseconds.
async fn wait_measure(browser: &Browser, name: &str, after: usize) -> f64 {
    let script = r#"
        const [name, after, done] = arguments;
        const started = performance.now();
        (function poll() {
            const list = performance.getEntriesByName(name, 'measure');
            if (list.length > after) return done(list[list.length - 1].duration);
            if (performance.now() - started > 30000) return done(null);
            setTimeout(poll, 20);
        })();
    "#;
    let value = browser
        .client
        .execute_async(script, vec![Value::from(name), Value::from(after)])
        .await
        .expect("the page answers");
    value
        .as_f64()
        .unwrap_or_else(|| panic!("no {name} measure within 30 s"))
}

/// Time to the first chart over `loads` fresh loads of `path` (after one
/// load to warm the browser up, not counted).
async fn first_chart(site: &Site, path: &str, loads: usize) -> Vec<f64> {
    let browser = Browser::open(1366, 768).await;
    let mut times = Vec::new();
    for i in 0..=loads {
        browser.visit("about:blank").await;
        browser.visit(&site.page(path)).await;
        let t = wait_measure(&browser, "par:first-chart", 0).await;
        if i > 0 {
            times.push(t);
        }
    }
    times
}

/// Writes the brotli copy of every snapshot file in `dir` that has none,
/// as `make site` does, so that the site is served as deployed (a
/// snapshot folder from `make data` has no copies: over Fast 3G its
/// province file then took 0.5 s more).
fn brotli_copies(dir: &Path) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            brotli_copies(&path);
        } else if path.extension().is_some_and(|e| e == "json")
            && !path.with_extension("json.br").exists()
        {
            let status = std::process::Command::new("brotli")
                .args(["-q", "11", "-k"])
                .arg(&path)
                .status()
                .expect("brotli (installed by `make tools`)");
            assert!(status.success(), "brotli {}", path.display());
        }
    }
}

/// Time to the first chart of `path` on first visits (a new browser each,
/// so nothing is cached) over Fast 3G. The page's requests bypass the
/// service worker, which takes over during a first visit: its own fetches
/// are not throttled, so files it answered for looked free.
async fn first_chart_fast_3g(site: &Site, path: &str, loads: usize) -> Vec<f64> {
    let mut times = Vec::new();
    for _ in 0..loads {
        let browser = Browser::open(390, 844).await;
        browser.cdp("Network.enable", serde_json::json!({}));
        browser.cdp(
            "Network.setBypassServiceWorker",
            serde_json::json!({ "bypass": true }),
        );
        browser.cdp(
            "Network.emulateNetworkConditions",
            serde_json::json!({
                "offline": false,
                "latency": 150,
                "downloadThroughput": 1_600_000 / 8,
                "uploadThroughput": 750_000 / 8,
            }),
        );
        browser.visit(&site.page(path)).await;
        times.push(wait_measure(&browser, "par:first-chart", 0).await);
    }
    times
}

/// Redraw times of `changes` filter changes (indicator and period in
/// turn, each to a value other than the current one) on `path`, with the
/// page as opened or scrolled to the element `scroll_to`: to the new view
/// laid out (`par:redraw`), to after the next paint (`par:redraw-paint`)
/// and to the off-screen parts updated too (`par:settled`).
async fn redraws(
    site: &Site,
    path: &str,
    scroll_to: Option<&str>,
    changes: usize,
) -> [Vec<f64>; 3] {
    let browser = Browser::open(1366, 768).await;
    browser.visit(&site.page(path)).await;
    wait_measure(&browser, "par:first-chart", 0).await;
    if let Some(css) = scroll_to {
        let script = "document.querySelector(arguments[0]).scrollIntoView()";
        browser
            .client
            .execute(script, vec![Value::from(css)])
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    // Changes one picker to its next option; answers with the redraw time.
    let script = r#"
        const [testId, before, done] = arguments;
        const select = document.querySelector(`[data-testid="${testId}"]`);
        const values = Array.from(select.options).map(o => o.value);
        const next = values[(values.indexOf(select.value) + 1) % values.length];
        const started = performance.now();
        select.value = next;
        select.dispatchEvent(new Event('change', { bubbles: true }));
        (function poll() {
            const last = name => performance.getEntriesByName(name, 'measure').slice(before).pop();
            const times = ['par:redraw', 'par:redraw-paint', 'par:settled'].map(last);
            if (times.every(Boolean)) return done(times.map(t => t.duration));
            if (performance.now() - started > 30000) return done(null);
            setTimeout(poll, 5);
        })();
    "#;
    let mut times: [Vec<f64>; 3] = Default::default();
    for i in 0..changes {
        let picker = if i % 2 == 0 { "indicator" } else { "period" };
        let args = vec![Value::from(picker), Value::from(i)];
        let value = browser.client.execute_async(script, args).await.unwrap();
        let three: Option<Vec<f64>> = value
            .as_array()
            .and_then(|a| a.iter().map(Value::as_f64).collect());
        let three = three.unwrap_or_else(|| panic!("no par:redraw after change {i} ({picker})"));
        for (list, t) in times.iter_mut().zip(three) {
            list.push(t);
        }
        // Let the page settle, as between two clicks of a user.
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    times
}

/// The unit version whose number of children is closest to
/// [`TARGET_CHILDREN`], by id (a code alone may name an old unit and a new
/// one, such as 96 for the old and the new province of Cà Mau), with its
/// name and that number.
fn unit_with_about_100_children(data: &Path) -> (String, String, usize) {
    let units: Vec<Value> = e2e::read_json(&data.join("units.json"));
    let mut children = std::collections::HashMap::<&str, usize>::new();
    for u in &units {
        if let Some(parent) = u["parent"].as_str() {
            *children.entry(parent).or_default() += 1;
        }
    }
    let best = units
        .iter()
        .filter_map(|u| {
            let id = u["id"].as_str()?;
            Some((u, children.get(id).copied().unwrap_or(0)))
        })
        .min_by_key(|(_, n)| n.abs_diff(TARGET_CHILDREN))
        .expect("units");
    let id = best.0["id"].as_str().unwrap().to_string();
    let name = best.0["name"].as_str().unwrap_or("").to_string();
    (id, name, best.1)
}

async fn dataset(label: &str, data: &Path, first_budget: f64, loads: usize, changes: usize) {
    let site = Site::with_data(&format!("bench-{label}"), data, brotli_copies);
    let units: Vec<Value> = e2e::read_json(&data.join("units.json"));
    println!("{label}: {} ({} units)", data.display(), units.len());
    let times = first_chart(&site, "/", loads).await;
    report(
        &format!("{label}: first chart, /"),
        &times,
        first_budget,
        None,
    );
    // (An older build without the embed is measured on the public page.)
    let built = |path: &&str| {
        let folder = path
            .trim_matches('/')
            .split(['/', '?'])
            .next()
            .unwrap_or("");
        dist().join(folder).join("index.html").is_file()
    };
    for path in ["/public/", "/embed/?view=trend"].into_iter().filter(built) {
        let times = first_chart_fast_3g(&site, path, loads.min(5)).await;
        report(
            &format!("{label}: first chart on Fast 3G, {path}"),
            &times,
            FIRST_CHART_FAST_3G_MS,
            None,
        );
    }
    let (code, name, n) = unit_with_about_100_children(data);
    let path = format!("/?unit={code}");
    let times = first_chart(&site, &path, loads).await;
    report(
        &format!("{label}: first chart, {path}"),
        &times,
        first_budget,
        None,
    );
    println!("{label}: redraw on {name} ({code}), {n} units below it");
    // As opened (the filters, the tiles and the top of both charts on
    // screen), then scrolled down to the ranking of the units below.
    for (view, scroll_to) in [("", None), (", ranking in view", Some(RANKING))] {
        let [times, painted, settled] = redraws(&site, &path, scroll_to, changes).await;
        report(
            &format!("{label}: redraw{view}"),
            &times,
            REDRAW_MEDIAN_MS,
            Some(REDRAW_P95_MS),
        );
        // For information: the same until after the next paint, which adds
        // the wait for the display's next frame (0–16.7 ms at 60 Hz), and
        // until the parts off screen, put off until then, are updated too.
        for (until, values) in [("next paint", painted), ("all parts updated", settled)] {
            let (median, p95) = (quantile(&values, 0.5), quantile(&values, 0.95));
            println!(
                "{:<44} median {median:7.1} ms  p95 {p95:7.1} ms  (not budgeted)",
                format!("{label}: redraw{view}, to {until}")
            );
        }
    }
}

/// The ranking chart of the units below.
const RANKING: &str = "[data-testid=\"ranking-chart\"]";

/// The load average, to tell a quiet machine from a busy one.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn chromium_version() -> String {
    std::process::Command::new("chromium")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|_| "chromium: unknown version".into())
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let loads = env_usize("PAR_BENCH_LOADS", 7).max(5);
    let changes = env_usize("PAR_BENCH_CHANGES", 60).max(50);
    let dist = dist();
    println!(
        "dashboard benchmark: {} ({})",
        dist.display(),
        chromium_version()
    );
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!("machine: {cpus} CPUs, load average {} at the start", load());
    sizes(&dist);

    let sample = workspace().join("public/data");
    assert!(
        sample.join("manifest.json").is_file(),
        "no sample snapshot in public/data: run `make data`"
    );
    dataset("sample", &sample, FIRST_CHART_SAMPLE_MS, loads, changes).await;

    let national = std::env::var_os("PAR_NATIONAL_DATA").map_or_else(
        || PathBuf::from("/work/bench-data/national/data"),
        PathBuf::from,
    );
    if national.join("manifest.json").is_file() {
        dataset(
            "national",
            &national,
            FIRST_CHART_NATIONAL_MS,
            loads,
            changes,
        )
        .await;
    } else {
        println!(
            "national: skipped, no snapshot at {} (set PAR_NATIONAL_DATA to a folder with manifest.json)",
            national.display()
        );
    }
    println!("load average {} at the end", load());
}
