//! When work runs on the page's one thread: after this task, after the next frame, when
//! idle, and the queue that draws charts one task each. A province's dashboard is built
//! and drawn in many short tasks, never one long one.

use leptos::prelude::window;
use std::cell::RefCell;
use std::collections::VecDeque;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Runs `f` in a task of its own, after the current one.
pub fn after_this_task(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    let _ =
        window().set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 0);
}

/// Runs `f` in a task after the next frame has been painted.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(move || after_this_task(f));
    let _ = window().request_animation_frame(callback.unchecked_ref());
}

/// Runs `f` when the page is idle (or after a short delay where the browser has no idle
/// callback), so saving and warming up never compete with a load or an interaction.
pub fn when_idle(f: impl FnOnce() + 'static) {
    let callback = Closure::once_into_js(f);
    let w = window();
    let idle = js_sys::Reflect::get(&w, &"requestIdleCallback".into()).ok();
    match idle.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        Some(request) => {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"timeout".into(), &2000.into());
            let _ = request.call2(&w, &callback, &options);
        }
        None => {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                500,
            );
        }
    }
}

/// Resolves at the next animation frame, letting the page paint.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves in a task after the current one.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        after_this_task(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Chart drawings waiting their turn, and who waits for all of them. Each chart is drawn
/// in a task of its own (the scatter alone has 20,000 points).
#[derive(Default)]
struct DrawQueue {
    jobs: VecDeque<Box<dyn FnOnce()>>,
    /// Sections of the page waiting for their turn (`after_first_paint`): their charts
    /// have not even promised a drawing yet.
    sections: usize,
    /// Drawings promised (a chart waits for its size) but not done yet, queued or not.
    outstanding: usize,
    /// Drawings done so far.
    done: u64,
    waiters: Vec<js_sys::Function>,
}

thread_local! {
    static QUEUE: RefCell<DrawQueue> = RefCell::new(DrawQueue::default());
}

/// Runs `f` in a task after the next frame has been painted, as one of the sections
/// `all_drawn` waits for: what is below the fold is built after what is above it is on
/// screen, each section in a task of its own.
pub fn after_first_paint(f: impl FnOnce() + 'static) {
    QUEUE.with(|q| q.borrow_mut().sections += 1);
    after_next_paint(move || {
        f();
        QUEUE.with(|q| {
            let mut q = q.borrow_mut();
            q.sections = q.sections.saturating_sub(1);
        });
        resolve_waiters_if_idle();
    });
}

/// A chart will queue a drawing once it knows its size.
pub fn expect_draw() {
    QUEUE.with(|q| q.borrow_mut().outstanding += 1);
}

/// A promised drawing will not come (the chart went away first).
pub fn cancel_draw() {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.outstanding = q.outstanding.saturating_sub(1);
    });
    resolve_waiters_if_idle();
}

fn resolve_waiters_if_idle() {
    let waiters = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        if q.outstanding == 0 && q.jobs.is_empty() && q.sections == 0 {
            std::mem::take(&mut q.waiters)
        } else {
            Vec::new()
        }
    });
    for w in waiters {
        let _ = w.call0(&JsValue::NULL);
    }
}

/// Queues a chart's drawing; it runs in a task of its own.
pub fn schedule_draw(job: impl FnOnce() + 'static) {
    let first = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.jobs.push_back(Box::new(job));
        q.jobs.len() == 1
    });
    if first {
        after_this_task(run_next_draw);
    }
}

fn run_next_draw() {
    let job = QUEUE.with(|q| q.borrow_mut().jobs.pop_front());
    if let Some(job) = job {
        job();
        QUEUE.with(|q| {
            let mut q = q.borrow_mut();
            q.outstanding = q.outstanding.saturating_sub(1);
            q.done += 1;
        });
    }
    if QUEUE.with(|q| !q.borrow().jobs.is_empty()) {
        after_this_task(run_next_draw);
    }
    resolve_waiters_if_idle();
}

/// Resolves once every section waiting for its turn is built and every chart that is
/// waiting for its size or its turn is drawn. A chart that is hidden gets no size until it
/// is shown (and is drawn then), so waiting ends when nothing is queued and no drawing has
/// happened for a second.
pub async fn all_drawn() {
    let done = || QUEUE.with(|q| q.borrow().done);
    let mut last = (done(), js_sys::Date::now());
    loop {
        let (idle, queued) = QUEUE.with(|q| {
            let q = q.borrow();
            (
                q.outstanding == 0 && q.jobs.is_empty() && q.sections == 0,
                !q.jobs.is_empty() || q.sections > 0,
            )
        });
        if idle {
            return;
        }
        let now = js_sys::Date::now();
        if done() != last.0 || queued {
            last = (done(), now);
        } else if now - last.1 > 1000.0 {
            return;
        }
        let mut wait = None;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            QUEUE.with(|q| q.borrow_mut().waiters.push(resolve.clone()));
            wait = Some(resolve);
        });
        // Woken by the queue going idle, or after a short while to look again.
        if let Some(resolve) = wait {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        }
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}
