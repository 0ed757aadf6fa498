//! 增加值测算 (contract → Extensions → `va_estimate`) against figures computed here from
//! the raw numbers: test vector T3, the month basis, the fallbacks, regions, calibration
//! and the target block.

mod support;

use industry_monitor::analysis::{analyze, Settings};
use industry_monitor::model::{
    PriceIndex, PriceIndexTable, RegionGrowthRow, RegionGrowthTable, Sources, Targets, VaRateTable,
};

fn close(a: Option<f64>, b: f64, what: &str) {
    let a = a.unwrap_or_else(|| panic!("{what}: null"));
    assert!((a - b).abs() < 1e-9, "{what}: {a} vs {b}");
}

fn rates(rows: &[(&str, f64)], all: Option<f64>) -> VaRateTable {
    VaRateTable {
        file: "率.xlsx".into(),
        sheet: "增加值率".into(),
        rows: rows.iter().map(|(c, r)| (c.to_string(), *r)).collect(),
        all_industry: all,
    }
}

fn prices(rows: &[(&str, f64, f64)], all: Option<(f64, f64)>) -> PriceIndexTable {
    PriceIndexTable {
        file: "ppi.xlsx".into(),
        sheet: "PPI".into(),
        period: None,
        rows: rows
            .iter()
            .map(|(c, m, k)| {
                (
                    c.to_string(),
                    PriceIndex {
                        month: Some(*m),
                        cumulative: Some(*k),
                    },
                )
            })
            .collect(),
        all_industry: all.map(|(m, k)| PriceIndex {
            month: Some(m),
            cumulative: Some(k),
        }),
    }
}

