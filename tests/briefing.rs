//! The briefing's wording and figures: 增长/下降 by sign, 百分点, ranks, sentences left out
//! when their data is missing, never "**", "null" or "NaN".

mod support;

use industry_monitor::analysis::{analyze, Settings};
use industry_monitor::model::{
    CityGrowthRow, CityGrowthTable, EnterpriseTable, Period, RegionGrowthRow, RegionGrowthTable,
    RegionTarget, Sources, Targets,
};
use industry_monitor::report::briefing::{briefing, plain_text};

/// (name, region, month, month_prior, cum, cum_prior) in 示例市, all in division 34.
fn table(rows: &[(&str, &str, f64, f64, f64, f64)]) -> EnterpriseTable {
    let rows: Vec<support::Row> = rows
        .iter()
        .map(|r| (r.0, r.1, "34", r.2, r.3, r.4, r.5, false))
        .collect();
    EnterpriseTable {
        city: Some("示例市".into()),
        ..support::enterprise_table(&rows)
    }
}

fn text(sources: &Sources, settings: &Settings) -> String {
    plain_text(&briefing(&analyze(sources, settings).unwrap()))
}

fn clean(t: &str) {
    for bad in ["**", "null", "NaN", "None", "增长-", "inf"] {
        assert!(!t.contains(bad), "{bad:?} in:\n{t}");
    }
}

#[test]
fn falling_output_says_下降_and_missing_tables_drop_their_sentences() {
    // Output 190 vs 200: -5.0 %. Month 90 vs 100: -10.0 %.
    let t = table(&[
        ("甲", "城东区", 60.0, 50.0, 130.0, 120.0),
        ("乙", "河西县", 30.0, 50.0, 60.0, 80.0),
    ]);
    let s = text(
        &Sources {
            enterprises: vec![t],
            ..Default::default()
        },
        &Settings::default(),
    );
    clean(&s);
    assert!(
        s.contains("1-2月份，全市2户规上工业企业完成工业总产值0.0亿元")
            || s.contains("完成工业总产值190.0亿元"),
        "{s}"
    );
    assert!(s.contains("同比下降5.0%"), "{s}");
    assert!(
        s.contains("2月份当月完成产值90.0亿元，同比下降10.0%"),
        "{s}"
    );
    assert!(
        !s.contains("增加值同比"),
        "no value-added table, no value-added sentence: {s}"
    );
    assert!(!s.contains("全省"), "{s}");
    assert!(!s.contains("按照"), "no target, no target paragraph: {s}");
    assert!(s.contains("1区产值1升0降，1县（市）产值0升1降"), "{s}");
    assert!(
        s.contains("河西县为负向拉动，下拉全市产值增速10.0个百分点"),
        "{s}"
    );
    assert!(
        s.contains("全市还有减产企业1户"),
        "zero counts are left out: {s}"
    );
}

