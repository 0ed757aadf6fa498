//! The ledgers as tables (the workbook export's sheets and the page's lists), and the two
//! ledgers the page hands out to be filled in: every stopped and reduced enterprise with
//! empty 原因 / 预计复产时间 / 包保领导, and the key enterprises with this period's figures.
//! Both read back as their ledgers when dropped on the page again.

use super::table::{self, col, Column, Table, Value};
use crate::analysis::{Analysis, EnterpriseRow, Member, Status, Unjoined, NOT_FILLED};

/// A column of changes, without a page key (these tables are not sorted on the page).
const fn signed(header: &'static str, width: f64) -> Column {
    table::signed(table::ColumnKey::None, header, width)
}

/// The reason categories the 停减产 template offers in its dropdown;
/// any other text can still be typed.
pub const REASON_CATEGORIES: [&str; 8] = [
    "订单不足",
    "原材料短缺",
    "资金紧张",
    "设备检修",
    "环保限产",
    "季节性停产",
    "市场价格下行",
    "其他",
];

/// 万元 with one decimal: the unit the bureau's own ledgers are kept in.
fn wan(yi: f64) -> Value {
    Value::fixed(yi * 1e4, 1)
}

fn text(t: impl Into<String>) -> Value {
    Value::text(t)
}

/// 包保领导: one row per leader.
pub fn key_leaders(a: &Analysis) -> Option<Table> {
    let key = a.ledgers.as_ref()?.key.as_ref()?;
    Some(Table {
        name: "包保领导",
        columns: vec![
            col("包保领导", 14.0),
            col("企业数", 8.0),
            col("累计产值(亿元)", 14.0),
            col("上年同期(亿元)", 14.0),
            signed("同比(%)", 9.0),
            signed("拉动全市(百分点)", 15.0),
            col("停产", 6.0),
            col("减产", 6.0),
        ],
        rows: key
            .leaders
            .iter()
            .map(|l| {
                vec![
                    text(l.leader.clone()),
                    Value::Count(l.enterprises),
                    Value::fixed(l.output, 1),
                    Value::fixed(l.output_prior, 1),
                    Value::one(l.output_growth_pct),
                    Value::Number {
                        value: l.pull_pp,
                        decimals: 2,
                    },
                    Value::Count(l.stopped),
                    Value::Count(l.reduced),
                ]
            })
            .collect(),
    })
}

fn note(m: &Member, what: &str) -> Value {
    text(
        m.notes
            .iter()
            .find(|(k, _)| *k == what)
            .map(|(_, v)| v.clone())
            .unwrap_or_default(),
    )
}

/// 包保企业: each key enterprise under its leader, with its problems and measures.
pub fn key_members(a: &Analysis) -> Option<Table> {
    let key = a.ledgers.as_ref()?.key.as_ref()?;
    Some(Table {
        name: "包保企业",
        columns: vec![
            col("包保领导", 14.0),
            col("企业名称", 34.0),
            col("县区", 10.0),
            col("累计产值(亿元)", 14.0),
            signed("同比(%)", 9.0),
            col("状态", 6.0),
            col("存在问题", 30.0),
            col("帮扶措施", 30.0),
        ],
        rows: key
            .leaders
            .iter()
            .flat_map(|l| {
                l.members.iter().map(|m| {
                    vec![
                        text(l.leader.clone()),
                        text(m.name.clone()),
                        text(m.region.clone()),
                        Value::fixed(m.output, 4),
                        Value::one(m.output_growth_pct),
                        text(m.status.label()),
                        note(m, "存在问题"),
                        note(m, "帮扶措施"),
                    ]
                })
            })
            .collect(),
    })
}

