//! Where a figure comes from: its definition, its formula with the displayed numbers in
//! it, and each input's source — file, sheet, column letter and header, and the rows
//! summed — for `industry-report explain KEY FILE...`. The definitions are those of
//! docs/口径说明.md.

use super::format::yi;
use super::phrases::one;
use crate::analysis::{Analysis, IndustryRow, RegionRow, Transition};
use crate::model::{EnterpriseTable, Sources};

/// One input of a figure and where it was read.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Input {
    pub name: String,
    /// As displayed ("947.1 亿元", "1490户").
    pub value: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Explanation {
    pub key: String,
    pub name: String,
    pub value: String,
    pub definition: String,
    /// The formula with the displayed numbers in it.
    pub formula: String,
    pub inputs: Vec<Input>,
}

impl Explanation {
    pub fn to_text(&self) -> String {
        let mut t = format!(
            "{}（{}）= {}\n定义：{}\n算式：{}\n",
            self.name, self.key, self.value, self.definition, self.formula
        );
        if !self.inputs.is_empty() {
            t += "来源：\n";
            for i in &self.inputs {
                t += &format!("  {}：{}，{}\n", i.name, i.value, i.source);
            }
        }
        t
    }
}

/// The keys `explain` answers, with `[名称]` for a region.
pub const KEYS: &[&str] = &[
    "city.enterprises",
    "city.output",
    "city.output_prior",
    "city.output_growth_pct",
    "city.month_output",
    "city.month_output_prior",
    "city.month_output_growth_pct",
    "city.value_added_growth_pct",
    "regions[名称].enterprises",
    "regions[名称].output",
    "regions[名称].output_prior",
    "regions[名称].output_growth_pct",
    "regions[名称].pull_pp",
    "regions[名称].contribution_pct",
    "regions[名称].value_added_growth_pct",
    "regions[名称].group_rank",
    "regions[名称].growth_since_pp",
    "industries[代码].enterprises",
    "industries[代码].output",
    "industries[代码].output_prior",
    "industries[代码].output_growth_pct",
    "industries[代码].pull_pp",
    "industries[代码].contribution_pct",
    "va_estimate.growth_pct",
    "va_estimate.calibration_pp",
    "ledgers.key.enterprises",
    "ledgers.key.output",
    "ledgers.key.pull_pp",
    "ledgers.stop_reduce.untracked",
    "transitions.newly_stopped.enterprises",
    "transitions.newly_stopped.month_pull_pp",
    "transitions.resumed.enterprises",
    "transitions.resumed.month_pull_pp",
    "transitions.turned_down.enterprises",
    "transitions.turned_down.month_pull_pp",
    "transitions.turned_up.enterprises",
    "transitions.turned_up.month_pull_pp",
    "transitions.still_stopped.enterprises",
    "transitions.still_stopped.month_pull_pp",
    "transitions.still_reduced.enterprises",
    "transitions.still_reduced.month_pull_pp",
    "status.stopped",
    "status.reduced",
    "status.increased",
    "status.flat",
    "status.new",
    "status.stopped_pull_pp",
    "status.reduced_pull_pp",
    "status.increased_pull_pp",
    "target.required_quarter_output",
    "target.required_remaining_output",
    "target.pp_to_go",
    "target.forecast_gap",
    "highlights.pillar.share_pct",
];

/// Why a key cannot be explained.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExplainError {
    #[error("不认识的指标“{0}”。可用的指标：\n{list}", list = KEYS.join("\n"))]
    UnknownKey(String),
    #[error("“{0}”在本次分析中没有数值（缺少所需的表或数据）")]
    NoValue(String),
    #[error("没有名为“{0}”的县（市、区）")]
    NoRegion(String),
    #[error("没有代码为“{0}”的行业")]
    NoIndustry(String),
}

/// Which enterprises a count keeps.
type Keep = Box<dyn Fn(&crate::analysis::EnterpriseRow) -> bool>;

/// The rows of `table` that `keep` selects, as "N户企业之和：file · sheet · E列“header” 第5–9行".
fn summed(table: &EnterpriseTable, field: &str, rows: &[usize]) -> String {
    let col = table.column_of(field).map_or("（该列）".to_string(), |c| {
        format!("{}列“{}”", c.letter, c.header)
    });
    let span = table
        .row_span(rows.iter().copied())
        .unwrap_or_else(|| "无企业行".into());
    format!(
        "{}户企业之和：{} · {} · {col} {span}",
        rows.len(),
        table.file,
        table.sheet
    )
}

/// An input that is a sum over the enterprises `rows`, with where it was read.
fn summed_input(
    name: impl Into<String>,
    value: f64,
    table: &EnterpriseTable,
    field: &str,
    rows: &[usize],
) -> Input {
    Input {
        name: name.into(),
        value: money(value),
        source: summed(table, field, rows),
    }
}

