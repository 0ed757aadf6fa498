//! The Leptos web app. Components here only hold signals and render; reading and
//! computing happen in `ingest` and `analysis`.

mod analysing;
mod bench;
mod briefing;
mod canvas_backend;
mod charts;
mod dashboard;
mod demo;
mod download;
mod enterprise_query;
mod enterprise_table;
mod file_list;
mod ledger_panel;
mod load_error;
mod loader;
mod mapping;
mod panic_panel;
mod persist;
mod report_file;
mod report_panel;
mod scenario_panel;
mod schedule;
mod section_bar;
mod session;
mod sparkline;
mod storage;
mod targets;
mod trace;
mod transitions_panel;
mod va_panel;
pub mod worker;

use analysing::{AnalysisMemo, SourcesMemo};

pub use charts::Charts;
pub use dashboard::{AlertBar, Headline, IndustryTable, RegionTable, WarningList};
pub use demo::{demo_files, DEMO_NAMES};
pub use enterprise_query::{EnterpriseQuery, SortColumn};
pub use enterprise_table::EnterpriseTable;
pub use file_list::FileList;
pub use mapping::MappingEditor;
pub use panic_panel::install as install_panic_panel;
pub use persist::{carried_bytes, decode_files, encode_files};
pub use schedule::all_drawn;
pub use session::{
    combined_sources, current_analysis, load_bytes, FileTables, FileTablesRef, LedgerFilter,
    LoadedFile, Session, Stage,
};

use crate::analysis::Analysis;
use leptos::prelude::*;
use loader::load_files;
use session::session;
use std::sync::Arc;
use web_sys::{DragEvent, FileList as DomFileList, HtmlInputElement};

/// The whole page: a drop target covering it, the file picker, and what was loaded.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    session.remember_choices(
        |o| {
            o.overrides = mapping::remembered();
            o.region_from = mapping::remembered_region_from();
            o.region_names = mapping::remembered_region_names();
            o.units = mapping::remembered_units();
        },
        targets::remembered(),
    );
    provide_context(session);
    let (analysis, sources, analysing) = analysing::analysis_memo(session, as_of_today);
    let dragging = RwSignal::new(false);

    // After the first paint, so the page shows at once: the saved session if there is
    // one, else the demo on a first visit. Saving starts once that is settled, so the
    // empty start never overwrites what was saved.
    let settled = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        if let Some(report) = report_file::carried() {
            // A report file opens on what it carries, never on this browser's saved
            // session or the demo, and saves nothing.
            let locked = report.locked;
            session.set_report(report);
            if !locked && report_file::open(session, "").await.is_err() {
                session.report_error(load_error::LoadError::ReportUnreadable);
            }
        } else if !persist::restore(session).await && demo::first_visit() {
            demo::load_demo(session).await;
        }
        settled.set(true);
        worker::warm_up();
    });
    Effect::new(move |_| {
        session.demo().track();
        session.files().track();
        if settled.get() && session.report().with(Option::is_none) {
            persist::save_files(session);
        }
    });
    Effect::new(move |_| {
        let green_up = session.green_up().get();
        let draft = session.draft().get();
        session.settings().with(|s| {
            if settled.get() && session.report().with_untracked(Option::is_none) {
                persist::save_settings(s, green_up, &draft);
            }
        });
    });
    let clear_local = move |_| {
        let sure = window()
            .confirm_with_message(
                "清除本机保存的全部数据（已载入的表、字段对应、目标和设置）？原始文件不受影响。",
            )
            .unwrap_or(false);
        if sure {
            persist::clear_everything(session);
        }
    };
    let take = move |list: Option<DomFileList>| {
        if let Some(list) = list.filter(|l| l.length() > 0) {
            // The user's own files replace the demo.
            demo::dismiss(session);
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
            class:green-up=move || session.green_up().get()
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
                <button
                    class="link clear-local"
                    data-testid="clear-local-data"
                    title="删除本机浏览器中保存的数据"
                    on:click=clear_local
                >
                    "清除本地数据"
                </button>
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
                    <p class="formats">
                        "支持 xlsx、xlsm、xlsb、xls、WPS（et）、ods、另存为 .xls 的网页表格和 Excel 2003 XML 表格，以及 UTF-8 或 GBK 编码的 CSV"
                    </p>
                    <LoadProgress />
                </section>
                <demo::DemoBanner />
                <report_panel::ReportBanner />
                <ErrorList />
                <Bar analysis=analysis />
                // A province's analysis takes a moment: said while it runs, above what is
                // shown until it is done (the figures of the settings before the change).
                {move || {
                    analysing
                        .get()
                        .map(|n| {
                            view! {
                                <section class="notice" data-testid="analysing">
                                    {format!(
                                        "正在分析{n}户企业，完成后更新下方数字…",
                                    )}
                                </section>
                            }
                        })
                }}
                <Dashboard analysis=analysis sources=sources />
                <FileList />
            </main>
            <trace::TracePanel analysis=analysis sources=sources />
            <footer class="footer">
                <details data-testid="definitions">
                    <summary>"口径说明：每个指标的定义、公式和取舍位"</summary>
                    <div class="doc" inner_html=crate::report::doc_html::definitions_html()></div>
                </details>
            </footer>
        </div>
    }
}

