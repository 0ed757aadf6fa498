//! The 增加值测算 panel: the estimate (always labelled 测算) beside the official figure,
//! each region against its official growth, each division's rate, index, growth and pull,
//! what the value-added target requires of the remaining months, and the input templates.

use super::dashboard::cell_class;
use super::download::{save, XLSX_MIME};
use crate::analysis::Analysis;
use crate::report::format::{pct, yi};
use crate::report::phrases::quarter_name;
use crate::report::phrases::{change_or_dash, versus};
use crate::report::tables::{self, ColumnKey, Table};
use crate::report::{templates, xlsx};
use leptos::prelude::*;
use std::sync::Arc;

fn template_buttons() -> impl IntoView {
    let download = |table: fn() -> Table, name: &'static str| {
        move |_| {
            if let Ok(bytes) = xlsx::tables_workbook(&[table()]) {
                save(&bytes, name, XLSX_MIME);
            }
        }
    };
    view! {
        <span class="downloads">
            <button
                class="link"
                data-testid="va-template-rates"
                on:click=download(templates::va_rates, "增加值率模板.xlsx")
            >
                "下载增加值率模板"
            </button>
            <button
                class="link"
                data-testid="va-template-prices"
                on:click=download(templates::price_indices, "出厂价格指数模板.xlsx")
            >
                "下载出厂价格指数模板"
            </button>
        </span>
    }
}

/// Rows of the estimate's table of one kind ("县区", "行业"), with the chosen columns.
fn table_rows(
    table: &Table,
    kind: &str,
    columns: &[usize],
    order: impl Fn(&[usize]) -> Vec<usize>,
) -> impl IntoView {
    let rows: Vec<usize> = (0..table.rows.len())
        .filter(|&r| matches!(&table.rows[r][0], tables::Value::Text(t) if t == kind))
        .collect();
    order(&rows)
        .into_iter()
        .map(|r| {
            let row = &table.rows[r];
            view! {
                <tr data-testid="va-row" data-kind=kind.to_string()>
                    {columns
                        .iter()
                        .map(|&c| {
                            view! {
                                <td class=cell_class(
                                    &table.columns[c],
                                    &row[c],
                                )>{row[c].display()}</td>
                            }
                        })
                        .collect_view()}
                </tr>
            }
        })
        .collect_view()
}

/// The columns of `tables::va_estimate` the panel shows for regions and for industries.
const REGION_KEYS: [ColumnKey; 4] = [
    ColumnKey::Name,
    ColumnKey::Growth,
    ColumnKey::Official,
    ColumnKey::Calibration,
];
const INDUSTRY_KEYS: [ColumnKey; 5] = [
    ColumnKey::Name,
    ColumnKey::Rate,
    ColumnKey::PriceIndex,
    ColumnKey::Growth,
    ColumnKey::Pull,
];

