//! Generates the built-in demo city, 示例市, into public/demo/ (`make demo`).
//! Fictional and deterministic: the same bytes on every run. The layouts are the ones
//! real exports use: title row, unit row, merged two-row header, 合计 row.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::path::Path;

const DISTRICTS: [&str; 7] = [
    "城东区",
    "城西区",
    "城南区",
    "城北区",
    "高新区",
    "经开区",
    "滨湖区",
];
const COUNTIES: [&str; 9] = [
    "临江市",
    "安平市",
    "青山县",
    "白水县",
    "北山县",
    "南湖县",
    "河西县",
    "东岭县",
    "石门县",
];
/// Region growth tilt (multiplier on growth) so the groups come out 6升1降 and 5升4降.
const DISTRICT_TILT: [f64; 7] = [1.06, 1.09, 1.04, 1.02, 1.15, 1.11, 0.93];
const COUNTY_TILT: [f64; 9] = [1.08, 1.05, 1.03, 0.95, 1.07, 1.03, 1.04, 0.94, 0.97];
/// (4-digit class, 小类名称) across 24 divisions.
const CLASSES: [(&str, &str); 24] = [
    ("0610", "烟煤和无烟煤开采洗选"),
    ("1013", "石灰石、石膏开采"),
    ("1311", "稻谷加工"),
    ("1391", "淀粉及淀粉制品制造"),
    ("1440", "乳制品制造"),
    ("1512", "白酒制造"),
    ("1711", "棉纺纱加工"),
    ("1811", "运动机织服装制造"),
    ("2221", "机制纸及纸板制造"),
    ("2511", "原油加工及石油制品制造"),
    ("2614", "有机化学原料制造"),
    ("2710", "化学药品原料药制造"),
    ("2929", "塑料零件及其他塑料制品制造"),
    ("3021", "水泥制造"),
    ("3120", "炼钢"),
    ("3216", "铝冶炼"),
    ("3311", "金属结构制造"),
    ("3442", "泵及真空设备制造"),
    ("3511", "矿山机械制造"),
    ("3670", "汽车零部件及配件制造"),
    ("3841", "锂离子电池制造"),
    ("3982", "电子电路制造"),
    ("4011", "工业自动控制系统装置制造"),
    ("4411", "火力发电"),
];
/// How common each class is among the demo's firms, as in a real city: a few industries
/// hold most enterprises (汽车零部件 about forty times 火力发电), so the industry
/// charts and tables show the spread real ones do.
const CLASS_WEIGHTS: [usize; 24] = [
    3, 4, 10, 5, 3, 6, 18, 14, 6, 2, 12, 9, 26, 7, 3, 4, 30, 16, 11, 40, 8, 20, 9, 2,
];

