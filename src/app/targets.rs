//! The targets panel: the quarter target entered by hand (or read from a 目标任务 sheet)
//! and what it requires of the remaining months.

use super::session::session;
use super::storage;
use crate::analysis::{Analysis, ForecastBasis};
use crate::charts::ChartKind;
use crate::model::Targets;
use crate::report::format::{pct, yi};
use crate::report::phrases::quarter_name;
use leptos::prelude::*;
use std::sync::Arc;
use web_sys::{HtmlInputElement, HtmlSelectElement};

fn row(label: String, testid: &'static str, value: String, unit: &'static str) -> impl IntoView {
    view! {
        <tr>
            <th>{label}</th>
            <td class="num">
                <span data-testid=testid>{value}</span>
            </td>
            <td>{unit}</td>
        </tr>
    }
}

/// A [`row`] whose figure opens where it came from (`key`, an explain key).
fn traced_row(
    label: String,
    testid: &'static str,
    value: String,
    unit: &'static str,
    key: &'static str,
) -> impl IntoView {
    let figure = view! { <span data-testid=testid>{value}</span> };
    view! {
        <tr>
            <th>{label}</th>
            <td class="num">{super::trace::traced(key.to_string(), figure)}</td>
            <td>{unit}</td>
        </tr>
    }
}

const TARGETS_KEY: &str = "industry-monitor.targets";

/// Targets entered by hand in an earlier visit.
pub fn remembered() -> Option<Targets> {
    storage::get_json(TARGETS_KEY)
}

fn remember(targets: Option<Targets>) {
    match targets {
        Some(t) => storage::set_json(TARGETS_KEY, &t),
        None => {
            if let Some(s) = storage::local() {
                let _ = s.remove_item(TARGETS_KEY);
            }
        }
    }
}

