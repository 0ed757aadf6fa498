//! Enterprise status on the month basis: stopped, reduced, increased, flat; and new.

use super::city::City;
use super::formulas::{growth_breadth_pct, pull_pp};
use crate::model::EnterpriseTable;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Stopped,
    Reduced,
    Increased,
    Flat,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Stopped => "停产",
            Status::Reduced => "减产",
            Status::Increased => "增产",
            Status::Flat => "持平",
        }
    }
}

/// The status of enterprise `i`; every enterprise has exactly one.
pub fn of(table: &EnterpriseTable, i: usize) -> Status {
    let (now, base) = (table.month_output[i], table.month_output_prior[i]);
    if now == 0.0 || table.reported_stopped[i] {
        Status::Stopped
    } else if now > base {
        Status::Increased
    } else if now < base {
        Status::Reduced
    } else {
        Status::Flat
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusSummary {
    pub stopped: usize,
    pub reduced: usize,
    pub increased: usize,
    pub flat: usize,
    pub new: usize,
    pub stopped_pull_pp: Option<f64>,
    pub reduced_pull_pp: Option<f64>,
    pub increased_pull_pp: Option<f64>,
    pub new_pull_pp: Option<f64>,
}

impl StatusSummary {
    /// The stopped and reduced enterprises' pull together (they share the base), when
    /// there are any.
    pub fn stopped_and_reduced_pull_pp(&self) -> Option<f64> {
        (self.stopped + self.reduced > 0)
            .then(|| self.stopped_pull_pp.zip(self.reduced_pull_pp))
            .flatten()
            .map(|(x, y)| x + y)
    }

    /// 增长面: the share of enterprises whose month output grew (every enterprise has
    /// one of the four statuses, so they count all of them).
    pub fn growth_breadth_pct(&self) -> Option<f64> {
        growth_breadth_pct(
            self.increased,
            self.stopped + self.reduced + self.increased + self.flat,
        )
    }
}

pub fn compute(table: &EnterpriseTable, city: &City) -> StatusSummary {
    // One pass: a million-enterprise table is read once, not once per status.
    let (mut counts, mut deltas) = ([0usize; 4], [0.0f64; 4]);
    let (mut new, mut new_delta) = (0, 0.0);
    for i in 0..table.len() {
        let slot = match of(table, i) {
            Status::Stopped => 0,
            Status::Reduced => 1,
            Status::Increased => 2,
            Status::Flat => 3,
        };
        let delta = table.month_output[i] - table.month_output_prior[i];
        counts[slot] += 1;
        deltas[slot] += delta;
        if table.is_new[i] {
            new += 1;
            new_delta += delta;
        }
    }
    let pull = |delta: f64| pull_pp(delta, city.month_output_prior);
    StatusSummary {
        stopped: counts[0],
        reduced: counts[1],
        increased: counts[2],
        flat: counts[3],
        new,
        stopped_pull_pp: pull(deltas[0]),
        reduced_pull_pp: pull(deltas[1]),
        increased_pull_pp: pull(deltas[2]),
        new_pull_pp: pull(new_delta),
    }
}
