//! Which enterprise table an analysis reads: the chosen period's, with the parts of one
//! period combined (one file or sheet per 县区), and the month derived for a table that
//! has only cumulative columns.

use super::ledger_join::JoinIndex;
use super::{AnalysisError, ContractWarning, Settings};
use crate::model::tables::money_difference;
use crate::model::{EnterpriseTable, Period, Sources};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The table to analyse and what was done to reach it.
pub struct Chosen<'a> {
    pub table: Cow<'a, EnterpriseTable>,
    /// Same-period files that overlap (the keep-one / merge question), in load order.
    pub overlapping_files: Vec<String>,
    pub merged: bool,
    /// What was done on the way, figures unaffected (parts combined, month derived).
    pub notes: Vec<ContractWarning>,
    /// What the figures rest on and the user should know (status on the cumulative basis).
    pub warnings: Vec<ContractWarning>,
}

/// The enterprise table for the chosen period: the requested one (or the only one), else
/// the latest.
pub fn select_table(
    sources: &Sources,
    period: Option<Period>,
) -> Result<&EnterpriseTable, AnalysisError> {
    if sources.enterprises.is_empty() {
        return Err(AnalysisError::NoEnterpriseTable);
    }
    match period {
        // With one table loaded, the requested period corrects a wrongly detected one.
        Some(_) if sources.enterprises.len() == 1 => Ok(&sources.enterprises[0]),
        Some(p) => sources
            .enterprises
            .iter()
            .rev()
            .find(|t| t.period == Some(p))
            .ok_or_else(|| {
                let loaded: Vec<String> = sources
                    .enterprises
                    .iter()
                    .map(|t| t.period.map_or("未知".into(), |p| p.label()))
                    .collect();
                AnalysisError::PeriodNotLoaded(p.label(), loaded.join("、"))
            }),
        // Latest period; among equals, the table loaded last.
        None => Ok(sources
            .enterprises
            .iter()
            .enumerate()
            .max_by_key(|(i, t)| (t.period, *i))
            .map(|(_, t)| t)
            .expect("not empty")),
    }
}

/// The enterprise tables of one period, in load order, when more than one is loaded.
pub fn same_period_tables(sources: &Sources, period: Option<Period>) -> Vec<&EnterpriseTable> {
    let found: Vec<&EnterpriseTable> = sources
        .enterprises
        .iter()
        .filter(|t| t.period.is_some() && t.period == period)
        .collect();
    if found.len() > 1 {
        found
    } else {
        Vec::new()
    }
}

/// An index of one table's enterprises by every key: 统一社会信用代码, the
/// 组织机构代码 inside it (or written alone, with or without the dash), and the
/// normalised name, the keys a ledger row is joined by.
struct Keys<'a> {
    index: JoinIndex<'a>,
}

static NO_CHOICES: BTreeMap<String, String> = BTreeMap::new();

impl<'a> Keys<'a> {
    fn of(table: &'a EnterpriseTable) -> Self {
        Keys {
            index: JoinIndex::new(table, &NO_CHOICES),
        }
    }

    /// The row of the indexed table that is `other`'s row `i`, by any key.
    fn find(&self, other: &EnterpriseTable, i: usize) -> Option<usize> {
        self.index
            .find(&other.names[i], other.codes[i].as_deref())
            .map(|(j, _)| j)
    }
}

/// How many enterprises of later tables are already in an earlier one, by every key.
fn shared(tables: &[&EnterpriseTable]) -> usize {
    let mut earlier: Vec<Keys> = Vec::with_capacity(tables.len());
    let mut count = 0;
    for later in tables {
        count += (0..later.len())
            .filter(|&i| earlier.iter().any(|k| k.find(later, i).is_some()))
            .count();
        earlier.push(Keys::of(later));
    }
    count
}

/// The table that holds every enterprise of the other `tables` (by any key): `preferred`
/// when it does, else the largest that does; `None` when none does.
fn complete<'a>(
    tables: &[&'a EnterpriseTable],
    preferred: &'a EnterpriseTable,
) -> Option<&'a EnterpriseTable> {
    let holds_all = |t: &EnterpriseTable| {
        let keys = Keys::of(t);
        tables
            .iter()
            .filter(|o| !std::ptr::eq(**o, t))
            .all(|o| (0..o.len()).all(|i| keys.find(o, i).is_some()))
    };
    if holds_all(preferred) {
        return Some(preferred);
    }
    let mut by_size: Vec<&'a EnterpriseTable> = tables.to_vec();
    by_size.sort_by_key(|t| std::cmp::Reverse(t.len()));
    by_size.into_iter().find(|t| holds_all(t))
}

