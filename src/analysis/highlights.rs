//! The speech's own shapes (讲话稿 三.一 and 三.三): the region that carries the city
//! (基石), the districts doing better than the city, the counties growing, the counties
//! pulling it down, and how last year's new entrants are doing.

use super::breakdown::RegionRow;
use super::city::City;
use super::formulas::{growth_pct, pull_pp, share_pct};
use super::status::{self, Status};
use crate::model::{EnterpriseTable, RegionGroup};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pillar {
    pub name: String,
    pub share_pct: Option<f64>,
    pub output_growth_pct: Option<f64>,
    pub pull_pp: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountyPull {
    pub name: String,
    pub pull_pp: f64,
}

/// 去年新增规上企业, on the cumulative basis; stopped and reduced on the month basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewEntrants {
    pub enterprises: usize,
    pub output: f64,
    pub output_prior: f64,
    pub output_growth_pct: Option<f64>,
    pub share_pct: Option<f64>,
    pub pull_pp: Option<f64>,
    pub stopped: usize,
    pub reduced: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Highlights {
    pub pillar: Option<Pillar>,
    pub strong_districts: Vec<String>,
    pub positive_counties: Vec<String>,
    pub negative_pull_counties: Vec<CountyPull>,
    pub new_entrants: Option<NewEntrants>,
}

/// The growth the up/down rule uses: value added where the region table gives it.
fn growth(r: &RegionRow) -> Option<f64> {
    r.value_added_growth_pct.or(r.output_growth_pct)
}

/// Regions by growth, highest first; ties: the larger output first.
fn by_growth(mut rows: Vec<&RegionRow>) -> Vec<String> {
    rows.sort_by(|a, b| {
        let (ga, gb) = (growth(a).unwrap_or(f64::MIN), growth(b).unwrap_or(f64::MIN));
        gb.total_cmp(&ga).then(b.output.total_cmp(&a.output))
    });
    rows.into_iter().map(|r| r.name.clone()).collect()
}

pub fn compute(table: &EnterpriseTable, city: &City, regions: &[RegionRow]) -> Highlights {
    let city_growth = city.value_added_growth_pct.or(city.output_growth_pct);
    let pillar = regions
        .iter()
        .max_by(|a, b| a.output.total_cmp(&b.output))
        .map(|r| Pillar {
            name: r.name.clone(),
            share_pct: share_pct(r.output, city.output),
            output_growth_pct: r.output_growth_pct,
            pull_pp: r.pull_pp,
        });
    let pillar_name = pillar.as_ref().map(|p| p.name.clone());
    let strong_districts = by_growth(
        regions
            .iter()
            .filter(|r| r.group == RegionGroup::District)
            .filter(|r| Some(&r.name) != pillar_name.as_ref())
            .filter(|r| matches!((growth(r), city_growth), (Some(g), Some(c)) if g > c))
            .collect(),
    );
    let positive_counties = by_growth(
        regions
            .iter()
            .filter(|r| r.group == RegionGroup::County && growth(r).is_some_and(|g| g > 0.0))
            .collect(),
    );
    let mut negative_pull_counties: Vec<CountyPull> = regions
        .iter()
        .filter(|r| r.group == RegionGroup::County)
        .filter_map(|r| {
            r.pull_pp.filter(|p| *p < -0.05).map(|pull_pp| CountyPull {
                name: r.name.clone(),
                pull_pp,
            })
        })
        .collect();
    negative_pull_counties.sort_by(|a, b| a.pull_pp.total_cmp(&b.pull_pp));
    Highlights {
        pillar,
        strong_districts,
        positive_counties,
        negative_pull_counties,
        new_entrants: new_entrants(table, city),
    }
}

fn new_entrants(table: &EnterpriseTable, city: &City) -> Option<NewEntrants> {
    let rows: Vec<usize> = (0..table.len()).filter(|&i| table.is_new[i]).collect();
    if rows.is_empty() {
        return None;
    }
    let output: f64 = rows.iter().map(|&i| table.cum_output[i]).sum();
    let output_prior: f64 = rows.iter().map(|&i| table.cum_output_prior[i]).sum();
    let count = |s: Status| rows.iter().filter(|&&i| status::of(table, i) == s).count();
    Some(NewEntrants {
        enterprises: rows.len(),
        output,
        output_prior,
        output_growth_pct: growth_pct(output, output_prior),
        share_pct: share_pct(output, city.output),
        pull_pp: pull_pp(output - output_prior, city.output_prior),
        stopped: count(Status::Stopped),
        reduced: count(Status::Reduced),
    })
}
