//! Loading the snapshot files (manifest, unit tree, one province's
//! indicators) and the unit-tree look-ups every view needs.
//!
//! Every failure becomes a [`LoadError`] that names the file, so the page
//! can say what went wrong instead of going blank.

use crate::i18n::{Lang, Text};
use contract::{files, Level, Manifest, ProvinceSnapshot, UnitInfo, SCHEMA_VERSION};
use files::MANIFEST;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;

/// Folder of the snapshots, relative to the page's `<base href>`.
pub const DATA_DIR: &str = "data/";

/// Why the data could not be shown.
#[derive(Clone, Debug, PartialEq)]
// Only the wasm fetch constructs `Http`; the native build (tests) does not.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub enum LoadError {
    /// The server answered with an error status (404 for a missing file).
    Http { file: String, status: u16 },
    /// The request itself failed (offline, blocked).
    Network { file: String, message: String },
    /// The file is not the JSON the contract describes.
    Malformed { file: String, message: String },
    /// The file was written for another version of the contract.
    Schema {
        file: String,
        found: u32,
        expected: u32,
    },
    /// The file's SHA-256 differs from the manifest's (`listed`), or the
    /// manifest does not list it at all: the set is not one pipeline run's.
    Inconsistent { file: String, listed: bool },
}

impl LoadError {
    /// The user-facing message, naming the file.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            LoadError::Http { file, status } => {
                format!("{}: {file} (HTTP {status})", Text::LoadFailed.get(lang))
            }
            LoadError::Network { file, message } => {
                format!("{}: {file} ({message})", Text::LoadFailed.get(lang))
            }
            LoadError::Malformed { file, message } => {
                format!("{}: {file} ({message})", Text::Malformed.get(lang))
            }
            LoadError::Schema {
                file,
                found,
                expected,
            } => match lang {
                Lang::Vi => format!(
                    "{}: {file} có phiên bản {found}, ứng dụng cần phiên bản {expected}",
                    Text::SchemaMismatch.get(lang)
                ),
                Lang::En => format!(
                    "{}: {file} has schema version {found}, this app reads version {expected}",
                    Text::SchemaMismatch.get(lang)
                ),
            },
            LoadError::Inconsistent { file, listed } => {
                let head = Text::Inconsistent.get(lang);
                let tail = Text::ReloadHint.get(lang);
                match (lang, listed) {
                    (Lang::Vi, true) => {
                        format!("{head}: {file} không khớp mã băm trong {MANIFEST} ({tail}).")
                    }
                    (Lang::Vi, false) => {
                        format!("{head}: {file} không có trong {MANIFEST} ({tail}).")
                    }
                    (Lang::En, true) => {
                        format!("{head}: {file} does not match its hash in {MANIFEST} ({tail}).")
                    }
                    (Lang::En, false) => {
                        format!("{head}: {file} is not listed in {MANIFEST} ({tail}).")
                    }
                }
            }
        }
    }
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
            file: format!("{DATA_DIR}{file}"),
            listed: entry.is_some(),
        }),
    }
}

/// Just the version field, read before the rest so a newer file is reported
/// as a version mismatch rather than as malformed.
#[derive(Deserialize)]
struct Versioned {
    schema_version: u32,
}

/// Parses a versioned snapshot file, checking `schema_version` first.
pub fn parse_versioned<T: DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<T, LoadError> {
    let malformed = |e: serde_json::Error| LoadError::Malformed {
        file: file.to_string(),
        message: e.to_string(),
    };
    let version: Versioned = serde_json::from_slice(bytes).map_err(malformed)?;
    if version.schema_version != SCHEMA_VERSION {
        return Err(LoadError::Schema {
            file: file.to_string(),
            found: version.schema_version,
            expected: SCHEMA_VERSION,
        });
    }
    serde_json::from_slice(bytes).map_err(malformed)
}

/// Parses an unversioned file (`units.json`).
pub fn parse_plain<T: DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<T, LoadError> {
    serde_json::from_slice(bytes).map_err(|e| LoadError::Malformed {
        file: file.to_string(),
        message: e.to_string(),
    })
}

