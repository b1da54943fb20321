//! The end-to-end harness: snapshots made by the real pipeline, the real
//! site in `dist/` (`scripts/build-site.sh`), a plain static server on
//! 127.0.0.1 (no rewrite rules, as most hosts) and headless Chromium driven
//! through chromedriver, whose console must stay clean.

use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

pub use fantoccini;

#[path = "../../data-pipeline/tests/pipeline/util/folders.rs"]
mod folders;
pub use folders::{copy_dir, temp_dir, TempDir};

#[path = "../../data-pipeline/tests/pipeline/util/dak_lak.rs"]
mod dak_lak;
#[path = "../../data-pipeline/tests/pipeline/util/reorganisation.rs"]
mod reorganisation;

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The site for a host's root (`make app`), or the build named by `PAR_DIST`.
pub fn dist() -> PathBuf {
    let dist = std::env::var_os("PAR_DIST").map_or_else(|| workspace().join("dist"), PathBuf::from);
    assert!(
        dist.join("index.html").is_file(),
        "dist/ is missing: run `make test`, which builds the app with Trunk first"
    );
    dist
}

/// The host's folder the sub-path site is built for (`make subpath-site`).
pub const SUBPATH: &str = "/cchc/";

/// The site built for [`SUBPATH`] (`make subpath-site`).
pub fn subpath_site() -> PathBuf {
    let site = workspace().join("target/site-cchc");
    assert!(
        site.join("index.html").is_file(),
        "target/site-cchc is missing: run `make test`, which builds it first"
    );
    site
}

/// Snapshots of the shared `tiny` fixture, built once per run by the real
/// pipeline (into `target/`, as a static is never dropped).
pub fn tiny_snapshots() -> &'static Path {
    static DATA: OnceLock<PathBuf> = OnceLock::new();
    DATA.get_or_init(|| {
        let input = workspace().join("../shared/fixtures/tiny/input");
        let out = workspace().join("target/e2e-tiny-snapshots");
        data_pipeline::build::build(&input, &out, &Default::default())
            .expect("the tiny fixture builds");
        out
    })
}

/// Snapshots of the small input across the reorganisation of 1 July 2025
/// (`data-pipeline/tests/pipeline/util/reorganisation.rs`), built once per run.
pub fn reorganisation_snapshots() -> &'static Path {
    static DATA: OnceLock<PathBuf> = OnceLock::new();
    DATA.get_or_init(|| {
        let input = workspace().join("target/e2e-reorganisation-input");
        let _ = std::fs::remove_dir_all(&input);
        use reorganisation::{write_input, AS_OF, CHANGES, DOSSIERS, UNITS};
        write_input(&input, UNITS, CHANGES, &DOSSIERS);
        let out = workspace().join("target/e2e-reorganisation-snapshots");
        let options = data_pipeline::build::Options {
            as_of: AS_OF.parse().ok(),
            ..Default::default()
        };
        data_pipeline::build::build(&input, &out, &options).expect("the input builds");
        out
    })
}

/// Snapshots of the published Đắk Lắk index figures
/// (`data-pipeline/tests/pipeline/util/dak_lak.rs`), built once per run.
pub fn dak_lak_snapshots() -> &'static Path {
    static DATA: OnceLock<PathBuf> = OnceLock::new();
    DATA.get_or_init(|| {
        let input = workspace().join("target/e2e-dak-lak-input");
        let _ = std::fs::remove_dir_all(&input);
        dak_lak::write_input(&input);
        let out = workspace().join("target/e2e-dak-lak-snapshots");
        let options = data_pipeline::build::Options {
            as_of: "2026-11-30".parse().ok(),
            ..Default::default()
        };
        data_pipeline::build::build(&input, &out, &options).expect("the input builds");
        out
    })
}

/// A copy of a built site serving `data` as its snapshots, on its own port.
pub struct Site {
    pub url: String,
    pub root: TempDir,
    /// Off, the server drops every connection unanswered: the network is down.
    online: Arc<AtomicBool>,
}

