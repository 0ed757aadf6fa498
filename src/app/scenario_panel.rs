//! 调度推演 in the targets section: two sliders (停产 and 减产 enterprises back to X % of
//! 上年同月), the forecast, growth and gap after them recomputed as a slider moves, the
//! gain by region and by 包保领导, the enterprises that carry it, the lever that closes the
//! gap, and the sentence for the speech. A slider step is one pass over the stopped and
//! reduced enterprises (`ScenarioBase::at`); releasing it keeps the levers in the
//! settings, so the briefing and the exports say the same.

use super::dashboard::report_table;
use super::download::{save, XLSX_MIME};
use super::session::session;
use crate::analysis::{Analysis, Levers, Scenario, ScenarioBase};
use crate::report::format::{pct, yi};
use crate::report::scenario::{sentence, threshold, top_table};
use crate::report::xlsx;
use leptos::prelude::*;
use std::sync::Arc;

/// The levers a first visit starts from: the speech's own example.
const START: Levers = Levers {
    resume_stopped_pct: 80.0,
    recover_reduced_pct: 100.0,
};

fn gap_class(gap: f64) -> &'static str {
    if gap > 0.0 {
        "num behind"
    } else {
        "num"
    }
}

thread_local! {
    /// The slider that had the keyboard when its release rebuilt the panel (the levers are
    /// settings: the whole analysis follows them), so the new one takes the focus back and
    /// the next arrow key moves it again.
    static REFOCUS: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

fn slider(
    label: &'static str,
    testid: &'static str,
    value: RwSignal<f64>,
    on_release: impl Fn() + 'static,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            if REFOCUS.with(|r| r.get()) == Some(testid) {
                REFOCUS.with(|r| r.set(None));
                let _ = el.focus();
            }
        }
    });
    view! {
        <label class="lever">
            <span>{label}</span>
            <input
                type="range"
                min="0"
                max="100"
                step="1"
                data-testid=testid
                node_ref=input
                prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<f64>() {
                        value.set(v);
                    }
                }
                on:change=move |_| {
                    let focused = input
                        .get_untracked()
                        .is_some_and(|el| {
                            document()
                                .active_element()
                                .is_some_and(|a| {
                                    let el: &web_sys::Element = &el;
                                    a == *el
                                })
                        });
                    if focused {
                        REFOCUS.with(|r| r.set(Some(testid)));
                    }
                    on_release()
                }
            />
            <strong data-testid=format!(
                "{testid}-value",
            )>{move || format!("{}%", value.get())}</strong>
        </label>
    }
}

