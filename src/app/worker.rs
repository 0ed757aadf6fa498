//! Reading workbooks off the page's thread. The same wasm runs in a classic Web Worker that
//! the page creates from a Blob URL (scripts/bundle.mjs puts the URL and the compiled
//! module on `window.__industryMonitorWorker`); `main` sees it is in a worker and serves
//! requests instead of mounting the app. A parser panic then kills the worker, not the
//! page: the page reports the file and starts a fresh worker for the next one.
//!
//! Messages, page → worker: `{kind: "load", id, name, bytes: Uint8Array, options: JSON}`;
//! worker → page: `{kind: "progress", id, stage}` (a `Stage::id`) and `{kind: "done", id, tables}` (the
//! `FileTables` in bincode, a transferred Uint8Array) or `{kind: "done", id, error}`.
//! `{kind: "warm", files: [[name, Uint8Array]…]}` asks the worker to read the demo
//! workbooks (see `serve`); it answers `{kind: "warmed", tables}`.

use super::bench;
use super::load_error::LoadError;
use super::schedule::when_idle;
use super::session::{FileTables, FileTablesRef, LoadedFile, RawBytes, Session, Stage};
use crate::ingest::{ingest, IngestOptions};
use js_sys::{Object, Reflect, Uint8Array};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker, WorkerOptions, WorkerType};

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn message(pairs: &[(&str, JsValue)]) -> Object {
    let obj = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&obj, &(*k).into(), v);
    }
    obj
}

/// Whether this instance runs inside a worker.
pub fn in_worker() -> bool {
    js_sys::global()
        .dyn_into::<DedicatedWorkerGlobalScope>()
        .is_ok()
}

/// One file through the worker's whole path: read, recognise, encode. `stage` reports
/// progress.
fn read_to_tables(
    bytes: Vec<u8>,
    name: String,
    options: &IngestOptions,
    stage: &dyn Fn(Stage),
) -> Result<Vec<u8>, LoadError> {
    stage(Stage::Parse);
    let read = ingest(bytes, &name, options, &mut || stage(Stage::Recognise))?;
    let tables = FileTables {
        name,
        format: read.format,
        sheets: read.sheets,
        sources: read.sources,
    };
    super::persist::encode_files(&[FileTablesRef::of_tables(&tables)]).ok_or_else(|| {
        LoadError::Reply {
            file: tables.name.clone(),
            detail: "编码失败".into(),
        }
    })
}

/// Encoded tables as a transferable array (moved to the page, not copied again).
fn tables_message(encoded: &[u8]) -> (JsValue, js_sys::Array) {
    let array = Uint8Array::from(encoded);
    let transfer = js_sys::Array::of1(&array.buffer());
    (array.into(), transfer)
}

/// The worker's side: answers load requests until terminated.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    // A panic says so before the instance aborts: the page then knows a worker that died
    // without one ran out of memory (an allocation failure aborts with no panic).
    let panic_scope = scope.clone();
    std::panic::set_hook(Box::new(move |_| {
        let _ = panic_scope.post_message(&message(&[("kind", "panicked".into())]));
    }));
    let reply_scope = scope.clone();
    let handler = Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
        let data = ev.data();
        let post = |pairs: &[(&str, JsValue)]| {
            let _ = reply_scope.post_message(&message(pairs));
        };
        let post_tables = |pairs: &[(&str, JsValue)], encoded: &[u8]| {
            let (array, transfer) = tables_message(encoded);
            let mut all = pairs.to_vec();
            all.push(("tables", array));
            let _ = reply_scope.post_message_with_transfer(&message(&all), &transfer);
        };
        match get(&data, "kind").as_string().as_deref() {
            Some("load") => {}
            Some("warm") => {
                // Wasm code starts in V8's baseline tier and is optimised once it has run
                // a while; a function that runs once (the loop over a sheet's cells) stays
                // baseline for that call. Reading the built-in demo workbooks (twice) as soon
                // as the worker starts lets the first real file run optimised code: the
                // 20,000-enterprise workbook parsed in a third of the time on a second read.
                // The page sends them (a worker has no document to find them in).
                let files: Vec<(String, Vec<u8>)> = js_sys::Array::from(&get(&data, "files"))
                    .iter()
                    .filter_map(|pair| {
                        let pair = js_sys::Array::from(&pair);
                        Some((
                            pair.get(0).as_string()?,
                            Uint8Array::new(&pair.get(1)).to_vec(),
                        ))
                    })
                    .collect();
                let mut first = None;
                for (name, bytes) in files.iter().chain(files.iter()) {
                    let encoded =
                        read_to_tables(bytes.clone(), name.clone(), &Default::default(), &|_| {});
                    first = first.or(encoded.ok());
                }
                post_tables(&[("kind", "warmed".into())], &first.unwrap_or_default());
                return;
            }
            _ => return,
        }
        let id = get(&data, "id");
        let name = get(&data, "name").as_string().unwrap_or_default();
        let bytes = Uint8Array::new(&get(&data, "bytes")).to_vec();
        let options: IngestOptions = get(&data, "options")
            .as_string()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        let stage = |stage: Stage| {
            post(&[
                ("kind", "progress".into()),
                ("id", id.clone()),
                ("stage", stage.id().into()),
            ])
        };
        match read_to_tables(bytes, name, &options, &stage) {
            Ok(encoded) => post_tables(
                &[
                    ("kind", "done".into()),
                    ("id", id),
                    ("memory", bench::wasm_memory_bytes().into()),
                ],
                &encoded,
            ),
            Err(error) => post(&[
                ("kind", "done".into()),
                ("id", id),
                ("error", error.to_wire().into()),
            ]),
        }
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
}

