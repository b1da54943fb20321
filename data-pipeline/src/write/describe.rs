//! The words the published files share about the figures: the sample
//! line, the licence, the caveats, and each indicator's definition and
//! target spelled out from the contract's own data (its fields and
//! [`Targets`]), so the workbooks and `README.md` cannot drift from what
//! the figures are computed with.

use contract::{Count, Indicator, Label, Targets};

/// The line every file of fictional data carries.
pub const SAMPLE: Label = Label {
    vi: "Số liệu mẫu (hư cấu)",
    en: "Sample data (fictional)",
};

pub const LICENCE: Label = Label {
    vi: "Dữ liệu mở; ghi nguồn khi sử dụng.",
    en: "Open data; cite the source.",
};

/// What a reader of the figures must know.
pub const CAVEATS: [Label; 4] = [
    Label {
        vi: "Ô trống là \"không có số liệu\", không phải 0: một tỷ lệ có mẫu số bằng 0 hay chưa biết thì để trống.",
        en: "An empty cell is \"no data\", not 0: a rate whose denominator is 0 or unknown is left empty.",
    },
    Label {
        vi: "Mọi tỷ lệ được tính từ các số đếm đã cộng (tử số cộng lại chia mẫu số cộng lại), không bao giờ lấy trung bình các tỷ lệ.",
        en: "Every rate is computed from summed counts (summed numerator over summed denominator), never by averaging rates.",
    },
    Label {
        vi: "Mã đơn vị thay đổi từ ngày 1/7/2025 (sắp xếp đơn vị hành chính): một mã chỉ xác định một đơn vị khi đi kèm thời điểm (tháng của dòng, hay mã phiên bản `mã@ngày`).",
        en: "Unit codes changed on 1 July 2025 (the reorganisation of administrative units): a code names a unit only together with a date (the row's month, or the version id `code@date`).",
    },
    Label {
        vi: "Một dòng của đơn vị chỉ có ở các tháng đơn vị còn hiệu lực.",
        en: "A unit has rows only for the months it is in force.",
    },
];

/// The Excel number format of the indicator's values and target: a
/// fraction shown as a percentage, or a whole count. The file stores the
/// format code only; Excel draws the separators of the reader's locale, so
/// Vietnamese Excel shows 0.853 as `85,3%` and 1234 as `1.234`.
pub fn number_format(indicator: Indicator) -> &'static str {
    match indicator.is_rate() {
        true => "0.0%",
        false => "#,##0",
    }
}

/// `resolved_early + resolved_on_time`: the count fields summed, by the
/// names of the `indicators.csv` columns.
pub fn terms(fields: &[Count]) -> String {
    let names: Vec<&str> = fields.iter().map(|c| c.name()).collect();
    names.join(" + ")
}

/// The indicator's formula from its fields: `numerator / denominator` for
/// a rate, the numerator alone for a count.
pub fn formula(indicator: Indicator) -> String {
    let part = |fields: &[Count]| match fields.len() {
        1 => terms(fields),
        _ => format!("({})", terms(fields)),
    };
    match indicator.is_rate() {
        true => format!(
            "{} / {}",
            part(indicator.numerator()),
            part(indicator.denominator())
        ),
        false => terms(indicator.numerator()),
    }
}

/// The target as text, Vietnamese then English (`90,0 %` / `90.0%`,
/// `0 hồ sơ` / `0 dossiers`), or that there is none.
pub fn target(indicator: Indicator, targets: &Targets) -> (String, String) {
    let Some(value) = indicator.target(targets) else {
        return ("không có".into(), "none".into());
    };
    match indicator.is_rate() {
        true => {
            let percent = format!("{:.1}", value * 100.0);
            (
                format!("{} %", percent.replace('.', ",")),
                format!("{percent}%"),
            )
        }
        false => (format!("{value} hồ sơ"), format!("{value} dossiers")),
    }
}
