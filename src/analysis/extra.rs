//! Beyond the JSON contract, for the dashboard and the briefing: the period series,
//! 增长面, the largest movers, the top 50 enterprises, in-group ranks and review flags.

use super::breakdown::{deciding_growth, RegionRow};
use super::city::City;
use super::enterprises::EnterpriseRow;
use super::growth::{growth_pct, share_pct};
use super::ranking::rank_desc;
use super::status::StatusSummary;
use super::Settings;
use crate::model::{EnterpriseTable, Period, Sources};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Heuristic review flags (DOMAIN.md §4): not official selection rules.
    pub review_flags: Vec<ReviewFlag>,
    /// Where the target's forecast came from, when a target is set.
    pub forecast_basis: Option<super::target::ForecastBasis>,
    /// Per-region targets, when the 目标任务 sheet has a region table.
    #[serde(default)]
    pub region_targets: Vec<super::target::RegionTargetRow>,
    /// Files holding an enterprise table of the analysed period, when more than one does.
    #[serde(default)]
    pub same_period_files: Vec<String>,
    /// Those tables were merged by credit code (else the one loaded last was used).
    #[serde(default)]
    pub merged_same_period: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub period: Option<Period>,
    pub enterprises: usize,
    pub output: f64,
    pub output_growth_pct: Option<f64>,
    pub month_output_growth_pct: Option<f64>,
    /// Change of cumulative growth against the previous period, pp (回升 > 0, 回落 < 0).
    pub change_pp: Option<f64>,
    pub regions: BTreeMap<String, Option<f64>>,
    pub industries: BTreeMap<String, Option<f64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseMover {
    pub name: String,
    pub region: String,
    pub output: f64,
    pub output_prior: f64,
    pub increment: f64,
    pub growth_pct: Option<f64>,
    pub pull_pp: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewFlag {
    pub name: String,
    pub region: String,
    pub rule: String,
    pub detail: String,
}

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

pub fn compute(
    table: &EnterpriseTable,
    sources: &Sources,
    city: &City,
    regions: &[RegionRow],
    status: &StatusSummary,
    settings: &Settings,
    enterprises: &[EnterpriseRow],
) -> Extra {
    // The per-enterprise figures are computed once, in `enterprises::rows`; only the
    // few movers shown are copied out.
    let mover = |r: &EnterpriseRow| EnterpriseMover {
        name: r.name.clone(),
        region: r.region.clone(),
        output: r.output,
        output_prior: r.output_prior,
        increment: r.increment,
        growth_pct: r.output_growth_pct,
        pull_pp: r.pull_pp,
    };
    // Only the ten largest and smallest increments and the fifty largest outputs are
    // needed: a partial selection, then a sort of those few, instead of sorting all of a
    // province's enterprises twice. Position breaks the last ties, so the order is total
    // and the same as a full stable sort would give.
    let by_increment = |a: &&EnterpriseRow, b: &&EnterpriseRow| {
        b.increment
            .total_cmp(&a.increment)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| (*a as *const EnterpriseRow).cmp(&(*b as *const EnterpriseRow)))
    };
    let top_increments = first_k(enterprises, 10, by_increment)
        .into_iter()
        .filter(|r| r.increment > 0.0)
        .map(mover)
        .collect();
    let top_decrements = last_k(enterprises, 10, by_increment)
        .into_iter()
        .rev()
        .filter(|r| r.increment < 0.0)
        .map(mover)
        .collect();
    let by_output = |a: &&EnterpriseRow, b: &&EnterpriseRow| {
        b.output
            .total_cmp(&a.output)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| (*a as *const EnterpriseRow).cmp(&(*b as *const EnterpriseRow)))
    };
    let (t50, t50p): (f64, f64) = first_k(enterprises, 50, by_output)
        .iter()
        .fold((0.0, 0.0), |(o, p), r| (o + r.output, p + r.output_prior));

    let mut region_group_ranks = BTreeMap::new();
    for group in [
        crate::model::RegionGroup::District,
        crate::model::RegionGroup::County,
        crate::model::RegionGroup::Other,
    ] {
        let members: Vec<&RegionRow> = regions
            .iter()
            .filter(|r| r.group == group && deciding_growth(r).is_some())
            .collect();
        let growths: Vec<f64> = members.iter().filter_map(|r| deciding_growth(r)).collect();
        for (r, rank) in members.iter().zip(rank_desc(&growths)) {
            region_group_ranks.insert(r.name.clone(), rank);
        }
    }

    Extra {
        trend: trend(sources),
        growth_share_pct: share_pct(status.increased as f64, city.enterprises as f64),
        top_increments,
        top_decrements,
        top50_output_share_pct: share_pct(t50, city.output),
        top50_growth_pct: growth_pct(t50, t50p),
        top50_pull_pp: share_pct(t50 - t50p, city.output_prior),
        region_group_ranks,
        review_flags: review_flags(table, &settings.review),
        forecast_basis: None,
        region_targets: Vec::new(),
        same_period_files: Vec::new(),
        merged_same_period: false,
    }
}

