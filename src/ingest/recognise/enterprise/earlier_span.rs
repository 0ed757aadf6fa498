//! A cumulative-only table that also carries last month's cumulative ("1-4月 | 1-5月 |
//! 上年1-4月 | 上年1-5月") holds the month itself: 本月 = 1-5月 − 1-4月, per row, for
//! both years. Without those columns the month is derived across tables (analysis).

use super::super::fields::{classify, named_span_end, Field, Mapping};
use super::super::header::HeaderBlock;
use super::super::values::number_opt;
use crate::ingest::grid::RawGrid;
use crate::model::tables::money_difference;
use crate::model::{EnterpriseTable, Period};

/// The columns of last month's cumulative, this year's and last year's, when the header
/// has both and the mapping left them unused.
pub fn columns(
    header: &HeaderBlock,
    mapping: &Mapping,
    period: Option<Period>,
) -> Option<(usize, usize)> {
    let before = period?.month.checked_sub(1).filter(|m| *m >= 1)?;
    let used = |c: usize| mapping.fields.values().any(|m| m.column == c);
    let find = |field: Field| {
        header.keys.iter().enumerate().find_map(|(c, key)| {
            (!used(c)
                && named_span_end(key) == Some(before)
                && classify(key).is_some_and(|(f, _)| f == field))
            .then_some(c)
        })
    };
    Some((find(Field::CumOutput)?, find(Field::CumOutputPrior)?))
}

/// Replaces the month pair of a cumulative-only table by the cumulative less last
/// month's cumulative (a missing cell is 0: an enterprise new this month; a month below
/// 0, a correction, is 0).
pub fn derive_month(
    grid: &RawGrid,
    table: &mut EnterpriseTable,
    (this_year, last_year): (usize, usize),
    to_yi: f64,
) {
    let before = |row: usize, col: usize| {
        number_opt(grid.get(row - grid.origin.0, col)).unwrap_or(0.0) * to_yi
    };
    for (i, &row) in table.source_rows.iter().enumerate() {
        table.month_output[i] = money_difference(table.cum_output[i], before(row, this_year));
        table.month_output_prior[i] =
            money_difference(table.cum_output_prior[i], before(row, last_year));
    }
    table.cumulative_only = false;
}