/// The manifest and the unit tree: everything the page needs before it
/// knows which province file to load.
#[derive(Debug, PartialEq)]
pub struct Base {
    pub manifest: Manifest,
    pub units: Vec<UnitInfo>,
    index: HashMap<String, usize>,
    /// Positions of each unit's children in `units`, in file order, so that
    /// look-ups stay instant with the whole country's units (thousands).
    children: HashMap<String, Vec<usize>>,
}

impl Base {
    pub fn new(manifest: Manifest, units: Vec<UnitInfo>) -> Base {
        let index = units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.code.clone(), i))
            .collect();
        let mut children: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            if let Some(parent) = &u.parent {
                children.entry(parent.clone()).or_default().push(i);
            }
        }
        Base {
            manifest,
            units,
            index,
            children,
        }
    }

    pub fn unit(&self, code: &str) -> Option<&UnitInfo> {
        self.index.get(code).map(|&i| &self.units[i])
    }

    /// The unit shown when the URL names none: the first province.
    pub fn default_unit(&self) -> Option<&UnitInfo> {
        self.units
            .iter()
            .find(|u| u.level == Level::Province)
            .or(self.units.first())
    }

    /// Units directly below `code`, in file order.
    pub fn children(&self, code: &str) -> Vec<&UnitInfo> {
        self.children.get(code).map_or_else(Vec::new, |kids| {
            kids.iter().map(|&i| &self.units[i]).collect()
        })
    }

    /// The units to rank for a unit: its children, or, for a unit without
    /// children (a commune), its siblings, so a commune sees where it stands
    /// among its peers. The flag is true for siblings.
    pub fn ranked_units(&self, code: &str) -> (Vec<&UnitInfo>, bool) {
        let children = self.children(code);
        if !children.is_empty() {
            return (children, false);
        }
        let parent = self.unit(code).and_then(|u| u.parent.as_deref());
        (parent.map(|p| self.children(p)).unwrap_or_default(), true)
    }

    /// The unit and its parents, root first: the breadcrumb.
    pub fn ancestors(&self, code: &str) -> Vec<&UnitInfo> {
        let mut chain = Vec::new();
        let mut next = self.unit(code);
        while let Some(unit) = next {
            if chain.iter().any(|u: &&UnitInfo| u.code == unit.code) {
                break; // a cycle in bad data must not hang the page
            }
            chain.push(unit);
            next = unit.parent.as_deref().and_then(|p| self.unit(p));
        }
        chain.reverse();
        chain
    }

    /// Every unit in tree order with its depth, for the area picker.
    pub fn tree(&self) -> Vec<(&UnitInfo, usize)> {
        let mut out = Vec::with_capacity(self.units.len());
        let roots = self
            .units
            .iter()
            .filter(|u| u.parent.as_deref().is_none_or(|p| self.unit(p).is_none()));
        for root in roots {
            self.walk(root, 0, &mut out);
        }
        out
    }

    fn walk<'a>(&'a self, unit: &'a UnitInfo, depth: usize, out: &mut Vec<(&'a UnitInfo, usize)>) {
        if out.len() > self.units.len() {
            return; // cycle guard
        }
        out.push((unit, depth));
        for child in self.children(&unit.code) {
            self.walk(child, depth + 1, out);
        }
    }
}

/// Fetches one file of [`DATA_DIR`] as bytes (its hash is checked on
/// exactly what was served).
#[cfg(target_arch = "wasm32")]
async fn fetch_bytes(file: &str) -> Result<Vec<u8>, LoadError> {
    let url = format!("{DATA_DIR}{file}");
    let network = |e: gloo_net::Error| LoadError::Network {
        file: url.clone(),
        message: e.to_string(),
    };
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Http {
            file: url,
            status: response.status(),
        });
    }
    response.binary().await.map_err(network)
}

#[cfg(not(target_arch = "wasm32"))]
async fn fetch_bytes(file: &str) -> Result<Vec<u8>, LoadError> {
    Err(LoadError::Network {
        file: format!("{DATA_DIR}{file}"),
        message: "no browser".into(),
    })
}

