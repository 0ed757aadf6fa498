//! The quarter target: what the remaining months must produce, and the forecast's gap
//! (docs/口径说明.md §五).

use super::city::City;
use super::formulas::{difference_pp, grown, growth_pct, share_pct, worth_of_one_pp};
use crate::model::{EnterpriseTable, Period, RegionTarget, Targets};
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

impl Target {
    /// How far the forecast growth falls short of the target, 百分点 (negative: above it).
    pub fn forecast_gap_pp(&self) -> Option<f64> {
        self.forecast_growth_pct
            .map(|g| difference_pp(self.output_growth_target_pct, g))
    }

    /// What one 百分点 of the quarter's growth is worth, 亿元.
    pub fn worth_of_one_pp(&self) -> f64 {
        worth_of_one_pp(self.prior_quarter_output)
    }

    /// `output` as a share of the quarter's required output, %; `None` when nothing is
    /// required.
    pub fn share_of_required_pct(&self, output: f64) -> Option<f64> {
        (self.required_quarter_output > 0.0)
            .then(|| share_pct(output, self.required_quarter_output))
            .flatten()
    }

    /// Whether months of the quarter remain after `month` (the target is then a plan
    /// for them, else a reckoning of what was produced).
    pub fn before_quarter_end(&self, month: u32) -> bool {
        month < self.quarter_end_month
    }
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

/// The figures a target works from, for the city or one region.
struct Area {
    output: f64,
    output_prior: f64,
    output_growth_pct: Option<f64>,
    /// Σ of the enterprises' forecasts for next month (this month's output where none).
    next_month_forecast: f64,
}

fn area_of(table: &EnterpriseTable, rows: impl Iterator<Item = usize>) -> Area {
    let (mut output, mut output_prior, mut next) = (0.0, 0.0, 0.0);
    for i in rows {
        output += table.cum_output[i];
        output_prior += table.cum_output_prior[i];
        // An enterprise without a forecast is expected to repeat this month.
        next += table.forecast_next_month[i].unwrap_or(table.month_output[i]);
    }
    Area {
        output,
        output_prior,
        output_growth_pct: growth_pct(output, output_prior),
        next_month_forecast: next,
    }
}

fn for_area(
    area: &Area,
    t: f64,
    p: f64,
    quarter_end: u32,
    period: Period,
    basis: ForecastBasis,
) -> Target {
    let required_quarter_output = grown(p, t);
    let required_remaining_output = required_quarter_output - area.output;
    let remaining_base = p - area.output_prior;
    let forecast_quarter_output = match basis {
        ForecastBasis::EnterpriseForecasts => area.output + area.next_month_forecast,
        ForecastBasis::CurrentGrowth => {
            area.output + grown(remaining_base, area.output_growth_pct.unwrap_or(0.0))
        }
    };
    Target {
        quarter_end_month: quarter_end,
        output_growth_target_pct: t,
        prior_quarter_output: p,
        required_quarter_output,
        required_remaining_output,
        // At or past the quarter end no month remains, and a growth over the rounding
        // residue of P − output_prior would be noise.
        required_remaining_growth_pct: if period.month < quarter_end {
            growth_pct(required_remaining_output, remaining_base)
        } else {
            None
        },
        pp_to_go: area.output_growth_pct.map(|g| difference_pp(t, g)),
        forecast_quarter_output,
        forecast_growth_pct: growth_pct(forecast_quarter_output, p),
        forecast_gap: required_quarter_output - forecast_quarter_output,
    }
}

pub fn compute(table: &EnterpriseTable, city: &City, targets: &Targets, period: Period) -> Target {
    let mut area = area_of(table, 0..table.len());
    // The city's own totals (they may include adjustments the rows do not).
    area.output = city.output;
    area.output_prior = city.output_prior;
    area.output_growth_pct = city.output_growth_pct;
    for_area(
        &area,
        targets.output_growth_target_pct,
        targets.prior_quarter_output,
        targets.quarter_end_month,
        period,
        basis(table, targets, period),
    )
}

/// One region's target and what it requires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionTargetRow {
    pub region: String,
    pub target: Target,
    /// The sheet gave no 上年同期 quarter output for the region: it is the city's scaled
    /// by the region's share of this year's 上年同期 cumulative output.
    pub estimated_base: bool,
}

/// The regions' targets, in the order the sheet lists them; regions without
/// enterprises in the table are left out.
pub fn regions(
    table: &EnterpriseTable,
    city: &City,
    targets: &Targets,
    region_targets: &[RegionTarget],
    period: Period,
) -> Vec<RegionTargetRow> {
    let basis = basis(table, targets, period);
    region_targets
        .iter()
        .filter_map(|rt| {
            let rows: Vec<usize> = (0..table.len())
                .filter(|&i| table.regions[i] == rt.region)
                .collect();
            if rows.is_empty() {
                return None;
            }
            let area = area_of(table, rows.into_iter());
            let (p, estimated_base) = match rt.prior_quarter_output {
                Some(p) => (p, false),
                None if city.output_prior > 0.0 => (
                    targets.prior_quarter_output * area.output_prior / city.output_prior,
                    true,
                ),
                None => return None,
            };
            Some(RegionTargetRow {
                region: rt.region.clone(),
                target: for_area(
                    &area,
                    rt.output_growth_target_pct,
                    p,
                    targets.quarter_end_month,
                    period,
                    basis,
                ),
                estimated_base,
            })
        })
        .collect()
}