impl Site {
    /// Serves `dist/` with the given snapshot folder; `edit` may break it.
    pub fn with_data(name: &str, data: &Path, edit: impl FnOnce(&Path)) -> Site {
        Site::published(name, &dist(), "/", data, edit)
    }

    /// Serves `site` in the host's folder `base` (`/cchc/`), with `data`.
    pub fn published(
        name: &str,
        site: &Path,
        base: &str,
        data: &Path,
        edit: impl FnOnce(&Path),
    ) -> Site {
        let root = temp_dir(&format!("site-{name}"));
        let folder = root.join(base.trim_matches('/'));
        copy_dir(site, &folder);
        let _ = std::fs::remove_dir_all(folder.join("data"));
        copy_dir(data, &folder.join("data"));
        edit(&folder.join("data"));
        let online = Arc::new(AtomicBool::new(true));
        let url = serve(root.to_path_buf(), online.clone());
        Site { url, root, online }
    }

    pub fn page(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.url)
    }

    /// Takes the network down (`false`) or up again.
    pub fn set_online(&self, online: bool) {
        self.online.store(online, Ordering::SeqCst);
    }
}

/// A minimal static file server (GET only) with no rewrite rules, as most
/// hosts: a file (its compressed copy where there is one), a folder's
/// `index.html` (a folder without its slash is redirected to it), or the
/// nearest `404.html` with status 404.
fn serve(root: PathBuf, online: Arc<AtomicBool>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if !online.load(Ordering::SeqCst) {
                continue; // dropped: the connection is reset
            }
            let root = root.clone();
            std::thread::spawn(move || respond(stream, &root));
        }
    });
    url
}

fn respond(mut stream: TcpStream, root: &Path) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut accepted = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).map_or(true, |n| n == 0) || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("accept-encoding") {
                accepted = value.to_ascii_lowercase();
            }
        }
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let target = target.split('#').next().unwrap_or("/");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let mut file = root.join(path.trim_start_matches('/'));
    if path.contains("..") {
        file = root.join("..");
    } else if file.is_dir() && !path.ends_with('/') {
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        let head = format!(
            "HTTP/1.1 301 Moved Permanently\r\nLocation: {path}/{query}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        let _ = stream.write_all(head.as_bytes());
        return;
    } else if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, file) = match file.is_file() {
        true => ("200 OK", file),
        false => ("404 Not Found", not_found_page(root, &file)),
    };
    let (encoding, body) = precompressed(&file, &accepted).unwrap_or_else(|| {
        (
            "",
            std::fs::read(&file).unwrap_or_else(|_| b"not found".to_vec()),
        )
    });
    let kind = match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
    let encoding = match encoding {
        "" => String::new(),
        e => format!("Content-Encoding: {e}\r\nVary: Accept-Encoding\r\n"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n{encoding}Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(&body));
}

/// The `.br` or `.gz` copy of `file` that `make site` writes, when the
/// browser accepts it, as a host with nginx's `brotli_static` and
/// `gzip_static` serves it.
fn precompressed(file: &Path, accepted: &str) -> Option<(&'static str, Vec<u8>)> {
    [("br", "br"), ("gzip", "gz")]
        .into_iter()
        .filter(|(name, _)| accepted.contains(name))
        .find_map(|(name, ext)| {
            let copy = file.with_file_name(format!("{}.{ext}", file.file_name()?.to_str()?));
            Some((name, std::fs::read(copy).ok()?))
        })
}

/// The `404.html` of the nearest folder above a missing file (a site's own,
/// under a sub-path), as hosts that honour one serve it.
fn not_found_page(root: &Path, missing: &Path) -> PathBuf {
    (missing.ancestors().skip(1))
        .take_while(|dir| dir.starts_with(root))
        .map(|dir| dir.join("404.html"))
        .find(|page| page.is_file())
        .unwrap_or_default()
}