/// A load waiting for the worker: how to finish its future, and for which file.
struct Pending {
    name: String,
    resolve: js_sys::Function,
    reject: js_sys::Function,
}

#[derive(Default)]
struct Client {
    worker: Option<Worker>,
    next_id: u32,
    pending: HashMap<u32, Pending>,
    /// Stage shown per file name.
    session: Option<Session>,
    /// The worker reported a panic before it died.
    panicked: bool,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client::default());
}

/// The Blob URL and compiled module the bundle provides; `None` in a plain build.
fn provided() -> Option<(String, JsValue)> {
    let spec = get(&window().into(), "__industryMonitorWorker");
    let url = get(&spec, "url").as_string()?;
    let module = get(&spec, "module");
    (!module.is_undefined()).then_some((url, module))
}

/// The worker the bundle started beside the page (already given the module), taken once:
/// a worker started after a crash or a cancel is a fresh one.
fn started() -> Option<Worker> {
    let spec = get(&window().into(), "__industryMonitorWorker");
    let worker = get(&spec, "worker").dyn_into::<Worker>().ok()?;
    let _ = Reflect::delete_property(spec.unchecked_ref::<Object>(), &"worker".into());
    Some(worker)
}

/// Whether loads go to a worker here.
pub fn available() -> bool {
    provided().is_some()
}

/// Every waiting load fails with `why` (the worker died or the user cancelled).
fn fail_all(why: &dyn Fn(&str) -> LoadError) {
    let pending: Vec<Pending> = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.worker = None;
        c.pending.drain().map(|(_, p)| p).collect()
    });
    for p in pending {
        let _ = p
            .reject
            .call1(&JsValue::NULL, &why(&p.name).to_wire().into());
    }
}

fn on_message(ev: MessageEvent) {
    let data = ev.data();
    let id = get(&data, "id").as_f64().unwrap_or(-1.0) as u32;
    match get(&data, "kind").as_string().as_deref() {
        Some("panicked") => CLIENT.with(|c| c.borrow_mut().panicked = true),
        Some("warmed") => {
            // The page's half of the warm-up: decoding a reply and analysing it, in an idle
            // moment, so the first real file does not run them in the baseline tier.
            let encoded = Uint8Array::new(&get(&data, "tables")).to_vec();
            when_idle(move || {
                let first =
                    super::persist::decode_files(&encoded).and_then(|f| f.into_iter().next());
                if let Some(tables) = first {
                    if let Ok(a) = crate::analysis::analyze(&tables.sources, &Default::default()) {
                        super::charts::warm_up(std::sync::Arc::new(a));
                    }
                }
            });
        }
        Some("progress") => {
            let stage = get(&data, "stage")
                .as_string()
                .and_then(|s| Stage::from_id(&s));
            let (session, name) = CLIENT.with(|c| {
                let c = c.borrow();
                (c.session, c.pending.get(&id).map(|p| p.name.clone()))
            });
            if let (Some(session), Some(name), Some(stage)) = (session, name, stage) {
                bench::stage_reached(session, &name, stage);
            }
        }
        Some("done") => {
            let Some(p) = CLIENT.with(|c| c.borrow_mut().pending.remove(&id)) else {
                return;
            };
            // The worker's peak memory, for the benchmark.
            if let Some(m) = get(&data, "memory").as_f64() {
                bench::record_worker_memory(m);
            }
            let error = get(&data, "error");
            if error.is_string() {
                let _ = p.reject.call1(&JsValue::NULL, &error);
            } else {
                let _ = p.resolve.call1(&JsValue::NULL, &get(&data, "tables"));
            }
        }
        _ => {}
    }
}