/// A well-spread hash of the `i`-th firm's place (splitmix64).
fn class_hash(i: usize) -> u64 {
    let mut z = (i as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The class of the `i`-th firm: drawn by `CLASS_WEIGHTS` from a hash of its place, not from
/// the firms' random stream, so the firms' figures stay those of every earlier demo.
fn class_of(i: usize) -> (&'static str, &'static str) {
    let z = class_hash(i);
    let total: usize = CLASS_WEIGHTS.iter().sum();
    let mut u = (z % total as u64) as usize;
    for (class, weight) in CLASSES.iter().zip(CLASS_WEIGHTS) {
        if u < weight {
            return *class;
        }
        u -= weight;
    }
    CLASSES[CLASSES.len() - 1]
}

const WORDS: [&str; 24] = [
    "恒达", "瑞丰", "华盛", "宏远", "金泰", "鑫源", "永兴", "昌盛", "天成", "博远", "嘉禾", "中科",
    "力拓", "新锐", "顺通", "鼎盛", "隆基", "德润", "广源", "汇通", "泰和", "兴业", "安达", "东方",
];
/// Second name words: with `WORDS`, a distinct name for every firm, no numbers needed.
const WORDS2: [&str; 64] = [
    "新创", "长兴", "明德", "华宇", "恒信", "中泰", "盛达", "海纳", "金鼎", "宏图", "正大", "永安",
    "康泰", "星辰", "天润", "富源", "祥和", "锦程", "润丰", "奥新", "精诚", "百川", "万达", "联创",
    "凯瑞", "远航", "瑞祥", "鸿运", "和盛", "宝华", "同创", "信达", "美格", "佳禾", "科瑞", "东升",
    "伟业", "先锋", "腾飞", "国泰", "惠民", "三和", "四方", "九州", "立信", "汇丰", "荣盛", "红星",
    "金诺", "亿达", "振兴", "卓越", "晨光", "蓝天", "绿源", "银河", "广达", "益丰", "盛世", "安泰",
    "丰源", "启明", "华信", "通达",
];
const KINDS: [&str; 6] = [
    "有限公司",
    "股份有限公司",
    "科技有限公司",
    "实业有限公司",
    "集团有限公司",
    "制造有限公司",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One enterprise, monthly output in 千元 for Jan–Mar of both years.
struct Firm {
    name: String,
    code: String,
    region: &'static str,
    class: (&'static str, &'static str),
    prior: [f64; 3],
    now: [f64; 3],
    new_entrant: bool,
    forecast_march: Option<f64>,
}

fn firms() -> Vec<Firm> {
    let mut rng = Rng(0x5EED_2023_0301);
    let regions: Vec<(&str, f64, usize)> = DISTRICTS
        .iter()
        .zip(DISTRICT_TILT)
        .map(|(r, t)| (*r, t, 110))
        .chain(COUNTIES.iter().zip(COUNTY_TILT).map(|(r, t)| (*r, t, 80)))
        .collect();
    let mut out = Vec::new();
    for (ri, (region, tilt, count)) in regions.iter().enumerate() {
        for _ in 0..*count {
            let i = out.len();
            let class = class_of(i);
            // Sizes from about 1.5 million to 150 million yuan a month, a few giants.
            let mut size = 1800.0 * (rng.next() * 3.6).exp();
            if rng.next() < 0.02 {
                size *= 12.0;
            }
            let base = [
                size * (0.9 + rng.next() * 0.2),
                size * (0.8 + rng.next() * 0.2),
                size * (1.0 + rng.next() * 0.2),
            ];
            let draw = rng.next();
            let new_entrant = draw < 0.04;
            let stopped = (0.04..0.075).contains(&draw);
            let growth =
                tilt * (0.9 + rng.next() * 0.25) * if rng.next() < 0.3 { 0.85 } else { 1.0 };
            let mut now = if stopped {
                [base[0] * growth * 0.6, 0.0, 0.0]
            } else {
                [
                    base[0] * growth,
                    base[1] * growth * (0.95 + rng.next() * 0.1),
                    base[2] * growth * (0.95 + rng.next() * 0.1),
                ]
            };
            // 本月变化 has every set: a few stopped in February produce again in March
            // (复产), a few producing in February stop in March (新增停产). Drawn from the
            // firm's place, not the random stream, so every other figure stays.
            let turn = (class_hash(i) >> 20) % 100;
            if stopped && turn < 25 {
                now[2] = base[2] * growth * 0.5;
            } else if !stopped && !new_entrant && turn == 99 {
                now[2] = 0.0;
            }
            let prior = if new_entrant { [0.0; 3] } else { base };
            let round = |v: f64| (v * 10.0).round() / 10.0;
            assert!(
                i < WORDS.len() * WORDS2.len(),
                "more firms than distinct names"
            );
            out.push(Firm {
                name: format!(
                    "示例市{}{}{}{}",
                    WORDS[i % WORDS.len()],
                    WORDS2[(i / WORDS.len()) % WORDS2.len()],
                    class.1.chars().take(2).collect::<String>(),
                    KINDS[(i * 5 + ri) % KINDS.len()]
                )
                .replace("有限公司有限公司", "有限公司"),
                // 18 characters, the 组织机构代码 (characters 9–17) distinct.
                code: format!(
                    "91{:04}00MA{:07}X",
                    3301 + ri,
                    1_000_000 + i * 7919 % 8_999_999
                ),
                region,
                class,
                prior: prior.map(round),
                now: now.map(round),
                new_entrant,
                forecast_march: (rng.next() < 0.8)
                    .then(|| round(now[2] * (0.96 + rng.next() * 0.08))),
            });
        }
    }
    out
}

fn fixed_properties() -> DocProperties {
    // A fixed creation time keeps the files byte-identical between runs.
    DocProperties::new()
        .set_author("industry-monitor 示例数据生成器")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2023, 4, 10).expect("valid date"))
}

/// The statistics bureau's enterprise table for months 1..=month.
fn enterprise_sheet(ws: &mut Worksheet, firms: &[Firm], month: usize) -> Result<(), XlsxError> {
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let span = if month == 1 {
        "1月".to_string()
    } else {
        format!("1-{month}月")
    };
    let with_forecast = month == 2;
    let last_col: u16 = if with_forecast { 15 } else { 14 };
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &format!("示例市2023年{span}规模以上工业企业主要指标（分企业）"),
        &title,
    )?;
    ws.write(1, last_col, "单位：千元、%")?;
    for (c, h) in [
        "序号",
        "统一社会信用代码",
        "单位详细名称",
        "县（市、区）",
        "行业代码",
        "行业名称",
    ]
    .iter()
    .enumerate()
    {
        ws.merge_range(2, c as u16, 3, c as u16, h, &head)?;
    }
    ws.merge_range(2, 6, 2, 11, "工业总产值（当年价格）", &head)?;
    for (i, h) in [
        "本月",
        "上年同月",
        "增速(%)",
        "1-本月",
        "上年同期",
        "增速(%)",
    ]
    .iter()
    .enumerate()
    {
        ws.write_with_format(3, 6 + i as u16, *h, &head)?;
    }
    ws.merge_range(2, 12, 3, 12, "是否新入规", &head)?;
    ws.merge_range(2, 13, 3, 13, "生产状态", &head)?;
    ws.merge_range(2, 14, 3, 14, "备注", &head)?;
    if with_forecast {
        ws.merge_range(2, 15, 3, 15, "预计3月产值", &head)?;
    }
    let m = month - 1;
    let cum = |v: &[f64; 3]| v[..month].iter().sum::<f64>();
    let growth = |a: f64, b: f64| {
        if b > 0.0 {
            ((a / b - 1.0) * 1000.0).round() / 10.0
        } else {
            f64::NAN
        }
    };
    let (tm, tmp, tc, tcp) = firms.iter().fold((0.0, 0.0, 0.0, 0.0), |acc, f| {
        (
            acc.0 + f.now[m],
            acc.1 + f.prior[m],
            acc.2 + cum(&f.now),
            acc.3 + cum(&f.prior),
        )
    });
    ws.write(4, 0, "合计")?;
    for (c, v) in [
        (6, tm),
        (7, tmp),
        (8, growth(tm, tmp)),
        (9, tc),
        (10, tcp),
        (11, growth(tc, tcp)),
    ] {
        ws.write(4, c, (v * 10.0).round() / 10.0)?;
    }
    for (i, f) in firms.iter().enumerate() {
        let r = 5 + i as u32;
        ws.write(r, 0, (i + 1) as f64)?;
        ws.write(r, 1, f.code.as_str())?;
        ws.write(r, 2, f.name.as_str())?;
        ws.write(r, 3, f.region)?;
        ws.write(r, 4, f.class.0)?;
        ws.write(r, 5, f.class.1)?;
        ws.write(r, 6, f.now[m])?;
        ws.write(r, 7, f.prior[m])?;
        let g = growth(f.now[m], f.prior[m]);
        if g.is_finite() {
            ws.write(r, 8, g)?;
        } else {
            ws.write(r, 8, "—")?;
        }
        ws.write(r, 9, (cum(&f.now) * 10.0).round() / 10.0)?;
        ws.write(r, 10, (cum(&f.prior) * 10.0).round() / 10.0)?;
        let g = growth(cum(&f.now), cum(&f.prior));
        if g.is_finite() {
            ws.write(r, 11, g)?;
        } else {
            ws.write(r, 11, "—")?;
        }
        ws.write(r, 12, if f.new_entrant { "是" } else { "否" })?;
        ws.write(r, 13, if f.now[m] == 0.0 { "停产" } else { "正常" })?;
        if with_forecast {
            if let Some(v) = f.forecast_march {
                ws.write(r, 15, v)?;
            }
        }
    }
    ws.write(
        5 + firms.len() as u32 + 1,
        0,
        "注：本表为示例数据，企业名称与数字均为虚构。",
    )?;
    ws.set_column_width(2, 36)?;
    ws.set_column_width(1, 22)?;
    ws.set_freeze_panes(4, 3)?;
    Ok(())
}