/// Headless Chromium through its own chromedriver; on drop, the console
/// is read (an error or a warning fails the test, unless the test expects
/// them), the session is ended (so chromedriver quits Chromium), then the
/// driver and the profile go.
pub struct Browser {
    pub client: Client,
    driver: Child,
    port: u16,
    session: Option<String>,
    console_errors_expected: AtomicBool,
    /// Held so that the profile is removed with the browser.
    _profile: TempDir,
}

impl Browser {
    /// A fresh headless Chromium with its own profile. Starting a driver
    /// can fail for reasons outside the test (its port taken between our
    /// choosing it and its binding it): such a start is retried twice.
    pub async fn open(width: u32, height: u32) -> Browser {
        let mut failures = Vec::new();
        for _ in 0..3 {
            match Browser::try_open(width, height).await {
                Ok(browser) => return browser,
                Err(failure) => failures.push(failure),
            }
        }
        panic!("no chromedriver session: {}", failures.join("; "));
    }

    async fn try_open(width: u32, height: u32) -> Result<Browser, String> {
        let (mut driver, port) = start_chromedriver()?;
        let profile = temp_dir(&format!("chromium-{port}"));
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            &format!("--window-size={width},{height}"),
            &format!("--user-data-dir={}", profile.display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({ "args": args }),
        );
        caps.insert(
            "goog:loggingPrefs".into(),
            serde_json::json!({ "browser": "ALL" }),
        );
        let _ = rustls::crypto::ring::default_provider().install_default();
        let connected = ClientBuilder::rustls()
            .map_err(|e| e.to_string())?
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match connected {
            Ok(client) => Ok(Browser {
                session: client.session_id().await.ok().flatten(),
                client,
                driver,
                port,
                console_errors_expected: AtomicBool::new(false),
                _profile: profile,
            }),
            Err(e) => {
                let _ = driver.kill();
                let _ = driver.wait();
                Err(format!("port {port}: {e}"))
            }
        }
    }

    /// For a test that breaks the site on purpose: the console's errors
    /// (a missing file, say) are then what the test expects.
    pub fn expect_console_errors(&self) {
        self.console_errors_expected.store(true, Ordering::SeqCst);
    }

    /// Opens `url` in the browser's window.
    pub async fn visit(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    /// Waits (up to 10 s) for an element by `data-testid` and returns its text.
    pub async fn text_of(&self, test_id: &str) -> String {
        let css = format!("[data-testid=\"{test_id}\"]");
        let element = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(&css))
            .await
            .unwrap_or_else(|e| panic!("no element {css}: {e}"));
        element.text().await.unwrap()
    }

