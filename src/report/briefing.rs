//! The dispatch speech's data paragraphs, every number from the analysis: 增长/下降 by
//! sign, differences in 百分点, ranks as 第N位, one decimal 四舍五入, and sentences whose
//! data is missing left out rather than filled with "**" or "null".

use super::phrases::{
    change, counts, given, how_many, one, pp, pull, pull_on, quarter_name, rank, remaining_months,
    shows_negative, shows_positive, since, ups_and_downs, versus,
};
use super::trace_marks::{mark, resolve, TraceSpan};
use crate::analysis::{Analysis, ForecastBasis, RegionRow};
use crate::model::RegionGroup;
use serde::Serialize;

/// One paragraph of the briefing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    /// Stable name: headline, regions, status, new, target.
    pub id: &'static str,
    pub text: String,
    /// The figures in `text` the page lets a reader trace to their sources.
    #[serde(skip)]
    pub traces: Vec<TraceSpan>,
}

fn headline(a: &Analysis) -> Option<String> {
    let c = &a.city;
    let span = a.period.map_or("本期".into(), |p| p.span_label());
    let mut s = format!(
        "{span}，全市{}户规上工业企业完成工业总产值{}亿元",
        mark("city.enterprises", &c.enterprises.to_string()),
        mark("city.output", &one(c.output))
    );
    if let Some(g) = c.output_growth_pct {
        s += &format!("，同比{}", mark("city.output_growth_pct", &change(g)));
        if let Some((before, d)) = a.growth_since_previous() {
            s += &format!("，{}", since(d, before.span_label().trim_end_matches('份')));
        }
    }
    if let Some(va) = c.value_added_growth_pct {
        s += &format!(
            "；工业增加值同比{}",
            mark("city.value_added_growth_pct", &change(va))
        );
        let mut parts = Vec::new();
        if let Some(d) = c.vs_province_pp {
            parts.push(versus(d, "全省"));
        }
        if let Some(d) = c.vs_nation_pp {
            parts.push(versus(d, "全国"));
        }
        if let Some(r) = c.province_rank {
            parts.push(format!("位列全省{}", rank(r)));
            if let Some((before, up)) = a.rank_since_previous() {
                parts.push(super::phrases::rank_since(up, &before.span_label()));
            }
        }
        if let Some(r) = c.unit_rank {
            parts.push(format!("考评单元{}", rank(r)));
        }
        for p in parts {
            s += "，";
            s += &p;
        }
    }
    s += "。";
    if let (Some(p), Some(g)) = (a.period, c.month_output_growth_pct) {
        s += &format!(
            "{}月份当月完成产值{}亿元，同比{}。",
            p.month,
            mark("city.month_output", &one(c.month_output)),
            mark("city.month_output_growth_pct", &change(g))
        );
    }
    Some(s)
}

fn group_name(group: RegionGroup, n: usize) -> String {
    match group {
        RegionGroup::District => format!("{n}区"),
        RegionGroup::County => format!("{n}县（市）"),
        RegionGroup::Other => format!("其他{n}个地区"),
    }
}

