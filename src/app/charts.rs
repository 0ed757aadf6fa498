//! The chart panel: each chart drawn by `charts::draw` on a canvas sized by
//! devicePixelRatio, a tooltip from its hit boxes, clicks that filter the tables, and
//! PNG / SVG downloads (SVG from the same drawing code on plotters' SVG backend).

use super::canvas_backend::MeasuredCanvas;
use super::download::save;
use super::schedule::{cancel_draw, expect_draw, schedule_draw, when_idle};
use super::session::session;
use crate::analysis::Analysis;
use crate::charts::{self, hit_at, ChartKind, Hit, Selection, Style};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::IntoDrawingArea;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// CSS height of every chart; the width follows the grid column.
const HEIGHT: f64 = 380.0;

/// Draws every chart of `analysis` once on a canvas that is never shown, one chart per
/// idle moment: the worker's warm-up (see `worker::serve`) for the page's drawing code,
/// so the first real dashboard runs it optimised.
pub fn warm_up(analysis: Arc<Analysis>) {
    fn next(analysis: Arc<Analysis>, mut kinds: Vec<ChartKind>) {
        let Some(kind) = kinds.pop() else {
            return;
        };
        when_idle(move || {
            if let Some(canvas) = document()
                .create_element("canvas")
                .ok()
                .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
            {
                canvas.set_width(640);
                canvas.set_height(HEIGHT as u32);
                if let Some(backend) = MeasuredCanvas::new(canvas) {
                    let root = backend.into_drawing_area();
                    let _ = charts::draw(kind, &analysis, &root, &Style::new(1.0, false));
                }
            }
            next(analysis, kinds);
        });
    }
    next(analysis, ChartKind::ALL.to_vec());
}

/// The six charts.
#[component]
pub fn Charts(analysis: Arc<Analysis>) -> impl IntoView {
    view! {
        <section class="panel charts" id="sec-charts" data-testid="charts">
            <h2>
                "图表"
                <span class="hint">
                    "（悬停查看数值，点击县区或行业筛选下方企业明细）"
                </span>
            </h2>
            <div class="chart-grid">
                {ChartKind::ALL
                    .into_iter()
                    .map(|kind| view! { <ChartView kind=kind analysis=analysis.clone() /> })
                    .collect_view()}
            </div>
        </section>
    }
}

/// PNG bytes of what the canvas shows.
fn canvas_png(canvas: &web_sys::HtmlCanvasElement) -> Option<Vec<u8>> {
    let url = canvas.to_data_url().ok()?;
    let (_, base64) = url.split_once(',')?;
    let binary = window().atob(base64).ok()?;
    // atob yields one char per byte.
    Some(binary.chars().map(|c| c as u32 as u8).collect())
}

