//! Cumulative and month growth over the loaded periods, each month's output as bars
//! beneath them: placed by month, so a month not loaded is a gap, and labelled sparsely
//! enough that twelve months read at 1366 px.

use super::{err, message, ChartError, ChartKind, Hit, Style, GRID, NEUTRAL, REFERENCE};
use crate::analysis::{Analysis, TrendPoint};
use crate::report::format::{fixed, pct};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::ORANGE as MONTH;

/// Which growth of a point a line draws.
type Growth = fn(&TrendPoint) -> Option<f64>;

/// The bars' colour: light, so the lines above them lead.
const BAR: RGBColor = RGBColor(214, 222, 235);

/// Where each point sits on the x axis: months since the first point's, so a month that is
/// not loaded leaves its place empty. Points without a period follow one month apart.
fn positions(points: &[TrendPoint]) -> Vec<f64> {
    let months: Vec<Option<i64>> = points
        .iter()
        .map(|p| p.period.map(|q| q.year as i64 * 12 + q.month as i64))
        .collect();
    let first = months.iter().flatten().next().copied().unwrap_or(0);
    let mut last = -1.0;
    months
        .iter()
        .map(|m| {
            let x = m.map_or(last + 1.0, |m| (m - first) as f64).max(last + 1.0);
            last = x;
            x
        })
        .collect()
}

/// A short label for the axis ("2月"; "2023年2月" where the year changes).
fn short_label(p: &TrendPoint, previous: Option<&TrendPoint>) -> String {
    match (p.period, previous.and_then(|q| q.period)) {
        (Some(now), Some(before)) if before.year == now.year => format!("{}月", now.month),
        (Some(now), _) => format!("{}年{}月", now.year, now.month),
        (None, _) => "未知".into(),
    }
}

