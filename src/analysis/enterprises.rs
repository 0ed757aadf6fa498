//! One row per enterprise with its figures, for the enterprise table and its filters.

use super::city::City;
use super::formulas::{growth_pct, pull_pp};
use super::status::{self, Status};
use crate::model::{division_name, EnterpriseTable};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnterpriseRow {
    pub name: String,
    pub code: Option<String>,
    /// Shared by every enterprise of the region: one allocation per region, not per row.
    pub region: std::sync::Arc<str>,
    pub division: Option<String>,
    /// The division's name from the code list (static: no copy per row).
    pub division_name: Option<&'static str>,
    pub output: f64,
    pub output_prior: f64,
    pub output_growth_pct: Option<f64>,
    pub increment: f64,
    pub pull_pp: Option<f64>,
    pub month_output: f64,
    pub month_output_prior: f64,
    pub status: Status,
    pub is_new: bool,
    /// 预计下月产值, when the table has the column and the cell is filled.
    #[serde(default)]
    pub forecast_next_month: Option<f64>,
}

/// The rows of the enterprises `range` of `table`.
pub fn rows<'a>(
    table: &'a EnterpriseTable,
    city: &City,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = EnterpriseRow> + 'a {
    let mut regions: rustc_hash::FxHashMap<&str, std::sync::Arc<str>> = Default::default();
    let output_prior = city.output_prior;
    range.map(move |i| {
        let region = regions
            .entry(table.regions[i].as_str())
            .or_insert_with_key(|r| std::sync::Arc::from(*r))
            .clone();
        let increment = table.cum_output[i] - table.cum_output_prior[i];
        EnterpriseRow {
            name: table.names[i].clone(),
            code: table.codes[i].clone(),
            region,
            division: table.divisions[i].clone(),
            division_name: table.divisions[i].as_deref().and_then(division_name),
            output: table.cum_output[i],
            output_prior: table.cum_output_prior[i],
            output_growth_pct: growth_pct(table.cum_output[i], table.cum_output_prior[i]),
            increment,
            pull_pp: pull_pp(increment, output_prior),
            month_output: table.month_output[i],
            month_output_prior: table.month_output_prior[i],
            status: status::of(table, i),
            is_new: table.is_new[i],
            forecast_next_month: table.forecast_next_month[i],
        }
    })
}