fn union(tables: &[&EnterpriseTable]) -> EnterpriseTable {
    tables[1..].iter().fold(tables[0].clone(), |acc, t| {
        let keys = Keys::of(t);
        acc.merged_with(t, &|i| keys.find(&acc, i).is_some()).0
    })
}

/// 亿元 with one decimal, or 万元 for what would read 0.0亿元.
fn amount(yi: f64) -> String {
    use crate::model::decimal::fixed;
    if yi.abs() >= 0.1 {
        format!("{}亿元", fixed(yi, 1))
    } else {
        format!("{}万元", fixed(yi * 1e4, 1))
    }
}

/// Two parts that are one table keyed two ways: as many enterprises in the same regions,
/// and at least four in five of them with the same 1-本月 and 上年同期 figures as one of
/// the other's.
fn twins<'t>(parts: &[&'t EnterpriseTable]) -> Option<(&'t EnterpriseTable, &'t EnterpriseTable)> {
    let key = |t: &EnterpriseTable, i: usize| {
        (
            (t.cum_output[i] * 1e9).round() as i64,
            (t.cum_output_prior[i] * 1e9).round() as i64,
        )
    };
    // Parts of one table split by region (one file per 县区) share no region: their
    // figures may coincide, they are still parts.
    let regions = |t: &EnterpriseTable| -> std::collections::BTreeSet<String> {
        t.regions.iter().cloned().collect()
    };
    let same = |a: &EnterpriseTable, b: &EnterpriseTable| {
        if a.len() != b.len() || a.is_empty() || regions(a) != regions(b) {
            return false;
        }
        let mut figures: rustc_hash::FxHashMap<(i64, i64), usize> = Default::default();
        for i in 0..a.len() {
            *figures.entry(key(a, i)).or_default() += 1;
        }
        let mut matched = 0;
        let mut compared = 0;
        for i in 0..b.len() {
            let k = key(b, i);
            // A stopped enterprise's zeros say nothing.
            if k == (0, 0) {
                continue;
            }
            compared += 1;
            if let Some(n) = figures.get_mut(&k).filter(|n| **n > 0) {
                *n -= 1;
                matched += 1;
            }
        }
        compared > 0 && matched * 5 >= compared * 4
    };
    parts
        .iter()
        .enumerate()
        .find_map(|(i, a)| parts[i + 1..].iter().find(|b| same(a, b)).map(|b| (*a, *b)))
}

impl<'a> Chosen<'a> {
    /// One of several same-period tables, the others not added (overlapping or copies).
    fn one_of(
        selected: &'a EnterpriseTable,
        parts: &[&EnterpriseTable],
        warnings: Vec<ContractWarning>,
    ) -> Self {
        Chosen {
            table: Cow::Borrowed(selected),
            overlapping_files: parts.iter().map(|t| t.file.clone()).collect(),
            merged: false,
            notes: Vec::new(),
            warnings,
        }
    }
}

fn note(table: &EnterpriseTable, message: String) -> ContractWarning {
    ContractWarning {
        at: crate::model::At {
            file: table.file.clone(),
            sheet: Some(table.sheet.clone()),
            cell: None,
        },
        message,
    }
}

