//! The 口径 test vectors (docs/口径说明.md) and the analysis's identities, on tables built directly.

mod support;

use industry_monitor::analysis::{analyze, Settings};
use industry_monitor::model::{
    Period, RegionGrowthRow, RegionGrowthTable, RegionTarget, Sources, Targets,
};

use support::{enterprise_table as table, Row};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn t2_pull_and_contribution() {
    let t = table(&[
        ("甲", "A区", "34", 10.0, 9.0, 110.0, 100.0, false),
        ("乙", "B区", "13", 5.0, 6.0, 57.0, 60.0, false),
        ("丙", "C县", "26", 4.0, 4.0, 43.0, 40.0, false),
    ]);
    let sources = Sources {
        enterprises: vec![t],
        ..Default::default()
    };
    let a = analyze(&sources, &Settings::default()).unwrap();
    assert!(close(a.city.output_growth_pct.unwrap(), 5.0, 1e-9));
    let get = |n: &str| a.regions.iter().find(|r| r.name == n).unwrap();
    assert!(close(get("A区").pull_pp.unwrap(), 5.0, 1e-9));
    assert!(close(get("B区").pull_pp.unwrap(), -1.5, 1e-9));
    assert!(close(get("C县").pull_pp.unwrap(), 1.5, 1e-9));
    assert!(close(get("A区").contribution_pct.unwrap(), 100.0, 1e-9));
    assert!(close(get("B区").contribution_pct.unwrap(), -30.0, 1e-9));
    assert!(close(get("C县").contribution_pct.unwrap(), 30.0, 1e-9));
    assert!(close(get("C县").output_growth_pct.unwrap(), 7.5, 1e-9));
    // Sorted by output, largest first.
    assert_eq!(
        a.regions
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["A区", "B区", "C县"]
    );
    let districts = a
        .groups
        .iter()
        .find(|g| g.group == industry_monitor::model::RegionGroup::District)
        .unwrap();
    assert_eq!((districts.regions, districts.up, districts.down), (2, 1, 1));
}

#[test]
fn t1_target_gap() {
    // B12 = 200, A12 = 210 (g12 = 5 %), BQ = 310, target 8 %.
    let t = table(&[("甲", "A区", "34", 100.0, 95.0, 210.0, 200.0, false)]);
    let sources = Sources {
        enterprises: vec![t],
        ..Default::default()
    };
    let settings = Settings {
        targets: Some(Targets {
            quarter_end_month: 3,
            output_growth_target_pct: 8.0,
            prior_quarter_output: 310.0,
            value_added_growth_target_pct: None,
        }),
        ..Default::default()
    };
    let target = analyze(&sources, &settings).unwrap().target.unwrap();
    assert!(close(target.required_quarter_output, 334.8, 1e-9));
    assert!(close(target.required_remaining_output, 124.8, 1e-9));
    assert!(close(
        target.required_remaining_growth_pct.unwrap(),
        13.4545,
        1e-3
    ));
    assert!(close(target.pp_to_go.unwrap(), 3.0, 1e-9));
    // No forecast column: current growth carried on, 210 + 110 × 1.05 = 325.5.
    assert!(close(target.forecast_quarter_output, 325.5, 1e-9));
    assert!(close(target.forecast_gap, 334.8 - 325.5, 1e-9));
}

#[test]
fn t1_forecast_from_enterprise_forecasts() {
    let mut t = table(&[
        ("甲", "A区", "34", 100.0, 95.0, 150.0, 140.0, false),
        ("乙", "B区", "34", 30.0, 30.0, 60.0, 60.0, false),
    ]);
    t.has_forecast_column = true;
    t.forecast_next_month = vec![Some(118.0 - 30.0), None];
    let sources = Sources {
        enterprises: vec![t],
        ..Default::default()
    };
    let settings = Settings {
        targets: Some(Targets {
            quarter_end_month: 3,
            output_growth_target_pct: 8.0,
            prior_quarter_output: 310.0,
            value_added_growth_target_pct: None,
        }),
        ..Default::default()
    };
    let target = analyze(&sources, &settings).unwrap().target.unwrap();
    // A12 = 210, forecast March = 88 + 30 (乙 repeats its month) = 118 → 328.0, 5.81 %, gap 6.8.
    assert!(close(target.forecast_quarter_output, 328.0, 1e-9));
    assert!(close(target.forecast_growth_pct.unwrap(), 5.806, 1e-3));
    assert!(close(target.forecast_gap, 6.8, 1e-9));
}

