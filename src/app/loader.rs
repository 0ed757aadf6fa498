//! Reads dropped or picked files into the session, one task per file.

use super::file_list::{next_reading, RawBytes};
use super::{LoadedFile, Session};
use crate::ingest::recognise::no_enterprise_table_message;
use crate::ingest::workbook::MAX_FILE_BYTES;
use crate::ingest::{ingest_workbook, read_workbook, IngestError, IngestOptions, Role};
use crate::model::Sources;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::FileList;

/// Reads one file's bytes into what the session keeps of it.
pub fn load_bytes(bytes: &[u8], name: &str, options: &IngestOptions) -> Result<LoadedFile, String> {
    let book = read_workbook(bytes, name).map_err(|e| e.to_string())?;
    let mut sources = Sources::default();
    let sheets = ingest_workbook(&book, options, &mut sources);
    Ok(LoadedFile {
        name: name.into(),
        format: book.format,
        sheets,
        sources,
        bytes: Some(RawBytes(bytes.into())),
        reading: next_reading(),
    })
}

/// Starts reading every file of `list`. Each file lands in the session on its own, so a
/// broken file only adds a message and never disturbs what is already loaded.
pub fn load_files(session: Session, list: FileList) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    session.pending.update(|n| *n += files.len());
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
                    Ok(bytes) => load_bytes(&bytes, &name, &session.options.get_untracked()),
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
                    session.files.update(|files| {
                        // A file dropped again replaces its earlier version.
                        files.retain(|f| f.name != loaded.name);
                        files.push(loaded);
                    })
                }
                Err(message) => session.errors.update(|e| e.push(message)),
            }
            session.pending.update(|n| *n = n.saturating_sub(1));
        });
    }
}
