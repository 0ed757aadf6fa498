//! Enterprise size (log scale) against cumulative growth; the quadrant of large and
//! falling enterprises — the ones the meeting calls out — is shaded.

use super::{err, message, ChartError, ChartKind, Hit, Style, Tip, REFERENCE};
use crate::analysis::{Analysis, EnterpriseRow, TOP_N};
use crate::report::format::fixed;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor;

/// Growth beyond these is drawn at the edge (a new line or a restart can be +900 %).
const GROWTH_FLOOR: f64 = -100.0;
const GROWTH_CEILING: f64 = 200.0;

/// x: log10 of output in 万元, so the axis reads 1万 … 100亿.
fn log_wan(yi: f64) -> f64 {
    (yi * 1e4).log10()
}

fn axis_label(v: f64) -> String {
    let k = v.round();
    if (v - k).abs() > 1e-6 {
        return String::new();
    }
    match k as i32 {
        k @ 0..=3 => format!("{}万", 10i64.pow(k as u32)),
        k @ 4..=8 => format!("{}亿", 10i64.pow(k as u32 - 4)),
        k if k < 0 => format!("{}万", fixed(10f64.powi(k), (-k) as usize)),
        k => format!("{}亿", 10i64.pow(k as u32 - 4)),
    }
}

pub(super) fn draw<DB: DrawingBackend>(
    a: &Analysis,
    root: &DrawingArea<DB, Shift>,
    style: &Style,
) -> Result<Vec<Hit>, ChartError> {
    let points: Vec<(usize, f64, f64)> = a
        .enterprises
        .iter()
        .enumerate()
        .filter(|(_, e)| e.output > 0.0)
        .filter_map(|(i, e)| {
            let g = e.output_growth_pct?;
            Some((i, log_wan(e.output), g.clamp(GROWTH_FLOOR, GROWTH_CEILING)))
        })
        .collect();
    if points.is_empty() {
        return message(root, style, "没有可比的企业（需要本期和上年同期产值）");
    }
    let (xmin, xmax) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.1), hi.max(p.1))
    });
    let (xmin, xmax) = (xmin.floor(), xmax.ceil().max(xmin.floor() + 1.0));
    let (ymin, ymax) = points
        .iter()
        .fold((0.0f64, 0.0f64), |(lo, hi), p| (lo.min(p.2), hi.max(p.2)));
    let pad = ((ymax - ymin) * 0.05).max(1.0);
    let (ymin, ymax) = (ymin - pad, ymax + pad);

    let large = crate::analysis::large_and_falling(&a.enterprises)
        .map(|(threshold, falling)| (log_wan(threshold), falling));

    let mut chart = ChartBuilder::on(root)
        .caption(ChartKind::Scatter.title(), style.font(15.0))
        .margin(style.px(10.0))
        .margin_right(style.px(20.0))
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(style.px(48.0))
        .build_cartesian_2d(xmin..xmax, ymin..ymax)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_labels(((xmax - xmin) as usize + 1).max(2))
        .x_label_formatter(&|v| axis_label(*v))
        .y_labels(10)
        .y_label_formatter(&|v| fixed(*v, 0))
        .x_desc("累计产值（对数刻度）")
        .y_desc("累计同比 %")
        .label_style(style.font(11.0))
        .axis_desc_style(style.font(11.0))
        .bold_line_style(super::GRID)
        .light_line_style(WHITE)
        .axis_style(REFERENCE)
        .draw()
        .map_err(err)?;

    let mut hits = Vec::with_capacity(points.len() + 1);
    if let Some((x, falling)) = large {
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x, ymin), (xmax, 0.0)],
                style.down.mix(0.08).filled(),
            )))
            .map_err(err)?;
        hits.push(Hit::new(
            chart.backend_coord(&(x, ymin)),
            chart.backend_coord(&(xmax, 0.0)),
            format!("规模前{TOP_N}位且产值下降的企业：{falling}户"),
            None,
        ));
        let (tx, ty) = chart.backend_coord(&(xmax, ymin));
        root.draw(&Text::new(
            format!("规模大且下降（{falling}户）"),
            (tx - style.px(6.0) as i32, ty - style.px(6.0) as i32),
            style
                .font(11.0)
                .color(&style.down)
                .pos(text_anchor::Pos::new(
                    text_anchor::HPos::Right,
                    text_anchor::VPos::Bottom,
                )),
        ))
        .map_err(err)?;
    }
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(xmin, 0.0), (xmax, 0.0)],
            REFERENCE.stroke_width(1),
        )))
        .map_err(err)?;
    let r = style.px(2.5);
    let shown = thinned(&points, r, |x, y| chart.backend_coord(&(x, y)));
    // Falling, then rising: one colour after the other lets the canvas fill each set as
    // one path instead of 20,000 separate fills.
    for falling in [true, false] {
        let color = if falling { style.down } else { style.up };
        chart
            .draw_series(
                shown
                    .iter()
                    .filter(|p| (p.2 < 0.0) == falling)
                    .map(|&(_, x, y)| Circle::new((x, y), r, color.mix(0.55).filled())),
            )
            .map_err(err)?;
    }
    if shown.len() < points.len() {
        let (tx, ty) = chart.backend_coord(&(xmin, ymax));
        root.draw(&Text::new(
            format!(
                "{}户企业，点过密处每格只画一点（共{}点）",
                points.len(),
                shown.len()
            ),
            (tx + style.px(6.0) as i32, ty + style.px(4.0) as i32),
            style.font(10.0).color(&REFERENCE),
        ))
        .map_err(err)?;
    }
    let reach = style.px(4.0) as i32;
    for &(i, x, y) in &shown {
        let (px, py) = chart.backend_coord(&(x, y));
        hits.push(Hit::with_tip(
            (px - reach, py - reach),
            (px + reach, py + reach),
            Tip::Enterprise(i),
            None,
        ));
    }
    Ok(hits)
}

