//! The list of loaded files, their sheets and what each sheet was recognised as.

use crate::ingest::{Format, SheetReport};
use crate::model::Sources;
use leptos::prelude::*;
use std::sync::Arc;

/// A file's bytes, kept so that a mapping correction can read it again. Compared by
/// identity: comparing megabytes on each update would cost more than the re-read.
#[derive(Clone)]
pub struct RawBytes(pub Arc<[u8]>);

impl PartialEq for RawBytes {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for RawBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RawBytes({} bytes)", self.0.len())
    }
}

/// One file as the session holds it: what was read from it, by sheet, and its tables.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFile {
    pub name: String,
    pub format: Format,
    pub sheets: Vec<SheetReport>,
    pub sources: Sources,
    /// `None` for a file restored from the browser's storage (only its tables are kept).
    pub bytes: Option<RawBytes>,
    /// Distinct for every reading, so the list re-renders a file read again.
    pub reading: u32,
}

/// What is kept of a file without its bytes: in IndexedDB, and on the way back from the
/// Web Worker that read it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FileTables {
    pub name: String,
    pub format: Format,
    pub sheets: Vec<SheetReport>,
    pub sources: Sources,
}

/// A loaded file's `FileTables` without copying them: serialised, it reads back as a
/// `FileTables` (same fields, same order; a slice and a `Vec` encode alike). Saving a
/// province's session then serialises the tables where they lie.
#[derive(Debug, serde::Serialize)]
pub struct FileTablesRef<'a> {
    pub name: &'a str,
    pub format: Format,
    pub sheets: &'a [SheetReport],
    pub sources: &'a Sources,
}

impl<'a> FileTablesRef<'a> {
    pub fn of(f: &'a LoadedFile) -> Self {
        FileTablesRef {
            name: &f.name,
            format: f.format,
            sheets: &f.sheets,
            sources: &f.sources,
        }
    }
}

impl FileTables {
    pub fn into_loaded(self, bytes: Option<RawBytes>) -> LoadedFile {
        LoadedFile {
            name: self.name,
            format: self.format,
            sheets: self.sheets,
            sources: self.sources,
            bytes,
            reading: next_reading(),
        }
    }
}

/// A fresh `reading` number.
pub fn next_reading() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// All loaded files' tables together, in load order.
pub fn combined_sources(files: &[LoadedFile]) -> Sources {
    let mut all = Sources::default();
    for f in files {
        all.absorb(f.sources.clone());
    }
    all
}

/// Loaded files, each with its sheets' row and column counts and roles; the empty state
/// explains what to bring.
#[component]
pub fn FileList(files: RwSignal<Vec<LoadedFile>>) -> impl IntoView {
    let remove = move |name: String| files.update(|f| f.retain(|x| x.name != name));
    view! {
        <Show
            when=move || !files.with(Vec::is_empty)
            fallback=|| {
                view! {
                    <section class="empty" data-testid="empty-state">
                        <h2>"还没有载入数据"</h2>
                        <p>
                            "请载入统计局反馈的规上工业企业分企业产值表（含本月、1-本月及上年同期），"
                            "可同时载入县区增加值增速表、全省各市增速表和目标任务表。"
                        </p>
                        {move || {
                            use_context::<super::Session>()
                                .map(|session| {
                                    view! {
                                        <button class="link" data-testid="load-demo" on:click=move |_| super::demo::load_demo(session)>
                                            "查看示例数据"
                                        </button>
                                    }
                                })
                        }}
                    </section>
                }
            }
        >
            <section class="files" data-testid="file-list">
                <For each=move || files.get() key=|f| (f.name.clone(), f.reading) let:file>
                    {
                        let name = file.name.clone();
                        view! {
                            <article class="file" data-testid="file" data-name=file.name.clone()>
                                <header>
                                    <h3 data-testid="file-name">{file.name.clone()}</h3>
                                    <span class="format">{file.format.label()}</span>
                                    {file.bytes.is_none().then(|| view! {
                                        <span class="format" data-testid="file-restored" title="原始文件未保存；如需修改字段对应，请重新载入该文件">
                                            "已从本机恢复"
                                        </span>
                                    })}
                                    <button class="link" on:click=move |_| remove(name.clone())>
                                        "移除"
                                    </button>
                                </header>
                                <table class="sheets">
                                    <thead>
                                        <tr>
                                            <th>"工作表"</th>
                                            <th>"识别为"</th>
                                            <th class="num">"行数"</th>
                                            <th class="num">"列数"</th>
                                            <th>"字段对应"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {file
                                            .sheets
                                            .iter()
                                            .map(|s| {
                                                // A sheet missing required columns opens its editor at once.
                                                let open = RwSignal::new(!s.missing.is_empty());
                                                let editable = s.signature.is_some() && file.bytes.is_some();
                                                let report = s.clone();
                                                view! {
                                                    <tr data-testid="sheet" data-sheet=s.sheet.clone()>
                                                        <td data-testid="sheet-name">{s.sheet.clone()}</td>
                                                        <td data-testid="sheet-role">
                                                            {s.role.label()}
                                                            {(!s.missing.is_empty()).then(|| view! {
                                                                <span class="error" data-testid="sheet-missing">
                                                                    {format!("（缺少：{}）", s.missing.iter().map(|f| f.label()).collect::<Vec<_>>().join("、"))}
                                                                </span>
                                                            })}
                                                        </td>
                                                        <td class="num" data-testid="sheet-rows">{s.rows}</td>
                                                        <td class="num" data-testid="sheet-cols">{s.cols}</td>
                                                        <td>
                                                            {editable.then(|| view! {
                                                                <button class="link" data-testid="mapping-toggle" on:click=move |_| open.update(|o| *o = !*o)>
                                                                    {move || if open.get() { "收起" } else { "查看 / 修改" }}
                                                                </button>
                                                            })}
                                                        </td>
                                                    </tr>
                                                    <Show when=move || open.get() && editable>
                                                        <tr class="mapping-row">
                                                            <td colspan="5">
                                                                <super::mapping::MappingEditor report=report.clone() />
                                                            </td>
                                                        </tr>
                                                    </Show>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </article>
                        }
                    }
                </For>
            </section>
        </Show>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::ingest::{ingest, IngestOptions};

    #[test]
    fn a_saved_file_reads_back_as_its_tables() {
        let (name, bytes) = super::super::DEMO_FILES[0];
        let read = ingest(bytes.to_vec(), name, &IngestOptions::default(), &mut || {}).unwrap();
        let tables = FileTables {
            name: name.into(),
            format: read.format,
            sheets: read.sheets,
            sources: read.sources,
        };
        let loaded = tables.clone().into_loaded(None);
        let saved = bincode::serialize(&vec![FileTablesRef::of(&loaded)]).unwrap();
        let back: Vec<FileTables> = bincode::deserialize(&saved).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].name, tables.name);
        assert_eq!(back[0].format, tables.format);
        assert_eq!(back[0].sheets, tables.sheets);
        assert_eq!(back[0].sources, tables.sources);
        assert!(!back[0].sources.enterprises.is_empty());
    }
}
