//! Finding the header block of a sheet (skipping title, unit and blank rows), filling its
//! merged cells, and joining its levels into one label per column:
//! "工业总产值（当年价格）|本月".

use super::values::{number, Value};
use crate::ingest::grid::RawGrid;
use crate::ingest::text::{has_any, normalize};

/// Words that header cells of our tables use. A row with several is a header row.
const HEADER_WORDS: &[&str] = &[
    "名称",
    "代码",
    "县",
    "区",
    "地区",
    "地市",
    "城市",
    "行业",
    "本月",
    "当月",
    "本期",
    "累计",
    "1-",
    "上年",
    "去年",
    "同期",
    "同月",
    "产值",
    "增速",
    "增长",
    "序号",
    "位次",
    "排名",
    "目标",
    "备注",
    "企业数",
    "单位数",
    "状态",
    "增加值",
    "预计",
    "考评",
    "分组",
    // The bureau's ledgers.
    "领导",
    "包保",
    "原因",
    "类型",
    "审核",
    "佐证",
    "截止",
    "问题",
    "措施",
    "复产",
    "入规",
];

/// The header rows of a sheet and the label each column gets from them.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderBlock {
    pub first_row: usize,
    /// Inclusive.
    pub last_row: usize,
    /// Per column: the levels as written, joined with "|" (repeats from merges collapsed).
    pub labels: Vec<String>,
    /// The same, normalised for matching (see `text::normalize`).
    pub keys: Vec<String>,
}

impl HeaderBlock {
    /// A stable signature of the header, to remember a user's mapping for files laid out
    /// the same way (FNV-1a over the normalised labels).
    pub fn signature(&self) -> String {
        let mut hash: u64 = 0xcbf29ce484222325;
        for key in &self.keys {
            for b in key.bytes().chain([0x1f]) {
                hash ^= b as u64;
                hash = hash.wrapping_mul(0x100000001b3);
            }
        }
        format!("{hash:016x}")
    }
}

struct RowShape {
    text_cells: usize,
    numeric_cells: usize,
    vocabulary: usize,
    distinct_text: usize,
}

fn shape(grid: &RawGrid, row: usize) -> RowShape {
    let mut s = RowShape {
        text_cells: 0,
        numeric_cells: 0,
        vocabulary: 0,
        distinct_text: 0,
    };
    // A hash set: a row may hold 200,000 distinct texts.
    let mut seen: rustc_hash::FxHashSet<String> = Default::default();
    for cell in grid.row(row) {
        if cell.is_empty() {
            continue;
        }
        match number(cell) {
            Value::Number(_) => s.numeric_cells += 1,
            Value::Text(t) => {
                s.text_cells += 1;
                let key = normalize(&t);
                if has_any(&key, HEADER_WORDS) {
                    s.vocabulary += 1;
                }
                seen.insert(key);
            }
            _ => {}
        }
    }
    s.distinct_text = seen.len();
    s
}

/// The deepest header seen in bureau files: indicator, price basis, year, span.
const MAX_LEVELS: usize = 4;

/// How many rows from the top are searched for the header.
const SEARCH_ROWS: usize = 40;

/// Finds the header block; `None` when no row looks like a header.
pub fn detect(grid: &RawGrid) -> Option<HeaderBlock> {
    let limit = grid.rows().min(SEARCH_ROWS);
    let first = (0..limit).find(|&r| {
        let s = shape(grid, r);
        s.vocabulary >= 2 && s.distinct_text >= 2 && s.numeric_cells < s.text_cells
    })?;
    let mut last = first;
    let name_col = (0..grid.cols()).find(|&c| {
        grid.get(first, c)
            .as_text()
            .is_some_and(|t| normalize(t).contains("名称"))
    });
    // Up to three more levels: rows of text only, under a header that has room for them.
    while last + 1 < grid.rows() && last < first + MAX_LEVELS - 1 {
        let next = last + 1;
        let s = shape(grid, next);
        let is_unit_row = s.text_cells == 1
            && grid
                .row(next)
                .iter()
                .any(|c| c.as_text().is_some_and(|t| t.contains("单位")));
        // A lower level leaves the name column blank (merged from above) or repeats it;
        // a row that names something there is the first enterprise, with its figures blank.
        let names_something = name_col.is_some_and(|c| {
            let cell = grid.get(next, c);
            !cell.is_empty() && cell != grid.get(last, c)
        });
        if s.numeric_cells > 0
            || s.text_cells == 0
            || is_unit_row
            || names_something
            || looks_like_data_label(grid, next)
        {
            break;
        }
        last = next;
    }
    Some(join_levels(grid, first, last))
}

