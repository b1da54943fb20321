use super::*;
use crate::{Count, Counts, Month, Period, UnitSeries};

fn bundled() -> Rules {
    let text = include_str!("../../../data-pipeline/rules/index-766.toml");
    let rules: Rules = toml::from_str(text).unwrap();
    rules.check().unwrap();
    rules
}

fn counts(numerator: u64, denominator: u64) -> Option<Figure> {
    Some(Figure::Counts {
        numerator,
        denominator,
    })
}

fn percent(text: &str) -> Option<Figure> {
    let millionths = (text.parse::<f64>().unwrap() * 10_000.0).round() as u64;
    Some(Figure::Ratio { millionths })
}

/// Đắk Lắk, 2026 year to date, published 10 October 2026 (index-766.md).
fn dak_lak(code: &str) -> Option<Figure> {
    match code {
        "PUBLISH_ON_TIME" => counts(0, 82),
        "PUBLIC_UPDATE_ON_TIME" => counts(79, 82),
        "PUBLIC_CONTENT_FULL" => counts(79, 79),
        "DOSSIER_SYNC" => counts(370_610, 370_610),
        "ON_TIME" => counts(393_087, 443_565),
        "ONLINE_COMPOSITE" => percent("74.75"),
        "ORIGINAL_RESULT_AVAILABLE" => counts(284_995, 443_565),
        "SO_HOA" => counts(93_664, 443_565),
        "REUSED_DIGITIZED_DATA" => counts(82_645, 443_565),
        "SYNCED_WITH_DVCQG_PERSONAL_STORAGE" => counts(9_499, 443_565),
        "CITIZEN_DATA_CONNECTED_DOSSIER" => counts(279_339, 443_565),
        "CITIZEN_DATA_CONNECTED_FORMALITY" => counts(380, 1_346),
        "ELECTRONIC_CERTIFIED_COPY" => counts(0, 0),
        "PAYMENT_COMPOSITE" => percent("66.9"),
        "PAID_ONLINE_DOSSIERS" => counts(179_460, 204_757),
        "DOSSIER_RECEIVING_SATISFACTION" => counts(392_869, 443_565),
        "PETITION_PROCESSING_ON_TIME" => counts(241, 485),
        "PETITION_HANDLING_SATISFACTION" => counts(186, 485),
        _ => None,
    }
}

#[test]
fn reproduces_the_published_dak_lak_figures() {
    let rules = bundled();
    let card = rules.card(|m| dak_lak(&m.code));
    let groups: Vec<String> = card
        .groups
        .iter()
        .map(|g| format!("{} {}", g.code, rules.format(g.points)))
        .collect();
    assert_eq!(
        groups,
        [
            "CKMB 11.85",
            "TDGQ 17.72",
            "ONLINE 8.97",
            "MDSH 9.08",
            "TTTT 6.69",
            "MDHL 11.18"
        ]
    );
    assert_eq!(rules.format(card.complete_total().unwrap()), "65.49");
    assert_eq!(rules.grade(card.total).unwrap().name_vi, "Trung bình");
    let points = |code: &str| rules.format(card.metric(code).unwrap().points.unwrap());
    assert_eq!(points("PUBLIC_UPDATE_ON_TIME"), "3.85");
    assert_eq!(points("ORIGINAL_RESULT_AVAILABLE"), "3.86");
    assert_eq!(points("REUSED_DIGITIZED_DATA"), "0.47");
    assert_eq!(points("DOSSIER_RECEIVING_SATISFACTION"), "5.90");
    let copy = card.metric("ELECTRONIC_CERTIFIED_COPY").unwrap();
    assert!(
        copy.zero_over_zero && copy.points == Some(200),
        "0/0 earns full points, and says so"
    );
    assert_eq!(
        card.metric("PAID_ONLINE_DOSSIERS").unwrap().points,
        Some(0),
        "a part scores nothing"
    );
}

