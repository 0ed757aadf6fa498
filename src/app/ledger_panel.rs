//! The 台账 section: the key enterprises by 包保领导, the 停减产 reasons and the stopped or
//! reduced enterprises no ledger row names, the review list by deadline (overdue in red),
//! the 拟入规 projects, the rows that joined no enterprise (with a way to pick one), and the
//! two ledgers to fill in. Every figure comes from `analysis::ledgers`.

use super::dashboard::{report_table, trend_class};
use super::download::{save, XLSX_MIME};
use super::session::{session, LedgerFilter};
use super::trace::traced;
use crate::analysis::{choice_key, Analysis, LedgerSummary, Member, Unjoined};
use crate::model::name_key;
use crate::report::format::{fixed, pct, yi};
use crate::report::ledger_tables::{
    self, key_template, stop_reduce_template, REASON_CATEGORIES, STOP_TEMPLATE_REASON_COLUMN,
};
use crate::report::xlsx;
use leptos::prelude::*;
use std::sync::Arc;

/// How many untracked enterprises and search hits are listed at most.
const LISTED: usize = 20;

fn template_buttons(analysis: Arc<Analysis>) -> impl IntoView {
    let (for_stop, for_key) = (analysis.clone(), analysis);
    let stop = move |_| {
        let table = stop_reduce_template(&for_stop);
        if let Ok(bytes) =
            xlsx::template_workbook(&table, STOP_TEMPLATE_REASON_COLUMN, &REASON_CATEGORIES)
        {
            save(&bytes, &file_name(&for_stop, "停减产台账"), XLSX_MIME);
        }
    };
    let key = move |_| {
        if let Ok(bytes) = xlsx::tables_workbook(&[key_template(&for_key)]) {
            save(&bytes, &file_name(&for_key, "包保台账"), XLSX_MIME);
        }
    };
    view! {
        <span class="downloads">
            <button
                class="link"
                data-testid="ledger-export-stop"
                title="本期全部停产、减产企业，原因、预计复产时间、包保领导待填；填好后拖回页面即可"
                on:click=stop
            >
                "导出停减产台账"
            </button>
            <button
                class="link"
                data-testid="ledger-export-key"
                title="重点企业及本期产值、增速；填好包保领导后拖回页面即可"
                on:click=key
            >
                "导出包保台账"
            </button>
        </span>
    }
}

fn file_name(a: &Analysis, what: &str) -> String {
    format!(
        "{}{}{what}.xlsx",
        a.city.name.as_deref().unwrap_or(""),
        a.period.map_or(String::new(), |p| p.label())
    )
}

fn member_rows(members: &[Member], with_notes: bool) -> impl IntoView {
    members
        .iter()
        .map(|m| {
            let notes = m
                .notes
                .iter()
                .filter(|(k, _)| with_notes || *k != "包保部门")
                .map(|(k, v)| format!("{k}：{v}"))
                .collect::<Vec<_>>()
                .join("；");
            view! {
                <tr class="member" data-testid="ledger-member">
                    <td>{m.name.clone()}</td>
                    <td>{m.region.clone()}</td>
                    <td class="num">{yi(m.output)}</td>
                    <td class=trend_class(m.output_growth_pct)>{pct(m.output_growth_pct)}</td>
                    <td>{m.status.label()}</td>
                    <td class="wrap" colspan="3">
                        {notes}
                    </td>
                </tr>
            }
        })
        .collect_view()
}

fn filter_button(label: String, filter: LedgerFilter, testid: &'static str) -> impl IntoView {
    let s = session();
    let is_on = {
        let f = filter.clone();
        move || s.ledger_filter().get().as_ref() == Some(&f)
    };
    view! {
        <button
            class="link name-filter"
            class:selected=is_on
            data-testid=testid
            title="点击在企业表中筛选"
            on:click=move |_| {
                s.toggle_ledger_filter(filter.clone());
            }
        >
            {label}
        </button>
    }
}