/// Region value-added growth, province city table and targets for one period.
fn context_sheets(wb: &mut Workbook, firms: &[Firm], month: usize) -> Result<(), XlsxError> {
    let span = format!("1-{month}月");
    let head = Format::new().set_bold();
    // Value-added growth follows each region's output growth, damped, plus a little noise.
    let ws = wb.add_worksheet().set_name(format!("{span}县区增加值"))?;
    ws.write(
        0,
        0,
        format!("2023年{span}各县（市、区）规模以上工业增加值增速"),
    )?;
    ws.write_with_format(1, 0, "地区", &head)?;
    ws.write_with_format(1, 1, "规上工业增加值增速(%)", &head)?;
    let city_va = if month == 2 { 6.1 } else { 6.8 };
    ws.write(2, 0, "全市")?;
    ws.write(2, 1, city_va)?;
    let mut r = 3;
    for (gi, (group, names)) in [
        ("市辖区小计", &DISTRICTS[..]),
        ("县（市）小计", &COUNTIES[..]),
    ]
    .into_iter()
    .enumerate()
    {
        ws.write(r, 0, group)?;
        r += 1;
        for (k, name) in names.iter().enumerate() {
            let (o, p) = firms
                .iter()
                .filter(|f| f.region == *name)
                .fold((0.0, 0.0), |a, f| {
                    (
                        a.0 + f.now[..month].iter().sum::<f64>(),
                        a.1 + f.prior[..month].iter().sum::<f64>(),
                    )
                });
            let g = (o / p - 1.0) * 100.0 * 0.8 + ((gi * 7 + k) % 3) as f64 * 0.3 - 0.3;
            ws.write(r, 0, *name)?;
            ws.write(r, 1, (g * 10.0).round() / 10.0)?;
            r += 1;
        }
    }
    let ws = wb.add_worksheet().set_name(format!("{span}全省各市"))?;
    ws.write(0, 0, format!("2023年{span}全省各市规模以上工业增加值增速"))?;
    for (c, h) in ["地区", &format!("{span}增速(%)") as &str, "考评单元"]
        .iter()
        .enumerate()
    {
        ws.write_with_format(1, c as u16, *h, &head)?;
    }
    let rows: [(&str, f64, &str); 13] = [
        ("全国", 3.0, ""),
        ("全省", if month == 2 { 5.2 } else { 5.6 }, ""),
        ("甲州市", 7.4, "第一考评单元"),
        ("示例市", city_va, "第一考评单元"),
        ("乙阳市", 6.1, "第一考评单元"),
        ("丙安市", 4.9, "第一考评单元"),
        ("丁川市", 5.5, "第二考评单元"),
        ("戊原市", 8.2, "第二考评单元"),
        ("己山市", 3.8, "第二考评单元"),
        ("庚江市", 6.8, "第三考评单元"),
        ("辛城市", 2.9, "第三考评单元"),
        ("壬海市", 5.1, "第三考评单元"),
        ("癸林市", 4.4, "第三考评单元"),
    ];
    let mut last_unit = "";
    for (i, (name, g, unit)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        ws.write(r, 0, *name)?;
        ws.write(r, 1, *g)?;
        if *unit != last_unit {
            ws.write(r, 2, *unit)?;
            last_unit = unit;
        }
    }
    Ok(())
}