#[test]
fn the_threshold_gives_full_points_at_and_above_it() {
    let rules = bundled();
    let reused = rules.metric("REUSED_DIGITIZED_DATA").unwrap();
    let points = |n, d| reused.score(&rules, counts(n, d)).points;
    assert_eq!(
        points(80, 100),
        Some(200),
        "80 % of an 80 % threshold is full"
    );
    assert_eq!(points(100, 100), Some(200));
    assert_eq!(points(79, 100), Some(198));
    assert_eq!(points(40, 100), Some(100));
    assert_eq!(
        reused.to_full(Figure::Counts {
            numerator: 79,
            denominator: 100
        }),
        Some(1)
    );
    assert_eq!(
        reused.to_full(Figure::Counts {
            numerator: 80,
            denominator: 100
        }),
        None
    );
    assert_eq!(
        reused.to_full(Figure::Counts {
            numerator: 0,
            denominator: 443_565
        }),
        Some(354_852)
    );
}

#[test]
fn points_round_half_up_at_the_last_decimal() {
    let mut rules = bundled();
    rules.metrics[0].max = 1.0; // PUBLISH_ON_TIME: 1 point
    let metric = &rules.metrics[0];
    let points = |n, d| metric.score(&rules, counts(n, d)).points.unwrap();
    assert_eq!(points(1, 8), 13, "0.125 → 0.13");
    assert_eq!(points(1, 400), 0, "0.0025 → 0.00");
    assert_eq!(points(3, 400), 1, "0.0075 → 0.01");
    assert_eq!(points(2_499_999, 100_000_000), 2, "0.02499999 → 0.02");
    rules.decimals = 1;
    assert_eq!(
        rules.metrics[0].score(&rules, counts(1, 4)).points,
        Some(3),
        "0.25 → 0.3"
    );
    assert_eq!(rules.format(3), "0.3");
}

#[test]
fn zero_over_zero_follows_the_rules() {
    let mut rules = bundled();
    let on_time = rules.metric("ON_TIME").unwrap().clone();
    let full = on_time.score(&rules, counts(0, 0));
    assert_eq!((full.points, full.zero_over_zero), (Some(2000), true));
    rules.zero_over_zero = ZeroRule::NoData;
    assert_eq!(on_time.score(&rules, counts(0, 0)).points, None);
    assert_eq!(
        on_time.score(&rules, None).points,
        None,
        "no figure is no data, never 0"
    );
}

#[test]
fn grade_bands_at_their_edges() {
    let rules = bundled();
    let grade = |units: u64| rules.grade(units).unwrap().name_vi.as_str();
    assert_eq!(grade(10_000), "Xuất sắc");
    assert_eq!(grade(9_000), "Xuất sắc");
    assert_eq!(grade(8_999), "Tốt");
    assert_eq!(grade(8_000), "Tốt");
    assert_eq!(grade(7_999), "Khá");
    assert_eq!(grade(7_000), "Khá");
    assert_eq!(grade(6_999), "Trung bình");
    assert_eq!(grade(5_000), "Trung bình");
    assert_eq!(grade(4_999), "Yếu");
    assert_eq!(grade(0), "Yếu");
}

#[test]
fn a_group_with_a_metric_lacking_data_is_incomplete() {
    let rules = bundled();
    let card = rules.card(|m| {
        if m.code == "PETITION_HANDLING_SATISFACTION" {
            None
        } else {
            dak_lak(&m.code)
        }
    });
    let mdhl = card.groups.iter().find(|g| g.code == "MDHL").unwrap();
    assert!(!mdhl.complete);
    assert_eq!(
        mdhl.points,
        590 + 298,
        "the metrics with data, shown as incomplete"
    );
    assert!(!card.complete && card.complete_total().is_none());
}

#[test]
fn ranks_share_ties_and_skip_incomplete_totals() {
    assert_eq!(
        ranks(&[Some(6549), Some(6880), None, Some(6549), Some(1)]),
        [Some(2), Some(1), None, Some(2), Some(4)]
    );
}