fn regions(a: &Analysis) -> Option<String> {
    if a.groups.is_empty() {
        return None;
    }
    let basis = if a.regions.iter().any(|r| r.value_added_growth_pct.is_some()) {
        "增加值"
    } else {
        "产值"
    };
    let counts: Vec<String> = a
        .groups
        .iter()
        .map(|g| {
            let ups = ups_and_downs(g.regions, g.up, g.down);
            // "9个县（市）全部增长", as a speech counts a whole group.
            let name = if ups.starts_with("全部") {
                group_name(g.group, g.regions).replacen(
                    &g.regions.to_string(),
                    &format!("{}个", g.regions),
                    1,
                )
            } else {
                group_name(g.group, g.regions)
            };
            format!("{name}{basis}{ups}")
        })
        .collect();
    let mut s = format!("分县区看，{}。", counts.join("，"));
    let mut negative: Vec<&RegionRow> = a
        .regions
        .iter()
        .filter(|r| r.pull_pp.is_some_and(shows_negative))
        .collect();
    negative.sort_by(|x, y| {
        x.pull_pp
            .unwrap_or(0.0)
            .total_cmp(&y.pull_pp.unwrap_or(0.0))
    });
    let mut positive: Vec<&RegionRow> = a
        .regions
        .iter()
        .filter(|r| r.pull_pp.is_some_and(shows_positive))
        .collect();
    positive.sort_by(|x, y| {
        y.pull_pp
            .unwrap_or(0.0)
            .total_cmp(&x.pull_pp.unwrap_or(0.0))
    });
    positive.truncate(3);
    if !positive.is_empty() {
        s += &format!(
            "拉动作用较大的是{}，分别拉动全市产值增长{}个百分点",
            positive
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            positive
                .iter()
                .map(|r| mark(
                    &format!("regions[{}].pull_pp", r.name),
                    &one(r.pull_pp.unwrap_or(0.0))
                ))
                .collect::<Vec<_>>()
                .join("、")
        );
        if positive.len() == 1 {
            s = s.replacen("分别拉动", "拉动", 1);
        }
        s += if negative.is_empty() { "。" } else { "；" };
    }
    if !negative.is_empty() {
        let names: Vec<&str> = negative.iter().map(|r| r.name.as_str()).collect();
        let values: Vec<String> = negative
            .iter()
            .map(|r| {
                mark(
                    &format!("regions[{}].pull_pp", r.name),
                    &one(-r.pull_pp.unwrap_or(0.0)),
                )
            })
            .collect();
        let each = if negative.len() > 1 { "分别" } else { "" };
        s += &format!(
            "{}为负向拉动，{each}下拉全市产值增速{}个百分点。",
            names.join("、"),
            values.join("、")
        );
    }
    Some(s)
}

fn status(a: &Analysis) -> Option<String> {
    let s = &a.status;
    // A count of 0 is left out ("停产企业0户" is not said).
    let said: Vec<String> = [
        ("停产企业", s.stopped, "status.stopped"),
        ("减产企业", s.reduced, "status.reduced"),
    ]
    .into_iter()
    .filter(|(_, n, _)| *n > 0)
    .map(|(what, n, key)| format!("{what}{}户", mark(key, &n.to_string())))
    .collect();
    let mut t = if said.is_empty() {
        "全市没有停产、减产企业".to_string()
    } else {
        format!("全市还有{}", said.join("，"))
    };
    if let Some(d) = s.stopped_and_reduced_pull_pp() {
        t += &format!("，合计{}", pull_on(d, "当月产值增速"));
    }
    t += &format!(
        "；增产企业{}户",
        mark("status.increased", &s.increased.to_string())
    );
    if let Some(p) = s.increased_pull_pp {
        t += &format!("，{}", mark("status.increased_pull_pp", &pull(p)));
    }
    if let Some(share) = a.status.growth_breadth_pct() {
        t += &format!("，企业增长面为{}%", one(share));
    }
    t += "。";
    if let Some(changes) = transitions(a) {
        t += &changes;
    }
    Some(t)
}

/// "与1月相比，新增停产企业2户、复产1户；由增转减3户、由减转增1户。": what changed since
/// the previous period, the zeros left out.
fn transitions(a: &Analysis) -> Option<String> {
    let t = a.transitions.as_ref()?;
    let stops = counts(&[
        ("新增停产企业", t.newly_stopped.enterprises),
        ("复产", t.resumed.enterprises),
    ]);
    let turns = counts(&[
        ("由增转减", t.turned_down.enterprises),
        ("由减转增", t.turned_up.enterprises),
    ]);
    let parts: Vec<String> = [stops, turns]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| format!("与{}相比，{}。", t.from.span_label(), parts.join("；")))
}