fn trend(sources: &Sources) -> Vec<TrendPoint> {
    let mut tables: Vec<&EnterpriseTable> = sources.enterprises.iter().collect();
    tables.sort_by_key(|t| t.period);
    let mut out: Vec<TrendPoint> = Vec::new();
    for t in tables {
        let (o, p): (f64, f64) = (t.cum_output.iter().sum(), t.cum_output_prior.iter().sum());
        let (mo, mp): (f64, f64) = (
            t.month_output.iter().sum(),
            t.month_output_prior.iter().sum(),
        );
        let growth = growth_pct(o, p);
        let mut regions: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        let mut industries: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for i in 0..t.len() {
            let r = regions.entry(t.regions[i].clone()).or_default();
            r.0 += t.cum_output[i];
            r.1 += t.cum_output_prior[i];
            let d = industries
                .entry(t.divisions[i].clone().unwrap_or_default())
                .or_default();
            d.0 += t.cum_output[i];
            d.1 += t.cum_output_prior[i];
        }
        let change_pp = out
            .last()
            .and_then(|prev| prev.output_growth_pct)
            .zip(growth)
            .map(|(a, b)| b - a);
        out.push(TrendPoint {
            period: t.period,
            enterprises: t.len(),
            output: o,
            output_growth_pct: growth,
            month_output_growth_pct: growth_pct(mo, mp),
            change_pp,
            regions: regions
                .into_iter()
                .map(|(k, (a, b))| (k, growth_pct(a, b)))
                .collect(),
            industries: industries
                .into_iter()
                .map(|(k, (a, b))| (k, growth_pct(a, b)))
                .collect(),
        });
    }
    out
}

fn review_flags(table: &EnterpriseTable, th: &ReviewThresholds) -> Vec<ReviewFlag> {
    let mut flags = Vec::new();
    for i in 0..table.len() {
        let flag = |rule: &str, detail: String| ReviewFlag {
            name: table.names[i].clone(),
            region: table.regions[i].clone(),
            rule: rule.into(),
            detail,
        };
        if table.month_output_prior[i] >= th.min_base {
            if let Some(g) = growth_pct(table.month_output[i], table.month_output_prior[i])
                .filter(|g| g.abs() >= th.month_swing_pct)
            {
                flags.push(flag(
                    "当月同比大幅波动",
                    format!("当月同比 {}%", crate::report::format::fixed(g, 1)),
                ));
            }
        }
        if table.cum_output_prior[i] >= th.min_base {
            if let Some(g) = growth_pct(table.cum_output[i], table.cum_output_prior[i])
                .filter(|g| g.abs() >= th.cum_swing_pct)
            {
                flags.push(flag(
                    "累计同比大幅波动",
                    format!("1-本月同比 {}%", crate::report::format::fixed(g, 1)),
                ));
            }
        }
        if table.is_new[i] {
            flags.push(flag("新增入库", "新入规企业，常被列入强制审核".into()));
        }
        if table.month_output[i] > table.cum_output[i] + 1e-9 {
            flags.push(flag("累计不衔接", "本月产值大于1-本月累计".into()));
        }
    }
    flags
}

type RowOrder = fn(&&EnterpriseRow, &&EnterpriseRow) -> std::cmp::Ordering;

/// The first `k` rows in `order`, sorted.
fn first_k(rows: &[EnterpriseRow], k: usize, order: RowOrder) -> Vec<&EnterpriseRow> {
    let mut all: Vec<&EnterpriseRow> = rows.iter().collect();
    if k < all.len() {
        all.select_nth_unstable_by(k, order);
        all.truncate(k);
    }
    all.sort_by(order);
    all
}

/// The last `k` rows in `order`, sorted.
fn last_k(rows: &[EnterpriseRow], k: usize, order: RowOrder) -> Vec<&EnterpriseRow> {
    let mut all: Vec<&EnterpriseRow> = rows.iter().collect();
    if k < all.len() {
        let cut = all.len() - k;
        all.select_nth_unstable_by(cut, order);
        all.drain(..cut);
    }
    all.sort_by(order);
    all
}