#[test]
fn rules_files_are_checked() {
    let mut rules = bundled();
    rules.metrics[0].max = 7.0;
    assert!(rules
        .check()
        .unwrap_err()
        .contains("CKMB: max = 18 but its metrics add up to 19.00"));
    let mut rules = bundled();
    rules.metrics[0].threshold = 0.0;
    assert!(rules.check().unwrap_err().contains("threshold"));
    let mut rules = bundled();
    rules.grades.swap(0, 1);
    assert!(rules.check().unwrap_err().starts_with("grades"));
    let mut rules = bundled();
    rules.metrics[1].code = "PUBLISH_ON_TIME".into();
    assert!(rules.check().unwrap_err().contains("appears twice"));
}

#[test]
fn periods_add_counts_and_refuse_to_add_ratios() {
    let rules = bundled();
    let (first, last) = (
        Month::parse("2026-01").unwrap(),
        Month::parse("2026-03").unwrap(),
    );
    let month = |received: u64, online: u64| {
        Counts::with(&[
            (Count::ReceivedTotal, received),
            (Count::ReceivedOnline, online),
        ])
    };
    let unit = UnitSeries {
        months: vec![month(10, 5), month(30, 5), month(0, 0)],
        ..UnitSeries::default()
    };
    let mut index = IndexSeries::default();
    let electronic = |n| {
        let mut x = IndexCounts::default();
        x[IndexCount::ResultElectronic] = Some(n);
        x
    };
    index.months = vec![electronic(10), electronic(20), electronic(0)];
    index.given.insert(
        "ONLINE_COMPOSITE".into(),
        vec![percent("50"), percent("100"), None],
    );
    index.given.insert(
        "PETITION_PROCESSING_ON_TIME".into(),
        vec![counts(1, 2), counts(3, 4), counts(0, 0)],
    );
    let data =
        |p: &str| PeriodData::of(&unit, Some(&index), first, last, Period::parse(p).unwrap());
    let quarter = data("2026-Q1");
    let figure = |d: &PeriodData, code: &str| d.figure(rules.metric(code).unwrap());
    assert_eq!(
        figure(&quarter, "ORIGINAL_RESULT_AVAILABLE"),
        counts(30, 40)
    );
    assert_eq!(figure(&quarter, "ONLINE_DOSSIERS"), counts(10, 40));
    assert_eq!(
        figure(&quarter, "PETITION_PROCESSING_ON_TIME"),
        counts(4, 6)
    );
    assert_eq!(
        figure(&quarter, "ONLINE_COMPOSITE"),
        None,
        "a ratio holds for its month alone"
    );
    assert_eq!(figure(&data("2026-02"), "ONLINE_COMPOSITE"), percent("100"));
    assert_eq!(figure(&data("2026-03"), "ONLINE_COMPOSITE"), None);
    assert_eq!(
        figure(&quarter, "SO_HOA"),
        None,
        "no digitised column: no data"
    );
}

#[test]
fn figures_are_compact_in_the_files() {
    let figures = vec![counts(3, 4), percent("74.75"), None];
    let json = serde_json::to_string(&figures).unwrap();
    assert_eq!(json, r#"[[3,4],{"ratio":747500},null]"#);
    assert_eq!(
        serde_json::from_str::<Vec<Option<Figure>>>(&json).unwrap(),
        figures
    );
}

#[test]
fn digits_are_pushed_as_write_would() {
    for (n, width) in [
        (0, 1),
        (7, 2),
        (65, 2),
        (12345, 1),
        (5, 3),
        (u64::MAX, 1),
        (0, 2),
    ] {
        let mut out = String::from(">");
        super::push_digits(&mut out, n, width);
        assert_eq!(out, format!(">{n:0width$}"), "{n} {width}");
    }
}
