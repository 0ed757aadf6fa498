//! The 工信局's own ledgers, recognised by the columns only they have:
//! 佐证材料 or 审核类型 (审核/查询台账), 原因 (停减产台账), 包保领导 (包保台账), 预计入规
//! (拟入规项目台账). Any column order; a row with an unreadable date or an unknown type is
//! kept, with a warning naming its cell.

use super::header::HeaderBlock;
use super::rows::{kind, RowKind};
use super::units::{header_unit, MoneyUnit};
use super::values::number_opt;
use crate::ingest::grid::{Cell, RawGrid};
use crate::ingest::text::has_any;
use crate::model::{
    At, Date, KeyEntry, LedgerName, Ledgers, ProjectEntry, ReviewEntry, ReviewKind, StopEntry,
    StopKind, Warning,
};

/// Which ledger a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerKind {
    Key,
    StopReduce,
    Review,
    Projects,
}

/// The columns of a ledger, by what they hold.
#[derive(Debug, Default)]
struct Columns {
    name: Option<usize>,
    code: Option<usize>,
    leader: Option<usize>,
    unit: Option<usize>,
    problems: Option<usize>,
    measures: Option<usize>,
    kind: Option<usize>,
    reason: Option<usize>,
    resume: Option<usize>,
    evidence: Option<usize>,
    deadline: Option<usize>,
    responsible: Option<usize>,
    region: Option<usize>,
    expected_month: Option<usize>,
    expected_output: Option<usize>,
    state: Option<usize>,
}

fn find(header: &HeaderBlock, test: impl Fn(&str) -> bool) -> Option<usize> {
    header.keys.iter().position(|k| test(k))
}

fn columns(header: &HeaderBlock) -> Columns {
    let name = find(header, |k| {
        has_any(
            k,
            &[
                "企业名称",
                "单位名称",
                "项目名称",
                "企业(项目)名称",
                "项目(企业)名称",
            ],
        )
    })
    .or_else(|| {
        find(header, |k| {
            k.ends_with("名称") && !has_any(k, &["行业", "县", "区"])
        })
    })
    .or_else(|| find(header, |k| k == "企业" || k == "单位"));
    let code = find(header, |k| has_any(k, &["信用代码", "机构代码"])).or_else(|| {
        find(header, |k| {
            k.contains("代码") && !has_any(k, &["行业", "区划", "地区", "县"])
        })
    });
    let leader = find(header, |k| {
        (k.contains("包保") && has_any(k, &["领导", "责任人", "人"]))
            || has_any(k, &["联系领导", "责任领导", "分包领导"])
    })
    .or_else(|| find(header, |k| k.contains("领导")));
    let unit = find(header, |k| {
        (k.contains("包保") || k.contains("责任")) && has_any(k, &["单位", "部门"])
    });
    let kind = find(header, |k| {
        has_any(
            k,
            &["审核类型", "查询类型", "审核方式", "停减产类型", "停产类型"],
        )
    })
    .or_else(|| find(header, |k| k.contains("类型") || k == "类别"))
    .or_else(|| find(header, |k| has_any(k, &["停减产情况", "生产状态", "状态"])));
    let evidence = find(header, |k| k.contains("佐证") || k.contains("凭证"));
    Columns {
        name,
        code,
        leader,
        unit,
        problems: find(header, |k| has_any(k, &["存在问题", "问题", "困难"])),
        measures: find(header, |k| has_any(k, &["帮扶措施", "措施", "一企一策"])),
        kind,
        reason: find(header, |k| k.contains("原因")),
        resume: find(header, |k| k.contains("复产")),
        evidence,
        deadline: find(header, |k| has_any(k, &["截止", "期限", "时限"])),
        responsible: find(header, |k| k.contains("责任人") && !k.contains("包保")),
        region: find(header, |k| {
            has_any(
                k,
                &[
                    "县(市、区)",
                    "县(市,区)",
                    "县区",
                    "县市区",
                    "地区",
                    "区域",
                    "所在地",
                ],
            )
        }),
        expected_month: find(header, |k| {
            k.contains("入规")
                && (k.contains("预计") || has_any(k, &["月份", "时间", "日期"]))
                && !has_any(k, &["状态", "是否"])
        }),
        expected_output: find(header, |k| k.contains("产值") && k.contains("预计"))
            .or_else(|| find(header, |k| k.contains("年产值"))),
        state: find(header, |k| {
            has_any(k, &["当前状态", "项目状态", "进展", "状态"]) && !k.contains("入规月")
        }),
    }
}

