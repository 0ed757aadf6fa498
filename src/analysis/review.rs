//! Heuristic review flags for the statistician: enterprises whose figures
//! a 审核 would look at first. Not the official selection rules. The flags carry the rule
//! and its number; their wording is `report::review`'s.

use super::formulas::growth_pct;
use crate::model::EnterpriseTable;
use serde::{Deserialize, Serialize};

/// Thresholds of the heuristic review flags; the user can change them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReviewThresholds {
    /// |当月同比| at or above this, %.
    pub month_swing_pct: f64,
    /// |1-本月同比| at or above this, %.
    pub cum_swing_pct: f64,
    /// Skip enterprises whose month base is below this, 亿元 (default 100万元).
    pub min_base: f64,
}

impl Default for ReviewThresholds {
    fn default() -> Self {
        ReviewThresholds {
            month_swing_pct: 30.0,
            cum_swing_pct: 30.0,
            min_base: 0.01,
        }
    }
}

/// Why an enterprise is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewRule {
    /// |当月同比| at or above the threshold; the flag carries the growth.
    MonthSwing,
    /// |1-本月同比| at or above the threshold; the flag carries the growth.
    CumulativeSwing,
    /// A new entrant: often selected for 强制审核.
    NewEntrant,
    /// The month's output exceeds the cumulative output.
    MonthAboveCumulative,
}

/// One flagged enterprise. Its JSON (`rule`, `detail` as text) is written by
/// `report::review`, with the other wording.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewFlag {
    pub name: String,
    pub region: String,
    pub rule: ReviewRule,
    /// The growth that tripped a swing rule, %.
    pub growth_pct: Option<f64>,
}

pub fn flags(table: &EnterpriseTable, th: &ReviewThresholds) -> Vec<ReviewFlag> {
    let mut flags = Vec::new();
    for i in 0..table.len() {
        let flag = |rule: ReviewRule, growth_pct: Option<f64>| ReviewFlag {
            name: table.names[i].clone(),
            region: table.regions[i].clone(),
            rule,
            growth_pct,
        };
        let swing = |now: f64, base: f64, threshold: f64| {
            (base >= th.min_base)
                .then(|| growth_pct(now, base))
                .flatten()
                .filter(|g| g.abs() >= threshold)
        };
        if let Some(g) = swing(
            table.month_output[i],
            table.month_output_prior[i],
            th.month_swing_pct,
        ) {
            flags.push(flag(ReviewRule::MonthSwing, Some(g)));
        }
        if let Some(g) = swing(
            table.cum_output[i],
            table.cum_output_prior[i],
            th.cum_swing_pct,
        ) {
            flags.push(flag(ReviewRule::CumulativeSwing, Some(g)));
        }
        if table.is_new[i] {
            flags.push(flag(ReviewRule::NewEntrant, None));
        }
        if table.month_output[i] > table.cum_output[i] + 1e-9 {
            flags.push(flag(ReviewRule::MonthAboveCumulative, None));
        }
    }
    flags
}