fn counted(table: &EnterpriseTable, rows: &[usize], what: &str) -> String {
    let col = table
        .column_of("name")
        .map_or(String::new(), |c| format!("{}列“{}”", c.letter, c.header));
    format!(
        "{}：{} · {} · {col} {}",
        what,
        table.file,
        table.sheet,
        table.row_span(rows.iter().copied()).unwrap_or_default()
    )
}

fn money(v: f64) -> String {
    format!("{} 亿元", yi(v))
}

fn pct(v: Option<f64>) -> Result<String, ()> {
    v.map(|v| format!("{}%", one(v))).ok_or(())
}

/// Explains `key` of `analysis`, read from `table` (the analysis's chosen table).
pub fn explain(
    key: &str,
    a: &Analysis,
    table: &EnterpriseTable,
    sources: &Sources,
) -> Result<Explanation, ExplainError> {
    let no_value = || ExplainError::NoValue(key.to_string());
    let all: Vec<usize> = (0..table.len()).collect();
    let c = &a.city;
    let growth = |name: &str,
                  value: Option<f64>,
                  now_name: &str,
                  now: f64,
                  now_field: &str,
                  prior_name: &str,
                  prior: f64,
                  prior_field: &str,
                  rows: &[usize]|
     -> Result<Explanation, ExplainError> {
        let value = pct(value).map_err(|_| no_value())?;
        Ok(Explanation {
            key: key.into(),
            name: name.into(),
            value: value.clone(),
            definition: format!("({now_name} ÷ {prior_name} − 1) × 100%"),
            formula: format!(
                "({} − {}) ÷ {} × 100% = {value}",
                yi(now),
                yi(prior),
                yi(prior)
            ),
            inputs: vec![
                Input {
                    name: now_name.into(),
                    value: money(now),
                    source: summed(table, now_field, rows),
                },
                Input {
                    name: prior_name.into(),
                    value: money(prior),
                    source: summed(table, prior_field, rows),
                },
            ],
        })
    };
    let sum = |name: &str, value: f64, field: &str, rows: &[usize]| Explanation {
        key: key.into(),
        name: name.into(),
        value: money(value),
        definition: format!("各企业{name}之和"),
        formula: format!("Σ {name} = {}", money(value)),
        inputs: vec![Input {
            name: name.into(),
            value: money(value),
            source: summed(table, field, rows),
        }],
    };
    if let Some(rest) = key.strip_prefix("regions[") {
        let (name, field) = rest
            .split_once("].")
            .ok_or_else(|| ExplainError::UnknownKey(key.into()))?;
        let r = a
            .regions
            .iter()
            .find(|r| r.name == name)
            .ok_or_else(|| ExplainError::NoRegion(name.into()))?;
        match field {
            "group_rank" => return group_rank(key, r, a),
            "growth_since_pp" => return growth_since(key, r, a, sources),
            _ => {}
        }
        let rows: Vec<usize> = (0..table.len())
            .filter(|&i| table.regions[i] == name)
            .collect();
        return part(key, field, &Part::region(r), a, table, &rows, sources);
    }
    if let Some(rest) = key.strip_prefix("industries[") {
        let (code, field) = rest
            .split_once("].")
            .ok_or_else(|| ExplainError::UnknownKey(key.into()))?;
        let i = a
            .industries
            .iter()
            .find(|i| i.code == code)
            .ok_or_else(|| ExplainError::NoIndustry(code.into()))?;
        let rows: Vec<usize> = (0..table.len())
            .filter(|&r| table.divisions[r].as_deref().unwrap_or_default() == code)
            .collect();
        return part(key, field, &Part::industry(i), a, table, &rows, sources);
    }
    if let Some(rest) = key.strip_prefix("transitions.") {
        return transition(key, rest, a, table, sources);
    }
    if let Some(rest) = key.strip_prefix("ledgers.") {
        return ledger(key, rest, a, table, sources);
    }
    match key {
        "city.enterprises" => Ok(Explanation {
            key: key.into(),
            name: "规上工业企业数".into(),
            value: format!("{}户", c.enterprises),
            definition: "企业产值表中的企业行数（合计、小计、说明等行不计）".into(),
            formula: format!("{}户", c.enterprises),
            inputs: vec![Input {
                name: "企业行".into(),
                value: format!("{}户", table.len()),
                source: counted(table, &all, "企业名称"),
            }],
        }),
        "city.output" => Ok(sum("累计工业总产值", c.output, "cum_output", &all)),
        "city.output_prior" => Ok(sum(
            "上年同期累计产值",
            c.output_prior,
            "cum_output_prior",
            &all,
        )),
        "city.month_output" => Ok(sum("当月产值", c.month_output, "month_output", &all)),
        "city.month_output_prior" => Ok(sum(
            "上年同月产值",
            c.month_output_prior,
            "month_output_prior",
            &all,
        )),
        "city.output_growth_pct" => growth(
            "累计产值同比",
            c.output_growth_pct,
            "本期累计产值",
            c.output,
            "cum_output",
            "上年同期累计产值",
            c.output_prior,
            "cum_output_prior",
            &all,
        ),
        "city.month_output_growth_pct" => growth(
            "当月产值同比",
            c.month_output_growth_pct,
            "当月产值",
            c.month_output,
            "month_output",
            "上年同月产值",
            c.month_output_prior,
            "month_output_prior",
            &all,
        ),
        "city.value_added_growth_pct" => {
            let value = pct(c.value_added_growth_pct).map_err(|_| no_value())?;
            let from = sources
                .region_table_for(a.period)
                .filter(|t| t.city_growth_pct.is_some())
                .map(|t| format!("{} · {} · 全市行", t.file, t.sheet))
                .or_else(|| {
                    sources
                        .cities
                        .iter()
                        .find(|t| t.period == a.period || t.period.is_none())
                        .map(|t| format!("{} · {} · 本市所在行", t.file, t.sheet))
                })
                .unwrap_or_else(|| "已载入的增速表".into());
            Ok(Explanation {
                key: key.into(),
                name: "规上工业增加值增速".into(),
                value: value.clone(),
                definition:
                    "取自统计部门的县区增加值增速表（全市行）或全省各市增速表，不由产值推算".into(),
                formula: format!("读取值 = {value}"),
                inputs: vec![Input {
                    name: "增加值增速".into(),
                    value,
                    source: from,
                }],
            })
        }
        "status.stopped" | "status.reduced" | "status.increased" | "status.flat" | "status.new" => {
            use crate::analysis::Status;
            let (name, rule, count, keep): (&str, &str, usize, Keep) = match key {
                "status.stopped" => (
                    "停产企业",
                    "当月产值为0或状态列注明停产",
                    a.status.stopped,
                    Box::new(|e| e.status == Status::Stopped),
                ),
                "status.reduced" => (
                    "减产企业",
                    "当月产值低于上年同月",
                    a.status.reduced,
                    Box::new(|e| e.status == Status::Reduced),
                ),
                "status.increased" => (
                    "增产企业",
                    "当月产值高于上年同月",
                    a.status.increased,
                    Box::new(|e| e.status == Status::Increased),
                ),
                "status.flat" => (
                    "持平企业",
                    "当月产值等于上年同月",
                    a.status.flat,
                    Box::new(|e| e.status == Status::Flat),
                ),
                _ => (
                    "新入规企业",
                    "新入规标志为是，或入规年份为本年或上年",
                    a.status.new,
                    Box::new(|e| e.is_new),
                ),
            };
            let rows: Vec<usize> = (0..a.enterprises.len())
                .filter(|&i| keep(&a.enterprises[i]))
                .collect();
            let total = |f: fn(&crate::analysis::EnterpriseRow) -> f64| {
                money(rows.iter().map(|&i| f(&a.enterprises[i])).sum())
            };
            Ok(Explanation {
                key: key.into(),
                name: name.into(),
                value: format!("{count}户"),
                definition: format!("{rule}的企业户数"),
                formula: format!("{count}户"),
                inputs: vec![
                    Input {
                        name: "当月产值".into(),
                        value: total(|e| e.month_output),
                        source: summed(table, "month_output", &rows),
                    },
                    Input {
                        name: "上年同月产值".into(),
                        value: total(|e| e.month_output_prior),
                        source: summed(table, "month_output_prior", &rows),
                    },
                ],
            })
        }
        "status.stopped_pull_pp" | "status.reduced_pull_pp" | "status.increased_pull_pp" => {
            let (name, v) = match key {
                "status.stopped_pull_pp" => ("停产企业拉动", a.status.stopped_pull_pp),
                "status.reduced_pull_pp" => ("减产企业拉动", a.status.reduced_pull_pp),
                _ => ("增产企业拉动", a.status.increased_pull_pp),
            };
            let v = v.ok_or_else(no_value)?;
            Ok(Explanation {
                key: key.into(),
                name: name.into(),
                value: format!("{}个百分点", one(v)),
                definition: "该类企业当月产值增量之和 ÷ 全市上年同月产值 × 100".into(),
                formula: format!(
                    "增量 ÷ {} × 100 = {}个百分点",
                    yi(c.month_output_prior),
                    one(v)
                ),
                inputs: vec![summed_input(
                    "全市上年同月产值",
                    c.month_output_prior,
                    table,
                    "month_output_prior",
                    &all,
                )],
            })
        }
        "target.required_quarter_output"
        | "target.required_remaining_output"
        | "target.pp_to_go"
        | "target.forecast_gap" => {
            let t = a.target.as_ref().ok_or_else(no_value)?;
            let typed = Input {
                name: "目标".into(),
                value: format!(
                    "季末{}月，产值增长{}%，上年同期季度累计产值 {}",
                    t.quarter_end_month,
                    super::phrases::given(t.output_growth_target_pct),
                    money(t.prior_quarter_output)
                ),
                source: if sources.targets.is_some() {
                    "目标任务表（或手工填写）".into()
                } else {
                    "手工填写".into()
                },
            };
            let (name, value, definition, formula) = match key {
                "target.required_quarter_output" => (
                    "季度需完成产值",
                    money(t.required_quarter_output),
                    "上年同期季度累计产值 × (1 + 目标增速 ÷ 100)",
                    format!(
                        "{} × (1 + {} ÷ 100) = {}",
                        yi(t.prior_quarter_output),
                        super::phrases::given(t.output_growth_target_pct),
                        yi(t.required_quarter_output)
                    ),
                ),
                "target.required_remaining_output" => (
                    "剩余月份需完成产值",
                    money(t.required_remaining_output),
                    "季度需完成产值 − 本期累计产值",
                    format!(
                        "{} − {} = {}",
                        yi(t.required_quarter_output),
                        yi(c.output),
                        yi(t.required_remaining_output)
                    ),
                ),
                "target.pp_to_go" => {
                    let v = t.pp_to_go.ok_or_else(no_value)?;
                    (
                        "距目标",
                        format!("{}个百分点", one(v)),
                        "目标增速 − 累计产值同比",
                        format!(
                            "{} − {} = {}个百分点",
                            super::phrases::given(t.output_growth_target_pct),
                            c.output_growth_pct.map_or("—".into(), one),
                            one(v)
                        ),
                    )
                }
                _ => (
                    "预计缺口",
                    money(t.forecast_gap),
                    "季度需完成产值 − 预计完成",
                    format!(
                        "{} − {} = {}",
                        yi(t.required_quarter_output),
                        yi(t.forecast_quarter_output),
                        yi(t.forecast_gap)
                    ),
                ),
            };
            Ok(Explanation {
                key: key.into(),
                name: name.into(),
                value,
                definition: definition.into(),
                formula,
                inputs: vec![
                    typed,
                    summed_input("本期累计产值", c.output, table, "cum_output", &all),
                ],
            })
        }
        "va_estimate.growth_pct" => {
            let va = a.va_estimate.as_ref().ok_or_else(no_value)?;
            let value = pct(va.growth_pct).map_err(|_| no_value())?;
            // Each division's output deflated by its price index and weighted by last
            // year's value-added rate, over its base output at the same rate.
            let (mut now, mut base) = (0.0, 0.0);
            for v in &va.industries {
                if let Some(i) = a.industries.iter().find(|i| i.code == v.code) {
                    now += v.rate * i.output / (v.price_index / 100.0);
                    base += v.rate * i.output_prior;
                }
            }
            let rates = sources
                .va_rates
                .iter()
                .map(|t| format!("{} · {}", t.file, t.sheet))
                .collect::<Vec<_>>()
                .join("、");
            let prices = sources
                .price_indices
                .iter()
                .filter(|t| t.period == a.period || sources.price_indices.len() == 1)
                .map(|t| format!("{} · {}", t.file, t.sheet))
                .collect::<Vec<_>>()
                .join("、");
            Ok(Explanation {
                key: key.into(),
                name: "测算：累计增加值同比".into(),
                value: value.clone(),
                definition: "价格指数缩减法：Σ(各行业本期累计产值 ÷ 出厂价格指数 × 上年增加值率) ÷ Σ(各行业上年同期累计产值 × 上年增加值率) − 1；测算值，非统计部门发布数".into(),
                formula: format!("({} − {}) ÷ {} × 100% = {value}", yi(now), yi(base), yi(base)),
                inputs: vec![
                    summed_input("各行业累计产值", c.output, table, "cum_output", &all),
                    summed_input("各行业上年同期累计产值", c.output_prior, table, "cum_output_prior", &all),
                    Input {
                        name: "上年增加值率".into(),
                        value: format!("{}个行业", va.industries.len()),
                        source: if rates.is_empty() { "未载入增加值率表".into() } else { rates },
                    },
                    Input {
                        name: "出厂价格指数（1-本月，上年同期=100）".into(),
                        value: format!("{}个行业", va.industries.len()),
                        source: if prices.is_empty() { "未载入出厂价格指数表".into() } else { prices },
                    },
                ],
            })
        }
        "va_estimate.calibration_pp" => {
            let va = a.va_estimate.as_ref().ok_or_else(no_value)?;
            let (Some(pp), Some(official), Some(estimate)) =
                (va.calibration_pp, va.official_growth_pct, va.growth_pct)
            else {
                return Err(no_value());
            };
            let official_source = explain("city.value_added_growth_pct", a, table, sources)
                .map(|e| {
                    e.inputs
                        .into_iter()
                        .map(|i| i.source)
                        .collect::<Vec<_>>()
                        .join("；")
                })
                .unwrap_or_default();
            Ok(Explanation {
                key: key.into(),
                name: "官方 − 测算".into(),
                value: format!("{}个百分点", one(pp)),
                definition: "统计部门发布的累计增加值同比 − 按价格指数缩减法测算的累计增加值同比"
                    .into(),
                formula: format!(
                    "{}% − {}% = {}个百分点",
                    one(official),
                    one(estimate),
                    one(pp)
                ),
                inputs: vec![
                    Input {
                        name: "官方累计增加值同比".into(),
                        value: format!("{}%", one(official)),
                        source: official_source,
                    },
                    Input {
                        name: "测算累计增加值同比".into(),
                        value: format!("{}%", one(estimate)),
                        source: "见 va_estimate.growth_pct".into(),
                    },
                ],
            })
        }
        "highlights.pillar.share_pct" => {
            let p = a.highlights.pillar.as_ref().ok_or_else(no_value)?;
            let r = a
                .regions
                .iter()
                .find(|r| r.name == p.name)
                .ok_or_else(no_value)?;
            let rows: Vec<usize> = (0..table.len())
                .filter(|&i| table.regions[i] == p.name)
                .collect();
            let value = pct(p.share_pct).map_err(|_| no_value())?;
            Ok(Explanation {
                key: key.into(),
                name: format!("{}产值占全市比重", p.name),
                value: value.clone(),
                definition: "累计产值最大的县（市、区）的累计产值 ÷ 全市累计产值 × 100%".into(),
                formula: format!("{} ÷ {} × 100% = {value}", yi(r.output), yi(c.output)),
                inputs: vec![
                    Input {
                        name: format!("{}累计产值", p.name),
                        value: money(r.output),
                        source: summed(table, "cum_output", &rows),
                    },
                    summed_input("全市累计产值", c.output, table, "cum_output", &all),
                ],
            })
        }
        _ => Err(ExplainError::UnknownKey(key.into())),
    }
}

