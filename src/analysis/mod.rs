//! Analysis: the loaded tables and the settings in, one `Analysis` value out, exactly as
//! docs/口径说明.md defines it. Pure functions; nothing is rounded here.

mod breakdown;
mod city;
mod combine;
mod enterprises;
mod extra;
mod formulas;
mod highlights;
mod ledger_join;
mod ledgers;
mod movers;
mod ranking;
mod region_codes;
mod review;
mod scenario;
mod staged;
mod status;
mod target;
mod transitions;
mod trend;
mod va_estimate;

pub use breakdown::{deciding_growth, GroupCount, IndustryRow, RegionRow};
pub use city::City;
pub use combine::{same_period_tables, select_table};
pub use enterprises::EnterpriseRow;
pub use extra::Extra;
pub use formulas::{contribution_pct, growth_pct, pull_pp, share_pct};
pub use highlights::{CountyPull, Highlights, NewEntrants, Pillar};
pub use ledger_join::{JoinedBy, Unjoined, UnjoinedReason};
pub use ledgers::{
    choice_key, KeyLedger, LeaderRow, LedgerSummary, Member, Projects, ReasonRow, ReviewItem,
    ReviewLedger, StopLedger, NOT_FILLED,
};
pub use movers::{large_and_falling, EnterpriseMover, TOP_N};
pub use ranking::rank_desc;
pub use review::{ReviewFlag, ReviewRule, ReviewThresholds};
pub use scenario::{
    remaining_month, AreaGain, Levers, Scenario, ScenarioBase, Threshold, TOP as SCENARIO_TOP,
};
pub use staged::Analyzing;
pub use status::{Status, StatusSummary};
pub use target::{ForecastBasis, RegionTargetRow, Target};
pub use transitions::{RegionTransitions, Transition, TransitionSet, Transitions};
pub use trend::TrendPoint;
pub use va_estimate::{VaEstimate, VaIndustry, VaRegion, VaTarget};

use crate::model::{At, Severity, Warning};
use crate::model::{Date, EnterpriseTable, Period, Sources, Targets};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What the user sets beside the files.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The city's name, to find it in the province table; else taken from titles.
    pub city: Option<String>,
    /// Which loaded period to analyse; the latest when `None`.
    pub period: Option<Period>,
    /// Targets entered by hand win over a 目标任务 sheet.
    pub targets: Option<Targets>,
    pub review: ReviewThresholds,
    /// Several enterprise tables of the analysed period are merged by credit code (else
    /// name) instead of taking the one loaded last.
    #[serde(default)]
    pub merge_same_period: bool,
    /// The quarter's value-added growth target, %, winning over the targets' own.
    #[serde(default)]
    pub va_target_pct: Option<f64>,
    /// The day the review ledger's deadlines are judged against (`--as-of`; the page
    /// sets today). Without one, no row is overdue.
    #[serde(default)]
    pub as_of: Option<Date>,
    /// The enterprise the user picked for a ledger name that joined none: the name's
    /// `choice_key` → the enterprise's `model::name_key`.
    #[serde(default)]
    pub ledger_choices: std::collections::BTreeMap<String, String>,
    /// 调度推演's levers (`--resume-stopped`, `--recover-reduced`; the page's sliders).
    #[serde(default)]
    pub levers: Option<Levers>,
}

/// A warning as the contract's JSON shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractWarning {
    /// `file`, `sheet` and `cell`, side by side with `message` as the contract lists them.
    #[serde(flatten)]
    pub at: At,
    pub message: String,
}

impl From<&Warning> for ContractWarning {
    fn from(w: &Warning) -> Self {
        ContractWarning {
            at: w.at.clone(),
            message: w.message.clone(),
        }
    }
}

/// The whole analysis (contract "Output"), plus `extra` for the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub period: Option<Period>,
    pub city: City,
    pub regions: Vec<RegionRow>,
    pub groups: Vec<GroupCount>,
    pub industries: Vec<IndustryRow>,
    pub status: StatusSummary,
    pub target: Option<Target>,
    /// 增加值测算, when a 增加值率表 is loaded (contract → Extensions).
    pub va_estimate: Option<VaEstimate>,
    /// The 工信局's ledgers joined to the table (contract → Extensions).
    pub ledgers: Option<LedgerSummary>,
    /// 调度推演 at the settings' levers (contract → Extensions).
    pub scenario: Option<Scenario>,
    /// The speech's own shapes: 基石, the districts doing well, the counties growing and
    /// pulling down, last year's new entrants.
    pub highlights: Highlights,
    /// What changed since the previous loaded period; `None` with one period.
    pub transitions: Option<Transitions>,
    pub warnings: Vec<ContractWarning>,
    /// What ingest and analysis decided on their own, the figures unaffected: a region
    /// taken from the sheet name, rows skipped as repeated headers, parts combined.
    #[serde(default)]
    pub notes: Vec<ContractWarning>,
    pub extra: Extra,
    /// Every enterprise with its figures, for the dashboard's table. Not in the JSON:
    /// a province has tens of thousands.
    #[serde(skip)]
    pub enterprises: Vec<EnterpriseRow>,
}