/// The ledger a sheet is, when it is one. `title` is the normalised title and sheet name.
pub fn kind_of(header: &HeaderBlock, title: &str) -> Option<LedgerKind> {
    let c = columns(header);
    c.name?;
    let review_kind = c
        .kind
        .is_some_and(|k| has_any(&header.keys[k], &["审核", "查询"]));
    if c.evidence.is_some() || (review_kind && c.deadline.is_some()) {
        return Some(LedgerKind::Review);
    }
    if c.reason.is_some() && (c.kind.is_some() || has_any(title, &["停产", "减产", "停减产"]))
    {
        return Some(LedgerKind::StopReduce);
    }
    if c.leader.is_some() {
        return Some(LedgerKind::Key);
    }
    if c.expected_month.is_some() || (has_any(title, &["拟入规", "新增入规", "入规项目"]))
    {
        return Some(LedgerKind::Projects);
    }
    None
}

fn text(grid: &RawGrid, r: usize, c: Option<usize>) -> Option<String> {
    let cell = grid.get(r, c?);
    let t = cell.display();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The data rows: a name that is not a total, a note, a section heading or a sub-header.
fn entry_rows(grid: &RawGrid, header: &HeaderBlock, name_col: usize) -> Vec<usize> {
    (header.last_row + 1..grid.rows())
        .filter(|&r| {
            let name = grid.get(r, name_col).display();
            let name = name.trim();
            !name.is_empty()
                && kind(name) == RowKind::Entry
                && !header.keys[name_col].contains(&crate::ingest::text::normalize(name))
        })
        .collect()
}

struct Reader<'a> {
    grid: &'a RawGrid,
    file: &'a str,
    year: Option<i32>,
    warnings: &'a mut Vec<Warning>,
    /// Ledger columns inside an enterprise table: their cells are read, never warned
    /// about (a 生产状态 of 正常 is no 停减产 type).
    quiet: bool,
}

impl Reader<'_> {
    fn at(&self, r: usize, c: usize) -> At {
        At::cell(self.file, &self.grid.sheet, self.grid.a1(r, c))
    }

    fn warn(&mut self, r: usize, c: usize, message: String) {
        if self.quiet {
            return;
        }
        self.warnings.push(Warning::new(
            self.file,
            Some(&self.grid.sheet),
            Some(self.grid.a1(r, c)),
            message,
        ));
    }

    fn date(&mut self, r: usize, c: Option<usize>, what: &str, consequence: &str) -> Option<Date> {
        let c = c?;
        let date = match self.grid.get(r, c) {
            Cell::Empty => return None,
            Cell::Number(n) if *n >= 19_000_101.0 => Date::parse(&format!("{n}"), self.year),
            Cell::Number(n) => Date::from_excel_serial(*n),
            cell => {
                let t = cell.display();
                if t.trim().is_empty() {
                    return None;
                }
                Date::parse(&t, self.year)
            }
        };
        if date.is_none() {
            let shown = self.grid.get(r, c).display();
            self.warn(
                r,
                c,
                format!(
                    "{what}“{}”不是可识别的日期（如 2024-03-10），该行已保留，{consequence}",
                    shown.trim()
                ),
            );
        }
        date
    }

    fn name(&self, r: usize, c: &Columns) -> LedgerName {
        LedgerName {
            name: text(self.grid, r, c.name).unwrap_or_default(),
            code: text(self.grid, r, c.code),
        }
    }
}

