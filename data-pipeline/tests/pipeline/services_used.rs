//! `services_used` counts only the services a unit offers (contract section
//! 3): a procedure of another level submitted online at a unit counts in its
//! flows, not in its services used, so `service_utilisation` ≤ 100 %.

use crate::util::*;
use contract::{Count, Month, Period};
use std::fmt::Write;
use std::path::Path;

const UNITS: &str = "unit_code,unit_name,level,parent_code";
const PROCEDURES: &str = "procedure_code,procedure_name,field,unit_level,online_level,online_since";
const DOSSIERS: &str =
    "dossier_id,unit_code,procedure_code,channel,received_on,due_on,resolved_on,apology_issued,rating";

fn write_input(dir: &Path, units: &str, procedures: &str, dossiers: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("units.csv"), format!("{UNITS}\n{units}")).unwrap();
    std::fs::write(
        dir.join("procedures.csv"),
        format!("{PROCEDURES}\n{procedures}"),
    )
    .unwrap();
    std::fs::write(dir.join("dossiers.csv"), format!("{DOSSIERS}\n{dossiers}")).unwrap();
}

/// Builds the folder's `input` into its `out`.
fn built(dir: &TempDir) -> std::path::PathBuf {
    let out = dir.join("out");
    build_ok(&dir.join("input"), &out);
    out
}

#[test]
fn a_province_procedure_submitted_at_a_commune_counts_at_the_province_only() {
    let dir = temp_dir("services-used-levels");
    write_input(
        &dir.join("input"),
        "01,Tỉnh Một,province,\n00001,Xã Một,commune,01\n",
        "P.PROV,Cấp tỉnh,Đất đai,province,4,\nP.COMM,Cấp xã,Hộ tịch,commune,3,\n",
        "HS-1,00001,P.PROV,online,2024-03-04,2024-03-10,2024-03-08,,\n\
         HS-2,00001,P.COMM,online,2024-03-05,2024-03-10,2024-03-08,,\n\
         HS-3,00001,P.PROV,online,2024-03-06,2024-03-10,,,\n",
    );
    let out = built(&dir);
    let snapshot = province(&out, "01");
    let march = Period::Month(Month::new(2024, 3).unwrap());
    // Online received, level-3 and level-4 dossiers, level-3 and level-4
    // services offered, services used.
    let fields = |unit: &str| {
        let c = snapshot.counts(unit, march).unwrap();
        [
            Count::ReceivedOnline,
            Count::Level3Dossiers,
            Count::Level4Dossiers,
            Count::Level3Services,
            Count::Level4Services,
            Count::ServicesUsed,
        ]
        .map(|f| c[f].unwrap())
    };
    // The commune's flows keep the province procedure; its services used
    // count only its own service.
    assert_eq!(fields("00001"), [3, 1, 2, 1, 0, 1]);
    // The province offers both, and both were used.
    assert_eq!(fields("01"), [3, 1, 2, 1, 1, 2]);

    // Longer periods: the distinct count stays within the offered set too.
    let quarter = Period::parse("2024-Q1").unwrap();
    assert_eq!(
        snapshot.counts("00001", quarter).unwrap()[Count::ServicesUsed],
        Some(1)
    );
    assert_eq!(
        snapshot.counts("01", quarter).unwrap()[Count::ServicesUsed],
        Some(2)
    );

    // The open-data table says the same.
    let rows = indicators(&out);
    let column = rows[0].iter().position(|c| c == "services_used").unwrap();
    let cell = |unit: &str| {
        rows.iter()
            .find(|r| r[0] == unit && r[4] == "2024-03")
            .unwrap()[column]
            .clone()
    };
    assert_eq!((cell("00001"), cell("01")), ("1".into(), "2".into()));
}

/// A small deterministic generator (xorshift), so a failure can be replayed
/// from its seed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// An input with a three-tier and a two-tier province, procedures of every
/// level (some turning online mid-way), and online dossiers of any
/// procedure at any unit.
fn random_input(dir: &Path, seed: u64) {
    let mut rng = Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut units = String::from("01,Tỉnh A,province,\n79,Tỉnh B,province,\n");
    let mut codes = vec!["01".to_string(), "79".to_string()];
    for d in 0..1 + rng.below(3) {
        let district = format!("0{d}1");
        writeln!(units, "{district},Huyện {d},district,01").unwrap();
        codes.push(district.clone());
        for c in 0..rng.below(4) {
            let commune = format!("1{d}{c}01");
            writeln!(units, "{commune},Xã {d}{c},commune,{district}").unwrap();
            codes.push(commune);
        }
    }
    for c in 0..1 + rng.below(4) {
        let commune = format!("7900{c}");
        writeln!(units, "{commune},Phường {c},commune,79").unwrap();
        codes.push(commune);
    }
    let mut procedures = String::new();
    let count = 2 + rng.below(10);
    for p in 0..count {
        let level = rng.pick(&["province", "district", "commune"]);
        let online = rng.pick(&["1", "2", "3", "4", "partial", "full"]);
        let since = rng.pick(&["", "", "2024-02-15", "2024-04-01"]);
        writeln!(
            procedures,
            "P{p},Thủ tục {p},Lĩnh vực,{level},{online},{since}"
        )
        .unwrap();
    }
    let mut dossiers = String::new();
    for i in 0..20 + rng.below(120) {
        let unit = &codes[rng.below(codes.len())];
        let procedure = rng.below(count);
        let channel = rng.pick(&["online", "online", "direct", "postal"]);
        let (month, day) = (1 + rng.below(6), 1 + rng.below(28));
        let resolved = rng.pick(&["", "2024-07-20"]);
        writeln!(
            dossiers,
            "HS-{i},{unit},P{procedure},{channel},2024-{month:02}-{day:02},2024-07-10,{resolved},,"
        )
        .unwrap();
    }
    write_input(dir, &units, &procedures, &dossiers);
}

#[test]
fn services_used_never_exceeds_the_services_offered() {
    for seed in 1..=25 {
        let dir = temp_dir("services-used-property");
        random_input(&dir.join("input"), seed);
        let out = built(&dir);
        let manifest = manifest(&out);
        let month = |key: &str| Month::parse(manifest[key].as_str().unwrap()).unwrap();
        let periods = Period::all_within(month("first_month"), month("last_month"));
        let mut checked = 0;
        for code in ["01", "79"] {
            let snapshot = province(&out, code);
            for unit in snapshot.units.keys() {
                for &period in &periods {
                    let c = snapshot.counts(unit, period).unwrap();
                    let offered =
                        c[Count::Level3Services].unwrap() + c[Count::Level4Services].unwrap();
                    let used = c[Count::ServicesUsed].unwrap();
                    assert!(
                        used <= offered,
                        "seed {seed}: {unit} {period}: {used} services used of {offered} offered"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 0, "seed {seed}: nothing checked");
    }
}