#[component]
pub fn TargetsPanel(analysis: Arc<Analysis>) -> impl IntoView {
    let session = session();
    let current = analysis.target.as_ref().map(|t| {
        (
            t.quarter_end_month,
            t.output_growth_target_pct,
            t.prior_quarter_output,
        )
    });
    let month = analysis.period.map_or(2, |p| p.month);
    let default_q = current.map_or(month.div_ceil(3).max(1) * 3, |c| c.0);
    let quarter = NodeRef::<leptos::html::Select>::new();
    let growth = NodeRef::<leptos::html::Input>::new();
    let va_growth = NodeRef::<leptos::html::Input>::new();
    let prior = NodeRef::<leptos::html::Input>::new();
    let va_current = session
        .settings()
        .with_untracked(|s| s.targets.and_then(|t| t.value_added_growth_target_pct));
    let error = RwSignal::new(String::new());
    let loaded = analysis
        .period
        .map(|p| (analysis.city.output_prior, p.month));
    let apply = move |_| {
        let q: Option<u32> = quarter
            .get()
            .map(|s: HtmlSelectElement| s.value())
            .and_then(|v| v.parse().ok());
        let g: Option<f64> = growth
            .get()
            .map(|i: HtmlInputElement| i.value())
            .and_then(|v| v.trim().parse().ok());
        let p: Option<f64> = prior
            .get()
            .map(|i: HtmlInputElement| i.value())
            .and_then(|v| v.trim().parse().ok());
        let va: Option<f64> = va_growth
            .get()
            .map(|i: HtmlInputElement| i.value())
            .and_then(|v| v.trim().parse().ok());
        let checked = match (q, g, p) {
            (Some(q), Some(g), Some(p)) => Targets::new(q, g, p, va)
                .and_then(|t| {
                    // Against the loaded data: a figure in 万元 is ten thousand times it.
                    match loaded {
                        Some((prior_cum, month)) => t.check_prior_against(prior_cum, month),
                        None => Ok(()),
                    }
                    .map(|()| t)
                })
                .map_err(|e| e.to_string()),
            _ => Err("请填写产值增速目标（%）和上年同期季度累计产值（亿元，大于0）".into()),
        };
        match checked {
            Ok(targets) => {
                error.set(String::new());
                session.set_targets(Some(targets));
                remember(Some(targets));
            }
            Err(why) => error.set(why),
        }
    };
    let from_sheet =
        session.settings().with_untracked(|s| s.targets.is_none()) && current.is_some();
    let clear = move |_| {
        session.set_targets(None);
        remember(None);
    };
    let region_rows = analysis.extra.region_targets.clone();
    let before_end = analysis
        .target
        .as_ref()
        .is_some_and(|t| t.before_quarter_end(month));
    let regions = (!region_rows.is_empty()).then(|| {
        view! {
            <h3>"分县（市、区）目标测算"</h3>
            <table class="data region-targets" data-testid="region-targets">
                <thead>
                    <tr>
                        <th>"县（市、区）"</th>
                        <th class="num">"目标增速(%)"</th>
                        <th class="num">"需完成季度产值(亿元)"</th>
                        <th class="num">
                            {if before_end {
                                "剩余月份需完成(亿元)"
                            } else {
                                "尚差(亿元)"
                            }}
                        </th>
                        <th class="num">"剩余月份需增长(%)"</th>
                        <th class="num">"距目标(百分点)"</th>
                        <th class="num">"预计完成(亿元)"</th>
                        <th class="num">"预计缺口(亿元)"</th>
                    </tr>
                </thead>
                <tbody>
                    {region_rows
                        .into_iter()
                        .map(|r| {
                            let t = r.target;
                            let gap_class = if t.forecast_gap > 0.0 { "num behind" } else { "num" };
                            view! {
                                <tr data-testid="region-target-row" data-name=r.region.clone()>
                                    <td>
                                        {r.region.clone()}
                                        {r.estimated_base.then_some("（基数为估算）")}
                                    </td>
                                    <td class="num">{pct(Some(t.output_growth_target_pct))}</td>
                                    <td class="num" data-testid="region-target-required">
                                        {yi(t.required_quarter_output)}
                                    </td>
                                    <td class="num" data-testid="region-target-remaining">
                                        {yi(t.required_remaining_output)}
                                    </td>
                                    <td class="num">{pct(t.required_remaining_growth_pct)}</td>
                                    <td class="num">{pct(t.pp_to_go)}</td>
                                    <td class="num">{yi(t.forecast_quarter_output)}</td>
                                    <td class=gap_class data-testid="region-target-gap">
                                        {yi(t.forecast_gap)}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    let chart = analysis.target.is_some().then(|| {
        view! { <super::charts::ChartView kind=ChartKind::Target analysis=analysis.clone() height=200.0 /> }
    });
    let result = analysis.target.clone().map(|t| {
        let q = quarter_name(t.quarter_end_month);
        let basis = match analysis.extra.forecast_basis {
            Some(ForecastBasis::EnterpriseForecasts) => "按企业预计数",
            _ => "按当前增速延续",
        };
        let rows = if t.before_quarter_end(month) {
            let remaining_label = format!(
                "{}产值要完成",
                crate::report::phrases::remaining_months(month, t.quarter_end_month)
            );
            view! {
                {traced_row(
                    format!("{q}需完成产值"),
                    "target-required-quarter",
                    yi(t.required_quarter_output),
                    "亿元",
                    "target.required_quarter_output",
                )}
                {traced_row(
                    remaining_label,
                    "target-required-remaining",
                    yi(t.required_remaining_output),
                    "亿元",
                    "target.required_remaining_output",
                )}
                {row(
                    "剩余月份需同比增长".into(),
                    "target-required-growth",
                    pct(t.required_remaining_growth_pct),
                    "%",
                )}
                {traced_row(
                    "距目标还需提高".into(),
                    "target-pp-to-go",
                    pct(t.pp_to_go),
                    "个百分点",
                    "target.pp_to_go",
                )}
                {row(
                    format!("预计{q}完成（{basis}）"),
                    "target-forecast",
                    yi(t.forecast_quarter_output),
                    "亿元",
                )}
                {row(
                    "预计同比增长".into(),
                    "target-forecast-growth",
                    pct(t.forecast_growth_pct),
                    "%",
                )}
                {traced_row(
                    "预计产值缺口".into(),
                    "target-gap",
                    yi(t.forecast_gap),
                    "亿元",
                    "target.forecast_gap",
                )}
                {row(
                    "预计增速缺口".into(),
                    "target-gap-pp",
                    pct(t.forecast_gap_pp()),
                    "个百分点",
                )}
                {row(
                    format!("{q}增速每1个百分点相当于"),
                    "target-pp-value",
                    yi(t.worth_of_one_pp()),
                    "亿元",
                )}
            }
            .into_any()
        } else {
            // The quarter is over: what was done against what was asked, no months to go.
            let (gap_label, gap) = if t.forecast_gap > 0.0 {
                ("未完成目标，尚差产值", t.forecast_gap)
            } else {
                ("已完成目标，超出产值", -t.forecast_gap)
            };
            view! {
                {traced_row(
                    format!("{q}需完成产值"),
                    "target-required-quarter",
                    yi(t.required_quarter_output),
                    "亿元",
                    "target.required_quarter_output",
                )}
                {row(
                    format!("{q}实际完成产值"),
                    "target-forecast",
                    yi(t.forecast_quarter_output),
                    "亿元",
                )}
                {row(
                    "实际同比增长".into(),
                    "target-forecast-growth",
                    pct(t.forecast_growth_pct),
                    "%",
                )}
                {row(gap_label.into(), "target-gap", yi(gap), "亿元")}
                {row(
                    "增速与目标相差".into(),
                    "target-gap-pp",
                    pct(t.forecast_gap_pp()),
                    "个百分点",
                )}
                {row(
                    format!("{q}增速每1个百分点相当于"),
                    "target-pp-value",
                    yi(t.worth_of_one_pp()),
                    "亿元",
                )}
            }
            .into_any()
        };
        view! {
            <table class="data target-result" data-testid="target-result">
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <section class="panel targets" id="sec-targets" data-testid="targets">
            <h2>"目标测算"</h2>
            <div class="target-form">
                <label>
                    "季末月份" <select node_ref=quarter data-testid="target-quarter-end">
                        {[3u32, 6, 9, 12]
                            .into_iter()
                            .map(|m| {
                                view! {
                                    <option value=m.to_string() selected=m == default_q>
                                        {format!("{m}月（{}）", quarter_name(m))}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    "产值增速目标(%)"
                    <input
                        node_ref=growth
                        type="number"
                        step="0.1"
                        data-testid="target-growth"
                        value=current.map(|c| c.1.to_string())
                    />
                </label>
                <label>
                    "上年同期季度累计产值(亿元)"
                    <input
                        node_ref=prior
                        type="number"
                        step="0.01"
                        data-testid="target-prior"
                        value=current.map(|c| c.2.to_string())
                    />
                </label>
                <label>
                    "增加值增速目标(%，可不填)"
                    <input
                        node_ref=va_growth
                        type="number"
                        step="0.1"
                        data-testid="target-va-growth"
                        value=va_current.map(|v| v.to_string())
                    />
                </label>
                <button class="primary" data-testid="target-apply" on:click=apply>
                    "测算"
                </button>
                {(!from_sheet && current.is_some())
                    .then(|| {
                        view! {
                            <button class="link" data-testid="target-clear" on:click=clear>
                                "清除手填目标"
                            </button>
                        }
                    })}
                <span class="status" data-testid="target-source">
                    {if from_sheet {
                        "目标取自载入的目标任务表"
                    } else if current.is_some() {
                        "目标为手动填写，已保存在本机浏览器"
                    } else {
                        ""
                    }}
                </span>
                <span class="status error" data-testid="target-error">
                    {move || error.get()}
                </span>
            </div>
            <div class="target-body">{result} {chart}</div>
            {regions}
            <super::scenario_panel::ScenarioPanel analysis=analysis.clone() />
        </section>
    }
}
