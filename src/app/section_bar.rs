//! The section bar: a `<nav>` that stays at the top of the window, with a link to each
//! section that has data, the one in view highlighted; the period chooser, the colour
//! convention, the file count and 打印报告 live in it.

use super::session::session;
use crate::analysis::Analysis;
use crate::report::briefing::export_name;
use leptos::prelude::*;
use std::sync::Arc;

/// A section of the page: its element id and its name in the bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub id: &'static str,
    pub label: &'static str,
}

const fn section(id: &'static str, label: &'static str) -> Section {
    Section { id, label }
}

pub const OVERVIEW: Section = section("sec-overview", "总览");
pub const REGIONS: Section = section("sec-regions", "县区");
pub const INDUSTRIES: Section = section("sec-industries", "行业");
pub const ENTERPRISES: Section = section("sec-enterprises", "企业");
pub const TARGETS: Section = section("sec-targets", "目标与推演");
pub const VA: Section = section("sec-va", "增加值测算");
pub const LEDGERS: Section = section("sec-ledgers", "台账");
pub const CHARTS: Section = section("sec-charts", "图表");
pub const CHANGES: Section = section("sec-changes", "本月变化");
pub const BRIEFING: Section = section("sec-briefing", "讲话稿");
pub const FILES: Section = section("sec-files", "文件");

/// The sections that have data, in page order.
pub fn present(a: &Analysis) -> Vec<Section> {
    let mut out = vec![OVERVIEW, BRIEFING];
    if a.target.is_some() {
        out.push(TARGETS);
    }
    if a.transitions.is_some() {
        out.push(CHANGES);
    }
    if a.va_estimate.is_some() {
        out.push(VA);
    }
    if a.ledgers.is_some() || a.extra.projects.is_some() {
        out.push(LEDGERS);
    }
    out.push(CHARTS);
    if !a.regions.is_empty() {
        out.push(REGIONS);
    }
    if !a.industries.is_empty() {
        out.push(INDUSTRIES);
    }
    out.extend([ENTERPRISES, FILES]);
    out
}

/// The section whose top has passed under the bar: the last one above `line` (px from the
/// window's top), else the first.
fn in_view(sections: &[Section], line: f64) -> Option<&'static str> {
    let document = document();
    let mut current = sections.first().map(|s| s.id);
    for s in sections {
        if let Some(el) = document.get_element_by_id(s.id) {
            if el.get_bounding_client_rect().top() <= line {
                current = Some(s.id);
            }
        }
    }
    current
}

/// The enterprise table's active filters, where every click can see them: one chip per
/// filter ("已筛选：青山区 ×"), a × that clears it, and 查看 that goes to the table.
#[component]
fn ActiveFilters() -> impl IntoView {
    let session = session();
    let chips = move || {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        if let Some(r) = session.region_filter().get() {
            out.push((r, "region"));
        }
        if let Some(code) = session.industry_filter().get() {
            let name = crate::model::division_name(&code).map_or(code.clone(), str::to_string);
            out.push((name, "industry"));
        }
        if let Some(f) = session.ledger_filter().get() {
            out.push((f.label(), "ledger"));
        }
        out
    };
    view! {
        <Show when=move || !chips().is_empty()>
            <div class="filter-chips" data-testid="active-filters">
                {move || {
                    chips()
                        .into_iter()
                        .map(|(label, kind)| {
                            let clear = move |_| match kind {
                                "region" => session.set_region_filter(None),
                                "industry" => session.set_industry_filter(None),
                                _ => session.clear_ledger_filter(),
                            };
                            view! {
                                <span class="chip" data-testid="filter-chip" data-kind=kind>
                                    {format!("已筛选：{label}")}
                                    <button
                                        class="chip-clear"
                                        data-testid="filter-chip-clear"
                                        title="取消筛选"
                                        aria-label="取消筛选"
                                        on:click=clear
                                    >
                                        "×"
                                    </button>
                                </span>
                            }
                        })
                        .collect_view()
                }}
                <a
                    href="#sec-enterprises"
                    class="link"
                    data-testid="filter-show"
                    on:click=move |ev| {
                        ev.prevent_default();
                        if let Some(el) = document().get_element_by_id(ENTERPRISES.id) {
                            el.scroll_into_view();
                        }
                    }
                >
                    "查看企业"
                </a>
            </div>
        </Show>
    }
}

#[component]
pub fn SectionBar(analysis: Arc<Analysis>, children: Children) -> impl IntoView {
    let session = session();
    let sections = present(&analysis);
    let active = RwSignal::new(sections.first().map(|s| s.id));
    let watched = sections.clone();
    // The bar's own height plus a little: a section counts as reached once its heading
    // is just below the bar.
    let handle = window_event_listener(leptos::ev::scroll, move |_| {
        let now = in_view(&watched, 64.0);
        if active.get_untracked() != now {
            active.set(now);
        }
    });
    on_cleanup(move || handle.remove());
    let files = move || session.files().with(Vec::len);
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <PrintHeader analysis=analysis.clone() />
        <nav class="section-bar" data-testid="section-bar" aria-label="页面分区">
            <ul>
                {sections
                    .into_iter()
                    .map(|s| {
                        let current = move || active.get() == Some(s.id);
                        view! {
                            <li>
                                <a
                                    href=format!("#{}", s.id)
                                    data-testid="section-link"
                                    data-section=s.id
                                    class:active=current
                                    aria-current=move || current().then_some("true")
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        if let Some(el) = document().get_element_by_id(s.id) {
                                            el.scroll_into_view();
                                        }
                                        active.set(Some(s.id));
                                    }
                                >
                                    {s.label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <ActiveFilters />
            <div class="bar-tools">
                {children()} <span class="status" data-testid="file-count">
                    {move || format!("{} 个文件", files())}
                </span> <button class="button" data-testid="print-report" on:click=print>
                    "打印报告"
                </button>
            </div>
        </nav>
    }
}

/// What heads the printed report (and a PDF saved from it) in place of the tool's name:
/// the city and period, the files, the day it was printed. While printing, the page's
/// title is the report's too, so "另存为 PDF" offers it as the file name.
#[component]
fn PrintHeader(analysis: Arc<Analysis>) -> impl IntoView {
    let session = session();
    let heading = export_name(&analysis, "工业经济运行分析", "")
        .trim_end_matches('.')
        .to_string();
    let printed = RwSignal::new(super::report_file::now());
    let title = heading.clone();
    let before = window_event_listener_untyped("beforeprint", move |_| {
        printed.set(super::report_file::now());
        let document = document();
        SCREEN_TITLE.with(|t| *t.borrow_mut() = Some(document.title()));
        document.set_title(&title);
    });
    let after = window_event_listener_untyped("afterprint", move |_| {
        if let Some(t) = SCREEN_TITLE.with(|t| t.borrow_mut().take()) {
            document().set_title(&t);
        }
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let files = move || {
        session.files().with(|f| {
            f.iter()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
                .join("、")
        })
    };
    view! {
        <header class="print-header" data-testid="print-header">
            <h1 data-testid="print-title">{heading}</h1>
            <p>{move || format!("数据来源：{}。打印于 {}。", files(), printed.get())}</p>
        </header>
    }
}

thread_local! {
    /// The page's title while it prints as the report's.
    static SCREEN_TITLE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}
