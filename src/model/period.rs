//! The reporting period: a year and the last month of the cumulative 1..month span.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    pub fn new(year: i32, month: u32) -> Self {
        Period { year, month }
    }

    /// "2023年1-2月"; a January-only period is "2023年1月".
    pub fn label(&self) -> String {
        if self.month <= 1 {
            format!("{}年1月", self.year)
        } else {
            format!("{}年1-{}月", self.year, self.month)
        }
    }

    /// "1-2月份" as the speech writes it, without the year.
    pub fn span_label(&self) -> String {
        if self.month <= 1 {
            "1月份".into()
        } else {
            format!("1-{}月份", self.month)
        }
    }

    /// Parses "2023-02" (the CLI's `--period`).
    pub fn parse_iso(text: &str) -> Option<Period> {
        let (y, m) = text.trim().split_once('-')?;
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&month).then_some(Period { year, month })
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month)
    }
}

/// The context table (region or province growth) that describes `period`: the latest of
/// that period, else the latest without a period. A table of another period is never
/// used — its growth rates describe other months — except when `period` itself is
/// unknown, when the latest loaded table is the best there is.
pub fn table_for_period<T>(
    tables: &[T],
    period: Option<Period>,
    period_of: impl Fn(&T) -> Option<Period>,
) -> Option<&T> {
    tables
        .iter()
        .rev()
        .find(|t| period_of(t).is_some() && period_of(t) == period)
        .or_else(|| tables.iter().rev().find(|t| period_of(t).is_none()))
        .or_else(|| {
            if period.is_none() {
                tables.last()
            } else {
                None
            }
        })
}
