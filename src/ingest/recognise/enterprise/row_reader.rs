//! One sheet row → an enterprise, or what else the row is (a total, a region's heading
//! or subtotal, a note, a repeated header), with each cell it could not use noted.

use super::columns::Columns;
use super::findings::{Finding, RowFindings};
use crate::ingest::grid::{Cell, RawGrid};
use crate::ingest::recognise::fields::Field;
use crate::ingest::recognise::header::HeaderBlock;
use crate::ingest::recognise::rows::{
    industry_label, is_industry_label, is_place_label, kind, RowKind,
};
use crate::ingest::recognise::units::MoneyUnit;
use crate::ingest::recognise::values::{number, number_opt, Value};
use crate::ingest::text::{normalize, normalized};
use crate::model::industry::division_of_name;
use crate::model::{normalize_industry_code, normalize_region_name, EnterpriseRow, Period};

/// What a row is.
pub enum RowRead {
    /// An enterprise; its `region` is the region cell as written (empty without a
    /// region column), for the caller to name.
    Enterprise(EnterpriseRow),
    /// The 合计 row.
    Total,
    /// A region's subtotal or its heading alone on a row; `heading` names the rows under
    /// it when the table has no region column.
    Subtotal { heading: Option<String> },
    /// An industry's subtotal, labelled by its division ("C26化学原料…"): the division
    /// of the rows under it when the table has no industry column.
    Industry { division: &'static str },
    /// Blank, a section line, a note or a repeated header (noted where it matters).
    Other,
}

pub struct RowReader<'a> {
    pub grid: &'a RawGrid,
    pub columns: Columns,
    pub unit: MoneyUnit,
    pub period: Option<Period>,
    header_words: HeaderWords,
}

impl<'a> RowReader<'a> {
    pub fn new(
        grid: &'a RawGrid,
        header: &HeaderBlock,
        columns: Columns,
        unit: MoneyUnit,
        period: Option<Period>,
    ) -> Self {
        RowReader {
            grid,
            columns,
            unit,
            period,
            header_words: HeaderWords::of(header),
        }
    }

    fn name_column(&self) -> usize {
        self.columns.get(Field::Name).unwrap_or(0)
    }

    fn text_at(&self, r: usize, c: Option<usize>) -> String {
        c.map(|c| match self.grid.get(r, c) {
            Cell::Text(t) => t.trim().to_string(),
            other => other.display().trim().to_string(),
        })
        .unwrap_or_default()
    }

