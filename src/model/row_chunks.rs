//! An enterprise table's rows in pieces, for moving a province's table between threads
//! and into storage without decoding it in one long task: the tables' other fields
//! travel as they are, each table's rows in chunks that decode in a few milliseconds.

use super::{EnterpriseTable, Sources};
use serde::{Deserialize, Serialize};

/// Rows `range` of a table's per-enterprise columns, by reference: serialised, they read
/// back as `Rows` (a slice and a `Vec` encode alike).
#[derive(Serialize)]
pub struct RowsRef<'a> {
    names: &'a [String],
    codes: &'a [Option<String>],
    regions: &'a [String],
    divisions: &'a [Option<String>],
    month_output: &'a [f64],
    month_output_prior: &'a [f64],
    cum_output: &'a [f64],
    cum_output_prior: &'a [f64],
    forecast_next_month: &'a [Option<f64>],
    is_new: &'a [bool],
    reported_stopped: &'a [bool],
    source_rows: &'a [usize],
}

/// Rows read back from a `RowsRef`.
#[derive(Debug, Default, Deserialize)]
pub struct Rows {
    names: Vec<String>,
    codes: Vec<Option<String>>,
    regions: Vec<String>,
    divisions: Vec<Option<String>>,
    month_output: Vec<f64>,
    month_output_prior: Vec<f64>,
    cum_output: Vec<f64>,
    cum_output_prior: Vec<f64>,
    forecast_next_month: Vec<Option<f64>>,
    is_new: Vec<bool>,
    reported_stopped: Vec<bool>,
    source_rows: Vec<usize>,
}

impl EnterpriseTable {
    /// The rows `range` of every per-enterprise column.
    pub fn rows_ref(&self, range: std::ops::Range<usize>) -> RowsRef<'_> {
        macro_rules! slices {
            ($($column:ident: $field:ident),*) => {
                RowsRef { $($column: &self.$column[range.clone()],)* }
            };
        }
        enterprise_columns!(slices)
    }

    /// Appends `rows` after the table's own.
    pub fn append_rows(&mut self, rows: Rows) {
        macro_rules! append {
            ($($column:ident: $field:ident),*) => { $(self.$column.extend(rows.$column);)* };
        }
        enterprise_columns!(append);
    }

    /// The table with every field but its rows: what travels ahead of the rows' chunks.
    /// (A struct literal, not `..self.clone()`: a field added later must be named here.)
    pub fn without_rows(&self) -> EnterpriseTable {
        macro_rules! empty {
            ($($column:ident: $field:ident),*) => {
                EnterpriseTable {
                    $($column: Vec::new(),)*
                    file: self.file.clone(),
                    sheet: self.sheet.clone(),
                    period: self.period,
                    city: self.city.clone(),
                    has_forecast_column: self.has_forecast_column,
                    cumulative_only: self.cumulative_only,
                    columns: self.columns.clone(),
                }
            };
        }
        enterprise_columns!(empty)
    }
}

impl Sources {
    /// Everything, with the enterprise tables' rows left out (see `without_rows`).
    pub fn without_rows(&self) -> Sources {
        Sources {
            enterprises: self.enterprises.iter().map(|t| t.without_rows()).collect(),
            regions: self.regions.clone(),
            cities: self.cities.clone(),
            targets: self.targets,
            region_targets: self.region_targets.clone(),
            warnings: self.warnings.clone(),
            ignored: self.ignored.clone(),
            va_rates: self.va_rates.clone(),
            price_indices: self.price_indices.clone(),
            ledgers: self.ledgers.clone(),
            region_codes: self.region_codes.clone(),
        }
    }
}

/// Rows per chunk: each decodes in tens of milliseconds in the browser.
pub const ROWS_PER_CHUNK: usize = 100_000;

/// The chunks of `table`'s rows, in order, as (first row, end) ranges.
pub fn chunk_ranges(table: &EnterpriseTable) -> impl Iterator<Item = std::ops::Range<usize>> {
    let n = table.len();
    (0..n)
        .step_by(ROWS_PER_CHUNK)
        .map(move |from| from..(from + ROWS_PER_CHUNK).min(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ColumnSource, EnterpriseRow, Period};

    fn table(n: usize) -> EnterpriseTable {
        let mut t = EnterpriseTable {
            file: "a.xlsx".into(),
            sheet: "企业".into(),
            period: Some(Period {
                year: 2023,
                month: 2,
            }),
            city: Some("示例市".into()),
            has_forecast_column: true,
            cumulative_only: true,
            columns: vec![ColumnSource {
                field: "cum_output".into(),
                letter: "E".into(),
                header: "1-本月".into(),
            }],
            ..Default::default()
        };
        for i in 0..n {
            t.push(EnterpriseRow {
                name: format!("企业{i}"),
                code: (i % 3 == 0).then(|| format!("91{i:016}")),
                region: format!("区{}", i % 7),
                division: (i % 2 == 0).then(|| "13".into()),
                month_output: i as f64,
                month_output_prior: 1.5 * i as f64,
                cum_output: 2.0 * i as f64,
                cum_output_prior: 0.5,
                forecast_next_month: (i % 5 == 0).then_some(3.0),
                is_new: i % 11 == 0,
                reported_stopped: i % 13 == 0,
                source_row: i + 3,
            });
        }
        t
    }

    #[test]
    fn a_table_in_chunks_reads_back_whole() {
        let whole = table(ROWS_PER_CHUNK * 2 + 17);
        let head: EnterpriseTable =
            bincode::deserialize(&bincode::serialize(&whole.without_rows()).unwrap()).unwrap();
        let mut back = head;
        let ranges: Vec<_> = chunk_ranges(&whole).collect();
        assert_eq!(ranges.len(), 3);
        for range in ranges {
            let bytes = bincode::serialize(&whole.rows_ref(range)).unwrap();
            back.append_rows(bincode::deserialize(&bytes).unwrap());
        }
        assert_eq!(back, whole);
    }

    #[test]
    fn sources_without_rows_keep_everything_else() {
        let mut sources = Sources::default();
        sources.enterprises.push(table(5));
        sources
            .region_codes
            .insert("370102".into(), "历下区".into());
        let bare = sources.without_rows();
        assert_eq!(bare.enterprises[0].len(), 0);
        assert_eq!(bare.enterprises[0].columns, sources.enterprises[0].columns);
        let mut refilled = bare.clone();
        refilled.enterprises[0].append_rows(
            bincode::deserialize(
                &bincode::serialize(&sources.enterprises[0].rows_ref(0..5)).unwrap(),
            )
            .unwrap(),
        );
        assert_eq!(refilled, sources);
    }
}