/// The period's table, its parts combined and its month derived where needed.
pub fn choose<'a>(sources: &'a Sources, settings: &Settings) -> Result<Chosen<'a>, AnalysisError> {
    let selected = select_table(sources, settings.period)?;
    let parts = same_period_tables(sources, selected.period);
    let mut notes = Vec::new();
    let overlap = if parts.is_empty() { 0 } else { shared(&parts) };
    let mut chosen = if parts.is_empty() {
        Chosen {
            table: Cow::Borrowed(selected),
            overlapping_files: Vec::new(),
            merged: false,
            notes: Vec::new(),
            warnings: Vec::new(),
        }
    } else if let Some((a, b)) = (overlap == 0).then(|| twins(&parts)).flatten() {
        // No key matches, yet every enterprise's figures do: one table written twice
        // (short names against full names, codes of another system). Never added.
        let warnings = vec![note(
            selected,
            format!(
                "同一报告期的“{}”工作表“{}”和“{}”工作表“{}”按代码和名称没有一户企业对得上，但户数相同、各户产值几乎都相同，应是同一张表（企业名称或代码写法不同）：未相加，按“{}”工作表“{}”计算；如确是不同的企业，请核对后只载入需要的表",
                a.file, a.sheet, b.file, b.sheet, selected.file, selected.sheet
            ),
        )];
        Chosen::one_of(selected, &parts, warnings)
    } else if overlap == 0 {
        // One file or sheet per 县区: parts of one table, combined without asking.
        let table = union(&parts);
        let names: Vec<String> = parts
            .iter()
            .map(|t| format!("{}·{}", t.file, t.sheet))
            .collect();
        // Pinned to the first part: the combined table's file is all their names.
        notes.push(note(
            parts[0],
            format!(
                "同一报告期的{}张企业表互不重叠（分县区的文件或工作表），已合并为一张表：{}",
                parts.len(),
                names.join("、")
            ),
        ));
        Chosen {
            table: Cow::Owned(table),
            overlapping_files: Vec::new(),
            merged: false,
            notes: Vec::new(),
            warnings: Vec::new(),
        }
    } else if settings.merge_same_period {
        notes.push(note(
            parts[parts.len() - 1],
            format!(
                "同一报告期的{}张企业表有{}户企业重复（按统一社会信用代码、组织机构代码或企业名称），已按“合并”处理：重复的企业取最后载入的表中的数，未相加",
                parts.len(),
                overlap
            ),
        ));
        Chosen {
            table: Cow::Owned(union(&parts)),
            overlapping_files: parts.iter().map(|t| t.file.clone()).collect(),
            merged: true,
            notes: Vec::new(),
            warnings: Vec::new(),
        }
    } else {
        let names: Vec<String> = parts
            .iter()
            .map(|t| format!("“{}”工作表“{}”", t.file, t.sheet))
            .collect();
        // A table holding every enterprise of the others (the city's beside one county's
        // extract) is the complete one, whichever was loaded last.
        let whole = complete(&parts, selected);
        let selected = whole.unwrap_or(selected);
        let why = if whole.is_some() && parts.iter().any(|t| t.len() < selected.len()) {
            "，其余表所列企业都在这张表中"
        } else {
            "（最后载入的一张）"
        };
        let said = format!(
            "同一报告期载入了{}张企业表（{}），其中{}户企业重复（按统一社会信用代码、组织机构代码或企业名称）：未相加，按“{}”工作表“{}”计算{why}",
            parts.len(),
            names.join("、"),
            overlap,
            selected.file,
            selected.sheet
        );
        // Tables that only partly overlap: the one counted leaves out enterprises the
        // others list, so the figures may be short, and that is a warning.
        let left_out = if whole.is_some() {
            0
        } else {
            let keys = Keys::of(selected);
            parts
                .iter()
                .filter(|o| !std::ptr::eq(**o, selected))
                .map(|o| (0..o.len()).filter(|&i| keys.find(o, i).is_none()).count())
                .sum()
        };
        // Two tables of the same enterprises whose figures differ cannot both be this
        // period's: one may be another month's, or a draft (the period was read the same
        // from both, e.g. from the file name).
        let total = |t: &EnterpriseTable| t.cum_output.iter().sum::<f64>();
        // Every money column: enterprises stopped this month leave 1-本月 as it was
        // last month, while the base moved on.
        let totals = |t: &EnterpriseTable| {
            [
                &t.cum_output,
                &t.cum_output_prior,
                &t.month_output,
                &t.month_output_prior,
            ]
            .map(|c| c.iter().sum::<f64>())
        };
        let differ = |a: f64, b: f64| (a - b).abs() > 1e-6 * a.abs().max(b.abs()).max(1e-9);
        let differing = parts.iter().filter(|_| whole.is_some()).find(|o| {
            !std::ptr::eq(**o, selected)
                && o.len() == selected.len()
                && totals(o)
                    .iter()
                    .zip(totals(selected))
                    .any(|(a, b)| differ(*a, b))
        });
        let mut warnings = Vec::new();
        if let Some(other) = differing {
            warnings.push(note(
                selected,
                format!(
                    "{said}；但“{}”工作表“{}”所列企业相同而产值合计不同（1-本月{}，这张为{}），两张表不可能都是本期的，请核对报告期",
                    other.file,
                    other.sheet,
                    amount(total(other)),
                    amount(total(selected)),
                ),
            ));
        } else if left_out > 0 {
            warnings.push(note(
                selected,
                format!(
                    "{said}；其余表中另有{left_out}户企业不在这张表中，未计入。如这些表是同一张表的几部分，请选择“按企业代码合并”（命令行加 --merge）"
                ),
            ));
        } else {
            notes.push(note(selected, said));
        }
        Chosen::one_of(selected, &parts, warnings)
    };
    let period = settings.period.or(chosen.table.period);
    if let Some(p) = period.filter(|p| chosen.table.cumulative_only && p.month > 2) {
        let previous = Period::new(p.year, p.month - 1);
        let earlier: Vec<&EnterpriseTable> = sources
            .enterprises
            .iter()
            .filter(|t| t.period == Some(previous))
            .collect();
        if earlier.is_empty() {
            chosen.warnings.push(note(
                &chosen.table,
                format!(
                    "企业表只有累计产值列，且没有载入{}的企业表：停产、减产等状态按累计口径判断，当月增速即累计增速",
                    previous.label()
                ),
            ));
        } else {
            let before = if earlier.len() == 1 {
                earlier[0].clone()
            } else {
                union(&earlier)
            };
            let (table, missing) = derive_month(&chosen.table, &before);
            notes.push(note(
                &table,
                format!(
                    "企业表只有累计产值列：本月数按本期累计减{}累计逐企业计算（按统一社会信用代码、组织机构代码或企业名称）{}",
                    previous.label(),
                    if missing > 0 {
                        format!("；{missing}户不在上期表中，本月数取本期累计")
                    } else {
                        String::new()
                    }
                ),
            ));
            chosen.table = Cow::Owned(table);
        }
    }
    if let Some(p) = period {
        chosen
            .warnings
            .extend(regions_of_other_periods(sources, &chosen.table, p));
    }
    super::region_codes::name(
        &mut chosen.table,
        &sources.region_codes,
        &mut notes,
        &mut chosen.warnings,
    );
    notes.append(&mut chosen.notes);
    chosen.notes = notes;
    Ok(chosen)
}

