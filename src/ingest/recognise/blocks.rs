//! Several tables on one sheet: side by side with empty columns between them, or one
//! under another with empty rows and a new title or header. Each block becomes a grid of
//! its own (its origin kept, so every message still names the sheet's own cells) and is
//! recognised on its own, with its own role.
//!
//! A split is only taken when each block is a table by itself: a header of its own and
//! a column of labels (names, regions) under it. A table with an empty spacer column
//! leaves a right-hand part of bare figures, and a table with blank rows every few
//! enterprises leaves parts without a header: neither is split.

use super::header::{detect, HeaderBlock};
use crate::ingest::grid::{Merge, RawGrid};
use crate::ingest::text::normalize;

/// Rows read below an empty row to find a new table's header and labels.
const WINDOW: usize = 60;
/// Empty-row runs looked at per sheet: a printed table's blank rows are not new tables.
const MAX_CANDIDATES: usize = 64;

/// The sheet's blocks, when it holds more than one table; `None` for one.
pub fn split(grid: &RawGrid) -> Option<Vec<RawGrid>> {
    if grid.rows() < 3 || grid.cols() < 2 {
        return None;
    }
    // Only a sheet that splits is copied: a province's one table is read in place.
    let out: Vec<RawGrid> = match side_by_side(grid) {
        Some(parts) => parts
            .into_iter()
            .flat_map(|p| one_under_another(&p).unwrap_or_else(|| vec![p]))
            .collect(),
        None => one_under_another(grid)?,
    };
    (out.len() > 1).then_some(out)
}

/// Column runs separated by columns that are empty from top to bottom.
fn side_by_side(grid: &RawGrid) -> Option<Vec<RawGrid>> {
    let filled: Vec<bool> = (0..grid.cols())
        .map(|c| (0..grid.rows()).any(|r| !grid.get(r, c).is_empty()))
        .collect();
    if filled.iter().all(|f| *f) {
        return None;
    }
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut c = 0;
    while c < filled.len() {
        if !filled[c] {
            c += 1;
            continue;
        }
        let start = c;
        while c < filled.len() && filled[c] {
            c += 1;
        }
        runs.push((start, c - 1));
    }
    if runs.len() < 2 {
        return None;
    }
    let parts: Vec<RawGrid> = runs
        .iter()
        .map(|&(c0, c1)| sub_grid(grid, 0, grid.rows() - 1, c0, c1))
        .collect();
    parts.iter().all(is_table).then_some(parts)
}