/// One chart: canvas, tooltip, save buttons. `height` in CSS pixels.
#[component]
pub fn ChartView(
    kind: ChartKind,
    analysis: Arc<Analysis>,
    #[prop(default = HEIGHT)] height: f64,
) -> impl IntoView {
    let session = session();
    let canvas_ref = NodeRef::<Canvas>::new();
    let hits = StoredValue::new(Vec::<Hit>::new());
    let scale = StoredValue::new(1.0_f64);
    let css_width = StoredValue::new(640_u32);
    let tooltip = RwSignal::new(None::<(i32, i32, String)>);
    let pointer = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let drawn = analysis.clone();
    let described = analysis.clone();
    // The chart learns its width from a ResizeObserver, which reports it after the
    // browser's own layout of the frame: reading `clientWidth` here would force a layout
    // of the whole new dashboard inside the task that builds it.
    let waiting = StoredValue::new_local(None::<web_sys::ResizeObserver>);
    let stop_waiting = move || {
        if let Some(Some(observer)) = waiting.try_update_value(Option::take) {
            observer.disconnect();
            cancel_draw();
        }
    };
    on_cleanup(stop_waiting);
    Effect::new(move |_| {
        let green_up = session.green_up().get();
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        stop_waiting();
        let drawn = drawn.clone();
        let target = canvas.clone();
        let on_size =
            Closure::once_into_js(move |entries: js_sys::Array, _: web_sys::ResizeObserver| {
                let Some(Some(observer)) = waiting.try_update_value(Option::take) else {
                    return;
                };
                observer.disconnect();
                let width = entries
                    .get(0)
                    .dyn_into::<web_sys::ResizeObserverEntry>()
                    .map_or(640.0, |e| e.content_rect().width().round())
                    .max(320.0);
                schedule_draw(move || {
                    let dpr = window().device_pixel_ratio().max(1.0);
                    canvas.set_width((width * dpr).round() as u32);
                    canvas.set_height((height * dpr).round() as u32);
                    let Some(backend) = MeasuredCanvas::new(canvas) else {
                        failure.try_set(Some("浏览器不支持画布（canvas）".into()));
                        return;
                    };
                    let root = backend.into_drawing_area();
                    let drawing = super::bench::measure(kind.file_stem(), || {
                        charts::draw(kind, &drawn, &root, &Style::new(dpr, green_up))
                    });
                    match drawing {
                        Ok(h) => {
                            hits.try_set_value(h);
                            failure.try_set(None);
                        }
                        Err(e) => {
                            failure.try_set(Some(e.to_string()));
                        }
                    }
                    scale.try_set_value(dpr);
                    css_width.try_set_value(width as u32);
                });
            });
        if let Ok(observer) = web_sys::ResizeObserver::new(on_size.unchecked_ref()) {
            observer.observe(&target);
            expect_draw();
            waiting.set_value(Some(observer));
        }
    });
    let find = move |ev: &web_sys::MouseEvent| -> Option<Hit> {
        let s = scale.get_value();
        let (x, y) = (
            (f64::from(ev.offset_x()) * s) as i32,
            (f64::from(ev.offset_y()) * s) as i32,
        );
        hits.with_value(|h| hit_at(h, x, y).cloned())
    };
    let on_move = move |ev: web_sys::MouseEvent| match find(&ev) {
        Some(hit) => {
            pointer.set(hit.select.is_some());
            let text = hit.tooltip(&described);
            tooltip.set(Some((ev.offset_x(), ev.offset_y(), text)));
        }
        None => {
            pointer.set(false);
            tooltip.set(None);
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| match find(&ev).and_then(|h| h.select) {
        Some(Selection::Region(name)) => session.set_region_filter(Some(name)),
        Some(Selection::Industry(code)) => session.set_industry_filter(Some(code)),
        None => {}
    };
    let for_png = analysis.clone();
    let save_png = move |_| {
        if let Some(bytes) = canvas_ref.get().as_ref().and_then(canvas_png) {
            save(
                &bytes,
                &crate::report::briefing::export_name(&for_png, kind.file_stem(), "png"),
                "image/png",
            );
        }
    };
    let for_svg = analysis.clone();
    let save_svg = move |_| {
        let width = css_width.get_value();
        match charts::svg(
            kind,
            &for_svg,
            width,
            height as u32,
            session.green_up().get_untracked(),
        ) {
            Ok((doc, _)) => save(
                doc.as_bytes(),
                &crate::report::briefing::export_name(&for_svg, kind.file_stem(), "svg"),
                "image/svg+xml",
            ),
            Err(e) => failure.set(Some(e.to_string())),
        }
    };
    view! {
        <figure class="chart" data-testid=kind.testid() aria-label=kind.title()>
            <div class="chart-canvas">
                <canvas
                    node_ref=canvas_ref
                    style=format!("height:{height}px")
                    class:pointer=move || pointer.get()
                    on:mousemove=on_move
                    on:mouseleave=move |_| tooltip.set(None)
                    on:click=on_click
                ></canvas>
                {move || {
                    tooltip
                        .get()
                        .map(|(x, y, text)| {
                            let left = if x + 290 > css_width.get_value() as i32 {
                                x - 280
                            } else {
                                x + 14
                            };
                            // Left of the pointer near the right edge, so it stays inside.
                            view! {
                                <div
                                    class="chart-tooltip"
                                    data-testid="chart-tooltip"
                                    style=format!("left:{}px;top:{}px", left.max(0), y + 14)
                                >
                                    {text}
                                </div>
                            }
                        })
                }}
            </div>
            <figcaption>
                {move || failure.get().map(|m| view! { <span class="status error">{m}</span> })}
                <button class="link" data-testid="chart-save-png" on:click=save_png>
                    "保存 PNG"
                </button> <button class="link" data-testid="chart-save-svg" on:click=save_svg>
                    "保存 SVG"
                </button>
            </figcaption>
        </figure>
    }
}