#[test]
fn test_vector_t3() {
    // k1: output 100 → 103, PPI 97, rate 0.25; k2: 50 → 55, PPI 101, rate 0.30.
    let t = support::enterprise_table(&[
        ("甲", "城东区", "34", 40.0, 38.0, 103.0, 100.0, false),
        ("乙", "河西县", "36", 20.0, 19.0, 55.0, 50.0, false),
    ]);
    let sources = Sources {
        enterprises: vec![t],
        va_rates: vec![rates(&[("34", 0.25), ("36", 0.30)], None)],
        price_indices: vec![prices(&[("34", 96.0, 97.0), ("36", 102.0, 101.0)], None)],
        ..Default::default()
    };
    let a = analyze(&sources, &Settings::default()).unwrap();
    let va = a.va_estimate.as_ref().expect("va_estimate");
    let expected =
        (0.25 * 103.0 / 0.97 + 0.30 * 55.0 / 1.01) / (0.25 * 100.0 + 0.30 * 50.0) * 100.0 - 100.0;
    close(va.growth_pct, expected, "growth");
    assert_eq!(
        industry_monitor::report::format::fixed(va.growth_pct.unwrap(), 2),
        "7.21"
    );
    let month =
        (0.25 * 40.0 / 0.96 + 0.30 * 20.0 / 1.02) / (0.25 * 38.0 + 0.30 * 19.0) * 100.0 - 100.0;
    close(va.month_growth_pct, month, "month growth");
    assert_eq!(va.official_growth_pct, None);
    assert_eq!(va.calibration_pp, None);
    assert_eq!(va.industries.len(), 2);
    assert_eq!(va.industries[1].code, "36");
    assert!((va.industries[1].rate - 0.30).abs() < 1e-12);
    assert_eq!(va.industries[1].price_index, 101.0);
    close(
        va.industries[1].growth_pct,
        55.0 / 1.01 / 50.0 * 100.0 - 100.0,
        "k2 growth",
    );
    close(
        va.regions
            .iter()
            .find(|r| r.name == "城东区")
            .unwrap()
            .growth_pct,
        103.0 / 0.97 - 100.0,
        "region",
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    let json = serde_json::to_value(&a).unwrap();
    assert!(json["va_estimate"]["growth_pct"].is_number());
    assert!(json["va_estimate"]["target"].is_null());
}

#[test]
fn fallbacks_are_warnings_naming_the_division_and_calibration_and_target_follow_the_contract() {
    let t = support::enterprise_table(&[
        ("甲", "城东区", "34", 40.0, 38.0, 103.0, 100.0, false),
        ("乙", "河西县", "36", 20.0, 19.0, 55.0, 50.0, false),
        ("丙", "河西县", "13", 10.0, 10.0, 30.0, 25.0, false),
    ]);
    let sources = Sources {
        enterprises: vec![t],
        // 13 has no rate: the 全部工业 row's 0.2. 36 has no index: the 全部工业 row's.
        va_rates: vec![rates(&[("34", 0.25), ("36", 0.30)], Some(0.2))],
        price_indices: vec![prices(
            &[("34", 96.0, 97.0), ("13", 99.0, 98.0)],
            Some((100.5, 101.0)),
        )],
        regions: vec![RegionGrowthTable {
            rows: vec![RegionGrowthRow {
                name: "城东区".into(),
                growth_pct: 5.0,
            }],
            city_growth_pct: Some(8.0),
            ..Default::default()
        }],
        ..Default::default()
    };
    let settings = Settings {
        targets: Some(Targets {
            quarter_end_month: 3,
            output_growth_target_pct: 8.0,
            prior_quarter_output: 270.0,
            value_added_growth_target_pct: Some(9.0),
        }),
        ..Default::default()
    };
    let a = analyze(&sources, &settings).unwrap();
    let va = a.va_estimate.as_ref().unwrap();
    // (division, rate, 1-本月 index, output, prior)
    let k = [
        ("34", 0.25, 97.0, 103.0, 100.0),
        ("36", 0.30, 101.0, 55.0, 50.0),
        ("13", 0.2, 98.0, 30.0, 25.0),
    ];
    let now: f64 = k.iter().map(|d| d.1 * d.3 / (d.2 / 100.0)).sum();
    let base: f64 = k.iter().map(|d| d.1 * d.4).sum();
    let g = now / base * 100.0 - 100.0;
    close(va.growth_pct, g, "growth");
    close(va.official_growth_pct, 8.0, "official");
    close(va.calibration_pp, 8.0 - g, "calibration");
    let east = va.regions.iter().find(|r| r.name == "城东区").unwrap();
    close(east.official_growth_pct, 5.0, "region official");
    close(
        east.calibration_pp,
        5.0 - (103.0 / 0.97 - 100.0),
        "region calibration",
    );
    let messages: Vec<&str> = a.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        messages.iter().any(|m| m.contains("13 农副食品加工业")
            && m.contains("增加值率")
            && m.contains("20.0%")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("36 汽车制造业") && m.contains("1-本月")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("36 汽车制造业") && m.contains("当月")),
        "{messages:?}"
    );

    // The target: X so that the calibrated quarter estimate reaches 9 %.
    let (total, total_prior): (f64, f64) = (188.0, 175.0);
    let r = 270.0 - total_prior;
    let t_shifted = 9.0 - (8.0 - g);
    let num = (1.0 + t_shifted / 100.0)
        * k.iter()
            .map(|d| d.1 * (d.4 + d.4 / total_prior * r))
            .sum::<f64>()
        - now;
    let den: f64 = k.iter().map(|d| d.1 * (d.3 / total) / (d.2 / 100.0)).sum();
    let x = num / den;
    let target = va.target.as_ref().expect("target block");
    assert_eq!(target.va_growth_target_pct, 9.0);
    close(Some(target.required_remaining_output), x, "required output");
    close(
        target.required_remaining_growth_pct,
        (x / r - 1.0) * 100.0,
        "required growth",
    );
}

#[test]
fn without_a_rate_table_there_is_no_estimate_and_without_prices_every_index_is_100() {
    let t = support::enterprise_table(&[("甲", "城东区", "34", 40.0, 38.0, 103.0, 100.0, false)]);
    let mut sources = Sources {
        enterprises: vec![t],
        ..Default::default()
    };
    let a = analyze(&sources, &Settings::default()).unwrap();
    assert!(a.va_estimate.is_none());
    assert!(serde_json::to_value(&a).unwrap()["va_estimate"].is_null());
    // A rate table without a single rate estimates nothing (and does not panic).
    sources.va_rates.push(rates(&[], None));
    assert!(analyze(&sources, &Settings::default())
        .unwrap()
        .va_estimate
        .is_none());
    sources.va_rates.push(rates(&[("34", 0.25)], None));
    let a = analyze(&sources, &Settings::default()).unwrap();
    close(
        a.va_estimate.unwrap().growth_pct,
        3.0,
        "nominal = real at index 100",
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn a_zero_base_gives_null_not_infinity() {
    let t = support::enterprise_table(&[("甲", "城东区", "34", 5.0, 0.0, 10.0, 0.0, true)]);
    let sources = Sources {
        enterprises: vec![t],
        va_rates: vec![rates(&[("34", 0.25)], None)],
        ..Default::default()
    };
    let a = analyze(&sources, &Settings::default()).unwrap();
    let va = a.va_estimate.unwrap();
    assert_eq!(va.growth_pct, None);
    assert_eq!(va.month_growth_pct, None);
}
