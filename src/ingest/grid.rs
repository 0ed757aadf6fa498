//! `RawGrid`: a sheet's cells exactly as read, before any header is understood.

use serde::Serialize;

/// One cell as read from the file. Dates arrive as their Excel serial number, since no
/// field of ours is a date.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    #[default]
    Empty,
    Number(f64),
    Text(Box<str>),
    Bool(bool),
    /// A formula error such as `#DIV/0!`, kept so a warning can name it; also
    /// [`UNCOMPUTED`], a formula saved without its result.
    Error(Box<str>),
}

/// The error text of a formula its file holds without a computed result (written by a
/// program, never opened in Excel or WPS): its value is unknown, not empty.
pub const UNCOMPUTED: &str = "公式未计算";

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The text of a text cell; numbers are not text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The cell as a user would read it, for headers and names.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    n.to_string()
                }
            }
            Cell::Text(t) => t.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Cell::Error(e) => e.to_string(),
        }
    }
}

/// A merged region, inclusive, in absolute zero-based sheet coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Merge {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

/// A sheet's used range as a dense row-major grid. `origin` is the absolute position of
/// cell (0, 0) so that warnings can name the cell the user sees in Excel.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawGrid {
    pub sheet: String,
    pub origin: (usize, usize),
    rows: usize,
    cols: usize,
    cells: Vec<Cell>,
    pub merges: Vec<Merge>,
}

/// Above this many cells (the used range, rows × columns) a sheet is refused before its
/// dense grid is allocated: 20 million cells are about 480 MB, more than any bureau's
/// sheet (a province's 100,000 enterprises × 50 columns are 5 million).
pub const MAX_GRID_CELLS: u64 = 20_000_000;

/// A sheet whose used range is too large to hold, with the cell that makes it so.
#[derive(Debug, Clone, PartialEq)]
pub struct GridTooLarge {
    pub rows: u64,
    pub cols: u64,
    /// The last row's and last column's corner ("XFD1048576").
    pub far_cell: String,
}

impl GridTooLarge {
    pub fn message(&self, used_range_start: &str) -> String {
        format!(
            "工作表的已用区域为 {used_range_start}:{}（{} 行 × {} 列，约 {:.0} 亿个单元格），超过可读取的上限，未读取。多半是远处有个别无关的单元格（如 {}）：请在 Excel/WPS 中删去后另存再试",
            self.far_cell,
            self.rows,
            self.cols,
            (self.rows * self.cols) as f64 / 1e8,
            self.far_cell
        )
    }
}

