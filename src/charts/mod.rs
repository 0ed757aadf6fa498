//! The dashboard's charts, drawn with plotters on any backend (a canvas in the page, SVG
//! for "save as SVG" and for tests). Each drawing also returns its hit boxes in backend
//! pixels, so hover and click map back to the data with the chart's own transform.

mod bars;
mod scatter;
mod trend;

use crate::analysis::Analysis;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor;

/// The CJK font stack: what the bureau's Windows PCs, Macs and Linux have.
pub const FONT: &str = "Microsoft YaHei, PingFang SC, Noto Sans CJK SC, sans-serif";

/// The six charts of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Growth by region with the city and province reference lines.
    Regions,
    /// Each region's pull, stacked up to the city's growth.
    Pull,
    /// The industries pulling most up and down.
    Industries,
    /// Enterprises by status.
    Status,
    /// Cumulative growth over the loaded periods.
    Trend,
    /// Enterprise size against growth.
    Scatter,
    /// The quarter target: done, forecast, required (shown in the targets panel).
    Target,
}

impl ChartKind {
    pub const ALL: [ChartKind; 6] = [
        ChartKind::Regions,
        ChartKind::Pull,
        ChartKind::Industries,
        ChartKind::Status,
        ChartKind::Trend,
        ChartKind::Scatter,
    ];

    /// The chart's `data-testid`.
    pub fn testid(self) -> &'static str {
        match self {
            ChartKind::Regions => "chart-regions",
            ChartKind::Pull => "chart-pull",
            ChartKind::Industries => "chart-industries",
            ChartKind::Status => "chart-status",
            ChartKind::Trend => "chart-trend",
            ChartKind::Scatter => "chart-scatter",
            ChartKind::Target => "chart-target",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ChartKind::Regions => "分县（市、区）增速",
            ChartKind::Pull => "分县（市、区）拉动全市产值增长",
            ChartKind::Industries => "拉动最大与下拉最大的行业",
            ChartKind::Status => "企业生产状态",
            ChartKind::Trend => "累计产值增速走势",
            ChartKind::Scatter => "企业规模与增速",
            ChartKind::Target => "季度目标完成情况",
        }
    }

    /// A file name for the saved picture.
    pub fn file_stem(self) -> &'static str {
        match self {
            ChartKind::Regions => "分县区增速",
            ChartKind::Pull => "分县区拉动",
            ChartKind::Industries => "行业拉动",
            ChartKind::Status => "生产状态",
            ChartKind::Trend => "增速走势",
            ChartKind::Scatter => "企业规模与增速",
            ChartKind::Target => "目标完成情况",
        }
    }
}

/// How to draw: `scale` multiplies every size (devicePixelRatio on a canvas), and the
/// up/down colours follow the user's convention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub scale: f64,
    pub up: RGBColor,
    pub down: RGBColor,
}

pub const RED: RGBColor = RGBColor(198, 40, 40);
pub const GREEN: RGBColor = RGBColor(46, 125, 50);
const NEUTRAL: RGBColor = RGBColor(69, 104, 160);
const REFERENCE: RGBColor = RGBColor(90, 90, 90);
const ORANGE: RGBColor = RGBColor(230, 126, 34);
const GRID: RGBColor = RGBColor(225, 228, 234);

impl Style {
    /// 红涨绿跌 unless `green_up`.
    pub fn new(scale: f64, green_up: bool) -> Style {
        let (up, down) = if green_up { (GREEN, RED) } else { (RED, GREEN) };
        Style { scale, up, down }
    }
    fn px(&self, v: f64) -> u32 {
        (v * self.scale).round().max(1.0) as u32
    }
    fn font(&self, size: f64) -> TextStyle<'static> {
        (FONT, size * self.scale).into_font().color(&BLACK)
    }
    fn signed(&self, v: f64) -> RGBColor {
        if v < 0.0 {
            self.down
        } else {
            self.up
        }
    }
}

/// What a click on a mark selects in the tables below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Region(String),
    Industry(String),
}

