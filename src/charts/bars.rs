//! Horizontal bar charts: region growth, the pull waterfall, industry pulls and status
//! counts. Horizontal, because Chinese names read on the left at any chart width.

use super::{err, message, ChartError, ChartKind, Hit, Selection, Style, NEUTRAL, REFERENCE};
use crate::analysis::Analysis;
use crate::report::format::{fixed, pct};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor;

/// One row: a bar from `from` to `to`.
pub(super) struct Bar {
    pub label: String,
    pub from: f64,
    pub to: f64,
    pub color: RGBColor,
    /// Printed beside the bar.
    pub value_text: String,
    pub tooltip: String,
    pub select: Option<Selection>,
}

/// A vertical reference line, such as the city's growth.
pub(super) struct Reference {
    pub at: f64,
    pub label: String,
    pub color: RGBColor,
}

/// Labels longer than this are cut with "…" (the tooltip has the whole name).
const LABEL_CHARS: usize = 10;

fn short(label: &str) -> String {
    if label.chars().count() > LABEL_CHARS {
        label.chars().take(LABEL_CHARS - 1).collect::<String>() + "…"
    } else {
        label.to_string()
    }
}

pub(super) fn hbars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    style: &Style,
    caption: &str,
    unit: &str,
    bars: &[Bar],
    references: &[Reference],
) -> Result<Vec<Hit>, ChartError> {
    if bars.is_empty() {
        return message(root, style, &format!("{caption}：没有可显示的数据"));
    }
    let n = bars.len();
    let values = bars
        .iter()
        .flat_map(|b| [b.from, b.to])
        .chain(references.iter().map(|r| r.at))
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = (hi - lo).max(1e-6);
    // Room for the value printed beyond each bar's end.
    let lo = if lo < 0.0 { lo - span * 0.18 } else { 0.0 };
    let hi = if hi > 0.0 {
        hi + span * 0.18
    } else {
        span * 0.05
    };
    let label_chars = bars
        .iter()
        .map(|b| short(&b.label).chars().count())
        .max()
        .unwrap_or(2) as f64;
    let label_width = style.px(14.0 + 12.5 * label_chars);
    // Reference lines get their labels in a band above the first bar, one per line so
    // close values do not overprint.
    let band = references.len() as f64 * 0.6;
    let top = n as f64 + band;
    let mut chart = ChartBuilder::on(root)
        .caption(caption, style.font(15.0))
        .margin(style.px(10.0))
        .margin_left(label_width)
        .x_label_area_size(style.px(30.0))
        .build_cartesian_2d(lo..hi, 0f64..top)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(6)
        .x_label_formatter(&|v| fixed(*v, if unit == "户" { 0 } else { 1 }))
        .x_desc(unit)
        .label_style(style.font(11.0))
        .axis_desc_style(style.font(11.0))
        .bold_line_style(super::GRID)
        .light_line_style(WHITE)
        .axis_style(REFERENCE)
        .draw()
        .map_err(err)?;

    // Row i (0 = first bar) is drawn from the top.
    let row = |i: usize| ((n - i - 1) as f64, (n - i) as f64);
    chart
        .draw_series(bars.iter().enumerate().map(|(i, b)| {
            let (y0, y1) = row(i);
            let mut rect = Rectangle::new([(b.from, y0 + 0.2), (b.to, y1 - 0.2)], b.color.filled());
            rect.set_margin(0, 0, 0, 0);
            rect
        }))
        .map_err(err)?;
    chart
        .draw_series(references.iter().map(|r| {
            PathElement::new(
                vec![(r.at, 0.0), (r.at, top)],
                r.color.stroke_width(style.px(1.5)),
            )
        }))
        .map_err(err)?;

    let gap = style.px(5.0) as i32;
    let mut hits = Vec::with_capacity(n);
    let (left, _) = chart.backend_coord(&(lo, 0.0));
    let (right, _) = chart.backend_coord(&(hi, 0.0));
    for (i, b) in bars.iter().enumerate() {
        let (y0, y1) = row(i);
        let mid = (y0 + y1) / 2.0;
        let (_, py) = chart.backend_coord(&(lo, mid));
        let label_pos = text_anchor::Pos::new(text_anchor::HPos::Right, text_anchor::VPos::Center);
        root.draw(&Text::new(
            short(&b.label),
            (left - gap, py),
            style.font(12.0).pos(label_pos),
        ))
        .map_err(err)?;
        let end = if b.to >= b.from { b.to } else { b.from };
        let start = if b.to >= b.from { b.from } else { b.to };
        let (value_x, h_pos) = if b.to < 0.0 || (b.to < b.from && b.from <= 0.0) {
            (
                chart.backend_coord(&(start, mid)).0 - gap,
                text_anchor::HPos::Right,
            )
        } else {
            (
                chart.backend_coord(&(end, mid)).0 + gap,
                text_anchor::HPos::Left,
            )
        };
        root.draw(&Text::new(
            b.value_text.clone(),
            (value_x, py),
            style
                .font(11.0)
                .pos(text_anchor::Pos::new(h_pos, text_anchor::VPos::Center)),
        ))
        .map_err(err)?;
        // The whole row answers the pointer, not only the bar: a 0.1 bar is one pixel.
        let (_, top) = chart.backend_coord(&(lo, y1));
        let (_, bottom) = chart.backend_coord(&(lo, y0));
        hits.push(Hit::new(
            (left - label_width as i32, top),
            (right, bottom - 1),
            b.tooltip.clone(),
            b.select.clone(),
        ));
    }
    for (k, r) in references.iter().enumerate() {
        let (x, y) = chart.backend_coord(&(r.at, top - 0.3 - 0.6 * k as f64));
        root.draw(&Text::new(
            r.label.clone(),
            (x + gap, y),
            style.font(11.0).color(&r.color).pos(text_anchor::Pos::new(
                text_anchor::HPos::Left,
                text_anchor::VPos::Center,
            )),
        ))
        .map_err(err)?;
    }
    Ok(hits)
}

