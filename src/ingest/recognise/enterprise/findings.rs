//! What the rows of one sheet had wrong, gathered by kind: one warning per kind says how
//! many rows and which (as cell ranges), whatever the sheet's size. A million rows
//! without a region are one line, not a million.

use crate::ingest::diag::Warning;
use crate::ingest::grid::RawGrid;
use crate::ingest::recognise::fields::Field;

/// A kind of row finding, with the column its cells are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    NoRegion,
    NotIndustry,
    NotNumber(Field),
    FormulaError(Field),
    /// A formula saved without its result (the file never opened in Excel or WPS).
    Uncomputed(Field),
    Negative,
    DuplicateCode,
    DuplicateName,
    RepeatedHeader,
    Subtotal,
    Note,
    Nameless,
}

impl Finding {
    /// Whether it may change a figure (a 警告) or is said for the record (a 说明).
    fn serious(self) -> bool {
        !matches!(
            self,
            Finding::RepeatedHeader | Finding::Subtotal | Finding::Note
        )
    }

    fn message(self, count: usize, at: &str, examples: &str) -> String {
        match self {
            Finding::NoRegion => format!(
                "{count}户企业没有填写所在县（市、区）（{at}），计入“未填地区”{examples}"
            ),
            Finding::NotIndustry => format!(
                "{count}户企业的行业不是工业大类（06–46）（{at}），行业分析中计入“未识别行业”{examples}"
            ),
            Finding::NotNumber(f) => format!(
                "{count}个{}单元格不是数字（{at}），按空值处理{examples}",
                f.label()
            ),
            Finding::FormulaError(f) => format!(
                "{count}个{}单元格是公式错误（{at}），按空值处理{examples}",
                f.label()
            ),
            Finding::Uncomputed(f) => format!(
                "{count}个{}单元格是没有计算结果的公式（{at}）：文件由程序生成、未经 Excel 或 WPS 计算，这些数值未知，按空值处理；请用 Excel 或 WPS 打开此文件并保存后再载入",
                f.label()
            ),
            Finding::Negative => format!("{count}户企业有负的产值（{at}），请核实{examples}"),
            Finding::DuplicateCode => format!(
                "{count}户企业的代码与前面的行重复（{at}），两行都已计入，请核实是否同一企业{examples}"
            ),
            Finding::DuplicateName => format!(
                "{count}户企业的名称与前面的行重复（{at}），两行都已计入，请核实是否同一企业{examples}"
            ),
            Finding::RepeatedHeader => {
                format!("{at}重复了表头（分页打印的每页表头），未计为企业")
            }
            Finding::Subtotal => format!("{at}是小计或县区汇总行，未计为企业"),
            Finding::Note => format!("{at}是说明、页码或制表人等表尾行，未计为企业"),
            Finding::Nameless => format!("{at}有产值但没有企业名称，未计入；请核实"),
        }
    }
}

/// How many examples a warning names, and how many row ranges it lists.
const EXAMPLES: usize = 3;
const RANGES: usize = 6;

struct Group {
    finding: Finding,
    column: usize,
    count: usize,
    /// Consecutive rows merged: (first, last), zero-based sheet rows of the grid.
    ranges: Vec<(usize, usize)>,
    /// (row, what to show), the first few.
    examples: Vec<(usize, String)>,
}

/// The findings of one sheet's rows, in the order their kinds first appeared.
#[derive(Default)]
pub struct RowFindings {
    groups: Vec<Group>,
}

impl RowFindings {
    /// Notes `finding` at row `row`, column `column`; `example` is what to show of it
    /// ("“甲”：—"), kept for the first few only.
    pub fn add(
        &mut self,
        finding: Finding,
        row: usize,
        column: usize,
        example: impl FnOnce() -> String,
    ) {
        let group = match self.groups.iter().position(|g| g.finding == finding) {
            Some(i) => &mut self.groups[i],
            None => {
                self.groups.push(Group {
                    finding,
                    column,
                    count: 0,
                    ranges: Vec::new(),
                    examples: Vec::new(),
                });
                self.groups.last_mut().expect("just pushed")
            }
        };
        group.count += 1;
        match group.ranges.last_mut() {
            Some((_, last)) if *last + 1 == row => *last = row,
            _ => group.ranges.push((row, row)),
        }
        if group.examples.len() < EXAMPLES {
            let e = example();
            if !e.is_empty() {
                group.examples.push((row, e));
            }
        }
    }

