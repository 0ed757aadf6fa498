//! The enterprise table: search, filters, sort by any column, and only the rows in view
//! rendered, so a province's 20,000 enterprises scroll smoothly.

use super::dashboard::cell_class;
use super::enterprise_query::{EnterpriseQuery, RowIndex, SortColumn};
use super::schedule::{after_next_paint, when_idle};
use crate::analysis::{Analysis, EnterpriseRow, Status};
use crate::report::tables::{self, Column, ColumnKey};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

const ROW_HEIGHT: f64 = 30.0;
/// `ROW_HEIGHT` as the rows' style, a static string so a re-render compares it for free.
const ROW_STYLE: &str = "height:30px";
/// Rows in view. Every rendered row costs layout, paint and DOM work in each sort or filter:
/// in paired runs on the benchmark machine, 12 rows instead of 16 took 3.8 ms off the median
/// sort and 1.6 ms off a region filter. Ten would take about 1 ms more, for a visibly
/// shorter table.
const VIEWPORT_ROWS: usize = 12;
/// Rows rendered above and below the viewport so fast scrolling shows no gaps. A new
/// sort, filter or search first renders only the rows in view and adds these a frame
/// later: every rendered row is laid out and painted again (about 0.3 ms a row on the
/// benchmark machine), and the frame that answers the user should only pay for what
/// they see.
const OVERSCAN: usize = 4;

/// Memos here hold index lists of up to a province's 20,000 rows; a new list always
/// differs, and comparing it with the old one cost 2.5 ms per filter in a profile.
fn always_changed<T>(_: Option<&T>, _: Option<&T>) -> bool {
    true
}

/// The name cell cuts a name with an ellipsis past about 21 Chinese characters; only a name
/// that may be cut carries its full text as a tooltip, since every attribute a re-render
/// sets is one more string copied out of wasm.
fn tooltip(name: &str) -> Option<String> {
    let ems: f64 = name
        .chars()
        .map(|c| if c.is_ascii() { 0.6 } else { 1.0 })
        .sum();
    (ems > 18.0).then(|| name.to_string())
}

/// The export's enterprise columns the page shows, by key (the code and the month
/// figures stay in the export).
const SHOWN: [ColumnKey; 11] = [
    ColumnKey::Name,
    ColumnKey::Region,
    ColumnKey::Industry,
    ColumnKey::Output,
    ColumnKey::OutputPrior,
    ColumnKey::OutputGrowth,
    ColumnKey::Increment,
    ColumnKey::Pull,
    ColumnKey::MonthOutput,
    ColumnKey::Status,
    ColumnKey::New,
];

/// The column a header sorts by.
fn sort_column(key: ColumnKey) -> Option<SortColumn> {
    Some(match key {
        ColumnKey::Name => SortColumn::Name,
        ColumnKey::Region => SortColumn::Region,
        ColumnKey::Output => SortColumn::Output,
        ColumnKey::OutputPrior => SortColumn::OutputPrior,
        ColumnKey::OutputGrowth => SortColumn::Growth,
        ColumnKey::Increment => SortColumn::Increment,
        ColumnKey::Pull => SortColumn::Pull,
        _ => return None,
    })
}

/// Indices of `SHOWN` in the export's columns.
fn shown_columns(columns: &[Column]) -> Vec<usize> {
    SHOWN
        .iter()
        .filter_map(|k| columns.iter().position(|c| c.key == *k))
        .collect()
}

fn row_view(r: &EnterpriseRow, columns: &[Column], shown: &[usize]) -> impl IntoView {
    let cells = tables::enterprise_row(r);
    view! {
        <tr data-testid="enterprise-row" style=ROW_STYLE>
            {shown
                .iter()
                .map(|&c| {
                    let column = &columns[c];
                    let title = (column.key == ColumnKey::Name).then(|| tooltip(&r.name)).flatten();
                    let class = if column.key == ColumnKey::Name {
                        "name"
                    } else {
                        cell_class(column, &cells[c])
                    };
                    view! {
                        <td class=class title=title>
                            {cells[c].display()}
                        </td>
                    }
                })
                .collect_view()}
        </tr>
    }
}