#[component]
pub fn ScenarioPanel(analysis: Arc<Analysis>) -> impl IntoView {
    let target = analysis.target.clone()?;
    let month = analysis.period.map_or(0, |p| p.month);
    let Some(base) = ScenarioBase::of(&analysis) else {
        return Some(
            view! {
                <div class="scenario" data-testid="scenario">
                    <h3>"调度推演"</h3>
                    <p class="hint">
                        {format!(
                            "调度推演用于季末前一个月（当前为{month}月，季末为{}月）：推演停产、减产企业在最后一个月恢复生产能补上多少缺口。",
                            target.quarter_end_month,
                        )}
                    </p>
                </div>
            }
            .into_any(),
        );
    };
    let s = session();
    let start = s.settings().with_untracked(|st| st.levers).unwrap_or(START);
    let stopped = RwSignal::new(start.resume_stopped_pct);
    let reduced = RwSignal::new(start.recover_reduced_pct);
    let q = base.quarter_end_month();
    let threshold_text = threshold(base.threshold(), q);
    let base = Arc::new(base);
    let scenario = Memo::new(move |_| {
        base.at(Levers {
            resume_stopped_pct: stopped.get(),
            recover_reduced_pct: reduced.get(),
        })
    });
    let keep = move || {
        let levers = Levers {
            resume_stopped_pct: stopped.get_untracked(),
            recover_reduced_pct: reduced.get_untracked(),
        };
        s.set_levers(Some(levers));
    };
    let figure = move |f: fn(&Scenario) -> String| move || scenario.with(f);
    let a = analysis.clone();
    let for_export = analysis.clone();
    let export = move |_| {
        let table = scenario.with_untracked(|sc| top_table(&for_export, sc));
        if let Ok(bytes) = xlsx::tables_workbook(&[table]) {
            let name = crate::report::briefing::export_name(&for_export, "调度推演名单", "xlsx");
            save(&bytes, &name, XLSX_MIME);
        }
    };
    let has_region_targets = !analysis.extra.region_targets.is_empty();
    let has_leaders = analysis.ledgers.as_ref().is_some_and(|l| l.key.is_some());
    Some(
        view! {
            <div class="scenario" data-testid="scenario">
                <h3>"调度推演" <span class="hint">"（推演，非预计数）"</span></h3>
                <div class="levers">
                    {slider(
                        "停产企业恢复到上年同月的",
                        "scenario-stopped",
                        stopped,
                        keep,
                    )}
                    {slider(
                        "减产企业恢复到上年同月的",
                        "scenario-reduced",
                        reduced,
                        keep,
                    )}
                </div>
                <div class="cards">
                    <div class="card">
                        <div class="card-label">"推演可增加产值"</div>
                        <div class="card-value">
                            <span data-testid="scenario-gain">
                                {figure(|s| yi(s.stopped_gain + s.reduced_gain))}
                            </span>
                            <span class="unit">"亿元"</span>
                        </div>
                        <div class="card-note">
                            {figure(|s| {
                                format!(
                                    "停产企业 {} 亿元，减产企业 {} 亿元",
                                    yi(s.stopped_gain),
                                    yi(s.reduced_gain),
                                )
                            })}
                        </div>
                    </div>
                    <div class="card">
                        <div class="card-label">
                            {format!("推演{}完成", crate::report::phrases::quarter_name(q))}
                        </div>
                        <div class="card-value">
                            <span data-testid="scenario-forecast">
                                {figure(|s| yi(s.forecast_quarter_output))}
                            </span>
                            <span class="unit">"亿元"</span>
                        </div>
                        <div class="card-note">
                            "同比 "
                            <span data-testid="scenario-growth">
                                {figure(|s| pct(s.forecast_growth_pct))}
                            </span>"%"
                        </div>
                    </div>
                    <div class="card">
                        <div class="card-label">"推演后距目标"</div>
                        <div class="card-value">
                            <span data-testid="scenario-gap">{figure(|s| yi(s.forecast_gap))}</span>
                            <span class="unit">"亿元"</span>
                        </div>
                        <div class="card-note">
                            {format!("推演前缺口 {} 亿元", yi(target.forecast_gap))}
                        </div>
                    </div>
                </div>
                <p class="scenario-threshold" data-testid="scenario-threshold">
                    {threshold_text}
                </p>
                <p class="scenario-sentence" data-testid="scenario-sentence">
                    {move || scenario.with(|sc| sentence(sc, q)).unwrap_or_default()}
                </p>
                <div class="scenario-tables">
                    <table class="data" data-testid="scenario-regions">
                        // The gap columns only when regions have targets: a column of "—" says nothing.
                        <thead>
                            <tr>
                                <th>"县（市、区）"</th>
                                <th class="num">"推演可增加(亿元)"</th>
                                {has_region_targets
                                    .then(|| {
                                        view! {
                                            <th class="num">"推演前缺口(亿元)"</th>
                                            <th class="num">"推演后缺口(亿元)"</th>
                                        }
                                    })}
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                scenario
                                    .with(|sc| {
                                        sc.regions
                                            .iter()
                                            .map(|r| {
                                                view! {
                                                    <tr
                                                        data-testid="scenario-region-row"
                                                        data-name=r.name.clone()
                                                    >
                                                        <td>{r.name.clone()}</td>
                                                        <td class="num">{yi(r.gain)}</td>
                                                        {has_region_targets
                                                            .then(|| {
                                                                view! {
                                                                    <td class="num">{r.gap_before.map_or("—".into(), yi)}</td>
                                                                    <td class=r
                                                                        .gap_after()
                                                                        .map_or(
                                                                            "num",
                                                                            gap_class,
                                                                        )>{r.gap_after().map_or("—".into(), yi)}</td>
                                                                }
                                                            })}
                                                    </tr>
                                                }
                                            })
                                            .collect_view()
                                    })
                            }}
                        </tbody>
                    </table>
                    {has_leaders
                        .then(|| {
                            view! {
                                <table class="data" data-testid="scenario-leaders">
                                    <thead>
                                        <tr>
                                            <th>"包保领导"</th>
                                            <th class="num">"推演可增加(亿元)"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {move || {
                                            scenario
                                                .with(|sc| {
                                                    sc.leaders
                                                        .iter()
                                                        .map(|l| {
                                                            view! {
                                                                <tr data-testid="scenario-leader-row">
                                                                    <td>{l.name.clone()}</td>
                                                                    <td class="num">{yi(l.gain)}</td>
                                                                </tr>
                                                            }
                                                        })
                                                        .collect_view()
                                                })
                                        }}
                                    </tbody>
                                </table>
                            }
                        })}
                </div>
                <h4>
                    "推演增产贡献最大的企业"
                    <button class="link export" data-testid="scenario-export" on:click=export>
                        "导出名单"
                    </button>
                </h4>
                <div data-testid="scenario-top">
                    {move || {
                        scenario
                            .with(|sc| {
                                let table = top_table(&a, sc);
                                let columns: Vec<usize> = (0..table.columns.len()).collect();
                                report_table(
                                    &table,
                                    &columns,
                                    usize::MAX,
                                    "scenario-top-row",
                                    |_| false,
                                )
                            })
                    }}
                </div>
            </div>
        }
        .into_any(),
    )
}
