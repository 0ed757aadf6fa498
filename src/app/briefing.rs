//! The briefing panel: the speech's data paragraphs, copy to clipboard, download as
//! text, as Word and the whole analysis as a workbook.

use super::download::{save, DOCX_MIME, TEXT_MIME, XLSX_MIME, ZIP_MIME};
use crate::analysis::Analysis;
use crate::report::briefing::{briefing, export_name, title, working_notes, Paragraph};
use crate::report::county_package;
use crate::report::draft::{self, DraftParagraph};
use crate::report::{docx, xlsx};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[component]
pub fn Briefing(analysis: Arc<Analysis>, sources: super::SourcesMemo) -> impl IntoView {
    let session = super::session::session();
    let paragraphs = briefing(&analysis);
    let notes = working_notes(&analysis);
    // The draft: the paragraphs in the speech's order with the office's choices; what
    // 复制, the text file and the .docx carry.
    let drafted = Memo::new(move |_| session.draft().with(|d| draft::apply(d, &paragraphs)));
    let speech = move || draft::plain_text(&draft::sections(&drafted.get_untracked()));
    let status = RwSignal::new(String::new());
    let doc_title = title(&analysis);
    let file_name = format!("{doc_title}.txt");
    // Built when clicked, like the CSV exports. A UTF-8 BOM so Windows Notepad of every
    // age reads it as UTF-8.
    let download = move |_| {
        let bytes = [b"\xEF\xBB\xBF".as_slice(), speech().as_bytes()].concat();
        save(&bytes, &file_name, TEXT_MIME);
    };
    // Word and Excel files are built only when asked for: a province's enterprise sheet
    // is tens of thousands of rows.
    let word_source = (analysis.clone(), doc_title.clone());
    let download_word = move |_| {
        let (a, doc_title) = &word_source;
        let sections = draft::sections(&drafted.get_untracked());
        match docx::document(doc_title, &sections, a) {
            Ok(bytes) => save(&bytes, &format!("{doc_title}.docx"), DOCX_MIME),
            Err(e) => status.set(format!("生成 Word 文稿失败：{e}")),
        }
    };
    let book_source = (analysis.clone(), doc_title.clone());
    let download_book = move |_| {
        let (a, doc_title) = &book_source;
        // The analysis's sheets, then 口径与来源 (each headline figure's formula and the
        // cells it was read from), as the CLI's export writes them.
        let mut sheets = crate::report::tables::all(a);
        let sources = sources.get_untracked();
        let settings = super::session::session().settings().get_untracked();
        if let Ok(table) = crate::analysis::chosen_table(&sources, &settings) {
            sheets.push(crate::report::explain::sources_table(a, &table, &sources));
        }
        match xlsx::tables_workbook(&sheets) {
            Ok(bytes) => save(&bytes, &format!("{doc_title}.xlsx"), XLSX_MIME),
            Err(e) => status.set(format!("生成工作簿失败：{e}")),
        }
    };
    let packages_source = analysis.clone();
    let download_packages = move |_| {
        let a = &packages_source;
        let packages = county_package::packages(a);
        match county_package::zip_packages(&packages) {
            Ok(bytes) => {
                save(&bytes, &export_name(a, "分县区工作包", "zip"), ZIP_MIME);
                let n = packages.len();
                status.set(format!(
                    "已生成{n}个县（市、区）的工作包：每个一个工作簿，停减产台账填好后可拖回本页"
                ));
            }
            Err(e) => status.set(e.to_string()),
        }
    };
    let report_source = analysis.clone();
    let copy = move |_| {
        let text = speech();
        spawn_local(async move {
            let promise = window().navigator().clipboard().write_text(&text);
            let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            status.set(if done {
                "已复制到剪贴板".into()
            } else {
                "浏览器不允许复制，请选中文字后按 Ctrl+C".into()
            });
        });
    };
    view! {
        <section class="panel briefing-panel" id="sec-briefing">
            <h2>"调度会讲话数据段落"</h2>
            <div class="briefing" data-testid="briefing">
                {move || draft_view(&drafted.get())}
            </div>
            {(!notes.is_empty())
                .then(|| {
                    view! {
                        <aside class="briefing-notes" data-testid="briefing-notes">
                            <strong>"备注（供起草时核对，不在讲话稿中）"</strong>
                            <ul>
                                {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                            </ul>
                        </aside>
                    }
                })}
            <div class="actions">
                <button class="primary" data-testid="briefing-copy" on:click=copy>
                    "复制"
                </button>
                <button class="button" data-testid="briefing-download-docx" on:click=download_word>
                    "下载 Word"
                </button>
                <button class="button" data-testid="briefing-download-text" on:click=download>
                    "下载文本"
                </button>
                <button
                    class="button"
                    data-testid="export-xlsx"
                    title="总体、县区、行业、企业、停减产企业、预警等各表，以及口径与来源"
                    on:click=download_book
                >
                    "导出分析工作簿（.xlsx）"
                </button>
                <button
                    class="button"
                    data-testid="export-county-packages"
                    title="每个县（市、区）一个工作簿：概况与全市对比、目标缺口、停减产台账（待填）、企业名单"
                    on:click=download_packages
                >
                    "分县区工作包（.zip）"
                </button>
                <super::report_panel::ReportExport analysis=report_source />
                <span class="status" data-testid="briefing-status">
                    {move || status.get()}
                </span>
            </div>
        </section>
    }
}

/// A paragraph's text with each traced figure a focusable span that opens where it came
/// from (click or Enter), as the headline cards do.
fn traced_text(p: &Paragraph) -> impl IntoView {
    let mut parts = Vec::new();
    let mut at = 0;
    for t in &p.traces {
        if t.start < at || t.end > p.text.len() {
            continue;
        }
        if t.start > at {
            parts.push(p.text[at..t.start].to_string().into_any());
        }
        parts.push(
            super::trace::traced(t.key.clone(), p.text[t.start..t.end].to_string()).into_any(),
        );
        at = t.end;
    }
    if at < p.text.len() {
        parts.push(p.text[at..].to_string().into_any());
    }
    parts.collect_view()
}

/// The draft's paragraphs under their headings, each with 纳入 and 编辑 (and 恢复原文 once
/// rewritten; a note when the data changed since).
fn draft_view(paragraphs: &[DraftParagraph]) -> impl IntoView {
    let headings = draft::headings(paragraphs);
    let mut section = None;
    paragraphs
        .iter()
        .map(|p| {
            let head = (p.section != section)
                .then_some(p.section)
                .flatten()
                .and_then(|s| Some((s, headings.get(&s)?.clone(), p.title.clone())));
            section = p.section;
            view! {
                {head.map(|(s, heading, title)| view! { <DraftHeading section=s heading title /> })}
                <DraftItem paragraph=p.clone() />
            }
        })
        .collect_view()
}

/// A section's heading, numbered as it will be written out, with 改标题: the office words
/// its speech's headings its own way.
#[component]
fn DraftHeading(section: usize, heading: String, title: String) -> impl IntoView {
    let session = super::session::session();
    let editing = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let save = move || {
        if let Some(el) = input.get() {
            session.retitle_section(section, &el.value());
        }
        editing.set(false);
    };
    let numbered = heading.contains('、');
    view! {
        <div class="draft-heading-row">
            <Show
                when=move || editing.get()
                fallback=move || {
                    view! {
                        <h3
                            class="draft-heading"
                            class:excluded=!numbered
                            data-testid="draft-heading"
                        >
                            {heading.clone()}
                        </h3>
                        <button
                            class="link"
                            data-testid="draft-heading-edit"
                            on:click=move |_| editing.set(true)
                        >
                            "改标题"
                        </button>
                    }
                }
            >
                <input
                    type="text"
                    class="draft-heading-input"
                    data-testid="draft-heading-input"
                    node_ref=input
                    prop:value=title.clone()
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            save()
                        } else if ev.key() == "Escape" {
                            editing.set(false)
                        }
                    }
                />
                <button class="link" data-testid="draft-heading-save" on:click=move |_| save()>
                    "保存"
                </button>
                <button
                    class="link"
                    data-testid="draft-heading-restore"
                    on:click=move |_| {
                        session.retitle_section(section, "");
                        editing.set(false);
                    }
                >
                    "恢复默认"
                </button>
            </Show>
        </div>
    }
}

