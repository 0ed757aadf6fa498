//! 分县区工作包: one workbook per 县（市、区）, zipped, for the bureau to send down. Each
//! holds the county's figures against the city's, its target gap when the 目标任务 sheet
//! gives one, its 停减产台账 to fill in (the page's template, so a filled file drops back as
//! a ledger) and its enterprises with this period's figures — and no other county's.

use super::ledger_tables::{
    stop_reduce_template_of, REASON_CATEGORIES, STOP_TEMPLATE_REASON_COLUMN,
};
use super::phrases::{given, quarter_name};
use super::table::{col, Table, Value};
use super::tables::{enterprise_columns, enterprise_row};
use super::xlsx::package_workbook;
use crate::analysis::{growth_pct, rank_desc, Analysis, EnterpriseRow, RegionRow, Status, Target};
use std::io::Write;

/// The region ingest gives enterprises whose row names none: not a county to send to.
const NO_REGION: &str = "未填地区";

/// One county's workbook as tables: 概况, 停减产台账 (to fill in), 企业.
#[derive(Debug, Clone, PartialEq)]
pub struct CountyPackage {
    pub region: String,
    /// The workbook's name in the .zip: the county's name made safe for a file name, then
    /// the period ("城东区2023年1-3月工作包.xlsx").
    pub file_name: String,
    pub overview: Table,
    pub ledger: Table,
    pub enterprises: Table,
}

#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error("没有可分县区的企业（企业表没有县区列，或全部未填地区）")]
    NoRegions,
    #[error("{region}的工作簿无法生成：{source}")]
    Workbook {
        region: String,
        source: rust_xlsxwriter::XlsxError,
    },
    #[error("工作包压缩失败：{0}")]
    Zip(String),
}

/// The packages, in the analysis's region order; regions without a name are left out.
pub fn packages(a: &Analysis) -> Vec<CountyPackage> {
    let mut names: Vec<String> = Vec::new();
    let period = a.period.map_or(String::new(), |p| p.label());
    a.regions
        .iter()
        .filter(|r| r.name != NO_REGION && !r.name.trim().is_empty())
        .map(|r| {
            // The period in the name: the enterprise sheet, dropped back, is then read as
            // this period's (a part of the city's table, not a table of unknown period).
            let file_name =
                unique(file_stem(&r.name), &mut names) + &format!("{period}工作包.xlsx");
            let mine = |e: &EnterpriseRow| *e.region == *r.name;
            let rows: Vec<&EnterpriseRow> = a.enterprises.iter().filter(|e| mine(e)).collect();
            CountyPackage {
                region: r.name.clone(),
                file_name,
                overview: overview(a, r, &rows),
                ledger: stop_reduce_template_of(a, mine),
                enterprises: Table {
                    name: "企业",
                    columns: enterprise_columns(),
                    rows: rows.iter().map(|e| enterprise_row(e)).collect(),
                },
            }
        })
        .collect()
}

/// The .zip of every county's workbook.
pub fn zip(a: &Analysis) -> Result<Vec<u8>, PackageError> {
    zip_packages(&packages(a))
}

