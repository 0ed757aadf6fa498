//! The ledgers joined to the statistics (contract → Extensions → `ledgers`): the key
//! enterprises by 包保领导, the 停减产 reasons and the stopped or reduced enterprises no
//! ledger row names, the review list's evidence and deadlines; and the 拟入规 projects.
//! Fields marked `skip` are the page's detail, not the contract's JSON.

use super::city::City;
use super::formulas::{growth_pct, pull_pp, share_pct};
use super::ledger_join::{JoinIndex, JoinedBy, NameSearch, Unjoined};
use super::status::{self, Status};
use crate::model::{name_key, At, Date, EnterpriseTable, Ledgers, ReviewKind, StopKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// What a ledger row with nothing in its 包保领导 or 原因 cell is grouped under.
pub const NOT_FILLED: &str = "未填写";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LedgerSummary {
    pub key: Option<KeyLedger>,
    pub stop_reduce: Option<StopLedger>,
    pub review: Option<ReviewLedger>,
}

/// One enterprise of a ledger group, as the page lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// Index into the analysed table (and `Analysis::enterprises`).
    pub enterprise: usize,
    pub name: String,
    pub region: String,
    pub output: f64,
    pub output_growth_pct: Option<f64>,
    pub month_output: f64,
    pub month_output_prior: f64,
    pub status: Status,
    pub joined_by: JoinedBy,
    /// 存在问题 / 帮扶措施 (包保台账), 类型 / 预计复产时间 (停减产台账).
    pub notes: Vec<(&'static str, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeaderRow {
    pub leader: String,
    pub enterprises: usize,
    pub output: f64,
    pub output_prior: f64,
    pub output_growth_pct: Option<f64>,
    pub pull_pp: Option<f64>,
    pub stopped: usize,
    pub reduced: usize,
    #[serde(skip)]
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyLedger {
    pub listed: usize,
    pub matched: usize,
    pub unmatched: Vec<String>,
    pub output: f64,
    pub output_prior: f64,
    pub output_growth_pct: Option<f64>,
    pub share_pct: Option<f64>,
    pub pull_pp: Option<f64>,
    pub leaders: Vec<LeaderRow>,
    /// The matched enterprises' statuses, for the briefing's "其中减产A户、停产B户".
    #[serde(skip)]
    pub stopped: usize,
    #[serde(skip)]
    pub reduced: usize,
    #[serde(skip)]
    pub unjoined: Vec<Unjoined>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReasonRow {
    pub reason: String,
    pub enterprises: usize,
    pub month_pull_pp: Option<f64>,
    #[serde(skip)]
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StopLedger {
    pub listed: usize,
    pub matched: usize,
    pub unmatched: Vec<String>,
    pub reasons: Vec<ReasonRow>,
    pub untracked: usize,
    /// The untracked enterprises (indices into the table), largest month drop first.
    #[serde(skip)]
    pub untracked_enterprises: Vec<usize>,
    #[serde(skip)]
    pub unjoined: Vec<Unjoined>,
}

/// One row of the review ledger, as the page lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    pub name: String,
    pub at: At,
    pub kind: Option<ReviewKind>,
    pub evidence: bool,
    pub deadline: Option<Date>,
    pub overdue: bool,
    pub enterprise: Option<usize>,
    pub responsible: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewLedger {
    pub listed: usize,
    pub matched: usize,
    pub unmatched: Vec<String>,
    pub compulsory: usize,
    pub query: usize,
    pub evidence_missing: usize,
    pub overdue: usize,
    /// Every row, by deadline (none last), then as listed.
    #[serde(skip)]
    pub items: Vec<ReviewItem>,
    #[serde(skip)]
    pub unjoined: Vec<Unjoined>,
}

/// The 新增/拟入规 projects: listed and counted, not joined (they are not in the
/// statistics yet).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projects {
    pub listed: usize,
    pub expected_output: f64,
    /// (region, projects, expected output), by projects, as listed.
    pub by_region: Vec<(String, usize, f64)>,
}

/// The matched enterprises' sums.
#[derive(Default)]
struct Sums {
    output: f64,
    output_prior: f64,
    month_output: f64,
    month_output_prior: f64,
    stopped: usize,
    reduced: usize,
}

impl Sums {
    fn of(table: &EnterpriseTable, members: impl IntoIterator<Item = usize>) -> Sums {
        let mut s = Sums::default();
        for i in members {
            s.output += table.cum_output[i];
            s.output_prior += table.cum_output_prior[i];
            s.month_output += table.month_output[i];
            s.month_output_prior += table.month_output_prior[i];
            match status::of(table, i) {
                Status::Stopped => s.stopped += 1,
                Status::Reduced => s.reduced += 1,
                _ => {}
            }
        }
        s
    }
}

fn member(
    table: &EnterpriseTable,
    i: usize,
    joined_by: JoinedBy,
    notes: Vec<(&'static str, String)>,
) -> Member {
    Member {
        enterprise: i,
        name: table.names[i].clone(),
        region: table.regions[i].clone(),
        output: table.cum_output[i],
        output_growth_pct: growth_pct(table.cum_output[i], table.cum_output_prior[i]),
        month_output: table.month_output[i],
        month_output_prior: table.month_output_prior[i],
        status: status::of(table, i),
        joined_by,
        notes,
    }
}

/// Groups (label, enterprise, member) in first-seen order, each enterprise once per group.
fn groups(items: Vec<(String, Member)>) -> Vec<(String, Vec<Member>)> {
    let mut out: Vec<(String, Vec<Member>)> = Vec::new();
    for (label, m) in items {
        let at = match out.iter().position(|(l, _)| *l == label) {
            Some(at) => at,
            None => {
                out.push((label, Vec::new()));
                out.len() - 1
            }
        };
        if !out[at].1.iter().any(|x| x.enterprise == m.enterprise) {
            out[at].1.push(m);
        }
    }
    out
}

/// A leader's or reason's text as grouped: spaces removed (names are spaced out to align
/// in Excel, "张  三"), an empty cell as [`NOT_FILLED`].
fn group_label(text: &str) -> String {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        NOT_FILLED.into()
    } else {
        t
    }
}

fn dedup(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v.dedup();
    v
}

/// Everything of `ledgers` against the analysed table; `None` when none of the three
/// ledgers is loaded. Overdue means a deadline before `as_of` (no `as_of`, none overdue).
pub fn compute(
    ledgers: &Ledgers,
    table: &EnterpriseTable,
    city: &City,
    as_of: Option<Date>,
    chosen: &BTreeMap<String, String>,
) -> Option<LedgerSummary> {
    if !ledgers.any_loaded() {
        return None;
    }
    let index = JoinIndex::new(table, chosen);
    let search = std::cell::OnceCell::new();
    let names = || search.get_or_init(|| NameSearch::new(&table.names));
    let key = ledgers.key.is_loaded().then(|| {
        let mut unjoined = Vec::new();
        let mut items = Vec::new();
        for row in &ledgers.key.rows {
            match index.join(&row.of) {
                Some((i, by)) => {
                    let notes = [
                        ("包保部门", &row.unit),
                        ("存在问题", &row.problems),
                        ("帮扶措施", &row.measures),
                    ]
                    .into_iter()
                    .filter_map(|(k, v)| v.clone().map(|v| (k, v)))
                    .collect();
                    items.push((group_label(&row.leader), member(table, i, by, notes)));
                }
                None => unjoined.push(index.unjoined(&row.of, row.at.clone(), names())),
            }
        }
        let matched = items.len();
        let all = Sums::of(
            table,
            dedup(items.iter().map(|(_, m)| m.enterprise).collect()),
        );
        let mut leaders: Vec<LeaderRow> = groups(items)
            .into_iter()
            .map(|(leader, members)| {
                let s = Sums::of(table, members.iter().map(|m| m.enterprise));
                LeaderRow {
                    leader,
                    enterprises: members.len(),
                    output: s.output,
                    output_prior: s.output_prior,
                    output_growth_pct: growth_pct(s.output, s.output_prior),
                    pull_pp: pull_pp(s.output - s.output_prior, city.output_prior),
                    stopped: s.stopped,
                    reduced: s.reduced,
                    members,
                }
            })
            .collect();
        leaders.sort_by(|a, b| b.output.total_cmp(&a.output));
        KeyLedger {
            listed: ledgers.key.rows.len(),
            matched,
            unmatched: unjoined.iter().map(|u| u.name.clone()).collect(),
            output: all.output,
            output_prior: all.output_prior,
            output_growth_pct: growth_pct(all.output, all.output_prior),
            share_pct: share_pct(all.output, city.output),
            pull_pp: pull_pp(all.output - all.output_prior, city.output_prior),
            leaders,
            stopped: all.stopped,
            reduced: all.reduced,
            unjoined,
        }
    });
    let stop_reduce = ledgers.stop_reduce.is_loaded().then(|| {
        let mut unjoined = Vec::new();
        let mut items = Vec::new();
        for row in &ledgers.stop_reduce.rows {
            match index.join(&row.of) {
                Some((i, by)) => {
                    let notes = [
                        ("类型", row.kind.map(|k| StopKind::label(k).to_string())),
                        ("预计复产时间", row.resume.clone()),
                        ("包保领导", row.leader.clone()),
                    ]
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| (k, v)))
                    .collect();
                    items.push((group_label(&row.reason), member(table, i, by, notes)));
                }
                None => unjoined.push(index.unjoined(&row.of, row.at.clone(), names())),
            }
        }
        let matched = items.len();
        let tracked = dedup(items.iter().map(|(_, m)| m.enterprise).collect());
        let mut reasons: Vec<ReasonRow> = groups(items)
            .into_iter()
            .map(|(reason, members)| {
                let s = Sums::of(table, members.iter().map(|m| m.enterprise));
                ReasonRow {
                    reason,
                    enterprises: members.len(),
                    month_pull_pp: pull_pp(
                        s.month_output - s.month_output_prior,
                        city.month_output_prior,
                    ),
                    members,
                }
            })
            .collect();
        reasons.sort_by_key(|r| std::cmp::Reverse(r.enterprises));
        let mut untracked: Vec<usize> = (0..table.len())
            .filter(|&i| matches!(status::of(table, i), Status::Stopped | Status::Reduced))
            .filter(|i| tracked.binary_search(i).is_err())
            .collect();
        let drop = |i: usize| table.month_output[i] - table.month_output_prior[i];
        untracked.sort_by(|&a, &b| drop(a).total_cmp(&drop(b)));
        StopLedger {
            listed: ledgers.stop_reduce.rows.len(),
            matched,
            unmatched: unjoined.iter().map(|u| u.name.clone()).collect(),
            reasons,
            untracked: untracked.len(),
            untracked_enterprises: untracked,
            unjoined,
        }
    });
    let review = ledgers.review.is_loaded().then(|| {
        let mut unjoined = Vec::new();
        let mut items: Vec<ReviewItem> = ledgers
            .review
            .rows
            .iter()
            .map(|row| {
                let joined = index.join(&row.of);
                if joined.is_none() {
                    unjoined.push(index.unjoined(&row.of, row.at.clone(), names()));
                }
                ReviewItem {
                    name: row.of.name.clone(),
                    at: row.at.clone(),
                    kind: row.kind,
                    evidence: row.evidence,
                    deadline: row.deadline,
                    overdue: !row.evidence
                        && row.deadline.zip(as_of).is_some_and(|(d, today)| d < today),
                    enterprise: joined.map(|(i, _)| i),
                    responsible: row.responsible.clone(),
                }
            })
            .collect();
        let count = |test: &dyn Fn(&ReviewItem) -> bool| items.iter().filter(|i| test(i)).count();
        let summary = ReviewLedger {
            listed: items.len(),
            matched: count(&|i| i.enterprise.is_some()),
            unmatched: unjoined.iter().map(|u| u.name.clone()).collect(),
            compulsory: count(&|i| i.kind == Some(ReviewKind::Compulsory)),
            query: count(&|i| i.kind == Some(ReviewKind::Query)),
            evidence_missing: count(&|i| !i.evidence),
            overdue: count(&|i| i.overdue),
            items: Vec::new(),
            unjoined,
        };
        items.sort_by_key(|i| (i.deadline.is_none(), i.deadline));
        ReviewLedger { items, ..summary }
    });
    Some(LedgerSummary {
        key,
        stop_reduce,
        review,
    })
}

/// The 拟入规 projects, when their ledger is loaded.
pub fn projects(ledgers: &Ledgers) -> Option<Projects> {
    let p = &ledgers.projects;
    p.is_loaded().then(|| {
        let mut by_region: Vec<(String, usize, f64)> = Vec::new();
        for row in &p.rows {
            let region = row.region.clone().unwrap_or_else(|| NOT_FILLED.into());
            match by_region.iter_mut().find(|(r, _, _)| *r == region) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 += row.expected_output.unwrap_or(0.0);
                }
                None => by_region.push((region, 1, row.expected_output.unwrap_or(0.0))),
            }
        }
        by_region.sort_by_key(|r| std::cmp::Reverse(r.1));
        Projects {
            listed: p.rows.len(),
            expected_output: p.rows.iter().filter_map(|r| r.expected_output).sum(),
            by_region,
        }
    })
}

/// The key a user's choice of enterprise for a ledger name is remembered under.
pub fn choice_key(ledger_name: &str) -> String {
    name_key(ledger_name)
}