/// The settings with today as the review ledger's as-of date (unless one is set): local
/// time, as the user's calendar says.
fn as_of_today(settings: &crate::analysis::Settings) -> crate::analysis::Settings {
    let mut s = settings.clone();
    if s.as_of.is_none() {
        let now = js_sys::Date::new_0();
        s.as_of = crate::model::Date::new(
            now.get_full_year() as i32,
            now.get_month() + 1,
            now.get_date(),
        );
    }
    s
}

/// The section bar, over the dashboard and the file list alike (sticky in `main`, which
/// holds both).
#[component]
fn Bar(analysis: AnalysisMemo) -> impl IntoView {
    move || match analysis.get() {
        Some(Ok(a)) => view! {
            <section_bar::SectionBar analysis=a.clone()>
                <ViewSettings analysis=a.clone() />
            </section_bar::SectionBar>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

/// The analysis views.
#[component]
fn Dashboard(analysis: AnalysisMemo, sources: SourcesMemo) -> impl IntoView {
    let session = session();
    move || match analysis.get() {
        None => ().into_any(),
        Some(Err(message)) => view! {
            <section class="notice" data-testid="analysis-error">
                {message}
            </section>
        }
        .into_any(),
        Some(Ok(a)) => {
            let (for_briefing, for_targets, for_va) = (a.clone(), a.clone(), a.clone());
            let (for_charts, for_regions, for_table) = (a.clone(), a.clone(), a.clone());
            let for_ledgers = a.clone();
            let for_changes = a.clone();
            // The frame that shows the headline and the briefing (what is above the fold)
            // is marked; the benchmark times a load by it. Scheduled before any section's
            // turn, so the mark is not held up by one.
            schedule::after_next_paint(bench::mark_shown);
            view! {
                <div class="dashboard" data-testid="dashboard">
                    <SamePeriod analysis=a.clone() />
                    <AlertBar analysis=a.clone() />
                    <Headline analysis=a.clone() />
                    <briefing::Briefing analysis=for_briefing.clone() sources=sources />
                    // Below the fold: each `Later` once that frame is painted, in a task
                    // of its own, so a province's dashboard is built in short tasks.
                    <Later name="targets">
                        <targets::TargetsPanel analysis=for_targets.clone() />
                    </Later>
                    <Later name="changes">
                        <transitions_panel::TransitionsPanel analysis=for_changes.clone() />
                    </Later>
                    <Later name="va">
                        <va_panel::VaPanel analysis=for_va.clone() />
                    </Later>
                    <Later name="ledgers">
                        <ledger_panel::LedgerPanel analysis=for_ledgers.clone() />
                    </Later>
                    <Later name="charts">
                        <charts::Charts analysis=for_charts.clone() />
                    </Later>
                    <Later name="regions">
                        <RegionTable
                            analysis=for_regions.clone()
                            selected=session.region_filter()
                        />
                        <IndustryTable
                            analysis=for_regions.clone()
                            selected=session.industry_filter()
                        />
                    </Later>
                    <Later name="enterprises">
                        <EnterpriseTable
                            analysis=for_table.clone()
                            region=session.region_filter()
                            industry=session.industry_filter()
                            ledger=session.ledger_filter()
                        />
                        <WarningList analysis=for_table.clone() />
                    </Later>
                </div>
            }
            .into_any()
        }
    }
}

/// Renders its children in a task of its own once the frame being prepared (the headline
/// and the briefing) is painted.
#[component]
fn Later(#[prop(into)] name: String, children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    schedule::after_first_paint(move || {
        ready.try_set(true);
    });
    move || ready.get().then(|| bench::measure(&name, || children()))
}

/// The analysed period (when several are loaded) and the up/down colour convention.
#[component]
fn ViewSettings(analysis: Arc<Analysis>) -> impl IntoView {
    let session = session();
    let periods: Vec<crate::model::Period> = analysis
        .extra
        .trend
        .iter()
        .filter_map(|t| t.period)
        .collect();
    let current = analysis.period;
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let period = crate::model::Period::parse_iso(&value);
        session.set_period(period);
    };
    view! {
        <div class="view-settings">
            {(periods.len() > 1)
                .then(|| {
                    view! {
                        <label>
                            "报告期 " <select data-testid="period-select" on:change=choose>
                                {periods
                                    .iter()
                                    .map(|p| {
                                        view! {
                                            <option value=p.to_string() selected=Some(*p) == current>
                                                {p.label()}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </label>
                    }
                })} <label class="check">
                <input
                    type="checkbox"
                    data-testid="color-convention"
                    prop:checked=move || session.green_up().get()
                    on:change=move |ev| session.set_green_up(event_target_checked(&ev))
                />
                "绿涨红跌（默认红涨绿跌）"
            </label>
        </div>
    }
}

/// Two or more files hold the analysed period's enterprise table: keep one of them, or
/// merge them by credit code.
#[component]
fn SamePeriod(analysis: Arc<Analysis>) -> impl IntoView {
    let session = session();
    let mut files = analysis.extra.same_period_files.clone();
    files.dedup();
    if files.is_empty() {
        return ().into_any();
    }
    let period = analysis.period.map_or("同一".into(), |p| p.label());
    // Each table named by file and sheet, once.
    let tables: Vec<String> = session.files().with_untracked(|loaded| {
        files
            .iter()
            .map(|name| {
                let sheets: Vec<&str> = loaded
                    .iter()
                    .filter(|f| &f.name == name)
                    .flat_map(|f| f.sheets.iter())
                    .filter(|s| s.enterprises > 0 && s.period == analysis.period)
                    .map(|s| s.sheet.as_str())
                    .collect();
                if sheets.is_empty() {
                    format!("“{name}”")
                } else {
                    format!("“{name}”（工作表“{}”）", sheets.join("”“"))
                }
            })
            .collect()
    });
    let merged = analysis.extra.merged_same_period;
    let all = files.clone();
    let keep = move |name: String| session.keep_one(&name, &all);
    view! {
        <section class="notice" data-testid="same-period">
            <p>
                {format!(
                    "以下文件都含有{period}的企业产值表：{}，其中有重复的企业。",
                    tables.join("、"),
                )}
                {if merged {
                    "当前已按统一社会信用代码、组织机构代码或企业名称合并，重复企业取后载入文件的数据，未相加。"
                } else {
                    "当前只使用最后载入的一个，未相加。请选择："
                }}
            </p>
            <div class="actions">
                {files
                    .iter()
                    .map(|f| {
                        let name = f.clone();
                        let keep = keep.clone();
                        view! {
                            <button
                                class="button"
                                data-testid="same-period-keep"
                                data-file=f.clone()
                                on:click=move |_| keep(name.clone())
                            >
                                {format!("只保留“{f}”")}
                            </button>
                        }
                    })
                    .collect_view()}
                <button
                    class="primary"
                    data-testid="same-period-merge"
                    disabled=merged
                    on:click=move |_| session.merge_same_period()
                >
                    "按企业代码合并"
                </button>
            </div>
        </section>
    }
    .into_any()
}

/// One bar per file being read, with its stage (读取 → 解析 → 识别表头 → 计算 → 绘制),
/// and a cancel button when the reading happens in the worker.
#[component]
fn LoadProgress() -> impl IntoView {
    let session = session();
    let cancellable = worker::available();
    view! {
        <Show when=move || !session.progress().with(Vec::is_empty)>
            <div class="progress" data-testid="progress" role="status">
                {move || {
                    session
                        .progress()
                        .get()
                        .into_iter()
                        .map(|(name, stage)| {
                            let (step, steps) = (stage.step(), Stage::ALL.len());
                            view! {
                                <div
                                    class="progress-row"
                                    data-testid="progress-file"
                                    data-name=name.clone()
                                >
                                    <span class="progress-name">{name.clone()}</span>
                                    <progress max=steps value=step></progress>
                                    <span class="progress-stage" data-testid="progress-stage">
                                        {format!("{}（{step}/{steps}）", stage.label())}
                                    </span>
                                </div>
                            }
                        })
                        .collect_view()
                }}
                {cancellable
                    .then(|| {
                        view! {
                            <button
                                class="button"
                                data-testid="cancel-load"
                                on:click=move |_| worker::cancel()
                            >
                                "取消读取"
                            </button>
                        }
                    })}
            </div>
        </Show>
    }
}

/// Messages for files that could not be read, newest last, each dismissible.
#[component]
fn ErrorList() -> impl IntoView {
    let session = session();
    let errors = session.errors();
    view! {
        <Show when=move || !errors.with(Vec::is_empty)>
            <section class="errors" role="alert" data-testid="errors">
                <ul>
                    <For
                        each=move || errors.get().into_iter().map(|e| e.to_string()).enumerate()
                        key=|(i, m)| (*i, m.clone())
                        let:item
                    >
                        <li data-testid="error">{item.1}</li>
                    </For>
                </ul>
                <button class="link" on:click=move |_| session.dismiss_errors()>
                    "清除提示"
                </button>
            </section>
        </Show>
    }
}
