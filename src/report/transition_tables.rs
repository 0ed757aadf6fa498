//! What changed since the previous period as tables: the enterprises of each transition
//! with both months' figures, and the names that entered or left the table. The page's
//! lists and their .xlsx export are these.

use super::table::{col, Table, Value};
use crate::analysis::{Analysis, Transition};

/// The enterprises of `only` (every transition when `None`), in 万元 with one decimal.
pub fn members(a: &Analysis, only: Option<Transition>) -> Table {
    let mut rows = Vec::new();
    if let Some(t) = &a.transitions {
        for m in t
            .members
            .iter()
            .filter(|m| only.is_none_or(|k| m.transition == k))
        {
            let e = &a.enterprises[m.enterprise];
            rows.push(vec![
                Value::text(m.transition.label()),
                Value::text(e.name.clone()),
                Value::text(e.region.to_string()),
                Value::fixed(m.before_month_output * 1e4, 1),
                Value::fixed(e.month_output * 1e4, 1),
                Value::fixed(e.month_output_prior * 1e4, 1),
                Value::fixed((e.month_output - e.month_output_prior) * 1e4, 1),
            ]);
        }
    }
    Table {
        name: "本月变化企业",
        columns: vec![
            col("变化", 10.0),
            col("企业名称", 36.0),
            col("县（市、区）", 12.0),
            col("上期本月(万元)", 14.0),
            col("本期本月(万元)", 14.0),
            col("上年同月(万元)", 14.0),
            col("同比增减(万元)", 14.0),
        ],
        rows,
    }
}

/// The enterprises only in this period's table (新进入) or only in the previous one (退出).
pub fn entered_and_left(a: &Analysis) -> Table {
    let mut rows = Vec::new();
    if let Some(t) = &a.transitions {
        for n in &t.entered_names {
            rows.push(vec![Value::text("新进入本期表"), Value::text(n.clone())]);
        }
        for n in &t.left_names {
            rows.push(vec![Value::text("本期表中没有"), Value::text(n.clone())]);
        }
    }
    Table {
        name: "进入与退出",
        columns: vec![col("情况", 14.0), col("企业名称", 36.0)],
        rows,
    }
}
