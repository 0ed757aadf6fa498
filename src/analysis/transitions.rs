//! What changed since the previous loaded period, enterprise by enterprise: which
//! stopped, resumed, turned down or up, stayed stopped or reduced, entered or left the
//! table; matched by 统一社会信用代码, 组织机构代码 or the normalised name (the ledgers'
//! join).

use super::breakdown::RegionRow;
use super::city::City;
use super::formulas::pull_pp;
use super::ledger_join::JoinIndex;
use super::status::{self, Status};
use crate::model::{EnterpriseTable, Period};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One transition set: how many, and their month pull on the city.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct TransitionSet {
    pub enterprises: usize,
    pub month_pull_pp: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionTransitions {
    pub name: String,
    pub newly_stopped: usize,
    pub resumed: usize,
    pub turned_down: usize,
    pub turned_up: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transitions {
    pub from: Period,
    pub newly_stopped: TransitionSet,
    pub resumed: TransitionSet,
    pub turned_down: TransitionSet,
    pub turned_up: TransitionSet,
    pub still_stopped: TransitionSet,
    pub still_reduced: TransitionSet,
    pub entered: usize,
    pub left: usize,
    pub regions: Vec<RegionTransitions>,
    /// Each enterprise that made one of the six transitions, for the page's lists. Not in
    /// the JSON: the counts are.
    #[serde(skip)]
    pub members: Vec<Member>,
    /// The names only in the analysed period's table, and only in the previous one.
    #[serde(skip)]
    pub entered_names: Vec<String>,
    #[serde(skip)]
    pub left_names: Vec<String>,
}

/// An enterprise's transition, with its month output in the previous period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Member {
    /// Its row in the analysed table (and in `Analysis::enterprises`).
    pub enterprise: usize,
    pub transition: Transition,
    pub before_month_output: f64,
}

impl Transition {
    pub const ALL: [Transition; 6] = [
        Transition::NewlyStopped,
        Transition::Resumed,
        Transition::TurnedDown,
        Transition::TurnedUp,
        Transition::StillStopped,
        Transition::StillReduced,
    ];

    /// How the page and the speech name it.
    pub fn label(self) -> &'static str {
        match self {
            Transition::NewlyStopped => "新增停产",
            Transition::Resumed => "复产",
            Transition::TurnedDown => "由增转减",
            Transition::TurnedUp => "由减转增",
            Transition::StillStopped => "仍停产",
            Transition::StillReduced => "仍减产",
        }
    }

    /// Its key in the contract's `transitions`.
    pub fn key(self) -> &'static str {
        match self {
            Transition::NewlyStopped => "newly_stopped",
            Transition::Resumed => "resumed",
            Transition::TurnedDown => "turned_down",
            Transition::TurnedUp => "turned_up",
            Transition::StillStopped => "still_stopped",
            Transition::StillReduced => "still_reduced",
        }
    }
}

impl Transitions {
    /// The set of one transition.
    pub fn set(&self, t: Transition) -> TransitionSet {
        match t {
            Transition::NewlyStopped => self.newly_stopped,
            Transition::Resumed => self.resumed,
            Transition::TurnedDown => self.turned_down,
            Transition::TurnedUp => self.turned_up,
            Transition::StillStopped => self.still_stopped,
            Transition::StillReduced => self.still_reduced,
        }
    }
}

/// Which transition an enterprise made, if one of the six.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    NewlyStopped,
    Resumed,
    TurnedDown,
    TurnedUp,
    StillStopped,
    StillReduced,
}

impl Transition {
    pub fn of(then: Status, now: Status) -> Option<Transition> {
        use Status::*;
        match (then, now) {
            (Stopped, Stopped) => Some(Transition::StillStopped),
            (_, Stopped) => Some(Transition::NewlyStopped),
            (Stopped, _) => Some(Transition::Resumed),
            (Increased | Flat, Reduced) => Some(Transition::TurnedDown),
            (Reduced, Increased) => Some(Transition::TurnedUp),
            (Reduced, Reduced) => Some(Transition::StillReduced),
            _ => None,
        }
    }
}

/// Each enterprise of `now` with its row in `before`, or `None` when it entered.
pub fn matches(now: &EnterpriseTable, before: &EnterpriseTable) -> Vec<Option<usize>> {
    let choices = BTreeMap::new();
    let index = JoinIndex::new(before, &choices);
    (0..now.len())
        .map(|i| {
            index
                .find(&now.names[i], now.codes[i].as_deref())
                .map(|(j, _)| j)
        })
        .collect()
}

pub fn compute(
    now: &EnterpriseTable,
    before: &EnterpriseTable,
    from: Period,
    city: &City,
    regions: &[RegionRow],
) -> Transitions {
    let matched = matches(now, before);
    let mut sets: BTreeMap<u8, (usize, f64)> = BTreeMap::new();
    let mut by_region: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    let mut seen_before = vec![false; before.len()];
    let mut entered_names = Vec::new();
    let mut members = Vec::new();
    for (i, m) in matched.iter().enumerate() {
        let Some(j) = *m else {
            entered_names.push(now.names[i].clone());
            continue;
        };
        seen_before[j] = true;
        let Some(t) = Transition::of(status::of(before, j), status::of(now, i)) else {
            continue;
        };
        members.push(Member {
            enterprise: i,
            transition: t,
            before_month_output: before.month_output[j],
        });
        let e = sets.entry(t as u8).or_default();
        e.0 += 1;
        e.1 += now.month_output[i] - now.month_output_prior[i];
        let slot = match t {
            Transition::NewlyStopped => Some(0),
            Transition::Resumed => Some(1),
            Transition::TurnedDown => Some(2),
            Transition::TurnedUp => Some(3),
            _ => None,
        };
        if let Some(k) = slot {
            by_region.entry(now.regions[i].as_str()).or_default()[k] += 1;
        }
    }
    let set = |t: Transition| {
        let (enterprises, change) = sets.get(&(t as u8)).copied().unwrap_or_default();
        TransitionSet {
            enterprises,
            month_pull_pp: pull_pp(change, city.month_output_prior),
        }
    };
    Transitions {
        from,
        newly_stopped: set(Transition::NewlyStopped),
        resumed: set(Transition::Resumed),
        turned_down: set(Transition::TurnedDown),
        turned_up: set(Transition::TurnedUp),
        still_stopped: set(Transition::StillStopped),
        still_reduced: set(Transition::StillReduced),
        entered: entered_names.len(),
        left: seen_before.iter().filter(|s| !**s).count(),
        members,
        entered_names,
        left_names: (0..before.len())
            .filter(|&j| !seen_before[j])
            .map(|j| before.names[j].clone())
            .collect(),
        regions: regions
            .iter()
            .map(|r| {
                let c = by_region.get(r.name.as_str()).copied().unwrap_or_default();
                RegionTransitions {
                    name: r.name.clone(),
                    newly_stopped: c[0],
                    resumed: c[1],
                    turned_down: c[2],
                    turned_up: c[3],
                }
            })
            .collect(),
    }
}
