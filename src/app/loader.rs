//! Reads dropped or picked files into the session, one task per file.

use super::file_list::{next_reading, RawBytes};
use super::{LoadedFile, Session};
use crate::ingest::no_enterprise_table_message;
use crate::ingest::MAX_FILE_BYTES;
use crate::ingest::{ingest, IngestError, IngestOptions, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::FileList;

/// Reads one file's bytes into what the session keeps of it.
pub fn load_bytes(bytes: &[u8], name: &str, options: &IngestOptions) -> Result<LoadedFile, String> {
    let read = ingest(bytes.to_vec(), name, options, &mut || {}).map_err(|e| e.to_string())?;
    Ok(LoadedFile {
        name: name.into(),
        format: read.format,
        sheets: read.sheets,
        sources: read.sources,
        bytes: Some(RawBytes(bytes.into())),
        reading: next_reading(),
    })
}

/// The stages a load goes through, as the progress bar names them.
pub const STAGES: [&str; 5] = ["读取", "解析", "识别表头", "计算", "绘制"];

/// Shows `stage` for the file `name` in the progress list.
pub(super) fn stage(session: Session, name: &str, stage: &str) {
    // The benchmark reads these marks to say where the time went.
    if let Some(p) = window().performance() {
        let _ = p.mark(&format!("industry-monitor:{stage}"));
    }
    session.progress.update(|p| {
        if let Some(entry) = p.iter_mut().find(|(n, _)| n == name) {
            entry.1 = stage.to_string();
        }
    });
}

/// Resolves at the next animation frame, letting the page paint.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `f` in a task of its own, after the current one.
pub(super) fn after_this_task(f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
        wasm_bindgen::JsCast::unchecked_ref(&callback),
        0,
    );
}

/// Runs `f` in a task after the next frame has been painted.
pub(super) fn after_next_paint(f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || after_this_task(f));
    let _ = window().request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&callback));
}

/// Resolves in a task after the current one.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        after_this_task(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// `performance.mark("industry-monitor:drawn")` once the last file's dashboard is on
/// screen: what the benchmark times drop → dashboard by.
fn mark_drawn() {
    if let Some(p) = window().performance() {
        let _ = p.mark("industry-monitor:drawn");
    }
}

/// Parses in the Web Worker when the page has one (the built app), else here.
async fn parse(session: Session, bytes: Vec<u8>, name: &str) -> Result<LoadedFile, String> {
    let options = session.options.get_untracked();
    if super::worker::available() {
        super::worker::load(session, bytes, name, &options).await
    } else {
        stage(session, name, "解析");
        load_bytes(&bytes, name, &options)
    }
}

/// Starts reading every file of `list`. Each file lands in the session on its own, so a
/// broken file only adds a message and never disturbs what is already loaded.
pub fn load_files(session: Session, list: FileList) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    session.pending.update(|n| *n += files.len());
    session.progress.update(|p| {
        p.extend(files.iter().map(|f| (f.name(), STAGES[0].to_string())));
    });
    for file in files {
        spawn_local(async move {
            let name = file.name();
            let size = file.size();
            // Refused before a byte is read: a 2 GB archive must not fill the tab's memory.
            let outcome = if size > MAX_FILE_BYTES as f64 {
                Err(IngestError::TooLarge {
                    file: name.clone(),
                    size_mb: size / 1_048_576.0,
                    limit_mb: (MAX_FILE_BYTES / 1_048_576) as u64,
                }
                .to_string())
            } else {
                match gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(file)).await {
                    Ok(bytes) => parse(session, bytes, &name).await,
                    Err(e) => Err(format!("文件“{name}”无法读取：{e} (read failed)")),
                }
            };
            match outcome {
                Ok(loaded) => {
                    // Kept (its sheets can be mapped by hand), but said at once.
                    if loaded.sheets.iter().all(|s| s.role == Role::Other) {
                        let message = no_enterprise_table_message(&loaded.sheets);
                        session.errors.update(|e| e.push(message));
                    }
                    stage(session, &name, "计算");
                    // The stage is painted, then the dashboard is built in a task of its
                    // own (not inside the frame, whose layout would add to it).
                    next_frame().await;
                    next_task().await;
                    session.files.update(|files| {
                        // A file dropped again replaces its earlier version.
                        files.retain(|f| f.name != loaded.name);
                        files.push(loaded);
                    });
                    stage(session, &name, "绘制");
                    // The analysis and the views run before the next frame, and queue the
                    // charts; once those are drawn, one more frame puts them on screen.
                    next_frame().await;
                    super::charts::all_drawn().await;
                    next_frame().await;
                    if session.pending.get_untracked() == 1 {
                        mark_drawn();
                    }
                }
                Err(message) => session.errors.update(|e| e.push(message)),
            }
            session.progress.update(|p| {
                if let Some(i) = p.iter().position(|(n, _)| *n == name) {
                    p.remove(i);
                }
            });
            session.pending.update(|n| *n = n.saturating_sub(1));
        });
    }
}
