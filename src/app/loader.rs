//! Reads dropped or picked files into the session, one task per file: in the Web Worker
//! when the page has one (the built app), else here.

use super::bench;
use super::load_error::LoadError;
use super::schedule::{all_drawn, next_frame, next_task};
use super::session::{load_bytes, LoadedFile, Session, Stage};
use crate::ingest::{IngestError, Role, MAX_FILE_BYTES};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::FileList;

async fn parse(session: Session, bytes: Vec<u8>, name: &str) -> Result<LoadedFile, LoadError> {
    let options = session.options().get_untracked();
    if super::worker::available() {
        super::worker::load(session, bytes, name, &options).await
    } else {
        bench::stage_reached(session, name, Stage::Parse);
        load_bytes(&bytes, name, &options)
    }
}

/// Starts reading every file of `list`. Each file lands in the session on its own, so a
/// broken file only adds a message and never disturbs what is already loaded.
pub fn load_files(session: Session, list: FileList) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    session.start_reading(files.iter().map(|f| f.name()));
    for file in files {
        spawn_local(async move {
            let name = file.name();
            let size = file.size();
            // Refused before a byte is read: a 2 GB archive must not fill the tab's memory.
            let outcome = if size > MAX_FILE_BYTES as f64 {
                Err(LoadError::Ingest(IngestError::TooLarge {
                    file: name.clone(),
                    size_mb: size / 1_048_576.0,
                    limit_mb: (MAX_FILE_BYTES / 1_048_576) as u64,
                }))
            } else {
                match gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(file)).await {
                    Ok(bytes) => parse(session, bytes, &name).await,
                    Err(_) => Err(LoadError::BrowserRead { file: name.clone() }),
                }
            };
            match outcome {
                Ok(loaded) => {
                    // Kept (its sheets can be mapped by hand), but said at once.
                    if loaded.sheets.iter().all(|s| s.role == Role::Other) {
                        session.report_error(LoadError::NoEnterpriseTable {
                            file: name.clone(),
                            sheets: loaded.sheets.clone(),
                        });
                    }
                    bench::stage_reached(session, &name, Stage::Compute);
                    // The stage is painted, then the dashboard is built in a task of its
                    // own (not inside the frame, whose layout would add to it).
                    next_frame().await;
                    next_task().await;
                    bench::measure("mount", || session.add_file(loaded));
                    bench::stage_reached(session, &name, Stage::Draw);
                    // The analysis and the views run before the next frame, and queue the
                    // charts; once those are drawn, one more frame puts them on screen.
                    next_frame().await;
                    all_drawn().await;
                    next_frame().await;
                    if session.pending() == 1 {
                        bench::mark_drawn();
                    }
                }
                Err(error) => session.report_error(error),
            }
            session.finish_reading(&name);
        });
    }
}
