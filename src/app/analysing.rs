//! The analysis of what is loaded, as one memo the views read. A province's table is
//! analysed in steps with the page yielding between them (`analysis::Analyzing`), so a
//! million enterprises never hold the page's thread for the whole analysis; until the
//! steps are done the previous analysis stays on screen (or a notice says it is coming).

use super::bench;
use super::schedule;
use super::session::{analysis_of, combined_sources, Session};
use crate::analysis::{Analysis, Analyzing, Settings};
use crate::model::Sources;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The analysis of what is loaded, `None` while nothing is: one memo, read by the
/// section bar and the dashboard.
pub type AnalysisMemo = Memo<Option<Result<Arc<Analysis>, String>>>;

/// The loaded files' tables combined, once per change of files.
pub type SourcesMemo = Memo<Arc<Sources>>;

/// Tables from this many enterprises on are analysed in steps. Below it the whole
/// analysis is under a hundred milliseconds in the page and is done at once.
const STEPPED_FROM: usize = 150_000;

/// What a stepped analysis was started for: the combined tables (by identity) and the
/// settings.
#[derive(Clone, PartialEq)]
struct Inputs {
    sources: usize,
    settings: Settings,
}

/// The stepped analysis under way or done.
#[derive(Clone, Default)]
struct Stepped {
    started: Option<Inputs>,
    /// Its result once done: `Some` for the `started` inputs only.
    done: Option<Result<Arc<Analysis>, String>>,
    /// Enterprises being analysed, while it runs.
    running: Option<usize>,
}

/// The analysis, recomputed when files or settings change, and the tables it reads; and
/// how many enterprises a stepped analysis is working through (`None` when none is).
pub fn analysis_memo(
    session: Session,
    as_of_today: fn(&Settings) -> Settings,
) -> (AnalysisMemo, SourcesMemo, Signal<Option<usize>>) {
    // The files' tables are combined once per change of files; a settings change (period,
    // targets, merging) re-analyses them without copying or re-reading anything.
    let sources = Memo::new_with_compare(
        move |_| {
            Arc::new(
                session
                    .files()
                    .with(|files| bench::measure("combine", || combined_sources(files))),
            )
        },
        |old, new| !matches!((old, new), (Some(a), Some(b)) if Arc::ptr_eq(a, b)),
    );
    let stepped = RwSignal::new(Stepped::default());
    let analysis = Memo::new_with_compare(
        move |previous: Option<&Option<Result<Arc<Analysis>, String>>>| {
            let all = sources.get();
            let settings = session.settings().with(as_of_today);
            let largest = all.enterprises.iter().map(|t| t.len()).max().unwrap_or(0);
            if largest < STEPPED_FROM {
                return session.files().with(|files| {
                    bench::measure("analyse", || analysis_of(files, &all, &settings))
                });
            }
            let inputs = Inputs {
                sources: Arc::as_ptr(&all) as usize,
                settings,
            };
            let state = stepped.get();
            if state.started.as_ref() == Some(&inputs) {
                if let Some(done) = state.done {
                    return Some(done);
                }
            } else {
                start(stepped, all, inputs);
            }
            // Until the steps are done, what was shown stays.
            previous.cloned().flatten()
        },
        // A new analysis is a change; comparing two deeply would cost as much as computing.
        |old, new| match (old, new) {
            (Some(Some(Ok(a))), Some(Some(Ok(b)))) => !Arc::ptr_eq(a, b),
            (Some(a), Some(b)) => a != b,
            _ => true,
        },
    );
    let running = Signal::derive(move || stepped.with(|s| s.running));
    (analysis, sources, running)
}

/// Starts the steps for `inputs`; a later start makes this one stop at its next step.
fn start(stepped: RwSignal<Stepped>, sources: Arc<Sources>, inputs: Inputs) {
    let settings = inputs.settings.clone();
    let mine = inputs.clone();
    stepped.update_untracked(|s| {
        *s = Stepped {
            started: Some(inputs),
            done: None,
            running: None,
        }
    });
    let current = move || stepped.with_untracked(|s| s.started.as_ref() == Some(&mine));
    // The page is not drawn until this analysis is on it (`schedule::all_drawn`).
    schedule::expect_draw();
    let expecting = Expecting;
    spawn_local(async move {
        let _expecting = expecting;
        let result = match Analyzing::new(&sources, &settings) {
            Err(e) => Err(e.to_string()),
            Ok(mut analyzing) => {
                let enterprises = analyzing.len();
                stepped.update(|s| s.running = Some(enterprises));
                bench::mark("analyse:start");
                loop {
                    schedule::next_task().await;
                    if !current() {
                        return;
                    }
                    if bench::measure("analyse-step", || analyzing.step()) {
                        break;
                    }
                }
                let analysis = bench::measure("analyse-finish", || analyzing.finish());
                Ok(Arc::new(analysis))
            }
        };
        if current() {
            stepped.update(|s| {
                s.done = Some(result);
                s.running = None;
            });
        }
    });
}

/// Held while a stepped analysis runs: dropped, it releases the drawing it promised once
/// the frame that shows its result is painted (the dashboard's sections are queued by then).
struct Expecting;

impl Drop for Expecting {
    fn drop(&mut self) {
        schedule::after_next_paint(schedule::cancel_draw);
    }
}
