//! Header + mapping + context → `EnterpriseTable`: typed, in 亿元, with a warning for
//! every cell that could not be used and a cross-check against the 合计 row.

use super::context::SheetContext;
use super::diag::Warning;
use super::fields::{Field, Mapping};
use super::grid::RawGrid;
use super::header::{header_unit_for, HeaderBlock};
use super::rows::{kind, RowKind};
use super::text::normalize;
use super::units::MoneyUnit;
use super::values::{number, Value};
use crate::model::industry::division_of_name;
use crate::model::{normalize_industry_code, normalize_region_name, EnterpriseTable};
use rustc_hash::FxHashMap;

/// Builds the table. `unit_override` replaces the detected unit (the CLI's `--unit`).
pub fn build(
    grid: &RawGrid,
    header: &HeaderBlock,
    mapping: &Mapping,
    ctx: &SheetContext,
    file: &str,
    unit_override: Option<MoneyUnit>,
    warnings: &mut Vec<Warning>,
) -> EnterpriseTable {
    let sheet = grid.sheet.as_str();
    let warn = |warnings: &mut Vec<Warning>, cell: Option<String>, msg: String| {
        warnings.push(Warning::new(file, Some(sheet), cell, msg));
    };
    let unit = unit_override.or(ctx.unit).unwrap_or_else(|| {
        let from_header = Field::ALL
            .iter()
            .filter(|f| f.is_money())
            .find_map(|f| mapping.column(*f).and_then(|c| header_unit_for(header, c)));
        from_header.unwrap_or_else(|| {
            warn(
                warnings,
                None,
                "未找到计量单位（如“单位：千元”），按联网直报企业报表的千元计算；如不对请更改单位"
                    .into(),
            );
            MoneyUnit::Qian
        })
    });
    let mut table = EnterpriseTable {
        file: file.into(),
        sheet: sheet.into(),
        period: ctx.period,
        city: ctx.city.clone(),
        has_forecast_column: mapping.column(Field::ForecastNextMonth).is_some(),
        ..Default::default()
    };
    // Every column looked up once: the loop below runs for each of a province's rows.
    let columns: Vec<(Field, Option<usize>)> =
        Field::ALL.iter().map(|&f| (f, mapping.column(f))).collect();
    let col = |f: Field| {
        columns
            .iter()
            .find_map(|&(g, c)| if g == f { Some(c) } else { None })
            .flatten()
    };
    let name_col = col(Field::Name);
    let mut total_row: Option<(usize, f64)> = None;
    let capacity = grid.rows().saturating_sub(header.last_row + 1);
    let mut seen_codes: FxHashMap<String, usize> =
        FxHashMap::with_capacity_and_hasher(capacity, Default::default());
    let mut seen_names: FxHashMap<String, usize> =
        FxHashMap::with_capacity_and_hasher(capacity, Default::default());
    table.reserve(capacity);

    for r in header.last_row + 1..grid.rows() {
        let row = grid.row(r);
        if row.iter().all(|c| c.is_empty()) {
            continue;
        }
        let name = name_col
            .map(|c| match grid.get(r, c) {
                super::grid::Cell::Text(t) => t.trim().to_string(),
                other => other.display().trim().to_string(),
            })
            .unwrap_or_default();
        let first_label = row
            .iter()
            .find_map(|c| c.as_text().filter(|t| !t.trim().is_empty()))
            .unwrap_or("");
        let row_kind = match kind(&name) {
            RowKind::Entry if kind(first_label) != RowKind::Entry => kind(first_label),
            k => k,
        };
        match row_kind {
            RowKind::Total => {
                if total_row.is_none() {
                    if let Some(v) = col(Field::CumOutput)
                        .and_then(|c| super::values::number_opt(grid.get(r, c)))
                    {
                        total_row = Some((r, v * unit.to_yi()));
                    }
                }
                continue;
            }
            RowKind::Subtotal | RowKind::Note | RowKind::Section => continue,
            RowKind::Entry if name.is_empty() => continue,
            RowKind::Entry => {}
        }
        let money = |f: Field, warnings: &mut Vec<Warning>| -> Option<f64> {
            let c = col(f)?;
            let cell = grid.get(r, c);
            match number(cell) {
                Value::Number(n) => Some(n * unit.to_yi()),
                Value::Empty => None,
                Value::FormulaError(e) => {
                    warnings.push(Warning::new(
                        file,
                        Some(sheet),
                        Some(grid.a1(r, c)),
                        format!("“{name}”的{}是公式错误 {e}，按空值处理", f.label()),
                    ));
                    None
                }
                Value::Text(t) => {
                    warnings.push(Warning::new(
                        file,
                        Some(sheet),
                        Some(grid.a1(r, c)),
                        format!("“{name}”的{}“{t}”不是数字，按空值处理", f.label()),
                    ));
                    None
                }
            }
        };
        let month = money(Field::MonthOutput, warnings);
        let month_prior = money(Field::MonthOutputPrior, warnings);
        let cum = money(Field::CumOutput, warnings);
        let cum_prior = money(Field::CumOutputPrior, warnings);
        let forecast = money(Field::ForecastNextMonth, warnings);
        for v in [month, month_prior, cum, cum_prior].into_iter().flatten() {
            if v < 0.0 {
                warn(
                    warnings,
                    Some(grid.a1(r, name_col.unwrap_or(0))),
                    format!("“{name}”有负的产值，请核实"),
                );
                break;
            }
        }

        let region_raw = col(Field::Region)
            .map(|c| grid.get(r, c).display())
            .unwrap_or_default();
        let mut region = normalize_region_name(&region_raw);
        if region.is_empty() {
            warn(
                warnings,
                col(Field::Region).map(|c| grid.a1(r, c)),
                format!("“{name}”没有填写所在县（市、区），计入“未填地区”"),
            );
            region = "未填地区".into();
        }
        let code = col(Field::Code)
            .map(|c| match grid.get(r, c) {
                super::grid::Cell::Text(t) => t.trim().to_string(),
                other => other.display().trim().to_string(),
            })
            .filter(|s| !s.is_empty());
        let division = col(Field::IndustryCode)
            .and_then(|c| normalize_industry_code(&grid.get(r, c).display()))
            .or_else(|| {
                col(Field::IndustryName)
                    .and_then(|c| division_of_name(&grid.get(r, c).display()).map(str::to_string))
            });
        if division.is_none()
            && (col(Field::IndustryCode).is_some() || col(Field::IndustryName).is_some())
        {
            let c = col(Field::IndustryCode)
                .or(col(Field::IndustryName))
                .unwrap_or(0);
            warn(
                warnings,
                Some(grid.a1(r, c)),
                format!(
                    "“{name}”的行业“{}”不是工业大类（06–46），行业分析中计入“未识别行业”",
                    grid.get(r, c).display()
                ),
            );
        }
        let is_new = col(Field::NewFlag).is_some_and(|c| truthy(&grid.get(r, c).display()))
            || col(Field::EntryYear).is_some_and(|c| {
                let year = super::values::number_opt(grid.get(r, c)).map(|y| y as i32);
                matches!((year, ctx.period), (Some(y), Some(p)) if y == p.year || y == p.year - 1)
            });
        let reported_stopped = col(Field::Status)
            .is_some_and(|c| normalize(&grid.get(r, c).display()).contains("停产"));

        let index = table.names.len();
        if let Some(code) = &code {
            if let Some(&first) = seen_codes.get(code) {
                warn(
                    warnings,
                    Some(grid.a1(r, col(Field::Code).unwrap_or(0))),
                    format!(
                        "代码 {code} 重复：第{}行与第{}行是同一企业？两行都已计入",
                        table.source_rows[first] + 1 + grid.origin.0,
                        r + 1 + grid.origin.0
                    ),
                );
            } else {
                seen_codes.insert(code.clone(), index);
            }
        } else if let Some(&first) = seen_names.get(&name) {
            warn(
                warnings,
                Some(grid.a1(r, name_col.unwrap_or(0))),
                format!(
                    "企业“{name}”出现两次（第{}行与第{}行），两行都已计入",
                    table.source_rows[first] + 1 + grid.origin.0,
                    r + 1 + grid.origin.0
                ),
            );
        } else {
            seen_names.insert(name.clone(), index);
        }

        table.names.push(name);
        table.codes.push(code);
        table.regions.push(region);
        table.divisions.push(division);
        table.month_output.push(month.unwrap_or(0.0));
        table.month_output_prior.push(month_prior.unwrap_or(0.0));
        table.cum_output.push(cum.unwrap_or(0.0));
        table.cum_output_prior.push(cum_prior.unwrap_or(0.0));
        table.forecast_next_month.push(forecast);
        table.is_new.push(is_new);
        table.reported_stopped.push(reported_stopped);
        table.source_rows.push(r + grid.origin.0);
    }

    if let Some((r, total)) = total_row {
        let sum: f64 = table.cum_output.iter().sum();
        // One unit of the file's last digit per enterprise is rounding; more is a mismatch.
        let tolerance = unit.to_yi() * (table.len() as f64).max(1.0);
        if (sum - total).abs() > tolerance {
            let c = col(Field::CumOutput).unwrap_or(0);
            warn(
                warnings,
                Some(grid.a1(r, c)),
                format!(
                    "合计行的1-本月产值为 {:.4} 亿元，而企业逐行相加为 {:.4} 亿元，相差 {:.4} 亿元；请核对是否漏行或多行",
                    total,
                    sum,
                    sum - total
                ),
            );
        }
    }
    table
}

/// 是, √, 1, Y, yes, true, 新入规 … mean yes.
fn truthy(text: &str) -> bool {
    let t = normalize(text).to_lowercase();
    matches!(
        t.as_str(),
        "是" | "√" | "✓" | "1" | "y" | "yes" | "true" | "新入规" | "新增" | "新投产" | "是(新入规)"
    )
}