/// A region's rank inside its group (区 or 县（市）) by the growth that decides 升/降.
fn group_rank(key: &str, r: &RegionRow, a: &Analysis) -> Result<Explanation, ExplainError> {
    let rank = *a
        .extra
        .region_group_ranks
        .get(&r.name)
        .ok_or_else(|| ExplainError::NoValue(key.into()))?;
    let deciding = crate::analysis::deciding_growth;
    let mut members: Vec<&RegionRow> = a
        .regions
        .iter()
        .filter(|o| o.group == r.group && deciding(o).is_some())
        .collect();
    members.sort_by(|x, y| {
        deciding(y)
            .unwrap_or(0.0)
            .total_cmp(&deciding(x).unwrap_or(0.0))
    });
    // Each member's own deciding growth: value added where it has one, else output.
    let named = |o: &RegionRow| {
        if o.value_added_growth_pct.is_some() {
            ("增加值增速", "value_added_growth_pct")
        } else {
            ("累计产值同比", "output_growth_pct")
        }
    };
    Ok(Explanation {
        key: key.into(),
        name: format!("{}在{}中的位次", r.name, r.group.label()),
        value: format!("第{rank}位"),
        definition: format!(
            "同组（{}）各县区按决定升降的增速（有增加值增速用增加值增速，否则用累计产值同比）由高到低排列的位次",
            r.group.label()
        ),
        formula: format!(
            "{}：第{rank}位，共{}个",
            members
                .iter()
                .map(|o| format!("{} {}%", o.name, one(deciding(o).unwrap_or(0.0))))
                .collect::<Vec<_>>()
                .join(" > "),
            members.len()
        ),
        inputs: members
            .iter()
            .map(|o| {
                let (growth_name, field) = named(o);
                Input {
                    name: format!("{}{growth_name}", o.name),
                    value: format!("{}%", one(deciding(o).unwrap_or(0.0))),
                    source: format!("见 regions[{}].{field}", o.name),
                }
            })
            .collect(),
    })
}

