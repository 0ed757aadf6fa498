//! The briefing panel: the speech's data paragraphs, copy to clipboard, download as text.

use super::download::{save, TEXT_MIME};
use crate::analysis::Analysis;
use crate::report::briefing::{briefing, plain_text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

#[component]
pub fn Briefing(analysis: Arc<Analysis>) -> impl IntoView {
    let paragraphs = briefing(&analysis);
    let text = plain_text(&paragraphs);
    let status = RwSignal::new(String::new());
    let file_name = format!(
        "{}工业经济运行情况.txt",
        analysis.period.map_or(String::new(), |p| p.label())
    );
    // Built when clicked, like the CSV exports. A UTF-8 BOM so Windows Notepad of every
    // age reads it as UTF-8.
    let download_text = text.clone();
    let download = move |_| {
        let bytes = [b"\xEF\xBB\xBF".as_slice(), download_text.as_bytes()].concat();
        save(&bytes, &file_name, TEXT_MIME);
    };
    let copy_text = text.clone();
    let copy = move |_| {
        let text = copy_text.clone();
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
        <section class="panel briefing-panel">
            <h2>"调度会讲话数据段落"</h2>
            <div class="briefing" data-testid="briefing">
                {paragraphs
                    .into_iter()
                    .map(|p| view! { <p data-testid="briefing-paragraph" data-id=p.id>{p.text}</p> })
                    .collect_view()}
            </div>
            <div class="actions">
                <button class="primary" data-testid="briefing-copy" on:click=copy>"复制"</button>
                <button class="button" data-testid="briefing-download-text" on:click=download>"下载文本"</button>
                <span class="status" data-testid="briefing-status">{move || status.get()}</span>
            </div>
        </section>
    }
}
