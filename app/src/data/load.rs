//! Fetching the snapshot files (manifest, unit tree, one province's
//! indicators or index) with their checks: the schema version first, then each
//! file's SHA-256 against the manifest, so a page never mixes two runs.

use super::error::LoadError;
use super::units::Base;
use crate::perf::next_task;
#[cfg(feature = "on-demand")]
use contract::index766::{IndexSnapshot, ProvincesSnapshot};
use contract::{files, Manifest, ProvinceSnapshot, UnitInfo, Versioned, SCHEMA_VERSION};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::sync::Arc;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsCast;

/// Folder of the snapshots, relative to the page's `<base href>`.
const DATA_DIR: &str = "data/";

/// The path of a snapshot file (as the manifest names it) from the page:
/// `data/units.json`.
pub fn data_path(file: &str) -> String {
    format!("{DATA_DIR}{file}")
}

/// The SHA-256 of `bytes` in lower-case hex, as the manifest writes it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for byte in digest {
        out.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(byte & 15), 16).unwrap_or('0'));
    }
    out
}

/// Checks the bytes received for `file` (a path inside [`DATA_DIR`], as the
/// manifest's `outputs` name it) against the manifest's SHA-256, so a page
/// never mixes files of two pipeline runs (a deploy in progress, a stale cache).
pub fn verify(manifest: &Manifest, file: &str, bytes: &[u8]) -> Result<(), LoadError> {
    let entry = manifest.outputs.iter().find(|o| o.file == file);
    match entry {
        Some(entry) if entry.sha256.eq_ignore_ascii_case(&sha256_hex(bytes)) => Ok(()),
        _ => Err(LoadError::Inconsistent {
            file: data_path(file),
            listed: entry.is_some(),
        }),
    }
}

/// Just the version field, read on its own only to explain a file that does
/// not parse: a newer file is reported as a version mismatch rather than as
/// malformed.
#[derive(Deserialize)]
struct VersionOnly {
    schema_version: u32,
}

/// Parses a versioned snapshot file and checks its `schema_version`. The
/// file is parsed once when it is well formed (the common case: a province
/// file is 100–150 KB, parsed on the page's first load).
pub fn parse_versioned<T: DeserializeOwned + Versioned>(
    file: &str,
    bytes: &[u8],
) -> Result<T, LoadError> {
    let parsed = serde_json::from_slice::<T>(bytes);
    let found = match &parsed {
        Ok(snapshot) => Some(snapshot.schema_version()),
        Err(_) => serde_json::from_slice::<VersionOnly>(bytes)
            .ok()
            .map(|v| v.schema_version),
    };
    match found {
        Some(found) if found != SCHEMA_VERSION => Err(LoadError::Schema {
            file: file.to_string(),
            found,
            expected: SCHEMA_VERSION,
        }),
        _ => parsed.map_err(|e| LoadError::Malformed {
            file: file.to_string(),
            message: e.to_string(),
        }),
    }
}

/// Parses an unversioned file (`units.json`).
pub fn parse_plain<T: DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<T, LoadError> {
    serde_json::from_slice(bytes).map_err(|e| LoadError::Malformed {
        file: file.to_string(),
        message: e.to_string(),
    })
}

/// A file as served: its bytes, and whether the site's service worker
/// answered with the copy it kept (the network failed: `public/sw.js`).
struct Fetched {
    bytes: Vec<u8>,
    offline: bool,
}

/// Fetches one file of [`DATA_DIR`] as bytes (its hash is checked on
/// exactly what was served): the browser's `fetch`, read with gloo-net
/// (its request builder would cost the first load 1.5 KB of wasm).
#[cfg(target_arch = "wasm32")]
async fn fetch_bytes(file: &str) -> Result<Fetched, LoadError> {
    let url = data_path(file);
    let network = |e: gloo_net::Error| LoadError::Network {
        file: url.clone(),
        message: e.to_string(),
    };
    // The page's script may have started this fetch already (`early`).
    let started = early(file).unwrap_or_else(|| web_sys::window().unwrap().fetch_with_str(&url));
    let response = wasm_bindgen_futures::JsFuture::from(started)
        .await
        .map(|r| gloo_net::http::Response::from(r.unchecked_into::<web_sys::Response>()))
        .map_err(|e| LoadError::Network {
            file: url.clone(),
            message: e.unchecked_into::<js_sys::Error>().message().into(),
        })?;
    if !response.ok() {
        return Err(LoadError::Http {
            file: url,
            status: response.status(),
        });
    }
    let offline = response.headers().get("x-par-offline").is_some();
    let bytes = response.binary().await.map_err(network)?;
    Ok(Fetched { bytes, offline })
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The fetch of a file that the waiting page's script started before
    /// the app ran (`public/shell.js`), taken out so that a later load of
    /// the file asks the network afresh (`index.html` and `on-demand.html`
    /// both inline the script).
    #[wasm_bindgen(js_name = parTake)]
    fn early(file: &str) -> Option<js_sys::Promise>;
}

#[cfg(not(target_arch = "wasm32"))]
async fn fetch_bytes(file: &str) -> Result<Fetched, LoadError> {
    Err(LoadError::Network {
        file: data_path(file),
        message: "no browser".into(),
    })
}