fn worker() -> Result<Worker, JsValue> {
    if let Some(w) = CLIENT.with(|c| c.borrow().worker.clone()) {
        return Ok(w);
    }
    let (url, module) = provided().ok_or_else(|| JsValue::from_str("no worker"))?;
    let w = match started() {
        Some(w) => w,
        None => {
            // Classic, not module: Chromium refuses module workers from blob: URLs on file://.
            let options = WorkerOptions::new();
            options.set_type(WorkerType::Classic);
            let w = Worker::new_with_options(&url, &options)?;
            w.post_message(&message(&[("kind", "init".into()), ("module", module)]))?;
            w
        }
    };
    let demo = super::demo::demo_files();
    if !demo.is_empty() {
        let files: js_sys::Array = demo
            .iter()
            .map(|(name, bytes)| js_sys::Array::of2(&(*name).into(), &Uint8Array::from(&bytes[..])))
            .collect();
        w.post_message(&message(&[
            ("kind", "warm".into()),
            ("files", files.into()),
        ]))?;
    }
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(on_message);
    w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A panic inside the parser, or running out of memory, aborts the worker's
    // instance; the page lives on and says which it was.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        ev.prevent_default();
        if let Some(w) = CLIENT.with(|c| c.borrow_mut().worker.take()) {
            w.terminate();
        }
        // The panic's own message may still be queued behind this event: wait a moment.
        leptos::prelude::set_timeout(
            || {
                let panicked = CLIENT.with(|c| std::mem::take(&mut c.borrow_mut().panicked));
                fail_all(&|name| died_message(name, panicked));
            },
            std::time::Duration::from_millis(100),
        );
    });
    w.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    CLIENT.with(|c| c.borrow_mut().worker = Some(w.clone()));
    Ok(w)
}

/// Why a file's reading stopped when the worker died.
fn died_message(name: &str, panicked: bool) -> LoadError {
    let file = name.to_string();
    if panicked {
        LoadError::WorkerPanicked { file }
    } else {
        LoadError::OutOfMemory { file }
    }
}

/// Starts the worker ahead of the first file, so its start-up (fetching the glue,
/// instantiating the module) is not on the path from drop to dashboard.
pub fn warm_up() {
    if available() {
        let _ = worker();
    }
}

/// Reads `bytes` in the worker; the bytes are kept on the page for later re-reads.
pub async fn load(
    session: Session,
    bytes: Vec<u8>,
    name: &str,
    options: &IngestOptions,
) -> Result<LoadedFile, LoadError> {
    let w = worker().map_err(|_| LoadError::NoWorker { file: name.into() })?;
    let id = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.session = Some(session);
        c.next_id += 1;
        c.next_id
    });
    let mut registered = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        registered = Some(Pending {
            name: name.to_string(),
            resolve,
            reject,
        });
    });
    if let Some(p) = registered {
        CLIENT.with(|c| c.borrow_mut().pending.insert(id, p));
    }
    let array = Uint8Array::from(&bytes[..]);
    let request = message(&[
        ("kind", "load".into()),
        ("id", id.into()),
        ("name", name.into()),
        ("bytes", array.clone().into()),
        (
            "options",
            serde_json::to_string(options).unwrap_or_default().into(),
        ),
    ]);
    // The copy moves to the worker instead of being cloned again.
    let transfer = js_sys::Array::of1(&array.buffer());
    w.post_message_with_transfer(&request, &transfer)
        .map_err(|_| LoadError::HandOver { file: name.into() })?;
    let reply = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| LoadError::from_wire(name, &e.as_string().unwrap_or_default()))?;
    let encoded = bench::measure("decode", || Uint8Array::new(&reply).to_vec());
    let tables = super::persist::decode_files_stepped(&encoded, "decode")
        .await
        .and_then(|files| files.into_iter().next())
        .ok_or_else(|| LoadError::Reply {
            file: name.into(),
            detail: "无法解码工作线程的结果".into(),
        })?;
    Ok(tables.into_loaded(Some(RawBytes(bytes.into()))))
}

/// Stops every load in progress: the worker is terminated (a fresh one starts with the
/// next file) and each waiting file gets a "已取消" message.
pub fn cancel() {
    if let Some(w) = CLIENT.with(|c| c.borrow_mut().worker.take()) {
        w.terminate();
    }
    fail_all(&|name| LoadError::Cancelled { file: name.into() });
}
