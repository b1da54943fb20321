//! The rows a table currently shows, as CSV for download (public page).
//!
//! Machine-readable like `indicators.csv`: UTF-8, comma-separated, a dot
//! as decimal point, an empty cell for "no data". Rates come from the
//! contract (`Indicator::value`) and are written as percentages. It starts
//! with a byte-order mark: without one, Excel on Windows reads the file in
//! the system's code page and garbles every Vietnamese name.

use crate::summary::Row;
use crate::url::encode;
use contract::{Count, Indicator, Period};

/// The rate columns of the shown-rows CSV, in order.
pub const RATE_COLUMNS: [(Indicator, &str); 3] = [
    (Indicator::OnTime, "on_time_rate_percent"),
    (Indicator::Online, "online_share_percent"),
    (Indicator::Satisfaction, "satisfaction_rate_percent"),
];

/// Quotes a cell when it holds a comma, quote or line break.
pub fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The shown rows in their shown order. `months` is true for a commune's
/// month table (the key is then the month); otherwise every row is a unit
/// for `period`.
pub fn shown_rows_csv(rows: &[Row], months: bool, period: Period) -> String {
    let mut header = if months {
        vec!["month", "month_name"]
    } else {
        vec!["unit_code", "unit_name", "period"]
    };
    header.extend(["received_total", "resolved_total"]);
    header.extend(RATE_COLUMNS.iter().map(|(_, name)| *name));
    let mut out = format!("{BOM}{}\n", header.join(","));
    for row in rows {
        let mut cells = vec![cell(&row.key), cell(&row.label)];
        if !months {
            cells.push(period.to_string());
        }
        let count = |f: Count| {
            row.counts
                .and_then(|c| c[f])
                .map_or_else(String::new, |v| v.to_string())
        };
        cells.push(count(Count::ReceivedTotal));
        cells.push(count(Count::ResolvedTotal));
        for (ind, _) in RATE_COLUMNS {
            let value = row.counts.as_ref().and_then(|c| ind.value(c));
            cells.push(value.map_or_else(String::new, |v| format!("{:.1}", v * 100.0)));
        }
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// The UTF-8 byte-order mark that tells Excel the file's encoding.
pub const BOM: char = '\u{FEFF}';

/// A `data:` URL holding the CSV, for a download link that needs no script.
pub fn data_url(csv: &str) -> String {
    format!("data:text/csv;charset=utf-8,{}", encode(csv))
}

/// The download's file name: `don-vi-CODE-PERIOD.csv`.
pub fn file_name(unit: &str, period: Period) -> String {
    let safe: String = unit
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("don-vi-{safe}-{period}.csv")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url::decode;
    use contract::Counts;

    fn row(key: &str, label: &str, counts: Option<Counts>) -> Row {
        Row {
            key: key.into(),
            label: label.into(),
            link: true,
            counts,
            value: None,
            status: None,
            refused: None,
        }
    }

    #[test]
    fn shown_rows_in_order_with_empty_cells_for_no_data() {
        let mut c = Counts::zero();
        c[Count::ReceivedTotal] = Some(10);
        c[Count::ReceivedOnline] = Some(4);
        c[Count::ResolvedTotal] = Some(6);
        c[Count::ResolvedEarly] = Some(5);
        let rows = [
            row("00078", "Thị trấn Ấp Mới 3", Some(c)),
            row("00079", "Xã \"A\", B", None),
        ];
        let period = Period::parse("2024-01").unwrap();
        let csv = shown_rows_csv(&rows, false, period);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "\u{FEFF}unit_code,unit_name,period,received_total,resolved_total,on_time_rate_percent,online_share_percent,satisfaction_rate_percent");
        assert_eq!(lines[1], "00078,Thị trấn Ấp Mới 3,2024-01,10,6,83.3,40.0,");
        assert_eq!(lines[2], "00079,\"Xã \"\"A\"\", B\",2024-01,,,,,");
        let months = shown_rows_csv(&rows[..1], true, period);
        assert!(months.starts_with("\u{FEFF}month,month_name,received_total"));
    }

    #[test]
    fn the_data_url_round_trips() {
        let csv = "a,b\nXã Ấp,1\n";
        let url = data_url(csv);
        let body = url.strip_prefix("data:text/csv;charset=utf-8,").unwrap();
        assert!(!body.contains('\n') && !body.contains(' '));
        assert_eq!(decode(body), csv);
        assert_eq!(
            file_name("001", Period::parse("2024-Q1").unwrap()),
            "don-vi-001-2024-Q1.csv"
        );
    }
}
