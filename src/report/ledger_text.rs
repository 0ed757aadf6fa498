//! The briefing's sentences about the bureau's own ledgers, each only when its ledger is
//! loaded: "重点包保企业N户…", "停减产原因主要是…", "强制审核企业N户、产值查询企业M户…".

use super::phrases::{change, counts, one, pull_on};
use crate::analysis::{Analysis, UnjoinedReason, NOT_FILLED};

/// How many reasons the sentence names before "等".
const REASONS_NAMED: usize = 3;

/// "重点包保企业12户，1-2月份完成产值45.6亿元，占全市规上工业的31.2%，同比增长5.3%，
/// 拉动全市产值增速1.6个百分点；其中减产3户、停产1户。"
/// Why a ledger row joined no enterprise, as the page and the 未匹配 sheet say it.
pub fn unjoined_reason(reason: &UnjoinedReason) -> String {
    match reason {
        UnjoinedReason::MalformedCode(code) => {
            format!("代码“{code}”既不是18位统一社会信用代码，也不是9位组织机构代码；按名称也未找到")
        }
        UnjoinedReason::CodeNotFoundNamesClose => {
            "代码不在本期企业表中，名称也不完全一致；请核对是否为下列企业".into()
        }
        UnjoinedReason::CodeNotFound => {
            "代码和名称都不在本期企业表中：可能尚未入规、已退库，或不在本报告期".into()
        }
        UnjoinedReason::NameClose => {
            "台账没有代码，名称与企业表不完全一致；请核对是否为下列企业".into()
        }
        UnjoinedReason::NameNotFound => {
            "本期企业表中没有这个名称的企业：可能尚未入规、已退库，或名称已变更".into()
        }
    }
}

pub fn key(a: &Analysis) -> Option<String> {
    let k = a.ledgers.as_ref()?.key.as_ref()?;
    let span = a.period.map_or("本期".into(), |p| p.span_label());
    // Rows not found in the table are a working note beside the draft, not in it.
    if k.matched == 0 {
        return None;
    }
    let mut t = format!("重点包保企业{}户", k.matched);
    t += &format!("，{span}完成产值{}亿元", one(k.output));
    if let Some(s) = k.share_pct {
        t += &format!("，占全市规上工业的{}%", one(s));
    }
    if let Some(g) = k.output_growth_pct {
        t += &format!("，同比{}", change(g));
    }
    if let Some(p) = k.pull_pp {
        t += &format!("，{}", pull_on(p, "全市产值增速"));
    }
    let down = counts(&[("减产", k.reduced), ("停产", k.stopped)]);
    if !down.is_empty() {
        t += &format!("；其中{down}");
    }
    Some(t + "。")
}

/// "停减产原因主要是订单不足（5户）、原料短缺（3户）、设备检修（2户）等。" (The enterprises
/// not yet in the ledger are a working note.)
pub fn stop_reduce(a: &Analysis) -> Option<String> {
    let s = a.ledgers.as_ref()?.stop_reduce.as_ref()?;
    let named: Vec<String> = s
        .reasons
        .iter()
        .filter(|r| r.reason != NOT_FILLED)
        .map(|r| format!("{}（{}户）", r.reason, r.enterprises))
        .collect();
    let mut parts = Vec::new();
    if !named.is_empty() {
        let more = if named.len() > REASONS_NAMED {
            "等"
        } else {
            ""
        };
        parts.push(format!(
            "停减产原因主要是{}{more}",
            named[..named.len().min(REASONS_NAMED)].join("、")
        ));
    }
    if let Some(f) = follow_up(a) {
        parts.push(f);
    }
    (!parts.is_empty()).then(|| parts.join("；") + "。")
}

/// The follow-up of the last meeting's list, when a previous period is loaded: "台账所列
/// 停减产企业N户，本月复产A户、转增B户，仍停产C户、仍减产D户" (zeros left out).
pub fn follow_up(a: &Analysis) -> Option<String> {
    use crate::analysis::Transition;
    let s = a.ledgers.as_ref()?.stop_reduce.as_ref()?;
    let t = a.transitions.as_ref()?;
    let mut listed: Vec<usize> = s
        .reasons
        .iter()
        .flat_map(|r| r.members.iter().map(|m| m.enterprise))
        .collect();
    listed.sort_unstable();
    listed.dedup();
    if listed.is_empty() {
        return None;
    }
    let count = |k: Transition| {
        t.members
            .iter()
            .filter(|m| m.transition == k && listed.binary_search(&m.enterprise).is_ok())
            .count()
    };
    let better = counts(&[
        ("复产", count(Transition::Resumed)),
        ("转增", count(Transition::TurnedUp)),
    ]);
    let still = counts(&[
        ("仍停产", count(Transition::StillStopped)),
        ("仍减产", count(Transition::StillReduced)),
    ]);
    let mut t = format!("台账所列停减产企业{}户", listed.len());
    if !better.is_empty() {
        t += &format!("，本月{better}");
    }
    if !still.is_empty() {
        t += &format!("，{still}");
    }
    Some(t)
}

/// "强制审核企业N户、产值查询企业M户，K户佐证材料尚未上传，其中J户已过截止时间。"
pub fn review(a: &Analysis) -> Option<String> {
    let r = a.ledgers.as_ref()?.review.as_ref()?;
    let mut t = format!("强制审核企业{}户、产值查询企业{}户", r.compulsory, r.query);
    if r.evidence_missing == 0 {
        t += "，佐证材料均已上传";
    } else {
        t += &format!("，{}户佐证材料尚未上传", r.evidence_missing);
        if r.overdue > 0 {
            t += &format!("，其中{}户已过截止时间", r.overdue);
        }
    }
    Some(t + "。")
}