/// Regions that enterprise tables of other periods list and the analysed table lacks:
/// one 县区's file of another month among the others' (last month's sent by mistake)
/// leaves that 县区 out of the city's figures.
fn regions_of_other_periods(
    sources: &Sources,
    table: &EnterpriseTable,
    period: Period,
) -> Vec<ContractWarning> {
    // Each table's regions once (a province's rows name a few dozen).
    fn distinct(t: &EnterpriseTable) -> rustc_hash::FxHashSet<&str> {
        let mut set = rustc_hash::FxHashSet::default();
        let mut last: Option<&str> = None;
        for r in &t.regions {
            // Rows come in blocks of one region: compare with the row before first.
            if last != Some(r.as_str()) {
                set.insert(r.as_str());
                last = Some(r.as_str());
            }
        }
        set
    }
    let mut others = sources
        .enterprises
        .iter()
        .filter(|t| t.period.is_some_and(|p| p != period))
        .peekable();
    if others.peek().is_none() {
        return Vec::new();
    }
    let have = distinct(table);
    let mut missing: BTreeMap<&str, Vec<&EnterpriseTable>> = BTreeMap::new();
    for other in others {
        let mut regions: Vec<&str> = distinct(other).into_iter().collect();
        regions.sort_unstable();
        for r in regions {
            let a_name = !r.is_empty() && r != "未填地区" && !r.chars().all(|c| c.is_ascii_digit());
            if a_name && !have.contains(r) {
                missing.entry(r).or_default().push(other);
            }
        }
    }
    missing
        .into_iter()
        .take(8)
        .map(|(region, tables)| {
            let found: Vec<String> = tables
                .iter()
                .take(3)
                .map(|t| {
                    format!(
                        "“{}”（{}）",
                        t.file,
                        t.period.map(|p| p.label()).unwrap_or_default()
                    )
                })
                .collect();
            note(
                table,
                format!(
                    "{}的企业表中没有“{region}”，而{}中有：全市数字缺少“{region}”。如它的本期表没有载入或载入了别的月份，请载入“{region}”{}的表",
                    period.label(),
                    found.join("、"),
                    period.label()
                ),
            )
        })
        .collect()
}

/// The previous loaded period before `period` (the latest earlier one) and its table, its
/// parts combined as the analysed period's are.
pub fn previous_table(
    sources: &Sources,
    period: Period,
) -> Option<(Period, Cow<'_, EnterpriseTable>)> {
    let from = sources
        .enterprises
        .iter()
        .filter_map(|t| t.period)
        .filter(|p| *p < period)
        .max()?;
    let parts: Vec<&EnterpriseTable> = sources
        .enterprises
        .iter()
        .filter(|t| t.period == Some(from))
        .collect();
    Some((
        from,
        if parts.len() == 1 {
            Cow::Borrowed(parts[0])
        } else {
            Cow::Owned(union(&parts))
        },
    ))
}

/// 本月 = 1-本月 − 1-上月, per enterprise, for both years. Returns the table and how many
/// enterprises the earlier table lacks (their month is their cumulative).
fn derive_month(table: &EnterpriseTable, before: &EnterpriseTable) -> (EnterpriseTable, usize) {
    let index = Keys::of(before);
    let mut out = table.clone();
    let mut missing = 0;
    for i in 0..out.len() {
        match index.find(table, i) {
            Some(j) => {
                out.month_output[i] = money_difference(table.cum_output[i], before.cum_output[j]);
                out.month_output_prior[i] =
                    money_difference(table.cum_output_prior[i], before.cum_output_prior[j]);
            }
            None => missing += 1,
        }
    }
    out.cumulative_only = false;
    (out, missing)
}