/// 锁定去年新增规上企业: "去年新纳入规上企业N户，1-2月份完成产值X亿元，占全市Y%，同比增长Z%，
/// 拉动全市W个百分点；其中减产A户、停产B户" (growth and pull left out without a prior output).
fn new_entrants(a: &Analysis) -> Option<String> {
    let n = a.highlights.new_entrants.as_ref()?;
    let span = a.period.map_or("本期".into(), |p| p.span_label());
    let mut t = format!(
        "去年新纳入规上企业{}户，{span}完成产值{}亿元",
        n.enterprises,
        one(n.output)
    );
    if let Some(share) = n.share_pct {
        t += &format!("，占全市{}%", one(share));
    }
    if n.output_prior > 0.0 {
        if let Some(g) = n.output_growth_pct {
            t += &format!("，同比{}", change(g));
        }
        if let Some(p) = n.pull_pp {
            t += &format!("，{}", pull_on(p, "全市"));
        }
    }
    let down = counts(&[("减产", n.reduced), ("停产", n.stopped)]);
    if !down.is_empty() {
        t += &format!("；其中{down}");
    }
    Some(t + "。")
}

/// The sentences a leader reads when assigning work: the pillar region, the districts
/// doing well, the counties growing and those pulling the city down.
fn assignments(a: &Analysis) -> Option<String> {
    let h = &a.highlights;
    let span = a.period.map_or("本期".into(), |p| p.span_label());
    let mut out: Vec<String> = Vec::new();
    if let Some(p) = &h.pillar {
        let mut t = format!("{}是我市工业经济增长的基石", p.name);
        if let Some(share) = p.share_pct {
            t += &format!(
                "，{span}产值占全市的{}%",
                mark("highlights.pillar.share_pct", &one(share))
            );
        }
        if let Some(g) = p.output_growth_pct {
            t += &format!("，同比{}", change(g));
        }
        if let Some(pull_pp) = p.pull_pp {
            t += &format!("，{}", pull_on(pull_pp, "全市"));
        }
        out.push(t + "，要继续发挥压舱石作用。");
    }
    let named = |names: &[String]| {
        names
            .iter()
            .take(3)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("、")
    };
    let etc = |names: &[String]| if names.len() > 3 { "等" } else { "" };
    // The growth the counties are judged on: value added where the region table gives it.
    let basis = if a.regions.iter().any(|r| r.value_added_growth_pct.is_some()) {
        "增加值"
    } else {
        "产值"
    };
    if !h.strong_districts.is_empty() {
        out.push(format!(
            "{}{}{span}发展形势较好的{}个区要加压加力、再上新台阶。",
            named(&h.strong_districts),
            etc(&h.strong_districts),
            h.strong_districts.len()
        ));
    }
    if !h.positive_counties.is_empty() {
        out.push(format!(
            "{}这{}{span}{basis}正增长的县（市），要想方设法保持稳定增长势头。",
            h.positive_counties.join("、"),
            how_many(h.positive_counties.len())
        ));
    }
    if !h.negative_pull_counties.is_empty() {
        let names: Vec<String> = h
            .negative_pull_counties
            .iter()
            .map(|c| c.name.clone())
            .collect();
        let q = a
            .target
            .as_ref()
            .map_or("下一步".into(), |t| quarter_name(t.quarter_end_month));
        out.push(format!(
            "{}这{}{span}对全市负向拉动较大的县（市），{q}要有效遏制下滑势头。",
            names.join("、"),
            how_many(names.len())
        ));
    }
    (!out.is_empty()).then(|| out.concat())
}