#[component]
pub fn VaPanel(analysis: Arc<Analysis>) -> impl IntoView {
    let Some(va) = analysis.va_estimate.clone() else {
        return view! {
            <section class="panel va" id="sec-va" data-testid="va-panel">
                <h2>"增加值测算"</h2>
                <p class="hint">
                    "载入分行业增加值率表（上年）和工业生产者出厂价格指数表后，按价格指数缩减法测算规上工业增加值增速。"
                </p>
                {template_buttons()}
            </section>
        }
        .into_any();
    };
    let Some(table) = tables::va_estimate(&analysis) else {
        return ().into_any();
    };
    // Each a column `tables::va_estimate` has (its test says so): a key it lacked would
    // leave the column out, never show another in its place.
    let columns = |keys: &[ColumnKey]| -> Vec<usize> {
        keys.iter().filter_map(|&k| table.column(k)).collect()
    };
    let region_cols = columns(&REGION_KEYS);
    let industry_cols = columns(&INDUSTRY_KEYS);
    let gap = table.column(ColumnKey::Calibration);
    // Who is under-reported or over-estimated: the largest gaps first, regions without an
    // official figure last.
    let by_gap = {
        let table = table.clone();
        move |rows: &[usize]| {
            let mut rows = rows.to_vec();
            rows.sort_by(|&a, &b| {
                let at = |r: usize| gap.and_then(|g| table.rows[r][g].number());
                let (x, y) = (at(a), at(b));
                match (x, y) {
                    (Some(x), Some(y)) => y.abs().total_cmp(&x.abs()),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            });
            rows
        }
    };
    let official_line = match (va.official_growth_pct, va.calibration_pp) {
        (Some(o), Some(gap)) => format!(
            "统计部门反馈 {}%，测算{}",
            pct(Some(o)),
            versus(-gap, "反馈数")
        ),
        _ => "未载入官方增加值增速（县区增加值增速表的全市行或全省各市表）".into(),
    };
    let month = analysis.period.map_or(0, |p| p.month);
    // After the quarter's end no month is left to make up for: no requirement to state.
    let target = va
        .target
        .clone()
        .zip(analysis.target.clone())
        .filter(|(_, output)| output.before_quarter_end(month))
        .map(|(t, output)| {
            let when = crate::report::phrases::remaining_months(month, output.quarter_end_month);
            view! {
                <p class="va-target" data-testid="va-target">
                    {format!(
                        "完成{}增加值增长{}%的目标，{when}需完成产值",
                        quarter_name(output.quarter_end_month),
                        pct(Some(t.va_growth_target_pct)),
                    )}
                    <strong data-testid="va-target-required-output">
                        {yi(t.required_remaining_output)}
                    </strong>
                    {format!(
                        "亿元，同比{}；产值目标要求完成{}亿元。",
                        change_or_dash(t.required_remaining_growth_pct),
                        yi(output.required_remaining_output),
                    )}
                </p>
            }
        });
    let head = |cols: &[usize]| {
        cols.iter()
            .map(|&c| {
                let class = if table.columns[c].key == ColumnKey::Name {
                    ""
                } else {
                    "num"
                };
                view! { <th class=class>{table.columns[c].header}</th> }
            })
            .collect_view()
    };
    view! {
        <section class="panel va" id="sec-va" data-testid="va-panel">
            <h2>
                "增加值测算"
                <span class="hint">
                    "（按价格指数缩减法测算，非统计部门发布数）"
                </span>
            </h2>
            <div class="cards">
                <div class="card">
                    <div class="card-label">"测算：累计增加值同比"</div>
                    <div class="card-value">
                        {super::trace::traced(
                            "va_estimate.growth_pct".into(),
                            view! {
                                <span data-testid="va-estimate-growth">{pct(va.growth_pct)}</span>
                            },
                        )}<span class="unit">"%"</span>
                    </div>
                    <div class="card-note">{format!("当月 {}%", pct(va.month_growth_pct))}</div>
                </div>
                <div class="card">
                    <div class="card-label">"官方 − 测算"</div>
                    <div class="card-value">
                        {super::trace::traced(
                            "va_estimate.calibration_pp".into(),
                            view! {
                                <span data-testid="va-estimate-calibration">
                                    {pct(va.calibration_pp)}
                                </span>
                            },
                        )}<span class="unit">"个百分点"</span>
                    </div>
                    <div class="card-note">{official_line}</div>
                </div>
            </div>
            {target}
            <div class="va-tables">
                <table class="data" data-testid="va-regions">
                    <thead>
                        <tr>{head(&region_cols)}</tr>
                    </thead>
                    <tbody>{table_rows(&table, "县区", &region_cols, by_gap)}</tbody>
                </table>
                <table class="data" data-testid="va-industries">
                    <thead>
                        <tr>{head(&industry_cols)}</tr>
                    </thead>
                    <tbody>
                        {table_rows(&table, "行业", &industry_cols, |r: &[usize]| r.to_vec())}
                    </tbody>
                </table>
            </div>
            {template_buttons()}
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::{INDUSTRY_KEYS, REGION_KEYS};
    use crate::report::tables::VA_COLUMNS;

    #[test]
    fn every_key_the_panel_shows_is_a_column_of_the_table() {
        for key in REGION_KEYS.iter().chain(&INDUSTRY_KEYS) {
            assert!(VA_COLUMNS.iter().any(|c| c.key == *key), "{key:?}");
        }
    }
}
