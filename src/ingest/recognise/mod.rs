//! Recognising: sheets (`RawGrid`) → typed tables. The header (any depth, fields from
//! the tags its levels carry), the units, the period, the region (a column, else the
//! sheet name, title or file name) and which rows are enterprises; then each sheet's
//! role, and a report of what it was taken for.

mod blocks;
mod classify;
mod context;
mod context_tables;
mod enterprise;
mod evidence;
pub(crate) mod fields;
mod header;
mod industry_tables;
mod ledgers;
mod months_only;
mod period_text;
mod roles;
mod rows;
pub(crate) mod units;
mod values;

use self::fields::{Field, Mapping, MappingOverrides};
use self::header::HeaderBlock;
use self::units::MoneyUnit;
use crate::ingest::diag::Warning;
use crate::ingest::read::Workbook;
use crate::model::{Period, Sources};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a sheet was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Enterprises,
    RegionGrowth,
    ProvinceGrowth,
    Targets,
    VaRates,
    PriceIndex,
    KeyLedger,
    StopLedger,
    ReviewLedger,
    ProjectLedger,
    Other,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Enterprises => "企业产值表",
            Role::RegionGrowth => "县区增加值增速表",
            Role::ProvinceGrowth => "全省各市增速表",
            Role::Targets => "目标任务表",
            Role::VaRates => "增加值率表",
            Role::PriceIndex => "出厂价格指数表",
            Role::KeyLedger => "包保台账",
            Role::StopLedger => "停减产台账",
            Role::ReviewLedger => "审核/查询台账",
            Role::ProjectLedger => "拟入规项目台账",
            Role::Other => "未识别（已忽略）",
        }
    }
}

/// How a sheet was read, for the mapping editor and messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetReport {
    pub file: String,
    pub sheet: String,
    pub role: Role,
    pub rows: usize,
    pub cols: usize,
    /// Header signature, to key mapping overrides.
    pub signature: Option<String>,
    pub headers: Vec<String>,
    pub mapping: Option<Mapping>,
    pub missing: Vec<Field>,
    pub period: Option<Period>,
    pub enterprises: usize,
    /// For a table without a region column: the region and where it was taken from.
    #[serde(default)]
    pub region: Option<(String, String)>,
    /// Each region name as written in the region column and the name it was read as
    /// ("青川市青山区" → "青山区"), for the user to check and correct.
    #[serde(default)]
    pub region_names: Vec<(String, String)>,
    /// A few values under each header column ("甲公司、乙公司、丙公司"), for the mapping
    /// editor to show what a column holds.
    #[serde(default)]
    pub samples: Vec<String>,
    /// The money unit an enterprise table was read in.
    #[serde(default)]
    pub unit: Option<MoneyUnit>,
    /// For one of several tables on a sheet: its range ("H3:J9").
    #[serde(default)]
    pub range: Option<String>,
}

/// Choices the user (or the CLI's flags) make over what detection found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IngestOptions {
    pub overrides: MappingOverrides,
    pub unit: Option<MoneyUnit>,
    /// The period of sheets whose title, sheet name and file name name none.
    pub period: Option<Period>,
    /// Where the region of a table laid out with a given header signature comes from,
    /// when the user chose it in the mapping editor (instead of a column).
    #[serde(default)]
    pub region_from: BTreeMap<String, RegionFrom>,
    /// The user's reading of a region name as written (spaces removed) in a region
    /// column, where the automatic short name is wrong.
    #[serde(default)]
    pub region_names: BTreeMap<String, String>,
    /// The money unit of tables laid out with a given header signature, when the user
    /// chose it in the mapping editor.
    #[serde(default)]
    pub units: BTreeMap<String, MoneyUnit>,
}

/// A table's region, as the user chose it for a table without a region column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionFrom {
    SheetName,
    Title,
    FileName,
    /// Typed in by the user.
    Manual(String),
}

impl RegionFrom {
    pub fn label(&self) -> &'static str {
        match self {
            RegionFrom::SheetName => "取自工作表名称",
            RegionFrom::Title => "取自标题",
            RegionFrom::FileName => "取自文件名",
            RegionFrom::Manual(_) => "手动输入",
        }
    }
}