impl RawGrid {
    /// A grid from sparse cells at absolute (row, column) positions: the origin is the
    /// first used row and column. The dense size is checked before anything is allocated.
    pub fn from_cells(
        sheet: impl Into<String>,
        cells: Vec<(u32, u32, Cell)>,
        merges: Vec<Merge>,
    ) -> Result<RawGrid, GridTooLarge> {
        let sheet = sheet.into();
        if cells.is_empty() {
            let mut g = RawGrid::new(sheet, (0, 0), 0, 0);
            g.merges = merges;
            return Ok(g);
        }
        let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0, u32::MAX, 0);
        for &(r, c, _) in &cells {
            r0 = r0.min(r);
            r1 = r1.max(r);
            c0 = c0.min(c);
            c1 = c1.max(c);
        }
        let (rows, cols) = (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1);
        if rows.saturating_mul(cols) > MAX_GRID_CELLS {
            return Err(GridTooLarge {
                rows,
                cols,
                far_cell: super::cell_ref::a1(r1 as usize, c1 as usize),
            });
        }
        let mut g = RawGrid::new(
            sheet,
            (r0 as usize, c0 as usize),
            rows as usize,
            cols as usize,
        );
        for (r, c, cell) in cells {
            g.set((r - r0) as usize, (c - c0) as usize, cell);
        }
        g.merges = merges;
        Ok(g)
    }

    pub fn new(sheet: impl Into<String>, origin: (usize, usize), rows: usize, cols: usize) -> Self {
        RawGrid {
            sheet: sheet.into(),
            origin,
            rows,
            cols,
            cells: vec![Cell::Empty; rows * cols],
            merges: Vec::new(),
        }
    }

    /// Builds a grid from ragged rows (CSV, tests), padding short rows with empties.
    pub fn from_rows(sheet: impl Into<String>, rows: Vec<Vec<Cell>>) -> Self {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut grid = RawGrid::new(sheet, (0, 0), rows.len(), cols);
        for (r, row) in rows.into_iter().enumerate() {
            for (c, cell) in row.into_iter().enumerate() {
                grid.set(r, c, cell);
            }
        }
        grid
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The cell at a grid-relative position; outside the grid is empty.
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        if row < self.rows && col < self.cols {
            &self.cells[row * self.cols + col]
        } else {
            &EMPTY
        }
    }

    pub fn set(&mut self, row: usize, col: usize, cell: Cell) {
        if row < self.rows && col < self.cols {
            self.cells[row * self.cols + col] = cell;
        }
    }

    pub fn row(&self, row: usize) -> &[Cell] {
        if row < self.rows {
            &self.cells[row * self.cols..(row + 1) * self.cols]
        } else {
            &[]
        }
    }

    /// A1 reference of a grid-relative position, in the sheet's own coordinates.
    pub fn a1(&self, row: usize, col: usize) -> String {
        super::cell_ref::a1(row + self.origin.0, col + self.origin.1)
    }

    /// The grid's whole range in the sheet's own coordinates ("A1:F20").
    pub fn a1_range(&self) -> String {
        format!(
            "{}:{}",
            self.a1(0, 0),
            self.a1(self.rows.saturating_sub(1), self.cols.saturating_sub(1))
        )
    }

    /// Rows that hold at least one non-empty cell.
    pub fn non_empty_rows(&self) -> usize {
        (0..self.rows)
            .filter(|&r| self.row(r).iter().any(|c| !c.is_empty()))
            .count()
    }

    /// A copy of rows `first..=last` (grid-relative) with the merges that touch them, for
    /// working on a header block without disturbing the data.
    pub fn clone_rows(&self, first: usize, last: usize) -> RawGrid {
        let last = last.min(self.rows.saturating_sub(1));
        let mut out = RawGrid::new(
            self.sheet.clone(),
            (self.origin.0 + first, self.origin.1),
            last + 1 - first,
            self.cols,
        );
        out.cells = self.cells[first * self.cols..(last + 1) * self.cols].to_vec();
        let (top, bottom) = (self.origin.0 + first, self.origin.0 + last);
        out.merges = self
            .merges
            .iter()
            .filter(|m| m.first_row <= bottom && m.last_row >= top)
            .map(|m| Merge {
                first_row: m.first_row.max(top),
                last_row: m.last_row.min(bottom),
                ..*m
            })
            .collect();
        out
    }

    /// Copies each merged region's top-left value into the region's other cells, so a
    /// header spanning 本月/上年同月/增速 names all three columns. calamine reports merged
    /// regions but leaves the covered cells empty.
    pub fn fill_merges(&mut self) {
        let merges = self.merges.clone();
        for m in merges {
            let (r0, c0) = (
                m.first_row.saturating_sub(self.origin.0),
                m.first_col.saturating_sub(self.origin.1),
            );
            if m.first_row < self.origin.0 || m.first_col < self.origin.1 {
                continue;
            }
            let value = self.get(r0, c0).clone();
            if value.is_empty() {
                continue;
            }
            let r1 = (m.last_row - self.origin.0).min(self.rows.saturating_sub(1));
            let c1 = (m.last_col - self.origin.1).min(self.cols.saturating_sub(1));
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if self.get(r, c).is_empty() {
                        self.set(r, c, value.clone());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_fill_covered_cells_and_keep_origin() {
        let mut g = RawGrid::new("S", (2, 1), 2, 3);
        g.set(0, 0, Cell::Text("工业总产值".into()));
        g.merges.push(Merge {
            first_row: 2,
            first_col: 1,
            last_row: 2,
            last_col: 3,
        });
        g.fill_merges();
        assert_eq!(g.get(0, 2), &Cell::Text("工业总产值".into()));
        assert_eq!(g.get(1, 0), &Cell::Empty);
        assert_eq!(g.a1(0, 0), "B3");
    }

    #[test]
    fn ragged_rows_are_padded() {
        let g = RawGrid::from_rows(
            "S",
            vec![vec![Cell::Number(1.0)], vec![Cell::Empty, Cell::Bool(true)]],
        );
        assert_eq!((g.rows(), g.cols()), (2, 2));
        assert_eq!(g.get(0, 1), &Cell::Empty);
        assert_eq!(g.get(9, 9), &Cell::Empty);
        assert_eq!(g.non_empty_rows(), 2);
    }
}