/// The .zip of these packages' workbooks.
pub fn zip_packages(packages: &[CountyPackage]) -> Result<Vec<u8>, PackageError> {
    if packages.is_empty() {
        return Err(PackageError::NoRegions);
    }
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Workbooks are zips already: storing them again saves the time of a second deflate.
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for p in packages {
        let bytes = workbook(p)?;
        out.start_file(p.file_name.as_str(), options)
            .map_err(|e| PackageError::Zip(e.to_string()))?;
        out.write_all(&bytes)
            .map_err(|e| PackageError::Zip(e.to_string()))?;
    }
    let cursor = out.finish().map_err(|e| PackageError::Zip(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// One county's workbook: 概况, then the ledger to fill in, then its enterprises.
pub fn workbook(p: &CountyPackage) -> Result<Vec<u8>, PackageError> {
    package_workbook(
        &[p.overview.clone(), p.enterprises.clone()],
        1,
        &p.ledger,
        STOP_TEMPLATE_REASON_COLUMN,
        &REASON_CATEGORIES,
    )
    .map_err(|source| PackageError::Workbook {
        region: p.region.clone(),
        source,
    })
}

/// A region's name as a file name: characters no file system takes, and control
/// characters, become "_" (names come from the workbook and may be anything).
fn file_stem(name: &str) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(60)
        .collect();
    match stem.trim_matches('.') {
        "" => "县区".into(),
        s => s.to_string(),
    }
}

/// `stem`, or "stem(2)", "stem(3)"… when another county's file already has the name.
fn unique(stem: String, taken: &mut Vec<String>) -> String {
    let mut name = stem.clone();
    let mut n = 1;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        n += 1;
        name = format!("{stem}({n})");
    }
    taken.push(name.clone());
    name
}

/// 指标 | 本县区 | 全市 | 说明: the county against the city, then its target.
fn overview(a: &Analysis, r: &RegionRow, rows: &[&EnterpriseRow]) -> Table {
    let c = &a.city;
    let month: f64 = rows.iter().map(|e| e.month_output).sum();
    let month_prior: f64 = rows.iter().map(|e| e.month_output_prior).sum();
    let count = |s: Status| rows.iter().filter(|e| e.status == s).count();
    let mut out: Vec<Vec<Value>> = Vec::new();
    let mut push = |label: &str, mine: Value, city: Value, note: &str| {
        out.push(vec![Value::text(label), mine, city, Value::text(note)]);
    };
    let period = a.period.map_or("未识别".into(), |p| p.label());
    push(
        "报告期",
        Value::text(period.clone()),
        Value::text(period),
        "",
    );
    push(
        "地区",
        Value::text(r.name.clone()),
        Value::text(c.name.clone().unwrap_or_else(|| "全市".into())),
        "",
    );
    push(
        "规上工业企业(户)",
        Value::Count(r.enterprises),
        Value::Count(c.enterprises),
        "",
    );
    push(
        "累计工业总产值(亿元)",
        Value::fixed(r.output, 1),
        Value::fixed(c.output, 1),
        "",
    );
    push(
        "上年同期(亿元)",
        Value::fixed(r.output_prior, 1),
        Value::fixed(c.output_prior, 1),
        "",
    );
    push(
        "累计产值同比(%)",
        Value::one(r.output_growth_pct),
        Value::one(c.output_growth_pct),
        "",
    );
    push(
        "产值增速全市位次",
        growth_rank(a, r).map_or(Value::one(None), |n| Value::Count(n as usize)),
        Value::text(""),
        &format!("共{}个县（市、区）", growths(a).len()),
    );
    push(
        "拉动全市产值增长(百分点)",
        Value::Number {
            value: r.pull_pp,
            decimals: 2,
        },
        Value::one(c.output_growth_pct),
        "全市一栏为全市增速",
    );
    push(
        "对全市增长贡献率(%)",
        Value::one(r.contribution_pct),
        Value::text(""),
        "",
    );
    push(
        "当月工业总产值(亿元)",
        Value::fixed(month, 1),
        Value::fixed(c.month_output, 1),
        "",
    );
    push(
        "当月产值同比(%)",
        Value::one(growth_pct(month, month_prior)),
        Value::one(c.month_output_growth_pct),
        "",
    );
    if r.value_added_growth_pct.is_some() || c.value_added_growth_pct.is_some() {
        push(
            "规上工业增加值增速(%)",
            Value::one(r.value_added_growth_pct),
            Value::one(c.value_added_growth_pct),
            "",
        );
    }
    push(
        "停产企业(户)",
        Value::Count(count(Status::Stopped)),
        Value::Count(a.status.stopped),
        "名单见“停减产台账”",
    );
    push(
        "减产企业(户)",
        Value::Count(count(Status::Reduced)),
        Value::Count(a.status.reduced),
        "名单见“停减产台账”",
    );
    match a.extra.region_targets.iter().find(|t| t.region == r.name) {
        Some(t) => {
            target_rows(&mut push, &t.target, a.target.as_ref());
            if t.estimated_base {
                push(
                    "说明",
                    Value::text(""),
                    Value::text(""),
                    "目标任务表未给本县区上年同期季度产值，按本县区占全市上年同期累计产值的比重折算",
                );
            }
        }
        None => {
            if let Some(city) = &a.target {
                push(
                    "全市目标",
                    Value::text(""),
                    Value::text(format!(
                        "{}产值增长{}%",
                        quarter_name(city.quarter_end_month),
                        given(city.output_growth_target_pct)
                    )),
                    "目标任务表未列本县区目标",
                );
            }
        }
    }
    Table {
        name: "概况",
        columns: vec![
            col("指标", 24.0),
            col("本县区", 16.0),
            col("全市", 16.0),
            col("说明", 40.0),
        ],
        rows: out,
    }
}

fn target_rows(push: &mut impl FnMut(&str, Value, Value, &str), t: &Target, city: Option<&Target>) {
    let of_city = |f: fn(&Target) -> f64| city.map_or(Value::text(""), |c| Value::fixed(f(c), 1));
    let q = quarter_name(t.quarter_end_month);
    push(
        &format!("{q}产值增长目标(%)"),
        Value::text(given(t.output_growth_target_pct)),
        city.map_or(Value::text(""), |c| {
            Value::text(given(c.output_growth_target_pct))
        }),
        "",
    );
    push(
        "上年同期季度产值(亿元)",
        Value::fixed(t.prior_quarter_output, 1),
        of_city(|c| c.prior_quarter_output),
        "",
    );
    push(
        "季度需完成产值(亿元)",
        Value::fixed(t.required_quarter_output, 1),
        of_city(|c| c.required_quarter_output),
        "",
    );
    push(
        "按本月水平预计完成(亿元)",
        Value::fixed(t.forecast_quarter_output, 1),
        of_city(|c| c.forecast_quarter_output),
        "",
    );
    push(
        "预计缺口(亿元)",
        Value::fixed(t.forecast_gap, 1),
        of_city(|c| c.forecast_gap),
        "正数为尚差，负数为超出",
    );
    push(
        "余下月份需完成产值(亿元)",
        Value::fixed(t.required_remaining_output, 1),
        of_city(|c| c.required_remaining_output),
        "",
    );
    push(
        "余下月份产值需增长(%)",
        Value::one(t.required_remaining_growth_pct),
        city.map_or(Value::text(""), |c| {
            Value::one(c.required_remaining_growth_pct)
        }),
        "",
    );
}

/// The growths of the named regions that have one.
fn growths(a: &Analysis) -> Vec<f64> {
    a.regions
        .iter()
        .filter(|r| r.name != NO_REGION)
        .filter_map(|r| r.output_growth_pct)
        .collect()
}

/// 1 for the fastest-growing region; ties share the better place.
fn growth_rank(a: &Analysis, r: &RegionRow) -> Option<u32> {
    let g = r.output_growth_pct?;
    let mut values = growths(a);
    values.push(g);
    // `g` is among them already: ranking it again beside itself changes nothing.
    rank_desc(&values).last().copied()
}