fn targets_sheet(wb: &mut Workbook, firms: &[Firm]) -> Result<(), XlsxError> {
    let prior_q1: f64 = firms
        .iter()
        .map(|f| f.prior.iter().sum::<f64>())
        .sum::<f64>()
        / 100_000.0;
    let ws = wb.add_worksheet().set_name("目标任务")?;
    ws.write(0, 0, "2023年一季度工业经济目标任务")?;
    ws.write(1, 0, "季末月份")?;
    ws.write(1, 1, 3)?;
    ws.write(2, 0, "一季度工业总产值增速目标(%)")?;
    ws.write(2, 1, 12.0)?;
    ws.write(3, 0, "上年一季度工业总产值（亿元）")?;
    ws.write(3, 1, (prior_q1 * 100.0).round() / 100.0)?;
    ws.write(4, 0, "规上工业增加值增速目标(%)")?;
    ws.write(4, 1, 7.0)?;
    // The regions' own targets: the same arithmetic per district and county.
    ws.write(6, 0, "县（市、区）")?;
    ws.write(6, 1, "一季度产值增速目标(%)")?;
    ws.write(6, 2, "上年一季度产值（亿元）")?;
    for (i, region) in DISTRICTS.iter().chain(COUNTIES.iter()).enumerate() {
        let prior: f64 = firms
            .iter()
            .filter(|f| f.region == *region)
            .map(|f| f.prior.iter().sum::<f64>())
            .sum::<f64>()
            / 100_000.0;
        let row = 7 + i as u32;
        ws.write(row, 0, *region)?;
        ws.write(row, 1, 10.0 + (i % 4) as f64 * 1.5)?;
        ws.write(row, 2, (prior * 100.0).round() / 100.0)?;
    }
    ws.set_column_width(0, 32)?;
    ws.set_column_width(1, 22)?;
    ws.set_column_width(2, 22)?;
    Ok(())
}