/// Growth by region: value-added growth when the region table is loaded (what the
/// meeting ranks), else output growth; the city's and the province's as lines.
pub(super) fn regions<DB: DrawingBackend>(
    a: &Analysis,
    root: &DrawingArea<DB, Shift>,
    style: &Style,
) -> Result<Vec<Hit>, ChartError> {
    let by_value_added = a.regions.iter().any(|r| r.value_added_growth_pct.is_some());
    let bars: Vec<Bar> = a
        .regions
        .iter()
        .filter_map(|r| {
            let v = if by_value_added {
                r.value_added_growth_pct
            } else {
                r.output_growth_pct
            }?;
            // "临江市（县级市）", "青山区": the level only where the name does not say it.
            let mut tooltip = match (r.group, r.name.chars().last()) {
                (crate::model::RegionGroup::County, Some('市')) => format!("{}（县级市）", r.name),
                _ => r.name.clone(),
            };
            if let Some(va) = r.value_added_growth_pct {
                tooltip += &format!("\n工业增加值同比 {}%", fixed(va, 1));
            }
            tooltip += &format!(
                "\n累计产值 {} 亿元，同比 {}%\n拉动全市 {} 个百分点，贡献率 {}%",
                fixed(r.output, 1),
                pct(r.output_growth_pct),
                pct(r.pull_pp),
                pct(r.contribution_pct)
            );
            Some(Bar {
                label: r.name.clone(),
                from: 0.0,
                to: v,
                color: style.signed(v),
                value_text: fixed(v, 1),
                tooltip,
                select: Some(Selection::Region(r.name.clone())),
            })
        })
        .collect();
    let mut references = Vec::new();
    let (city, caption) = if by_value_added {
        (
            a.city.value_added_growth_pct,
            "分县（市、区）工业增加值增速",
        )
    } else {
        (a.city.output_growth_pct, "分县（市、区）工业总产值增速")
    };
    if let Some(v) = city {
        references.push(Reference {
            at: v,
            label: format!("全市 {}", fixed(v, 1)),
            color: NEUTRAL,
        });
    }
    if by_value_added {
        if let Some(v) = a.city.province_value_added_growth_pct {
            references.push(Reference {
                at: v,
                label: format!("全省 {}", fixed(v, 1)),
                color: super::ORANGE,
            });
        }
    }
    hbars(root, style, caption, "%", &bars, &references)
}

/// Each region's pull, largest first, stacked from zero so the last region ends at the
/// city's growth; the city's own bar closes the waterfall.
pub(super) fn pull<DB: DrawingBackend>(
    a: &Analysis,
    root: &DrawingArea<DB, Shift>,
    style: &Style,
) -> Result<Vec<Hit>, ChartError> {
    let mut regions: Vec<(&str, f64, Option<f64>)> = a
        .regions
        .iter()
        .filter_map(|r| Some((r.name.as_str(), r.pull_pp?, r.contribution_pct)))
        .collect();
    regions.sort_by(|x, y| y.1.total_cmp(&x.1));
    let mut level = 0.0;
    let mut bars: Vec<Bar> = regions
        .into_iter()
        .map(|(name, p, contribution)| {
            let from = level;
            level += p;
            Bar {
                label: name.to_string(),
                from,
                to: level,
                color: style.signed(p),
                value_text: fixed(p, 1),
                tooltip: format!(
                    "{name}\n拉动全市产值增长 {} 个百分点\n贡献率 {}%\n累计至 {}%",
                    fixed(p, 1),
                    pct(contribution),
                    fixed(level, 1)
                ),
                select: Some(Selection::Region(name.to_string())),
            }
        })
        .collect();
    if let Some(total) = a.city.output_growth_pct.filter(|_| !bars.is_empty()) {
        bars.push(Bar {
            label: "全市".into(),
            from: 0.0,
            to: total,
            color: NEUTRAL,
            value_text: fixed(total, 1),
            tooltip: format!("全市累计产值同比 {}%", fixed(total, 1)),
            select: None,
        });
    }
    hbars(root, style, ChartKind::Pull.title(), "百分点", &bars, &[])
}

