//! `revisions.csv`: every published figure a build changed. Before the new
//! set is written, its monthly figures are compared with the
//! `indicators.csv` published in the output folder (when it matches its
//! manifest); each changed unit × month × field is added to the rows of
//! the previous `revisions.csv`, which are carried over whole: a revision
//! note is never withdrawn. Province snapshots carry their units' rows so
//! the dashboard can mark revised figures.

use super::own_months;
use crate::compute::Computed;
use crate::error::{io, Error};
use crate::read::hex;
use crate::validate::Units;
use chrono::NaiveDate;
use contract::{files, Count, Manifest, Month, Revision};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The revisions of the set being written.
#[derive(Debug, Default)]
pub struct Revisions {
    /// Every revision, the earliest builds' first.
    pub rows: Vec<Revision>,
    /// How many of them this build found.
    pub found: usize,
    /// Why this build's figures were not compared, when they could not be.
    pub not_compared: Option<String>,
}

/// The revisions of the figures `computed` (whose `indicators.csv` text
/// is `open_data`) against those published in `out`, dated `on`. No
/// previous set (a first build) has none. A previous `revisions.csv` that
/// is missing or altered is an error, since writing the set would lose
/// earlier revisions; an altered `indicators.csv` only stops the
/// comparison, and the report says so.
pub fn find(
    out: &Path,
    open_data: &str,
    units: &Units,
    computed: &Computed,
    on: NaiveDate,
) -> Result<Revisions, Error> {
    let Some(manifest) = previous_manifest(out)? else {
        return Ok(Revisions::default());
    };
    let mut rows = match published(out, &manifest, files::REVISIONS_CSV) {
        Ok(Some(text)) => read(&text).map_err(|e| io(&out.join(files::REVISIONS_CSV), e))?,
        Ok(None) if manifest.revisions == 0 => Vec::new(),
        Ok(None) | Err(_) => {
            let path = out.join(files::REVISIONS_CSV);
            return Err(io(
                &path,
                "missing or changed since the last build (its SHA-256 differs from manifest.json); \
                 restore it from a backup: the revisions of earlier builds would be lost",
            ));
        }
    };
    let mut revisions = Revisions::default();
    // The same table again (a rebuild of the same input) changes nothing.
    let unchanged =
        std::fs::read(out.join(files::INDICATORS_CSV)).is_ok_and(|old| old == open_data.as_bytes());
    if !unchanged {
        match published(out, &manifest, files::INDICATORS_CSV) {
            Ok(Some(old)) => {
                let found = compare(&old, open_data, units, computed, on);
                revisions.found = found.len();
                rows.extend(found);
            }
            Ok(None) => revisions.not_compared = Some("it has no indicators.csv".into()),
            Err(reason) => revisions.not_compared = Some(reason),
        }
    }
    revisions.rows = rows;
    Ok(revisions)
}

/// The manifest of the set in `out`, if there is one.
fn previous_manifest(out: &Path) -> Result<Option<Manifest>, Error> {
    let path = out.join(files::MANIFEST);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(&path, e)),
    };
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| io(&path, format!("not a snapshot manifest ({e})")))
}

/// The text of the published file `name`: `None` when the manifest does
/// not list it, an error when it is gone or its hash differs.
fn published(out: &Path, manifest: &Manifest, name: &str) -> Result<Option<String>, String> {
    let Some(entry) = manifest.outputs.iter().find(|o| o.file == name) else {
        return Ok(None);
    };
    let bytes = std::fs::read(out.join(name)).map_err(|e| format!("{name}: {e}"))?;
    if hex(&Sha256::digest(&bytes)) != entry.sha256 {
        return Err(format!("{name} differs from manifest.json"));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("{name} is not UTF-8"))
}