/// The 增加值测算 inputs: last year's value-added rate of every division the demo has, and
/// the producer price indices of February and March (上年同期 = 100, 当月 and 1-本月).
fn industry_sheets(wb: &mut Workbook) -> Result<(), XlsxError> {
    let mut divisions: Vec<&str> = CLASSES.iter().map(|(c, _)| &c[..2]).collect();
    divisions.dedup();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet().set_name("增加值率")?;
    ws.write_with_format(0, 0, "2022年分行业规模以上工业增加值率", &bold)?;
    ws.write(1, 0, "行业代码")?;
    ws.write(1, 1, "行业名称")?;
    ws.write(1, 2, "增加值率(%)")?;
    ws.write(2, 0, "全部工业")?;
    ws.write(2, 2, 26.5)?;
    for (i, code) in divisions.iter().enumerate() {
        let row = 3 + i as u32;
        ws.write(row, 0, *code)?;
        ws.write(
            row,
            1,
            industry_monitor::model::division_name(code).unwrap_or(""),
        )?;
        ws.write(row, 2, 18.0 + ((i * 7) % 17) as f64 * 0.9)?;
    }
    ws.set_column_width(1, 36)?;
    for month in [2u32, 3] {
        let ws = wb
            .add_worksheet()
            .set_name(format!("{month}月出厂价格指数"))?;
        ws.write_with_format(
            0,
            0,
            format!("2023年{month}月分行业工业生产者出厂价格指数"),
            &bold,
        )?;
        ws.write(1, 0, "指标")?;
        ws.merge_range(1, 1, 1, 2, "以上年同期为100", &Format::new())?;
        ws.write(1, 3, "以上月为100")?;
        ws.write(2, 1, "当月")?;
        ws.write(2, 2, "1-本月")?;
        ws.write(3, 0, "全部工业")?;
        ws.write(3, 1, 98.6 - month as f64 * 0.2)?;
        ws.write(3, 2, 98.9 - month as f64 * 0.1)?;
        ws.write(3, 3, 99.8)?;
        for (i, code) in divisions.iter().enumerate() {
            let row = 4 + i as u32;
            let tilt = ((i * 5) % 11) as f64 * 0.8 - 4.0;
            ws.write(
                row,
                0,
                industry_monitor::model::division_name(code).unwrap_or(""),
            )?;
            ws.write(
                row,
                1,
                ((100.0 + tilt - month as f64 * 0.3) * 10.0).round() / 10.0,
            )?;
            ws.write(
                row,
                2,
                ((100.0 + tilt - month as f64 * 0.15) * 10.0).round() / 10.0,
            )?;
            ws.write(row, 3, 100.1)?;
        }
        ws.set_column_width(0, 36)?;
    }
    Ok(())
}

/// March's status of a firm, as analysis computes it on the month basis.
fn march_status(f: &Firm) -> &'static str {
    if f.now[2] == 0.0 {
        "停产"
    } else if f.now[2] < f.prior[2] {
        "减产"
    } else {
        "增产"
    }
}