/// Row runs separated by empty rows, where each later run starts with a title or a
/// header of its own that differs from the one above.
fn one_under_another(grid: &RawGrid) -> Option<Vec<RawGrid>> {
    let empty: Vec<bool> = (0..grid.rows())
        .map(|r| grid.row(r).iter().all(|c| c.is_empty()))
        .collect();
    let lone_text = |row: usize| {
        let mut filled = grid.row(row).iter().filter(|c| !c.is_empty());
        matches!((filled.next(), filled.next()), (Some(c), None) if c.as_text().is_some())
    };
    // Only a row without figures can open a table; a window of rows is enough to find
    // its header (this keeps a long table with blank rows linear).
    let has_figures = |row: usize| {
        grid.row(row)
            .iter()
            .any(|c| super::values::number_opt(c).is_some())
    };
    // A print footer ("制表人", "打印时间") ends the table above: a header right under it
    // opens the next, with or without an empty row between.
    let footer = |row: usize| {
        grid.row(row)
            .iter()
            .find_map(|c| c.as_text().filter(|t| !t.trim().is_empty()))
            .is_some_and(super::rows::is_footer)
    };
    let first = detect(grid)?;
    // A row holding one of the table's own header words may be a header again; only
    // such a row is looked at right under an enterprise's row (most rows are those).
    let header_words: rustc_hash::FxHashSet<&str> = (first.first_row..=first.last_row)
        .flat_map(|r| {
            grid.row(r)
                .iter()
                .filter_map(|c| c.as_text())
                .map(str::trim)
        })
        .filter(|t| !t.is_empty())
        .collect();
    // A header row names its first columns (序号, 企业名称…): its first texts say.
    let header_like = |row: usize| {
        grid.row(row)
            .iter()
            .filter_map(|c| c.as_text())
            .take(3)
            .any(|t| header_words.contains(t.trim()))
    };
    let mut cuts = vec![0usize];
    let mut checked = 0;
    let mut previous = first.signature();
    let mut previous_title = title_text(grid, 0, first.first_row);
    let mut r = first.last_row + 1;
    while r < grid.rows() {
        // A table opens after empty rows, or at the first of the rows that hold one text
        // each ("城东区2023年1-2月…" and the header again, no gap between; a printed
        // page's header repeated is passed over whole below, so its inner rows are not
        // taken for titles).
        let opens = !empty[r]
            && r > 0
            && (empty[r - 1]
                || (lone_text(r) && !lone_text(r - 1))
                || footer(r - 1)
                || (header_like(r) && has_figures(r - 1)))
            && !has_figures(r);
        if !opens {
            r += 1;
            continue;
        }
        checked += 1;
        if checked > MAX_CANDIDATES {
            break;
        }
        let window = sub_grid(
            grid,
            r,
            (r + WINDOW).min(grid.rows() - 1),
            0,
            grid.cols() - 1,
        );
        let Some(h) = detect(&window) else {
            r += 1;
            continue;
        };
        // The new table starts right here: a header at once, or after title rows that
        // hold one text each (not a page's "续" title, not an enterprise row).
        let titles_only = (0..h.first_row).all(|t| {
            let cells: Vec<_> = window.row(t).iter().filter(|c| !c.is_empty()).collect();
            cells.len() <= 1
                && cells
                    .first()
                    .is_none_or(|c| c.as_text().is_some_and(|t| !t.contains('续')))
        });
        // A header holds no figures (text figures of a CSV included): rows of
        // enterprises after a blank row are never a new table's header. Up to five title
        // rows may head it (title, 快报, a notes line, the unit row…).
        let a_header_here = h.first_row <= 5 && !(r..=r + h.last_row).any(has_figures);
        if !a_header_here {
            r += 1;
            continue;
        }
        // The same header again is a printed page's, unless a title of its own, unlike
        // the table's, heads it: "2023年1月…" under a February table is another table.
        let title = title_text(&window, 0, h.first_row);
        let repeated = h.signature() == previous && (title.is_empty() || title == previous_title);
        // With no empty row before it, another header opens a table only under a title
        // naming a period, a footer or an enterprise's row: a header's own inner rows
        // ("当年价格") follow none of them.
        let names_period = || {
            let p = super::period_text::find_period(&title);
            p.year.is_some() && p.month.is_some()
        };
        if !empty[r - 1]
            && !footer(r - 1)
            && !has_figures(r - 1)
            && h.signature() != previous
            && !names_period()
        {
            r += 1;
            continue;
        }
        if titles_only && repeated {
            // The table's own header again, a printed page's: passed over whole.
            r += h.last_row + 1;
            continue;
        }
        if !titles_only || !has_label_column(&window, &h) {
            r += 1;
            continue;
        }
        previous = h.signature();
        previous_title = title;
        cuts.push(r);
        r += h.last_row + 1;
    }
    if cuts.len() < 2 {
        return None;
    }
    cuts.push(grid.rows());
    let parts: Vec<RawGrid> = cuts
        .windows(2)
        .map(|w| sub_grid(grid, w[0], w[1] - 1, 0, grid.cols() - 1))
        .collect();
    parts.iter().all(is_table).then_some(parts)
}

/// The title text of rows `r0..r1`, normalised (spaces and full-width forms folded); a
/// printed page's marks ("第1页 共3页", "(续)", a bare page number) and a unit row are not
/// a title.
fn title_text(grid: &RawGrid, r0: usize, r1: usize) -> String {
    (r0..r1)
        .flat_map(|r| grid.row(r).iter().filter_map(|c| c.as_text()))
        .map(normalize)
        .filter(|t| {
            !["单位", "计量单位", "金额单位"]
                .iter()
                .any(|w| t.starts_with(w))
                && !t.contains('页')
                && !t.contains('续')
                && !t
                    .chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
        })
        .collect()
}

/// A block is a table when it has a header and, under it, labels: text in at least half
/// the rows that carry numbers (the names, regions or 合计 of a table; the bare figures
/// of a part cut off by a spacer column have none).
fn is_table(grid: &RawGrid) -> bool {
    let Some(header) = detect(grid) else {
        return false;
    };
    has_label_column(grid, &header)
}

fn has_label_column(grid: &RawGrid, header: &HeaderBlock) -> bool {
    let body = header.last_row + 1..grid.rows();
    let data_rows: Vec<usize> = body
        .filter(|&r| {
            grid.row(r)
                .iter()
                .any(|c| super::values::number_opt(c).is_some())
        })
        .collect();
    if data_rows.is_empty() {
        return false;
    }
    let labelled = data_rows
        .iter()
        .filter(|&&r| {
            grid.row(r).iter().any(|cell| {
                cell.as_text().is_some_and(|t| {
                    !t.trim().is_empty() && super::values::number_opt(cell).is_none()
                })
            })
        })
        .count();
    labelled * 2 >= data_rows.len()
}

