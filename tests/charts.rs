//! The charts drawn as SVG for the demo city: every mark has a hit box inside the
//! picture, tooltips carry the analysis's figures, clicks select what the tables filter
//! by, and untrusted names stay text.

mod support;

use industry_monitor::analysis::{analyze, Analysis, Settings};
use industry_monitor::charts::{hit_at, svg, ChartKind, Selection};
use industry_monitor::report::format::fixed;

const W: u32 = 640;
const H: u32 = 420;

fn demo() -> Analysis {
    analyze(&support::demo_sources(), &Settings::default()).unwrap()
}

#[test]
fn every_chart_draws_with_hit_boxes_inside_the_picture() {
    let a = demo();
    for kind in ChartKind::ALL {
        let (doc, hits) = svg(kind, &a, W, H, false).unwrap();
        assert!(doc.starts_with("<svg"), "{kind:?}");
        assert!(
            doc.contains(kind.title()) || kind == ChartKind::Regions,
            "{kind:?} caption"
        );
        assert!(!hits.is_empty(), "{kind:?} has marks");
        for h in &hits {
            assert!(h.x0 <= h.x1 && h.y0 <= h.y1, "{kind:?} {h:?}");
            assert!(h.x0 >= 0 && h.y0 >= 0, "{kind:?} {h:?}");
            assert!(h.x1 <= W as i32 && h.y1 <= H as i32, "{kind:?} {h:?}");
            assert!(!h.tooltip(&a).is_empty());
        }
    }
}

#[test]
fn region_bars_select_regions_and_the_pointer_finds_them() {
    let a = demo();
    let (doc, hits) = svg(ChartKind::Regions, &a, W, H, false).unwrap();
    assert!(
        doc.contains("分县（市、区）工业增加值增速"),
        "value added when loaded"
    );
    assert_eq!(hits.len(), a.regions.len());
    for (h, r) in hits.iter().zip(&a.regions) {
        assert_eq!(h.select, Some(Selection::Region(r.name.clone())));
        assert!(h.tooltip(&a).starts_with(&r.name));
        let (x, y) = ((h.x0 + h.x1) / 2, (h.y0 + h.y1) / 2);
        assert_eq!(hit_at(&hits, x, y), Some(h));
    }
    assert!(doc.contains(&format!(
        "全市 {}",
        fixed(a.city.value_added_growth_pct.unwrap(), 1)
    )));
    assert!(doc.contains(&format!(
        "全省 {}",
        fixed(a.city.province_value_added_growth_pct.unwrap(), 1)
    )));
    assert_eq!(hit_at(&hits, -5, -5), None);
}

#[test]
fn the_pull_waterfall_ends_at_the_city_growth() {
    let a = demo();
    let (_, hits) = svg(ChartKind::Pull, &a, W, H, false).unwrap();
    assert_eq!(hits.len(), a.regions.len() + 1, "regions and the city");
    let last_region = &hits[hits.len() - 2].tooltip(&a);
    let city = fixed(a.city.output_growth_pct.unwrap(), 1);
    assert!(
        last_region.ends_with(&format!("累计至 {city}%")),
        "{last_region} vs {city}"
    );
    assert_eq!(hits.last().unwrap().select, None);
}

#[test]
fn industry_chart_shows_the_largest_pulls_both_ways() {
    let a = demo();
    let (_, hits) = svg(ChartKind::Industries, &a, W, H, false).unwrap();
    assert!(hits.len() <= 15);
    let best = a
        .industries
        .iter()
        .max_by(|x, y| x.pull_pp.unwrap().total_cmp(&y.pull_pp.unwrap()))
        .unwrap();
    assert_eq!(hits[0].select, Some(Selection::Industry(best.code.clone())));
    assert!(hits
        .iter()
        .all(|h| matches!(h.select, Some(Selection::Industry(_)))));
}

#[test]
fn scatter_has_a_mark_per_comparable_enterprise_and_the_quadrant() {
    let a = demo();
    let (_, hits) = svg(ChartKind::Scatter, &a, W, H, false).unwrap();
    let comparable = a
        .enterprises
        .iter()
        .filter(|e| e.output > 0.0 && e.output_growth_pct.is_some())
        .count();
    assert_eq!(hits.len(), comparable + 1);
    assert!(hits[0]
        .tooltip(&a)
        .starts_with("规模前50位且产值下降的企业"));
    assert!(hits[1].tooltip(&a).contains("累计产值"));
}

#[test]
fn status_counts_and_trend_points() {
    let a = demo();
    let (doc, hits) = svg(ChartKind::Status, &a, W, H, false).unwrap();
    // Four statuses; 新入规 overlaps them, so it is a mark in the caption, not a bar.
    assert_eq!(hits.len(), 4);
    assert!(doc.contains(&format!("其中新入规{}户", a.status.new)));
    assert!(hits[0]
        .tooltip(&a)
        .starts_with(&format!("增产企业 {} 户", a.status.increased)));
    let (_, hits) = svg(ChartKind::Trend, &a, W, H, false).unwrap();
    assert_eq!(hits.len(), 2, "1-2月 and 1-3月");
    assert!(hits[1].tooltip(&a).starts_with("2023年1-3月"));
}

#[test]
fn untrusted_names_stay_text_in_the_svg() {
    let mut a = demo();
    a.regions[0].name = "<img src=x onerror=alert(1)>".into();
    a.enterprises[0].name = "<script>alert(1)</script>".into();
    for kind in ChartKind::ALL {
        let (doc, _) = svg(kind, &a, W, H, false).unwrap();
        assert!(!doc.contains("<img"), "{kind:?}");
        assert!(!doc.contains("<script"), "{kind:?}");
    }
}

#[test]
fn nothing_to_draw_says_so() {
    let mut a = demo();
    a.regions.clear();
    a.extra.trend.truncate(1);
    let (doc, hits) = svg(ChartKind::Pull, &a, W, H, false).unwrap();
    assert!(hits.is_empty());
    assert!(doc.contains("没有可显示的数据"));
    let (doc, _) = svg(ChartKind::Trend, &a, W, H, false).unwrap();
    assert!(doc.contains("两个及以上报告期"));
}

#[test]
fn target_chart_shows_done_forecast_and_required() {
    let a = demo();
    let t = a.target.clone().unwrap();
    let (_, hits) = svg(ChartKind::Target, &a, W, 220, false).unwrap();
    assert_eq!(hits.len(), 3);
    assert!(hits[0]
        .tooltip(&a)
        .contains(&format!("已完成 {} 亿元", fixed(a.city.output, 1))));
    assert!(hits[2]
        .tooltip(&a)
        .ends_with(&format!("需 {} 亿元", fixed(t.required_quarter_output, 1))));
    let mut none = a;
    none.target = None;
    let (doc, hits) = svg(ChartKind::Target, &none, W, 220, false).unwrap();
    assert!(hits.is_empty() && doc.contains("填写目标后显示"));
}