/// Every sheet of a read workbook, its tables added to `sources`.
pub(super) fn ingest_workbook(
    book: &Workbook,
    options: &IngestOptions,
    sources: &mut Sources,
) -> Vec<SheetReport> {
    sources.warnings.extend(book.warnings.iter().cloned());
    let mut reports = Vec::new();
    for grid in &book.sheets {
        match blocks::split(grid) {
            Some(parts) => {
                let ranges: Vec<String> = parts.iter().map(|p| p.a1_range()).collect();
                sources.warnings.push(
                    Warning::new(
                        &book.file,
                        Some(&grid.sheet),
                        Some(parts[0].a1(0, 0)),
                        format!(
                            "工作表中有{}张表（{}），已分别识别",
                            parts.len(),
                            ranges.join("、")
                        ),
                    )
                    .info(),
                );
                let above = classify::SheetTitle::of(&parts, &book.file);
                for part in &parts {
                    let mut report = ingest_sheet(part, &book.file, options, sources, &above);
                    report.range = Some(part.a1_range());
                    reports.push(report);
                }
            }
            None => reports.push(ingest_sheet(
                grid,
                &book.file,
                options,
                sources,
                &classify::SheetTitle::default(),
            )),
        }
    }
    reports
}

/// A sheet (or block) no role took. One with rows of figures is said with a 警告: its
/// numbers may be the ones the user meant, and nothing is dropped without a word.
fn ignore(grid: &crate::ingest::grid::RawGrid, file: &str, sources: &mut Sources) {
    sources.ignored.push((file.into(), grid.sheet.clone()));
    let numeric_rows = (0..grid.rows())
        .filter(|&r| {
            grid.row(r)
                .iter()
                .filter(|c| values::number_opt(c).is_some())
                .count()
                >= 2
        })
        .take(3)
        .count();
    if is_summary(grid) {
        // The 指标-by-row summaries this tool exports (the analysis's 概览, a county work
        // package's 概况) are results, not data: dropped back, they are noted, not warned.
        sources.warnings.push(
            Warning::new(
                file,
                Some(&grid.sheet),
                Some(grid.a1_range()),
                "这是按“指标”逐行列出的汇总表（本工具导出的概况或概览），不是数据来源，未计入"
                    .into(),
            )
            .info(),
        );
    } else if numeric_rows >= 3 {
        sources.warnings.push(Warning::new(
            file,
            Some(&grid.sheet),
            Some(grid.a1_range()),
            "这里有成行的数字，但未能识别为任何一种表（企业产值表、县区增速表、目标任务表、台账等），标为未识别、未计入；如是企业表，请检查表头或在列对应关系中指定".into(),
        ));
    }
}

/// A sheet headed 指标 | 数值 | 单位 or 指标 | 本县区 | 全市: the exports' summaries.
fn is_summary(grid: &crate::ingest::grid::RawGrid) -> bool {
    let head: Vec<&str> = grid
        .row(0)
        .iter()
        .map(|c| c.as_text().unwrap_or("").trim())
        .collect();
    matches!(
        head.as_slice(),
        ["指标", "数值", "单位", ..] | ["指标", "本县区", "全市", ..]
    )
}

fn ingest_sheet(
    grid: &crate::ingest::grid::RawGrid,
    file: &str,
    options: &IngestOptions,
    sources: &mut Sources,
    above: &classify::SheetTitle,
) -> SheetReport {
    // Months only, no cumulative column: read with the months' sums added.
    let completed = months_only::complete(grid);
    let grid = completed.as_ref().map_or(grid, |(g, _, _)| g);
    let view = classify::SheetView::read(grid, file, options, above);
    let mut report = SheetReport {
        file: file.into(),
        sheet: grid.sheet.clone(),
        role: Role::Other,
        rows: grid.rows(),
        cols: grid.cols(),
        signature: None,
        headers: Vec::new(),
        mapping: None,
        missing: Vec::new(),
        period: None,
        enterprises: 0,
        region: None,
        region_names: Vec::new(),
        samples: Vec::new(),
        unit: None,
        range: None,
    };
    if classify::below_scale(&view) {
        sources.ignored.push((file.into(), grid.sheet.clone()));
        sources.warnings.push(
            Warning::new(
                file,
                Some(&grid.sheet),
                Some(grid.a1_range()),
                "这是规模以下工业企业的表，不是规上工业，未计入（也不与规上企业表相加）".into(),
            )
            .info(),
        );
        return report;
    }
    for role in classify::classify(&view) {
        match roles::build(role, &view, options, &mut report, &mut sources.warnings) {
            roles::Step::Took(tables) => {
                tables.into_iter().for_each(|t| sources.add(t));
                break;
            }
            roles::Step::Also(tables) => tables.into_iter().for_each(|t| sources.add(t)),
            roles::Step::Declined => {}
        }
    }
    if report.role == Role::Other {
        ignore(grid, file, sources);
    }
    if let (Some((_, this_year, last_year)), Role::Enterprises) = (&completed, report.role) {
        let letters = |cols: &[usize]| {
            let letter = |c: usize| crate::ingest::cell_ref::column_letters(c + grid.origin.1);
            format!("{}–{}", letter(cols[0]), letter(cols[cols.len() - 1]))
        };
        sources.warnings.push(
            Warning::new(
                file,
                Some(&grid.sheet),
                None,
                format!(
                    "表中没有累计列：1-本月产值按本年各月（{}列）相加，上年同期按上年各月（{}列）相加",
                    letters(this_year),
                    letters(last_year)
                ),
            )
            .info(),
        );
    }
    // A 目标任务 sheet is a form, not a table: nothing of it to map.
    if report.role == Role::Targets {
        return report;
    }
    if let Some(h) = &view.header {
        report.signature = Some(h.header.signature());
        report.headers = h.header.labels.clone();
        report.samples = samples(grid, &h.header);
        report.period = h.ctx.period;
        report.mapping = Some(h.mapping.clone());
        if !h.mapping.fields.contains_key(&Field::Region)
            && !h.mapping.fields.contains_key(&Field::RegionCode)
        {
            report.region = h
                .ctx
                .region
                .as_ref()
                .map(|(r, origin)| (r.clone(), origin.label().to_string()));
        }
    }
    report
}

