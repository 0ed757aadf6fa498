//! The series over every loaded period: the city's growth, its change against the
//! previous period (回升/回落), and each region's and industry's growth.

use super::breakdown::parts;
use super::formulas::{difference_pp, growth_pct};
use crate::model::{EnterpriseTable, Period, Sources};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub period: Option<Period>,
    pub enterprises: usize,
    pub output: f64,
    /// The period's own month's output (当月产值), 亿元.
    pub month_output: f64,
    pub output_growth_pct: Option<f64>,
    pub month_output_growth_pct: Option<f64>,
    /// Change of cumulative growth against the previous period, pp (回升 > 0, 回落 < 0).
    pub change_pp: Option<f64>,
    /// The city's rank in the province table of exactly this period, when one is loaded
    /// (位次较上月 compares two of them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province_rank: Option<u32>,
    pub regions: BTreeMap<String, Option<f64>>,
    pub industries: BTreeMap<String, Option<f64>>,
}

/// One point per loaded enterprise table, oldest first; `city` names the city to find in
/// the province tables.
pub fn compute(sources: &Sources, city: Option<&str>) -> Vec<TrendPoint> {
    let mut tables: Vec<&EnterpriseTable> = sources.enterprises.iter().collect();
    tables.sort_by_key(|t| t.period);
    let mut out: Vec<TrendPoint> = Vec::new();
    for t in tables {
        let (o, p): (f64, f64) = (t.cum_output.iter().sum(), t.cum_output_prior.iter().sum());
        let (mo, mp): (f64, f64) = (
            t.month_output.iter().sum(),
            t.month_output_prior.iter().sum(),
        );
        let growth = growth_pct(o, p);
        let change_pp = out
            .last()
            .and_then(|prev| prev.output_growth_pct)
            .zip(growth)
            .map(|(a, b)| difference_pp(b, a));
        fn growths(
            parts: Vec<(Option<&str>, super::breakdown::Part)>,
        ) -> BTreeMap<String, Option<f64>> {
            parts
                .into_iter()
                .map(|(k, part)| {
                    let key = k.unwrap_or_default().to_string();
                    (key, growth_pct(part.output, part.output_prior))
                })
                .collect()
        }
        out.push(TrendPoint {
            period: t.period,
            enterprises: t.len(),
            output: o,
            month_output: mo,
            output_growth_pct: growth,
            month_output_growth_pct: growth_pct(mo, mp),
            change_pp,
            province_rank: t
                .period
                .zip(city)
                .and_then(|(p, name)| super::city::province_rank_in(sources, p, name)),
            regions: growths(parts(t, |i| Some(t.regions[i].as_str()))),
            industries: growths(parts(t, |i| t.divisions[i].as_deref())),
        });
    }
    out
}
