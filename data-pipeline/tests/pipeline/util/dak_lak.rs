//! The published Đắk Lắk figures of `shared/spec/index-766.md` as an
//! input (`units.csv` and `index_metrics.csv`), shared by the pipeline's
//! tests (`index766.rs`) and the end-to-end tests (which include this file
//! by path).

use std::path::Path;

/// Đắk Lắk, 2026 year to date, as published on 10 October 2026
/// (`shared/spec/index-766.md`), as rows of one month.
pub const DAK_LAK: &str = "\
unit_code,month,metric,numerator,denominator,ratio
66,2026-09,PUBLISH_ON_TIME,0,82,
66,2026-09,PUBLIC_UPDATE_ON_TIME,79,82,
66,2026-09,PUBLIC_CONTENT_FULL,79,79,
66,2026-09,DOSSIER_SYNC,370610,370610,
66,2026-09,ON_TIME,393087,443565,
66,2026-09,ONLINE_COMPOSITE,,,74.75
66,2026-09,ORIGINAL_RESULT_AVAILABLE,284995,443565,
66,2026-09,SO_HOA,93664,443565,
66,2026-09,REUSED_DIGITIZED_DATA,82645,443565,
66,2026-09,SYNCED_WITH_DVCQG_PERSONAL_STORAGE,9499,443565,
66,2026-09,CITIZEN_DATA_CONNECTED_DOSSIER,279339,443565,
66,2026-09,CITIZEN_DATA_CONNECTED_FORMALITY,380,1346,
66,2026-09,ELECTRONIC_CERTIFIED_COPY,0,0,
66,2026-09,PAYMENT_COMPOSITE,,,66.9
66,2026-09,PAID_ONLINE_DOSSIERS,179460,204757,
66,2026-09,DOSSIER_RECEIVING_SATISFACTION,392869,443565,
66,2026-09,PETITION_PROCESSING_ON_TIME,241,485,
66,2026-09,PETITION_HANDLING_SATISFACTION,186,485,
";

pub const DAK_LAK_UNITS: &str = "\
unit_code,unit_name,level,parent_code
66,Tỉnh Đắk Lắk,province,
24121,Phường Buôn Ma Thuột,commune,66
";

/// Writes the input into `dir`.
pub fn write_input(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("units.csv"), DAK_LAK_UNITS).unwrap();
    std::fs::write(dir.join("index_metrics.csv"), DAK_LAK).unwrap();
}
