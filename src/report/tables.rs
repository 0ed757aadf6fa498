//! The analysis as plain tables — header and typed cells — defined once and rendered by
//! every export (CSV, .xlsx, .docx), so the three never disagree on columns or figures.

use super::table::{col, keyed, signed};
pub use super::table::{Column, ColumnKey, Table, Value};
use crate::analysis::{Analysis, EnterpriseRow, Status};

/// The city's figures, one per row: 指标, 数值, 单位.
pub fn overview(a: &Analysis) -> Table {
    let c = &a.city;
    let s = &a.status;
    let mut rows: Vec<Vec<Value>> = Vec::new();
    let mut push = |label: &str, value: Value, unit: &str| {
        rows.push(vec![Value::text(label), value, Value::text(unit)]);
    };
    push(
        "报告期",
        Value::text(a.period.map_or("未知".into(), |p| p.label())),
        "",
    );
    if let Some(name) = &c.name {
        push("地区", Value::text(name.clone()), "");
    }
    push("规上工业企业", Value::Count(c.enterprises), "户");
    push("累计工业总产值", Value::fixed(c.output, 1), "亿元");
    push("上年同期", Value::fixed(c.output_prior, 1), "亿元");
    push("累计产值同比", Value::one(c.output_growth_pct), "%");
    push("当月工业总产值", Value::fixed(c.month_output, 1), "亿元");
    push("当月产值同比", Value::one(c.month_output_growth_pct), "%");
    if c.value_added_growth_pct.is_some() {
        push("工业增加值同比", Value::one(c.value_added_growth_pct), "%");
    }
    if c.province_value_added_growth_pct.is_some() {
        push(
            "全省工业增加值同比",
            Value::one(c.province_value_added_growth_pct),
            "%",
        );
        push("高于全省", Value::one(c.vs_province_pp), "百分点");
    }
    if c.nation_value_added_growth_pct.is_some() {
        push(
            "全国工业增加值同比",
            Value::one(c.nation_value_added_growth_pct),
            "%",
        );
        push("高于全国", Value::one(c.vs_nation_pp), "百分点");
    }
    if let Some(rank) = c.province_rank {
        push("全省位次", Value::Count(rank as usize), "位");
    }
    if let Some(rank) = c.unit_rank {
        push("考评单元位次", Value::Count(rank as usize), "位");
    }
    push("停产企业", Value::Count(s.stopped), "户");
    push("停产企业拉动", Value::one(s.stopped_pull_pp), "百分点");
    push("减产企业", Value::Count(s.reduced), "户");
    push("减产企业拉动", Value::one(s.reduced_pull_pp), "百分点");
    push("增产企业", Value::Count(s.increased), "户");
    push("增产企业拉动", Value::one(s.increased_pull_pp), "百分点");
    push("新入规企业", Value::Count(s.new), "户");
    push("新入规企业拉动", Value::one(s.new_pull_pp), "百分点");
    if let Some(t) = &a.target {
        push("季末月份", Value::Count(t.quarter_end_month as usize), "月");
        push(
            "产值增速目标",
            Value::one(Some(t.output_growth_target_pct)),
            "%",
        );
        push(
            "上年同期季度产值",
            Value::fixed(t.prior_quarter_output, 1),
            "亿元",
        );
        push(
            "完成目标需季度产值",
            Value::fixed(t.required_quarter_output, 1),
            "亿元",
        );
        push(
            "剩余月份需完成产值",
            Value::fixed(t.required_remaining_output, 1),
            "亿元",
        );
        push(
            "剩余月份需增长",
            Value::one(t.required_remaining_growth_pct),
            "%",
        );
        push("距目标", Value::one(t.pp_to_go), "百分点");
        push(
            "预计季度产值",
            Value::fixed(t.forecast_quarter_output, 1),
            "亿元",
        );
        push("预计季度增速", Value::one(t.forecast_growth_pct), "%");
        push("预计缺口", Value::fixed(t.forecast_gap, 1), "亿元");
    }
    Table {
        name: "总体",
        columns: vec![col("指标", 22.0), col("数值", 14.0), col("单位", 8.0)],
        rows,
    }
}

