//! 调度推演 for people: the sentence "若停产企业3月恢复到上年同月的80%、减产企业恢复到上年同月水平，
//! 可增加产值X亿元，一季度产值增长Y%，距目标还差Z亿元" — always 推演, never 预计 — the
//! threshold, and the list of the enterprises that carry the gain, for the meeting.

use super::phrases::{change, one, quarter_name};
use super::table::{col, Table, Value};
use crate::analysis::{remaining_month, Analysis, Scenario, Threshold};

/// "恢复到上年同月的80%" / "恢复到上年同月水平".
fn level(pct: f64) -> String {
    if one(pct) == "100.0" {
        "恢复到上年同月水平".into()
    } else {
        format!("恢复到上年同月的{}%", trim(pct))
    }
}

/// 80 → "80", 82.5 → "82.5": a lever as the user set it.
fn trim(pct: f64) -> String {
    let s = one(pct);
    s.strip_suffix(".0").map_or(s.clone(), str::to_string)
}

/// The sentence for the scenario `s` of a quarter ending in month `q`; `None` when both
/// levers are 0.
pub fn sentence(s: &Scenario, q: u32) -> Option<String> {
    let mut levers = Vec::new();
    if s.resume_stopped_pct > 0.0 {
        levers.push(format!("停产企业{q}月{}", level(s.resume_stopped_pct)));
    }
    if s.recover_reduced_pct > 0.0 {
        levers.push(format!("减产企业{}", level(s.recover_reduced_pct)));
    }
    if levers.is_empty() {
        return None;
    }
    let mut t = format!(
        "推演：若{}，可增加产值{}亿元",
        levers.join("、"),
        one(s.stopped_gain + s.reduced_gain)
    );
    if let Some(g) = s.forecast_growth_pct {
        t += &format!("，{}产值{}", quarter_name(q), change(g));
    }
    if s.forecast_gap > 0.0 && one(s.forecast_gap) != "0.0" {
        t += &format!("，距目标还差{}亿元", one(s.forecast_gap));
    } else {
        t += "，可完成目标";
    }
    Some(t + "。")
}

/// "停产、减产企业均恢复到上年同月的86.3%即可完成目标" / "…即使全部恢复到上年同月水平，距目标仍差X亿元".
pub fn threshold(t: Threshold, q: u32) -> String {
    match t {
        Threshold::NotNeeded => "按当前推算已可完成目标，无需停减产企业恢复".into(),
        Threshold::At(pct) => format!("停产、减产企业{q}月均{}即可完成目标", level(pct)),
        Threshold::Short(gap) => format!(
            "即使停产、减产企业{q}月全部恢复到上年同月水平，距目标仍差{}亿元",
            one(gap)
        ),
    }
}

/// The briefing's paragraph, when the analysis carries a scenario.
pub fn paragraph(a: &Analysis) -> Option<String> {
    let s = a.scenario.as_ref()?;
    let q = a.target.as_ref()?.quarter_end_month;
    sentence(s, q)
}

/// 推演增产企业: the enterprises carrying most of the gain, with the levers' reading of them.
pub fn top_table(a: &Analysis, s: &Scenario) -> Table {
    let rows = s
        .top
        .iter()
        .filter_map(|&(i, gain)| Some((a.enterprises.get(i)?, gain)))
        .map(|(e, gain)| {
            let remaining = remaining_month(e, a.extra.has_forecast_column);
            vec![
                Value::text(e.name.clone()),
                Value::text(e.region.to_string()),
                Value::text(e.status.label()),
                Value::fixed(e.month_output_prior * 1e4, 1),
                Value::fixed(remaining * 1e4, 1),
                Value::fixed(gain * 1e4, 1),
            ]
        })
        .collect();
    Table {
        name: "推演增产企业",
        columns: vec![
            col("企业名称", 34.0),
            col("县区", 10.0),
            col("状态", 6.0),
            col("上年同月产值(万元)", 16.0),
            col("剩余月推算产值(万元)", 18.0),
            col("推演可增加(万元)", 16.0),
        ],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(stopped: f64, reduced: f64, gain: f64, growth: f64, gap: f64) -> Scenario {
        Scenario {
            resume_stopped_pct: stopped,
            recover_reduced_pct: reduced,
            stopped_gain: gain / 2.0,
            reduced_gain: gain / 2.0,
            forecast_quarter_output: 0.0,
            forecast_growth_pct: Some(growth),
            forecast_gap: gap,
            regions: Vec::new(),
            leaders: Vec::new(),
            top: Vec::new(),
        }
    }

    #[test]
    fn the_speech_sentence() {
        assert_eq!(
            sentence(&scenario(80.0, 100.0, 12.34, 7.26, 3.05), 3).unwrap(),
            "推演：若停产企业3月恢复到上年同月的80%、减产企业恢复到上年同月水平，可增加产值12.3亿元，一季度产值增长7.3%，距目标还差3.1亿元。"
        );
        assert_eq!(
            sentence(&scenario(0.0, 90.0, 5.0, 8.5, -0.4), 6).unwrap(),
            "推演：若减产企业恢复到上年同月的90%，可增加产值5.0亿元，上半年产值增长8.5%，可完成目标。"
        );
        assert_eq!(sentence(&scenario(0.0, 0.0, 0.0, 5.0, 1.0), 3), None);
        assert_eq!(
            threshold(Threshold::At(86.3), 3),
            "停产、减产企业3月均恢复到上年同月的86.3%即可完成目标"
        );
        assert!(threshold(Threshold::Short(2.04), 3).contains("仍差2.0亿元"));
    }
}
