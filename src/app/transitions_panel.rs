//! 本月变化: what changed since the previous loaded period — six transition cards with
//! their counts and month pulls, each opening its enterprises with both months' figures;
//! the regions' counts; the names that entered or left; the lists as .xlsx.

use super::download::{save, XLSX_MIME};
use crate::analysis::{Analysis, Transition};
use crate::report::briefing::export_name;
use crate::report::phrases::pull_or_dash;
use crate::report::transition_tables::{entered_and_left, members};
use crate::report::xlsx;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn TransitionsPanel(analysis: Arc<Analysis>) -> impl IntoView {
    let Some(t) = analysis.transitions.clone() else {
        return ().into_any();
    };
    let open = RwSignal::new(None::<Transition>);
    let session = super::session::session();
    let cards = Transition::ALL
        .into_iter()
        .map(|k| {
            let set = t.set(k);
            let selected = move || open.get() == Some(k);
            let (count_key, pull_key) = (
                format!("transitions.{}.enterprises", k.key()),
                format!("transitions.{}.month_pull_pp", k.key()),
            );
            view! {
                <div class="transition-cell">
                    <button
                        class="card transition-card"
                        class:selected=selected
                        data-testid="transition-card"
                        data-kind=k.key()
                        aria-pressed=move || selected().to_string()
                        title="点击列出这些企业"
                        on:click=move |_| {
                            open.update(|o| *o = if *o == Some(k) { None } else { Some(k) });
                            session.toggle_ledger_filter(super::session::LedgerFilter::Change(k));
                        }
                    >
                        <div class="card-label">{k.label()}</div>
                        <div class="card-value">
                            <span data-testid="transition-count">{set.enterprises}</span>
                            <span class="unit">"户"</span>
                        </div>
                        <div class="card-note">
                            {format!("当月{}", pull_or_dash(set.month_pull_pp))}
                        </div>
                    </button>
                    // Where the count and the pull come from (the card itself lists the enterprises).
                    <div class="transition-sources">
                        <button
                            class="link"
                            data-testid="transition-trace"
                            data-kind=k.key()
                            on:click=move |_| session.open_trace(&count_key)
                        >
                            "户数溯源"
                        </button>
                        {set
                            .month_pull_pp
                            .is_some()
                            .then(|| {
                                view! {
                                    <button
                                        class="link"
                                        data-testid="transition-pull-trace"
                                        data-kind=k.key()
                                        on:click=move |_| session.open_trace(&pull_key)
                                    >
                                        "拉动溯源"
                                    </button>
                                }
                            })}
                    </div>
                </div>
            }
        })
        .collect_view();
    let for_list = analysis.clone();
    let list = move || {
        open.get().map(|k| {
            let table = members(&for_list, Some(k));
            view! {
                <table class="data transition-list" data-testid="transition-list" data-kind=k.key()>
                    <thead>
                        <tr>
                            {table
                                .columns
                                .iter()
                                .map(|c| view! { <th>{c.header}</th> })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {table
                            .rows
                            .into_iter()
                            .map(|row| {
                                view! {
                                    <tr data-testid="transition-row">
                                        {row
                                            .into_iter()
                                            .map(|v| {
                                                let num = v.number().is_some();
                                                view! { <td class:num=num>{v.display()}</td> }
                                            })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
        })
    };
    let regions = t
        .regions
        .iter()
        .filter(|r| r.newly_stopped + r.resumed + r.turned_down + r.turned_up > 0)
        .map(|r| {
            view! {
                <tr data-testid="transition-region" data-name=r.name.clone()>
                    <td>{r.name.clone()}</td>
                    <td class="num">{r.newly_stopped}</td>
                    <td class="num">{r.resumed}</td>
                    <td class="num">{r.turned_down}</td>
                    <td class="num">{r.turned_up}</td>
                </tr>
            }
        })
        .collect_view();
    let names = |names: &[String]| {
        if names.is_empty() {
            "无".to_string()
        } else {
            let shown: Vec<&str> = names.iter().take(30).map(String::as_str).collect();
            format!(
                "{}{}",
                shown.join("、"),
                if names.len() > 30 { "等" } else { "" }
            )
        }
    };
    let for_export = analysis.clone();
    let export = move |_| {
        let tables = [members(&for_export, None), entered_and_left(&for_export)];
        if let Ok(bytes) = xlsx::tables_workbook(&tables) {
            save(
                &bytes,
                &export_name(&for_export, "本月变化企业名单", "xlsx"),
                XLSX_MIME,
            );
        }
    };
    view! {
        <section class="panel transitions" id="sec-changes" data-testid="transitions">
            <h2>{format!("本月变化（与{}相比）", t.from.span_label())}</h2>
            <div class="cards transition-cards">{cards}</div>
            {list}
            <h3>"分县（市、区）"</h3>
            <table class="data" data-testid="transition-regions">
                <thead>
                    <tr>
                        <th>"县（市、区）"</th>
                        <th class="num">"新增停产"</th>
                        <th class="num">"复产"</th>
                        <th class="num">"由增转减"</th>
                        <th class="num">"由减转增"</th>
                    </tr>
                </thead>
                <tbody>{regions}</tbody>
            </table>
            <p data-testid="transition-entered">
                {format!("新进入本期企业表{}户：{}", t.entered, names(&t.entered_names))}
            </p>
            <p data-testid="transition-left">
                {format!(
                    "上期有、本期企业表中没有{}户：{}",
                    t.left,
                    names(&t.left_names),
                )}
            </p>
            <button class="link export" data-testid="transition-export" on:click=export>
                "导出名单（.xlsx）"
            </button>
        </section>
    }
    .into_any()
}
