//! The analysis in steps, none of them long: `analyze` runs them in one go, the page
//! yields to the browser between them, so that a million-enterprise table never holds
//! the page's thread for the whole analysis (issue #30: no task over 200 ms).

use super::combine::{self, Chosen};
use super::*;

/// Enterprises turned into rows per step: a few tens of milliseconds in the browser.
const ROWS_PER_STEP: usize = 150_000;

/// What the first step computes and every later one reads.
struct Base {
    period: Option<Period>,
    city: City,
    regions: Vec<RegionRow>,
    groups: Vec<GroupCount>,
    industries: Vec<IndustryRow>,
    targets: Option<Targets>,
    target_warnings: Vec<ContractWarning>,
}

/// What the quarter's target and the value-added estimate need of the base.
struct Outlook {
    target: Option<Target>,
    va_estimate: Option<VaEstimate>,
    va_warnings: Vec<ContractWarning>,
}

/// An analysis under way. `step` until it returns `true`, then `finish`.
pub struct Analyzing<'a> {
    sources: &'a Sources,
    settings: &'a Settings,
    chosen: Chosen<'a>,
    base: Option<Base>,
    status: Option<StatusSummary>,
    outlook: Option<Outlook>,
    enterprises: Vec<EnterpriseRow>,
    movers: Option<movers::Movers>,
    trend: Option<Vec<TrendPoint>>,
    extra: Option<Extra>,
}

impl<'a> Analyzing<'a> {
    /// Chooses the table (the period's parts combined): cheap beside what follows.
    pub fn new(sources: &'a Sources, settings: &'a Settings) -> Result<Self, AnalysisError> {
        Ok(Analyzing {
            sources,
            settings,
            chosen: combine::choose(sources, settings)?,
            base: None,
            status: None,
            outlook: None,
            enterprises: Vec::new(),
            movers: None,
            trend: None,
            extra: None,
        })
    }

    /// The enterprises of the table analysed: how much work lies ahead.
    pub fn len(&self) -> usize {
        self.chosen.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chosen.table.is_empty()
    }

    /// Does the next piece of work; `true` once `finish` has nothing long left to do.
    /// Each piece reads the table once or turns `ROWS_PER_STEP` enterprises into rows.
    pub fn step(&mut self) -> bool {
        let (sources, settings) = (self.sources, self.settings);
        let table: &EnterpriseTable = &self.chosen.table;
        let Some(base) = &self.base else {
            self.base = Some(base(table, sources, settings));
            return false;
        };
        if self.status.is_none() {
            self.status = Some(status::compute(table, &base.city));
            return false;
        }
        if self.outlook.is_none() {
            self.outlook = Some(outlook(table, sources, settings, base));
            return false;
        }
        if self.enterprises.len() < table.len() {
            let from = self.enterprises.len();
            let to = (from + ROWS_PER_STEP).min(table.len());
            if from == 0 {
                self.enterprises.reserve_exact(table.len());
            }
            self.enterprises
                .extend(enterprises::rows(table, &base.city, from..to));
            return false;
        }
        if self.movers.is_none() {
            self.movers = Some(movers::compute(&self.enterprises, &base.city));
            return false;
        }
        if self.trend.is_none() {
            self.trend = Some(trend::compute(sources, base.city.name.as_deref()));
            return false;
        }
        if self.extra.is_none() {
            self.extra = Some(extra(table, sources, settings, base, self));
            return false;
        }
        true
    }

    /// The analysis: the remaining light work (ledgers, highlights, transitions).
    pub fn finish(mut self) -> Analysis {
        while !self.step() {}
        let (sources, settings) = (self.sources, self.settings);
        let table: &EnterpriseTable = &self.chosen.table;
        let (Some(base), Some(status), Some(outlook), Some(mut extra)) =
            (self.base, self.status, self.outlook, self.extra)
        else {
            unreachable!("step() returned true: every piece is computed")
        };
        let ledgers = ledgers::compute(
            &sources.ledgers,
            table,
            &base.city,
            settings.as_of,
            &settings.ledger_choices,
        );
        let highlights = highlights::compute(table, &base.city, &base.regions);
        let transitions = base
            .period
            .and_then(|p| combine::previous_table(sources, p))
            .map(|(from, before)| {
                transitions::compute(table, &before, from, &base.city, &base.regions)
            });
        let chosen = &self.chosen;
        extra.same_period_files = chosen.overlapping_files.clone();
        extra.merged_same_period = chosen.merged;
        let mut analysis = Analysis {
            period: base.period,
            city: base.city,
            regions: base.regions,
            groups: base.groups,
            industries: base.industries,
            status,
            target: outlook.target,
            va_estimate: outlook.va_estimate,
            ledgers,
            scenario: None,
            highlights,
            transitions,
            warnings: sources
                .warnings
                .iter()
                .filter(|w| w.severity == Severity::Warning)
                .map(ContractWarning::from)
                .chain(chosen.warnings.iter().cloned())
                .chain(period_mismatch_warnings(sources))
                .chain(outlook.va_warnings)
                .chain(base.target_warnings)
                .collect(),
            notes: sources
                .warnings
                .iter()
                .filter(|w| w.severity == Severity::Info)
                .map(ContractWarning::from)
                .chain(chosen.notes.iter().cloned())
                .collect(),
            enterprises: self.enterprises,
            extra,
        };
        analysis.scenario = settings
            .levers
            .and_then(|levers| Some(ScenarioBase::of(&analysis)?.at(levers)));
        analysis
    }
}