/// A region's cumulative growth against the same growth in the previous loaded period.
fn growth_since(
    key: &str,
    r: &RegionRow,
    a: &Analysis,
    sources: &Sources,
) -> Result<Explanation, ExplainError> {
    let no_value = || ExplainError::NoValue(key.into());
    let since = a
        .region_growth_since_previous(&r.name)
        .ok_or_else(no_value)?;
    let now = r.output_growth_pct.ok_or_else(no_value)?;
    let before = a.previous_point().ok_or_else(no_value)?;
    let then = now - since;
    let label = before.period.map_or("上期".into(), |p| p.label());
    Ok(Explanation {
        key: key.into(),
        name: format!("{}产值增速较上期", r.name),
        value: format!("{}个百分点", one(since)),
        definition: "本期累计产值同比 − 上一期（已载入的上一期企业表）累计产值同比".into(),
        formula: format!("{}% − {}% = {}个百分点", one(now), one(then), one(since)),
        inputs: vec![
            Input {
                name: "本期累计产值同比".into(),
                value: format!("{}%", one(now)),
                source: format!("见 regions[{}].output_growth_pct", r.name),
            },
            Input {
                name: format!("{label}累计产值同比"),
                value: format!("{}%", one(then)),
                source: sources
                    .enterprises
                    .iter()
                    .find(|t| t.period.is_some() && t.period == before.period)
                    .map_or(format!("{label}的企业表"), |t| {
                        format!("{} · {}，{}各企业汇总", t.file, t.sheet, r.name)
                    }),
            },
        ],
    })
}