/// Rows `r0..=r1` and columns `c0..=c1` (grid-relative) as a grid of their own, with the
/// merges inside them, at the same place in the sheet.
fn sub_grid(grid: &RawGrid, r0: usize, r1: usize, c0: usize, c1: usize) -> RawGrid {
    let r1 = r1.min(grid.rows().saturating_sub(1));
    let c1 = c1.min(grid.cols().saturating_sub(1));
    let rows = (r1 + 1).saturating_sub(r0);
    let cols = (c1 + 1).saturating_sub(c0);
    let mut out = RawGrid::new(
        grid.sheet.clone(),
        (grid.origin.0 + r0, grid.origin.1 + c0),
        rows,
        cols,
    );
    for r in 0..rows {
        for c in 0..cols {
            let cell = grid.get(r0 + r, c0 + c);
            if !cell.is_empty() {
                out.set(r, c, cell.clone());
            }
        }
    }
    let (top, left) = out.origin;
    let (bottom, right) = (top + rows.saturating_sub(1), left + cols.saturating_sub(1));
    out.merges = grid
        .merges
        .iter()
        .filter(|m| {
            m.first_row <= bottom && m.last_row >= top && m.first_col <= right && m.last_col >= left
        })
        .map(|m| Merge {
            first_row: m.first_row.max(top),
            first_col: m.first_col.max(left),
            last_row: m.last_row.min(bottom),
            last_col: m.last_col.min(right),
        })
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::grid::Cell;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }
    fn n(v: f64) -> Cell {
        Cell::Number(v)
    }

    #[test]
    fn two_tables_side_by_side_are_two_blocks() {
        let g = RawGrid::from_rows(
            "S",
            vec![
                vec![
                    t("企业名称"),
                    t("县区"),
                    t("1-2月"),
                    Cell::Empty,
                    t("县区"),
                    t("增速(%)"),
                ],
                vec![
                    t("甲公司"),
                    t("青山区"),
                    n(10.0),
                    Cell::Empty,
                    t("青山区"),
                    n(5.0),
                ],
                vec![
                    t("乙公司"),
                    t("城东区"),
                    n(20.0),
                    Cell::Empty,
                    t("城东区"),
                    n(6.0),
                ],
            ],
        );
        let blocks = split(&g).expect("two blocks");
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].origin, (0, 4));
        assert_eq!(blocks[1].a1(0, 0), "E1");
    }

    #[test]
    fn a_spacer_column_is_not_a_second_table() {
        let g = RawGrid::from_rows(
            "S",
            vec![
                vec![t("企业名称"), t("县区"), Cell::Empty, t("本月"), t("1-2月")],
                vec![t("甲公司"), t("青山区"), Cell::Empty, n(1.0), n(10.0)],
                vec![t("乙公司"), t("城东区"), Cell::Empty, n(2.0), n(20.0)],
            ],
        );
        assert!(split(&g).is_none());
    }

    #[test]
    fn blank_rows_inside_a_table_do_not_split_it() {
        let g = RawGrid::from_rows(
            "S",
            vec![
                vec![t("企业名称"), t("县区"), t("1-2月")],
                vec![t("甲公司"), t("青山区"), n(10.0)],
                vec![],
                vec![t("乙公司"), t("城东区"), n(20.0)],
                vec![],
                vec![t("企业名称"), t("县区"), t("1-2月")],
                vec![t("丙公司"), t("城东区"), n(20.0)],
            ],
        );
        assert!(split(&g).is_none());
    }

    #[test]
    fn a_second_table_under_the_first_is_its_own_block() {
        let g = RawGrid::from_rows(
            "S",
            vec![
                vec![t("企业名称"), t("县区"), t("1-2月")],
                vec![t("甲公司"), t("青山区"), n(10.0)],
                vec![t("乙公司"), t("城东区"), n(20.0)],
                vec![],
                vec![t("各县区规上工业增加值增速")],
                vec![t("县区"), t("增速(%)"), t("位次")],
                vec![t("青山区"), n(5.0), n(1.0)],
                vec![t("城东区"), n(4.0), n(2.0)],
            ],
        );
        let blocks = split(&g).expect("two blocks");
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].origin, (4, 0));
    }

    #[test]
    fn the_same_header_under_another_title_is_another_table() {
        let table = |title: &str, f: f64| {
            vec![
                vec![t(title)],
                vec![t("企业名称"), t("县区"), t("1-本月")],
                vec![t("甲公司"), t("青山区"), n(f)],
                vec![t("乙公司"), t("城东区"), n(f)],
            ]
        };
        let mut rows = table("2023年1-2月规上工业企业产值", 20.0);
        rows.push(vec![]);
        rows.extend(table("2023年1月规上工业企业产值", 10.0));
        let blocks = split(&RawGrid::from_rows("S", rows.clone())).expect("two blocks");
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].origin, (5, 0));
        // With no empty row between, the lone title still opens the second table.
        rows.remove(4);
        let blocks = split(&RawGrid::from_rows("S", rows)).expect("two blocks, no gap");
        assert_eq!(blocks[1].origin, (4, 0));
        // A printed page's repeat (the same title and header, or a page mark over the
        // header) stays one table.
        for repeat in ["2023年1-2月规上工业企业产值", "第 2 页  共 3 页"] {
            let mut printed = table("2023年1-2月规上工业企业产值", 20.0);
            printed.push(vec![]);
            printed.extend(table(repeat, 20.0));
            assert!(
                split(&RawGrid::from_rows("S", printed)).is_none(),
                "{repeat}"
            );
        }
    }
}