    /// Polls until `check` holds for the text of `test_id` (up to 10 s).
    pub async fn wait_text(&self, test_id: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = self.text_of(test_id).await;
            if check(&text) || Instant::now() > deadline {
                return text;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Picks `value` in the `<select>` with this `data-testid`, as a user would.
    /// Clicks the first element matching the CSS selector `css`.
    pub async fn click(&self, css: &str) {
        let element = self.client.find(Locator::Css(css)).await;
        element.unwrap().click().await.unwrap();
    }

    pub async fn pick(&self, test_id: &str, value: &str) {
        let css = format!("[data-testid=\"{test_id}\"]");
        let select = self.client.find(Locator::Css(&css)).await.unwrap();
        select.select_by_value(value).await.unwrap();
    }

    /// Opens the `<details>` panel with this `data-testid` (once it is on the page).
    pub async fn open_panel(&self, test_id: &str) {
        self.text_of(test_id).await;
        let css = format!("[data-testid=\"{test_id}\"] summary");
        let summary = self.client.find(Locator::Css(&css)).await.unwrap();
        summary.click().await.unwrap();
    }

    /// Waits for the element `css` to be on the page (up to 10 s).
    pub async fn wait_for(&self, css: &str) {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await;
        if let Err(e) = found {
            panic!("{} shows no {css}: {e}", self.url().await);
        }
    }

    pub async fn url(&self) -> String {
        self.client.current_url().await.unwrap().to_string()
    }

    /// Polls until the URL contains `part` (up to 10 s); the URL at the end.
    pub async fn wait_url(&self, part: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let url = self.url().await;
            if url.contains(part) || Instant::now() > deadline {
                return url;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let check =
            !self.console_errors_expected.load(Ordering::SeqCst) && !std::thread::panicking();
        let mut problems = Vec::new();
        if let Some(session) = &self.session {
            if check {
                problems = console_problems(self.port, session);
            }
            end_session(self.port, session);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        assert!(
            problems.is_empty(),
            "the browser console has errors or warnings: {problems:#?}"
        );
    }
}

/// The console's errors and warnings since the session began (every page
/// visited), from chromedriver's log of the browser.
fn console_problems(port: u16, session: &str) -> Vec<String> {
    let response = driver_post(
        port,
        &format!("/session/{session}/se/log"),
        r#"{"type":"browser"}"#,
    );
    let response = match response {
        Ok(response) => response,
        Err(e) => return vec![format!("no console log from chromedriver: {e}")],
    };
    let json = response.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    let log: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let Some(entries) = log["value"].as_array() else {
        return vec![format!("unreadable console log: {response}")];
    };
    entries
        .iter()
        .filter(|e| matches!(e["level"].as_str(), Some("SEVERE" | "WARNING")))
        .map(|e| format!("{}: {}", e["level"], e["message"]))
        .collect()
}

/// POSTs `body` to chromedriver's `path` (a command fantoccini has no
/// method for); the whole response.
fn driver_post(port: u16, path: &str, body: &str) -> std::io::Result<String> {
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(request.as_bytes())?;
    read_response(&mut stream)
}

impl Browser {
    /// Runs a Chrome DevTools Protocol command (`Network.emulateNetworkConditions`
    /// for the benchmark's slow network) through chromedriver.
    pub fn cdp(&self, command: &str, params: serde_json::Value) {
        let session = self.session.as_deref().expect("a session");
        let body = serde_json::json!({ "cmd": command, "params": params }).to_string();
        let response = driver_post(
            self.port,
            &format!("/session/{session}/goog/cdp/execute"),
            &body,
        )
        .unwrap_or_else(|e| panic!("{command}: {e}"));
        assert!(
            response.starts_with("HTTP/1.1 200"),
            "{command}: {response}"
        );
    }
}

/// Ends a WebDriver session, waiting until chromedriver has quit its
/// Chromium. A blocking request, as `drop` cannot await fantoccini's
/// `close`; killing the driver alone would leave Chromium running.
fn end_session(port: u16, session: &str) {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = format!(
        "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_ok() {
        let _ = std::io::copy(&mut stream, &mut std::io::sink());
    }
}

/// An HTTP response, read up to its `Content-Length` (chromedriver may keep
/// the connection open).
fn read_response(stream: &mut TcpStream) -> std::io::Result<String> {
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        head.push_str(&line);
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(format!("{head}\r\n{}", String::from_utf8_lossy(&body)))
}

/// Starts chromedriver on a free port and waits for the line saying it
/// listens. (Probing the port instead can connect a socket to itself on
/// Linux and report a driver that is not there yet.)
fn start_chromedriver() -> Result<(Child, u16), String> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let mut driver = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is installed (`make browser`)");
    let stdout = driver.stdout.take().expect("piped stdout");
    let (ready, started) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut ready = Some(ready);
        // Reads to the end, so the driver never blocks on a full pipe.
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("started successfully") {
                if let Some(ready) = ready.take() {
                    let _ = ready.send(());
                }
            }
        }
    });
    match started.recv_timeout(Duration::from_secs(20)) {
        Ok(()) => Ok((driver, port)),
        Err(_) => {
            let _ = driver.kill();
            let status = driver.wait().map(|s| s.to_string()).unwrap_or_default();
            Err(format!(
                "chromedriver did not start on port {port} ({status})"
            ))
        }
    }
}

/// A rate as the Vietnamese pages show it (`83,3 %`), or their "no data".
/// Written out here from the spec, independently of the app's formatter.
pub fn vi_percent(rate: Option<f64>) -> String {
    match rate {
        Some(r) => format!("{:.1} %", r * 100.0).replace('.', ","),
        None => "Chưa có số liệu".into(),
    }
}