/// A region's or an industry's figures, as they are explained: the same definitions, said
/// of 县区 or 行业.
struct Part<'a> {
    name: &'a str,
    /// "县区" / "行业": what the part is, in the definitions.
    of: &'static str,
    /// How its enterprises are told apart ("县区列为该县区", "行业代码属于该行业").
    member: &'static str,
    enterprises: usize,
    output: f64,
    output_prior: f64,
    output_growth_pct: Option<f64>,
    contribution_pct: Option<f64>,
    pull_pp: Option<f64>,
    value_added_growth_pct: Option<f64>,
}

impl<'a> Part<'a> {
    fn region(r: &'a RegionRow) -> Self {
        Part {
            name: &r.name,
            of: "县区",
            member: "县区列为该县区",
            enterprises: r.enterprises,
            output: r.output,
            output_prior: r.output_prior,
            output_growth_pct: r.output_growth_pct,
            contribution_pct: r.contribution_pct,
            pull_pp: r.pull_pp,
            value_added_growth_pct: r.value_added_growth_pct,
        }
    }

    fn industry(i: &'a IndustryRow) -> Self {
        Part {
            name: &i.name,
            of: "行业",
            member: "行业代码属于该行业",
            enterprises: i.enterprises,
            output: i.output,
            output_prior: i.output_prior,
            output_growth_pct: i.output_growth_pct,
            contribution_pct: i.contribution_pct,
            pull_pp: i.pull_pp,
            value_added_growth_pct: None,
        }
    }
}

