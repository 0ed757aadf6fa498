//! A region's cumulative growth over the year's loaded months, drawn small in its row of
//! the region table; the pointer over it says the month and the figure.

use crate::model::Period;
use crate::report::format::pct;
use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

const WIDTH: f64 = 84.0;
const HEIGHT: f64 = 22.0;

/// Where each value sits in the canvas (CSS pixels), `None` for a month without a figure,
/// and the height of zero growth.
fn layout(series: &[(Period, Option<f64>)]) -> (Vec<Option<(f64, f64)>>, f64) {
    let values = series.iter().filter_map(|(_, v)| *v);
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = (hi - lo).max(1.0);
    let y = |v: f64| 3.0 + (hi - v) / span * (HEIGHT - 6.0);
    let step = (WIDTH - 8.0) / (series.len().max(2) - 1) as f64;
    let points = series
        .iter()
        .enumerate()
        .map(|(i, (_, v))| v.map(|v| (4.0 + i as f64 * step, y(v))))
        .collect();
    (points, y(0.0))
}

fn draw(
    canvas: &web_sys::HtmlCanvasElement,
    series: &[(Period, Option<f64>)],
    up: &str,
    down: &str,
) {
    let dpr = window().device_pixel_ratio().max(1.0);
    canvas.set_width((WIDTH * dpr).round() as u32);
    canvas.set_height((HEIGHT * dpr).round() as u32);
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let _ = ctx.scale(dpr, dpr);
    // The zero line, where growth turns to decline.
    let (points, zero) = layout(series);
    ctx.set_stroke_style_str("#c5ccd3");
    ctx.set_line_width(1.0);
    ctx.begin_path();
    ctx.move_to(0.0, zero);
    ctx.line_to(WIDTH, zero);
    ctx.stroke();
    ctx.set_stroke_style_str("#4568a0");
    ctx.set_line_width(1.5);
    ctx.begin_path();
    let mut pen_down = false;
    for p in &points {
        match (p, pen_down) {
            (Some((x, y)), false) => ctx.move_to(*x, *y),
            (Some((x, y)), true) => ctx.line_to(*x, *y),
            (None, _) => {}
        }
        pen_down = p.is_some();
    }
    ctx.stroke();
    // The latest month's dot, coloured by its sign.
    if let (Some(Some((x, y))), Some((_, Some(v)))) = (points.last(), series.last()) {
        ctx.set_fill_style_str(if *v < 0.0 { down } else { up });
        ctx.begin_path();
        let _ = ctx.arc(*x, *y, 2.5, 0.0, std::f64::consts::TAU);
        ctx.fill();
    }
}

/// The sparkline of `series` (the year's months, oldest first); hovering says which
/// month and its growth.
#[component]
pub fn Sparkline(name: String, series: Vec<(Period, Option<f64>)>) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let tip = RwSignal::new(None::<String>);
    let green_up = super::session::session().green_up();
    let for_draw = series.clone();
    Effect::new(move |_| {
        let green = green_up.get();
        if let Some(c) = canvas.get() {
            let (up, down) = if green {
                ("#2e7d32", "#c62828")
            } else {
                ("#c62828", "#2e7d32")
            };
            draw(&c, &for_draw, up, down);
        }
    });
    let (points, _) = layout(&series);
    let on_move = move |ev: web_sys::MouseEvent| {
        let x = ev.offset_x() as f64;
        let nearest = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|(px, _)| (i, (px - x).abs())))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i);
        tip.set(nearest.map(|i| {
            let (period, v) = &series[i];
            format!("{}：{}%", period.label(), pct(*v))
        }));
    };
    let label = format!("{name}逐月累计增速");
    view! {
        <span class="sparkline" data-testid="region-sparkline">
            <canvas
                node_ref=canvas
                aria-label=label
                style=format!("width:{WIDTH}px;height:{HEIGHT}px")
                on:mousemove=on_move
                on:mouseleave=move |_| tip.set(None)
            ></canvas>
            {move || {
                tip.get()
                    .map(|t| {
                        view! {
                            <span class="spark-tip" data-testid="sparkline-tip">
                                {t}
                            </span>
                        }
                    })
            }}
        </span>
    }
}