/// The eight industries pulling most and the seven dragging most.
pub(super) fn industries<DB: DrawingBackend>(
    a: &Analysis,
    root: &DrawingArea<DB, Shift>,
    style: &Style,
) -> Result<Vec<Hit>, ChartError> {
    let mut rows: Vec<_> = a
        .industries
        .iter()
        .filter_map(|i| Some((i, i.pull_pp?)))
        .collect();
    rows.sort_by(|x, y| y.1.total_cmp(&x.1));
    let ups = rows.iter().filter(|(_, p)| *p > 0.0).take(8);
    let downs: Vec<_> = rows
        .iter()
        .rev()
        .filter(|(_, p)| *p < 0.0)
        .take(7)
        .collect();
    let bars: Vec<Bar> = ups
        .chain(downs.into_iter().rev())
        .map(|(i, p)| Bar {
            label: i.name.clone(),
            from: 0.0,
            to: *p,
            color: style.signed(*p),
            value_text: fixed(*p, 1),
            tooltip: format!(
                "{} {}\n累计产值 {} 亿元，同比 {}%\n拉动全市 {} 个百分点，贡献率 {}%",
                i.code,
                i.name,
                fixed(i.output, 1),
                pct(i.output_growth_pct),
                fixed(*p, 1),
                pct(i.contribution_pct)
            ),
            select: Some(Selection::Industry(i.code.clone())),
        })
        .collect();
    hbars(
        root,
        style,
        ChartKind::Industries.title(),
        "百分点",
        &bars,
        &[],
    )
}

/// Enterprises by status (当月 basis), with their share and pull.
pub(super) fn status<DB: DrawingBackend>(
    a: &Analysis,
    root: &DrawingArea<DB, Shift>,
    style: &Style,
) -> Result<Vec<Hit>, ChartError> {
    let s = &a.status;
    let total = a.city.enterprises.max(1) as f64;
    let flat = RGBColor(150, 150, 150);
    let rows = [
        ("增产", s.increased, s.increased_pull_pp, style.up),
        ("持平", s.flat, None, flat),
        ("减产", s.reduced, s.reduced_pull_pp, style.down),
        ("停产", s.stopped, s.stopped_pull_pp, style.down),
    ];
    let bars: Vec<Bar> = rows
        .into_iter()
        .map(|(label, count, pull, color)| {
            let share = count as f64 / total * 100.0;
            let mut tooltip = format!("{label}企业 {count} 户，占 {}%", fixed(share, 1));
            if let Some(p) = pull {
                tooltip += &format!("\n拉动当月产值增速 {} 个百分点", fixed(p, 1));
            }
            Bar {
                label: label.to_string(),
                from: 0.0,
                to: count as f64,
                color,
                value_text: format!("{count}户（{}%）", fixed(share, 1)),
                tooltip,
                select: None,
            }
        })
        .collect();
    // 新入规 overlaps the four statuses (a new enterprise also grew or fell): a mark in
    // the caption, not a fifth bar.
    let caption = if s.new > 0 {
        format!("{}（其中新入规{}户）", ChartKind::Status.title(), s.new)
    } else {
        ChartKind::Status.title().to_string()
    };
    hbars(root, style, &caption, "户", &bars, &[])
}

/// The quarter target as three bars: produced so far, forecast, required.
pub(super) fn target<DB: DrawingBackend>(
    a: &Analysis,
    root: &DrawingArea<DB, Shift>,
    style: &Style,
) -> Result<Vec<Hit>, ChartError> {
    let Some(t) = &a.target else {
        return message(root, style, "填写目标后显示完成情况");
    };
    let required = t.required_quarter_output;
    let share = |v: f64| {
        t.share_of_required_pct(v)
            .map_or(String::new(), |s| format!("，为目标的{}%", fixed(s, 1)))
    };
    let period = a.period.map_or("本期".into(), |p| p.label());
    let bars = vec![
        Bar {
            label: "已完成".into(),
            from: 0.0,
            to: a.city.output,
            color: NEUTRAL,
            value_text: format!("{}亿元", fixed(a.city.output, 1)),
            tooltip: format!(
                "{period}已完成 {} 亿元{}",
                fixed(a.city.output, 1),
                share(a.city.output)
            ),
            select: None,
        },
        Bar {
            label: "预计完成".into(),
            from: 0.0,
            to: t.forecast_quarter_output,
            color: super::ORANGE,
            value_text: format!("{}亿元", fixed(t.forecast_quarter_output, 1)),
            tooltip: format!(
                "预计季度完成 {} 亿元，同比 {}%{}",
                fixed(t.forecast_quarter_output, 1),
                pct(t.forecast_growth_pct),
                share(t.forecast_quarter_output)
            ),
            select: None,
        },
        Bar {
            label: "目标".into(),
            from: 0.0,
            to: required,
            color: style.up,
            value_text: format!("{}亿元", fixed(required, 1)),
            tooltip: format!(
                "完成增长 {}% 的目标需 {} 亿元",
                fixed(t.output_growth_target_pct, 1),
                fixed(required, 1)
            ),
            select: None,
        },
    ];
    hbars(root, style, ChartKind::Target.title(), "亿元", &bars, &[])
}
