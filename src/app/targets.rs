//! The targets panel: the quarter target entered by hand (or read from a 目标任务 sheet)
//! and what it requires of the remaining months.

use super::Session;
use crate::analysis::{Analysis, ForecastBasis};
use crate::model::Targets;
use crate::report::briefing::quarter_name;
use crate::report::format::{pct, yi};
use leptos::prelude::*;
use std::sync::Arc;
use web_sys::{HtmlInputElement, HtmlSelectElement};

fn row(label: String, testid: &'static str, value: String, unit: &'static str) -> impl IntoView {
    view! {
        <tr>
            <th>{label}</th>
            <td class="num"><span data-testid=testid>{value}</span></td>
            <td>{unit}</td>
        </tr>
    }
}

#[component]
pub fn TargetsPanel(session: Session, analysis: Arc<Analysis>) -> impl IntoView {
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
    let prior = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(String::new());
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
        match (q, g, p) {
            (Some(q), Some(g), Some(p)) if p > 0.0 => {
                error.set(String::new());
                session.settings.update(|s| {
                    s.targets = Some(Targets {
                        quarter_end_month: q,
                        output_growth_target_pct: g,
                        prior_quarter_output: p,
                        value_added_growth_target_pct: None,
                    })
                });
            }
            _ => error.set("请填写产值增速目标（%）和上年同期季度累计产值（亿元，大于0）".into()),
        }
    };
    let result = analysis.target.clone().map(|t| {
        let q = quarter_name(t.quarter_end_month);
        let remaining_label = if month + 1 == t.quarter_end_month { format!("{}月份当月产值要完成", t.quarter_end_month) } else { "剩余月份产值要完成".into() };
        let basis = match analysis.extra.forecast_basis {
            Some(ForecastBasis::EnterpriseForecasts) => "按企业预计数",
            _ => "按当前增速延续",
        };
        let gap_pp = t.forecast_growth_pct.map(|g| t.output_growth_target_pct - g);
        view! {
            <table class="data target-result" data-testid="target-result">
                <tbody>
                    {row(format!("{q}需完成产值"), "target-required-quarter", yi(t.required_quarter_output), "亿元")}
                    {row(remaining_label, "target-required-remaining", yi(t.required_remaining_output), "亿元")}
                    {row("剩余月份需同比增长".into(), "target-required-growth", pct(t.required_remaining_growth_pct), "%")}
                    {row("距目标还需提高".into(), "target-pp-to-go", pct(t.pp_to_go), "个百分点")}
                    {row(format!("预计{q}完成（{basis}）"), "target-forecast", yi(t.forecast_quarter_output), "亿元")}
                    {row("预计同比增长".into(), "target-forecast-growth", pct(t.forecast_growth_pct), "%")}
                    {row("预计缺口".into(), "target-gap", yi(t.forecast_gap), "亿元")}
                    {row("预计缺口".into(), "target-gap-pp", pct(gap_pp), "个百分点")}
                    {row(format!("{q}增速每1个百分点相当于"), "target-pp-value", yi(t.prior_quarter_output / 100.0), "亿元")}
                </tbody>
            </table>
        }
    });
    view! {
        <section class="panel targets" data-testid="targets">
            <h2>"目标测算"</h2>
            <div class="target-form">
                <label>
                    "季末月份"
                    <select node_ref=quarter data-testid="target-quarter-end">
                        {[3u32, 6, 9, 12]
                            .into_iter()
                            .map(|m| view! { <option value=m.to_string() selected=m == default_q>{format!("{m}月（{}）", quarter_name(m))}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    "产值增速目标(%)"
                    <input node_ref=growth type="number" step="0.1" data-testid="target-growth" value=current.map(|c| c.1.to_string()) />
                </label>
                <label>
                    "上年同期季度累计产值(亿元)"
                    <input node_ref=prior type="number" step="0.01" data-testid="target-prior" value=current.map(|c| c.2.to_string()) />
                </label>
                <button class="primary" data-testid="target-apply" on:click=apply>"测算"</button>
                <span class="status" data-testid="target-error">{move || error.get()}</span>
            </div>
            {result}
        </section>
    }
}