fn part(
    key: &str,
    field: &str,
    r: &Part,
    a: &Analysis,
    table: &EnterpriseTable,
    rows: &[usize],
    sources: &Sources,
) -> Result<Explanation, ExplainError> {
    let no_value = || ExplainError::NoValue(key.to_string());
    let input =
        |name: &str, v: f64, field: &str, rows: &[usize]| summed_input(name, v, table, field, rows);
    let all: Vec<usize> = (0..table.len()).collect();
    let (name, value, definition, formula, inputs) = match field {
        "enterprises" => (
            "企业数",
            format!("{}户", r.enterprises),
            format!("{}的企业行数", r.member),
            format!("{}户", r.enterprises),
            vec![Input {
                name: "企业行".into(),
                value: format!("{}户", rows.len()),
                source: counted(table, rows, "企业名称"),
            }],
        ),
        "output" => (
            "累计产值",
            money(r.output),
            format!("该{}各企业累计产值之和", r.of),
            format!("Σ = {}", money(r.output)),
            vec![input("累计产值", r.output, "cum_output", rows)],
        ),
        "output_prior" => (
            "上年同期累计产值",
            money(r.output_prior),
            format!("该{}各企业上年同期累计产值之和", r.of),
            format!("Σ = {}", money(r.output_prior)),
            vec![input(
                "上年同期累计产值",
                r.output_prior,
                "cum_output_prior",
                rows,
            )],
        ),
        "output_growth_pct" => {
            let v = pct(r.output_growth_pct).map_err(|_| no_value())?;
            (
                "累计产值同比",
                v.clone(),
                "(本期累计产值 ÷ 上年同期累计产值 − 1) × 100%".into(),
                format!(
                    "({} − {}) ÷ {} × 100% = {v}",
                    yi(r.output),
                    yi(r.output_prior),
                    yi(r.output_prior)
                ),
                vec![
                    input("本期累计产值", r.output, "cum_output", rows),
                    input("上年同期累计产值", r.output_prior, "cum_output_prior", rows),
                ],
            )
        }
        "pull_pp" => {
            let v = r.pull_pp.ok_or_else(no_value)?;
            (
                "拉动全市",
                format!("{}个百分点", one(v)),
                format!(
                    "(该{}本期累计产值 − 上年同期) ÷ 全市上年同期累计产值 × 100",
                    r.of
                ),
                format!(
                    "({} − {}) ÷ {} × 100 = {}个百分点",
                    yi(r.output),
                    yi(r.output_prior),
                    yi(a.city.output_prior),
                    one(v)
                ),
                vec![
                    input("本期累计产值", r.output, "cum_output", rows),
                    input("上年同期累计产值", r.output_prior, "cum_output_prior", rows),
                    input(
                        "全市上年同期累计产值",
                        a.city.output_prior,
                        "cum_output_prior",
                        &all,
                    ),
                ],
            )
        }
        "contribution_pct" => {
            let v = pct(r.contribution_pct).map_err(|_| no_value())?;
            (
                "贡献率",
                v.clone(),
                format!("(该{}累计产值增量) ÷ (全市累计产值增量) × 100%", r.of),
                format!(
                    "({} − {}) ÷ ({} − {}) × 100% = {v}",
                    yi(r.output),
                    yi(r.output_prior),
                    yi(a.city.output),
                    yi(a.city.output_prior)
                ),
                vec![
                    input("本期累计产值", r.output, "cum_output", rows),
                    input("上年同期累计产值", r.output_prior, "cum_output_prior", rows),
                ],
            )
        }
        "value_added_growth_pct" => {
            let v = pct(r.value_added_growth_pct).map_err(|_| no_value())?;
            let from = sources
                .region_table_for(a.period)
                .map_or("县区增加值增速表".into(), |t| {
                    format!("{} · {} · “{}”所在行", t.file, t.sheet, r.name)
                });
            (
                "增加值增速",
                v.clone(),
                "取自统计部门的县区增加值增速表".into(),
                format!("读取值 = {v}"),
                vec![Input {
                    name: "增加值增速".into(),
                    value: v,
                    source: from,
                }],
            )
        }
        _ => return Err(ExplainError::UnknownKey(key.into())),
    };
    Ok(Explanation {
        key: key.into(),
        name: format!("{}{name}", r.name),
        value,
        definition,
        formula,
        inputs,
    })
}