/// Every figure of the old `indicators.csv` text that `computed` (whose
/// text is `new`) changes, in the order of the new rows (a row the new set
/// no longer has, last). The old rows stay slices of the text, indexed by
/// unit code and month, and only a row whose text differs from its new
/// one is split into figures: the comparison costs a fraction of the
/// build at national scale.
fn compare(
    old: &str,
    new: &str,
    units: &Units,
    computed: &Computed,
    on: NaiveDate,
) -> Vec<Revision> {
    let mut records = raw_records(old);
    let header: Vec<Cow<str>> = records
        .next()
        .map(|r| cells(r).collect())
        .unwrap_or_default();
    let at = |name: &str| header.iter().position(|h| h == name);
    let (Some(code_at), Some(month_at)) = (at("unit_code"), at("month")) else {
        return Vec::new();
    };
    let fields: Vec<(usize, Count)> = (header.iter().enumerate())
        .filter_map(|(i, h)| Some((i, Count::named(h)?)))
        .collect();
    let mut rows: HashMap<(Cow<str>, Month), (usize, &str)> = records
        .enumerate()
        .filter_map(|(order, record)| {
            let mut key: Vec<Cow<str>> = cells(record).take(code_at.max(month_at) + 1).collect();
            let month = Month::parse(key.get(month_at)?)?;
            let code = std::mem::take(key.get_mut(code_at)?);
            Some(((code, month), (order, record)))
        })
        .collect();
    let values = |record: &str| -> Vec<Option<u64>> {
        let cells: Vec<Cow<str>> = cells(record).collect();
        let cell = |i: usize| cells.get(i).and_then(|v| v.parse::<u64>().ok());
        fields.iter().map(|&(i, _)| cell(i)).collect()
    };
    let revision = |unit: &str, month, field, old, new| Revision {
        unit: unit.to_string(),
        month,
        field,
        old,
        new,
        on,
    };
    let mut found = Vec::new();
    // `new` has a row for each of these, in this order (`indicators_csv`).
    let mut new_records = raw_records(new).skip(1);
    for (u, unit) in units.list.iter().enumerate() {
        let code = Cow::Borrowed(unit.code.as_str());
        for (month, counts) in own_months(unit, &computed.series[u], computed) {
            let new_record = new_records.next();
            let Some((_, record)) = rows.remove(&(code.clone(), month)) else {
                continue;
            };
            if new_record == Some(record) {
                continue;
            }
            for (&(_, field), was) in fields.iter().zip(values(record)) {
                if was != counts[field] {
                    found.push(revision(&unit.code, month, field, was, counts[field]));
                }
            }
        }
    }
    let mut gone: Vec<_> = rows.into_iter().collect();
    gone.sort_by_key(|(_, (order, _))| *order);
    for ((code, month), (_, record)) in gone {
        for (&(_, field), was) in fields.iter().zip(values(record)) {
            if was.is_some() {
                found.push(revision(&code, month, field, was, None));
            }
        }
    }
    found
}

/// The rows of a `revisions.csv` text.
fn read(text: &str) -> Result<Vec<Revision>, String> {
    let mut records = parse_csv(text).into_iter();
    if records.next().as_deref() != Some(&Revision::COLUMNS.map(String::from)[..]) {
        return Err(format!("the header is not {}", Revision::COLUMNS.join(",")));
    }
    records
        .enumerate()
        .map(|(i, row)| revision(&row).ok_or_else(|| format!("line {}: not a revision", i + 2)))
        .collect()
}

fn revision(row: &[String]) -> Option<Revision> {
    let [unit, month, field, old, new, on] = row else {
        return None;
    };
    let value = |v: &String| match v.as_str() {
        "" => Some(None),
        v => v.parse().ok().map(Some),
    };
    Some(Revision {
        unit: unit.clone(),
        month: Month::parse(month)?,
        field: Count::named(field)?,
        old: value(old)?,
        new: value(new)?,
        on: on.parse().ok()?,
    })
}

