//! Any bytes as any input file (units, procedures, dossiers or reports; CSV,
//! Parquet or Excel) beside valid others: `validate` must return a result
//! (clean or a list of problems), never panic. The first byte picks the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

const UNITS: &str = "unit_code,unit_name,level,parent_code\n01,Tỉnh A,province,\n001,Huyện B,district,01\n00004,Xã C,commune,001\n";
const PROCEDURES: &str = "procedure_code,procedure_name,field,unit_level,online_level,online_since\n1.001,Khai sinh,Hộ tịch,commune,4,2024-01-01\n";
const DOSSIERS: &str = "dossier_id,unit_code,procedure_code,channel,received_on,due_on,resolved_on,apology_issued,rating\nA,00004,1.001,online,2024-01-02,2024-01-05,05/01/2024,,satisfied\n";

fn folder() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("par-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let stem = ["units", "procedures", "dossiers", "reports"][pick as usize % 4];
    let extension = ["csv", "parquet", "xlsx"][(pick as usize / 4) % 3];
    let dir = folder();
    for (name, text) in [("units", UNITS), ("procedures", PROCEDURES), ("dossiers", DOSSIERS)] {
        std::fs::write(dir.join(format!("{name}.csv")), text).unwrap();
    }
    let _ = std::fs::remove_file(dir.join(format!("{stem}.csv")));
    std::fs::write(dir.join(format!("{stem}.{extension}")), bytes).unwrap();
    let options = data_pipeline::build::Options {
        quarantine: true,
        ..Default::default()
    };
    let _ = data_pipeline::build::validate_only(&dir, &Default::default());
    let _ = data_pipeline::build::build(&dir, &dir.join("out"), &options);
});