fn key_block(l: &LedgerSummary) -> Option<impl IntoView> {
    let k = l.key.clone()?;
    let leaders = k
        .leaders
        .iter()
        .map(|r| {
            let open = RwSignal::new(false);
            let members = r.members.clone();
            view! {
                <tbody>
                    <tr data-testid="ledger-leader" data-leader=r.leader.clone()>
                        <td>
                            {filter_button(
                                r.leader.clone(),
                                LedgerFilter::Leader(r.leader.clone()),
                                "ledger-leader-filter",
                            )}
                        </td>
                        <td class="num">{r.enterprises}</td>
                        <td class="num">{yi(r.output)}</td>
                        <td class=trend_class(r.output_growth_pct)>{pct(r.output_growth_pct)}</td>
                        <td class=trend_class(
                            r.pull_pp,
                        )>{r.pull_pp.map_or("—".into(), |v| fixed(v, 2))}</td>
                        <td class="num">{r.stopped}</td>
                        <td class="num">{r.reduced}</td>
                        <td>
                            <button
                                class="link"
                                data-testid="ledger-leader-expand"
                                on:click=move |_| open.update(|o| *o = !*o)
                            >
                                {move || if open.get() { "收起" } else { "企业及帮扶" }}
                            </button>
                        </td>
                    </tr>
                    {move || open.get().then(|| member_rows(&members, true))}
                </tbody>
            }
        })
        .collect_view();
    Some(view! {
        <div class="ledger-block" data-testid="ledger-key">
            <h3>"重点企业包保"</h3>
            <p class="ledger-line">
                "重点包保企业 "
                {traced(
                    "ledgers.key.enterprises".into(),
                    view! { <strong data-testid="ledger-key-enterprises">{k.matched}</strong> },
                )}" 户"
                {(!k.unmatched.is_empty())
                    .then(|| {
                        view! {
                            <span class="hint">
                                "（台账共 "
                                <span data-testid="ledger-key-listed">{k.listed}</span>
                                {format!(
                                    " 户，{} 户未在本期企业表中找到）",
                                    k.unmatched.len(),
                                )}
                            </span>
                        }
                    })} "，累计产值 "{traced("ledgers.key.output".into(), yi(k.output))}
                {format!(
                    " 亿元，占全市 {}%，同比 {}%，拉动全市 ",
                    pct(k.share_pct),
                    pct(k.output_growth_pct),
                )}
                {traced(
                    "ledgers.key.pull_pp".into(),
                    view! { <strong data-testid="ledger-key-pull">{pct(k.pull_pp)}</strong> },
                )}" 个百分点"
                {format!("；其中停产 {} 户、减产 {} 户。", k.stopped, k.reduced)}
            </p>
            <table class="data ledger-leaders">
                <thead>
                    <tr>
                        <th>"包保领导"</th>
                        <th class="num">"企业数"</th>
                        <th class="num">"累计产值(亿元)"</th>
                        <th class="num">"同比(%)"</th>
                        <th class="num">"拉动(百分点)"</th>
                        <th class="num">"停产"</th>
                        <th class="num">"减产"</th>
                        <th></th>
                    </tr>
                </thead>
                {leaders}
            </table>
        </div>
    })
}

