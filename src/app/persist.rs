//! The session kept in IndexedDB as the user works — the extracted tables (never the raw
//! files), the settings and the colour convention — and restored after a reload or a
//! browser restart. Writing is asynchronous, so saving never blocks the page; where the
//! browser refuses storage nothing is kept and nothing fails.

use super::schedule::when_idle;
use super::session::{FileTables, FileTablesRef, LoadedFile, Session};
use super::storage;
use crate::analysis::Settings;
use crate::model::row_chunks::{chunk_ranges, Rows};
use crate::report::draft::Draft;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const DB: &str = "industry-monitor";
const STORE: &str = "session";
const FILES: &str = "files";
const SETTINGS: &str = "settings";
/// Bumped when the saved shape changes; older snapshots are then ignored.
const VERSION: u32 = 1;
/// The files' tables are kept in bincode since this version, not JSON, serialised where
/// they lie rather than copied first: no number is formatted as text, and a
/// 100,000-enterprise session took 53 ms to serialise and 31 ms to store in a profile.
/// JSON snapshots of `VERSION` are still read. 3: sheet reports carry the region taken
/// from the sheet, title or file name and the region names; tables their
/// cumulative-only mark (bincode has no defaults, so version 2 is ignored). 4: the
/// sources carry 增加值率 and price-index tables, and sheets two more roles. 6: sheets
/// carry sample values, their unit and their block's range; sources the 区划代码 names.
/// 7: warnings and ledger rows located by one `model::At`. 8: framed, the enterprise
/// rows in chunks after everything else (`Framed`).
const FILES_VERSION: u32 = 8;

#[derive(Serialize, Deserialize)]
struct Saved<T> {
    version: u32,
    value: T,
}

#[derive(Serialize, Deserialize)]
struct SavedSettings {
    settings: Settings,
    green_up: bool,
    /// The speech draft's choices (absent in sessions saved before it existed).
    #[serde(default)]
    draft: Draft,
}

/// Resolves when the request succeeds, with its result. The handlers are attached at
/// once, not when the future is first polled, so two requests can be awaited in turn.
fn finish(request: &IdbRequest) -> JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let ok = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::NULL));
        });
        let fail = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &"IndexedDB request failed".into());
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(fail.unchecked_ref()));
    });
    JsFuture::from(promise)
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = window()
        .indexed_db()?
        .ok_or_else(|| JsValue::from_str("no IndexedDB"))?;
    let request: IdbOpenDbRequest = factory.open_with_u32(DB, 1)?;
    let upgrade = Closure::once_into_js(move |ev: web_sys::Event| {
        let Some(target) = ev.target() else { return };
        let request: IdbOpenDbRequest = target.unchecked_into();
        if let Ok(db) = request.result() {
            let _ = db
                .unchecked_into::<IdbDatabase>()
                .create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    Ok(finish(&request).await?.unchecked_into())
}

async fn store(mode: IdbTransactionMode) -> Result<IdbObjectStore, JsValue> {
    let db = open().await?;
    db.transaction_with_str_and_mode(STORE, mode)?
        .object_store(STORE)
}

async fn put(key: &str, value: JsValue) -> Result<(), JsValue> {
    let store = store(IdbTransactionMode::Readwrite).await?;
    finish(&store.put_with_key(&value, &key.into())?).await?;
    Ok(())
}

/// Files' tables in bincode behind `FILES_VERSION`: what IndexedDB keeps, what the worker
/// hands the page, and the demo city read ahead of time (`make demo` writes it, the single
/// file carries it).
pub fn encode_files(files: &[FileTablesRef]) -> Option<Vec<u8>> {
    let pieces = pieces(files);
    let encoded = pieces
        .iter()
        .map(|p| encode_piece(files, p))
        .collect::<Option<Vec<_>>>()?;
    frame(&pieces, encoded)
}

/// The files' tables as `encode_files` frames them: everything but the enterprise rows
/// (`head`), then the rows in chunks, each naming its file and table, so a province's
/// tables decode a chunk per task (see `FilesDecoder`).
#[derive(Serialize, Deserialize)]
struct Framed<'a> {
    version: u32,
    #[serde(borrow)]
    head: Bytes<'a>,
    #[serde(borrow)]
    chunks: Vec<Chunk<'a>>,
}

#[derive(Serialize, Deserialize)]
struct Chunk<'a> {
    file: u32,
    table: u32,
    #[serde(borrow)]
    rows: Bytes<'a>,
}