/// The figures of a part of the city (a region, an industry), in both tables.
const PART_COLUMNS: [Column; 5] = [
    keyed(ColumnKey::Output, "累计产值(亿元)", 14.0),
    keyed(ColumnKey::OutputPrior, "上年同期(亿元)", 14.0),
    signed(ColumnKey::OutputGrowth, "同比(%)", 9.0),
    keyed(ColumnKey::Contribution, "贡献率(%)", 10.0),
    signed(ColumnKey::Pull, "拉动(百分点)", 12.0),
];

/// A part's cells under `PART_COLUMNS`.
fn part_figures(
    output: f64,
    output_prior: f64,
    growth: Option<f64>,
    contribution: Option<f64>,
    pull: Option<f64>,
) -> [Value; 5] {
    [
        Value::fixed(output, 1),
        Value::fixed(output_prior, 1),
        Value::one(growth),
        Value::one(contribution),
        Value::one(pull),
    ]
}

/// One row per region, in `a.regions`' order; with a previous period of the year loaded,
/// how each region's cumulative growth moved since.
pub fn regions(a: &Analysis) -> Table {
    let previous = a.previous_point();
    let rows = a
        .regions
        .iter()
        .map(|r| {
            vec![
                Value::text(r.name.clone()),
                Value::text(r.group.label()),
                a.extra
                    .region_group_ranks
                    .get(&r.name)
                    .map_or(Value::text("—"), |&n| Value::Count(n as usize)),
                Value::Count(r.enterprises),
            ]
            .into_iter()
            .chain(part_figures(
                r.output,
                r.output_prior,
                r.output_growth_pct,
                r.contribution_pct,
                r.pull_pp,
            ))
            .chain([Value::one(r.value_added_growth_pct)])
            .chain(
                previous
                    .is_some()
                    .then(|| Value::one(a.region_growth_since_previous(&r.name))),
            )
            .collect()
        })
        .collect();
    Table {
        name: "县区",
        columns: vec![
            keyed(ColumnKey::Name, "地区", 14.0),
            keyed(ColumnKey::Group, "分组", 9.0),
            keyed(ColumnKey::Rank, "组内位次", 9.0),
            keyed(ColumnKey::Enterprises, "企业数", 8.0),
        ]
        .into_iter()
        .chain(PART_COLUMNS)
        .chain([signed(ColumnKey::VaGrowth, "增加值增速(%)", 13.0)])
        .chain(previous.map(|_| signed(ColumnKey::GrowthSince, "产值增速较上期(百分点)", 14.0)))
        .collect(),
        rows,
    }
}

/// One row per industry, in `a.industries`' order.
pub fn industries(a: &Analysis) -> Table {
    let rows = a
        .industries
        .iter()
        .map(|i| {
            vec![
                Value::text(i.code.clone()),
                Value::text(i.name.clone()),
                Value::Count(i.enterprises),
            ]
            .into_iter()
            .chain(part_figures(
                i.output,
                i.output_prior,
                i.output_growth_pct,
                i.contribution_pct,
                i.pull_pp,
            ))
            .collect()
        })
        .collect();
    Table {
        name: "行业",
        columns: vec![
            keyed(ColumnKey::Code, "行业代码", 9.0),
            keyed(ColumnKey::Name, "行业", 34.0),
            keyed(ColumnKey::Enterprises, "企业数", 8.0),
        ]
        .into_iter()
        .chain(PART_COLUMNS)
        .collect(),
        rows,
    }
}

