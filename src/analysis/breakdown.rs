//! Regions, their groups, and industries: output, growth, contribution and pull.

use super::city::City;
use super::formulas::{contribution_pct, growth_pct, pull_pp};
use super::ranking::rank_desc;
use crate::model::same_place;
use crate::model::{division_name, EnterpriseTable, RegionGroup, Sources};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionRow {
    pub name: String,
    pub group: RegionGroup,
    pub enterprises: usize,
    pub output: f64,
    pub output_prior: f64,
    pub output_growth_pct: Option<f64>,
    pub contribution_pct: Option<f64>,
    pub pull_pp: Option<f64>,
    pub value_added_growth_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupCount {
    pub group: RegionGroup,
    pub regions: usize,
    pub up: usize,
    pub down: usize,
}

impl GroupCount {
    /// Regions neither up nor down (flat, or without a growth).
    pub fn flat(&self) -> usize {
        self.regions - self.up - self.down
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndustryRow {
    pub code: String,
    pub name: String,
    pub enterprises: usize,
    pub output: f64,
    pub output_prior: f64,
    pub output_growth_pct: Option<f64>,
    pub contribution_pct: Option<f64>,
    pub pull_pp: Option<f64>,
}

/// Sums of one part of the city.
pub(super) struct Part {
    pub enterprises: usize,
    pub output: f64,
    pub output_prior: f64,
}

/// Groups enterprise indices by key, keeping first-seen order and index-order sums.
/// Sums by `key`, in the order keys first appear. Keys borrow from the table (`&str`):
/// a province's million rows are summed without copying a name per row.
pub(super) fn parts<'t, K: std::hash::Hash + Eq + Copy + 't>(
    table: &'t EnterpriseTable,
    key: impl Fn(usize) -> K,
) -> Vec<(K, Part)> {
    let mut order: Vec<(K, Part)> = Vec::new();
    let mut slot: rustc_hash::FxHashMap<K, usize> = Default::default();
    for i in 0..table.len() {
        let k = key(i);
        let at = *slot.entry(k).or_insert_with(|| {
            order.push((
                k,
                Part {
                    enterprises: 0,
                    output: 0.0,
                    output_prior: 0.0,
                },
            ));
            order.len() - 1
        });
        let part = &mut order[at].1;
        part.enterprises += 1;
        part.output += table.cum_output[i];
        part.output_prior += table.cum_output_prior[i];
    }
    order
}

/// Contribution and pull of a part, by the contract's definitions.
fn contribution_and_pull(part: &Part, city: &City) -> (Option<f64>, Option<f64>) {
    let delta = part.output - part.output_prior;
    let city_delta = city.output - city.output_prior;
    (
        contribution_pct(delta, city_delta),
        pull_pp(delta, city.output_prior),
    )
}

pub fn regions(table: &EnterpriseTable, city: &City, sources: &Sources) -> Vec<RegionRow> {
    let va = sources.region_table_for(table.period);
    let mut rows: Vec<RegionRow> = parts(table, |i| table.regions[i].as_str())
        .into_iter()
        .map(|(name, part)| {
            let (contribution_pct, pull_pp) = contribution_and_pull(&part, city);
            let value_added_growth_pct = va.and_then(|t| {
                t.rows
                    .iter()
                    .find(|r| same_place(&r.name, name))
                    .map(|r| r.growth_pct)
            });
            RegionRow {
                group: RegionGroup::of(name),
                name: name.to_string(),
                enterprises: part.enterprises,
                output: part.output,
                output_prior: part.output_prior,
                output_growth_pct: growth_pct(part.output, part.output_prior),
                contribution_pct,
                pull_pp,
                value_added_growth_pct,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.output
            .total_cmp(&a.output)
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

/// The growth that decides 升/降: value added where given, else output.
pub fn deciding_growth(r: &RegionRow) -> Option<f64> {
    r.value_added_growth_pct.or(r.output_growth_pct)
}

pub fn groups(regions: &[RegionRow]) -> Vec<GroupCount> {
    let mut out = Vec::new();
    for group in [
        RegionGroup::District,
        RegionGroup::County,
        RegionGroup::Other,
    ] {
        let members: Vec<&RegionRow> = regions.iter().filter(|r| r.group == group).collect();
        if members.is_empty() {
            continue;
        }
        let growths: Vec<f64> = members.iter().filter_map(|r| deciding_growth(r)).collect();
        out.push(GroupCount {
            group,
            regions: members.len(),
            up: growths.iter().filter(|g| **g > 0.0).count(),
            down: growths.iter().filter(|g| **g < 0.0).count(),
        });
    }
    out
}

/// Each region's rank inside its group, by the growth that decides 升/降 (regions
/// without one are not ranked).
pub fn group_ranks(regions: &[RegionRow]) -> BTreeMap<String, u32> {
    let mut ranks = BTreeMap::new();
    for group in [
        RegionGroup::District,
        RegionGroup::County,
        RegionGroup::Other,
    ] {
        let members: Vec<&RegionRow> = regions
            .iter()
            .filter(|r| r.group == group && deciding_growth(r).is_some())
            .collect();
        let growths: Vec<f64> = members.iter().filter_map(|r| deciding_growth(r)).collect();
        for (r, rank) in members.iter().zip(rank_desc(&growths)) {
            ranks.insert(r.name.clone(), rank);
        }
    }
    ranks
}

/// Enterprises whose industry could not be identified form one row, so that the pulls
/// still add up to the city's growth.
pub const UNKNOWN_INDUSTRY: &str = "未识别行业";

pub fn industries(table: &EnterpriseTable, city: &City) -> Vec<IndustryRow> {
    let mut rows: Vec<IndustryRow> = parts(table, |i| table.divisions[i].as_deref())
        .into_iter()
        .map(|(code, part)| {
            let (contribution_pct, pull_pp) = contribution_and_pull(&part, city);
            let name = code
                .and_then(division_name)
                .unwrap_or(UNKNOWN_INDUSTRY)
                .to_string();
            IndustryRow {
                code: code.unwrap_or_default().to_string(),
                name,
                enterprises: part.enterprises,
                output: part.output,
                output_prior: part.output_prior,
                output_growth_pct: growth_pct(part.output, part.output_prior),
                contribution_pct,
                pull_pp,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.output
            .total_cmp(&a.output)
            .then_with(|| a.code.cmp(&b.code))
    });
    rows
}