/// Bytes serialised as one block (a plain `&[u8]` is serialised byte by byte: a
/// province's tables took most of a second to frame).
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Bytes<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <&'de [u8]>::deserialize(d).map(Bytes)
    }
}

/// A piece of the encoding: the head, or one chunk of one table's rows.
#[derive(Clone)]
pub enum Piece {
    Head,
    Rows {
        file: usize,
        table: usize,
        range: std::ops::Range<usize>,
    },
}

/// Every piece `files` encode into, in order.
pub fn pieces(files: &[FileTablesRef]) -> Vec<Piece> {
    let mut out = vec![Piece::Head];
    for (file, f) in files.iter().enumerate() {
        for (table, t) in f.sources.enterprises.iter().enumerate() {
            out.extend(chunk_ranges(t).map(|range| Piece::Rows { file, table, range }));
        }
    }
    out
}

/// One piece's bytes; `None` when `files` no longer hold it.
pub fn encode_piece(files: &[FileTablesRef], piece: &Piece) -> Option<Vec<u8>> {
    match piece {
        Piece::Head => {
            let bare: Vec<_> = files.iter().map(|f| f.sources.without_rows()).collect();
            let heads: Vec<FileTablesRef> = files
                .iter()
                .zip(&bare)
                .map(|(f, sources)| FileTablesRef { sources, ..*f })
                .collect();
            bincode::serialize(&heads).ok()
        }
        Piece::Rows { file, table, range } => {
            let t = files.get(*file)?.sources.enterprises.get(*table)?;
            (range.end <= t.len())
                .then(|| bincode::serialize(&t.rows_ref(range.clone())).ok())
                .flatten()
        }
    }
}

/// The encoded `pieces` (each at its place in `encoded`) framed as one byte string.
pub fn frame(pieces: &[Piece], encoded: Vec<Vec<u8>>) -> Option<Vec<u8>> {
    (pieces.len() == encoded.len()).then_some(())?;
    let mut chunks = Vec::new();
    for (piece, bytes) in pieces.iter().zip(&encoded).skip(1) {
        if let Piece::Rows { file, table, .. } = piece {
            chunks.push(Chunk {
                file: *file as u32,
                table: *table as u32,
                rows: Bytes(bytes),
            });
        }
    }
    bincode::serialize(&Framed {
        version: FILES_VERSION,
        head: Bytes(encoded.first()?),
        chunks,
    })
    .ok()
}

/// `encode_files`' bytes read back a chunk at a time: `step` until it says done, then
/// `finish`. Any inconsistency (another version, a chunk for no table) reads as `None`.
pub struct FilesDecoder<'a> {
    files: Vec<FileTables>,
    chunks: std::vec::IntoIter<Chunk<'a>>,
}

impl<'a> FilesDecoder<'a> {
    pub fn new(bytes: &'a [u8]) -> Option<Self> {
        let framed: Framed = bincode::deserialize(bytes).ok()?;
        (framed.version == FILES_VERSION).then_some(())?;
        let files: Vec<FileTables> = bincode::deserialize(framed.head.0).ok()?;
        Some(FilesDecoder {
            files,
            chunks: framed.chunks.into_iter(),
        })
    }

    /// Decodes the next chunk: `Some(true)` once none is left, `None` when it is broken.
    pub fn step(&mut self) -> Option<bool> {
        let Some(chunk) = self.chunks.next() else {
            return Some(true);
        };
        let rows: Rows = bincode::deserialize(chunk.rows.0).ok()?;
        self.files
            .get_mut(chunk.file as usize)?
            .sources
            .enterprises
            .get_mut(chunk.table as usize)?
            .append_rows(rows);
        Some(false)
    }

    pub fn finish(self) -> Vec<FileTables> {
        self.files
    }
}