/// 停减产原因: each reason with its enterprises and their pull on the month.
pub fn stop_reasons(a: &Analysis) -> Option<Table> {
    let stop = a.ledgers.as_ref()?.stop_reduce.as_ref()?;
    Some(Table {
        name: "停减产原因",
        columns: vec![
            col("原因", 20.0),
            col("企业数", 8.0),
            signed("拉动当月产值增速(百分点)", 20.0),
            col("企业", 60.0),
        ],
        rows: stop
            .reasons
            .iter()
            .map(|r| {
                let names: Vec<&str> = r.members.iter().map(|m| m.name.as_str()).collect();
                vec![
                    text(r.reason.clone()),
                    Value::Count(r.enterprises),
                    Value::Number {
                        value: r.month_pull_pp,
                        decimals: 2,
                    },
                    text(names.join("、")),
                ]
            })
            .collect(),
    })
}

/// 未入台账停减产企业: stopped or reduced in the statistics, named by no ledger row.
pub fn untracked(a: &Analysis) -> Option<Table> {
    let stop = a.ledgers.as_ref()?.stop_reduce.as_ref()?;
    Some(Table {
        name: "未入台账停减产企业",
        columns: vec![
            col("企业名称", 34.0),
            col("统一社会信用代码", 20.0),
            col("县区", 10.0),
            col("状态", 6.0),
            col("当月产值(万元)", 14.0),
            col("上年同月(万元)", 14.0),
            signed("减少额(万元)", 13.0),
        ],
        rows: stop
            .untracked_enterprises
            .iter()
            .filter_map(|&i| a.enterprises.get(i))
            .map(|e| {
                vec![
                    text(e.name.clone()),
                    text(e.code.clone().unwrap_or_default()),
                    text(e.region.to_string()),
                    text(e.status.label()),
                    wan(e.month_output),
                    wan(e.month_output_prior),
                    wan(e.month_output - e.month_output_prior),
                ]
            })
            .collect(),
    })
}

/// The follow-up of the 停减产台账 by 包保领导, when a previous period is loaded: of the
/// enterprises each leader's rows list, how many resumed or turned up since then and how
/// many are still stopped or reduced (the rest: turned down, newly stopped, or neither),
/// the most listed first, then 合计.
pub fn stop_follow_up(a: &Analysis) -> Option<Table> {
    use crate::analysis::Transition;
    use std::collections::BTreeMap;
    let stop = a.ledgers.as_ref()?.stop_reduce.as_ref()?;
    let t = a.transitions.as_ref()?;
    let moved: BTreeMap<usize, Transition> = t
        .members
        .iter()
        .map(|m| (m.enterprise, m.transition))
        .collect();
    // (leader → enterprises listed under them), each enterprise once per leader.
    let mut by_leader: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for m in stop.reasons.iter().flat_map(|r| &r.members) {
        let leader = m
            .notes
            .iter()
            .find(|(k, _)| *k == "包保领导")
            .map(|(_, v)| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "未填包保领导".into());
        let list = by_leader.entry(leader).or_default();
        if !list.contains(&m.enterprise) {
            list.push(m.enterprise);
        }
    }
    if by_leader.is_empty() {
        return None;
    }
    let counts = |list: &[usize]| {
        let n = |k: Transition| list.iter().filter(|i| moved.get(i) == Some(&k)).count();
        let (resumed, up) = (n(Transition::Resumed), n(Transition::TurnedUp));
        let (stopped, reduced) = (n(Transition::StillStopped), n(Transition::StillReduced));
        [
            list.len(),
            resumed,
            up,
            stopped,
            reduced,
            list.len() - resumed - up - stopped - reduced,
        ]
    };
    let mut rows: Vec<(String, [usize; 6])> = by_leader
        .iter()
        .map(|(leader, list)| (leader.clone(), counts(list)))
        .collect();
    rows.sort_by(|x, y| y.1[0].cmp(&x.1[0]).then_with(|| x.0.cmp(&y.0)));
    let mut all: Vec<usize> = by_leader.into_values().flatten().collect();
    all.sort_unstable();
    all.dedup();
    rows.push(("合计".into(), counts(&all)));
    Some(Table {
        name: "停减产台账跟进",
        columns: vec![
            col("包保领导", 18.0),
            col("台账所列(户)", 12.0),
            col("复产", 8.0),
            col("转增", 8.0),
            col("仍停产", 8.0),
            col("仍减产", 8.0),
            col("其他", 8.0),
        ],
        rows: rows
            .into_iter()
            .map(|(leader, c)| {
                std::iter::once(text(leader))
                    .chain(c.into_iter().map(Value::Count))
                    .collect()
            })
            .collect(),
    })
}

