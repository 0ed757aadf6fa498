//! The enterprises that carry or drag the total: the largest increments and decrements,
//! and the largest enterprises by output (规模前50位) with their share, growth and pull.

use super::city::City;
use super::enterprises::EnterpriseRow;
use super::formulas::{growth_pct, pull_pp, share_pct};
use serde::Serialize;

/// How many of the largest enterprises the top-N figures and the scatter's
/// "规模前N位且下降" count cover.
pub const TOP_N: usize = 50;
/// How many of the largest movers each way are listed.
pub const MOVERS: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnterpriseMover {
    pub name: String,
    pub region: String,
    pub output: f64,
    pub output_prior: f64,
    pub increment: f64,
    pub growth_pct: Option<f64>,
    pub pull_pp: Option<f64>,
}

impl EnterpriseMover {
    fn of(r: &EnterpriseRow) -> Self {
        EnterpriseMover {
            name: r.name.clone(),
            region: r.region.to_string(),
            output: r.output,
            output_prior: r.output_prior,
            increment: r.increment,
            growth_pct: r.output_growth_pct,
            pull_pp: r.pull_pp,
        }
    }
}

/// The movers and the top-N figures.
pub struct Movers {
    pub top_increments: Vec<EnterpriseMover>,
    pub top_decrements: Vec<EnterpriseMover>,
    pub top_output_share_pct: Option<f64>,
    pub top_growth_pct: Option<f64>,
    pub top_pull_pp: Option<f64>,
}

type RowOrder = fn(&&EnterpriseRow, &&EnterpriseRow) -> std::cmp::Ordering;

// Position breaks the last ties, so the order is total and the same as a full stable sort
// would give.
fn by_increment(a: &&EnterpriseRow, b: &&EnterpriseRow) -> std::cmp::Ordering {
    b.increment
        .total_cmp(&a.increment)
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| (*a as *const EnterpriseRow).cmp(&(*b as *const EnterpriseRow)))
}

fn by_output(a: &&EnterpriseRow, b: &&EnterpriseRow) -> std::cmp::Ordering {
    b.output
        .total_cmp(&a.output)
        .then_with(|| a.name.cmp(&b.name))
        .then_with(|| (*a as *const EnterpriseRow).cmp(&(*b as *const EnterpriseRow)))
}

/// The per-enterprise figures are computed once, in `enterprises::rows`; only the few
/// movers shown are copied out.
pub fn compute(enterprises: &[EnterpriseRow], city: &City) -> Movers {
    let top_increments = first_k(enterprises, MOVERS, by_increment)
        .into_iter()
        .filter(|r| r.increment > 0.0)
        .map(EnterpriseMover::of)
        .collect();
    let top_decrements = last_k(enterprises, MOVERS, by_increment)
        .into_iter()
        .rev()
        .filter(|r| r.increment < 0.0)
        .map(EnterpriseMover::of)
        .collect();
    let (top, top_prior): (f64, f64) = first_k(enterprises, TOP_N, by_output)
        .iter()
        .fold((0.0, 0.0), |(o, p), r| (o + r.output, p + r.output_prior));
    Movers {
        top_increments,
        top_decrements,
        top_output_share_pct: share_pct(top, city.output),
        top_growth_pct: growth_pct(top, top_prior),
        top_pull_pp: pull_pp(top - top_prior, city.output_prior),
    }
}

/// The large enterprises whose output fell: the output of the `TOP_N`-th largest
/// enterprise (the threshold of "large"), and how many at or above it have a negative
/// cumulative growth. `None` when no enterprise has output.
pub fn large_and_falling(enterprises: &[EnterpriseRow]) -> Option<(f64, usize)> {
    let mut outputs: Vec<f64> = enterprises.iter().map(|e| e.output).collect();
    if outputs.is_empty() {
        return None;
    }
    let k = TOP_N.min(outputs.len()) - 1;
    outputs.select_nth_unstable_by(k, |x, y| y.total_cmp(x));
    let threshold = outputs[k];
    (threshold > 0.0).then(|| {
        let falling = enterprises
            .iter()
            .filter(|e| e.output >= threshold && e.output_growth_pct.is_some_and(|g| g < 0.0))
            .count();
        (threshold, falling)
    })
}

// Only the ten largest and smallest increments and the fifty largest outputs are needed:
// one pass keeping the best `k` so far, sorted, instead of sorting or selecting over all of
// a province's enterprises. Most rows are compared with the current last one only.

/// The first `k` rows in `order`, sorted.
fn first_k(
    rows: &[EnterpriseRow],
    k: usize,
    order: impl Fn(&&EnterpriseRow, &&EnterpriseRow) -> std::cmp::Ordering,
) -> Vec<&EnterpriseRow> {
    let mut best: Vec<&EnterpriseRow> = Vec::with_capacity(k + 1);
    if k == 0 {
        return best;
    }
    for r in rows {
        if best.len() == k && order(&r, best.last().expect("k > 0")).is_ge() {
            continue;
        }
        let at = best.partition_point(|b| order(b, &r).is_lt());
        best.insert(at, r);
        best.truncate(k);
    }
    best
}

/// The last `k` rows in `order`, sorted.
fn last_k(rows: &[EnterpriseRow], k: usize, order: RowOrder) -> Vec<&EnterpriseRow> {
    let mut best = first_k(rows, k, |a, b| order(b, a));
    best.reverse();
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Status;

    fn row(name: String, output: f64, increment: f64) -> EnterpriseRow {
        EnterpriseRow {
            name,
            code: None,
            region: "城东区".into(),
            division: None,
            division_name: None,
            output,
            output_prior: output - increment,
            output_growth_pct: None,
            increment,
            pull_pp: None,
            month_output: 0.0,
            month_output_prior: 0.0,
            status: Status::Flat,
            is_new: false,
            forecast_next_month: None,
        }
    }

    /// The one-pass selection gives what sorting every row gives, ties (equal figures,
    /// equal names) included.
    #[test]
    fn the_first_and_last_k_are_those_of_a_full_sort() {
        let mut s = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        for n in [0usize, 1, 5, 10, 11, 49, 50, 51, 400] {
            let rows: Vec<EnterpriseRow> = (0..n)
                .map(|_| {
                    let v = next();
                    row(
                        format!("企业{}", v % 7),
                        (v % 5) as f64,
                        (v % 9) as f64 - 4.0,
                    )
                })
                .collect();
            let mut all: Vec<&EnterpriseRow> = rows.iter().collect();
            for (order, k) in [(by_increment as RowOrder, MOVERS), (by_output, TOP_N)] {
                all.sort_by(order);
                let want_first: Vec<_> = all.iter().take(k).map(|r| *r as *const _).collect();
                let got_first: Vec<_> = first_k(&rows, k, order)
                    .into_iter()
                    .map(|r| r as *const _)
                    .collect();
                assert_eq!(got_first, want_first, "first {k} of {n}");
                let want_last: Vec<_> = all[all.len().saturating_sub(k)..]
                    .iter()
                    .map(|r| *r as *const _)
                    .collect();
                let got_last: Vec<_> = last_k(&rows, k, order)
                    .into_iter()
                    .map(|r| r as *const _)
                    .collect();
                assert_eq!(got_last, want_last, "last {k} of {n}");
            }
        }
    }
}