impl Analysis {
    /// The loaded period before the analysed one in the same year, with its figures: what
    /// 较上期 compares with (a cumulative growth is not compared across years).
    pub fn previous_point(&self) -> Option<&TrendPoint> {
        let p = self.period?;
        self.extra
            .trend
            .iter()
            .rfind(|t| t.period.is_some_and(|q| q.year == p.year && q < p))
    }

    /// How the city's cumulative growth moved since [`Analysis::previous_point`], 百分点,
    /// with that period.
    pub fn growth_since_previous(&self) -> Option<(crate::model::Period, f64)> {
        let before = self.previous_point()?;
        let change = self.city.output_growth_pct? - before.output_growth_pct?;
        Some((before.period?, change))
    }

    /// The loaded periods of the analysed year up to the analysed one, oldest first: the
    /// months a region's growth is followed over.
    pub fn year_points(&self) -> Vec<&TrendPoint> {
        let Some(now) = self.period else {
            return Vec::new();
        };
        self.extra
            .trend
            .iter()
            .filter(|t| t.period.is_some_and(|p| p.year == now.year && p <= now))
            .collect()
    }

    /// Region `name`'s cumulative growth in each of [`Analysis::year_points`].
    pub fn region_series(&self, name: &str) -> Vec<(Period, Option<f64>)> {
        self.year_points()
            .into_iter()
            .filter_map(|t| Some((t.period?, t.regions.get(name).copied().flatten())))
            .collect()
    }

    /// How the city's province rank moved since the previous loaded period: (that period,
    /// places moved up; negative when it fell back).
    pub fn rank_since_previous(&self) -> Option<(Period, i64)> {
        let before = self.previous_point()?;
        let then = before.province_rank?;
        Some((
            before.period?,
            then as i64 - self.city.province_rank? as i64,
        ))
    }

    /// The same for one region.
    pub fn region_growth_since_previous(&self, region: &str) -> Option<f64> {
        let before = self.previous_point()?;
        let now = self
            .regions
            .iter()
            .find(|r| r.name == region)?
            .output_growth_pct?;
        Some(now - (*before.regions.get(region)?)?)
    }

    /// The warnings, then the notes, each with its severity: what the page's data notes
    /// list (the contract keeps them in two lists).
    pub fn diagnostics(&self) -> Vec<Warning> {
        let with = |severity: Severity| {
            move |w: &ContractWarning| Warning {
                at: w.at.clone(),
                message: w.message.clone(),
                severity,
            }
        };
        self.warnings
            .iter()
            .map(with(Severity::Warning))
            .chain(self.notes.iter().map(with(Severity::Info)))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum AnalysisError {
    #[error("没有载入企业产值表，无法计算")]
    NoEnterpriseTable,
    #[error("没有 {0} 的企业产值表；已载入的报告期：{1}")]
    PeriodNotLoaded(String, String),
}

/// A context table whose period matches no loaded enterprise table is never used; say
/// so. (Tables of another loaded period are used when that period is chosen.)
fn period_mismatch_warnings(sources: &Sources) -> Vec<ContractWarning> {
    let mut loaded: Vec<Period> = sources
        .enterprises
        .iter()
        .filter_map(|t| t.period)
        .collect();
    if loaded.is_empty() {
        return Vec::new();
    }
    loaded.sort();
    loaded.dedup();
    let names: Vec<String> = loaded.iter().map(|p| p.label()).collect();
    let tables = sources
        .regions
        .iter()
        .map(|t| ("县区增加值增速表", t.period, &t.file, &t.sheet))
        .chain(
            sources
                .cities
                .iter()
                .map(|t| ("全省各市增速表", t.period, &t.file, &t.sheet)),
        );
    tables
        .filter_map(|(what, period, file, sheet)| {
            let p = period.filter(|p| !loaded.contains(p))?;
            Some(ContractWarning {
                at: crate::model::At {
                    file: file.clone(),
                    sheet: Some(sheet.clone()),
                    cell: None,
                },
                message: format!(
                    "{what}的报告期（{}）与已载入的企业表（{}）不一致，未使用",
                    p.label(),
                    names.join("、")
                ),
            })
        })
        .collect()
}

/// The enterprise table an analysis with `settings` reads (the period's parts combined,
/// the month derived): what a figure is explained from.
pub fn chosen_table<'a>(
    sources: &'a Sources,
    settings: &Settings,
) -> Result<std::borrow::Cow<'a, EnterpriseTable>, AnalysisError> {
    combine::choose(sources, settings).map(|c| c.table)
}

/// Computes everything from what is loaded.
pub fn analyze(sources: &Sources, settings: &Settings) -> Result<Analysis, AnalysisError> {
    Ok(Analyzing::new(sources, settings)?.finish())
}
