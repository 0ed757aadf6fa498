//! 调度推演 (contract → Extensions → `scenario`): in the quarter's last month, every
//! stopped (resp. reduced) enterprise produces at least PCT % of its 上年同月 output; what
//! that adds to the target's forecast, by region and by 包保领导, which enterprises carry
//! it, and the smallest uniform PCT that closes the gap. Everything here is 推演, never 预计.
//!
//! [`ScenarioBase`] is built once per analysis; a slider step is one pass over the stopped
//! and reduced enterprises only.

use super::enterprises::EnterpriseRow;
use super::formulas::growth_pct;
use super::status::Status;
use super::Analysis;
use serde::{Deserialize, Serialize};

/// The two levers, % of 上年同月 (0–100).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Levers {
    pub resume_stopped_pct: f64,
    pub recover_reduced_pct: f64,
}

/// The gain of one region or one leader's enterprises, with the region's gap after it
/// when the region has a target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaGain {
    pub name: String,
    pub gain: f64,
    /// The region's target gap before the levers, when it has a target.
    pub gap_before: Option<f64>,
}

impl AreaGain {
    pub fn gap_after(&self) -> Option<f64> {
        self.gap_before.map(|g| g - self.gain)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scenario {
    pub resume_stopped_pct: f64,
    pub recover_reduced_pct: f64,
    pub stopped_gain: f64,
    pub reduced_gain: f64,
    pub forecast_quarter_output: f64,
    pub forecast_growth_pct: Option<f64>,
    pub forecast_gap: f64,
    /// By region, largest gain first.
    #[serde(skip)]
    pub regions: Vec<AreaGain>,
    /// By 包保领导, when the key-enterprise ledger is loaded; largest gain first.
    #[serde(skip)]
    pub leaders: Vec<AreaGain>,
    /// (enterprise index, gain), the largest gains first, at most [`TOP`].
    #[serde(skip)]
    pub top: Vec<(usize, f64)>,
}

/// An enterprise's output in the quarter's last month before any lever: its 预计下月产值
/// when the table has that column (an empty cell counts this month's output), else this
/// month's output.
pub fn remaining_month(e: &EnterpriseRow, has_forecast_column: bool) -> f64 {
    if has_forecast_column {
        e.forecast_next_month.unwrap_or(e.month_output)
    } else {
        e.month_output
    }
}

/// How many enterprises the list of the largest gains holds.
pub const TOP: usize = 20;

/// A stopped or reduced enterprise: what the levers act on.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Candidate {
    enterprise: u32,
    stopped: bool,
    month_prior: f64,
    remaining: f64,
    region: u16,
}

impl Candidate {
    fn gain(&self, pct: f64) -> f64 {
        (pct / 100.0 * self.month_prior - self.remaining).max(0.0)
    }
}

/// What the levers need, prepared once per analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioBase {
    candidates: Vec<Candidate>,
    regions: Vec<(String, Option<f64>)>,
    /// (leader, indices into `candidates`).
    leaders: Vec<(String, Vec<u32>)>,
    forecast: f64,
    required: f64,
    prior_quarter: f64,
    quarter_end_month: u32,
}

/// The smallest uniform lever that closes the gap, or by how much even 100 % falls short.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Threshold {
    /// The forecast already reaches the target.
    NotNeeded,
    /// This uniform PCT (rounded up to 0.1) closes it.
    At(f64),
    /// Even 100 % leaves this gap, 亿元.
    Short(f64),
}