fn base(table: &EnterpriseTable, sources: &Sources, settings: &Settings) -> Base {
    let period = settings.period.or(table.period);
    let city = city::compute(table, sources, settings);
    let regions = breakdown::regions(table, &city, sources);
    let groups = breakdown::groups(&regions);
    let industries = breakdown::industries(table, &city);
    // Typed targets were checked where they were typed; a 目标任务 sheet's are checked
    // against the data here, and left out with a 警告 when they cannot be right.
    let mut target_warnings = Vec::new();
    let targets = match (settings.targets, sources.targets, period) {
        (Some(t), _, _) => Some(t),
        (None, Some(t), Some(p)) => match t.check_prior_against(city.output_prior, p.month) {
            Ok(()) => Some(t),
            Err(e) => {
                target_warnings.push(ContractWarning {
                    at: At {
                        file: "目标任务表".into(),
                        sheet: None,
                        cell: None,
                    },
                    message: format!("目标任务表中的上年同期季度累计产值无法使用，未测算目标：{e}"),
                });
                None
            }
        },
        (None, t, _) => t,
    };
    Base {
        period,
        city,
        regions,
        groups,
        industries,
        targets,
        target_warnings,
    }
}

fn outlook(
    table: &EnterpriseTable,
    sources: &Sources,
    settings: &Settings,
    base: &Base,
) -> Outlook {
    let (targets, period, city) = (base.targets, base.period, &base.city);
    let target = match (targets, period) {
        (Some(t), Some(p)) => Some(target::compute(table, city, &t, p)),
        _ => None,
    };
    let mut va_warnings = Vec::new();
    let va_estimate = va_estimate::compute(
        table,
        sources,
        city,
        &base.regions,
        settings
            .va_target_pct
            .or(targets.and_then(|t| t.value_added_growth_target_pct)),
        // What the remaining months must produce: only while months of the quarter remain.
        targets
            .zip(period)
            .filter(|(t, p)| p.month < t.quarter_end_month)
            .map(|(t, _)| t.prior_quarter_output),
        &mut va_warnings,
    );
    Outlook {
        target,
        va_estimate,
        va_warnings,
    }
}

fn extra(
    table: &EnterpriseTable,
    sources: &Sources,
    settings: &Settings,
    base: &Base,
    done: &Analyzing,
) -> Extra {
    let (Some(movers), Some(trend), Some(status)) = (&done.movers, &done.trend, &done.status)
    else {
        unreachable!("the movers, the trend and the status are computed before the extra")
    };
    let (targets, period) = (base.targets, base.period);
    Extra {
        trend: trend.clone(),
        growth_share_pct: status.growth_breadth_pct(),
        top_increments: movers.top_increments.clone(),
        top_decrements: movers.top_decrements.clone(),
        top50_output_share_pct: movers.top_output_share_pct,
        top50_growth_pct: movers.top_growth_pct,
        top50_pull_pp: movers.top_pull_pp,
        region_group_ranks: breakdown::group_ranks(&base.regions),
        review_flags: review::flags(table, &settings.review),
        forecast_basis: targets
            .zip(period)
            .map(|(t, p)| target::basis(table, &t, p)),
        region_targets: match (targets, period) {
            (Some(t), Some(p)) => {
                target::regions(table, &base.city, &t, &sources.region_targets, p)
            }
            _ => Vec::new(),
        },
        // Set by `finish`, which holds the choice.
        same_period_files: Vec::new(),
        merged_same_period: false,
        projects: ledgers::projects(&sources.ledgers),
        has_forecast_column: table.has_forecast_column,
    }
}