#[component]
fn DraftItem(paragraph: DraftParagraph) -> impl IntoView {
    let session = super::session::session();
    let id = paragraph.paragraph.id;
    let generated = paragraph.paragraph.text.clone();
    let editing = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Textarea>::new();
    let from = generated.clone();
    let save_edit = move |_| {
        if let Some(el) = input.get() {
            session.rewrite_paragraph(id, &el.value(), &from);
        }
        editing.set(false);
    };
    let shown = paragraph.text().to_string();
    let edited = paragraph.edited.is_some();
    let body = if edited {
        shown.clone().into_any()
    } else {
        traced_text(&paragraph.paragraph).into_any()
    };
    let include = paragraph.include;
    let stale = paragraph.stale;
    view! {
        <div class="draft-item" class:excluded=!include class:edited=edited data-id=id>
            <Show when=move || editing.get()>
                <textarea
                    class="draft-text"
                    data-testid="draft-text"
                    node_ref=input
                    rows="5"
                    prop:value=shown.clone()
                ></textarea>
            </Show>
            <p data-testid="briefing-paragraph" data-id=id class:hidden=move || editing.get()>
                {body}
            </p>
            {stale
                .then(|| {
                    view! {
                        <p class="draft-stale" data-testid="draft-stale">
                            "数据已变化，按现在的数据，这段原文是："
                            {generated.clone()}
                        </p>
                    }
                })}
            <div class="draft-controls">
                <label class="draft-include">
                    <input
                        type="checkbox"
                        data-testid="draft-include"
                        prop:checked=include
                        on:change=move |ev| session.include_paragraph(id, event_target_checked(&ev))
                    />
                    "纳入讲话稿"
                </label>
                <Show
                    when=move || editing.get()
                    fallback=move || {
                        view! {
                            <button
                                class="link"
                                data-testid="draft-edit"
                                on:click=move |_| editing.set(true)
                            >
                                "编辑"
                            </button>
                        }
                    }
                >
                    <button class="link" data-testid="draft-save" on:click=save_edit.clone()>
                        "保存"
                    </button>
                    <button
                        class="link"
                        data-testid="draft-cancel"
                        on:click=move |_| editing.set(false)
                    >
                        "取消"
                    </button>
                </Show>
                {edited
                    .then(|| {
                        view! {
                            <span class="draft-mark">"已修改"</span>
                            <button
                                class="link"
                                data-testid="draft-restore"
                                on:click=move |_| session.restore_paragraph(id)
                            >
                                {if stale { "采用新文字" } else { "恢复原文" }}
                            </button>
                        }
                    })}
            </div>
        </div>
    }
}