/// The text of `revisions.csv`: a header, then one row per revision.
pub fn csv(rows: &[Revision]) -> String {
    let mut out = Revision::COLUMNS.join(",");
    out.push('\n');
    let cell = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    for r in rows {
        let line = [
            super::csv_cell(&r.unit),
            r.month.to_string(),
            r.field.name().to_string(),
            cell(r.old),
            cell(r.new),
            r.on.to_string(),
        ];
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// The revisions of each province version's units, by the province's id,
/// with each unit named by the version its code meant in that month. A
/// code no unit has in that month (a unit since removed from the list) is
/// left to `revisions.csv`.
pub fn by_province(rows: &[Revision], units: &Units) -> BTreeMap<String, Vec<Revision>> {
    let mut provinces: BTreeMap<String, Vec<Revision>> = BTreeMap::new();
    for r in rows {
        let Some(u) = units.version_at(&r.unit, r.month.index()) else {
            continue;
        };
        let province = units.list[units.province(u)].id.clone();
        let unit = units.list[u].id.clone();
        provinces
            .entry(province)
            .or_default()
            .push(Revision { unit, ..r.clone() });
    }
    provinces
}

/// The records of CSV text (after a byte-order mark), each as its raw
/// text: a record ends at a line break outside quotes, so a quoted cell
/// may hold commas, quotes and line breaks.
fn raw_records(text: &str) -> impl Iterator<Item = &str> {
    let text = text.trim_start_matches('\u{feff}');
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut quoted = false;
        let end = rest
            .bytes()
            .position(|b| {
                quoted ^= b == b'"';
                b == b'\n' && !quoted
            })
            .unwrap_or(rest.len());
        let record = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        Some(record.strip_suffix('\r').unwrap_or(record))
    })
}

/// The cells of one record, unquoted (borrowed unless a cell has a
/// doubled quote).
fn cells(record: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let mut rest = Some(record);
    std::iter::from_fn(move || {
        let text = rest?;
        let mut quoted = false;
        let end = text.bytes().position(|b| {
            quoted ^= b == b'"';
            b == b',' && !quoted
        });
        let (cell, next) = match end {
            Some(end) => (&text[..end], Some(&text[end + 1..])),
            None => (text, None),
        };
        rest = next;
        Some(unquote(cell))
    })
}

fn unquote(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
        Some(inner) if inner.contains('"') => Cow::Owned(inner.replace("\"\"", "\"")),
        Some(inner) => Cow::Borrowed(inner),
        None => Cow::Borrowed(cell),
    }
}

/// Parses CSV text (quoted cells with doubled quotes, line breaks inside
/// quotes, CRLF, a byte-order mark) into rows of cells: enough for the
/// files this pipeline writes.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let row = |record| cells(record).map(Cow::into_owned).collect();
    raw_records(text).map(row).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::indicator_columns;

    /// `compare` finds the unit, month and fields by these names.
    #[test]
    fn the_open_data_header_names_the_unit_month_and_every_count_field() {
        let header: Vec<&str> = indicator_columns().collect();
        assert!(header.contains(&"unit_code") && header.contains(&"month"));
        for field in Count::ALL {
            assert!(header.contains(&field.name()), "{}", field.name());
        }
    }

    #[test]
    fn revisions_read_back_as_written() {
        let rows = vec![Revision {
            unit: "00078".into(),
            month: Month::new(2025, 3).unwrap(),
            field: Count::ResolvedOnTime,
            old: Some(120),
            new: None,
            on: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
        }];
        let text = csv(&rows);
        assert_eq!(
            text,
            "unit_code,month,field,old_value,new_value,revised_on\n\
             00078,2025-03,resolved_on_time,120,,2026-12-02\n"
        );
        assert_eq!(read(&text).unwrap(), rows);
        assert!(read("unit,month\n").is_err());
        assert!(read(&text.replace("2025-03", "March")).is_err());
    }

    #[test]
    fn quoted_cells_keep_their_commas_quotes_and_line_breaks() {
        let rows = parse_csv("\u{feff}a,\"b, \"\"c\"\"\nd\"\r\n1,\n");
        assert_eq!(rows, [vec!["a", "b, \"c\"\nd"], vec!["1", ""]]);
        // The raw record keeps its quotes; only cells are unquoted.
        let record = "00001,\"Xã \"\"A\"\", B\nC\",commune,,2024-01,5";
        let text = format!("{record}\n00002,D,commune,,2024-01,");
        assert_eq!(
            raw_records(&text).collect::<Vec<_>>(),
            [record, "00002,D,commune,,2024-01,"]
        );
        let cells: Vec<Cow<str>> = cells(record).collect();
        assert_eq!(
            cells,
            ["00001", "Xã \"A\", B\nC", "commune", "", "2024-01", "5"]
        );
        assert!(matches!(cells[0], Cow::Borrowed(_)));
    }
}
