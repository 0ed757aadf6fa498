//! The quarter target: what the remaining months must produce, and the forecast's gap
//! (contract "Target", DOMAIN.md §2).

use super::city::City;
use super::growth::growth_pct;
use crate::model::{EnterpriseTable, Period, Targets};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub quarter_end_month: u32,
    pub output_growth_target_pct: f64,
    pub prior_quarter_output: f64,
    pub required_quarter_output: f64,
    pub required_remaining_output: f64,
    pub required_remaining_growth_pct: Option<f64>,
    pub pp_to_go: Option<f64>,
    pub forecast_quarter_output: f64,
    pub forecast_growth_pct: Option<f64>,
    pub forecast_gap: f64,
}

/// Whether the forecast came from the enterprises' own forecasts or from carrying the
/// current growth on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForecastBasis {
    EnterpriseForecasts,
    CurrentGrowth,
}

pub fn basis(table: &EnterpriseTable, targets: &Targets, period: Period) -> ForecastBasis {
    if targets.quarter_end_month == period.month + 1 && table.has_forecast_column {
        ForecastBasis::EnterpriseForecasts
    } else {
        ForecastBasis::CurrentGrowth
    }
}

pub fn compute(table: &EnterpriseTable, city: &City, targets: &Targets, period: Period) -> Target {
    let p = targets.prior_quarter_output;
    let t = targets.output_growth_target_pct;
    let required_quarter_output = p * (1.0 + t / 100.0);
    let required_remaining_output = required_quarter_output - city.output;
    let remaining_base = p - city.output_prior;
    let forecast_quarter_output = match basis(table, targets, period) {
        ForecastBasis::EnterpriseForecasts => {
            // An enterprise without a forecast is expected to repeat this month.
            let next: f64 = (0..table.len())
                .map(|i| table.forecast_next_month[i].unwrap_or(table.month_output[i]))
                .sum();
            city.output + next
        }
        ForecastBasis::CurrentGrowth => {
            city.output + remaining_base * (1.0 + city.output_growth_pct.unwrap_or(0.0) / 100.0)
        }
    };
    Target {
        quarter_end_month: targets.quarter_end_month,
        output_growth_target_pct: t,
        prior_quarter_output: p,
        required_quarter_output,
        required_remaining_output,
        // At or past the quarter end no month remains, and a growth over the rounding
        // residue of P − output_prior would be noise.
        required_remaining_growth_pct: if period.month < targets.quarter_end_month {
            growth_pct(required_remaining_output, remaining_base)
        } else {
            None
        },
        pp_to_go: city.output_growth_pct.map(|g| t - g),
        forecast_quarter_output,
        forecast_growth_pct: growth_pct(forecast_quarter_output, p),
        forecast_gap: required_quarter_output - forecast_quarter_output,
    }
}
