//! A table that lists each month of both years and no cumulative column ("2023年1月 |
//! 2023年2月 | 2022年1月 | 2022年2月"): its 1-本月 and 上年同期 are the months' sums. The
//! sheet is read with two columns added after its last, each row's sums, so every check
//! and every later step sees an ordinary table.

use super::fields::{classify, named_month, Field};
use super::header::detect;
use super::period_text::find_period;
use super::values::number_opt;
use crate::ingest::grid::{Cell, RawGrid};
use crate::ingest::text::has_any;

/// The sheet with its two sums added, and the months' columns (this year's, last
/// year's) they add, when it is such a table.
pub fn complete(grid: &RawGrid) -> Option<(RawGrid, Vec<usize>, Vec<usize>)> {
    let header = detect(grid)?;
    let cumulative = header.keys.iter().any(|k| {
        matches!(
            classify(k),
            Some((Field::CumOutput | Field::CumOutputPrior, _))
        )
    });
    if cumulative {
        return None;
    }
    // (column, month, year named, a prior word): rates and other indicators are not
    // months' figures.
    let months: Vec<(usize, u32, Option<i32>, bool)> = header
        .keys
        .iter()
        .enumerate()
        .filter(|(_, k)| classify(k).is_some())
        .filter(|(_, k)| !has_any(k, &["增", "%", "预计", "计划", "目标"]))
        .filter_map(|(c, k)| {
            let month = named_month(k)?;
            let year = k.split('|').find_map(|l| find_period(l).year);
            Some((c, month, year, has_any(k, &["上年", "去年"])))
        })
        .collect();
    let latest_year = months.iter().filter_map(|m| m.2).max();
    let prior = |m: &(usize, u32, Option<i32>, bool)| {
        m.3 || matches!((m.2, latest_year), (Some(y), Some(l)) if y < l)
    };
    let span = |of_prior: bool| -> Option<Vec<usize>> {
        let mut cols: Vec<(u32, usize)> = months
            .iter()
            .filter(|m| prior(m) == of_prior)
            .map(|m| (m.1, m.0))
            .collect();
        cols.sort();
        let contiguous = cols
            .iter()
            .enumerate()
            .all(|(i, (m, _))| *m == i as u32 + 1);
        (!cols.is_empty() && contiguous).then(|| cols.into_iter().map(|(_, c)| c).collect())
    };
    let (this_year, last_year) = (span(false)?, span(true)?);
    if this_year.len() != last_year.len() {
        return None;
    }
    let k = this_year.len();
    let (rows, cols) = (grid.rows(), grid.cols());
    let mut out = RawGrid::new(grid.sheet.clone(), grid.origin, rows, cols + 2);
    for r in 0..rows {
        for (c, cell) in grid.row(r).iter().enumerate() {
            out.set(r, c, cell.clone());
        }
    }
    out.merges = grid.merges.clone();
    // The months' unit, where their headers state one ("1月（万元）"), is the sums' too.
    let unit = super::header::header_unit_for(&header, this_year[0])
        .map(|u| format!("（{}）", u.label()))
        .unwrap_or_default();
    let label = |prior: bool| {
        let span = if k == 1 {
            "1月".into()
        } else {
            format!("1-{k}月")
        };
        let year = if prior { "上年" } else { "" };
        Cell::Text(format!("{year}{span}（各月相加）{unit}").into())
    };
    // Upper header rows named too: a blank there would take the parent on its left
    // (工业销售产值…) as the added columns' own.
    for r in header.first_row..header.last_row {
        out.set(r, cols, Cell::Text("工业总产值".into()));
        out.set(r, cols + 1, Cell::Text("工业总产值".into()));
    }
    out.set(header.last_row, cols, label(false));
    out.set(header.last_row, cols + 1, label(true));
    for r in header.last_row + 1..rows {
        for (c, months) in [(cols, &this_year), (cols + 1, &last_year)] {
            let parts: Vec<f64> = months
                .iter()
                .filter_map(|&m| number_opt(grid.get(r, m)))
                .collect();
            if !parts.is_empty() {
                out.set(r, c, Cell::Number(parts.iter().sum()));
            }
        }
    }
    Some((out, this_year, last_year))
}