/// The enterprise tables' columns (the export's, and the page's by key).
pub fn enterprise_columns() -> Vec<Column> {
    vec![
        keyed(ColumnKey::Name, "企业名称", 34.0),
        keyed(ColumnKey::Code, "统一社会信用代码", 20.0),
        keyed(ColumnKey::Region, "县（市、区）", 12.0),
        keyed(ColumnKey::Industry, "行业", 26.0),
        // An enterprise's figures in 万元 with one decimal, as the 推演 list and the
        // bureau's own tables write them (亿元 would need four decimals).
        keyed(ColumnKey::Output, "累计产值(万元)", 14.0),
        keyed(ColumnKey::OutputPrior, "上年同期(万元)", 14.0),
        signed(ColumnKey::OutputGrowth, "同比(%)", 9.0),
        signed(ColumnKey::Increment, "增量(万元)", 11.0),
        signed(ColumnKey::Pull, "拉动(百分点)", 12.0),
        keyed(ColumnKey::MonthOutput, "当月产值(万元)", 14.0),
        keyed(ColumnKey::MonthOutputPrior, "当月上年同期(万元)", 17.0),
        keyed(ColumnKey::Status, "状态", 6.0),
        keyed(ColumnKey::New, "新入规", 7.0),
    ]
}

/// One enterprise's cells, in `enterprise_columns()` order.
pub fn enterprise_row(e: &EnterpriseRow) -> Vec<Value> {
    vec![
        Value::text(e.name.clone()),
        Value::text(e.code.clone().unwrap_or_default()),
        Value::text(e.region.to_string()),
        Value::text(e.division_name.unwrap_or_default()),
        Value::fixed(e.output * 1e4, 1),
        Value::fixed(e.output_prior * 1e4, 1),
        Value::one(e.output_growth_pct),
        Value::fixed(e.increment * 1e4, 1),
        Value::Number {
            value: e.pull_pp,
            decimals: 2,
        },
        Value::fixed(e.month_output * 1e4, 1),
        Value::fixed(e.month_output_prior * 1e4, 1),
        Value::text(e.status.label()),
        Value::text(if e.is_new { "是" } else { "否" }),
    ]
}

pub fn enterprises(a: &Analysis) -> Table {
    Table {
        name: "企业",
        columns: enterprise_columns(),
        rows: a.enterprises.iter().map(enterprise_row).collect(),
    }
}

/// Stopped and reduced enterprises, the largest drag first: the list the meeting
/// follows up.
pub fn stopped_and_reduced(a: &Analysis) -> Table {
    let mut list: Vec<&EnterpriseRow> = a
        .enterprises
        .iter()
        .filter(|e| matches!(e.status, Status::Stopped | Status::Reduced))
        .collect();
    list.sort_by(|x, y| x.increment.total_cmp(&y.increment));
    Table {
        name: "停减产企业",
        columns: enterprise_columns(),
        rows: list.into_iter().map(enterprise_row).collect(),
    }
}

/// Data problems found while reading, then the review flags for the statistician.
pub fn warnings(a: &Analysis) -> Table {
    let data = a.warnings.iter().map(|w| {
        vec![
            Value::text("数据问题"),
            Value::text(w.at.file.clone()),
            Value::text(w.at.sheet_name().to_string()),
            Value::text(w.at.cell_name().to_string()),
            Value::text(w.message.clone()),
        ]
    });
    let review = a.extra.review_flags.iter().map(|f| {
        vec![
            Value::text("核查提示"),
            Value::text(f.region.clone()),
            Value::text(f.name.clone()),
            Value::text(super::review::rule_name(f.rule)),
            Value::text(super::review::detail(f)),
        ]
    });
    Table {
        name: "预警",
        columns: vec![
            col("类型", 9.0),
            col("文件 / 县区", 24.0),
            col("工作表 / 企业", 24.0),
            col("单元格 / 规则", 14.0),
            col("说明", 70.0),
        ],
        rows: data.chain(review).collect(),
    }
}