/// Computes the orders in `to_sort`, one per idle callback so none delays a frame.
fn sort_when_idle(
    mut to_sort: Vec<(SortColumn, bool)>,
    order_of: impl Fn(SortColumn, bool) -> Option<Arc<Vec<usize>>> + Clone + 'static,
) {
    if let Some((sort, descending)) = to_sort.pop() {
        when_idle(move || {
            if order_of(sort, descending).is_some() {
                sort_when_idle(to_sort, order_of);
            }
        });
    }
}

/// `region` and `industry` are shared with the tables and charts above: clicking a region
/// or an industry there filters here.
#[component]
pub fn EnterpriseTable(
    analysis: Arc<Analysis>,
    region: ReadSignal<Option<String>>,
    industry: ReadSignal<Option<String>>,
    ledger: ReadSignal<Option<super::session::LedgerFilter>>,
) -> impl IntoView {
    let session = super::session::session();
    let for_csv = analysis.clone();
    // The 变化 filter, when a previous period is loaded.
    let for_changes = analysis.transitions.is_some();
    let for_ledger = analysis.clone();
    // The ledger filter's rows, resolved once per choice.
    let ledger_rows = Memo::new(move |_| ledger.get().map(|f| Arc::new(f.members(&for_ledger))));
    let regions: Vec<String> = analysis.regions.iter().map(|r| r.name.clone()).collect();
    let industries: Vec<(String, String)> = analysis
        .industries
        .iter()
        .map(|i| (i.code.clone(), i.name.clone()))
        .collect();
    let (first_region, first_industry) = (region.get_untracked(), industry.get_untracked());
    let query = RwSignal::new(EnterpriseQuery::default());
    let scroll_top = RwSignal::new(0.0_f64);
    let all = analysis.clone();
    let sort = Memo::new(move |_| query.with(|q| (q.sort, q.descending)));
    // Every sort order, each computed once and kept: at most 14 index lists, 1.1 MB for
    // 20,000 enterprises, 5.6 MB for 100,000. The numeric ones are computed in idle time
    // after the table appears, one per idle callback (8 ms each for 100,000 rows), so a
    // click only looks its order up (sorting 20,000 rows took 1-2 ms of the click's frame).
    // Name and region orders compare strings, up to 100 ms for 100,000 names sharing a
    // long prefix: too long for an idle moment, so they are sorted when clicked.
    let orders = StoredValue::new(HashMap::<(SortColumn, bool), Arc<Vec<usize>>>::new());
    let ordered = all.clone();
    // `None` once the table is gone (another analysis replaced it).
    let order_of = move |sort: SortColumn, descending: bool| -> Option<Arc<Vec<usize>>> {
        if let Some(known) = orders.try_with_value(|o| o.get(&(sort, descending)).cloned())? {
            return Some(known);
        }
        let order = Arc::new(
            EnterpriseQuery {
                sort,
                descending,
                ..Default::default()
            }
            .order(&ordered.enterprises),
        );
        orders.try_update_value(|o| o.insert((sort, descending), order.clone()))?;
        Some(order)
    };
    let to_sort: Vec<(SortColumn, bool)> = SortColumn::ALL
        .iter()
        .filter(|c| !matches!(c, SortColumn::Name | SortColumn::Region))
        .flat_map(|&c| [(c, true), (c, false)])
        .collect();
    sort_when_idle(to_sort, order_of.clone());
    let order = Memo::new_with_compare(
        move |_| {
            let (sort, descending) = sort.get();
            order_of(sort, descending).unwrap_or_default()
        },
        always_changed,
    );
    // Built when the page is idle after the table appears (or at a first search or filter
    // that comes sooner): lower-casing a province's names takes a long task.
    let index = StoredValue::new(None::<Arc<RowIndex>>);
    let index_for = all.clone();
    let build_index = move || {
        index.try_get_value().flatten().unwrap_or_else(|| {
            let built = Arc::new(RowIndex::new(&index_for.enterprises));
            index.try_set_value(Some(built.clone()));
            built
        })
    };
    let idle_build = build_index.clone();
    when_idle(move || {
        // Not for a table another analysis has replaced.
        if index.try_get_value().is_some() {
            idle_build();
        }
    });
    // Counts the hit lists, so the rows can tell a new list from a scroll.
    let generation = StoredValue::new(0_u64);
    let hits = Memo::new_with_compare(
        move |_| {
            generation.update_value(|g| *g += 1);
            let mut q = query.get();
            q.region = region.get();
            q.division = industry.get();
            q.only = ledger_rows.get();
            let index = if q.is_unfiltered() {
                Arc::default()
            } else {
                build_index()
            };
            order.with(|o| q.filter(o, &index))
        },
        always_changed,
    );
    // The first row in view, and whether it is cut (the view then shows part of one
    // more): a scroll that changes neither re-renders nothing.
    let first_row = Memo::new(move |_| {
        let top = scroll_top.get();
        ((top / ROW_HEIGHT) as usize, top % ROW_HEIGHT >= 1.0)
    });
    let sort_header = move |label: &'static str, column: SortColumn| {
        let arrow = move || {
            let q = query.get();
            if q.sort == column {
                if q.descending {
                    " ↓"
                } else {
                    " ↑"
                }
            } else {
                ""
            }
        };
        view! {
            <th
                class="sortable"
                data-testid="enterprise-sort"
                data-column=label
                on:click=move |_| {
                    query
                        .update(|q| {
                            if q.sort == column {
                                q.descending = !q.descending
                            } else {
                                q.sort = column;
                                q.descending = true;
                            }
                        })
                }
            >
                {label}
                {arrow}
            </th>
        }
    };
    let columns = tables::enterprise_columns();
    let visible = shown_columns(&columns);
    let (head_columns, header_columns) = (columns.clone(), visible.clone());
    let shown_generation = StoredValue::new(0_u64);
    let widen = Trigger::new();
    let window_rows = move || {
        widen.track();
        // Only the rows in view are copied out of the (province-sized) hit list.
        let (shown, total) = hits.with(|hits| {
            let fresh = generation.get_value() != shown_generation.get_value();
            shown_generation.set_value(generation.get_value());
            let overscan = if fresh {
                after_next_paint(move || widen.notify());
                0
            } else {
                OVERSCAN
            };
            let (top, cut) = first_row.get();
            let first = top.saturating_sub(overscan).min(hits.len());
            // The rows in view: as many as fit (the header is one row high), and one more
            // when scrolled between rows.
            let last = (top + VIEWPORT_ROWS + usize::from(cut) + overscan).min(hits.len());
            ((first, hits[first..last].to_vec()), hits.len())
        });
        let (first, rows) = shown;
        let above = first as f64 * ROW_HEIGHT;
        let below = (total - first - rows.len()) as f64 * ROW_HEIGHT;
        view! {
            <tr class="spacer" style=format!("height:{above}px")></tr>
            {rows
                .iter()
                .map(|&i| row_view(&analysis.enterprises[i], &columns, &visible))
                .collect_view()}
            <tr class="spacer" style=format!("height:{below}px")></tr>
        }
    };
    view! {
        <section class="panel" id="sec-enterprises" data-testid="enterprises">
            <h2>
                "企业明细"
                <super::dashboard::CsvButton
                    testid="csv-enterprises"
                    name="企业明细"
                    make=crate::report::csv::enterprises_csv
                    analysis=for_csv
                />
            </h2>
            <div class="filters">
                <input
                    type="search"
                    placeholder="搜索企业名称或代码"
                    data-testid="enterprise-search"
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        query.update(|q| q.search = v);
                        scroll_top.set(0.0);
                    }
                />
                // The options are marked once, for the filter the table opens with; after that
                // one `value` property follows the filter (set from the tables and charts too),
                // not an effect and an attribute per option.
                <select
                    data-testid="enterprise-filter-region"
                    prop:value=move || region.get().unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        session.set_region_filter((!v.is_empty()).then_some(v));
                    }
                >
                    <option value="" selected=first_region.is_none()>
                        "全部县区"
                    </option>
                    {regions
                        .into_iter()
                        .map(|name| {
                            let selected = first_region.as_deref() == Some(name.as_str());
                            let value = name.clone();
                            view! {
                                <option value=value selected=selected>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <select
                    data-testid="enterprise-filter-industry"
                    prop:value=move || industry.get().unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        session.set_industry_filter((!v.is_empty()).then_some(v));
                    }
                >
                    <option value="" selected=first_industry.is_none()>
                        "全部行业"
                    </option>
                    {industries
                        .into_iter()
                        .map(|(code, name)| {
                            let selected = first_industry.as_deref() == Some(code.as_str());
                            let label = format!("{code} {name}");
                            view! {
                                <option value=code selected=selected>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <select
                    data-testid="enterprise-filter-status"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let status = [
                            Status::Stopped,
                            Status::Reduced,
                            Status::Increased,
                            Status::Flat,
                        ]
                            .into_iter()
                            .find(|s| s.label() == v);
                        query.update(|q| q.status = status);
                    }
                >
                    <option value="">"全部状态"</option>
                    {[Status::Stopped, Status::Reduced, Status::Increased, Status::Flat]
                        .into_iter()
                        .map(|s| view! { <option value=s.label()>{s.label()}</option> })
                        .collect_view()}
                </select>
                {for_changes
                    .then(|| {
                        view! {
                            <select
                                data-testid="enterprise-filter-change"
                                title="与上一期相比的变化"
                                prop:value=move || match ledger.get() {
                                    Some(super::session::LedgerFilter::Change(t)) => t.key(),
                                    _ => "",
                                }
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    match crate::analysis::Transition::ALL
                                        .into_iter()
                                        .find(|t| t.key() == v)
                                    {
                                        Some(t) => session.set_change_filter(Some(t)),
                                        None => session.set_change_filter(None),
                                    }
                                }
                            >
                                <option value="">"全部变化"</option>
                                {crate::analysis::Transition::ALL
                                    .into_iter()
                                    .map(|t| view! { <option value=t.key()>{t.label()}</option> })
                                    .collect_view()}
                            </select>
                        }
                    })}
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="enterprise-filter-new"
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            query.update(|q| q.only_new = on);
                        }
                    />
                    "仅新入规"
                </label>
                <span class="status">
                    "共 "<span data-testid="enterprise-count">{move || hits.with(Vec::len)}</span>
                    " 户"
                </span>
                <Show when=move || region.get().is_some()>
                    <button
                        class="link"
                        data-testid="clear-region"
                        on:click=move |_| session.set_region_filter(None)
                    >
                        {move || {
                            format!("取消县区筛选（{}）", region.get().unwrap_or_default())
                        }}
                    </button>
                </Show>
                <Show when=move || ledger.get().is_some()>
                    <button
                        class="link"
                        data-testid="clear-ledger"
                        on:click=move |_| session.clear_ledger_filter()
                    >
                        {move || {
                            format!(
                                "取消台账筛选（{}）",
                                ledger.get().map(|f| f.label()).unwrap_or_default(),
                            )
                        }}
                    </button>
                </Show>
                <Show when=move || industry.get().is_some()>
                    <button
                        class="link"
                        data-testid="clear-industry"
                        on:click=move |_| session.set_industry_filter(None)
                    >
                        {move || {
                            format!(
                                "取消行业筛选（{}）",
                                industry.get().unwrap_or_default(),
                            )
                        }}
                    </button>
                </Show>
            </div>
            <div
                class="vtable"
                data-testid="enterprise-table"
                style=format!("height:{}px", ROW_HEIGHT * (VIEWPORT_ROWS as f64 + 1.0))
                on:scroll=move |ev| {
                    let el: web_sys::Element = event_target(&ev);
                    scroll_top.set(el.scroll_top() as f64);
                }
            >
                <table class="data">
                    <thead>
                        // One row high, as the viewport's height assumes.
                        <tr style=ROW_STYLE>
                            {header_columns
                                .iter()
                                .map(|&c| {
                                    let column = head_columns[c];
                                    match sort_column(column.key) {
                                        Some(sort) => sort_header(column.header, sort).into_any(),
                                        None if column.key == ColumnKey::Status => {
                                            view! {
                                                <th title="按当月产值与上年同月比较：停产、减产、增产、持平；同比等列为累计">
                                                    "当月状态"
                                                </th>
                                            }
                                                .into_any()
                                        }
                                        None => view! { <th>{column.header}</th> }.into_any(),
                                    }
                                })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>{window_rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::tooltip;

    #[test]
    fn only_names_that_may_be_cut_carry_a_tooltip() {
        assert_eq!(tooltip("城东机械有限公司"), None);
        let long = "某某省某某市城东区高新技术产业开发区精密机械制造有限公司";
        assert_eq!(tooltip(long).as_deref(), Some(long));
        // Latin letters and digits are about 0.6 em wide: 30 of them fit, 31 may not.
        assert_eq!(tooltip(&"A".repeat(30)), None);
        assert!(tooltip(&"A".repeat(31)).is_some());
    }
}