/// Loads `manifest.json` and `units.json`, checking the latter's hash.
///
/// Each file is parsed before its hash is checked, so a file that is not
/// JSON or has another schema version gets that more specific message; the
/// hash catches a well-formed file of another pipeline run.
pub async fn load_base() -> Result<Arc<Base>, LoadError> {
    let manifest_bytes = fetch_bytes(files::MANIFEST).await?;
    let manifest: Manifest =
        parse_versioned(&format!("{DATA_DIR}{}", files::MANIFEST), &manifest_bytes)?;
    let units_bytes = fetch_bytes(files::UNITS).await?;
    let units: Vec<UnitInfo> = parse_plain(&format!("{DATA_DIR}{}", files::UNITS), &units_bytes)?;
    verify(&manifest, files::UNITS, &units_bytes)?;
    Ok(Arc::new(Base::new(manifest, units)))
}

/// Loads one province's indicator file, checking its hash against `manifest`.
pub async fn load_province(
    manifest: &Manifest,
    code: String,
) -> Result<Arc<ProvinceSnapshot>, LoadError> {
    let file = ProvinceSnapshot::file_name(&code);
    let bytes = fetch_bytes(&file).await?;
    let snapshot = parse_versioned(&format!("{DATA_DIR}{file}"), &bytes)?;
    verify(manifest, &file, &bytes)?;
    Ok(Arc::new(snapshot))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use contract::Counts;

    pub fn unit(code: &str, level: Level, parent: Option<&str>) -> UnitInfo {
        UnitInfo {
            code: code.into(),
            name: format!("Unit {code}"),
            level,
            parent: parent.map(Into::into),
            province: "01".into(),
        }
    }

    pub fn manifest() -> Manifest {
        serde_json::from_str(&format!(
            r#"{{"schema_version":{SCHEMA_VERSION},"generated_at":"2024-03-01T00:00:00Z",
            "first_month":"2023-01","last_month":"2024-02","as_of":"2024-02-29",
            "source":"Test","sample":true,"inputs":[],"outputs":[],
            "targets":{{"on_time_rate":1.0,"satisfaction_rate":0.9,"online_share":0.5,"apology_rate":1.0,"source":""}},
            "count_fields":[]}}"#
        ))
        .unwrap()
    }

    /// A province file "01" whose units have the given monthly records from `first` on.
    pub fn snapshot(first: &str, units: Vec<(&str, Vec<Counts>)>) -> ProvinceSnapshot {
        ProvinceSnapshot {
            schema_version: SCHEMA_VERSION,
            province: "01".into(),
            first_month: contract::Month::parse(first).unwrap(),
            units: units
                .into_iter()
                .map(|(code, months)| {
                    let series = contract::UnitSeries {
                        months,
                        ..Default::default()
                    };
                    (code.to_string(), series)
                })
                .collect(),
        }
    }

    pub fn base() -> Base {
        Base::new(
            manifest(),
            vec![
                unit("01", Level::Province, None),
                unit("001", Level::District, Some("01")),
                unit("0001", Level::Commune, Some("001")),
                unit("002", Level::District, Some("01")),
                unit("0002", Level::Commune, Some("01")),
            ],
        )
    }

    #[test]
    fn tree_lookups() {
        let b = base();
        assert_eq!(b.default_unit().unwrap().code, "01");
        let kids: Vec<_> = b.children("01").iter().map(|u| u.code.as_str()).collect();
        assert_eq!(kids, ["001", "002", "0002"]);
        let crumbs: Vec<_> = b
            .ancestors("0001")
            .iter()
            .map(|u| u.code.as_str())
            .collect();
        assert_eq!(crumbs, ["01", "001", "0001"]);
        let tree: Vec<_> = b
            .tree()
            .iter()
            .map(|(u, d)| (u.code.as_str(), *d))
            .collect();
        assert_eq!(
            tree,
            [("01", 0), ("001", 1), ("0001", 2), ("002", 1), ("0002", 1)]
        );
        assert!(b.unit("x").is_none());
        let (peers, siblings) = b.ranked_units("0001");
        assert!(siblings);
        assert_eq!(
            peers.iter().map(|u| u.code.as_str()).collect::<Vec<_>>(),
            ["0001"]
        );
        let (kids, siblings) = b.ranked_units("001");
        assert!(!siblings);
        assert_eq!(kids.len(), 1);
    }

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
