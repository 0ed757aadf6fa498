//! A reading is a hypothesis: the table's own numbers must confirm it. After the
//! enterprise rows are read, the arithmetic that any true reading satisfies is checked
//! (本月 ≤ 1-本月 for nearly every row, 1-本月 = Σ the months named beside it, a growth
//! column agreeing with the growth computed from the columns taken). Where it fails
//! broadly and the swapped reading passes, the swapped reading is taken; where nothing
//! passes, a 警告 names the columns and the numbers.

use super::fields::{named_month, Field, Mapping};
use super::header::HeaderBlock;
use super::values::number_opt;
use crate::ingest::diag::Warning;
use crate::ingest::grid::RawGrid;
use crate::ingest::text::has_any;
use crate::model::EnterpriseTable;

/// A rule "fails broadly" when more than this share of the rows it applies to break it
/// (a few real rows break any rule: corrections, late reports).
const BROAD: f64 = 0.2;
/// Rows a rule must apply to before it can decide anything.
const MIN_ROWS: usize = 3;

/// A growth column tested against one reading: (rows compared, rows that disagree, the
/// first disagreement as (row, written, computed)).
type Tested = (usize, usize, Option<(usize, f64, f64)>);

pub struct Checked<'a> {
    pub grid: &'a RawGrid,
    pub header: &'a HeaderBlock,
    pub mapping: &'a Mapping,
    pub file: &'a str,
}