#[test]
fn full_context_and_target() {
    let t = table(&[
        ("甲", "城东区", 100.0, 95.0, 150.0, 140.0),
        ("乙", "河西县", 30.0, 30.0, 60.0, 60.0),
    ]);
    let regions = RegionGrowthTable {
        period: Some(Period::new(2023, 2)),
        rows: vec![
            RegionGrowthRow {
                name: "城东区".into(),
                growth_pct: 8.0,
            },
            RegionGrowthRow {
                name: "河西县".into(),
                growth_pct: -1.0,
            },
        ],
        city_growth_pct: Some(8.1),
        ..Default::default()
    };
    let cities = CityGrowthTable {
        period: Some(Period::new(2023, 2)),
        rows: ["甲市", "示例市", "乙市", "丙市", "丁市", "戊市"]
            .iter()
            .zip([9.0, 8.1, 7.0, 6.5, 8.5, 10.2])
            .map(|(n, g)| CityGrowthRow {
                name: n.to_string(),
                growth_pct: g,
                unit: None,
            })
            .collect(),
        province_growth_pct: Some(6.4),
        nation_growth_pct: Some(5.9),
        ..Default::default()
    };
    let sources = Sources {
        enterprises: vec![t],
        regions: vec![regions],
        cities: vec![cities],
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
    let s = text(&sources, &settings);
    clean(&s);
    // 朔州-style sentence: 8.1 vs 6.4 and 5.9 → 1.7 and 2.2 百分点, rank 4 of 6.
    assert!(
        s.contains(
            "工业增加值同比增长8.1%，高于全省1.7个百分点，高于全国2.2个百分点，位列全省第4位"
        ),
        "{s}"
    );
    assert!(s.contains("1区增加值1升0降，1县（市）增加值0升1降"), "{s}");
    // T1: A12 = 210, B12 = 200, BQ = 310, 8 % → 3月份当月产值要完成124.8亿元, +13.5 %, 再增加3.0个百分点.
    // The speech's shape: the quarter's gap on the growth so far, the target as given,
    // then the last month's own figure.
    assert!(
        s.contains("一季度要在1-2月份产值增长5.0%的基础上，再增加3.0个百分点，达到8%的产值增长，一季度需完成产值334.8亿元；3月份当月产值要完成124.8亿元，同比需增长13.5%"),
        "{s}"
    );
    assert!(
        s.contains("按当前增速测算，预计一季度完成产值325.5亿元"),
        "{s}"
    );
    assert!(s.contains("距目标还差9.3亿元"), "{s}");
}

#[test]
fn region_targets_name_the_regions_behind() {
    let t = table(&[
        ("甲", "城东区", 100.0, 95.0, 150.0, 140.0),
        ("乙", "河西县", 30.0, 30.0, 60.0, 60.0),
    ]);
    let region = |name: &str, target: f64, prior: f64| RegionTarget {
        region: name.into(),
        output_growth_target_pct: target,
        prior_quarter_output: Some(prior),
    };
    let sources = |targets: Vec<RegionTarget>| Sources {
        enterprises: vec![t.clone()],
        targets: Some(Targets {
            quarter_end_month: 3,
            output_growth_target_pct: 8.0,
            prior_quarter_output: 310.0,
            value_added_growth_target_pct: None,
        }),
        region_targets: targets,
        ..Default::default()
    };
    // 城东区 grows 7.1 % carried on: forecast 150 + 80 × 1.0714 = 235.7 vs required 242
    // (gap 6.3); 河西县 flat: 60 + 30 = 90 vs 90 × 0.99 = 89.1, on track.
    let s = text(
        &sources(vec![
            region("城东区", 10.0, 220.0),
            region("河西县", -1.0, 90.0),
        ]),
        &Settings::default(),
    );
    clean(&s);
    assert!(
        s.contains("分县区看，预计1个县（市、区）可完成目标；城东区完成有难度，差6.3亿元。"),
        "{s}"
    );
    let s = text(
        &sources(vec![
            region("城东区", 1.0, 220.0),
            region("河西县", -1.0, 90.0),
        ]),
        &Settings::default(),
    );
    assert!(
        s.contains("分县区看，预计2个县（市、区）均可完成目标。"),
        "{s}"
    );
    let s = text(&sources(Vec::new()), &Settings::default());
    assert!(
        !s.contains("分县区看，预计"),
        "no region targets, no sentence"
    );
}

#[test]
fn the_cli_summary_says_持平_where_the_briefing_does() {
    // 6.42 vs 6.40 is +0.02 百分点: shown as 0.0, so 与全省持平 in every text; -0.04
    // below the nation likewise.
    let t = table(&[
        ("甲", "城东区", 60.0, 50.0, 130.0, 120.0),
        ("乙", "河西县", 30.0, 50.0, 60.0, 80.0),
    ]);
    let cities = CityGrowthTable {
        period: Some(Period::new(2023, 2)),
        rows: ["甲市", "示例市", "乙市"]
            .iter()
            .zip([9.0, 6.42, 7.0])
            .map(|(n, g)| CityGrowthRow {
                name: n.to_string(),
                growth_pct: g,
                unit: None,
            })
            .collect(),
        province_growth_pct: Some(6.40),
        nation_growth_pct: Some(6.46),
        ..Default::default()
    };
    let sources = Sources {
        enterprises: vec![t],
        cities: vec![cities],
        ..Default::default()
    };
    let a = analyze(&sources, &Settings::default()).unwrap();
    let speech = plain_text(&briefing(&a));
    let summary = industry_monitor::report::summary::summary_text(&a);
    for text in [&speech, &summary] {
        assert!(text.contains("与全省持平"), "{text}");
        assert!(text.contains("与全国持平"), "{text}");
        assert!(!text.contains("全省0.0"), "{text}");
        assert!(!text.contains("全国0.0"), "{text}");
        assert!(text.contains("第3位"), "{text}");
    }
}

#[test]
fn the_speech_shapes_name_the_pillar_the_districts_and_the_counties() {
    let mut t = table(&[
        ("甲", "A区", 10.0, 9.0, 300.0, 250.0),
        ("乙", "B区", 5.0, 4.0, 60.0, 50.0),
        ("丙", "C区", 4.0, 4.0, 41.0, 40.0),
        ("丁", "D县", 4.0, 4.0, 44.0, 40.0),
        ("戊", "E县", 0.0, 4.0, 20.0, 40.0),
        ("己", "F县", 3.0, 4.0, 9.9, 10.0),
    ]);
    t.period = Some(Period::new(2023, 2));
    t.is_new[3] = true;
    t.is_new[4] = true;
    let a = analyze(
        &Sources {
            enterprises: vec![t],
            ..Default::default()
        },
        &Settings::default(),
    )
    .unwrap();
    let p = briefing(&a);
    let tasks = &p.iter().find(|p| p.id == "tasks").unwrap().text;
    assert!(
        tasks.starts_with("A区是我市工业经济增长的基石，1-2月份产值占全市的63.2%"),
        "{tasks}"
    );
    assert!(
        tasks.contains("B区1-2月份发展形势较好的1个区要加压加力"),
        "{tasks}"
    );
    assert!(
        tasks.contains("D县这一个1-2月份产值正增长的县（市）"),
        "{tasks}"
    );
    assert!(
        tasks.contains("E县这一个1-2月份对全市负向拉动较大的县（市）"),
        "{tasks}"
    );
    let new = &p.iter().find(|p| p.id == "new").unwrap().text;
    assert!(
        new.starts_with("去年新纳入规上企业2户，1-2月份完成产值"),
        "{new}"
    );
    assert!(new.contains("停产1户"), "{new}");
    let status = &p.iter().find(|p| p.id == "status").unwrap().text;
    assert!(!status.contains("0户"), "{status}");
}

/// 县区×月份: every region's cumulative growth in each loaded month of the year, the
/// city first, as the trend holds them; none with one period.
#[test]
fn the_region_by_month_table_follows_each_region_through_the_year() {
    use industry_monitor::report::tables::region_months;
    let mut sources = support::demo_sources();
    let a = analyze(&sources, &Settings::default()).unwrap();
    let t = region_months(&a).expect("two months loaded");
    let headers: Vec<&str> = t.columns.iter().map(|c| c.header).collect();
    assert_eq!(headers, ["县（市、区）", "1-2月", "1-3月"]);
    assert_eq!(t.rows.len(), a.regions.len() + 1);
    assert_eq!(t.rows[0][2].number(), a.city.output_growth_pct);
    for (row, r) in t.rows[1..].iter().zip(&a.regions) {
        assert_eq!(row[0].display(), r.name);
        assert_eq!(row[2].number(), r.output_growth_pct, "{}", r.name);
        assert_eq!(a.region_series(&r.name).len(), 2);
    }
    sources
        .enterprises
        .retain(|t| t.period.is_some_and(|p| p.month == 3));
    let a = analyze(&sources, &Settings::default()).unwrap();
    assert!(region_months(&a).is_none());
}

/// 位次较上月: said when both periods have the province table, from the table of exactly the
/// earlier period; never from another period's table standing in for it.
#[test]
fn the_province_rank_moves_since_the_previous_period_only_when_both_tables_are_loaded() {
    let mut sources = support::demo_sources();
    let settings = industry_monitor::analysis::Settings::default();
    let a = industry_monitor::analysis::analyze(&sources, &settings).unwrap();
    let (before, up) = a
        .rank_since_previous()
        .expect("both months have the province table");
    assert_eq!(before.month, 2);
    let then = a.previous_point().unwrap().province_rank.unwrap() as i64;
    assert_eq!(then - a.city.province_rank.unwrap() as i64, up);
    let text = industry_monitor::report::briefing::briefing(&a)
        .into_iter()
        .map(|p| p.text)
        .collect::<String>();
    assert!(
        text.contains(&industry_monitor::report::phrases::rank_since(
            up,
            "1-2月份"
        )),
        "{text}"
    );
    sources
        .cities
        .retain(|t| t.period.is_some_and(|p| p.month == 3));
    let a = industry_monitor::analysis::analyze(&sources, &settings).unwrap();
    assert_eq!(a.rank_since_previous(), None);
    assert!(!industry_monitor::report::briefing::briefing(&a)
        .iter()
        .any(|p| p.text.contains("位次较")));
}
