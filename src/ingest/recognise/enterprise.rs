//! Header + mapping + context → `EnterpriseTable`: typed, in 亿元, with a warning for
//! every cell that could not be used and a cross-check against the 合计 row.

use super::context::{RegionOrigin, SheetContext};
use super::fields::{Field, Mapping};
use super::header::{header_unit_for, HeaderBlock};
use super::rows::{is_place_label, kind, RowKind};
use super::units::MoneyUnit;
use super::values::{number, Value};
use crate::ingest::diag::Warning;
use crate::ingest::grid::RawGrid;
use crate::ingest::text::{normalize, normalized};
use crate::model::industry::division_of_name;
use crate::model::{
    normalize_industry_code, normalize_region_name, region_name_as_written, EnterpriseTable,
};
use rustc_hash::FxHashMap;

/// Builds the table, and lists each region name as written with the name it was read
/// as. The options' unit replaces the detected one (the CLI's `--unit`); their region
/// names replace the automatic short names.
pub fn build(
    grid: &RawGrid,
    header: &HeaderBlock,
    mapping: &Mapping,
    ctx: &SheetContext,
    file: &str,
    options: &super::IngestOptions,
    warnings: &mut Vec<Warning>,
) -> (EnterpriseTable, Vec<(String, String)>) {
    let sheet = grid.sheet.as_str();
    let warn = |warnings: &mut Vec<Warning>, cell: Option<String>, msg: String| {
        warnings.push(Warning::new(file, Some(sheet), cell, msg));
    };
    let unit = options.unit.or(ctx.unit).unwrap_or_else(|| {
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
        // A county's own table ("临江市2023年1-2月…") names its region, not the city.
        city: ctx.city.clone().filter(|c| {
            mapping.column(Field::Region).is_some()
                || mapping.column(Field::RegionCode).is_some()
                || ctx.region.as_ref().map(|(r, _)| r) != Some(c)
        }),
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
    // Without a name column, the region is read from its code column.
    let region_col = col(Field::Region).or(col(Field::RegionCode));
    let mut code_regions: Vec<String> = Vec::new();
    // Without 本月 columns the month is the cumulative span (1-2月 is one reporting
    // period); for a later month analysis derives it from the previous period's table.
    let cumulative_only =
        col(Field::MonthOutput).is_none() && col(Field::MonthOutputPrior).is_none();
    table.cumulative_only = cumulative_only;
    let fixed_region = if region_col.is_none() {
        ctx.region.as_ref().map(|(r, _)| r.clone())
    } else {
        None
    };
    // A table without a region column may head each block with its region ("青山区"
    // alone on a row): those rows name the region of the rows under them.
    let mut heading: Option<String> = None;
    let mut under_headings = 0usize;
    let header_words = HeaderWords::of(header);
    let mut skipped = SkippedRows::default();
    let mut renamed: Vec<(String, String)> = Vec::new();
    // Each name as written, with the name it is read as; a table has a few dozen.
    let mut names_read: FxHashMap<String, String> = FxHashMap::default();
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
        if header_words.repeated_in(row) || is_title_row(row) {
            skipped.repeated_header.push(r);
            continue;
        }
        let name = name_col
            .map(|c| match grid.get(r, c) {
                crate::ingest::grid::Cell::Text(t) => t.trim().to_string(),
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
            RowKind::Subtotal => {
                skipped.subtotal.push(r);
                continue;
            }
            RowKind::Note => {
                skipped.note.push(r);
                continue;
            }
            RowKind::Section => continue,
            RowKind::Entry if name.is_empty() => {
                let has_figures = [Field::CumOutput, Field::MonthOutput]
                    .iter()
                    .filter_map(|&f| col(f))
                    .any(|c| super::values::number_opt(grid.get(r, c)).is_some());
                if is_place_label(first_label) {
                    if region_col.is_none() && !has_figures {
                        heading = Some(normalize_region_name(first_label));
                    }
                    skipped.subtotal.push(r);
                } else if has_figures {
                    skipped.nameless.push(r);
                } else if !first_label.is_empty() {
                    skipped.note.push(r);
                }
                continue;
            }
            // A region's subtotal or block heading ("青山区" in the name column).
            RowKind::Entry if is_place_label(&name) => {
                if region_col.is_none() {
                    heading = Some(normalize_region_name(&name));
                }
                skipped.subtotal.push(r);
                continue;
            }
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
        let cum = money(Field::CumOutput, warnings);
        let cum_prior = money(Field::CumOutputPrior, warnings);
        let (month, month_prior) = if cumulative_only {
            (cum, cum_prior)
        } else {
            (
                money(Field::MonthOutput, warnings),
                money(Field::MonthOutputPrior, warnings),
            )
        };
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

        let mut region = match (&fixed_region, region_col) {
            (_, None) if heading.is_some() => {
                under_headings += 1;
                heading.clone().unwrap_or_default()
            }
            (Some(fixed), _) => fixed.clone(),
            (None, Some(c)) => {
                let cell = grid.get(r, c);
                let written: std::borrow::Cow<str> = match cell.as_text() {
                    Some(t) if !t.chars().any(|ch| ch.is_whitespace()) => t.into(),
                    _ => region_name_as_written(&cell.display()).into(),
                };
                match names_read.get(written.as_ref()) {
                    Some(read) => read.clone(),
                    None => {
                        let written = written.into_owned();
                        let read = options
                            .region_names
                            .get(&written)
                            .cloned()
                            .unwrap_or_else(|| normalize_region_name(&written));
                        let read = match region_code(&read) {
                            // A 12-digit 统计用区划代码 is a village's: its county is the first six.
                            Some(code) => {
                                options.region_names.get(code).cloned().unwrap_or_else(|| {
                                    code_regions.push(code.to_string());
                                    code.to_string()
                                })
                            }
                            None => read,
                        };
                        if read != written
                            && !options.region_names.contains_key(&written)
                            && region_code(&read).is_none()
                        {
                            renamed.push((written.clone(), read.clone()));
                        }
                        names_read.insert(written, read.clone());
                        read
                    }
                }
            }
            (None, None) => String::new(),
        };
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
                crate::ingest::grid::Cell::Text(t) => t.trim().to_string(),
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

    skipped.report(grid, file, name_col.unwrap_or(0), warnings);
    if under_headings > 0 {
        warnings.push(
            Warning::new(
                file,
                Some(sheet),
                None,
                format!(
                    "表中没有县（市、区）列，{under_headings}户企业的县区取自其上方单独成行的县区名称；如不对请在列对应关系中修改"
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
            "表中没有县（市、区）列，县区取自{}：“{region}”（{fixed_rows} 户）；如不对请在列对应关系中修改",
            origin.label(),
        );
        // "示例市2023年…": the city's own title names the city, or a county-level city's
        // own table names itself; which one, the table cannot tell.
        let may_be_the_city = *origin == RegionOrigin::Title
            && super::context::city_name(&ctx.title).as_deref() == Some(region.as_str());
        let w = Warning::new(file, Some(sheet), None, text);
        warnings.push(if may_be_the_city {
            Warning {
                message: format!(
                    "{}。注意：“{region}”也可能是全市而非其下的县（市、区）；如是全市的表，请指定县区列或县区来源",
                    w.message.trim_end_matches("；如不对请在列对应关系中修改")
                ),
                ..w
            }
        } else {
            w.info()
        });
    }
    if !code_regions.is_empty() {
        code_regions.sort();
        code_regions.dedup();
        let shown: Vec<&str> = code_regions.iter().take(8).map(String::as_str).collect();
        warn(
            warnings,
            region_col.map(|c| grid.a1(header.last_row, c)),
            format!(
                "县区是区划代码（{}{}），没有找到对应的县区名称，县区表和讲话稿中将显示代码；请在列对应关系的“县区名称”中为每个代码填写名称（会记住）",
                shown.join("、"),
                if code_regions.len() > 8 { "等" } else { "" }
            ),
        );
    }
    if !renamed.is_empty() {
        let shown: Vec<String> = renamed
            .iter()
            .take(8)
            .map(|(from, to)| format!("{}→{to}", from.trim()))
            .collect();
        warnings.push(
            Warning::new(
                file,
                Some(sheet),
                region_col.map(|c| grid.a1(header.last_row, c)),
                format!(
                    "县区名称已规范为简称（与县区增加值表和讲话稿一致）：{}{}",
                    shown.join("、"),
                    if renamed.len() > 8 { "等" } else { "" }
                ),
            )
            .info(),
        );
    }
    if cumulative_only {
        let text = match ctx.period {
            Some(p) if p.month <= 2 => format!(
                "表中只有累计产值列（没有本月列）：{}是一个报告期，本月数即累计数",
                p.label()
            ),
            _ => "表中只有累计产值列（没有本月列）：如已载入上一期企业表，本月数=本期累计−上期累计；否则停产、减产按累计口径判断".into(),
        };
        let cell = col(Field::CumOutput).map(|c| grid.a1(header.last_row, c));
        warnings.push(Warning::new(file, Some(sheet), cell, text).info());
    }
    let mut region_names: Vec<(String, String)> = names_read.into_iter().collect();
    region_names.sort();
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
    (table, region_names)
}

/// A title or unit row repeated on a printed page: one text cell that states a unit or
/// names a period and a table ("2023年1-2月规模以上工业企业主要指标", "单位：千元").
fn is_title_row(row: &[crate::ingest::grid::Cell]) -> bool {
    let mut filled = row.iter().filter(|c| !c.is_empty());
    let (Some(only), None) = (filled.next(), filled.next()) else {
        return false;
    };
    let Some(text) = only.as_text() else {
        return false;
    };
    let key = normalize(text);
    super::units::unit_statement(&key).is_some()
        || (super::period_text::find_period(&key).year.is_some()
            && ["指标", "情况", "统计", "一览", "明细", "企业", "产值"]
                .iter()
                .any(|w| key.contains(w)))
}

/// The header's own words per column, to recognise a header repeated on every printed
/// page: such a row is never an enterprise.
struct HeaderWords {
    per_column: Vec<Vec<String>>,
    /// The first character of each column's words: nearly every data cell is ruled out
    /// by it without normalising (this runs for each of a province's rows).
    first_chars: Vec<Vec<char>>,
}

impl HeaderWords {
    fn of(header: &HeaderBlock) -> Self {
        let per_column: Vec<Vec<String>> = header
            .keys
            .iter()
            .map(|k| {
                k.split('|')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        let first_chars = per_column
            .iter()
            .map(|words| words.iter().filter_map(|w| w.chars().next()).collect())
            .collect();
        HeaderWords {
            per_column,
            first_chars,
        }
    }

    /// Two or more cells (or the only one) that are the header's words in their column.
    fn repeated_in(&self, row: &[crate::ingest::grid::Cell]) -> bool {
        let mut texts = 0;
        let mut hits = 0;
        for (c, cell) in row.iter().enumerate() {
            let Some(t) = cell.as_text() else {
                continue;
            };
            let Some(first) = t.chars().find(|c| !c.is_whitespace()) else {
                continue;
            };
            texts += 1;
            let first = match first {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(first as u32 - 0xFEE0).unwrap_or(first),
                c => c,
            };
            // Header words are short; an enterprise's name is not, and is not normalised.
            if t.len() > 60 || !self.first_chars.get(c).is_some_and(|f| f.contains(&first)) {
                continue;
            }
            let key = normalized(t);
            if self
                .per_column
                .get(c)
                .is_some_and(|words| words.iter().any(|w| *w == key))
            {
                hits += 1;
            }
        }
        hits >= 2 || (hits == 1 && texts == 1 && row.iter().filter(|c| !c.is_empty()).count() == 1)
    }
}

/// Rows the table skipped on its own, reported as one note per kind.
#[derive(Default)]
struct SkippedRows {
    repeated_header: Vec<usize>,
    subtotal: Vec<usize>,
    note: Vec<usize>,
    nameless: Vec<usize>,
}

impl SkippedRows {
    fn report(&self, grid: &RawGrid, file: &str, col: usize, warnings: &mut Vec<Warning>) {
        let list = |rows: &[usize]| {
            let shown: Vec<String> = rows
                .iter()
                .take(10)
                .map(|r| (r + 1 + grid.origin.0).to_string())
                .collect();
            format!(
                "第{}行{}",
                shown.join("、"),
                if rows.len() > 10 {
                    format!("等{}行", rows.len())
                } else {
                    String::new()
                }
            )
        };
        let kinds: [(&[usize], &str, bool); 4] = [
            (
                &self.repeated_header,
                "重复了表头（分页打印的每页表头），未计为企业",
                false,
            ),
            (&self.subtotal, "是小计或县区汇总行，未计为企业", false),
            (
                &self.note,
                "是说明、页码或制表人等表尾行，未计为企业",
                false,
            ),
            (&self.nameless, "有产值但没有企业名称，未计入；请核实", true),
        ];
        for (rows, what, serious) in kinds {
            if rows.is_empty() {
                continue;
            }
            let w = Warning::new(
                file,
                Some(&grid.sheet),
                Some(grid.a1(rows[0], col)),
                format!("{}{what}", list(rows)),
            );
            warnings.push(if serious { w } else { w.info() });
        }
    }
}

/// 是, √, 1, Y, yes, true, 新入规 … mean yes.
fn truthy(text: &str) -> bool {
    let t = normalize(text).to_lowercase();
    matches!(
        t.as_str(),
        "是" | "√" | "✓" | "1" | "y" | "yes" | "true" | "新入规" | "新增" | "新投产" | "是(新入规)"
    )
}

/// A region written as a code: a 6-digit 行政区划代码, or a 12-digit 统计用区划代码 whose
/// first six digits are its county's. Returns the county's six digits.
fn region_code(read: &str) -> Option<&str> {
    let all_digits = !read.is_empty() && read.bytes().all(|b| b.is_ascii_digit());
    (all_digits && (read.len() == 6 || read.len() == 12)).then(|| &read[..6])
}