/// `encode_files`' bytes back, or `None` when they are of another version or broken.
pub fn decode_files(bytes: &[u8]) -> Option<Vec<FileTables>> {
    let mut decoder = FilesDecoder::new(bytes)?;
    while !decoder.step()? {}
    Some(decoder.finish())
}

/// `decode_files` a chunk per task, so a province's tables never hold the page's thread
/// for their whole decoding.
pub async fn decode_files_stepped(bytes: &[u8], measure: &str) -> Option<Vec<FileTables>> {
    let mut decoder = super::bench::measure(measure, || FilesDecoder::new(bytes))?;
    loop {
        super::schedule::next_task().await;
        if super::bench::measure(measure, || decoder.step())? {
            return Some(decoder.finish());
        }
    }
}

fn to_bincode(files: &[FileTablesRef]) -> Option<js_sys::Uint8Array> {
    Some(js_sys::Uint8Array::from(encode_files(files)?.as_slice()))
}

/// The saved files: bincode bytes, or JSON text from before `FILES_VERSION`.
async fn files_from(saved: JsValue) -> Option<Vec<FileTables>> {
    if let Some(text) = saved.as_string() {
        return from_json(&text);
    }
    // Saved as a Blob: the browser hands over a handle, and its bytes are read off the
    // page's thread (a Uint8Array of a province is cloned on it, in one long task).
    let saved = match saved.dyn_into::<web_sys::Blob>() {
        Ok(blob) => JsFuture::from(blob.array_buffer()).await.ok()?,
        Err(other) => other,
    };
    let bytes = js_sys::Uint8Array::new(&saved).to_vec();
    decode_files_stepped(&bytes, "restore-decode").await
}

async fn clear_store() -> Result<(), JsValue> {
    let store = store(IdbTransactionMode::Readwrite).await?;
    finish(&store.clear()?).await?;
    Ok(())
}

fn to_json<T: Serialize>(value: T) -> Option<String> {
    serde_json::to_string(&Saved {
        version: VERSION,
        value,
    })
    .ok()
}

fn from_json<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    serde_json::from_str::<Saved<T>>(text)
        .ok()
        .filter(|s| s.version == VERSION)
        .map(|s| s.value)
}

/// The session as a report file carries it: its settings (JSON, with the colour
/// convention) and its files' tables (bincode), one after the other behind the settings'
/// length.
pub fn session_bytes(session: Session) -> Option<Vec<u8>> {
    let settings = session.settings().with_untracked(|s| s.clone());
    let green_up = session.green_up().get_untracked();
    let draft = session.draft().get_untracked();
    session.files().with_untracked(|files| {
        carried_bytes(
            &settings,
            green_up,
            &draft,
            &files.iter().map(FileTablesRef::of).collect::<Vec<_>>(),
        )
    })
}

/// [`session_bytes`] from its parts: what the CLI's `export --report` writes too.
pub fn carried_bytes(
    settings: &Settings,
    green_up: bool,
    draft: &Draft,
    files: &[FileTablesRef],
) -> Option<Vec<u8>> {
    let settings = to_json(SavedSettings {
        settings: settings.clone(),
        green_up,
        draft: draft.clone(),
    })?;
    let files = encode_files(files)?;
    let mut out = (settings.len() as u32).to_le_bytes().to_vec();
    out.extend_from_slice(settings.as_bytes());
    out.extend_from_slice(&files);
    Some(out)
}

/// Puts `session_bytes`' session back; false when the bytes are not one.
pub fn restore_session_bytes(session: Session, bytes: &[u8]) -> bool {
    let Some(len) = bytes
        .get(..4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    else {
        return false;
    };
    let Some(settings) = bytes
        .get(4..4 + len)
        .and_then(|b| std::str::from_utf8(b).ok())
    else {
        return false;
    };
    let Some(files) = decode_files(&bytes[4 + len..]) else {
        return false;
    };
    if let Some(saved) = from_json::<SavedSettings>(settings) {
        session.restore_settings(saved.settings, saved.green_up, saved.draft);
    }
    session.restore_files(files.into_iter().map(|f| f.into_loaded(None)).collect());
    true
}

/// Saves the files' tables when the page is idle: copying and serialising a province's
/// tables is work for an idle moment, not for the load that changed them. The demo is not
/// saved (it opens by itself on a first visit).
pub fn save_files(session: Session) {
    when_idle(move || {
        leptos::task::spawn_local(async move {
            let saved = if session.demo().get_untracked() {
                to_bincode(&[])
            } else {
                encode_stepped(session).await
            };
            if let Some(bytes) = saved {
                let blob = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes));
                let stored = match blob {
                    Ok(blob) => put(FILES, blob.into()).await.is_ok(),
                    Err(_) => false,
                };
                // Where a Blob cannot be stored (some private modes), the bytes themselves.
                if !stored {
                    let _ = put(FILES, bytes.into()).await;
                }
            }
        });
    });
}