#[test]
fn t5_new_firm_pull_and_status_identity() {
    let t = table(&[
        ("新厂", "A区", "34", 15.9, 0.0, 15.9, 0.0, true),
        ("老厂", "A区", "34", 0.0, 305.8, 0.0, 305.8, false),
    ]);
    let sources = Sources {
        enterprises: vec![t],
        ..Default::default()
    };
    let a = analyze(&sources, &Settings::default()).unwrap();
    assert!(close(a.status.new_pull_pp.unwrap(), 5.2, 0.01));
    assert_eq!(
        (a.status.stopped, a.status.increased, a.status.new),
        (1, 1, 1)
    );
    let sum = a.status.stopped_pull_pp.unwrap()
        + a.status.reduced_pull_pp.unwrap()
        + a.status.increased_pull_pp.unwrap();
    assert!(close(sum, a.city.month_output_growth_pct.unwrap(), 1e-9));
}

#[test]
fn zero_base_gives_null_growth() {
    let t = table(&[("新厂", "A区", "34", 1.0, 0.0, 1.0, 0.0, true)]);
    let a = analyze(
        &Sources {
            enterprises: vec![t],
            ..Default::default()
        },
        &Settings::default(),
    )
    .unwrap();
    assert_eq!(a.city.output_growth_pct, None);
    assert_eq!(a.regions[0].pull_pp, None);
    assert_eq!(
        a.regions[0].contribution_pct,
        Some(100.0),
        "the city changed, so contributions exist"
    );
    let json = serde_json::to_value(&a).unwrap();
    assert!(json["city"]["output_growth_pct"].is_null());
}