/// The 工信局's own ledgers (DOMAIN.md §5.6, §4): key enterprises by leader, the
/// stopped and reduced ones with reasons, the review list, and the projects expected to
/// enter the statistics. Keyed as bureaus key them: credit codes, 组织机构代码 with a dash,
/// names typed with spaces and half-width brackets, and a few rows no enterprise matches.
fn ledger_sheets(wb: &mut Workbook, firms: &[Firm]) -> Result<(), XlsxError> {
    let title = Format::new().set_bold().set_font_size(14.0);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut rng = Rng(0x1ED6_E125);
    let retyped = |name: &str| {
        // "示例市恒达…有限公司" typed as "示例市 恒达…有限公司 " (spaces to align in Excel).
        let mut chars: Vec<char> = name.chars().collect();
        chars.insert(3, ' ');
        chars.push(' ');
        chars.into_iter().collect::<String>()
    };
    let organisation = |code: &str| format!("{}-{}", &code[8..16], &code[16..17]);

    // 包保台账: the 36 largest firms, six leaders.
    let leaders = [
        ("刘建明", "市长"),
        ("陈国华", "常务副市长"),
        ("张海涛", "副市长"),
        ("李文静", "副市长"),
        ("赵立新", "市政府秘书长"),
        ("孙志强", "市工信局局长"),
    ];
    let units = [
        "市工信局",
        "市发改委",
        "市商务局",
        "市科技局",
        "市财政局",
        "市自然资源局",
    ];
    let problems = [
        "订单不足，产能利用率约六成",
        "流动资金紧张",
        "原材料价格上涨",
        "用工短缺",
        "技改项目审批待办",
        "用能指标不足",
    ];
    let measures = [
        "对接产业链上下游，拓展订单",
        "协调银行续贷、新增授信",
        "组织原料集中采购",
        "联合人社部门专场招聘",
        "开辟审批绿色通道",
        "协调新增用能指标",
    ];
    let mut by_size: Vec<usize> = (0..firms.len()).collect();
    by_size.sort_by(|&a, &b| {
        let size = |f: &Firm| f.now.iter().sum::<f64>();
        size(&firms[b]).total_cmp(&size(&firms[a]))
    });
    let ws = wb.add_worksheet().set_name("包保台账")?;
    ws.merge_range(0, 0, 0, 7, "示例市重点工业企业市级领导包保台账", &title)?;
    for (c, h) in [
        "序号",
        "企业名称",
        "统一社会信用代码",
        "县（市、区）",
        "包保市级领导",
        "包保部门",
        "存在问题",
        "帮扶措施（一企一策）",
    ]
    .iter()
    .enumerate()
    {
        ws.write_with_format(1, c as u16, *h, &head)?;
    }
    for (k, &i) in by_size.iter().take(36).enumerate() {
        let f = &firms[i];
        let r = 2 + k as u32;
        let (leader, role) = leaders[k % leaders.len()];
        let (name, code) = match k % 6 {
            4 => (retyped(&f.name), String::new()),
            5 => (f.name.clone(), organisation(&f.code)),
            _ => (f.name.clone(), f.code.clone()),
        };
        ws.write(r, 0, (k + 1) as f64)?;
        ws.write(r, 1, name)?;
        ws.write(r, 2, code)?;
        ws.write(r, 3, f.region)?;
        ws.write(r, 4, format!("{leader}（{role}）"))?;
        ws.write(r, 5, units[k % units.len()])?;
        if k % 3 != 2 {
            ws.write(r, 6, problems[(k + k / 6) % problems.len()])?;
            ws.write(r, 7, measures[(k + k / 6) % measures.len()])?;
        }
    }
    // A key project's company not yet in the statistics.
    ws.write(38, 0, 37.0)?;
    ws.write(38, 1, "示例市远景新材料有限公司")?;
    ws.write(38, 3, "高新区")?;
    ws.write(38, 4, "张海涛（副市长）")?;
    ws.write(38, 5, "市科技局")?;
    ws.write(38, 6, "项目试生产，尚未入规")?;
    ws.set_column_width(1, 36)?;
    ws.set_column_width(2, 21)?;
    ws.set_column_width(6, 28)?;
    ws.set_column_width(7, 30)?;

    // 停减产台账: three in four of March's marked drops, the largest first; the rest,
    // and the smaller drops, are the page's "未入台账".
    let reasons = [
        ("订单不足", 5),
        ("原材料短缺", 2),
        ("设备检修", 2),
        ("资金紧张", 2),
        ("环保限产", 1),
        ("季节性停产", 1),
    ];
    let weights: u32 = reasons.iter().map(|r| r.1).sum();
    // The ledger follows the marked drops: every stopped firm and every firm down by a
    // fifth or more.
    let mut down: Vec<usize> = (0..firms.len())
        .filter(|&i| {
            let f = &firms[i];
            march_status(f) == "停产" || (march_status(f) == "减产" && f.now[2] < f.prior[2] * 0.8)
        })
        .collect();
    let drop = |f: &Firm| f.now[2] - f.prior[2];
    down.sort_by(|&a, &b| drop(&firms[a]).total_cmp(&drop(&firms[b])));
    let ws = wb.add_worksheet().set_name("停减产台账")?;
    ws.merge_range(
        0,
        0,
        0,
        9,
        "示例市2023年3月停减产企业台账（单位：万元）",
        &title,
    )?;
    for (c, h) in [
        "企业名称",
        "统一社会信用代码",
        "县区",
        "类型",
        "上年同月产值",
        "本月产值",
        "减少额",
        "停减产原因",
        "预计复产时间",
        "包保领导",
    ]
    .iter()
    .enumerate()
    {
        ws.write_with_format(1, c as u16, *h, &head)?;
    }
    let mut r = 2;
    for (k, &i) in down.iter().enumerate() {
        if k % 4 == 3 {
            continue;
        }
        let f = &firms[i];
        let mut pick = (rng.next() * weights as f64) as u32;
        let reason = reasons
            .iter()
            .find(|(_, w)| {
                let hit = pick < *w;
                pick = pick.saturating_sub(*w);
                hit
            })
            .map_or("订单不足", |r| r.0);
        let status = march_status(f);
        let kind = if status == "停产" && reason == "季节性停产" {
            "季节性停产"
        } else {
            status
        };
        ws.write(r, 0, f.name.as_str())?;
        ws.write(r, 1, f.code.as_str())?;
        ws.write(r, 2, f.region)?;
        ws.write(r, 3, kind)?;
        ws.write(r, 4, f.prior[2].round() / 10.0)?;
        ws.write(r, 5, f.now[2].round() / 10.0)?;
        ws.write(r, 6, (f.prior[2] - f.now[2]).round() / 10.0)?;
        ws.write(r, 7, reason)?;
        if status == "停产" {
            let day = 5 + (k * 7) % 20;
            let dt = ExcelDateTime::from_ymd(2023, 4, day as u8)?;
            ws.write_datetime_with_format(r, 8, &dt, &date)?;
        }
        ws.write(r, 9, leaders[k % leaders.len()].0)?;
        r += 1;
    }
    // Closed last year: the ledger still lists it.
    ws.write(r, 0, "示例市旧城印染厂")?;
    ws.write(r, 2, "城南区")?;
    ws.write(r, 3, "停产")?;
    ws.write(r, 7, "环保限产")?;
    ws.set_column_width(0, 36)?;
    ws.set_column_width(1, 21)?;
    ws.set_column_width(8, 13)?;

    // 审核/查询台账: March's compulsory reviews and queries with their evidence.
    let ws = wb.add_worksheet().set_name("审核查询台账")?;
    ws.merge_range(
        0,
        0,
        0,
        6,
        "2023年3月强制审核和产值查询企业佐证材料报送台账",
        &title,
    )?;
    for (c, h) in [
        "企业名称",
        "统一社会信用代码",
        "审核类型",
        "查询内容",
        "佐证材料",
        "截止时间",
        "责任人",
    ]
    .iter()
    .enumerate()
    {
        ws.write_with_format(1, c as u16, *h, &head)?;
    }
    let reviewed: Vec<usize> = (0..firms.len())
        .filter(|&i| {
            let f = &firms[i];
            f.prior[2] > 0.0 && (f.now[2] / f.prior[2] - 1.0).abs() > 0.25
        })
        .take(18)
        .collect();
    for (k, &i) in reviewed.iter().enumerate() {
        let f = &firms[i];
        let r = 2 + k as u32;
        let kind = match k % 6 {
            0 | 2 | 4 => "强制审核",
            5 => "明细表审核",
            _ => "产值查询",
        };
        let growth = (f.now[2] / f.prior[2] - 1.0) * 100.0;
        ws.write(r, 0, f.name.as_str())?;
        ws.write(r, 1, organisation(&f.code))?;
        ws.write(r, 2, kind)?;
        ws.write(r, 3, format!("当月产值同比{growth:+.1}%，请说明原因"))?;
        ws.write(r, 4, if k % 3 == 1 { "未传" } else { "已上传" })?;
        let dt = ExcelDateTime::from_ymd(2023, 4, (3 + k % 6) as u8)?;
        ws.write_datetime_with_format(r, 5, &dt, &date)?;
        ws.write(r, 6, ["王科长", "周科员", "吴科员"][k % 3])?;
    }
    ws.set_column_width(0, 36)?;
    ws.set_column_width(3, 30)?;
    ws.set_column_width(5, 12)?;

    // 拟入规项目台账.
    let ws = wb.add_worksheet().set_name("拟入规项目")?;
    ws.merge_range(0, 0, 0, 5, "2023年有望投产入规重点项目台账", &title)?;
    for (c, h) in [
        "项目名称",
        "县区",
        "行业",
        "预计入规月份",
        "预计年产值（万元）",
        "当前状态",
    ]
    .iter()
    .enumerate()
    {
        ws.write_with_format(1, c as u16, *h, &head)?;
    }
    for (k, (name, region, industry, month, output, state)) in [
        (
            "远景新材料年产5万吨改性塑料项目",
            "高新区",
            "橡胶和塑料制品业",
            "2023年4月",
            32_000.0,
            "试生产",
        ),
        (
            "华盛智能装备产业园一期",
            "城东区",
            "专用设备制造业",
            "2023年6月",
            45_000.0,
            "在建",
        ),
        (
            "鑫源新能源电池配件项目",
            "临江市",
            "电气机械和器材制造业",
            "2023年5月",
            21_500.0,
            "已投产",
        ),
        (
            "嘉禾绿色食品加工项目",
            "北山县",
            "农副食品加工业",
            "2023年7月",
            12_800.0,
            "在建",
        ),
        (
            "泰和精密铸件扩建项目",
            "河西县",
            "金属制品业",
            "2023年9月",
            9_600.0,
            "在建",
        ),
        (
            "德润生物医药中间体项目",
            "高新区",
            "医药制造业",
            "2023年10月",
            27_000.0,
            "试生产",
        ),
    ]
    .iter()
    .enumerate()
    {
        let r = 2 + k as u32;
        ws.write(r, 0, *name)?;
        ws.write(r, 1, *region)?;
        ws.write(r, 2, *industry)?;
        ws.write(r, 3, *month)?;
        ws.write(r, 4, *output)?;
        ws.write(r, 5, *state)?;
    }
    ws.set_column_width(0, 34)?;
    ws.set_column_width(2, 22)?;
    Ok(())
}