/// The ledgers' figures: the key enterprises matched, their output and pull, and the
/// stopped or reduced enterprises the 停减产台账 does not list.
fn ledger(
    key: &str,
    rest: &str,
    a: &Analysis,
    table: &EnterpriseTable,
    sources: &Sources,
) -> Result<Explanation, ExplainError> {
    let no_value = || ExplainError::NoValue(key.into());
    let ledgers = a.ledgers.as_ref().ok_or_else(no_value)?;
    let sheets = |s: &[(String, String)]| {
        s.iter()
            .map(|(f, sh)| format!("{f} · {sh}"))
            .collect::<Vec<_>>()
            .join("、")
    };
    let all: Vec<usize> = (0..table.len()).collect();
    if rest == "stop_reduce.untracked" {
        let st = ledgers.stop_reduce.as_ref().ok_or_else(no_value)?;
        let rows = &st.untracked_enterprises;
        return Ok(Explanation {
            key: key.into(),
            name: "停产或减产但台账未列入的企业".into(),
            value: format!("{}户", st.untracked),
            definition: "本期企业表中当月停产或减产、而停减产台账（按统一社会信用代码、组织机构代码或企业名称）未列入的企业户数".into(),
            formula: format!("{}户", rows.len()),
            inputs: vec![
                Input {
                    name: "停产、减产企业".into(),
                    value: format!("{}户", a.status.stopped + a.status.reduced),
                    source: counted(table, rows, "未列入台账的企业"),
                },
                Input {
                    name: "停减产台账".into(),
                    value: format!("{}户（匹配{}户）", st.listed, st.matched),
                    source: sheets(&sources.ledgers.stop_reduce.sheets),
                },
            ],
        });
    }
    let k = ledgers.key.as_ref().ok_or_else(no_value)?;
    let rows: Vec<usize> = k
        .leaders
        .iter()
        .flat_map(|l| l.members.iter().map(|m| m.enterprise))
        .collect();
    let listed = Input {
        name: "重点企业包保台账".into(),
        value: format!("{}户（匹配{}户）", k.listed, k.matched),
        source: sheets(&sources.ledgers.key.sheets),
    };
    let (name, value, definition, formula, mut inputs) = match rest {
        "key.enterprises" => (
            "重点包保企业",
            format!("{}户", k.matched),
            "包保台账所列、在本期企业表中找到的企业户数".to_string(),
            format!("{}户", rows.len()),
            vec![Input {
                name: "本期企业行".into(),
                value: format!("{}户", rows.len()),
                source: counted(table, &rows, "企业名称"),
            }],
        ),
        "key.output" => (
            "重点包保企业累计产值",
            money(k.output),
            "包保台账所列企业的本期累计产值之和".to_string(),
            format!("Σ = {}", money(k.output)),
            vec![summed_input(
                "累计产值",
                k.output,
                table,
                "cum_output",
                &rows,
            )],
        ),
        "key.pull_pp" => {
            let v = k.pull_pp.ok_or_else(no_value)?;
            (
                "重点包保企业拉动全市",
                format!("{}个百分点", one(v)),
                "(包保企业本期累计产值 − 上年同期) ÷ 全市上年同期累计产值 × 100".to_string(),
                format!(
                    "({} − {}) ÷ {} × 100 = {}个百分点",
                    yi(k.output),
                    yi(k.output_prior),
                    yi(a.city.output_prior),
                    one(v)
                ),
                vec![
                    summed_input("本期累计产值", k.output, table, "cum_output", &rows),
                    summed_input(
                        "上年同期累计产值",
                        k.output_prior,
                        table,
                        "cum_output_prior",
                        &rows,
                    ),
                    summed_input(
                        "全市上年同期累计产值",
                        a.city.output_prior,
                        table,
                        "cum_output_prior",
                        &all,
                    ),
                ],
            )
        }
        _ => return Err(ExplainError::UnknownKey(key.into())),
    };
    inputs.push(listed);
    Ok(Explanation {
        key: key.into(),
        name: name.into(),
        value,
        definition,
        formula,
        inputs,
    })
}

