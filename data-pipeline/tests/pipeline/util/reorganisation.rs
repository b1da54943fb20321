//! A small input across the reorganisation of 1 July 2025, shared by the
//! pipeline's tests (`units_over_time.rs`) and the end-to-end tests (which
//! include this file by path): two old provinces merged whole into one, a
//! reused commune code (00004), two communes merged whole (into 00020), one
//! divided (00007), and districts abolished. Built as of 31 August 2025.

use std::path::Path;

/// The day the input is built as of.
pub const AS_OF: &str = "2025-08-31";

pub const UNITS: &str = "\
unit_code,unit_name,level,parent_code,valid_from,valid_to
01,Tỉnh Một (cũ),province,,,2025-06-30
02,Tỉnh Hai,province,,,2025-06-30
01,Tỉnh Một,province,,2025-07-01,
001,Huyện Một,district,01,,2025-06-30
00004,Phường Trúc Bạch,commune,001,,2025-06-30
00007,Xã Bảy,commune,001,,2025-06-30
00010,Xã Mười,commune,001,,30/06/2025
002,Huyện Hai,district,02,,2025-06-30
00020,Xã Hai Mươi,commune,002,,2025-06-30
00021,Xã Hai Mốt,commune,002,,2025-06-30
00004,Phường Ba Đình,commune,01,2025-07-01,
00010,Xã Mười Mới,commune,01,01/07/2025,
00020,Xã Hai Mươi Mới,commune,01,2025-07-01,
";

/// 00007 was divided between 00004 and 00010; 00020 and 00021 went wholly
/// into the new 00020; the districts ended without successor (their
/// communes say where their territory went).
pub const CHANGES: &str = "\
old_code,new_code,effective_on
01,01,2025-07-01
02,01,2025-07-01
00004,00004,2025-07-01
00007,00004,2025-07-01
00007,00010,2025-07-01
00010,00010,2025-07-01
00020,00020,2025-07-01
00021,00020,2025-07-01
";

pub const PROCEDURES: &str = "\
procedure_code,procedure_name,field,unit_level,online_level,online_since
P.XA,Cấp xã,Hộ tịch,commune,4,
P.HUYEN,Cấp huyện,Đất đai,district,3,
";

/// (id, unit, received, due, resolved): each dossier's story is in its comment.
pub const DOSSIERS: [(&str, &str, &str, &str, &str); 8] = [
    // The reused code: the same code a day apart, two different units.
    ("D1", "00004", "2025-06-30", "2025-06-30", "2025-06-30"),
    ("D2", "00004", "2025-07-01", "2025-07-02", "2025-07-02"),
    // Received by a commune merged whole, resolved by its successor.
    ("D3", "00020", "2025-06-15", "2025-06-20", "2025-07-10"),
    // Received by the divided commune, still pending: the province's pool.
    ("D4", "00007", "2025-06-20", "2025-07-20", ""),
    // A district's own dossier across the change: the pool, resolved in August.
    ("D5", "002", "2025-06-01", "2025-06-10", "2025-08-01"),
    // Before the change, at a commune merged whole.
    ("D6", "00021", "2025-05-10", "2025-05-12", "2025-05-12"),
    ("D7", "00010", "2025-05-20", "2025-06-20", "2025-06-02"),
    // After the change.
    ("D8", "00020", "2025-08-05", "2025-08-06", ""),
];

pub fn write_input(
    dir: &Path,
    units: &str,
    changes: &str,
    dossiers: &[(&str, &str, &str, &str, &str)],
) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("units.csv"), units).unwrap();
    std::fs::write(dir.join("unit_changes.csv"), changes).unwrap();
    std::fs::write(dir.join("procedures.csv"), PROCEDURES).unwrap();
    let mut text = String::from(
        "dossier_id,unit_code,procedure_code,channel,received_on,due_on,resolved_on,apology_issued,rating\n",
    );
    for (id, unit, received, due, resolved) in dossiers {
        text += &format!("{id},{unit},P.XA,online,{received},{due},{resolved},,\n");
    }
    std::fs::write(dir.join("dossiers.csv"), text).unwrap();
}
