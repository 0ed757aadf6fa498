//! The CLI's readable Chinese summary of an analysis.

use super::format::{fixed, pct, yi};
use super::phrases::{change_or_dash, rank, versus};
use crate::analysis::Analysis;
use std::fmt::Write;

pub fn summary_text(a: &Analysis) -> String {
    let mut s = String::new();
    let c = &a.city;
    let period = a.period.map_or("本期".into(), |p| p.label());
    let _ = writeln!(s, "{}  {}", c.name.as_deref().unwrap_or("全市"), period);
    let _ = writeln!(s, "规上工业企业 {} 户", c.enterprises);
    let _ = writeln!(
        s,
        "1-本月工业总产值 {} 亿元，同比{}",
        yi(c.output),
        change_or_dash(c.output_growth_pct)
    );
    let _ = writeln!(
        s,
        "本月工业总产值 {} 亿元，同比{}",
        yi(c.month_output),
        change_or_dash(c.month_output_growth_pct)
    );
    if let Some(va) = c.value_added_growth_pct {
        let _ = write!(s, "规上工业增加值同比{}", change_or_dash(Some(va)));
        if let Some(d) = c.vs_province_pp {
            let _ = write!(s, "，{}", versus(d, "全省"));
        }
        if let Some(d) = c.vs_nation_pp {
            let _ = write!(s, "，{}", versus(d, "全国"));
        }
        if let (Some(r), Some(n)) = (c.province_rank, c.province_cities) {
            let _ = write!(s, "，全省{}（共{n}市）", rank(r));
        }
        if let (Some(r), Some(n)) = (c.unit_rank, c.unit_cities) {
            let _ = write!(s, "，考评单元{}（共{n}市）", rank(r));
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(
        s,
        "\n县（市、区）  产值(亿元)  增速(%)  贡献率(%)  拉动(百分点)  增加值增速(%)"
    );
    for r in &a.regions {
        let _ = writeln!(
            s,
            "{}  {}  {}  {}  {}  {}",
            r.name,
            yi(r.output),
            pct(r.output_growth_pct),
            pct(r.contribution_pct),
            pct(r.pull_pp),
            pct(r.value_added_growth_pct)
        );
    }
    for g in &a.groups {
        let _ = writeln!(
            s,
            "{}{}个：{}升{}降",
            g.group.label(),
            g.regions,
            g.up,
            g.down
        );
    }
    let _ = writeln!(s, "\n行业  产值(亿元)  增速(%)  拉动(百分点)");
    for i in &a.industries {
        let _ = writeln!(
            s,
            "{} {}  {}  {}  {}",
            i.code,
            i.name,
            yi(i.output),
            pct(i.output_growth_pct),
            pct(i.pull_pp)
        );
    }
    let st = &a.status;
    let _ = writeln!(
        s,
        "\n停产 {} 户（拉动 {} 个百分点），减产 {} 户（{}），增产 {} 户（{}），持平 {} 户；新入规 {} 户（{}）",
        st.stopped, pct(st.stopped_pull_pp), st.reduced, pct(st.reduced_pull_pp), st.increased, pct(st.increased_pull_pp), st.flat, st.new, pct(st.new_pull_pp)
    );
    if let Some(t) = &a.target {
        let _ = writeln!(
            s,
            "\n目标：季度产值增长{}%，需完成 {} 亿元；{}月份当月产值要完成 {} 亿元（同比{}），还需提高 {} 个百分点；预计完成 {} 亿元（{}），缺口 {} 亿元",
            fixed(t.output_growth_target_pct, 1),
            yi(t.required_quarter_output),
            t.quarter_end_month,
            yi(t.required_remaining_output),
            change_or_dash(t.required_remaining_growth_pct),
            pct(t.pp_to_go),
            yi(t.forecast_quarter_output),
            change_or_dash(t.forecast_growth_pct),
            yi(t.forecast_gap)
        );
    }
    if !a.warnings.is_empty() {
        let _ = writeln!(s, "\n提示 {} 条：", a.warnings.len());
        for w in &a.warnings {
            let _ = writeln!(
                s,
                "  {} {} {}：{}",
                w.at.file,
                w.at.sheet_name(),
                w.at.cell_name(),
                w.message
            );
        }
    }
    s
}
