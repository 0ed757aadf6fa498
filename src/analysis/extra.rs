//! Beyond the JSON contract, for the dashboard and the briefing: built in one place
//! from the parts each concern computes (trend, movers, ranks, review flags, targets).

use super::movers::EnterpriseMover;
use super::review::ReviewFlag;
use super::target::{ForecastBasis, RegionTargetRow};
use super::trend::TrendPoint;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extra {
    /// Every loaded period, oldest first.
    pub trend: Vec<TrendPoint>,
    /// 增长面: share of enterprises whose month output grew, %.
    pub growth_share_pct: Option<f64>,
    pub top_increments: Vec<EnterpriseMover>,
    pub top_decrements: Vec<EnterpriseMover>,
    pub top50_output_share_pct: Option<f64>,
    pub top50_growth_pct: Option<f64>,
    pub top50_pull_pp: Option<f64>,
    /// Rank of each region inside its group, by the growth that decides 升/降.
    pub region_group_ranks: BTreeMap<String, u32>,
    /// Heuristic review flags: not official selection rules.
    pub review_flags: Vec<ReviewFlag>,
    /// Where the target's forecast came from, when a target is set.
    pub forecast_basis: Option<ForecastBasis>,
    /// Per-region targets, when the 目标任务 sheet has a region table.
    pub region_targets: Vec<RegionTargetRow>,
    /// Files holding an enterprise table of the analysed period, when more than one does.
    pub same_period_files: Vec<String>,
    /// Those tables were merged by credit code (else the one loaded last was used).
    pub merged_same_period: bool,
    /// The 新增/拟入规 project ledger, when one is loaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projects: Option<super::ledgers::Projects>,
    /// The enterprise table has a 预计下月产值 column (the scenario's remaining month).
    #[serde(skip)]
    pub has_forecast_column: bool,
}
