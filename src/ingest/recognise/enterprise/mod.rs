//! Header + mapping + context → `EnterpriseTable`: typed, in 亿元, every row through one
//! reader, the cells it could not use gathered into one warning per kind, and the sums
//! checked against the 合计 row.

mod columns;
mod earlier_span;
mod findings;
mod region_names;
mod row_reader;
mod subtotals;

use super::context::{RegionOrigin, SheetContext};
use super::fields::{contested, Field, Mapping};
use super::header::{header_unit_for, HeaderBlock};
use super::units::MoneyUnit;
use crate::ingest::diag::Warning;
use crate::ingest::grid::RawGrid;
use crate::model::{EnterpriseRow, EnterpriseTable};
use columns::Columns;
use findings::{Finding, RowFindings};
use region_names::RegionNames;
use row_reader::{RowRead, RowReader};
use rustc_hash::FxHashMap;

/// An enterprise table as read.
pub struct Built {
    pub table: EnterpriseTable,
    /// Each region name as written, with the name it was read as.
    pub region_names: Vec<(String, String)>,
    pub unit: MoneyUnit,
}

/// Builds the table. The options' unit (the CLI's `--unit`, else the one the user chose
/// for this header) replaces the detected one; their region names replace the
/// automatic short names.
pub fn build(
    grid: &RawGrid,
    header: &HeaderBlock,
    mapping: &Mapping,
    ctx: &SheetContext,
    file: &str,
    options: &super::IngestOptions,
    warnings: &mut Vec<Warning>,
) -> Built {
    let sheet = grid.sheet.as_str();
    let warn = |warnings: &mut Vec<Warning>, cell: Option<String>, msg: String| {
        warnings.push(Warning::new(file, Some(sheet), cell, msg));
    };
    let chosen = options
        .unit
        .or_else(|| options.units.get(&header.signature()).copied());
    let from_header = Field::ALL
        .iter()
        .filter(|f| f.is_money())
        .find_map(|f| mapping.column(*f).map(|c| (c, header_unit_for(header, c))))
        .and_then(|(c, u)| Some((c, u?)));
    // "单位：万元" above, "本月（千元）" over the figures: one of them is wrong.
    if let (None, Some(stated), Some((c, written))) = (chosen, ctx.unit, from_header) {
        if stated != written {
            warn(
                warnings,
                Some(grid.a1(header.last_row, c)),
                format!(
                    "表上方的单位为{}，而表头“{}”写的是{}；按{}计算，如不对请更改单位",
                    stated.label(),
                    header.labels[c].replace('|', "·"),
                    written.label(),
                    stated.label()
                ),
            );
        }
    }
    let unit = chosen.or(ctx.unit).unwrap_or_else(|| {
        from_header.map(|(_, u)| u).unwrap_or_else(|| {
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
        // A county's own table ("临江市2023年1-2月…") names its region, not the city.
        city: ctx.city.clone().filter(|c| {
            mapping.column(Field::Region).is_some()
                || mapping.column(Field::RegionCode).is_some()
                || ctx.region.as_ref().map(|(r, _)| r) != Some(c)
        }),
        has_forecast_column: mapping.column(Field::ForecastNextMonth).is_some(),
        columns: Field::ALL
            .iter()
            .filter_map(|&f| {
                let c = mapping.column(f)?;
                Some(crate::model::ColumnSource {
                    field: f.id().to_string(),
                    letter: crate::ingest::cell_ref::column_letters(c + grid.origin.1),
                    header: header.labels.get(c).cloned().unwrap_or_default(),
                })
            })
            .collect(),
        ..Default::default()
    };
    for (field, passed) in contested(
        header,
        mapping,
        &options.overrides,
        ctx.period.map(|p| p.month),
    ) {
        let Some(chosen) = mapping.fields.get(&field) else {
            continue;
        };
        let letter = |c: usize| crate::ingest::cell_ref::column_letters(c + grid.origin.1);
        let label = |c: usize| header.labels.get(c).cloned().unwrap_or_default();
        warn(
            warnings,
            Some(grid.a1(header.first_row, passed)),
            format!(
                "“{}”（{}列）和“{}”（{}列）都像{}，按{}列计算；如不对请在列对应中更改",
                label(chosen.column),
                letter(chosen.column),
                label(passed),
                letter(passed),
                field.label(),
                letter(chosen.column),
            ),
        );
    }
    let columns = Columns::of(mapping);
    let region_col = columns.region();
    table.cumulative_only = columns.cumulative_only();
    let fixed_region = if region_col.is_none() {
        ctx.region.as_ref().map(|(r, _)| r.clone())
    } else {
        None
    };
    let reader = RowReader::new(grid, header, columns, unit, ctx.period);
    let mut findings = RowFindings::default();
    let mut regions = RegionNames::new(&options.region_names);
    let mut duplicates = Duplicates::default();
    // A table without a region column may head each block with its region ("青山区"
    // alone on a row): those rows name the region of the rows under them.
    let mut heading: Option<String> = None;
    let mut under_headings = 0usize;
    // Without an industry column, the industry rows heading each block name its division.
    let no_industry_column =
        columns.get(Field::IndustryCode).is_none() && columns.get(Field::IndustryName).is_none();
    let mut industry_heading: Option<&'static str> = None;
    let mut under_industries = 0usize;
    let mut total_row: Option<usize> = None;
    // Every row a total's label marks ("全市" on each industry's subtotal, too).
    let mut total_rows: Vec<usize> = Vec::new();
    table.reserve(grid.rows().saturating_sub(header.last_row + 1));

    for r in header.last_row + 1..grid.rows() {
        let mut row = match reader.read(r, &mut findings) {
            RowRead::Enterprise(row) => row,
            RowRead::Total => {
                total_row.get_or_insert(r);
                if total_rows.len() < 256 {
                    total_rows.push(r);
                }
                continue;
            }
            RowRead::Industry { division } => {
                // Headings only when they open the table's blocks (a row under its block
                // would name the next one's).
                if table.is_empty() || industry_heading.is_some() {
                    industry_heading = Some(division);
                }
                continue;
            }
            RowRead::Subtotal { heading: h } => {
                if h.is_some() {
                    heading = h;
                }
                continue;
            }
            RowRead::Other => continue,
        };
        row.region = match (&heading, &fixed_region, region_col) {
            (Some(h), _, None) => {
                under_headings += 1;
                h.clone()
            }
            (_, Some(fixed), _) => fixed.clone(),
            (_, None, Some(_)) => regions.name(std::mem::take(&mut row.region)),
            (_, None, None) => String::new(),
        };
        if row.region.is_empty() {
            let c = columns
                .get(Field::Region)
                .or(columns.get(Field::Name))
                .unwrap_or(0);
            findings.add(Finding::NoRegion, r, c, || format!("“{}”", row.name));
            row.region = "未填地区".into();
        }
        if let (true, Some(d)) = (no_industry_column, industry_heading) {
            row.division = Some(d.to_string());
            under_industries += 1;
        }
        duplicates.check(&row, r, &columns, grid, &mut findings);
        table.push(row);
    }

    let at = |cell: Option<String>, message: String| Warning::new(file, Some(sheet), cell, message);
    let earlier = table
        .cumulative_only
        .then(|| earlier_span::columns(header, mapping, ctx.period))
        .flatten();
    if let Some(cols) = earlier {
        earlier_span::derive_month(grid, &mut table, cols, unit.to_yi());
        let letter = |c: usize| crate::ingest::cell_ref::column_letters(c + grid.origin.1);
        warnings.push(
            at(
                Some(grid.a1(header.last_row, cols.0)),
                format!(
                    "表中没有本月列：本月数 = 本期累计 − “{}”（{}列），上年同月 = 上年同期累计 − “{}”（{}列）",
                    header.labels[cols.0].replace('|', "·"),
                    letter(cols.0),
                    header.labels[cols.1].replace('|', "·"),
                    letter(cols.1),
                ),
            )
            .info(),
        );
    }
    // The file's rounding, read once for every sum checked below.
    let digit = subtotals::last_digit(&table, unit);
    let found = subtotals::find(&table, digit, total_row.is_some());
    if !found.is_empty() {
        let name_col = columns.get(Field::Name).unwrap_or(0);
        let mut keep = vec![true; table.len()];
        let cell_of = |i: usize| grid.a1(table.source_rows[i] - grid.origin.0, name_col);
        for s in &found {
            keep[s.index] = false;
            findings.forget(table.source_rows[s.index] - grid.origin.0);
        }
        // A label that names no company is a subtotal's: said. A company's name may be a
        // real enterprise's whose figures happen to be its neighbours': warned.
        let (companies, labels): (Vec<&subtotals::Subtotal>, Vec<_>) =
            found.iter().partition(|s| s.company);
        if let Some(first) = labels.first() {
            let name = &table.names[first.index];
            let cells: Vec<String> = labels.iter().take(6).map(|s| cell_of(s.index)).collect();
            let (who, sums) = if labels.len() > 1 {
                (
                    format!("“{name}”等{}行", labels.len()),
                    "各等于紧挨着的企业之和".to_string(),
                )
            } else {
                (
                    format!("“{name}”这一行"),
                    format!("等于紧挨着的{}户企业之和", first.members),
                )
            };
            warnings.push(
                at(
                    Some(cell_of(first.index)),
                    format!(
                        "{who}（{}）的产值{sums}，是小计行，未计为企业",
                        cells.join("、")
                    ),
                )
                .info(),
            );
        }
        for s in companies {
            warnings.push(at(
                Some(cell_of(s.index)),
                format!(
                    "“{}”这一行的产值恰等于紧挨着的{}户企业之和，按集团或分组小计处理，未计为企业；如它是一户独立的企业，请核对",
                    table.names[s.index], s.members
                ),
            ));
        }
        table.retain_rows(&keep);
        under_headings = under_headings.min(table.len());
    }
    if total_row.is_none() {
        if let Some(i) = unlabelled_total(&table, digit) {
            let r = table.source_rows[i] - grid.origin.0;
            findings.forget(r);
            warnings.push(
                at(
                    Some(grid.a1(r, columns.get(Field::Name).unwrap_or(0))),
                    format!(
                        "“{}”这一行的产值等于其余各行之和，是合计行，未计为企业",
                        table.names[i]
                    ),
                )
                .info(),
            );
            table.remove(i);
            // The total may have stood under a region's heading row.
            under_headings = under_headings.min(table.len());
            total_row = Some(r);
        }
    }
    findings.report(grid, file, warnings);
    if under_headings > 0 {
        warnings.push(
            at(
                None,
                format!(
                    "表中没有县（市、区）列，{under_headings}户企业的县区取自其上方单独成行的县区名称；如不对请在列对应关系中修改"
                ),
            )
            .info(),
        );
    }
    if under_industries > 0 {
        warnings.push(
            at(
                None,
                format!(
                    "表中没有行业列，{under_industries}户企业的行业取自其上方的行业小计行（如“{}”）",
                    crate::model::division_name(industry_heading.unwrap_or_default())
                        .unwrap_or_default()
                ),
            )
            .info(),
        );
    }
    let fixed_rows = table.len() - under_headings;
    if let Some((region, origin)) = ctx
        .region
        .as_ref()
        .filter(|_| region_col.is_none() && fixed_rows > 0)
    {
        let text = format!(
            "表中没有县（市、区）列，县区取自{}：“{region}”（{fixed_rows} 户）",
            origin.label(),
        );
        // "示例市2023年…": the city's own title names the city, or a county-level city's
        // own table names itself; which one, the table cannot tell.
        let may_be_the_city = *origin == RegionOrigin::Title
            && super::context::city_name(&ctx.title).as_deref() == Some(region.as_str());
        warnings.push(if may_be_the_city {
            at(None, format!(
                "{text}。注意：“{region}”也可能是全市而非其下的县（市、区）；如是全市的表，请指定县区列或县区来源"
            ))
        } else {
            at(None, format!("{text}；如不对请在列对应关系中修改")).info()
        });
    }
    let header_cell = |c: Option<usize>| c.map(|c| grid.a1(header.last_row, c));
    regions.unify(&mut table.regions);
    let region_names = regions.report(at, header_cell(region_col), warnings);
    if table.cumulative_only {
        let text = match ctx.period {
            Some(p) if p.month <= 2 => format!(
                "表中只有累计产值列（没有本月列）：{}是一个报告期，本月数即累计数",
                p.label()
            ),
            _ => "表中只有累计产值列（没有本月列）：如已载入上一期企业表，本月数=本期累计−上期累计；否则停产、减产按累计口径判断".into(),
        };
        warnings.push(at(header_cell(columns.get(Field::CumOutput)), text).info());
    }
    if let Some(r) = total_row {
        if total_rows.is_empty() {
            total_rows.push(r);
        }
        check_total_row(grid, &total_rows, &columns, (unit, digit), &table, warnings);
    }
    Built {
        table,
        region_names,
        unit,
    }
}

/// The first or last row, when its label is not a total's ("汇总", "全部企业", "总量"…) but
/// its figures, this year's and last year's, are the sum of all the other rows (within the
/// file's rounding): the table's total, which counted as an enterprise would double the
/// city.
fn unlabelled_total(table: &EnterpriseTable, digit: f64) -> Option<usize> {
    let n = table.len();
    if n < 2 {
        return None;
    }
    // With one enterprise beside it, the total equals it: only a label that names no
    // company tells which row is the total.
    let rounding = digit * n as f64;
    // Every money column (the month's too, where the table has one) must say so.
    let mut columns = vec![&table.cum_output, &table.cum_output_prior];
    if !table.cumulative_only {
        columns.extend([&table.month_output, &table.month_output_prior]);
    }
    let sums: Vec<f64> = columns.iter().map(|c| c.iter().sum()).collect();
    [0, n - 1].into_iter().find(|&i| {
        columns.iter().zip(&sums).all(|(c, total)| {
            let v = c[i];
            (total - v - v).abs() <= rounding && (v > 0.0 || c.iter().all(|x| *x == 0.0))
        }) && columns.iter().any(|c| c[i] > 0.0)
            && (n > 2 || !subtotals::names_company(&table.names[i]))
    })
}

/// Each money column's 合计 cell against the sum of its enterprises. One unit of the
/// file's last digit per enterprise is rounding; more means rows were missed or added,
/// or the column is not what it was read as.
/// Several rows labelled as totals ("全市" on each industry's row) are subtotals when
/// together they make the enterprises' sum, or one of them does: then nothing is wrong.
fn check_total_row(
    grid: &RawGrid,
    rows: &[usize],
    columns: &Columns,
    (unit, digit): (MoneyUnit, f64),
    table: &EnterpriseTable,
    warnings: &mut Vec<Warning>,
) {
    let tolerance = digit * (table.len() as f64).max(1.0);
    let sums: [(Field, &[f64]); 4] = [
        (Field::CumOutput, &table.cum_output),
        (Field::CumOutputPrior, &table.cum_output_prior),
        (Field::MonthOutput, &table.month_output),
        (Field::MonthOutputPrior, &table.month_output_prior),
    ];
    let value = |r: usize, c: usize| super::values::number_opt(grid.get(r, c));
    let add_up = |rows: &[usize]| {
        sums.iter().all(|(field, column)| {
            let Some(c) = columns.get(*field) else {
                return true;
            };
            let total: f64 = rows.iter().filter_map(|&r| value(r, c)).sum();
            (column.iter().sum::<f64>() - total * unit.to_yi()).abs() <= tolerance
        })
    };
    if rows.len() > 1 && (rows.iter().any(|&r| add_up(&[r])) || add_up(rows)) {
        return;
    }
    let r = rows[0];
    for (field, column) in sums {
        let Some(c) = columns.get(field) else {
            continue;
        };
        let Some(total) = super::values::number_opt(grid.get(r, c)).map(|v| v * unit.to_yi())
        else {
            continue;
        };
        let sum: f64 = column.iter().sum();
        if (sum - total).abs() > tolerance {
            warnings.push(Warning::new(
                &table.file,
                Some(&grid.sheet),
                Some(grid.a1(r, c)),
                format!(
                    "合计行的{}为 {:.4} 亿元，而企业逐行相加为 {:.4} 亿元，相差 {:.4} 亿元；请核对是否漏行或多行，或该列是否读错",
                    field.label(),
                    total,
                    sum,
                    sum - total
                ),
            ));
        }
    }
}

/// Enterprises met twice in one table, by code, else by name.
#[derive(Default)]
struct Duplicates {
    codes: FxHashMap<String, usize>,
    /// Each name's hash with its first row and whether that row had a code (hashes,
    /// not copies: a province's names are tens of megabytes).
    names: FxHashMap<u64, (usize, bool)>,
}

impl Duplicates {
    /// A code seen before, or a name seen before where one of the two rows has no code
    /// (a second table read into the first's columns loses its codes, not its names).
    fn check(
        &mut self,
        row: &EnterpriseRow,
        r: usize,
        columns: &Columns,
        grid: &RawGrid,
        findings: &mut RowFindings,
    ) {
        let mut report = |first: usize, key: &str, finding: Finding, field: Field| {
            let c = columns.get(field).unwrap_or(0);
            findings.add(finding, r, c, || {
                format!(
                    "“{key}”（第{}行与第{}行）",
                    first + 1,
                    r + 1 + grid.origin.0
                )
            });
        };
        if let Some(code) = &row.code {
            if let Some(&first) = self.codes.get(code) {
                report(first, code, Finding::DuplicateCode, Field::Code);
                return;
            }
            self.codes.insert(code.clone(), row.source_row);
        }
        let name = {
            use std::hash::{Hash, Hasher};
            let mut h = rustc_hash::FxHasher::default();
            row.name.hash(&mut h);
            h.finish()
        };
        match self.names.get(&name) {
            Some(&(first, coded)) if !coded || row.code.is_none() => {
                report(first, &row.name, Finding::DuplicateName, Field::Name);
            }
            Some(_) => {}
            None => {
                self.names
                    .insert(name, (row.source_row, row.code.is_some()));
            }
        }
    }
}