/// The demo workbooks just written, read as the page reads them, in bincode
/// (`public/demo-session.bin`, beside the workbooks so that
/// nothing reading public/demo/ takes it for one): the single file carries them so that the first open
/// shows the demo without parsing a workbook. tests/demo_session.rs fails when it is stale.
fn demo_session(out: &Path) {
    let files: Vec<_> = industry_monitor::app::DEMO_NAMES
        .iter()
        .map(|name| {
            let bytes = std::fs::read(out.join(name)).expect("demo workbook written");
            industry_monitor::app::load_bytes(&bytes, name, &Default::default())
                .expect("the demo workbook reads")
        })
        .collect();
    let tables: Vec<_> = files
        .iter()
        .map(industry_monitor::app::FileTablesRef::of)
        .collect();
    let encoded = industry_monitor::app::encode_files(&tables).expect("tables encode");
    std::fs::write(out.with_file_name("demo-session.bin"), encoded).expect("demo session written");
}

fn main() -> Result<(), XlsxError> {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/demo");
    std::fs::create_dir_all(&out)?;
    let firms = firms();
    for month in [2, 3] {
        let mut wb = Workbook::new();
        wb.set_properties(&fixed_properties());
        enterprise_sheet(
            wb.add_worksheet().set_name(format!("1-{month}月分企业"))?,
            &firms,
            month,
        )?;
        wb.save(out.join(format!("示例市2023年1-{month}月规上工业企业.xlsx")))?;
    }
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties());
    context_sheets(&mut wb, &firms, 2)?;
    context_sheets(&mut wb, &firms, 3)?;
    targets_sheet(&mut wb, &firms)?;
    industry_sheets(&mut wb)?;
    wb.save(out.join("示例市2023年一季度县区及全省增速与目标.xlsx"))?;
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties());
    ledger_sheets(&mut wb, &firms)?;
    wb.save(out.join("示例市工信局重点企业工作台账.xlsx"))?;
    demo_session(&out);
    println!("{} enterprises written to {}", firms.len(), out.display());
    Ok(())
}
