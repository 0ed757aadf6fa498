//! 增加值测算 (`va_estimate` of the analysis, docs/口径说明.md §六): value-added growth
//! estimated from output by the price-deflation method (价格指数缩减法) — each division's
//! output times last year's value-added rate, deflated by its producer price index, over
//! the base output times the same rate — calibrated to the official figure, and the output
//! the rest of the quarter must produce for a value-added target. Always a 测算, never the
//! official figure.

use super::city::City;
use super::formulas::{difference_pp, growth_pct, pull_pp};
use super::ContractWarning;
use crate::model::{division_name, period::table_for_period, EnterpriseTable, PriceIndex, Sources};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VaEstimate {
    pub growth_pct: Option<f64>,
    pub month_growth_pct: Option<f64>,
    pub official_growth_pct: Option<f64>,
    pub calibration_pp: Option<f64>,
    pub regions: Vec<VaRegion>,
    pub industries: Vec<VaIndustry>,
    pub target: Option<VaTarget>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VaRegion {
    pub name: String,
    pub growth_pct: Option<f64>,
    pub official_growth_pct: Option<f64>,
    pub calibration_pp: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VaIndustry {
    pub code: String,
    /// Last year's value-added rate, a fraction.
    pub rate: f64,
    /// The 1-本月 index, 上年同期 = 100.
    pub price_index: f64,
    pub growth_pct: Option<f64>,
    /// The division's pull on the estimated growth, 百分点 (the page's; not in the
    /// contract's JSON).
    #[serde(skip)]
    pub pull_pp: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VaTarget {
    pub va_growth_target_pct: f64,
    /// 亿元 the remaining months of the quarter must produce.
    pub required_remaining_output: f64,
    pub required_remaining_growth_pct: Option<f64>,
}

/// One division's sums in a set of enterprises.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    output: f64,
    output_prior: f64,
    month_output: f64,
    month_output_prior: f64,
}

/// A division's rate and indices, after the fallbacks.
#[derive(Debug, Clone, Copy)]
struct Factors {
    rate: f64,
    cumulative_index: f64,
    month_index: f64,
}

/// The division key of an enterprise ("" when unknown).
fn division(table: &EnterpriseTable, i: usize) -> &str {
    table.divisions[i].as_deref().unwrap_or("")
}

/// Each group's sums by division, in one pass over the enterprises (index order, so the
/// sums are the same whichever grouping asks).
fn sums_by_division<K: std::hash::Hash + Eq>(
    table: &EnterpriseTable,
    group: impl Fn(usize) -> K,
) -> std::collections::HashMap<K, BTreeMap<&str, Sums>> {
    let mut out: std::collections::HashMap<K, BTreeMap<&str, Sums>> = Default::default();
    for i in 0..table.len() {
        let s = out
            .entry(group(i))
            .or_default()
            .entry(division(table, i))
            .or_default();
        s.output += table.cum_output[i];
        s.output_prior += table.cum_output_prior[i];
        s.month_output += table.month_output[i];
        s.month_output_prior += table.month_output_prior[i];
    }
    out
}

/// `Σ r·O/(p/100) / Σ r·B × 100 − 100` over the divisions of a set.
fn deflated_growth(
    sums: &BTreeMap<&str, Sums>,
    factors: &BTreeMap<String, Factors>,
    month: bool,
) -> Option<f64> {
    let (mut now, mut base) = (0.0, 0.0);
    for (code, s) in sums {
        let f = factors[*code];
        let (o, b, p) = if month {
            (s.month_output, s.month_output_prior, f.month_index)
        } else {
            (s.output, s.output_prior, f.cumulative_index)
        };
        now += f.rate * o / (p / 100.0);
        base += f.rate * b;
    }
    growth_pct(now, base)
}

fn label(code: &str) -> String {
    match division_name(code) {
        Some(name) => format!("{code} {name}"),
        None => "未识别行业的企业".into(),
    }
}

/// The rate and indices of every division present, with a warning for each fallback.
fn factors(
    table: &EnterpriseTable,
    sources: &Sources,
    warnings: &mut Vec<ContractWarning>,
) -> Option<BTreeMap<String, Factors>> {
    let rates = sources.va_rates.last()?;
    let prices = table_for_period(&sources.price_indices, table.period, |t| t.period);
    let mean_rate = (!rates.rows.is_empty())
        .then(|| rates.rows.iter().map(|(_, r)| r).sum::<f64>() / rates.rows.len() as f64);
    let mut out = BTreeMap::new();
    let codes: std::collections::BTreeSet<&str> =
        (0..table.len()).map(|i| division(table, i)).collect();
    for code in codes {
        let warn = |file: &str, sheet: &str, message: String| ContractWarning {
            at: crate::model::At {
                file: file.to_string(),
                sheet: Some(sheet.to_string()),
                cell: None,
            },
            message,
        };
        let rate = match rates.rows.iter().find(|(c, _)| c == code) {
            Some((_, r)) => *r,
            None => {
                let (r, source) = match (rates.all_industry, mean_rate) {
                    (Some(r), _) => (r, "全部工业的增加值率"),
                    (None, Some(m)) => (m, "表中各行业增加值率的平均值"),
                    // A table without a single rate: nothing to estimate with.
                    (None, None) => return None,
                };
                warnings.push(warn(
                    &rates.file,
                    &rates.sheet,
                    format!(
                        "增加值率表中没有“{}”，按{}（{}%）测算",
                        label(code),
                        source,
                        crate::model::decimal::fixed(r * 100.0, 1)
                    ),
                ));
                r
            }
        };
        let (cumulative_index, month_index) = match prices {
            None => (100.0, 100.0),
            Some(t) => {
                let own = t.rows.iter().find(|(c, _)| c == code).map(|(_, p)| *p);
                let all = t.all_industry.unwrap_or_default();
                let mut pick = |which: &str, get: fn(&PriceIndex) -> Option<f64>| {
                    own.as_ref().and_then(get).unwrap_or_else(|| {
                        let (v, source) = match get(&all) {
                            Some(v) => (v, "全部工业的指数"),
                            None => (100.0, "100（价格不变）"),
                        };
                        warnings.push(warn(
                            &t.file,
                            &t.sheet,
                            format!(
                                "出厂价格指数表中没有“{}”的{which}指数，按{source}测算",
                                label(code)
                            ),
                        ));
                        v
                    })
                };
                let cumulative = pick("1-本月", |p| p.cumulative);
                let month = pick("当月", |p| p.month);
                (cumulative, month)
            }
        };
        out.insert(
            code.to_string(),
            Factors {
                rate,
                cumulative_index,
                month_index,
            },
        );
    }
    Some(out)
}

/// The estimate, or `None` when no 增加值率表 is loaded.
#[allow(clippy::too_many_arguments)]
pub fn compute(
    table: &EnterpriseTable,
    sources: &Sources,
    city: &City,
    regions: &[super::RegionRow],
    va_target_pct: Option<f64>,
    prior_quarter_output: Option<f64>,
    warnings: &mut Vec<ContractWarning>,
) -> Option<VaEstimate> {
    let factors = factors(table, sources, warnings)?;
    let all = sums_by_division(table, |_| ())
        .remove(&())
        .unwrap_or_default();
    let by_region = sums_by_division(table, |i| table.regions[i].as_str());
    let growth = deflated_growth(&all, &factors, false);
    let official = city.value_added_growth_pct;
    let calibration = official.zip(growth).map(|(o, g)| difference_pp(o, g));
    let region_rows = regions
        .iter()
        .map(|r| {
            let g = by_region
                .get(r.name.as_str())
                .and_then(|sums| deflated_growth(sums, &factors, false));
            VaRegion {
                name: r.name.clone(),
                growth_pct: g,
                official_growth_pct: r.value_added_growth_pct,
                calibration_pp: r
                    .value_added_growth_pct
                    .zip(g)
                    .map(|(o, g)| difference_pp(o, g)),
            }
        })
        .collect();
    let weighted_base: f64 = all
        .iter()
        .map(|(code, s)| factors[*code].rate * s.output_prior)
        .sum();
    let industries = all
        .iter()
        .filter(|(code, _)| !code.is_empty())
        .map(|(code, s)| {
            let f = factors[*code];
            VaIndustry {
                code: code.to_string(),
                rate: f.rate,
                price_index: f.cumulative_index,
                growth_pct: growth_pct(s.output / (f.cumulative_index / 100.0), s.output_prior),
                pull_pp: pull_pp(
                    f.rate * s.output / (f.cumulative_index / 100.0) - f.rate * s.output_prior,
                    weighted_base,
                ),
            }
        })
        .collect();
    let target = va_target_pct.zip(prior_quarter_output).map(|(t, p)| {
        // docs/口径说明.md §六: X splits over divisions as the current output does, the prior
        // remaining output R as the base does; both deflated by the 1-本月 index.
        let t_shifted = t - calibration.unwrap_or(0.0);
        let (total, total_prior) = all
            .values()
            .fold((0.0, 0.0), |(o, b), s| (o + s.output, b + s.output_prior));
        let remaining_prior = p - total_prior;
        let (mut base, mut deflated, mut per_unit) = (0.0, 0.0, 0.0);
        for (code, s) in &all {
            let f = factors[*code];
            let share_now = if total != 0.0 { s.output / total } else { 0.0 };
            let share_base = if total_prior != 0.0 {
                s.output_prior / total_prior
            } else {
                0.0
            };
            base += f.rate * (s.output_prior + share_base * remaining_prior);
            deflated += f.rate * s.output / (f.cumulative_index / 100.0);
            per_unit += f.rate * share_now / (f.cumulative_index / 100.0);
        }
        let required = ((1.0 + t_shifted / 100.0) * base - deflated) / per_unit;
        VaTarget {
            va_growth_target_pct: t,
            required_remaining_output: required,
            required_remaining_growth_pct: growth_pct(required, remaining_prior),
        }
    });
    Some(VaEstimate {
        growth_pct: growth,
        month_growth_pct: deflated_growth(&all, &factors, true),
        official_growth_pct: official,
        calibration_pp: calibration,
        regions: region_rows,
        industries,
        target: target.filter(|t| t.required_remaining_output.is_finite()),
    })
}