/// `encode_files` of the session's files a piece per task. `None` when the files changed
/// on the way: the change saves them again.
async fn encode_stepped(session: Session) -> Option<js_sys::Uint8Array> {
    let files = session.files();
    let readings = || files.with_untracked(|f| f.iter().map(|f| f.reading).collect::<Vec<_>>());
    let with_refs = |then: &dyn Fn(&[FileTablesRef]) -> Option<Vec<u8>>| {
        files.with_untracked(|f| then(&f.iter().map(FileTablesRef::of).collect::<Vec<_>>()))
    };
    let before = readings();
    let pieces =
        files.with_untracked(|f| pieces(&f.iter().map(FileTablesRef::of).collect::<Vec<_>>()));
    let mut encoded = Vec::with_capacity(pieces.len());
    for piece in &pieces {
        if readings() != before {
            return None;
        }
        encoded.push(super::bench::measure("save-encode", || {
            with_refs(&|refs| encode_piece(refs, piece))
        })?);
        super::schedule::next_task().await;
    }
    if readings() != before {
        return None;
    }
    let framed = frame(&pieces, encoded)?;
    Some(js_sys::Uint8Array::from(framed.as_slice()))
}

pub fn save_settings(settings: &Settings, green_up: bool, draft: &Draft) {
    if let Some(json) = to_json(SavedSettings {
        settings: settings.clone(),
        green_up,
        draft: draft.clone(),
    }) {
        leptos::task::spawn_local(async move {
            let _ = put(SETTINGS, json.into()).await;
        });
    }
}

/// The saved settings and files, read in one transaction (opening the database is most
/// of the cost of a restore, so it is opened once).
async fn saved() -> (Option<String>, Option<JsValue>) {
    let Ok(store) = store(IdbTransactionMode::Readonly).await else {
        return (None, None);
    };
    let (Ok(settings), Ok(files)) = (store.get(&SETTINGS.into()), store.get(&FILES.into())) else {
        return (None, None);
    };
    let (settings, files) = (finish(&settings), finish(&files));
    let settings = settings.await.ok().and_then(|v| v.as_string());
    (settings, files.await.ok())
}

/// Puts the saved session back; false when nothing was saved.
pub async fn restore(session: Session) -> bool {
    let (settings, files) = saved().await;
    if let Some(saved) = settings.and_then(|t| from_json::<SavedSettings>(&t)) {
        session.restore_settings(saved.settings, saved.green_up, saved.draft);
    }
    let files: Vec<FileTables> = match files {
        Some(saved) => match files_from(saved).await {
            Some(files) => files,
            None => return false,
        },
        None => return false,
    };
    if files.is_empty() {
        return false;
    }
    // Decoding a province's tables and analysing them are each a long task: one after the
    // other, not one frozen stretch.
    super::schedule::next_task().await;
    let restored: Vec<LoadedFile> = files.into_iter().map(|f| f.into_loaded(None)).collect();
    session.restore_files(restored);
    true
}

/// "清除本地数据": everything the app stored — the saved session (files, settings, the
/// colour convention) in IndexedDB, the remembered mappings, region sources and names,
/// targets and the demo's seen mark in localStorage — and what is on the page. The
/// settings saved again by the page's effect afterwards are the defaults.
pub fn clear_everything(session: Session) {
    session.clear();
    storage::remove_ours();
    leptos::task::spawn_local(async move {
        let _ = clear_store().await;
    });
}