/// 审核查询: every review row by deadline, overdue ones marked.
pub fn review_items(a: &Analysis) -> Option<Table> {
    let review = a.ledgers.as_ref()?.review.as_ref()?;
    Some(Table {
        name: "审核查询",
        columns: vec![
            col("企业名称", 34.0),
            col("审核类型", 12.0),
            col("佐证材料", 10.0),
            col("截止时间", 12.0),
            col("逾期", 6.0),
            col("责任人", 10.0),
            col("本期企业表", 10.0),
        ],
        rows: review
            .items
            .iter()
            .map(|i| {
                vec![
                    text(i.name.clone()),
                    text(i.kind.map_or("未识别", |k| k.label())),
                    text(if i.evidence { "已上传" } else { "未上传" }),
                    text(i.deadline.map_or(String::new(), |d| d.to_string())),
                    text(if i.overdue { "已逾期" } else { "" }),
                    text(i.responsible.clone().unwrap_or_default()),
                    text(if i.enterprise.is_some() {
                        "已匹配"
                    } else {
                        "未找到"
                    }),
                ]
            })
            .collect(),
    })
}

/// Every ledger row that joined no enterprise, with the likely reason.
pub fn unjoined(a: &Analysis) -> Vec<(&'static str, &Unjoined)> {
    let Some(l) = a.ledgers.as_ref() else {
        return Vec::new();
    };
    let key = l
        .key
        .iter()
        .flat_map(|k| k.unjoined.iter().map(|u| ("包保台账", u)));
    let stop = l
        .stop_reduce
        .iter()
        .flat_map(|s| s.unjoined.iter().map(|u| ("停减产台账", u)));
    let review = l
        .review
        .iter()
        .flat_map(|r| r.unjoined.iter().map(|u| ("审核/查询台账", u)));
    key.chain(stop).chain(review).collect()
}

/// 台账未匹配: the rows of [`unjoined`].
pub fn unjoined_table(a: &Analysis) -> Option<Table> {
    let rows = unjoined(a);
    (!rows.is_empty()).then(|| Table {
        name: "台账未匹配",
        columns: vec![
            col("台账", 12.0),
            col("台账中的名称", 30.0),
            col("代码", 20.0),
            col("位置", 30.0),
            col("可能原因", 50.0),
            col("最接近的企业", 50.0),
        ],
        rows: rows
            .into_iter()
            .map(|(ledger, u)| {
                vec![
                    text(ledger),
                    text(u.name.clone()),
                    text(u.code.clone().unwrap_or_default()),
                    text(u.at.to_string()),
                    text(super::ledger_text::unjoined_reason(&u.reason)),
                    text(u.closest.join("、")),
                ]
            })
            .collect(),
    })
}