/// Loads `manifest.json` and `units.json`, checking the latter's hash.
///
/// Each file is parsed before its hash is checked, so a file that is not
/// JSON or has another schema version gets that more specific message; the
/// hash catches a well-formed file of another pipeline run.
pub async fn load_base() -> Result<Arc<Base>, LoadError> {
    let fetched = fetch_bytes(files::MANIFEST).await?;
    let manifest: Manifest = parse_versioned(&data_path(files::MANIFEST), &fetched.bytes)?;
    let units_bytes = fetch_bytes(files::UNITS).await?.bytes;
    let units: Vec<UnitInfo> = parse_plain(&data_path(files::UNITS), &units_bytes)?;
    // Parsing, then hashing and indexing, a task each (see `load_versioned`).
    next_task().await;
    verify(&manifest, files::UNITS, &units_bytes)?;
    let mut base = Base::new(manifest, units);
    base.offline = fetched.offline;
    next_task().await;
    Ok(Arc::new(base))
}

/// Loads one province's indicator file, checking its hash against `manifest`.
pub async fn load_province(
    manifest: &Manifest,
    code: String,
) -> Result<Arc<ProvinceSnapshot>, LoadError> {
    load_versioned(manifest, ProvinceSnapshot::file_name(&code)).await
}

/// Loads one province's file of the 766 index (only the index page does).
#[cfg(feature = "on-demand")]
pub async fn load_index(
    manifest: &Manifest,
    code: String,
) -> Result<Arc<IndexSnapshot>, LoadError> {
    load_versioned(manifest, IndexSnapshot::file_name(&code)).await
}

/// Loads every province's index and indicator series, to rank provinces.
#[cfg(feature = "on-demand")]
pub async fn load_provinces(manifest: &Manifest) -> Result<Arc<ProvincesSnapshot>, LoadError> {
    load_versioned(manifest, ProvincesSnapshot::FILE.to_string()).await
}

async fn load_versioned<T: DeserializeOwned + Versioned>(
    manifest: &Manifest,
    file: String,
) -> Result<Arc<T>, LoadError> {
    let bytes = fetch_bytes(&file).await?.bytes;
    let snapshot = parse_versioned(&data_path(&file), &bytes)?;
    // Parsing, hashing and the page drawn from the file are a task each, so
    // that no task of a page's first load is long (Lighthouse's blocking time).
    next_task().await;
    verify(manifest, &file, &bytes)?;
    next_task().await;
    Ok(Arc::new(snapshot))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::test_support::manifest;

    #[test]
    fn errors_name_the_file() {
        let e = parse_versioned::<Manifest>("data/manifest.json", b"{not json").unwrap_err();
        assert!(matches!(e, LoadError::Malformed { .. }));
        assert!(e.message(Lang::Vi).contains("data/manifest.json"));
        let e = parse_versioned::<Manifest>("data/manifest.json", br#"{"schema_version":99}"#)
            .unwrap_err();
        assert_eq!(
            e,
            LoadError::Schema {
                file: "data/manifest.json".into(),
                found: 99,
                expected: SCHEMA_VERSION
            }
        );
        assert!(e.message(Lang::En).contains("99"));
        let e = LoadError::Http {
            file: "data/manifest.json".into(),
            status: 404,
        };
        assert_eq!(
            e.message(Lang::Vi),
            "Không tải được dữ liệu: data/manifest.json (HTTP 404)"
        );
        let ok = parse_versioned::<Manifest>("m", &serde_json::to_vec(&manifest()).unwrap());
        assert!(ok.is_ok());
        // Well formed, of an older version.
        let old = Manifest {
            schema_version: 1,
            ..manifest()
        };
        let e = parse_versioned::<Manifest>("m", &serde_json::to_vec(&old).unwrap()).unwrap_err();
        assert!(matches!(e, LoadError::Schema { found: 1, .. }));
    }

    #[test]
    fn sha256_is_lower_case_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn files_must_match_the_manifest() {
        use contract::FileEntry;
        let body = br#"{"schema_version":1}"#;
        let mut m = manifest();
        m.outputs = vec![
            FileEntry {
                file: "units.json".into(),
                sha256: sha256_hex(b"[]"),
            },
            FileEntry {
                file: "indicators/01.json".into(),
                sha256: sha256_hex(body).to_uppercase(),
            },
        ];
        assert_eq!(verify(&m, "units.json", b"[]"), Ok(()));
        assert_eq!(verify(&m, "indicators/01.json", body), Ok(()));
        // One byte changed, still valid JSON.
        let e = verify(&m, "indicators/01.json", br#"{"schema_version":2}"#).unwrap_err();
        assert_eq!(
            e,
            LoadError::Inconsistent {
                file: "data/indicators/01.json".into(),
                listed: true
            }
        );
        assert_eq!(
            e.message(Lang::Vi),
            "Dữ liệu không nhất quán: data/indicators/01.json không khớp mã băm trong \
             manifest.json (có thể đang được cập nhật; hãy tải lại trang)."
        );
        assert_eq!(
            e.message(Lang::En),
            "Inconsistent data: data/indicators/01.json does not match its hash in \
             manifest.json (the data may be being updated; reload the page)."
        );
        let e = verify(&m, "indicators/02.json", body).unwrap_err();
        assert_eq!(
            e,
            LoadError::Inconsistent {
                file: "data/indicators/02.json".into(),
                listed: false
            }
        );
        assert!(e
            .message(Lang::Vi)
            .contains("data/indicators/02.json không có trong"));
        assert!(e
            .message(Lang::En)
            .contains("is not listed in manifest.json"));
    }
}