fn stop_block(a: &Analysis) -> Option<impl IntoView> {
    let st = a.ledgers.as_ref()?.stop_reduce.clone()?;
    let reasons = st
        .reasons
        .iter()
        .map(|r| {
            view! {
                <tr data-testid="ledger-reason" data-reason=r.reason.clone()>
                    <td>
                        {filter_button(
                            r.reason.clone(),
                            LedgerFilter::Reason(r.reason.clone()),
                            "ledger-reason-filter",
                        )}
                    </td>
                    <td class="num">{r.enterprises}</td>
                    <td class=trend_class(
                        r.month_pull_pp,
                    )>{r.month_pull_pp.map_or("—".into(), |v| fixed(v, 2))}</td>
                </tr>
            }
        })
        .collect_view();
    // Since the previous period, by 包保领导: the follow-up of last meeting's list.
    let follow_up = ledger_tables::stop_follow_up(a).map(|t| {
        let columns: Vec<usize> = (0..t.columns.len()).collect();
        view! {
            <h4>
                {format!(
                    "台账跟进（与{}相比）",
                    a.transitions.as_ref().map_or(String::new(), |t| t.from.span_label()),
                )}
            </h4>
            <div data-testid="ledger-follow-up">
                {report_table(&t, &columns, usize::MAX, "ledger-follow-up-row", |_| false)}
            </div>
        }
    });
    let shown = st.untracked.min(LISTED);
    let untracked = ledger_tables::untracked(a)
        .map(|t| report_table(&t, &[0, 2, 3, 6], LISTED, "ledger-untracked-row", |_| false));
    Some(view! {
        <div class="ledger-block" data-testid="ledger-stop">
            <h3>"停减产企业"</h3>
            <p class="ledger-line">
                {format!(
                    "台账 {} 户（匹配 {} 户）；统计显示停产或减产但台账未列入的 ",
                    st.listed,
                    st.matched,
                )}
                {traced(
                    "ledgers.stop_reduce.untracked".into(),
                    view! {
                        <strong class="warn" data-testid="ledger-untracked">
                            {st.untracked}
                        </strong>
                    },
                )}" 户 "
                {filter_button(
                    "在企业表中查看".into(),
                    LedgerFilter::Untracked,
                    "ledger-untracked-filter",
                )}
            </p>
            <table class="data">
                <thead>
                    <tr>
                        <th>"原因"</th>
                        <th class="num">"企业数"</th>
                        <th class="num">"拉动当月(百分点)"</th>
                    </tr>
                </thead>
                <tbody>{reasons}</tbody>
            </table>
            {follow_up}
            {(shown > 0)
                .then(|| {
                    view! {
                        <details>
                            <summary>
                                {format!(
                                    "未列入台账的停减产企业（减少最多的 {shown} 户）",
                                )}
                            </summary>
                            {untracked}
                        </details>
                    }
                })}
        </div>
    })
}

fn review_block(a: &Analysis) -> Option<impl IntoView> {
    let r = a.ledgers.as_ref()?.review.clone()?;
    let table = ledger_tables::review_items(a)?;
    let overdue: Vec<bool> = r.items.iter().map(|i| i.overdue).collect();
    let columns: Vec<usize> = (0..table.columns.len()).collect();
    Some(view! {
        <div class="ledger-block" data-testid="ledger-review">
            <h3>"强制审核与产值查询"</h3>
            <p class="ledger-line">
                {format!(
                    "强制审核 {} 户、产值查询 {} 户，佐证材料未上传 {} 户，其中已过截止时间 ",
                    r.compulsory,
                    r.query,
                    r.evidence_missing,
                )} <strong class="warn" data-testid="ledger-overdue">
                    {r.overdue}
                </strong>" 户"
            </p>
            {report_table(
                &table,
                &columns,
                usize::MAX,
                "ledger-review-row",
                move |i| overdue.get(i).copied().unwrap_or(false),
            )}
        </div>
    })
}

fn projects_block(a: &Analysis) -> Option<impl IntoView> {
    let p = a.extra.projects.clone()?;
    let regions = p
        .by_region
        .iter()
        .map(|(r, n, out)| format!("{r} {n} 个（{} 亿元）", yi(*out)))
        .collect::<Vec<_>>()
        .join("、");
    Some(view! {
        <div class="ledger-block" data-testid="ledger-projects">
            <h3>"拟入规项目"</h3>
            <p class="ledger-line">
                {format!(
                    "有望投产入规项目 {} 个，预计年产值 {} 亿元：{regions}。",
                    p.listed,
                    yi(p.expected_output),
                )}
            </p>
        </div>
    })
}

