//! The list of loaded files, their sheets and what each sheet was recognised as.

use crate::ingest::{Format, SheetReport};
use crate::model::Sources;
use leptos::prelude::*;

/// One file as the session holds it: what was read from it, by sheet, and its tables.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedFile {
    pub name: String,
    pub format: Format,
    pub sheets: Vec<SheetReport>,
    pub sources: Sources,
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
                <For each=move || files.get() key=|f| f.name.clone() let:file>
                    {
                        let name = file.name.clone();
                        view! {
                            <article class="file" data-testid="file" data-name=file.name.clone()>
                                <header>
                                    <h3 data-testid="file-name">{file.name.clone()}</h3>
                                    <span class="format">{file.format.label()}</span>
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
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {file
                                            .sheets
                                            .iter()
                                            .map(|s| {
                                                view! {
                                                    <tr data-testid="sheet" data-sheet=s.sheet.clone()>
                                                        <td data-testid="sheet-name">{s.sheet.clone()}</td>
                                                        <td data-testid="sheet-role">{s.role.label()}</td>
                                                        <td class="num" data-testid="sheet-rows">{s.rows}</td>
                                                        <td class="num" data-testid="sheet-cols">{s.cols}</td>
                                                    </tr>
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