impl Checked<'_> {
    fn warn(&self, warnings: &mut Vec<Warning>, col: Option<usize>, message: String) {
        warnings.push(Warning::new(
            self.file,
            Some(&self.grid.sheet),
            col.map(|c| self.grid.a1(self.header.last_row, c)),
            message,
        ));
    }

    fn column_name(&self, field: Field) -> String {
        self.mapping
            .column(field)
            .map(|c| {
                format!(
                    "“{}”列（{}）",
                    self.header.labels[c].replace('|', "·"),
                    crate::ingest::cell_ref::column_letters(c + self.grid.origin.1)
                )
            })
            .unwrap_or_else(|| field.label().to_string())
    }

    /// Runs every check on a freshly read table, correcting it where the evidence
    /// decides and warning where it does not.
    pub fn run(&self, table: &mut EnterpriseTable, warnings: &mut Vec<Warning>) {
        if table.is_empty() {
            return;
        }
        if !table.cumulative_only {
            self.month_within_cumulative(table, warnings);
        }
        self.months_sum_to_cumulative(table, warnings);
        self.growth_column_agrees(table, warnings);
    }

    /// 本月 ≤ 1-本月 and 上年同月 ≤ 上年同期 for nearly every row.
    fn month_within_cumulative(&self, table: &mut EnterpriseTable, warnings: &mut Vec<Warning>) {
        // A cell whose value is unknown (a formula error, a formula never computed) is
        // no evidence either way.
        let unknown = |i: usize, c: Option<usize>| {
            c.is_some_and(|c| {
                let r = table.source_rows[i] - self.grid.origin.0;
                matches!(self.grid.get(r, c), crate::ingest::grid::Cell::Error(_))
            })
        };
        let known = |mf: Field, cf: Field| -> Vec<bool> {
            let (m, c) = (self.mapping.column(mf), self.mapping.column(cf));
            (0..table.len())
                .map(|i| !unknown(i, m) && !unknown(i, c))
                .collect()
        };
        let masks = [
            known(Field::MonthOutput, Field::CumOutput),
            known(Field::MonthOutputPrior, Field::CumOutputPrior),
        ];
        let broken = |month: &[f64], cum: &[f64], mask: &[bool]| -> (usize, usize) {
            let mut applies = 0;
            let mut breaks = 0;
            for ((m, c), _) in month.iter().zip(cum).zip(mask).filter(|(_, k)| **k) {
                // A stopped enterprise (本月 0) keeps the rule; 累计 0 under a positive
                // 本月 breaks it.
                if *m > 0.0 || *c > 0.0 {
                    applies += 1;
                    if *m > *c * 1.005 {
                        breaks += 1;
                    }
                }
            }
            (applies, breaks)
        };
        for prior in [false, true] {
            let (mf, cf) = if prior {
                (Field::MonthOutputPrior, Field::CumOutputPrior)
            } else {
                (Field::MonthOutput, Field::CumOutput)
            };
            let (month, cum) = if prior {
                (&table.month_output_prior, &table.cum_output_prior)
            } else {
                (&table.month_output, &table.cum_output)
            };
            // Strict arithmetic: even one or two rows decide when every one breaks it.
            let mask = &masks[usize::from(prior)];
            let (applies, breaks) = broken(month, cum, mask);
            if applies == 0 || (breaks as f64) <= BROAD * applies as f64 {
                continue;
            }
            let (_, swapped_breaks) = broken(cum, month, mask);
            let (month_name, cum_name) = (self.column_name(mf), self.column_name(cf));
            let swapped = (swapped_breaks as f64) <= BROAD * applies as f64;
            let verdict = if swapped {
                if prior {
                    std::mem::swap(&mut table.month_output_prior, &mut table.cum_output_prior);
                } else {
                    std::mem::swap(&mut table.month_output, &mut table.cum_output);
                }
                "两列似乎标反了；已按对调后的读法计算（本月取较小的一列），请核对表头"
            } else {
                "本月数不应大于累计数；列对应关系可能有误，请核对"
            };
            self.warn(
                warnings,
                self.mapping.column(mf),
                format!("{applies}户中有{breaks}户的{month_name}大于{cum_name}，{verdict}"),
            );
        }
    }

    /// Columns named by the months of the current year ("1月 | 2月") beside the
    /// cumulative one: 1-本月 = Σ months, per row, within the rounding.
    fn months_sum_to_cumulative(&self, table: &EnterpriseTable, warnings: &mut Vec<Warning>) {
        let Some(cum_col) = self.mapping.column(Field::CumOutput) else {
            return;
        };
        let mut months: Vec<(u32, usize)> = self
            .header
            .keys
            .iter()
            .enumerate()
            .filter(|(_, k)| !has_any(k, &["上年", "去年", "同期", "上期", "增", "%", "预计"]))
            // "6月|2022年" is last year's month: the mapping knows which year is which.
            .filter(|(c, _)| {
                ![
                    Field::MonthOutputPrior,
                    Field::CumOutputPrior,
                    Field::CumOutput,
                ]
                .iter()
                .any(|f| self.mapping.column(*f) == Some(*c))
            })
            .filter_map(|(c, k)| named_month(k).map(|m| (m, c)))
            .collect();
        months.sort();
        months.dedup_by_key(|(m, _)| *m);
        let latest = table.period.map(|p| p.month).unwrap_or(0);
        // "1月 … (k-1)月" beside a 本月 column that names no month: 本月 is month k.
        if let Some(month_col) = self.mapping.column(Field::MonthOutput) {
            if months.len() as u32 + 1 == latest && months.iter().all(|(_, c)| *c != month_col) {
                months.push((latest, month_col));
            }
        }
        let complete = months.len() >= 2
            && latest > 0
            && months.len() as u32 == latest
            && months
                .iter()
                .enumerate()
                .all(|(i, (m, _))| *m == i as u32 + 1);
        if !complete {
            return;
        }
        let mut applies = 0;
        let mut breaks = Vec::new();
        for (i, &row) in table.source_rows.iter().enumerate() {
            let r = row - self.grid.origin.0;
            let parts: f64 = months
                .iter()
                .map(|(_, c)| number_opt(self.grid.get(r, *c)).unwrap_or(0.0))
                .sum();
            let Some(cum) = number_opt(self.grid.get(r, cum_col)) else {
                continue;
            };
            if cum == 0.0 && parts == 0.0 {
                continue;
            }
            applies += 1;
            if (parts - cum).abs() > months.len() as f64 + 1e-9 * cum.abs() {
                breaks.push((i, parts, cum));
            }
        }
        // A small table cannot say a break is broad, but any break is then a doubt.
        let doubtful = if applies < MIN_ROWS {
            !breaks.is_empty()
        } else {
            (breaks.len() as f64) > BROAD * applies as f64
        };
        if !doubtful {
            return;
        }
        let (i, parts, cum) = breaks[0];
        self.warn(
            warnings,
            Some(cum_col),
            format!(
                "{}户中有{}户的{}不等于各月之和（如“{}”：各月合计 {}，累计 {}）；累计列或月份列可能取错，请核对列对应关系",
                applies,
                breaks.len(),
                self.column_name(Field::CumOutput),
                table.names[i],
                parts,
                cum
            ),
        );
    }

    /// Each growth column of the output (增速 / 同比) against the growth of the
    /// columns taken: it must agree with the month's or the cumulative pair (the header
    /// often says which only by where the column stands); if it agrees only with a pair
    /// read the other way round, this year and last year were swapped.
    fn growth_column_agrees(&self, table: &mut EnterpriseTable, warnings: &mut Vec<Warning>) {
        for (col, span) in self.growth_columns() {
            self.one_growth_column(table, col, span, warnings);
        }
    }

    fn one_growth_column(
        &self,
        table: &mut EnterpriseTable,
        col: usize,
        span: Option<bool>,
        warnings: &mut Vec<Warning>,
    ) {
        // A column of whole percentages is rounded to 0.5, one of tenths to 0.05.
        let integral = table.source_rows.iter().all(|&row| {
            number_opt(self.grid.get(row - self.grid.origin.0, col))
                .is_none_or(|g| g.fract() == 0.0)
        });
        let tol = if integral { 0.55 } else { 0.15 };
        // (of_month, swapped, scale) → (rows compared, rows that disagree, the first
        // disagreement).
        let test_at = |of_month: bool, swapped: bool, scale: f64| {
            let mut applies = 0usize;
            let mut breaks = 0usize;
            let mut example = None;
            for (i, &row) in table.source_rows.iter().enumerate() {
                let Some(written) =
                    number_opt(self.grid.get(row - self.grid.origin.0, col)).map(|g| g * scale)
                else {
                    continue;
                };
                let (cur, base) = if of_month {
                    (table.month_output[i], table.month_output_prior[i])
                } else {
                    (table.cum_output[i], table.cum_output_prior[i])
                };
                let (cur, base) = if swapped { (base, cur) } else { (cur, base) };
                let g = if base > 0.0 {
                    // A stopped enterprise (this year 0 against a base) is −100 %.
                    (cur.max(0.0) / base - 1.0) * 100.0
                } else if cur > 0.0 && (written + 100.0).abs() <= tol {
                    // No base gives no growth, but a written −100 % says this year is
                    // empty: a reading with output this year contradicts it.
                    applies += 1;
                    breaks += 1;
                    example.get_or_insert((i, written, f64::NAN));
                    continue;
                } else {
                    continue;
                };
                applies += 1;
                if (g - written).abs() > tol + g.abs() * 1e-3 {
                    breaks += 1;
                    example.get_or_insert((i, written, g));
                }
            }
            (applies, breaks, example)
        };
        let spans: Vec<bool> = match span {
            Some(of_month) => vec![of_month],
            None if table.cumulative_only => vec![false],
            None => vec![true, false],
        };
        // A cell formatted as a percentage holds the fraction (8.7% is 0.087): the
        // column is read as fractions when they disagree less so.
        // Per span: (span, straight reading, swapped reading), each computed once.
        let readings = |scale: f64| -> Vec<_> {
            spans
                .iter()
                .map(|&m| (m, test_at(m, false, scale), test_at(m, true, scale)))
                .collect()
        };
        // The scale under which some reading agrees on the most rows (a reading that
        // compares no row agrees on none, however few its breaks).
        let most_agreeing = |r: &[(bool, Tested, Tested)]| {
            r.iter().map(|(_, s, w)| (s.0 - s.1).max(w.0 - w.1)).max()
        };
        let (as_given, as_fractions) = (readings(1.0), readings(100.0));
        let readings = if most_agreeing(&as_fractions) > most_agreeing(&as_given) {
            as_fractions
        } else {
            as_given
        };
        let passes = |(applies, breaks, _): &Tested| {
            *applies > 0 && (*breaks as f64) <= BROAD * *applies as f64
        };
        let straight: Vec<_> = readings.iter().map(|(m, t, _)| (*m, *t)).collect();
        // A small table is doubted at one disagreeing row (it is never swapped below).
        let agrees = |t: &Tested| t.0 == 0 || if t.0 < MIN_ROWS { t.1 == 0 } else { passes(t) };
        if straight.iter().any(|(_, t)| agrees(t)) {
            return;
        }
        let growth_name = format!("“{}”列", self.header.labels[col].replace('|', "·"));
        let pair = |of_month: bool| {
            if of_month {
                (Field::MonthOutput, Field::MonthOutputPrior)
            } else {
                (Field::CumOutput, Field::CumOutputPrior)
            }
        };
        // Swapping takes more than one or two rows: a single growth can match the
        // swapped reading by chance.
        let swap = readings
            .iter()
            .find(|(_, _, t)| t.0 >= MIN_ROWS && passes(t))
            .map(|(m, _, _)| *m);
        if let Some(of_month) = swap {
            if of_month {
                std::mem::swap(&mut table.month_output, &mut table.month_output_prior);
            } else {
                std::mem::swap(&mut table.cum_output, &mut table.cum_output_prior);
            }
            let (mf, pf) = pair(of_month);
            self.warn(
                warnings,
                self.mapping.column(mf),
                format!(
                    "{}与{}、{}算出的增速不符，而对调两列后相符：本年与上年两列似乎标反了，已按对调后计算，请核对表头",
                    growth_name,
                    self.column_name(mf),
                    self.column_name(pf),
                ),
            );
            return;
        }
        let (of_month, (applies, breaks, example)) = straight
            .into_iter()
            .min_by_key(|(_, t)| t.1)
            .expect("one span at least");
        let (mf, pf) = pair(of_month);
        if let Some((i, written, g)) = example {
            let computed = if g.is_nan() {
                "上年为0而本年有产值".to_string()
            } else {
                format!("计算 {g:.1}%")
            };
            self.warn(
                warnings,
                Some(col),
                format!(
                    "{}与{}、{}算出的增速不符（{}户中{}户，如“{}”：表中 {:.1}%，{}）；列对应关系可能有误，请核对",
                    growth_name,
                    self.column_name(mf),
                    self.column_name(pf),
                    applies,
                    breaks,
                    table.names[i],
                    written,
                    computed
                ),
            );
        }
    }

    /// The output's growth columns, each with the span its header names (`Some(true)`
    /// for the month's) if it names one: "增速", "同比", "增长" over 产值 or alone, never
    /// a sales, export or value-added growth.
    fn growth_columns(&self) -> Vec<(usize, Option<bool>)> {
        self.header
            .keys
            .iter()
            .enumerate()
            .filter_map(|(c, key)| {
                let is_growth = has_any(key, &["增速", "同比", "增长"]);
                let other = has_any(
                    key,
                    &[
                        "销售",
                        "出口",
                        "增加值",
                        "收入",
                        "利润",
                        "用电",
                        "拉动",
                        "贡献",
                        "百分点",
                        "差",
                        "额",
                        "预计",
                        // Against last month, not last year: another comparison.
                        "环比",
                    ],
                );
                if !is_growth || other || self.mapping.fields.values().any(|m| m.column == c) {
                    return None;
                }
                let month = has_any(key, &["本月", "当月", "同月"]);
                let cum = has_any(key, &["累计", "1-"]);
                let span = match (month, cum) {
                    (true, false) => Some(true),
                    (false, true) => Some(false),
                    _ => None,
                };
                Some((c, span))
            })
            .collect()
    }
}
