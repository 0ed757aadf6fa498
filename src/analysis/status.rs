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
    let statuses: Vec<Status> = (0..table.len()).map(|i| of(table, i)).collect();
    let delta = |keep: &dyn Fn(usize) -> bool| -> f64 {
        (0..table.len())
            .filter(|&i| keep(i))
            .map(|i| table.month_output[i] - table.month_output_prior[i])
            .sum()
    };
    let pull = |keep: &dyn Fn(usize) -> bool| pull_pp(delta(keep), city.month_output_prior);
    let count = |s: Status| statuses.iter().filter(|x| **x == s).count();
    StatusSummary {
        stopped: count(Status::Stopped),
        reduced: count(Status::Reduced),
        increased: count(Status::Increased),
        flat: count(Status::Flat),
        new: table.is_new.iter().filter(|n| **n).count(),
        stopped_pull_pp: pull(&|i| statuses[i] == Status::Stopped),
        reduced_pull_pp: pull(&|i| statuses[i] == Status::Reduced),
        increased_pull_pp: pull(&|i| statuses[i] == Status::Increased),
        new_pull_pp: pull(&|i| table.is_new[i]),
    }
}