/// A text-only row under the header can still be data (a region list with blank figures);
/// such rows start with a total or a place name, never with a level word.
fn looks_like_data_label(grid: &RawGrid, row: usize) -> bool {
    let first_text = grid
        .row(row)
        .iter()
        .find(|c| !c.is_empty())
        .map(|c| normalize(&c.display()))
        .unwrap_or_default();
    matches!(
        first_text.as_str(),
        "合计" | "总计" | "全市" | "全省" | "全国"
    )
}

fn join_levels(grid: &RawGrid, first: usize, last: usize) -> HeaderBlock {
    let mut header = grid.clone_rows(first, last);
    header.fill_merges();
    let levels = last - first + 1;
    // Without merge information (ods, xlsb, csv), an upper-level cell left blank belongs
    // to the group on its left when both columns have a lower-level label.
    for r in 0..levels.saturating_sub(1) {
        for c in 1..header.cols() {
            if !header.get(r, c).is_empty() || header.get(r, c - 1).is_empty() {
                continue;
            }
            let below = |col: usize| (r + 1..levels).any(|rr| !header.get(rr, col).is_empty());
            if below(c) && below(c - 1) {
                let left = header.get(r, c - 1).clone();
                header.set(r, c, left);
            }
        }
    }
    let mut labels = Vec::with_capacity(header.cols());
    let mut keys = Vec::with_capacity(header.cols());
    for c in 0..header.cols() {
        let mut parts: Vec<String> = Vec::new();
        for r in 0..levels {
            let text = header.get(r, c).display().trim().to_string();
            if !text.is_empty() && parts.last() != Some(&text) {
                parts.push(text);
            }
        }
        let label = parts.join("|");
        keys.push(normalize(&label));
        labels.push(label);
    }
    HeaderBlock {
        first_row: first,
        last_row: last,
        labels,
        keys,
    }
}

/// A unit written in column `col`'s header ("工业总产值(万元)").
pub fn header_unit_for(header: &HeaderBlock, col: usize) -> Option<super::units::MoneyUnit> {
    header
        .keys
        .get(col)
        .and_then(|k| k.split('|').find_map(super::units::header_unit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::grid::{Cell, Merge};

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn two_level_header_under_title_and_unit_rows() {
        let rows = vec![
            vec![t("2023年1-2月全市规模以上工业企业主要指标")],
            vec![Cell::Empty, Cell::Empty, Cell::Empty, t("单位：千元")],
            vec![
                t("单位详细名称"),
                t("县（市、区）"),
                t("工业总产值（当年价格）"),
                Cell::Empty,
            ],
            vec![Cell::Empty, Cell::Empty, t("本月"), t("1-本月")],
            vec![
                t("甲公司"),
                t("城东区"),
                Cell::Number(1.0),
                Cell::Number(2.0),
            ],
        ];
        let grid = RawGrid::from_rows("S", rows);
        let h = detect(&grid).unwrap();
        assert_eq!((h.first_row, h.last_row), (2, 3));
        assert_eq!(
            h.labels,
            vec![
                "单位详细名称",
                "县（市、区）",
                "工业总产值（当年价格）|本月",
                "工业总产值（当年价格）|1-本月"
            ]
        );
        assert_eq!(h.keys[1], "县(市、区)");
    }

    #[test]
    fn merges_name_every_covered_column() {
        let rows = vec![
            vec![
                t("企业名称"),
                t("工业总产值"),
                Cell::Empty,
                t("销售产值"),
                Cell::Empty,
            ],
            vec![
                Cell::Empty,
                t("本月"),
                t("上年同月"),
                t("本月"),
                t("上年同月"),
            ],
            vec![
                t("甲"),
                Cell::Number(1.0),
                Cell::Number(1.0),
                Cell::Number(1.0),
                Cell::Number(1.0),
            ],
        ];
        let mut grid = RawGrid::from_rows("S", rows);
        grid.merges.push(Merge {
            first_row: 0,
            first_col: 1,
            last_row: 0,
            last_col: 2,
        });
        grid.merges.push(Merge {
            first_row: 0,
            first_col: 0,
            last_row: 1,
            last_col: 0,
        });
        let h = detect(&grid).unwrap();
        assert_eq!(
            h.labels,
            vec![
                "企业名称",
                "工业总产值|本月",
                "工业总产值|上年同月",
                "销售产值|本月",
                "销售产值|上年同月"
            ]
        );
    }

    #[test]
    fn signature_depends_on_labels_only() {
        let a = RawGrid::from_rows("A", vec![vec![t("企业名称"), t("本月产值")]]);
        let b = RawGrid::from_rows("B", vec![vec![t("企业 名称"), t("本月产值")]]);
        assert_eq!(
            detect(&a).unwrap().signature(),
            detect(&b).unwrap().signature()
        );
    }
}