/// Up to three distinct values under each of the header's first columns, joined.
fn samples(grid: &crate::ingest::grid::RawGrid, header: &HeaderBlock) -> Vec<String> {
    // The editor lists a few dozen columns; a sheet may declare thousands.
    const COLUMNS: usize = 200;
    const VALUES: usize = 3;
    const ROWS: usize = 60;
    (0..header.labels.len().min(COLUMNS))
        .map(|c| {
            let mut seen: Vec<String> = Vec::new();
            for r in (header.last_row + 1..grid.rows()).take(ROWS) {
                let text = grid.get(r, c).display();
                let text = text.trim();
                if !text.is_empty() && !seen.iter().any(|s| s == text) {
                    seen.push(text.chars().take(24).collect());
                    if seen.len() == VALUES {
                        break;
                    }
                }
            }
            seen.join("、")
        })
        .collect()
}

/// Why no enterprise table was found, listing the sheets and, for the likeliest one, the
/// missing fields: the message a file with no usable table fails with.
pub fn no_enterprise_table_message(reports: &[SheetReport]) -> String {
    // Context tables dropped first: not an error, a step. Say what came and what is next.
    let mut context: Vec<&str> = reports
        .iter()
        .filter(|r| !matches!(r.role, Role::Other | Role::Enterprises))
        .map(|r| r.role.label())
        .collect();
    context.dedup();
    let near_enterprise = reports.iter().any(|r| {
        r.role == Role::Enterprises
            || r.mapping
                .as_ref()
                .is_some_and(|m| m.fields.contains_key(&Field::Name) && m.fields.len() >= 3)
    });
    if !context.is_empty() && !near_enterprise {
        let mut files: Vec<&str> = reports.iter().map(|r| r.file.as_str()).collect();
        files.dedup();
        return format!(
            "已载入{}（{}），请再载入企业产值表（统计局反馈的规上工业企业分企业产值表，含本月、1-本月及上年同期产值）",
            context.join("、"),
            files.join("、")
        );
    }
    let files: Vec<&str> = {
        let mut f: Vec<&str> = reports.iter().map(|r| r.file.as_str()).collect();
        f.dedup();
        f
    };
    let sheets: Vec<String> = reports
        .iter()
        .map(|r| format!("“{}”（{}）", r.sheet, r.role.label()))
        .collect();
    let likeliest = reports
        .iter()
        .filter(|r| r.mapping.is_some())
        .max_by_key(|r| r.mapping.as_ref().map_or(0, |m| m.fields.len()));
    let hint = match likeliest {
        Some(r)
            if r.role == Role::Enterprises
                || r.mapping.as_ref().is_some_and(|m| !m.fields.is_empty()) =>
        {
            let missing = r
                .mapping
                .as_ref()
                .map(|m| m.missing_required())
                .unwrap_or_default();
            let names: Vec<&str> = missing.iter().map(|f| f.label()).collect();
            format!("最接近的是“{}”，缺少：{}", r.sheet, names.join("、"))
        }
        _ => "没有一个工作表含有企业名称和产值列".into(),
    };
    format!(
        "在“{}”中没有找到企业产值表。找到的工作表：{}。{}",
        files.join("、"),
        if sheets.is_empty() {
            "无".into()
        } else {
            sheets.join("、")
        },
        hint
    )
}