/// A mark's tooltip: its text, or the enterprise it stands for (the scatter has one
/// mark per enterprise, and a province's 20,000 texts would be written for nothing
/// while drawing; the one under the pointer is written when it is hovered).
#[derive(Debug, Clone, PartialEq)]
pub enum Tip {
    Text(String),
    Enterprise(usize),
}

/// A mark's box in backend pixels, its tooltip and what clicking it selects.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
    pub tip: Tip,
    pub select: Option<Selection>,
}

impl Hit {
    fn new(a: (i32, i32), b: (i32, i32), tooltip: String, select: Option<Selection>) -> Hit {
        Hit::with_tip(a, b, Tip::Text(tooltip), select)
    }
    fn with_tip(a: (i32, i32), b: (i32, i32), tip: Tip, select: Option<Selection>) -> Hit {
        Hit {
            x0: a.0.min(b.0),
            y0: a.1.min(b.1),
            x1: a.0.max(b.0),
            y1: a.1.max(b.1),
            tip,
            select,
        }
    }
    /// The tooltip text, for the analysis the chart was drawn from.
    pub fn tooltip(&self, a: &Analysis) -> String {
        match &self.tip {
            Tip::Text(t) => t.clone(),
            Tip::Enterprise(i) => a
                .enterprises
                .get(*i)
                .map_or_else(String::new, scatter::tooltip),
        }
    }
    fn contains(&self, x: i32, y: i32) -> bool {
        (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
    }
}

/// The mark under the pointer: the smallest box containing it (a point over a shaded
/// quadrant, a thin bar beside a wide one).
pub fn hit_at(hits: &[Hit], x: i32, y: i32) -> Option<&Hit> {
    hits.iter()
        .filter(|h| h.contains(x, y))
        .min_by_key(|h| i64::from(h.x1 - h.x0) * i64::from(h.y1 - h.y0))
}

/// Why a chart could not be drawn (a backend error, as text: the backends' error types
/// differ and the page only shows it).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("图表绘制失败：{0}")]
pub struct ChartError(pub String);

fn err<E: std::fmt::Debug>(e: E) -> ChartError {
    ChartError(format!("{e:?}"))
}

/// Draws `kind` for `a` on `root` and returns the hit boxes.
pub fn draw<DB: DrawingBackend>(
    kind: ChartKind,
    a: &Analysis,
    root: &DrawingArea<DB, Shift>,
    style: &Style,
) -> Result<Vec<Hit>, ChartError> {
    root.fill(&WHITE).map_err(err)?;
    let hits = match kind {
        ChartKind::Regions => bars::regions(a, root, style),
        ChartKind::Pull => bars::pull(a, root, style),
        ChartKind::Industries => bars::industries(a, root, style),
        ChartKind::Status => bars::status(a, root, style),
        ChartKind::Trend => trend::draw(a, root, style),
        ChartKind::Scatter => scatter::draw(a, root, style),
        ChartKind::Target => bars::target(a, root, style),
    }?;
    root.present().map_err(err)?;
    Ok(hits)
}

/// The chart as an SVG document of `width` × `height` CSS pixels.
pub fn svg(
    kind: ChartKind,
    a: &Analysis,
    width: u32,
    height: u32,
    green_up: bool,
) -> Result<(String, Vec<Hit>), ChartError> {
    let mut out = String::new();
    let hits = {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(kind, a, &root, &Style::new(1.0, green_up))?
    };
    Ok((out, hits))
}

/// A centred note instead of a chart, when there is nothing to draw.
fn message<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    style: &Style,
    text: &str,
) -> Result<Vec<Hit>, ChartError> {
    let (w, h) = root.dim_in_pixel();
    let font = style
        .font(14.0)
        .color(&REFERENCE)
        .pos(text_anchor::Pos::new(
            text_anchor::HPos::Center,
            text_anchor::VPos::Center,
        ));
    root.draw(&Text::new(
        text.to_string(),
        (w as i32 / 2, h as i32 / 2),
        font,
    ))
    .map_err(err)?;
    Ok(Vec::new())
}