/// A transition set's count or month pull: the enterprises matched in both periods'
/// tables whose status changed so, and where both tables were read.
fn transition(
    key: &str,
    rest: &str,
    a: &Analysis,
    table: &EnterpriseTable,
    sources: &Sources,
) -> Result<Explanation, ExplainError> {
    let unknown = || ExplainError::UnknownKey(key.into());
    let (set, field) = rest.split_once('.').ok_or_else(unknown)?;
    let kind = Transition::ALL
        .into_iter()
        .find(|t| t.key() == set)
        .ok_or_else(unknown)?;
    let t = a
        .transitions
        .as_ref()
        .ok_or_else(|| ExplainError::NoValue(key.into()))?;
    let rows: Vec<usize> = t
        .members
        .iter()
        .filter(|m| m.transition == kind)
        .map(|m| m.enterprise)
        .collect();
    let before: Vec<String> = sources
        .enterprises
        .iter()
        .filter(|e| e.period == Some(t.from))
        .map(|e| format!("{} · {}", e.file, e.sheet))
        .collect();
    let matched = Input {
        name: "上期企业表".into(),
        value: t.from.label(),
        source: format!(
            "{}（按统一社会信用代码、组织机构代码或企业名称与本期对应）",
            before.join("、")
        ),
    };
    let set_figures = t.set(kind);
    let (from, now) = match kind {
        Transition::NewlyStopped => ("未停产", "停产"),
        Transition::Resumed => ("停产", "未停产"),
        Transition::TurnedDown => ("增产或持平", "减产"),
        Transition::TurnedUp => ("减产", "增产"),
        Transition::StillStopped => ("停产", "停产"),
        Transition::StillReduced => ("减产", "减产"),
    };
    let definition = format!(
        "两期都在企业表中、{}当月{from}而本期当月{now}的企业",
        t.from.span_label()
    );
    let (name, value, definition, formula, mut inputs) = match field {
        "enterprises" => (
            format!("{}企业", kind.label()),
            format!("{}户", set_figures.enterprises),
            format!("{definition}户数"),
            format!("{}户", rows.len()),
            vec![Input {
                name: "本期企业行".into(),
                value: format!("{}户", rows.len()),
                source: counted(table, &rows, "企业名称"),
            }],
        ),
        "month_pull_pp" => {
            let v = set_figures
                .month_pull_pp
                .ok_or_else(|| ExplainError::NoValue(key.into()))?;
            let change: f64 = rows
                .iter()
                .map(|&i| table.month_output[i] - table.month_output_prior[i])
                .sum();
            let all: Vec<usize> = (0..table.len()).collect();
            (
                format!("{}企业拉动当月增速", kind.label()),
                format!("{}个百分点", one(v)),
                format!("({definition})当月产值增量之和 ÷ 全市上年同月产值 × 100"),
                format!(
                    "{} ÷ {} × 100 = {}个百分点",
                    yi(change),
                    yi(a.city.month_output_prior),
                    one(v)
                ),
                vec![
                    summed_input(
                        "当月产值",
                        rows.iter().map(|&i| table.month_output[i]).sum(),
                        table,
                        "month_output",
                        &rows,
                    ),
                    summed_input(
                        "上年同月产值",
                        rows.iter().map(|&i| table.month_output_prior[i]).sum(),
                        table,
                        "month_output_prior",
                        &rows,
                    ),
                    summed_input(
                        "全市上年同月产值",
                        a.city.month_output_prior,
                        table,
                        "month_output_prior",
                        &all,
                    ),
                ],
            )
        }
        _ => return Err(unknown()),
    };
    inputs.push(matched);
    Ok(Explanation {
        key: key.into(),
        name,
        value,
        definition,
        formula,
        inputs,
    })
}

/// The headline figures the 口径与来源 sheet explains.
const HEADLINE: &[&str] = &[
    "city.enterprises",
    "city.output",
    "city.output_prior",
    "city.output_growth_pct",
    "city.month_output",
    "city.month_output_growth_pct",
    "city.value_added_growth_pct",
    "status.stopped",
    "status.reduced",
    "status.increased",
    "target.required_quarter_output",
    "target.required_remaining_output",
    "target.forecast_gap",
    "highlights.pillar.share_pct",
];

/// 口径与来源: each headline figure with its definition, formula and sources, for the
/// analysis workbook. Figures the loaded files cannot give are left out.
pub fn sources_table(
    a: &Analysis,
    table: &EnterpriseTable,
    sources: &Sources,
) -> super::table::Table {
    use super::table::{col, Value};
    let rows = HEADLINE
        .iter()
        .filter_map(|k| explain(k, a, table, sources).ok())
        .map(|e| {
            let from: Vec<String> = e
                .inputs
                .iter()
                .map(|i| format!("{}：{}，{}", i.name, i.value, i.source))
                .collect();
            vec![
                Value::text(e.name),
                Value::text(e.value),
                Value::text(e.definition),
                Value::text(e.formula),
                Value::text(from.join("\n")),
            ]
        })
        .collect();
    super::table::Table {
        name: "口径与来源",
        columns: vec![
            col("指标", 22.0),
            col("数值", 14.0),
            col("定义", 40.0),
            col("算式", 40.0),
            col("来源", 90.0),
        ],
        rows,
    }
}