/// 增加值测算: the city, each region against its official growth, each division with its
/// rate, index and pull; `None` without the inputs.
pub fn va_estimate(a: &Analysis) -> Option<Table> {
    let va = a.va_estimate.as_ref()?;
    let place = |kind: &str, name: &str, growth, official, gap| {
        vec![
            Value::text(kind),
            Value::text(name),
            Value::one(None),
            Value::one(None),
            Value::one(growth),
            Value::one(official),
            Value::one(gap),
            Value::one(None),
        ]
    };
    let mut rows = vec![place(
        "全市",
        a.city.name.as_deref().unwrap_or("全市"),
        va.growth_pct,
        va.official_growth_pct,
        va.calibration_pp,
    )];
    rows.extend(va.regions.iter().map(|r| {
        place(
            "县区",
            &r.name,
            r.growth_pct,
            r.official_growth_pct,
            r.calibration_pp,
        )
    }));
    rows.extend(va.industries.iter().map(|i| {
        vec![
            Value::text("行业"),
            Value::text(format!(
                "{} {}",
                i.code,
                crate::model::division_name(&i.code).unwrap_or("")
            )),
            Value::one(Some(i.rate * 100.0)),
            Value::one(Some(i.price_index)),
            Value::one(i.growth_pct),
            Value::one(None),
            Value::one(None),
            Value::Number {
                value: i.pull_pp,
                decimals: 2,
            },
        ]
    }));
    Some(Table {
        name: "增加值测算",
        columns: VA_COLUMNS.to_vec(),
        rows,
    })
}

/// The 增加值测算 table's columns: the panel shows its regions and industries by these keys.
pub const VA_COLUMNS: [Column; 8] = [
    keyed(ColumnKey::Kind, "类别", 6.0),
    keyed(ColumnKey::Name, "名称", 30.0),
    keyed(ColumnKey::Rate, "增加值率(%)", 11.0),
    keyed(ColumnKey::PriceIndex, "出厂价格指数(1-本月)", 14.0),
    signed(ColumnKey::Growth, "测算增速(%)", 11.0),
    signed(ColumnKey::Official, "官方增速(%)", 11.0),
    signed(ColumnKey::Calibration, "官方−测算(百分点)", 14.0),
    signed(ColumnKey::Pull, "拉动测算增速(百分点)", 16.0),
];

/// Every table of the workbook export, in sheet order.
/// "1月", "1-2月" … "1-12月": a month's cumulative span, as column headers.
const SPANS: [&str; 12] = [
    "1月", "1-2月", "1-3月", "1-4月", "1-5月", "1-6月", "1-7月", "1-8月", "1-9月", "1-10月",
    "1-11月", "1-12月",
];

/// 县区×月份: each region's cumulative output growth in every loaded period of the analysed
/// year (全市 first), when two or more are loaded.
pub fn region_months(a: &Analysis) -> Option<Table> {
    let points = a.year_points();
    (points.len() >= 2).then_some(())?;
    let months: Vec<u32> = points
        .iter()
        .filter_map(|t| t.period.map(|p| p.month))
        .collect();
    let mut columns = vec![keyed(ColumnKey::Region, "县（市、区）", 14.0)];
    columns.extend(
        months
            .iter()
            .map(|&m| signed(ColumnKey::Growth, SPANS[(m.clamp(1, 12) - 1) as usize], 9.0)),
    );
    let city = std::iter::once(Value::text("全市"))
        .chain(points.iter().map(|t| Value::one(t.output_growth_pct)))
        .collect();
    let rows = std::iter::once(city)
        .chain(a.regions.iter().map(|r| {
            std::iter::once(Value::text(r.name.clone()))
                .chain(
                    a.region_series(&r.name)
                        .into_iter()
                        .map(|(_, g)| Value::one(g)),
                )
                .collect()
        }))
        .collect();
    Some(Table {
        name: "县区逐月增速",
        columns,
        rows,
    })
}

pub fn all(a: &Analysis) -> Vec<Table> {
    let mut all = vec![
        overview(a),
        regions(a),
        industries(a),
        enterprises(a),
        stopped_and_reduced(a),
        warnings(a),
    ];
    all.extend(region_months(a));
    all.extend(va_estimate(a));
    all.extend(super::ledger_tables::all(a));
    all
}