/// Reads a ledger sheet into `ledgers`, warnings into `warnings`. `within_table`: the
/// sheet is an enterprise table with ledger columns besides; only rows whose ledger
/// columns are filled in are ledger rows, and its cells are not warned about.
#[allow(clippy::too_many_arguments)]
pub fn read(
    grid: &RawGrid,
    header: &HeaderBlock,
    kind: LedgerKind,
    within_table: bool,
    file: &str,
    year: Option<i32>,
    unit: Option<MoneyUnit>,
    ledgers: &mut Ledgers,
    warnings: &mut Vec<Warning>,
) {
    let c = columns(header);
    let Some(name_col) = c.name else { return };
    let sheet = (file.to_string(), grid.sheet.clone());
    let mut rd = Reader {
        grid,
        file,
        year,
        warnings,
        quiet: within_table,
    };
    let mut rows = entry_rows(grid, header, name_col);
    if within_table {
        let filled = |r: usize, col: Option<usize>| text(grid, r, col).is_some();
        rows.retain(|&r| match kind {
            LedgerKind::Key => filled(r, c.leader),
            LedgerKind::StopReduce => {
                filled(r, c.reason)
                    || text(grid, r, c.kind).is_some_and(|t| StopKind::of_text(&t).is_some())
            }
            LedgerKind::Review => filled(r, c.kind) || filled(r, c.evidence),
            LedgerKind::Projects => filled(r, c.expected_month),
        });
    }
    match kind {
        LedgerKind::Key => {
            ledgers.key.sheets.push(sheet);
            for r in rows {
                ledgers.key.rows.push(KeyEntry {
                    at: rd.at(r, name_col),
                    of: rd.name(r, &c),
                    leader: text(grid, r, c.leader).unwrap_or_default(),
                    unit: text(grid, r, c.unit),
                    problems: text(grid, r, c.problems),
                    measures: text(grid, r, c.measures),
                });
            }
        }
        LedgerKind::StopReduce => {
            ledgers.stop_reduce.sheets.push(sheet);
            for r in rows {
                let kind_text = text(grid, r, c.kind);
                let kind = kind_text.as_deref().and_then(StopKind::of_text);
                if let (Some(col), Some(t), None) = (c.kind, &kind_text, kind) {
                    rd.warn(
                        r,
                        col,
                        format!("停减产类型“{t}”无法识别（应为停产、减产、季节性停产或半停产），该行已保留"),
                    );
                }
                let resume = match (c.resume, c.resume.map(|col| grid.get(r, col))) {
                    (Some(col), Some(Cell::Number(_))) => rd
                        .date(r, Some(col), "预计复产时间", "按原文保留")
                        .map(|d| d.to_string()),
                    _ => text(grid, r, c.resume),
                };
                ledgers.stop_reduce.rows.push(StopEntry {
                    at: rd.at(r, name_col),
                    of: rd.name(r, &c),
                    kind,
                    reason: text(grid, r, c.reason).unwrap_or_default(),
                    resume,
                    leader: text(grid, r, c.leader),
                });
            }
        }
        LedgerKind::Review => {
            ledgers.review.sheets.push(sheet);
            for r in rows {
                let kind_text = text(grid, r, c.kind);
                let kind = kind_text.as_deref().and_then(ReviewKind::of_text);
                match (c.kind, &kind_text, kind) {
                    (Some(col), Some(t), None) => rd.warn(
                        r,
                        col,
                        format!("审核类型“{t}”无法识别（应为强制审核、产值查询或明细表审核），该行已保留，不计入强制审核或查询户数"),
                    ),
                    (Some(col), None, _) => rd.warn(
                        r,
                        col,
                        "审核类型为空，该行已保留，不计入强制审核或查询户数".into(),
                    ),
                    _ => {}
                }
                let evidence = match text(grid, r, c.evidence) {
                    None => false,
                    Some(t) => match evidence_of(&t) {
                        Some(v) => v,
                        None => {
                            if let Some(col) = c.evidence {
                                rd.warn(
                                    r,
                                    col,
                                    format!("佐证材料“{t}”无法判断是否已上传（应为已上传或未传），按未上传计"),
                                );
                            }
                            false
                        }
                    },
                };
                let deadline = rd.date(r, c.deadline, "截止时间", "不计入逾期");
                ledgers.review.rows.push(ReviewEntry {
                    at: rd.at(r, name_col),
                    of: rd.name(r, &c),
                    kind,
                    evidence,
                    deadline,
                    responsible: text(grid, r, c.responsible),
                });
            }
        }
        LedgerKind::Projects => {
            ledgers.projects.sheets.push(sheet);
            let to_yi = c
                .expected_output
                .and_then(|col| header_unit(&header.keys[col]))
                .or(unit)
                .unwrap_or(MoneyUnit::Wan)
                .to_yi();
            for r in rows {
                ledgers.projects.rows.push(ProjectEntry {
                    at: rd.at(r, name_col),
                    name: text(grid, r, c.name).unwrap_or_default(),
                    region: text(grid, r, c.region),
                    expected_month: text(grid, r, c.expected_month),
                    expected_output: c
                        .expected_output
                        .and_then(|col| number_opt(grid.get(r, col)))
                        .map(|v| v * to_yi),
                    state: text(grid, r, c.state),
                });
            }
        }
    }
}

/// 佐证材料: 已上传/已传/是/√ = provided; 未传/否 = missing; `None` when it says neither.
fn evidence_of(text: &str) -> Option<bool> {
    let t = crate::ingest::text::normalize(text);
    if has_any(&t, &["未", "否", "没", "无", "缺", "×", "✗", "待"]) || t == "N" || t == "0"
    {
        Some(false)
    } else if has_any(&t, &["已", "是", "√", "✓", "有", "齐"]) || t == "Y" || t == "1" {
        Some(true)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::evidence_of;

    #[test]
    fn evidence_words() {
        for yes in ["已上传", "已传", "是", "√", "已提供"] {
            assert_eq!(evidence_of(yes), Some(true), "{yes}");
        }
        for no in ["未传", "未上传", "否", "无", "待上传"] {
            assert_eq!(evidence_of(no), Some(false), "{no}");
        }
        assert_eq!(evidence_of("见附件"), None);
    }
}
