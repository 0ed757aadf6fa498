//! The list of loaded files, their sheets and what each sheet was recognised as.

use super::session::session;
use leptos::prelude::*;

/// Loaded files, each with its sheets' row and column counts and roles; the empty state
/// explains what to bring.
#[component]
pub fn FileList() -> impl IntoView {
    let session = session();
    let files = session.files;
    let remove = move |name: String| session.remove_file(&name);
    view! {
        <Show
            when=move || !files.with(Vec::is_empty)
            fallback=move || {
                view! {
                    <section class="empty" data-testid="empty-state">
                        <h2>"还没有载入数据"</h2>
                        <p>
                            "请载入统计局反馈的规上工业企业分企业产值表（含本月、1-本月及上年同期），"
                            "可同时载入县区增加值增速表、全省各市增速表和目标任务表。"
                        </p>
                        <button class="link" data-testid="load-demo" on:click=move |_| super::demo::load_demo(session)>
                            "查看示例数据"
                        </button>
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