    pub fn read(&self, r: usize, findings: &mut RowFindings) -> RowRead {
        let grid = self.grid;
        let cols = &self.columns;
        let row = grid.row(r);
        if row.iter().all(Cell::is_empty) {
            return RowRead::Other;
        }
        let at_name = self.name_column();
        if self.header_words.repeated_in(row) || is_title_row(row) {
            findings.add(Finding::RepeatedHeader, r, at_name, String::new);
            return RowRead::Other;
        }
        let name = self.text_at(r, cols.get(Field::Name));
        let first_label = row
            .iter()
            .find_map(|c| c.as_text().filter(|t| !t.trim().is_empty()))
            .unwrap_or("");
        let row_kind = match kind(&name) {
            RowKind::Entry if kind(first_label) != RowKind::Entry => kind(first_label),
            k => k,
        };
        let no_region_column = cols.region().is_none();
        match row_kind {
            RowKind::Total => return RowRead::Total,
            RowKind::Subtotal => {
                findings.add(Finding::Subtotal, r, at_name, String::new);
                return RowRead::Subtotal { heading: None };
            }
            RowKind::Note => {
                findings.add(Finding::Note, r, at_name, String::new);
                return RowRead::Other;
            }
            RowKind::Section => return RowRead::Other,
            RowKind::Entry if name.is_empty() => {
                let has_figures = [Field::CumOutput, Field::MonthOutput]
                    .iter()
                    .filter_map(|&f| cols.get(f))
                    .any(|c| number_opt(grid.get(r, c)).is_some());
                if is_place_label(first_label) {
                    findings.add(Finding::Subtotal, r, at_name, String::new);
                    let heading = (no_region_column && !has_figures)
                        .then(|| normalize_region_name(first_label));
                    return RowRead::Subtotal { heading };
                }
                if has_figures {
                    findings.add(Finding::Nameless, r, at_name, String::new);
                } else if !first_label.is_empty() {
                    findings.add(Finding::Note, r, at_name, String::new);
                }
                return RowRead::Other;
            }
            // An industry's subtotal, labelled by the division's name.
            RowKind::Entry if is_industry_label(&name) => {
                findings.add(Finding::Subtotal, r, at_name, String::new);
                let division = industry_label(&name).unwrap_or_default();
                return RowRead::Industry { division };
            }
            // A region's subtotal or block heading ("青山区" in the name column).
            RowKind::Entry if is_place_label(&name) => {
                findings.add(Finding::Subtotal, r, at_name, String::new);
                let heading = no_region_column.then(|| normalize_region_name(&name));
                return RowRead::Subtotal { heading };
            }
            RowKind::Entry => {}
        }

        let money = |f: Field, findings: &mut RowFindings| -> Option<f64> {
            let c = cols.get(f)?;
            match number(grid.get(r, c)) {
                Value::Number(n) => Some(n * self.unit.to_yi()),
                Value::Empty => None,
                Value::FormulaError(e) if e == crate::ingest::grid::UNCOMPUTED => {
                    findings.add(Finding::Uncomputed(f), r, c, || format!("“{name}”"));
                    None
                }
                Value::FormulaError(e) => {
                    findings.add(Finding::FormulaError(f), r, c, || format!("“{name}”：{e}"));
                    None
                }
                Value::Text(t) => {
                    findings.add(Finding::NotNumber(f), r, c, || format!("“{name}”：“{t}”"));
                    None
                }
            }
        };
        let cum = money(Field::CumOutput, findings);
        let cum_prior = money(Field::CumOutputPrior, findings);
        let (month, month_prior) = if cols.cumulative_only() {
            (cum, cum_prior)
        } else {
            (
                money(Field::MonthOutput, findings),
                money(Field::MonthOutputPrior, findings),
            )
        };
        let forecast = money(Field::ForecastNextMonth, findings);
        if [month, month_prior, cum, cum_prior]
            .into_iter()
            .flatten()
            .any(|v| v < 0.0)
        {
            findings.add(Finding::Negative, r, at_name, || format!("“{name}”"));
        }

        let division = self.division(r, &name, findings);
        let is_new = cols
            .get(Field::NewFlag)
            .is_some_and(|c| truthy(&grid.get(r, c).display()))
            || cols.get(Field::EntryYear).is_some_and(|c| {
                let year = number_opt(grid.get(r, c)).map(|y| y as i32);
                matches!((year, self.period), (Some(y), Some(p)) if y == p.year || y == p.year - 1)
            });
        let reported_stopped = cols
            .get(Field::Status)
            .is_some_and(|c| normalize(&grid.get(r, c).display()).contains("停产"));
        let region = cols
            .region()
            .map(|c| {
                let cell = grid.get(r, c);
                match cell.as_text() {
                    Some(t) if !t.chars().any(char::is_whitespace) => t.to_string(),
                    _ => crate::model::region_name_as_written(&cell.display()),
                }
            })
            .unwrap_or_default();
        RowRead::Enterprise(EnterpriseRow {
            code: Some(self.text_at(r, cols.get(Field::Code))).filter(|s| !s.is_empty()),
            name,
            region,
            division,
            month_output: month.unwrap_or(0.0),
            month_output_prior: month_prior.unwrap_or(0.0),
            cum_output: cum.unwrap_or(0.0),
            cum_output_prior: cum_prior.unwrap_or(0.0),
            forecast_next_month: forecast,
            is_new,
            reported_stopped,
            source_row: r + grid.origin.0,
        })
    }