/// Reads a JSON file of a snapshot folder.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let mut text = String::new();
    std::fs::File::open(path)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

// ---------------------------------------------------------------------------
// Accessibility and keyboard helpers (axe-core, key presses, focus).
// ---------------------------------------------------------------------------

/// One axe-core rule violation: the rule, its impact and the nodes it hit.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct AxeViolation {
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: Option<String>,
    pub help: String,
    /// CSS selectors of the offending nodes, with axe's summary of each.
    pub nodes: Vec<String>,
}

impl AxeViolation {
    /// Serious and critical violations fail the tests.
    pub fn is_blocking(&self) -> bool {
        matches!(self.impact.as_deref(), Some("serious" | "critical"))
    }
}

/// axe-core's source, as `make browser` installs it under `.tools/`
/// (or the file named by `AXE_JS`).
pub fn axe_source() -> String {
    let path = std::env::var_os("AXE_JS").map_or_else(
        || workspace().join(".tools/node_modules/axe-core/axe.min.js"),
        PathBuf::from,
    );
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("axe-core at {} (`make browser`): {e}", path.display()))
}

impl Browser {
    /// Injects axe-core into the current page and runs it against the WCAG
    /// 2.0–2.2 A/AA rules and axe's best practices; returns every violation.
    pub async fn axe(&self) -> Vec<AxeViolation> {
        self.client
            .execute(&axe_source(), vec![])
            .await
            .expect("axe-core injects");
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
              .then(r => done(r.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '')) }))))
              .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));
        "#;
        let result = self
            .client
            .execute_async(script, vec![])
            .await
            .expect("axe.run answers");
        serde_json::from_value(result).expect("axe violations")
    }

    /// Presses and releases one key (a character or a `fantoccini::key::Key`).
    pub async fn press(&self, key: impl Into<char>) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let value = key.into();
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value })
            .then(KeyAction::Up { value });
        self.client
            .perform_actions(actions)
            .await
            .expect("a key press");
    }

    /// Presses Tab until `check` holds for the focused element's outer HTML
    /// (at most `limit` times); returns that HTML, or panics.
    pub async fn tab_to(&self, limit: usize, check: impl Fn(&str) -> bool) -> String {
        for _ in 0..limit {
            self.press(fantoccini::key::Key::Tab).await;
            let html = self.focused_html().await;
            if check(&html) {
                return html;
            }
        }
        panic!("no element matched after {limit} Tab presses");
    }

    /// The outer HTML of the focused element.
    pub async fn focused_html(&self) -> String {
        let value = self
            .client
            .execute(
                "return document.activeElement ? document.activeElement.outerHTML : ''",
                vec![],
            )
            .await
            .unwrap();
        value.as_str().unwrap_or_default().to_string()
    }
}

// ---- scripts (briefing tests) ----

impl Browser {
    /// Runs a script in the page (`return …` gives the value back).
    pub async fn script(&self, js: &str) -> serde_json::Value {
        self.client.execute(js, Vec::new()).await.unwrap()
    }

    /// Resizes the window so that the page's viewport (`innerWidth` ×
    /// `innerHeight`) is exactly `width` × `height`: `--window-size` sizes
    /// the whole window, browser frame included.
    pub async fn set_viewport(&self, width: u32, height: u32) {
        for _ in 0..4 {
            let inner = self.script("return [innerWidth, innerHeight]").await;
            let (w, h) = (inner[0].as_i64().unwrap(), inner[1].as_i64().unwrap());
            if (w, h) == (width as i64, height as i64) {
                return;
            }
            let (_, _, ow, oh) = self.client.get_window_rect().await.unwrap();
            let ow = ow as i64 + width as i64 - w;
            let oh = oh as i64 + height as i64 - h;
            self.client
                .set_window_size(ow as u32, oh as u32)
                .await
                .unwrap();
        }
        panic!("could not make the viewport {width}×{height}");
    }
}