/// One unjoined row: the closest names to pick, or a search over every enterprise.
fn unjoined_row(ledger: &'static str, u: Unjoined, names: Arc<Vec<String>>) -> impl IntoView {
    let s = session();
    let choose = move |ledger_name: String, chosen: String| {
        s.change_settings(|st| {
            st.ledger_choices
                .insert(choice_key(&ledger_name), name_key(&chosen));
        });
    };
    let search = RwSignal::new(String::new());
    let hits = Memo::new(move |_| {
        let needle = search.get().trim().to_string();
        if needle.chars().count() < 2 {
            return Vec::new();
        }
        names
            .iter()
            .filter(|n| n.contains(&needle))
            .take(LISTED / 2)
            .cloned()
            .collect::<Vec<_>>()
    });
    let closest = u
        .closest
        .iter()
        .map(|c| {
            let (name, c2, choose) = (u.name.clone(), c.clone(), choose);
            view! {
                <button
                    class="link"
                    data-testid="ledger-choose"
                    on:click=move |_| choose(name.clone(), c2.clone())
                >
                    {c.clone()}
                </button>
            }
        })
        .collect_view();
    let name = u.name.clone();
    view! {
        <tr data-testid="ledger-unjoined">
            <td>{ledger}</td>
            <td>{u.name.clone()}</td>
            <td class="wrap">
                {format!(
                    "{}（{}）",
                    crate::report::ledger_text::unjoined_reason(&u.reason),
                    u.at,
                )}
            </td>
            <td class="wrap">
                {closest}
                <input
                    type="search"
                    placeholder="搜索企业名称"
                    data-testid="ledger-search"
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
                {move || {
                    hits.get()
                        .into_iter()
                        .map(|h| {
                            let (name, h2) = (name.clone(), h.clone());
                            view! {
                                <button
                                    class="link"
                                    data-testid="ledger-search-hit"
                                    on:click=move |_| choose(name.clone(), h2.clone())
                                >
                                    {h}
                                </button>
                            }
                        })
                        .collect_view()
                }}
            </td>
        </tr>
    }
}

fn unjoined_block(a: &Analysis) -> Option<impl IntoView> {
    let rows = ledger_tables::unjoined(a);
    if rows.is_empty() {
        return None;
    }
    let names: Arc<Vec<String>> = Arc::new(a.enterprises.iter().map(|e| e.name.clone()).collect());
    let count = rows.len();
    let body = rows
        .into_iter()
        .map(|(ledger, u)| unjoined_row(ledger, u.clone(), names.clone()))
        .collect_view();
    Some(view! {
        <details class="ledger-block" data-testid="ledger-unjoined-list">
            <summary>
                {format!(
                    "台账中有 {count} 行未匹配到本期企业（点击名称指定对应企业，选择保存在本机）",
                )}
            </summary>
            <table class="data">
                <thead>
                    <tr>
                        <th>"台账"</th>
                        <th>"台账中的名称"</th>
                        <th>"可能原因"</th>
                        <th>"指定企业"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </details>
    })
}

#[component]
pub fn LedgerPanel(analysis: Arc<Analysis>) -> impl IntoView {
    let Some(l) = analysis.ledgers.as_ref() else {
        return view! {
            <section class="panel ledgers" id="sec-ledgers" data-testid="ledgers">
                <h2>"台账"</h2>
                {projects_block(&analysis)}
                <p class="hint">
                    "把包保台账、停减产台账、审核/查询台账（xlsx、xls、et、ods 或 CSV）拖入页面，即与本期企业数据按统一社会信用代码、组织机构代码或企业名称关联。台账只在本机读取和保存。"
                </p>
                {template_buttons(analysis.clone())}
            </section>
        }
        .into_any();
    };
    view! {
        <section class="panel ledgers" id="sec-ledgers" data-testid="ledgers">
            <h2>"台账" {template_buttons(analysis.clone())}</h2>
            <div class="ledger-grid">
                {key_block(l)} {stop_block(&analysis)} {review_block(&analysis)}
                {projects_block(&analysis)}
            </div>
            {unjoined_block(&analysis)}
        </section>
    }
    .into_any()
}