fn target(a: &Analysis) -> Option<String> {
    let t = a.target.as_ref()?;
    let forecast_label = match a.extra.forecast_basis {
        Some(ForecastBasis::EnterpriseForecasts) => "按企业预计数测算",
        _ => "按当前增速测算",
    };
    let q = quarter_name(t.quarter_end_month);
    let span = a.period.map_or("本期".into(), |p| p.span_label());
    let target = given(t.output_growth_target_pct);
    let month = a.period.map(|p| p.month);
    let before_end = month.is_some_and(|m| t.before_quarter_end(m));
    let mut s;
    if before_end {
        // The speech's shape: the cumulative gap in 百分点 on the growth so far, then
        // what the remaining months must produce (their own growth said separately).
        s = match (t.pp_to_go, a.city.output_growth_pct) {
            (Some(to_go), Some(g)) if shows_positive(to_go) => format!(
                "{q}要在{span}产值增长{}%的基础上，再增加{}，达到{target}%的产值增长，{q}需完成产值{}亿元",
                one(g),
                mark("target.pp_to_go", &pp(to_go)),
                mark("target.required_quarter_output", &one(t.required_quarter_output))
            ),
            _ => format!(
                "按照{q}产值增长{target}%的目标，{q}需完成产值{}亿元",
                mark("target.required_quarter_output", &one(t.required_quarter_output))
            ),
        };
        let remaining = remaining_months(month.unwrap_or(0), t.quarter_end_month);
        s += &format!(
            "；{remaining}产值要完成{}亿元",
            mark(
                "target.required_remaining_output",
                &one(t.required_remaining_output)
            )
        );
        if let Some(g) = t.required_remaining_growth_pct {
            s += &format!("，同比需{}", change(g));
        }
        s += "。";
        s += &format!(
            "{forecast_label}，预计{q}完成产值{}亿元",
            one(t.forecast_quarter_output)
        );
        if let Some(g) = t.forecast_growth_pct {
            s += &format!("，同比{}", change(g));
        }
        if shows_positive(t.forecast_gap) {
            s += &format!(
                "，距目标还差{}亿元",
                mark("target.forecast_gap", &one(t.forecast_gap))
            );
            if let Some(gap) = t.forecast_gap_pp() {
                s += &format!("、{}", pp(gap));
            }
        } else {
            s += &format!("，可完成目标，超出{}亿元", one(-t.forecast_gap));
        }
        s += "。";
    } else {
        s = format!(
            "按照{q}产值增长{target}%的目标，{q}需完成产值{}亿元，实际完成{}亿元",
            mark(
                "target.required_quarter_output",
                &one(t.required_quarter_output)
            ),
            mark("city.output", &one(a.city.output))
        );
        s += &if shows_positive(t.required_remaining_output) {
            format!(
                "，未完成目标，还差{}亿元。",
                one(t.required_remaining_output)
            )
        } else {
            format!(
                "，已完成目标，超出{}亿元。",
                one(-t.required_remaining_output)
            )
        };
    }
    s += &region_targets(a, before_end);
    Some(s)
}

/// "分县区看，预计9个县（市、区）可完成目标；城东区、河西县完成有难度，分别差1.2、0.8亿元。"
/// Before the quarter end by the forecast gap, after it by what was produced.
fn region_targets(a: &Analysis, before_quarter_end: bool) -> String {
    let rows = &a.extra.region_targets;
    if rows.is_empty() {
        return String::new();
    }
    let gap = |t: &crate::analysis::Target| {
        if before_quarter_end {
            t.forecast_gap
        } else {
            t.required_remaining_output
        }
    };
    let mut behind: Vec<(&str, f64)> = rows
        .iter()
        .map(|r| (r.region.as_str(), gap(&r.target)))
        .filter(|(_, g)| shows_positive(*g))
        .collect();
    behind.sort_by(|x, y| y.1.total_cmp(&x.1));
    let on_track = rows.len() - behind.len();
    let (verb, short) = if before_quarter_end {
        ("预计", "完成有难度")
    } else {
        ("", "未完成目标")
    };
    // After the quarter's end a target is met or not: 已完成 / 未完成, never 可完成.
    let done = if before_quarter_end {
        "可完成"
    } else {
        "已完成"
    };
    let mut s = String::from("分县区看，");
    if behind.is_empty() {
        return s + &format!("{verb}{}个县（市、区）均{done}目标。", rows.len());
    }
    if on_track > 0 {
        s += &format!("{verb}{on_track}个县（市、区）{done}目标；");
    }
    // A speech names the largest gaps, not a dozen of them.
    const NAMED: usize = 5;
    let names: Vec<&str> = behind.iter().take(NAMED).map(|(n, _)| *n).collect();
    let gaps: Vec<String> = behind.iter().take(NAMED).map(|(_, g)| one(*g)).collect();
    if behind.len() == 1 {
        s += &format!("{}{short}，差{}亿元。", names[0], gaps[0]);
    } else if behind.len() <= NAMED {
        s += &format!(
            "{}{short}，分别差{}亿元。",
            names.join("、"),
            gaps.join("、")
        );
    } else {
        s += &format!(
            "{}等{}个县（市、区）{short}，差距最大的{NAMED}个分别差{}亿元。",
            names.join("、"),
            behind.len(),
            gaps.join("、")
        );
    }
    s
}