    /// Takes back what was noted of `row` (a row found afterwards to be a total, not an
    /// enterprise).
    pub fn forget(&mut self, row: usize) {
        for g in &mut self.groups {
            let Some(i) = g.ranges.iter().position(|&(a, b)| a <= row && row <= b) else {
                continue;
            };
            g.count -= 1;
            let (a, b) = g.ranges[i];
            match (a == row, b == row) {
                (true, true) => {
                    g.ranges.remove(i);
                }
                (true, false) => g.ranges[i].0 = row + 1,
                (false, true) => g.ranges[i].1 = row - 1,
                (false, false) => {
                    g.ranges[i].1 = row - 1;
                    g.ranges.insert(i + 1, (row + 1, b));
                }
            }
            g.examples.retain(|(r, _)| *r != row);
        }
        self.groups.retain(|g| g.count > 0);
    }

    /// One warning per kind, each naming its cells.
    pub fn report(self, grid: &RawGrid, file: &str, warnings: &mut Vec<Warning>) {
        for g in self.groups {
            let cell = |r: usize| grid.a1(r, g.column);
            let mut at: Vec<String> = g
                .ranges
                .iter()
                .take(RANGES)
                .map(|&(a, b)| {
                    if a == b {
                        cell(a)
                    } else {
                        format!("{}–{}", cell(a), cell(b))
                    }
                })
                .collect();
            if g.ranges.len() > RANGES {
                at.push("等".into());
            }
            let examples = if g.examples.is_empty() {
                String::new()
            } else {
                format!(
                    "：{}{}",
                    g.examples
                        .iter()
                        .map(|(_, e)| e.as_str())
                        .collect::<Vec<_>>()
                        .join("、"),
                    if g.count > g.examples.len() {
                        "等"
                    } else {
                        ""
                    }
                )
            };
            let w = Warning::new(
                file,
                Some(&grid.sheet),
                Some(cell(g.ranges[0].0)),
                g.finding.message(g.count, &at.join("、"), &examples),
            );
            warnings.push(if g.finding.serious() { w } else { w.info() });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::grid::Cell;

    #[test]
    fn a_million_rows_are_one_warning_naming_their_range() {
        let grid = RawGrid::from_rows("Sheet1", vec![vec![Cell::Empty]]);
        let mut f = RowFindings::default();
        for r in 2..1_000_002 {
            f.add(Finding::NoRegion, r, 0, || format!("“企业{r}”"));
        }
        f.add(Finding::NoRegion, 1_000_005, 0, String::new);
        let mut w = Vec::new();
        f.report(&grid, "a.xlsx", &mut w);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].at.cell.as_deref(), Some("A3"));
        assert!(
            w[0].message.starts_with(
                "1000001户企业没有填写所在县（市、区）（A3–A1000002、A1000006），计入“未填地区”：“企业2”、“企业3”、“企业4”等"
            ),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn a_row_taken_back_leaves_the_others() {
        let grid = RawGrid::from_rows("Sheet1", vec![vec![Cell::Empty]]);
        let mut f = RowFindings::default();
        for r in [3, 4, 5, 9] {
            f.add(Finding::NoRegion, r, 0, || format!("“企业{r}”"));
        }
        f.add(Finding::Nameless, 9, 0, String::new);
        f.forget(4);
        f.forget(9);
        let mut w = Vec::new();
        f.report(&grid, "a.xlsx", &mut w);
        assert_eq!(w.len(), 1, "the kind with no row left is gone");
        assert!(
            w[0].message.starts_with(
                "2户企业没有填写所在县（市、区）（A4、A6），计入“未填地区”：“企业3”、“企业5”"
            ),
            "{}",
            w[0].message
        );
    }
}
