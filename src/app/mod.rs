//! The Leptos web app. Components here only hold signals and render; reading and
//! computing happen in `ingest` and `analysis`.

mod file_list;
mod loader;

pub use file_list::{FileList, LoadedFile};

use leptos::prelude::*;
use loader::load_files;
use web_sys::{DragEvent, FileList as DomFileList, HtmlInputElement};

/// What the page currently holds: the files read so far and the messages for those that
/// could not be read. Kept as plain data so a failed file never disturbs loaded ones.
#[derive(Clone, Copy)]
pub struct Session {
    pub files: RwSignal<Vec<LoadedFile>>,
    pub errors: RwSignal<Vec<String>>,
    pub pending: RwSignal<usize>,
}

impl Session {
    pub fn new() -> Self {
        Session {
            files: RwSignal::new(Vec::new()),
            errors: RwSignal::new(Vec::new()),
            pending: RwSignal::new(0),
        }
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

/// The whole page: a drop target covering it, the file picker, and what was loaded.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    let dragging = RwSignal::new(false);

    let take = move |list: Option<DomFileList>| {
        if let Some(list) = list {
            load_files(session, list);
        }
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        take(ev.data_transfer().and_then(|dt| dt.files()));
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        take(input.files());
        // Allow picking the same file again after fixing it.
        input.set_value("");
    };

    view! {
        <div
            class="page"
            class:dragging=move || dragging.get()
            data-testid="drop-zone"
            on:dragover=move |ev: DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <header class="topbar">
                <h1>"工业经济运行监测"</h1>
                <span class="privacy">"数据仅在本机浏览器中处理，不会上传"</span>
            </header>
            <main>
                <section class="intake">
                    <p class="hint">
                        "把统计局导出的工作簿拖到页面任意位置，或"
                        <label class="pick">
                            "选择文件"
                            <input
                                type="file"
                                multiple
                                data-testid="file-input"
                                accept=".xlsx,.xlsm,.xlsb,.xls,.et,.ods,.csv,.tsv,.txt"
                                on:change=on_pick
                            />
                        </label>
                    </p>
                    <p class="formats">"支持 xlsx、xlsm、xlsb、xls、WPS（et）、ods，以及 UTF-8 或 GBK 编码的 CSV"</p>
                    <Show when=move || { session.pending.get() > 0 }>
                        <p class="progress" data-testid="progress">
                            {move || format!("正在读取 {} 个文件…", session.pending.get())}
                        </p>
                    </Show>
                </section>
                <ErrorList errors=session.errors />
                <FileList files=session.files />
            </main>
        </div>
    }
}

/// Messages for files that could not be read, newest last, each dismissible.
#[component]
fn ErrorList(errors: RwSignal<Vec<String>>) -> impl IntoView {
    view! {
        <Show when=move || !errors.with(Vec::is_empty)>
            <section class="errors" role="alert" data-testid="errors">
                <ul>
                    <For
                        each=move || errors.get().into_iter().enumerate()
                        key=|(i, m)| (*i, m.clone())
                        let:item
                    >
                        <li data-testid="error">{item.1}</li>
                    </For>
                </ul>
                <button class="link" on:click=move |_| errors.set(Vec::new())>
                    "清除提示"
                </button>
            </section>
        </Show>
    }
}
