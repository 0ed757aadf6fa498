//! What `make bench` (scripts/bench.mjs) reads off the page: performance marks for each
//! stage and for the dashboard on screen, and the worker's peak memory.

use super::session::{Session, Stage};
use leptos::prelude::window;
use wasm_bindgen::JsCast;

/// The file `name` reached `stage`: shown in the progress list, and marked
/// (`performance.mark("industry-monitor:<stage>")`) to say where a load's time went.
pub fn stage_reached(session: Session, name: &str, stage: Stage) {
    mark(stage.label());
    session.set_stage(name, stage);
}

/// `performance.mark("industry-monitor:drawn")` once the last file's dashboard is on
/// screen: what the benchmark times drop → dashboard by.
pub fn mark_drawn() {
    mark("drawn");
}

/// `performance.mark("industry-monitor:shown")` once a new analysis's headline and
/// briefing are painted: the dashboard as the user first sees it.
pub fn mark_shown() {
    mark("shown");
}

pub fn mark(name: &str) {
    note(name);
    if let Some(p) = window().performance() {
        let _ = p.mark(&format!("industry-monitor:{name}"));
    }
}

/// Appends `name` to `window.__industryMonitorTimeline`: the order of marks and measures as
/// they happened, which timestamps coarsened by the browser (two marks in one 0.1 ms tick)
/// cannot tell.
fn note(name: &str) {
    let w = window();
    let key = "__industryMonitorTimeline".into();
    let list = match js_sys::Reflect::get(&w, &key) {
        Ok(v) if js_sys::Array::is_array(&v) => v.unchecked_into::<js_sys::Array>(),
        _ => {
            let fresh = js_sys::Array::new();
            let _ = js_sys::Reflect::set(&w, &key, &fresh);
            fresh
        }
    };
    // A tab left open for a week keeps re-drawing charts: the list stays bounded.
    if list.length() < 10_000 {
        list.push(&name.into());
    }
}

/// This instance's linear memory: it only grows, so this is also its peak.
pub fn wasm_memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

/// Keeps the largest worker memory reported, on `window.__industryMonitorWorkerMemory`.
pub fn record_worker_memory(bytes: f64) {
    let w = window();
    let key = "__industryMonitorWorkerMemory".into();
    let before = js_sys::Reflect::get(&w, &key)
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let _ = js_sys::Reflect::set(&w, &key, &bytes.max(before).into());
}

/// Runs `f` and records its span as `performance.measure("industry-monitor:<name>")`, so a
/// trace of a load says where the page's time went.
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let Some(p) = window().performance() else {
        return f();
    };
    let start = format!("industry-monitor:{name}:start");
    note(name);
    let _ = p.mark(&start);
    let out = f();
    let _ = p.measure_with_start_mark(&format!("industry-monitor:{name}"), &start);
    p.clear_marks_with_mark_name(&start);
    out
}