pub(super) fn draw<DB: DrawingBackend>(
    a: &Analysis,
    root: &DrawingArea<DB, Shift>,
    style: &Style,
) -> Result<Vec<Hit>, ChartError> {
    let points = &a.extra.trend;
    if points.len() < 2 {
        return message(root, style, "载入两个及以上报告期的企业表后显示增速走势");
    }
    let xs = positions(points);
    let span = xs.last().copied().unwrap_or(0.0);
    let values = points
        .iter()
        .flat_map(|p| [p.output_growth_pct, p.month_output_growth_pct])
        .flatten();
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = ((hi - lo) * 0.15).max(1.0);
    let most = points.iter().map(|p| p.month_output).fold(0.0f64, f64::max);

    // The title, then the legend on a row of its own: never over the plot's points.
    let body = root
        .titled(ChartKind::Trend.title(), style.font(15.0))
        .map_err(err)?;
    let (legend, plot) = body.split_vertically(style.px(20.0));
    draw_legend(&legend, style)?;

    let x_range = -0.6f64..span + 0.6;
    let mut chart = ChartBuilder::on(&plot)
        .margin(style.px(6.0))
        .margin_right(style.px(10.0))
        .x_label_area_size(style.px(26.0))
        .y_label_area_size(style.px(44.0))
        .right_y_label_area_size(style.px(48.0))
        .build_cartesian_2d(x_range.clone(), (lo - pad)..(hi + pad))
        .map_err(err)?
        // Bars reach two thirds of the height at most: under the lines, not through them.
        .set_secondary_coord(x_range, 0.0..(most * 1.5).max(1.0));
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&|v| fixed(*v, 1))
        .y_desc("增速（%）")
        .label_style(style.font(11.0))
        .axis_desc_style(style.font(11.0))
        .bold_line_style(GRID)
        .light_line_style(WHITE)
        .axis_style(REFERENCE)
        .draw()
        .map_err(err)?;
    let decimals = if most >= 20.0 {
        0
    } else if most >= 2.0 {
        1
    } else {
        2
    };
    chart
        .configure_secondary_axes()
        .y_labels(4)
        .y_label_formatter(&|v| fixed(*v, decimals))
        .y_desc("当月产值（亿元）")
        .label_style(style.font(11.0))
        .axis_desc_style(style.font(11.0))
        .axis_style(REFERENCE)
        .draw()
        .map_err(err)?;
    let half = 0.3;
    chart
        .draw_secondary_series(points.iter().zip(&xs).map(|(p, &x)| {
            Rectangle::new([(x - half, 0.0), (x + half, p.month_output)], BAR.filled())
        }))
        .map_err(err)?;
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(-0.6, 0.0), (span + 0.6, 0.0)],
            REFERENCE.stroke_width(1),
        )))
        .map_err(err)?;
    let r = style.px(3.5);
    let pickers: [(Growth, RGBColor); 2] = [
        (|p| p.output_growth_pct, NEUTRAL),
        (|p| p.month_output_growth_pct, MONTH),
    ];
    for (pick, color) in pickers {
        // A missing month breaks the line: one segment per run of consecutive months.
        let mut segments: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut previous_x = f64::NEG_INFINITY;
        for (p, &x) in points.iter().zip(&xs) {
            let Some(v) = pick(p) else {
                previous_x = f64::NEG_INFINITY;
                continue;
            };
            match segments.last_mut() {
                Some(seg) if x - previous_x <= 1.0 => seg.push((x, v)),
                _ => segments.push(vec![(x, v)]),
            }
            previous_x = x;
        }
        for seg in &segments {
            chart
                .draw_series(LineSeries::new(
                    seg.iter().copied(),
                    color.stroke_width(style.px(2.0)),
                ))
                .map_err(err)?;
            chart
                .draw_series(seg.iter().map(|&p| Circle::new(p, r, color.filled())))
                .map_err(err)?;
        }
    }

    let mut hits = Vec::with_capacity(points.len());
    let (_, bottom) = chart.backend_coord(&(0.0, lo - pad));
    let (_, top) = chart.backend_coord(&(0.0, hi + pad));
    let (left_edge, _) = chart.backend_coord(&(0.0, 0.0));
    let (next, _) = chart.backend_coord(&(1.0, 0.0));
    // Labels far enough apart not to touch: every k-th month where they would.
    let label_px = style.px(11.0) as f64 * 4.6;
    let every = ((label_px / (next - left_edge).max(1) as f64).ceil() as usize).max(1);
    let gap = style.px(6.0) as i32;
    for (i, (p, &x)) in points.iter().zip(&xs).enumerate() {
        let label = p.period.map_or("未知".into(), |p| p.label());
        let (px, _) = chart.backend_coord(&(x, 0.0));
        if (x as usize).is_multiple_of(every) {
            root.draw(&Text::new(
                short_label(p, i.checked_sub(1).map(|j| &points[j])),
                (px, bottom + gap),
                style.font(11.0).pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(err)?;
        }
        // The month's whole column answers the pointer.
        let (left, _) = chart.backend_coord(&(x - 0.5, 0.0));
        let (right, _) = chart.backend_coord(&(x + 0.5, 0.0));
        hits.push(Hit::new(
            (left, top),
            (right - 1, bottom),
            format!(
                "{label}\n{}户，累计产值 {} 亿元，当月产值 {} 亿元\n累计同比 {}%，当月同比 {}%",
                p.enterprises,
                fixed(p.output, 1),
                fixed(p.month_output, 1),
                pct(p.output_growth_pct),
                pct(p.month_output_growth_pct)
            ),
            None,
        ));
    }
    Ok(hits)
}

/// 累计同比, 当月同比 (lines) and 当月产值 (bars), right-aligned on their own row.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &Style,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let mid = h as i32 / 2;
    let swatch = style.px(16.0) as i32;
    let item = style.px(11.0) as i32 * 4 + swatch + style.px(14.0) as i32;
    let mut x = w as i32 - 3 * item;
    for (name, color, bar) in [
        ("累计同比", NEUTRAL, false),
        ("当月同比", MONTH, false),
        ("当月产值", BAR, true),
    ] {
        if bar {
            area.draw(&Rectangle::new(
                [
                    (x, mid - style.px(5.0) as i32),
                    (x + swatch, mid + style.px(5.0) as i32),
                ],
                color.filled(),
            ))
            .map_err(err)?;
        } else {
            area.draw(&PathElement::new(
                vec![(x, mid), (x + swatch, mid)],
                color.stroke_width(style.px(2.0)),
            ))
            .map_err(err)?;
        }
        area.draw(&Text::new(
            name,
            (x + swatch + style.px(4.0) as i32, mid),
            style.font(11.0).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(err)?;
        x += item;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Period;

    fn point(year: i32, month: u32) -> TrendPoint {
        TrendPoint {
            period: Some(Period::new(year, month)),
            enterprises: 1,
            output: 1.0,
            month_output: 1.0,
            output_growth_pct: Some(1.0),
            month_output_growth_pct: Some(1.0),
            change_pp: None,
            province_rank: None,
            regions: Default::default(),
            industries: Default::default(),
        }
    }

    #[test]
    fn months_are_placed_by_date_so_a_missing_one_is_a_gap() {
        let points = [
            point(2023, 1),
            point(2023, 2),
            point(2023, 5),
            point(2024, 1),
        ];
        assert_eq!(positions(&points), [0.0, 1.0, 4.0, 12.0]);
        assert_eq!(short_label(&points[1], Some(&points[0])), "2月");
        assert_eq!(short_label(&points[3], Some(&points[2])), "2024年1月");
    }
}