impl ScenarioBase {
    /// `None` without a target whose quarter ends next month.
    pub fn of(a: &Analysis) -> Option<ScenarioBase> {
        let target = a.target.as_ref()?;
        let month = a.period?.month;
        if target.quarter_end_month != month + 1 {
            return None;
        }
        let mut regions: Vec<(String, Option<f64>)> = a
            .regions
            .iter()
            .map(|r| {
                let gap = a
                    .extra
                    .region_targets
                    .iter()
                    .find(|t| t.region == r.name)
                    .map(|t| t.target.forecast_gap);
                (r.name.clone(), gap)
            })
            .collect();
        let mut candidates = Vec::new();
        let mut slot = vec![u32::MAX; a.enterprises.len()];
        for (i, e) in a.enterprises.iter().enumerate() {
            let stopped = match e.status {
                Status::Stopped => true,
                Status::Reduced => false,
                _ => continue,
            };
            let remaining = remaining_month(e, a.extra.has_forecast_column);
            let region = match regions.iter().position(|(n, _)| **n == *e.region) {
                Some(r) => r,
                None => {
                    regions.push((e.region.to_string(), None));
                    regions.len() - 1
                }
            };
            slot[i] = candidates.len() as u32;
            candidates.push(Candidate {
                enterprise: i as u32,
                stopped,
                month_prior: e.month_output_prior,
                remaining,
                region: region as u16,
            });
        }
        let leaders = a
            .ledgers
            .as_ref()
            .and_then(|l| l.key.as_ref())
            .map(|k| {
                k.leaders
                    .iter()
                    .map(|l| {
                        let rows = l
                            .members
                            .iter()
                            .filter_map(|m| slot.get(m.enterprise).copied())
                            .filter(|s| *s != u32::MAX)
                            .collect();
                        (l.leader.clone(), rows)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(ScenarioBase {
            candidates,
            regions,
            leaders,
            forecast: target.forecast_quarter_output,
            required: target.required_quarter_output,
            prior_quarter: target.prior_quarter_output,
            quarter_end_month: target.quarter_end_month,
        })
    }

    pub fn quarter_end_month(&self) -> u32 {
        self.quarter_end_month
    }

    /// The gap before any lever, 亿元.
    pub fn gap_before(&self) -> f64 {
        self.required - self.forecast
    }

    fn total_gain(&self, stopped_pct: f64, reduced_pct: f64) -> f64 {
        self.candidates
            .iter()
            .map(|c| c.gain(if c.stopped { stopped_pct } else { reduced_pct }))
            .sum()
    }

    /// The scenario at these levers (each clamped to 0–100).
    pub fn at(&self, levers: Levers) -> Scenario {
        let s = levers.resume_stopped_pct.clamp(0.0, 100.0);
        let r = levers.recover_reduced_pct.clamp(0.0, 100.0);
        let (mut stopped_gain, mut reduced_gain) = (0.0, 0.0);
        let mut by_region = vec![0.0; self.regions.len()];
        let mut gains = vec![0.0; self.candidates.len()];
        for (k, c) in self.candidates.iter().enumerate() {
            let g = c.gain(if c.stopped { s } else { r });
            if c.stopped {
                stopped_gain += g;
            } else {
                reduced_gain += g;
            }
            by_region[c.region as usize] += g;
            gains[k] = g;
        }
        let forecast = self.forecast + stopped_gain + reduced_gain;
        let mut regions: Vec<AreaGain> = self
            .regions
            .iter()
            .zip(&by_region)
            .map(|((name, gap), &gain)| AreaGain {
                name: name.clone(),
                gain,
                gap_before: *gap,
            })
            .collect();
        regions.sort_by(|a, b| b.gain.total_cmp(&a.gain));
        let mut leaders: Vec<AreaGain> = self
            .leaders
            .iter()
            .map(|(name, rows)| AreaGain {
                name: name.clone(),
                gain: rows.iter().map(|&k| gains[k as usize]).sum(),
                gap_before: None,
            })
            .collect();
        leaders.sort_by(|a, b| b.gain.total_cmp(&a.gain));
        let mut top: Vec<(usize, f64)> = self
            .candidates
            .iter()
            .zip(&gains)
            .filter(|(_, g)| **g > 0.0)
            .map(|(c, g)| (c.enterprise as usize, *g))
            .collect();
        top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        top.truncate(TOP);
        Scenario {
            resume_stopped_pct: s,
            recover_reduced_pct: r,
            stopped_gain,
            reduced_gain,
            forecast_quarter_output: forecast,
            forecast_growth_pct: growth_pct(forecast, self.prior_quarter),
            forecast_gap: self.required - forecast,
            regions,
            leaders,
            top,
        }
    }

    /// The smallest uniform lever (stopped and reduced alike) that closes the gap.
    pub fn threshold(&self) -> Threshold {
        let gap = self.gap_before();
        if gap <= 0.0 {
            return Threshold::NotNeeded;
        }
        let at_full = self.total_gain(100.0, 100.0);
        if at_full < gap {
            return Threshold::Short(gap - at_full);
        }
        // The gain grows with the lever (piecewise linear): bisect to well under 0.1 %.
        let (mut lo, mut hi) = (0.0_f64, 100.0_f64);
        for _ in 0..40 {
            let mid = (lo + hi) / 2.0;
            if self.total_gain(mid, mid) >= gap {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        // Shown with one decimal: round up so the figure shown does close the gap.
        Threshold::At(((hi * 10.0).ceil() / 10.0).min(100.0))
    }
}