/// The ledger sheets of the workbook export, those whose ledger is loaded.
pub fn all(a: &Analysis) -> Vec<Table> {
    [
        key_leaders(a),
        key_members(a),
        stop_reasons(a),
        stop_follow_up(a),
        untracked(a),
        review_items(a),
        unjoined_table(a),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// 停减产台账 to fill in: every stopped and reduced enterprise of the period, the largest
/// drop first, with empty 原因 / 预计复产时间 / 包保领导. Column 8 (原因) gets the dropdown.
pub fn stop_reduce_template(a: &Analysis) -> Table {
    stop_reduce_template_of(a, |_| true)
}

/// [`stop_reduce_template`] for the enterprises `keep` accepts (one county's, for its
/// work package).
pub fn stop_reduce_template_of(a: &Analysis, keep: impl Fn(&EnterpriseRow) -> bool) -> Table {
    let mut list: Vec<&EnterpriseRow> = a
        .enterprises
        .iter()
        .filter(|e| matches!(e.status, Status::Stopped | Status::Reduced) && keep(e))
        .collect();
    list.sort_by(|x, y| {
        (x.month_output - x.month_output_prior).total_cmp(&(y.month_output - y.month_output_prior))
    });
    Table {
        name: "停减产台账",
        columns: vec![
            col("企业名称", 34.0),
            col("统一社会信用代码", 20.0),
            col("县区", 10.0),
            col("行业", 24.0),
            col("类型", 8.0),
            col("上年同月产值(万元)", 16.0),
            col("本月产值(万元)", 14.0),
            col("减少额(万元)", 13.0),
            col("原因", 16.0),
            col("预计复产时间", 14.0),
            col("包保领导", 12.0),
        ],
        rows: list
            .into_iter()
            .map(|e| {
                vec![
                    text(e.name.clone()),
                    text(e.code.clone().unwrap_or_default()),
                    text(e.region.to_string()),
                    text(e.division_name.unwrap_or_default()),
                    text(e.status.label()),
                    wan(e.month_output_prior),
                    wan(e.month_output),
                    wan(e.month_output_prior - e.month_output),
                    text(""),
                    text(""),
                    text(""),
                ]
            })
            .collect(),
    }
}

/// The column of [`stop_reduce_template`] that takes a reason.
pub const STOP_TEMPLATE_REASON_COLUMN: u16 = 8;

/// How many of the largest enterprises a first 包保台账 lists (the "规上产值前50户").
pub const KEY_TEMPLATE_SIZE: usize = 50;

/// 包保台账 with this period's figures: the loaded ledger's enterprises with their
/// leaders, problems and measures; without one, the largest enterprises by output and
/// empty 包保领导 columns.
pub fn key_template(a: &Analysis) -> Table {
    let columns = vec![
        col("企业名称", 34.0),
        col("统一社会信用代码", 20.0),
        col("县区", 10.0),
        col("行业", 24.0),
        col("包保领导", 12.0),
        col("包保部门", 14.0),
        col("1-本月产值(万元)", 16.0),
        signed("同比(%)", 9.0),
        col("本月状态", 8.0),
        col("存在问题", 30.0),
        col("帮扶措施", 30.0),
    ];
    let figures = |e: &EnterpriseRow| {
        vec![
            text(e.name.clone()),
            text(e.code.clone().unwrap_or_default()),
            text(e.region.to_string()),
            text(e.division_name.unwrap_or_default()),
        ]
    };
    let tail = |e: &EnterpriseRow| {
        vec![
            wan(e.output),
            Value::one(e.output_growth_pct),
            text(e.status.label()),
        ]
    };
    let key = a.ledgers.as_ref().and_then(|l| l.key.as_ref());
    let rows: Vec<Vec<Value>> = match key {
        Some(key) => key
            .leaders
            .iter()
            .flat_map(|l| {
                l.members.iter().filter_map(|m| {
                    let e = a.enterprises.get(m.enterprise)?;
                    let mut row = figures(e);
                    let leader = if l.leader == NOT_FILLED {
                        ""
                    } else {
                        &l.leader
                    };
                    row.push(text(leader));
                    row.push(note(m, "包保部门"));
                    row.extend(tail(e));
                    row.push(note(m, "存在问题"));
                    row.push(note(m, "帮扶措施"));
                    Some(row)
                })
            })
            .collect(),
        None => {
            let mut largest: Vec<&EnterpriseRow> = a.enterprises.iter().collect();
            largest.sort_by(|x, y| y.output.total_cmp(&x.output));
            largest
                .into_iter()
                .take(KEY_TEMPLATE_SIZE)
                .map(|e| {
                    let mut row = figures(e);
                    row.extend([text(""), text("")]);
                    row.extend(tail(e));
                    row.extend([text(""), text("")]);
                    row
                })
                .collect()
        }
    };
    Table {
        name: "包保台账",
        columns,
        rows,
    }
}
