//! The loaded files as one table: file, sheet, what the sheet was recognised as, rows,
//! columns, its notes (count, expandable), and the actions (查看/修改字段, 移除).

use super::session::{session, LoadedFile};
use crate::ingest::SheetReport;
use crate::model::Warning;
use leptos::prelude::*;

/// The warnings and notes of `file` about `sheet`.
fn notes_of<'a>(file: &'a LoadedFile, sheet: &'a SheetReport) -> Vec<&'a Warning> {
    file.sources
        .warnings
        .iter()
        .filter(|w| w.at.sheet.as_deref() == Some(sheet.sheet.as_str()))
        .collect()
}

fn sheet_rows(file: &LoadedFile, remove: impl Fn(String) + Copy + 'static) -> impl IntoView {
    let name = file.name.clone();
    // The file's cell on its first row only (no rowspan: a mapping editor opening under a
    // sheet adds a row).
    let head = view! {
        <td class="file-cell">
            <strong data-testid="file-name">{file.name.clone()}</strong>
            <div class="format">{file.format.label()}</div>
            {file
                .bytes
                .is_none()
                .then(|| {
                    view! {
                        <div
                            class="format"
                            data-testid="file-restored"
                            title="原始文件未保存；如需修改字段对应，请重新载入该文件"
                        >
                            "已从本机恢复"
                        </div>
                    }
                })}
            <button class="link" data-testid="file-remove" on:click=move |_| remove(name.clone())>
                "移除"
            </button>
        </td>
    };
    let mut head = Some(head);
    if file.sheets.is_empty() {
        return view! { <tr>{head.take()}<td colspan="6">"（没有工作表）"</td></tr> }.into_any();
    }
    file.sheets
        .iter()
        .map(|s| {
            // A sheet missing required columns opens its editor at once; an editor the
            // user opened stays open through the re-readings its corrections cause.
            let session = session();
            let key = (file.name.clone(), s.sheet.clone());
            let missing = !s.missing.is_empty();
            let open = Signal::derive(move || {
                session
                    .open_editors()
                    .with(|o| o.get(&key).copied())
                    .unwrap_or(missing)
            });
            let (toggle_file, toggle_sheet) = (file.name.clone(), s.sheet.clone());
            let toggle = move |_| {
                session.set_editor_open(&toggle_file, &toggle_sheet, !open.get_untracked())
            };
            let editable = s.signature.is_some() && file.bytes.is_some();
            let report = s.clone();
            let notes: Vec<(String, String)> = notes_of(file, s)
                .into_iter()
                .map(|w| (w.at.cell_name().to_string(), w.message.clone()))
                .collect();
            let note_count = notes.len();
            // The file table lists a sheet's first notes; all are in 数据提示.
            const SHOWN: usize = 50;
            let notes: Vec<(String, String)> = notes.into_iter().take(SHOWN).collect();
            view! {
                <tr data-testid="sheet" data-sheet=s.sheet.clone()>
                    {head.take().map_or_else(|| view! { <td></td> }.into_any(), IntoAny::into_any)}
                    <td data-testid="sheet-name">
                        {s.sheet.clone()}
                        {s
                            .range
                            .clone()
                            .map(|r| {
                                view! {
                                    <span class="format" data-testid="sheet-range">
                                        {format!("（{r}）")}
                                    </span>
                                }
                            })}
                    </td>
                    <td data-testid="sheet-role">
                        {s.role.label()}
                        {(!s.missing.is_empty())
                            .then(|| {
                                view! {
                                    <span class="error" data-testid="sheet-missing">
                                        {format!(
                                            "（缺少：{}）",
                                            s
                                                .missing
                                                .iter()
                                                .map(|f| f.label())
                                                .collect::<Vec<_>>()
                                                .join("、"),
                                        )}
                                    </span>
                                }
                            })}
                    </td>
                    <td class="num" data-testid="sheet-rows">
                        {s.rows}
                    </td>
                    <td class="num" data-testid="sheet-cols">
                        {s.cols}
                    </td>
                    <td data-testid="sheet-notes">
                        {(note_count > 0)
                            .then(|| {
                                view! {
                                    <details>
                                        <summary>{format!("{note_count} 条")}</summary>
                                        <ul class="notes">
                                            {notes
                                                .into_iter()
                                                .map(|(cell, message)| {
                                                    view! {
                                                        <li>
                                                            {if cell.is_empty() {
                                                                message
                                                            } else {
                                                                format!("{cell}：{message}")
                                                            }}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                            {(note_count > SHOWN)
                                                .then(|| {
                                                    view! {
                                                        <li>
                                                            {format!(
                                                                "……另有 {} 条，见下方“数据提示”",
                                                                note_count - SHOWN,
                                                            )}
                                                        </li>
                                                    }
                                                })}
                                        </ul>
                                    </details>
                                }
                            })}
                    </td>
                    <td>
                        {editable
                            .then(|| {
                                view! {
                                    <button
                                        class="link"
                                        data-testid="mapping-toggle"
                                        on:click=toggle
                                    >
                                        {move || {
                                            if open.get() { "收起" } else { "查看/修改字段" }
                                        }}
                                    </button>
                                }
                            })}
                    </td>
                </tr>
                <Show when=move || open.get() && editable>
                    <tr class="mapping-row">
                        <td></td>
                        <td colspan="6">
                            <super::mapping::MappingEditor report=report.clone() />
                        </td>
                    </tr>
                </Show>
            }
        })
        .collect_view()
        .into_any()
}

/// Loaded files, each with its sheets' row and column counts and roles; the empty state
/// explains what to bring.
#[component]
pub fn FileList() -> impl IntoView {
    let session = session();
    let files = session.files();
    let remove = move |name: String| session.remove_file(&name);
    view! {
        <Show
            when=move || !files.with(Vec::is_empty)
            fallback=move || {
                let locked = move || {
                    session.report().with(|r| r.as_ref().is_some_and(|r| r.locked))
                };
                // A locked report asks for its password above; "no data yet" would mislead.
                view! {
                    <section class="empty" data-testid="empty-state" class:hidden=locked>
                        <h2>"还没有载入数据"</h2>
                        <p>
                            "请载入统计局反馈的规上工业企业分企业产值表（含本月、1-本月及上年同期），"
                            "可同时载入县区增加值增速表、全省各市增速表、目标任务表和工信局的包保、停减产、审核查询台账。"
                        </p>
                        <button
                            class="link"
                            data-testid="load-demo"
                            on:click=move |_| leptos::task::spawn_local(
                                super::demo::load_demo(session),
                            )
                        >
                            "查看示例数据"
                        </button>
                    </section>
                }
            }
        >
            <section class="panel files" id="sec-files" data-testid="file-list">
                <h2>"已载入的文件"</h2>
                <table class="data file-table">
                    <thead>
                        <tr>
                            <th>"文件"</th>
                            <th>"工作表"</th>
                            <th>"识别为"</th>
                            <th class="num">"行数"</th>
                            <th class="num">"列数"</th>
                            <th>"提示"</th>
                            <th>"操作"</th>
                        </tr>
                    </thead>
                    <For each=move || files.get() key=|f| (f.name.clone(), f.reading) let:file>
                        <tbody data-testid="file" data-name=file.name.clone()>
                            {sheet_rows(&file, remove)}
                        </tbody>
                    </For>
                </table>
            </section>
        </Show>
    }
}