/// "按价格指数缩减法测算，1-2月份全市规上工业增加值同比增长5.4%，比统计部门反馈的6.1%低0.7个
/// 百分点。完成一季度增加值增长7.0%的目标，3月份需完成产值355.3亿元，同比增长7.6%。"
fn va_estimate(a: &Analysis) -> Option<String> {
    let va = a.va_estimate.as_ref()?;
    let g = va.growth_pct?;
    let span = a.period.map_or("本期".into(), |p| p.span_label());
    let mut s = format!(
        "按价格指数缩减法测算，{span}全市规上工业增加值同比{}",
        change(g)
    );
    if let Some(official) = va.official_growth_pct {
        s += &format!("，统计部门反馈为{}%", one(official));
    }
    s += "。";
    let month = a.period.map(|p| p.month).unwrap_or(0);
    if let (Some(t), Some(target)) = (
        &va.target,
        a.target.as_ref().filter(|t| t.before_quarter_end(month)),
    ) {
        let when = remaining_months(month, target.quarter_end_month);
        s += &format!(
            "完成{}增加值增长{}%的目标，{when}需完成产值{}亿元",
            quarter_name(target.quarter_end_month),
            given(t.va_growth_target_pct),
            one(t.required_remaining_output)
        );
        if let Some(rg) = t.required_remaining_growth_pct {
            s += &format!("，同比{}", change(rg));
        }
        s += &format!(
            "（产值目标要求完成{}亿元）。",
            one(target.required_remaining_output)
        );
    }
    Some(s)
}

/// Working notes for whoever prepares the speech, beside the draft and never read aloud:
/// ledger rows not found in the table, the estimate's distance from the official figure,
/// stopped or reduced enterprises no ledger row names.
pub fn working_notes(a: &Analysis) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(l) = &a.ledgers {
        if let Some(k) = l.key.as_ref().filter(|k| !k.unmatched.is_empty()) {
            notes.push(format!(
                "包保台账中有{}户未在本期企业表中找到，未计入重点企业的数字",
                k.unmatched.len()
            ));
        }
        if let Some(s) = l.stop_reduce.as_ref().filter(|s| s.untracked > 0) {
            notes.push(format!("另有{}户停减产企业尚未列入停减产台账", s.untracked));
        }
    }
    if let Some(gap) = a.va_estimate.as_ref().and_then(|v| v.calibration_pp) {
        notes.push(format!("增加值测算{}", versus(-gap, "统计部门反馈数")));
    }
    notes
}

/// The document's title: "示例市2023年1-2月工业经济运行情况".
pub fn title(a: &Analysis) -> String {
    format!(
        "{}{}工业经济运行情况",
        a.city.name.as_deref().unwrap_or(""),
        a.period.map_or(String::new(), |p| p.label())
    )
}

/// A download's name: the city and period, then what it holds ("示例市2023年1-2月企业明细.csv").
pub fn export_name(a: &Analysis, what: &str, extension: &str) -> String {
    format!(
        "{}{}{what}.{extension}",
        a.city.name.as_deref().unwrap_or(""),
        a.period.map_or(String::new(), |p| p.label())
    )
}

/// The paragraphs, in the order a speech uses them (`draft::SECTIONS`).
pub fn briefing(a: &Analysis) -> Vec<Paragraph> {
    [
        ("headline", headline(a)),
        ("regions", regions(a)),
        ("tasks", assignments(a)),
        ("status", status(a)),
        ("ledger-stop", super::ledger_text::stop_reduce(a)),
        ("target", target(a)),
        ("scenario", super::scenario::paragraph(a)),
        ("va", va_estimate(a)),
        ("ledger-key", super::ledger_text::key(a)),
        ("new", new_entrants(a)),
        ("ledger-review", super::ledger_text::review(a)),
    ]
    .into_iter()
    .filter_map(|(id, text)| {
        text.map(|marked| {
            let (text, traces) = resolve(&marked);
            Paragraph { id, text, traces }
        })
    })
    .collect()
}

/// Plain text: paragraphs separated by blank lines.
pub fn plain_text(paragraphs: &[Paragraph]) -> String {
    paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n"
}