    /// The two-digit division from the industry code, else the industry's name.
    fn division(&self, r: usize, name: &str, findings: &mut RowFindings) -> Option<String> {
        let (code_col, name_col) = (
            self.columns.get(Field::IndustryCode),
            self.columns.get(Field::IndustryName),
        );
        let cell = |c: usize| self.grid.get(r, c).display();
        let division = code_col
            .and_then(|c| normalize_industry_code(&cell(c)))
            .or_else(|| name_col.and_then(|c| division_of_name(&cell(c)).map(str::to_string)));
        if let (None, Some(c)) = (&division, code_col.or(name_col)) {
            findings.add(Finding::NotIndustry, r, c, || {
                format!("“{name}”（{}）", cell(c))
            });
        }
        division
    }
}

/// A title or unit row repeated on a printed page: one text cell that states a unit or
/// names a period and a table ("2023年1-2月规模以上工业企业主要指标", "单位：千元").
fn is_title_row(row: &[Cell]) -> bool {
    let mut filled = row.iter().filter(|c| !c.is_empty());
    let (Some(only), None) = (filled.next(), filled.next()) else {
        return false;
    };
    let Some(text) = only.as_text() else {
        return false;
    };
    let key = normalize(text);
    crate::ingest::recognise::units::unit_statement(&key).is_some()
        || (crate::ingest::recognise::period_text::find_period(&key)
            .year
            .is_some()
            && ["指标", "情况", "统计", "一览", "明细", "企业", "产值"]
                .iter()
                .any(|w| key.contains(w)))
}

/// The header's own words per column, to recognise a header repeated on every printed
/// page: such a row is never an enterprise.
struct HeaderWords {
    per_column: Vec<Vec<String>>,
    /// The first character of each column's words: nearly every data cell is ruled out
    /// by it without normalising (this runs for each of a province's rows).
    first_chars: Vec<Vec<char>>,
}

impl HeaderWords {
    fn of(header: &HeaderBlock) -> Self {
        let per_column: Vec<Vec<String>> = header
            .keys
            .iter()
            .map(|k| {
                k.split('|')
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        let first_chars = per_column
            .iter()
            .map(|words| words.iter().filter_map(|w| w.chars().next()).collect())
            .collect();
        HeaderWords {
            per_column,
            first_chars,
        }
    }

    /// Two or more cells (or the only one) that are the header's words in their column.
    fn repeated_in(&self, row: &[Cell]) -> bool {
        let mut texts = 0;
        let mut hits = 0;
        for (c, cell) in row.iter().enumerate() {
            let Some(t) = cell.as_text() else {
                continue;
            };
            let Some(first) = t.chars().find(|c| !c.is_whitespace()) else {
                continue;
            };
            texts += 1;
            let first = match first {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(first as u32 - 0xFEE0).unwrap_or(first),
                c => c,
            };
            // Header words are short; an enterprise's name is not, and is not normalised.
            if t.len() > 60 || !self.first_chars.get(c).is_some_and(|f| f.contains(&first)) {
                continue;
            }
            let key = normalized(t);
            if self
                .per_column
                .get(c)
                .is_some_and(|words| words.iter().any(|w| *w == key))
            {
                hits += 1;
            }
        }
        hits >= 2 || (hits == 1 && texts == 1 && row.iter().filter(|c| !c.is_empty()).count() == 1)
    }
}

/// 是, √, 1, Y, yes, true, 新入规 … mean yes.
fn truthy(text: &str) -> bool {
    let t = normalize(text).to_lowercase();
    matches!(
        t.as_str(),
        "是" | "√" | "✓" | "1" | "y" | "yes" | "true" | "新入规" | "新增" | "新投产" | "是(新入规)"
    )
}