#[test]
fn region_value_added_decides_up_and_down() {
    let t = table(&[
        ("甲", "A区", "34", 1.0, 1.0, 110.0, 100.0, false),
        ("乙", "B区", "34", 1.0, 1.0, 90.0, 100.0, false),
    ]);
    let va = RegionGrowthTable {
        rows: vec![
            RegionGrowthRow {
                name: "A区".into(),
                growth_pct: -1.0,
            },
            RegionGrowthRow {
                name: "B区".into(),
                growth_pct: 2.0,
            },
        ],
        city_growth_pct: Some(0.5),
        ..Default::default()
    };
    let sources = Sources {
        enterprises: vec![t],
        regions: vec![va],
        ..Default::default()
    };
    let a = analyze(&sources, &Settings::default()).unwrap();
    assert_eq!(a.city.value_added_growth_pct, Some(0.5));
    assert_eq!((a.groups[0].up, a.groups[0].down), (1, 1));
    assert_eq!(
        a.regions
            .iter()
            .find(|r| r.name == "A区")
            .unwrap()
            .value_added_growth_pct,
        Some(-1.0)
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const REGIONS: [&str; 5] = ["城东区", "城西区", "河西县", "临江市", "北山县"];
    const DIVISIONS: [&str; 5] = ["13", "26", "34", "39", "44"];

    /// (region, division, month, month_prior, cum extra, cum_prior extra, new); a zero
    /// month is a stopped enterprise, a zero base a new one.
    fn firm() -> impl Strategy<Value = (usize, usize, f64, f64, f64, f64, bool)> {
        (
            0..5usize,
            0..5usize,
            prop_oneof![Just(0.0), 0.1..5000.0f64],
            prop_oneof![Just(0.0), 0.1..5000.0f64],
            0.0..5000.0f64,
            0.0..5000.0f64,
            any::<bool>(),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Pulls add up to the growth, contributions to 100, every enterprise has one
        /// status and the status pulls add up to the month's growth — whatever the data.
        #[test]
        fn identities_hold(firms in prop::collection::vec(firm(), 1..60)) {
            let names: Vec<String> = (0..firms.len()).map(|i| format!("企业{i}")).collect();
            let rows: Vec<Row> = firms
                .iter()
                .enumerate()
                .map(|(i, f)| (names[i].as_str(), REGIONS[f.0], DIVISIONS[f.1], f.2, f.3, f.2 + f.4, f.3 + f.5, f.6))
                .collect();
            let a = analyze(&Sources { enterprises: vec![table(&rows)], ..Default::default() }, &Settings::default()).unwrap();
            let tol = |x: f64| 1e-9 * x.abs().max(1.0);
            if let Some(g) = a.city.output_growth_pct {
                let region_pulls: f64 = a.regions.iter().map(|r| r.pull_pp.unwrap()).sum();
                let industry_pulls: f64 = a.industries.iter().map(|r| r.pull_pp.unwrap()).sum();
                prop_assert!(close(region_pulls, g, tol(g) * 100.0), "{} vs {}", region_pulls, g);
                prop_assert!(close(industry_pulls, g, tol(g) * 100.0));
            }
            if a.city.output != a.city.output_prior && a.city.output_prior > 0.0 {
                let c: f64 = a.regions.iter().map(|r| r.contribution_pct.unwrap()).sum();
                let d: f64 = a.industries.iter().map(|r| r.contribution_pct.unwrap()).sum();
                let delta = (a.city.output - a.city.output_prior).abs();
                // Contributions divide by the city's change; a tiny change magnifies rounding.
                if delta > 1e-6 * a.city.output_prior {
                    prop_assert!(close(c, 100.0, 1e-6 * 100.0 * a.city.output_prior / delta), "{}", c);
                    prop_assert!(close(d, 100.0, 1e-6 * 100.0 * a.city.output_prior / delta), "{}", d);
                }
            }
            let s = &a.status;
            prop_assert_eq!(s.stopped + s.reduced + s.increased + s.flat, a.city.enterprises);
            if let Some(mg) = a.city.month_output_growth_pct {
                let status_pulls = s.stopped_pull_pp.unwrap() + s.reduced_pull_pp.unwrap() + s.increased_pull_pp.unwrap();
                prop_assert!(close(status_pulls, mg, tol(mg) * 100.0), "{} vs {}", status_pulls, mg);
            }
        }
    }
}

#[test]
fn all_stopped_single_enterprise_negative_growth() {
    let t = table(&[("甲", "A县", "34", 0.0, 10.0, 5.0, 20.0, false)]);
    let a = analyze(
        &Sources {
            enterprises: vec![t],
            ..Default::default()
        },
        &Settings::default(),
    )
    .unwrap();
    assert!(close(a.city.output_growth_pct.unwrap(), -75.0, 1e-9));
    assert!(close(a.city.month_output_growth_pct.unwrap(), -100.0, 1e-9));
    assert_eq!(
        (
            a.status.stopped,
            a.status.reduced,
            a.status.increased,
            a.status.flat
        ),
        (1, 0, 0, 0)
    );
    assert!(close(a.status.stopped_pull_pp.unwrap(), -100.0, 1e-9));
    assert!(
        close(a.regions[0].contribution_pct.unwrap(), 100.0, 1e-9),
        "a falling part of a falling whole contributes +100 %"
    );
    assert_eq!((a.groups[0].up, a.groups[0].down), (0, 1));
}

#[test]
fn status_column_saying_stopped_wins_over_numbers() {
    let mut t = table(&[
        ("甲", "A区", "34", 5.0, 4.0, 9.0, 8.0, false),
        ("乙", "A区", "34", 5.0, 4.0, 9.0, 8.0, false),
    ]);
    t.reported_stopped[1] = true;
    let a = analyze(
        &Sources {
            enterprises: vec![t],
            ..Default::default()
        },
        &Settings::default(),
    )
    .unwrap();
    assert_eq!((a.status.stopped, a.status.increased), (1, 1));
}

#[test]
fn latest_period_is_analysed_and_the_series_kept() {
    let mut feb = table(&[("甲", "A区", "34", 5.0, 4.0, 10.0, 8.0, false)]);
    feb.period = Some(Period::new(2023, 2));
    let mut mar = table(&[("甲", "A区", "34", 6.0, 5.0, 16.0, 13.0, false)]);
    mar.period = Some(Period::new(2023, 3));
    let sources = Sources {
        enterprises: vec![mar, feb],
        ..Default::default()
    };
    let a = analyze(&sources, &Settings::default()).unwrap();
    assert_eq!(a.period, Some(Period::new(2023, 3)));
    assert_eq!(a.extra.trend.len(), 2);
    assert!(close(
        a.extra.trend[0].output_growth_pct.unwrap(),
        25.0,
        1e-9
    ));
    assert!(close(
        a.extra.trend[1].change_pp.unwrap(),
        (16.0 / 13.0 - 1.0) * 100.0 - 25.0,
        1e-9
    ));
    let feb_only = analyze(
        &sources,
        &Settings {
            period: Some(Period::new(2023, 2)),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(close(feb_only.city.output, 10.0, 1e-12));
    assert!(analyze(
        &sources,
        &Settings {
            period: Some(Period::new(2023, 4)),
            ..Default::default()
        }
    )
    .is_err());
}

#[test]
fn region_targets_apply_the_same_arithmetic_per_region() {
    // 城东区: A12 = 150, B12 = 140; 河西县: A12 = 60, B12 = 60. City BQ = 310.
    let t = table(&[
        ("甲", "城东区", "34", 100.0, 95.0, 150.0, 140.0, false),
        ("乙", "河西县", "13", 30.0, 30.0, 60.0, 60.0, false),
    ]);
    let sources = Sources {
        enterprises: vec![t],
        targets: Some(Targets {
            quarter_end_month: 3,
            output_growth_target_pct: 8.0,
            prior_quarter_output: 310.0,
            value_added_growth_target_pct: None,
        }),
        region_targets: vec![
            RegionTarget {
                region: "城东区".into(),
                output_growth_target_pct: 10.0,
                prior_quarter_output: Some(220.0),
            },
            RegionTarget {
                region: "河西县".into(),
                output_growth_target_pct: 5.0,
                prior_quarter_output: None,
            },
            RegionTarget {
                region: "不存在县".into(),
                output_growth_target_pct: 5.0,
                prior_quarter_output: Some(10.0),
            },
        ],
        ..Default::default()
    };
    let a = analyze(&sources, &Settings::default()).unwrap();
    let rows = &a.extra.region_targets;
    assert_eq!(rows.len(), 2, "a region without enterprises is left out");
    let east = &rows[0];
    assert_eq!(east.region, "城东区");
    assert!(!east.estimated_base);
    assert!(close(east.target.required_quarter_output, 242.0, 1e-9));
    assert!(close(east.target.required_remaining_output, 92.0, 1e-9));
    // Remaining base 220 − 140 = 80: 92 / 80 − 1 = 15 %.
    assert!(close(
        east.target.required_remaining_growth_pct.unwrap(),
        15.0,
        1e-9
    ));
    let growth = (150.0 / 140.0 - 1.0) * 100.0;
    assert!(close(east.target.pp_to_go.unwrap(), 10.0 - growth, 1e-9));
    // No base in the sheet: the city's BQ scaled by the region's share of B12, 310 × 60/200.
    let west = &rows[1];
    assert!(west.estimated_base);
    assert!(close(west.target.prior_quarter_output, 93.0, 1e-9));
    assert!(close(west.target.required_quarter_output, 97.65, 1e-9));
    // Flat growth carried on: forecast = 60 + (93 − 60) × 1.0.
    assert!(close(west.target.forecast_quarter_output, 93.0, 1e-9));
}

#[test]
fn two_tables_of_one_period_merge_by_code_with_the_later_winning() {
    let mut a = table(&[
        ("甲", "城东区", "34", 10.0, 9.0, 20.0, 18.0, false),
        ("乙", "河西县", "13", 5.0, 5.0, 10.0, 10.0, false),
    ]);
    a.codes = vec![Some("91A".into()), None];
    a.file = "城东.xlsx".into();
    let mut b = table(&[
        ("甲（更正）", "城东区", "34", 12.0, 9.0, 22.0, 18.0, false),
        ("丙", "河西县", "26", 3.0, 2.0, 6.0, 4.0, false),
    ]);
    b.codes = vec![Some("91A".into()), None];
    b.file = "更正.xlsx".into();
    let (merged, both) = a.merged_with(&b, &|i| {
        a.codes[i].is_some() && b.codes.contains(&a.codes[i])
    });
    assert_eq!(both, 1);
    assert_eq!(merged.names, ["乙", "甲（更正）", "丙"]);
    assert_eq!(merged.cum_output, [10.0, 22.0, 6.0]);

    let sources = Sources {
        enterprises: vec![a, b],
        ..Default::default()
    };
    let last_only = analyze(&sources, &Settings::default()).unwrap();
    assert_eq!(
        last_only.city.enterprises, 2,
        "without merging, the later table"
    );
    let settings = Settings {
        merge_same_period: true,
        ..Default::default()
    };
    let merged = analyze(&sources, &settings).unwrap();
    assert_eq!(merged.city.enterprises, 3);
    assert!(close(merged.city.output, 38.0, 1e-9));
}

#[test]
fn context_tables_of_another_period_are_not_used_and_say_so() {
    let t = table(&[("甲", "城东区", "34", 10.0, 9.0, 20.0, 18.0, false)]);
    let sources = Sources {
        enterprises: vec![t],
        regions: vec![RegionGrowthTable {
            file: "县区.xlsx".into(),
            sheet: "增加值".into(),
            period: Some(Period::new(2023, 3)),
            rows: vec![RegionGrowthRow {
                name: "城东区".into(),
                growth_pct: 5.0,
            }],
            city_growth_pct: Some(5.0),
        }],
        ..Default::default()
    };
    let a = analyze(&sources, &Settings::default()).unwrap();
    assert_eq!(a.city.value_added_growth_pct, None);
    assert_eq!(a.warnings.len(), 1);
    assert_eq!(a.warnings[0].at.file, "县区.xlsx");
    assert_eq!(
        a.warnings[0].message,
        "县区增加值增速表的报告期（2023年1-3月）与已载入的企业表（2023年1-2月）不一致，未使用"
    );
}

/// The same month twice, once keyed by 统一社会信用代码 and once by 组织机构代码 (with
/// the dash): the two share every enterprise and are never added up.
#[test]
fn the_same_enterprises_keyed_by_other_codes_are_not_added_up() {
    let rows = [
        (
            "甲机械有限公司",
            "城东区",
            "34",
            10.0,
            9.0,
            20.0,
            18.0,
            false,
        ),
        (
            "乙食品有限公司",
            "河西县",
            "13",
            5.0,
            5.0,
            10.0,
            10.0,
            false,
        ),
    ];
    let mut a = table(&rows);
    a.codes = vec![
        Some("91360100MA35L0XK1A".into()),
        Some("91360100MA35L0XK2B".into()),
    ];
    a.file = "企业.xlsx".into();
    let mut b = table(&rows);
    b.codes = vec![Some("MA35L0XK-1".into()), Some("MA35L0XK2".into())];
    b.file = "企业.xls".into();
    let sources = Sources {
        enterprises: vec![a, b],
        ..Default::default()
    };
    for merge in [false, true] {
        let settings = Settings {
            merge_same_period: merge,
            ..Default::default()
        };
        let got = analyze(&sources, &settings).unwrap();
        assert_eq!(got.city.enterprises, 2, "merge: {merge}");
        assert!(close(got.city.output, 30.0, 1e-9));
        assert!(
            got.notes.iter().any(|n| n.message.contains("2户企业重复")),
            "{:?}",
            got.notes
        );
    }
}

#[test]
fn highlights_name_the_pillar_the_strong_districts_and_the_counties() {
    // Rows: (name, region, division, month, month prior, cum, cum prior, new).
    let t = table(&[
        ("甲", "A区", "34", 10.0, 9.0, 300.0, 250.0, false), // pillar, +20 %
        ("乙", "B区", "13", 5.0, 4.0, 60.0, 50.0, false),    // +20 %
        ("丙", "C区", "26", 4.0, 4.0, 41.0, 40.0, false),    // +2.5 %
        ("丁", "D县", "26", 4.0, 4.0, 44.0, 40.0, true),     // +10 %
        ("戊", "E县", "26", 0.0, 4.0, 20.0, 40.0, true),     // −50 %, pull −20/430
        ("己", "F县", "26", 3.0, 4.0, 9.9, 10.0, false),     // −1 %, pull −0.02 (too small)
    ]);
    let sources = Sources {
        enterprises: vec![t],
        ..Default::default()
    };
    let a = analyze(&sources, &Settings::default()).unwrap();
    let h = &a.highlights;
    let city_growth = a.city.output_growth_pct.unwrap();
    assert!(close(city_growth, (474.9 / 430.0 - 1.0) * 100.0, 1e-9));
    let pillar = h.pillar.as_ref().unwrap();
    assert_eq!(pillar.name, "A区");
    assert!(close(
        pillar.share_pct.unwrap(),
        300.0 / 474.9 * 100.0,
        1e-9
    ));
    // B区 is above the city's growth; the pillar is left out; C区 is below.
    assert_eq!(h.strong_districts, ["B区"]);
    assert_eq!(h.positive_counties, ["D县"]);
    assert_eq!(h.negative_pull_counties.len(), 1);
    assert_eq!(h.negative_pull_counties[0].name, "E县");
    assert!(close(
        h.negative_pull_counties[0].pull_pp,
        -20.0 / 430.0 * 100.0,
        1e-9
    ));
    let n = h.new_entrants.as_ref().unwrap();
    assert_eq!((n.enterprises, n.stopped, n.reduced), (2, 1, 0));
    assert!(close(n.output, 64.0, 1e-9) && close(n.output_prior, 80.0, 1e-9));
    assert!(close(n.pull_pp.unwrap(), -16.0 / 430.0 * 100.0, 1e-9));
    let json = serde_json::to_value(&a).unwrap();
    assert!(json["highlights"]["pillar"]["share_pct"].is_number());
    assert!(json["transitions"].is_null(), "one period loaded");
}

#[test]
fn transitions_follow_each_enterprise_between_two_periods_by_every_key() {
    // January: (name, region, division, month, month prior, cum, cum prior, new).
    let mut jan = table(&[
        ("恢复甲", "A区", "34", 0.0, 8.0, 0.0, 8.0, false), // stopped
        ("停产乙", "A区", "34", 10.0, 8.0, 10.0, 8.0, false), // increased
        ("转减丙", "B县", "34", 9.0, 8.0, 9.0, 8.0, false), // increased
        ("转增丁", "B县", "34", 7.0, 8.0, 7.0, 8.0, false), // reduced
        ("仍停戊", "B县", "34", 0.0, 8.0, 0.0, 8.0, false), // stopped
        ("仍减己", "A区", "34", 6.0, 8.0, 6.0, 8.0, false), // reduced
        ("退出庚", "A区", "34", 6.0, 8.0, 6.0, 8.0, false),
    ]);
    jan.period = Some(Period::new(2023, 1));
    // 停产乙 is keyed by its USCC in January and by its 组织机构代码 in February.
    jan.codes[1] = Some("91360100MA0000001X".into());
    let mut feb = table(&[
        ("恢复甲", "A区", "34", 10.0, 8.0, 10.0, 16.0, false),
        ("停产乙（更名）", "A区", "34", 0.0, 8.0, 10.0, 16.0, false),
        ("转减丙", "B县", "34", 5.0, 8.0, 14.0, 16.0, false),
        ("转增丁", "B县", "34", 9.0, 8.0, 16.0, 16.0, false),
        ("仍停戊", "B县", "34", 0.0, 8.0, 0.0, 16.0, false),
        ("仍减己", "A区", "34", 6.0, 8.0, 12.0, 16.0, false),
        ("新入辛", "A区", "34", 5.0, 0.0, 5.0, 0.0, true),
    ]);
    feb.period = Some(Period::new(2023, 2));
    feb.codes[1] = Some("MA000000-1".into());
    let sources = Sources {
        enterprises: vec![jan, feb],
        ..Default::default()
    };
    let a = analyze(&sources, &Settings::default()).unwrap();
    let t = a.transitions.as_ref().expect("two periods loaded");
    assert_eq!(t.from, Period::new(2023, 1));
    let n = |s: &industry_monitor::analysis::TransitionSet| s.enterprises;
    assert_eq!(
        [
            n(&t.newly_stopped),
            n(&t.resumed),
            n(&t.turned_down),
            n(&t.turned_up),
            n(&t.still_stopped),
            n(&t.still_reduced)
        ],
        [1, 1, 1, 1, 1, 1]
    );
    assert_eq!((t.entered, t.left), (1, 1));
    let base = a.city.month_output_prior;
    assert!(close(
        t.newly_stopped.month_pull_pp.unwrap(),
        -8.0 / base * 100.0,
        1e-9
    ));
    assert!(close(
        t.resumed.month_pull_pp.unwrap(),
        2.0 / base * 100.0,
        1e-9
    ));
    let b = t.regions.iter().find(|r| r.name == "B县").unwrap();
    assert_eq!(
        (b.newly_stopped, b.resumed, b.turned_down, b.turned_up),
        (0, 0, 1, 1)
    );
    assert_eq!(t.regions.len(), a.regions.len());
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(
        json["transitions"]["from"],
        serde_json::json!({"year": 2023, "month": 1})
    );
    assert!(json["transitions"]["still_reduced"]["month_pull_pp"].is_number());
}
