//! The city's headline figures (contract `city`).

use super::formulas::{difference_pp, growth_pct};
use super::ranking::rank_desc;
use super::Settings;
use crate::model::same_place;
use crate::model::{EnterpriseTable, Sources};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct City {
    pub name: Option<String>,
    pub enterprises: usize,
    pub output: f64,
    pub output_prior: f64,
    pub output_growth_pct: Option<f64>,
    pub month_output: f64,
    pub month_output_prior: f64,
    pub month_output_growth_pct: Option<f64>,
    pub value_added_growth_pct: Option<f64>,
    pub province_value_added_growth_pct: Option<f64>,
    pub nation_value_added_growth_pct: Option<f64>,
    pub vs_province_pp: Option<f64>,
    pub vs_nation_pp: Option<f64>,
    pub province_rank: Option<u32>,
    pub province_cities: Option<u32>,
    pub unit_rank: Option<u32>,
    pub unit_cities: Option<u32>,
}

pub fn compute(table: &EnterpriseTable, sources: &Sources, settings: &Settings) -> City {
    let name = settings
        .city
        .clone()
        .or_else(|| table.city.clone())
        .or_else(|| sources.enterprises.iter().find_map(|t| t.city.clone()));
    let output: f64 = table.cum_output.iter().sum();
    let output_prior: f64 = table.cum_output_prior.iter().sum();
    let month_output: f64 = table.month_output.iter().sum();
    let month_output_prior: f64 = table.month_output_prior.iter().sum();

    let province =
        crate::model::period::table_for_period(&sources.cities, table.period, |t| t.period);
    let city_row = province.and_then(|p| {
        name.as_ref()
            .and_then(|n| p.rows.iter().position(|r| same_place(&r.name, n)))
    });
    let region_total = pick_region_total(sources, table.period);
    let value_added =
        region_total.or_else(|| city_row.and_then(|i| province.map(|p| p.rows[i].growth_pct)));
    let province_va = province.and_then(|p| p.province_growth_pct);
    let nation_va = province.and_then(|p| p.nation_growth_pct);
    let (mut province_rank, mut province_cities, mut unit_rank, mut unit_cities) =
        (None, None, None, None);
    if let (Some(p), Some(i)) = (province, city_row) {
        let growths: Vec<f64> = p.rows.iter().map(|r| r.growth_pct).collect();
        province_rank = Some(rank_desc(&growths)[i]);
        province_cities = Some(p.rows.len() as u32);
        if let Some(unit) = &p.rows[i].unit {
            let members: Vec<usize> = (0..p.rows.len())
                .filter(|&j| p.rows[j].unit.as_ref() == Some(unit))
                .collect();
            let unit_growths: Vec<f64> = members.iter().map(|&j| growths[j]).collect();
            let pos = members.iter().position(|&j| j == i).unwrap_or(0);
            unit_rank = Some(rank_desc(&unit_growths)[pos]);
            unit_cities = Some(members.len() as u32);
        }
    }
    City {
        name,
        enterprises: table.len(),
        output,
        output_prior,
        output_growth_pct: growth_pct(output, output_prior),
        month_output,
        month_output_prior,
        month_output_growth_pct: growth_pct(month_output, month_output_prior),
        value_added_growth_pct: value_added,
        province_value_added_growth_pct: province_va,
        nation_value_added_growth_pct: nation_va,
        vs_province_pp: value_added
            .zip(province_va)
            .map(|(a, b)| difference_pp(a, b)),
        vs_nation_pp: value_added.zip(nation_va).map(|(a, b)| difference_pp(a, b)),
        province_rank,
        province_cities,
        unit_rank,
        unit_cities,
    }
}

/// The rank of the city named `name` in the province table of exactly `period`, when
/// one is loaded: what 位次较上月 compares against.
pub fn province_rank_in(
    sources: &Sources,
    period: crate::model::Period,
    name: &str,
) -> Option<u32> {
    let table = sources.cities.iter().find(|t| t.period == Some(period))?;
    let i = table.rows.iter().position(|r| same_place(&r.name, name))?;
    let growths: Vec<f64> = table.rows.iter().map(|r| r.growth_pct).collect();
    Some(rank_desc(&growths)[i])
}

fn pick_region_total(sources: &Sources, period: Option<crate::model::Period>) -> Option<f64> {
    sources
        .region_table_for(period)
        .and_then(|t| t.city_growth_pct)
}
