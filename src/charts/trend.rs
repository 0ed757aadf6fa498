//! Cumulative and month growth over the loaded periods.

use super::{err, message, ChartError, ChartKind, Hit, Style, NEUTRAL, REFERENCE};
use crate::analysis::Analysis;
use crate::report::format::{fixed, pct};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor;

use super::ORANGE as MONTH;

pub(super) fn draw<DB: DrawingBackend>(
    a: &Analysis,
    root: &DrawingArea<DB, Shift>,
    style: &Style,
) -> Result<Vec<Hit>, ChartError> {
    let points = &a.extra.trend;
    if points.len() < 2 {
        return message(root, style, "载入两个及以上报告期的企业表后显示增速走势");
    }
    let n = points.len();
    let values = points
        .iter()
        .flat_map(|p| [p.output_growth_pct, p.month_output_growth_pct])
        .flatten();
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = ((hi - lo) * 0.15).max(1.0);
    let mut chart = ChartBuilder::on(root)
        .caption(ChartKind::Trend.title(), style.font(15.0))
        .margin(style.px(10.0))
        .margin_right(style.px(24.0))
        .x_label_area_size(style.px(30.0))
        .y_label_area_size(style.px(44.0))
        .build_cartesian_2d(-0.5f64..n as f64 - 0.5, (lo - pad)..(hi + pad))
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&|v| fixed(*v, 1))
        .y_desc("%")
        .label_style(style.font(11.0))
        .axis_desc_style(style.font(11.0))
        .bold_line_style(super::GRID)
        .light_line_style(WHITE)
        .axis_style(REFERENCE)
        .draw()
        .map_err(err)?;
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(-0.5, 0.0), (n as f64 - 0.5, 0.0)],
            REFERENCE.stroke_width(1),
        )))
        .map_err(err)?;
    let series = |pick: fn(&crate::analysis::TrendPoint) -> Option<f64>| -> Vec<(f64, f64)> {
        points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((i as f64, pick(p)?)))
            .collect()
    };
    let cumulative = series(|p| p.output_growth_pct);
    let month = series(|p| p.month_output_growth_pct);
    let r = style.px(3.5);
    for (line, color, name) in [
        (&cumulative, NEUTRAL, "累计同比"),
        (&month, MONTH, "当月同比"),
    ] {
        chart
            .draw_series(LineSeries::new(
                line.iter().copied(),
                color.stroke_width(style.px(2.0)),
            ))
            .map_err(err)?
            .label(name)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], color.stroke_width(2))
            });
        chart
            .draw_series(line.iter().map(|&p| Circle::new(p, r, color.filled())))
            .map_err(err)?;
    }
    chart
        .configure_series_labels()
        .label_font(style.font(11.0))
        .background_style(WHITE.mix(0.8))
        .border_style(super::GRID)
        .position(SeriesLabelPosition::UpperLeft)
        .draw()
        .map_err(err)?;

    let mut hits = Vec::with_capacity(n);
    let (_, bottom) = chart.backend_coord(&(0.0, lo - pad));
    let (_, top) = chart.backend_coord(&(0.0, hi + pad));
    let gap = style.px(6.0) as i32;
    for (i, p) in points.iter().enumerate() {
        let label = p.period.map_or("未知".into(), |p| p.label());
        let (x, _) = chart.backend_coord(&(i as f64, 0.0));
        root.draw(&Text::new(
            label.clone(),
            (x, bottom + gap),
            style.font(11.0).pos(text_anchor::Pos::new(
                text_anchor::HPos::Center,
                text_anchor::VPos::Top,
            )),
        ))
        .map_err(err)?;
        // The period's whole column answers the pointer.
        let (left, _) = chart.backend_coord(&(i as f64 - 0.5, 0.0));
        let (right, _) = chart.backend_coord(&(i as f64 + 0.5, 0.0));
        hits.push(Hit::new(
            (left, top),
            (right - 1, bottom),
            format!(
                "{label}\n{}户，累计产值 {} 亿元\n累计同比 {}%，当月同比 {}%",
                p.enterprises,
                fixed(p.output, 1),
                pct(p.output_growth_pct),
                pct(p.month_output_growth_pct)
            ),
            None,
        ));
    }
    Ok(hits)
}