/// Above this many enterprises a point is drawn only where none of its colour is yet.
const THIN_ABOVE: usize = 4_000;

/// The points to draw: all of them for a city's usual thousands; for a huge table one per
/// marker-sized cell and colour, so a million enterprises cost a few tens of thousands of
/// circles (the picture is the same to the eye) and neither the path nor the hit list grows
/// with the rows (a 1,000,000-point path froze the page for 87 s in the rasteriser).
fn thinned(
    points: &[(usize, f64, f64)],
    r: u32,
    to_px: impl Fn(f64, f64) -> (i32, i32),
) -> Vec<(usize, f64, f64)> {
    if points.len() <= THIN_ABOVE {
        return points.to_vec();
    }
    let cell = r.max(1) as i32;
    let mut taken = std::collections::HashSet::new();
    points
        .iter()
        .filter(|&&(_, x, y)| {
            let (px, py) = to_px(x, y);
            taken.insert((px.div_euclid(cell), py.div_euclid(cell), y < 0.0))
        })
        .copied()
        .collect()
}

/// One enterprise's scatter tooltip.
pub(super) fn tooltip(e: &EnterpriseRow) -> String {
    format!(
        "{}（{}）\n累计产值 {} 亿元，同比 {}%",
        e.name,
        e.region,
        fixed(e.output, 2),
        e.output_growth_pct.map_or("—".into(), |g| fixed(g, 1))
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_dense_cloud_is_drawn_once_per_cell_and_a_sparse_one_whole() {
        let few: Vec<_> = (0..100).map(|i| (i, i as f64, 1.0)).collect();
        assert_eq!(
            super::thinned(&few, 3, |x, y| (x as i32, y as i32)).len(),
            100
        );
        let many: Vec<_> = (0..1_000_000)
            .map(|i| (i, (i % 600) as f64, if i % 2 == 0 { 5.0 } else { -5.0 }))
            .collect();
        let kept = super::thinned(&many, 3, |x, y| (x as i32, y as i32));
        // 200 cells across, one row each side of zero.
        assert_eq!(kept.len(), 400);
        assert!(kept.iter().any(|p| p.2 < 0.0) && kept.iter().any(|p| p.2 > 0.0));
    }

    #[test]
    fn axis_reads_in_wan_and_yi() {
        assert_eq!(super::axis_label(0.0), "1万");
        assert_eq!(super::axis_label(3.0), "1000万");
        assert_eq!(super::axis_label(4.0), "1亿");
        assert_eq!(super::axis_label(6.0), "100亿");
        assert_eq!(super::axis_label(2.5), "");
    }
}
