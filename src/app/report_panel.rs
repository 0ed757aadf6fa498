//! The report file on the page: its banner (what it holds) or, while locked, the password
//! form; and 导出分析报告's small form in the briefing panel.

use super::report_file::{self, OpenError};
use super::session::session;
use crate::analysis::Analysis;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// What a report file holds, or its lock while it is locked.
#[component]
pub fn ReportBanner() -> impl IntoView {
    let session = session();
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<OpenError>);
    let opening = RwSignal::new(false);
    let unlock = move || {
        if opening.get_untracked() {
            return;
        }
        opening.set(true);
        error.set(None);
        let typed = password.get_untracked();
        spawn_local(async move {
            let outcome = report_file::open(session, &typed).await;
            // Never kept: not in a signal, not in storage.
            password.set(String::new());
            opening.set(false);
            error.set(outcome.err());
        });
    };
    move || {
        session.report().get().map(|r| {
            if r.locked {
                view! {
                    <section class="panel report-lock" data-testid="report-lock">
                        <h2>{r.meta.title.clone()}</h2>
                        <p>
                            "本报告已加密。请输入导出时设置的密码后查看；密码不会保存在本机。"
                        </p>
                        <form on:submit=move |ev| {
                            ev.prevent_default();
                            unlock();
                        }>
                            <input
                                type="password"
                                data-testid="report-password"
                                autocomplete="off"
                                aria-label="报告密码"
                                prop:value=move || password.get()
                                on:input=move |ev| password.set(event_target_value(&ev))
                            />
                            <button
                                class="primary"
                                type="submit"
                                data-testid="report-unlock"
                                disabled=move || opening.get()
                            >
                                {move || {
                                    if opening.get() {
                                        "正在解密……"
                                    } else {
                                        "打开报告"
                                    }
                                }}
                            </button>
                            <span class="status error" role="alert" data-testid="report-error">
                                {move || error.get().map(OpenError::message)}
                            </span>
                        </form>
                    </section>
                }
                .into_any()
            } else {
                view! {
                    <section class="report-banner" data-testid="report-banner">
                        <strong>"分析报告"</strong>
                        <span>{r.banner()}</span>
                        <span class="hint">
                            "数据随本文件携带，只在本机浏览器中打开；拖入工作簿可继续分析。"
                        </span>
                    </section>
                }
                .into_any()
            }
        })
    }
}

/// 导出分析报告: an optional password, then the download.
#[component]
pub fn ReportExport(analysis: Arc<Analysis>) -> impl IntoView {
    let session = session();
    let open = RwSignal::new(false);
    let password = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let confirm = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        status.set("正在生成……".into());
        let typed = password.get_untracked();
        let analysis = analysis.clone();
        spawn_local(async move {
            let done = report_file::export(session, &analysis, &typed).await;
            busy.set(false);
            match done {
                Ok(name) => {
                    status.set(if typed.is_empty() {
                        format!("已导出“{name}”（未加密）")
                    } else {
                        format!("已导出“{name}”（已加密，打开时需输入密码）")
                    });
                    password.set(String::new());
                    open.set(false);
                }
                Err(e) => status.set(e),
            }
        });
    };
    view! {
        <button
            class="button"
            data-testid="export-report"
            title="一个可离线打开的 .html 文件，带着本次分析的数据，可设密码"
            on:click=move |_| open.update(|o| *o = !*o)
        >
            "导出分析报告（.html）"
        </button>
        <Show when=move || open.get()>
            <span class="report-export" data-testid="report-export">
                <input
                    type="password"
                    data-testid="report-password-input"
                    autocomplete="new-password"
                    placeholder="密码（可不填）"
                    aria-label="报告密码（可不填）"
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
                <button
                    class="primary"
                    data-testid="report-export-confirm"
                    disabled=move || busy.get()
                    on:click=confirm.clone()
                >
                    "导出"
                </button>
            </span>
        </Show>
        <span class="status" data-testid="report-export-status">
            {move || status.get()}
        </span>
    }
}
