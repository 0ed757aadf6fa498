//! Column → field mapping for the enterprise table, through a synonym table over the
//! joined header labels, with a confidence for each choice and user overrides keyed by
//! the header's signature.

use super::header::HeaderBlock;
use super::period_text::find_period;
use crate::ingest::text::has_any;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The enterprise table's fields (contract "Inputs", 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Code,
    Region,
    IndustryCode,
    IndustryName,
    MonthOutput,
    MonthOutputPrior,
    CumOutput,
    CumOutputPrior,
    ForecastNextMonth,
    NewFlag,
    EntryYear,
    Status,
    /// 行政区划代码 / 统计用区划代码: the region, as a code.
    RegionCode,
}

impl Field {
    pub const ALL: [Field; 14] = [
        Field::Name,
        Field::Code,
        Field::Region,
        Field::IndustryCode,
        Field::IndustryName,
        Field::MonthOutput,
        Field::MonthOutputPrior,
        Field::CumOutput,
        Field::CumOutputPrior,
        Field::ForecastNextMonth,
        Field::NewFlag,
        Field::EntryYear,
        Field::Status,
        Field::RegionCode,
    ];

    /// The fields without which the contract's figures cannot be computed.
    pub const REQUIRED: [Field; 6] = [
        Field::Name,
        Field::Region,
        Field::MonthOutput,
        Field::CumOutput,
        Field::MonthOutputPrior,
        Field::CumOutputPrior,
    ];

    /// The field's name in JSON and in an enterprise table's column sources.
    pub fn id(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Code => "code",
            Field::Region => "region",
            Field::IndustryCode => "industry_code",
            Field::IndustryName => "industry_name",
            Field::MonthOutput => "month_output",
            Field::MonthOutputPrior => "month_output_prior",
            Field::CumOutput => "cum_output",
            Field::CumOutputPrior => "cum_output_prior",
            Field::ForecastNextMonth => "forecast_next_month",
            Field::NewFlag => "new_flag",
            Field::EntryYear => "entry_year",
            Field::Status => "status",
            Field::RegionCode => "region_code",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "企业名称",
            Field::Code => "统一社会信用代码",
            Field::Region => "县（市、区）",
            Field::IndustryCode => "行业代码",
            Field::IndustryName => "行业名称",
            Field::MonthOutput => "工业总产值·本月",
            Field::MonthOutputPrior => "工业总产值·上年同月",
            Field::CumOutput => "工业总产值·1-本月",
            Field::CumOutputPrior => "工业总产值·上年同期累计",
            Field::ForecastNextMonth => "预计下月产值",
            Field::NewFlag => "是否新入规",
            Field::EntryYear => "入规年份",
            Field::Status => "生产状态",
            Field::RegionCode => "区划代码",
        }
    }

    pub fn is_money(self) -> bool {
        matches!(
            self,
            Field::MonthOutput
                | Field::MonthOutputPrior
                | Field::CumOutput
                | Field::CumOutputPrior
                | Field::ForecastNextMonth
        )
    }
}

/// One chosen column for a field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mapped {
    pub column: usize,
    /// The header as written, levels joined with "|".
    pub header: String,
    /// 0..1; 1 for an exact synonym, lower for a guess; overrides are 1.
    pub confidence: f32,
}

/// Field → column for one header.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    pub fields: BTreeMap<Field, Mapped>,
}

impl Mapping {
    pub fn column(&self, field: Field) -> Option<usize> {
        self.fields.get(&field).map(|m| m.column)
    }

    pub fn missing_required(&self) -> Vec<Field> {
        self.missing(false)
    }

    /// The required fields without a column. The region may come from the sheet name,
    /// title or file name instead (`region_known`); the 本月 pair may be absent together
    /// (a cumulative-only table), not one without the other.
    pub fn missing(&self, region_known: bool) -> Vec<Field> {
        let month_pair = [Field::MonthOutput, Field::MonthOutputPrior];
        let cumulative_only = month_pair.iter().all(|f| !self.fields.contains_key(f));
        let region_known = region_known || self.fields.contains_key(&Field::RegionCode);
        Field::REQUIRED
            .into_iter()
            .filter(|f| !self.fields.contains_key(f))
            .filter(|f| !(region_known && *f == Field::Region))
            .filter(|f| !(cumulative_only && month_pair.contains(f)))
            .collect()
    }
}

/// A user's correction of the mapping for headers with a given signature: each listed
/// field goes to the given column, or to none.
pub type MappingOverrides = BTreeMap<String, BTreeMap<Field, Option<usize>>>;

const OTHER_INDICATORS: &[&str] = &[
    "销售产值",
    "出口交货值",
    "出口",
    "新产品",
    "增加值",
    "营业收入",
    "主营业务收入",
    "利润",
    "用电",
    "税",
    "产量",
    "从业人员",
];
const RATE_WORDS: &[&str] = &[
    "增速",
    "同比",
    "环比",
    "增长",
    "增减",
    "%",
    "±",
    "比重",
    "占比",
    "拉动",
    "贡献",
    "位次",
    "排名",
    "差额",
    "减少额",
    "增加额",
];

/// The field a single header suggests, with confidence. `key` is normalised.
pub fn classify(key: &str) -> Option<(Field, f32)> {
    if key.is_empty() {
        return None;
    }
    if has_any(
        key,
        &[
            "统一社会信用代码",
            "社会信用代码",
            "信用代码",
            "组织机构代码",
            "法人单位代码",
            "单位代码",
            "企业代码",
        ],
    ) {
        return Some((Field::Code, 1.0));
    }
    if has_any(
        key,
        &["区划代码", "地区代码", "县区代码", "区县代码", "行政代码"],
    ) {
        return Some((Field::RegionCode, 1.0));
    }
    if has_any(
        key,
        &["行业代码", "行业小类代码", "行业大类代码", "行业类别代码"],
    ) {
        return Some((Field::IndustryCode, 1.0));
    }
    if has_any(
        key,
        &[
            "行业名称",
            "行业类别",
            "所属行业",
            "行业门类",
            "行业大类",
            "行业小类",
        ],
    ) {
        return Some((Field::IndustryName, 1.0));
    }
    if key == "行业" {
        return Some((Field::IndustryName, 0.7));
    }
    if has_any(
        key,
        &[
            "企业名称",
            "单位详细名称",
            "单位名称",
            "法人单位详细名称",
            "企业详细名称",
            "企业(单位)名称",
            "纳税人名称",
            "单位全称",
            "企业全称",
            "公司名称",
        ],
    ) {
        return Some((Field::Name, 1.0));
    }
    if has_any(
        key,
        &[
            "县(市、区)",
            "县(市,区)",
            "县(区、市)",
            "县(市区)",
            "县市区",
            "县区",
            "区县",
            "所在地区",
            "所在县区",
            "所属县区",
            "区划名称",
            "县(区)",
            "县(市)",
            "区(县)",
            "区(县、市)",
            "区(市、县)",
            "所属地区",
        ],
    ) && !key.contains("代码")
    {
        return Some((Field::Region, 1.0));
    }
    if matches!(key, "地区" | "区域" | "所在地" | "属地") {
        return Some((Field::Region, 0.8));
    }
    if matches!(key, "名称" | "单位" | "企业" | "公司") {
        return Some((Field::Name, 0.6));
    }
    if has_any(
        key,
        &[
            "是否新入规",
            "新入规",
            "新增入规",
            "是否新增",
            "新投产",
            "新入库",
            "是否新建",
        ],
    ) {
        return Some((Field::NewFlag, 1.0));
    }
    if has_any(key, &["入规年份", "入库年份", "入规时间", "入库时间"]) {
        return Some((Field::EntryYear, 1.0));
    }
    if has_any(key, &["生产状态", "生产经营状态", "经营状态"]) || key == "状态" {
        return Some((Field::Status, 1.0));
    }
    let bare = key
        .split('|')
        .map(strip_qualifiers)
        .collect::<Vec<_>>()
        .join("|");
    if has_any(&bare, OTHER_INDICATORS) || has_any(&bare, RATE_WORDS) {
        return None;
    }
    if key.contains("预计") {
        let later = has_any(key, &["季度", "全年", "累计", "1-"]);
        return (!later).then_some((Field::ForecastNextMonth, 0.9));
    }
    // A year's whole figure (上年全年) or output at constant prices is not the period's
    // output at current prices, whatever span words it carries.
    if has_any(&bare, &["全年", "不变价", "可比价"]) {
        return None;
    }
    // A plan, target or task beside the actual figure is not output; nor is last
    // month's figure or total ("上月", "上月止累计") beside this month's.
    if has_any(&bare, &["计划", "目标", "任务", "完成率", "进度", "上月"]) {
        return None;
    }
    output_field(key)
}

/// What the levels of one column's header say about its figure, taken together: a
/// header may nest the year over the span ("本年|本月") or the span over the year
/// ("1-2月|上年"), at any depth, so no single level decides.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct SpanTags {
    prior: bool,
    /// 本月, 当月, 同月, "2月": the month alone.
    month: bool,
    /// 累计, 1-本月, 1-2月, 一季度: the cumulative span.
    cum: bool,
    /// 本期 alone is the month; under or over a span it only says "this year".
    weak_month: bool,
    /// 本年, 上年同期, 同期 alone are cumulative; beside a month word they only name the year.
    weak_cum: bool,
}

/// Words of the price basis and the unit, which say nothing of year or span
/// ("当年价格" is not "this year").
fn strip_qualifiers(level: &str) -> String {
    let mut out = level
        .replace("当年价格", "")
        .replace("现行价格", "")
        .replace("现价", "");
    // A bracket naming a unit ("(千元)", "(万元、%)") is not a rate.
    while let Some(open) = out.find(['(', '[']) {
        let close = out[open..].find([')', ']']).map(|c| open + c + 1);
        match close {
            Some(close) if out[open..close].contains('元') || &out[open..close] == "()" => {
                out.replace_range(open..close, "");
            }
            _ => break,
        }
    }
    out
}

fn span_tags(key: &str) -> SpanTags {
    let mut tags = SpanTags::default();
    for level in key.split('|') {
        let level = strip_qualifiers(level);
        // Cumulative phrases that contain a month word come out first.
        let rest = level
            .replace("1-本月", "累计")
            .replace("本月止", "累计")
            .replace("至本月", "累计");
        if has_any(&rest, &["上年", "去年", "同期", "上期", "上一年"]) {
            tags.prior = true;
        }
        let cum = is_cumulative(&rest);
        let month = has_any(&rest, &["同月", "当月", "本月"]) || is_single_month(&rest);
        if cum && !month {
            tags.cum = true;
        } else if month && !cum {
            tags.month = true;
        } else if month && cum {
            // "2月累计" and the like: the cumulative reading is the safer one.
            tags.cum = true;
        }
        if rest.contains("本期") {
            tags.weak_month = true;
        }
        if has_any(&rest, &["本年", "今年", "同期"]) {
            tags.weak_cum = true;
        }
    }
    tags
}

/// 本月 / 上年同月 / 1-本月 / 上年同期, with or without an "工业总产值" parent, at any
/// header depth and in either nesting order.
fn output_field(key: &str) -> Option<(Field, f32)> {
    let about_output = key.contains("产值");
    let weight = if about_output { 1.0 } else { 0.7 };
    let t = span_tags(key);
    let month = match (t.month, t.cum) {
        (true, false) => true,
        (false, true) => false,
        // Both strong: the lowest level that says one decides.
        (true, true) => key
            .rsplit('|')
            .map(span_tags)
            .find(|l| l.month || l.cum)
            .is_some_and(|l| l.month),
        (false, false) if t.weak_month => true,
        (false, false) if t.weak_cum || t.prior => false,
        (false, false) if about_output && has_year(key) => false,
        (false, false) => return None,
    };
    let field = match (t.prior, month) {
        (true, true) => Field::MonthOutputPrior,
        (true, false) => Field::CumOutputPrior,
        (false, true) => Field::MonthOutput,
        (false, false) => Field::CumOutput,
    };
    Some((field, weight))
}

fn has_year(key: &str) -> bool {
    key.split('|').any(|l| find_period(l).year.is_some())
}

fn is_cumulative(leaf: &str) -> bool {
    has_any(leaf, &["累计", "1-", "止累", "年初"]) || leaf.contains("季度")
}

/// "2月", "2月份", "3月产值": one month, not a span.
fn is_single_month(leaf: &str) -> bool {
    let digits_then_month = leaf
        .char_indices()
        .find(|(_, c)| *c == '月')
        .map(|(i, _)| &leaf[..i])
        .is_some_and(|before| {
            let tail: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            !tail.is_empty()
                && !before.ends_with(&format!("-{}", tail.chars().rev().collect::<String>()))
        });
    digits_then_month && !leaf.contains("1-")
}

/// Maps the header's columns to fields: best confidence wins, each column serves one
/// field, and the caller's overrides for this header signature come last.
/// `period_month` is the month the sheet reports, when known: of several columns named
/// by month ("1月 | 2月"), only that month's is 本月.
pub fn map_columns(
    header: &HeaderBlock,
    overrides: &MappingOverrides,
    period_month: Option<u32>,
) -> Mapping {
    let candidates = candidates(header, period_month);
    let mut mapping = Mapping::default();
    let mut used = Vec::new();
    for (field, col, conf) in candidates {
        if mapping.fields.contains_key(&field) || used.contains(&col) {
            continue;
        }
        used.push(col);
        mapping.fields.insert(
            field,
            Mapped {
                column: col,
                header: header.labels[col].clone(),
                confidence: conf,
            },
        );
    }
    if let Some(fixed) = overrides.get(&header.signature()) {
        for (field, col) in fixed {
            mapping.fields.remove(field);
            if let Some(col) = col.filter(|&c| c < header.labels.len()) {
                mapping.fields.retain(|_, m| m.column != col);
                mapping.fields.insert(
                    *field,
                    Mapped {
                        column: col,
                        header: header.labels[col].clone(),
                        confidence: 1.0,
                    },
                );
            }
        }
    }
    mapping
}

/// Every column's suggested field, the header's own contradictions resolved, highest
/// confidence first; ties in column order.
fn candidates(header: &HeaderBlock, period_month: Option<u32>) -> Vec<(Field, usize, f32)> {
    let mut candidates: Vec<(Field, usize, f32)> = header
        .keys
        .iter()
        .enumerate()
        .filter_map(|(col, key)| classify(key).map(|(f, conf)| (f, col, conf)))
        .collect();
    resolve_named_months(header, &mut candidates, period_month);
    resolve_year_columns(header, &mut candidates);
    resolve_named_spans(header, &mut candidates, period_month);
    resolve_repeated_prior(&mut candidates);
    resolve_benqi(header, &mut candidates);
    candidates.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.1.cmp(&b.1)));
    candidates
}

/// Output fields that another column, left unused, also claims: the choice was the
/// likelier or the leftmost, not the only one (field, the column passed over). A field
/// the user placed is not contested.
pub fn contested(
    header: &HeaderBlock,
    mapping: &Mapping,
    overrides: &MappingOverrides,
    period_month: Option<u32>,
) -> Vec<(Field, usize)> {
    let fixed = overrides.get(&header.signature());
    let used = |col: usize| mapping.fields.values().any(|m| m.column == col);
    candidates(header, period_month)
        .into_iter()
        .filter(|(field, col, _)| {
            field.is_money()
                && !used(*col)
                && fixed.is_none_or(|f| !f.contains_key(field))
                && mapping.fields.contains_key(field)
        })
        .map(|(field, col, _)| (field, col))
        .collect()
}

/// The month a column is named by ("2月", "上年2月", "2月份产值"), if it names one
/// month and not a span.
pub fn named_month(key: &str) -> Option<u32> {
    key.split('|').find_map(|level| {
        let level = strip_qualifiers(level);
        if !is_single_month(&level) || is_cumulative(&level) {
            return None;
        }
        let before = &level[..level.find('月')?];
        let digits = &before[before.trim_end_matches(|c: char| c.is_ascii_digit()).len()..];
        digits.parse().ok().filter(|m| (1..=12).contains(m))
    })
}

/// Columns named by month ("1月 | 2月 | 1-2月"): 本月 (and 上年同月) is the column naming
/// the period's month, never an earlier one; without a known period, the latest month.
fn resolve_named_months(
    header: &HeaderBlock,
    candidates: &mut Vec<(Field, usize, f32)>,
    period_month: Option<u32>,
) {
    let named: Vec<(usize, u32)> = candidates
        .iter()
        .filter(|(f, _, _)| matches!(f, Field::MonthOutput | Field::MonthOutputPrior))
        .filter_map(|(_, col, _)| named_month(&header.keys[*col]).map(|m| (*col, m)))
        .collect();
    let Some(latest) = named.iter().map(|(_, m)| *m).max() else {
        return;
    };
    let wanted = period_month.unwrap_or(latest);
    candidates.retain(|(_, col, _)| named.iter().all(|(c, m)| c != col || *m == wanted));
}

/// The month a cumulative span ends in ("1-5月", "上年1-5月", "1-5月累计"), if the key
/// names one.
pub fn named_span_end(key: &str) -> Option<u32> {
    key.split('|').find_map(|level| {
        let at = level.find("1-")? + 2;
        let rest = &level[at..];
        let digits = &rest[..rest.find(|c: char| !c.is_ascii_digit())?];
        rest[digits.len()..].starts_with('月').then_some(())?;
        digits.parse().ok().filter(|m| (1..=12).contains(m))
    })
}

/// Cumulative columns of several spans ("1-4月 | 1-5月"): 1-本月 (and its base) is the span
/// ending in the period's month, an earlier span is last month's total; without a known
/// period, the latest span.
fn resolve_named_spans(
    header: &HeaderBlock,
    candidates: &mut Vec<(Field, usize, f32)>,
    period_month: Option<u32>,
) {
    let named: Vec<(usize, u32)> = candidates
        .iter()
        .filter(|(f, _, _)| matches!(f, Field::CumOutput | Field::CumOutputPrior))
        .filter_map(|(_, col, _)| named_span_end(&header.keys[*col]).map(|m| (*col, m)))
        .collect();
    let Some(latest) = named.iter().map(|(_, m)| *m).max() else {
        return;
    };
    // "本年累计" beside "1-4月" names no span: the period decides, not the latest named.
    let all_named = candidates
        .iter()
        .filter(|(f, _, _)| matches!(f, Field::CumOutput | Field::CumOutputPrior))
        .all(|(_, col, _)| named.iter().any(|(c, _)| c == col));
    let Some(wanted) = period_month.or(all_named.then_some(latest)) else {
        return;
    };
    let wrong = |col: usize| named.iter().any(|(c, m)| *c == col && *m != wanted);
    for field in [Field::CumOutput, Field::CumOutputPrior] {
        // A wrong span goes only when another column can take its field.
        let others = candidates
            .iter()
            .filter(|(f, col, _)| *f == field && !wrong(*col))
            .count();
        if others > 0 {
            candidates.retain(|(f, col, _)| *f != field || !wrong(*col));
        }
    }
}

/// "本期 | 上年同期" with no other span: 本期 is the period whose base is 上年同期, the
/// cumulative one (本期 alone otherwise reads as the month).
fn resolve_benqi(header: &HeaderBlock, candidates: &mut [(Field, usize, f32)]) {
    let has = |f: Field, c: &[(Field, usize, f32)]| c.iter().any(|x| x.0 == f);
    if !has(Field::CumOutputPrior, candidates)
        || has(Field::CumOutput, candidates)
        || has(Field::MonthOutputPrior, candidates)
    {
        return;
    }
    for cand in candidates.iter_mut().filter(|x| x.0 == Field::MonthOutput) {
        let t = span_tags(&header.keys[cand.1]);
        if t.weak_month && !t.month {
            cand.0 = Field::CumOutput;
        }
    }
}

/// "2023年1-2月 | 2022年1-2月": the earlier year is the base.
fn resolve_year_columns(header: &HeaderBlock, candidates: &mut [(Field, usize, f32)]) {
    let years: Vec<(usize, i32)> = candidates
        .iter()
        .filter(|(f, _, _)| matches!(f, Field::CumOutput | Field::MonthOutput))
        .filter_map(|(_, col, _)| {
            header.keys[*col]
                .split('|')
                .find_map(|level| find_period(level).year)
                .map(|y| (*col, y))
        })
        .collect();
    let Some(latest) = years.iter().map(|(_, y)| *y).max() else {
        return;
    };
    for cand in candidates.iter_mut() {
        if let Some((_, y)) = years.iter().find(|(c, _)| *c == cand.1) {
            if *y < latest {
                cand.0 = match cand.0 {
                    Field::MonthOutput => Field::MonthOutputPrior,
                    _ => Field::CumOutputPrior,
                };
            }
        }
    }
}

/// "本月 | 上年同期 | 1-本月 | 上年同期": the 上年同期 next to 本月 is the month's base.
fn resolve_repeated_prior(candidates: &mut [(Field, usize, f32)]) {
    let has = |f: Field, c: &[(Field, usize, f32)]| c.iter().any(|x| x.0 == f);
    let priors: Vec<usize> = candidates
        .iter()
        .filter(|x| x.0 == Field::CumOutputPrior)
        .map(|x| x.1)
        .collect();
    if priors.len() < 2 || has(Field::MonthOutputPrior, candidates) {
        return;
    }
    let Some(month_col) = candidates
        .iter()
        .find(|x| x.0 == Field::MonthOutput)
        .map(|x| x.1)
    else {
        return;
    };
    if let Some(&col) = priors.iter().filter(|&&c| c > month_col).min() {
        if let Some(cand) = candidates.iter_mut().find(|x| x.1 == col) {
            cand.0 = Field::MonthOutputPrior;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text::normalize;

    fn f(s: &str) -> Option<Field> {
        classify(&normalize(s)).map(|x| x.0)
    }

    #[test]
    fn a_fields_id_is_its_json_name() {
        for f in Field::ALL {
            assert_eq!(serde_json::to_value(f).unwrap(), f.id(), "{f:?}");
        }
    }

    #[test]
    fn synonyms_of_domain_5_1() {
        assert_eq!(f("单位详细名称"), Some(Field::Name));
        assert_eq!(f("法人单位详细名称"), Some(Field::Name));
        assert_eq!(f("企业名称"), Some(Field::Name));
        assert_eq!(f("纳税人名称"), Some(Field::Name));
        assert_eq!(f("单位"), Some(Field::Name));
        assert_eq!(f("区（县）"), Some(Field::Region));
        assert_eq!(f("统一社会信用代码"), Some(Field::Code));
        assert_eq!(f("组织机构代码"), Some(Field::Code));
        assert_eq!(f("县（市、区）"), Some(Field::Region));
        assert_eq!(f("县区"), Some(Field::Region));
        assert_eq!(f("所在地区"), Some(Field::Region));
        assert_eq!(f("区划代码"), Some(Field::RegionCode));
        assert_eq!(f("统计用区划代码"), Some(Field::RegionCode));
        assert_eq!(f("行业代码"), Some(Field::IndustryCode));
        assert_eq!(f("国民经济行业代码"), Some(Field::IndustryCode));
        assert_eq!(f("行业名称"), Some(Field::IndustryName));
        assert_eq!(f("工业总产值（当年价格）|本月"), Some(Field::MonthOutput));
        assert_eq!(f("工业总产值|当月"), Some(Field::MonthOutput));
        assert_eq!(f("工业总产值|上年同月"), Some(Field::MonthOutputPrior));
        assert_eq!(f("工业总产值|去年同月"), Some(Field::MonthOutputPrior));
        assert_eq!(
            f("工业总产值|上年同期(当月)"),
            Some(Field::MonthOutputPrior)
        );
        assert_eq!(f("工业总产值|1-本月"), Some(Field::CumOutput));
        assert_eq!(f("工业总产值|本月止累计"), Some(Field::CumOutput));
        assert_eq!(f("工业总产值|1-2月"), Some(Field::CumOutput));
        assert_eq!(f("工业总产值|本年累计"), Some(Field::CumOutput));
        assert_eq!(f("工业总产值|上年同期"), Some(Field::CumOutputPrior));
        assert_eq!(f("工业总产值|上年同期累计"), Some(Field::CumOutputPrior));
        assert_eq!(f("工业总产值|上年1-2月"), Some(Field::CumOutputPrior));
        assert_eq!(f("工业总产值|去年同期"), Some(Field::CumOutputPrior));
        assert_eq!(f("本月产值"), Some(Field::MonthOutput));
        assert_eq!(f("2月产值"), Some(Field::MonthOutput));
        assert_eq!(f("1-2月产值"), Some(Field::CumOutput));
        assert_eq!(f("工业总产值|增速(%)"), None);
        assert_eq!(f("累计同比"), None);
        assert_eq!(f("工业总产值|当月环比"), None);
        assert_eq!(f("工业销售产值|1-本月"), None);
        assert_eq!(f("出口交货值|本月"), None);
        assert_eq!(f("预计下月产值"), Some(Field::ForecastNextMonth));
        assert_eq!(f("3月预计产值"), Some(Field::ForecastNextMonth));
        assert_eq!(f("一季度预计"), None);
        assert_eq!(f("是否新入规"), Some(Field::NewFlag));
        assert_eq!(f("生产状态"), Some(Field::Status));
        // The year's whole figure, constant prices and new products are other figures.
        assert_eq!(f("上年全年产值"), None);
        assert_eq!(f("工业总产值|上年全年"), None);
        assert_eq!(f("工业总产值（不变价）|1-本月"), None);
        assert_eq!(f("其中：新产品产值|本月"), None);
        assert_eq!(f("本月计划"), None);
        assert_eq!(f("累计目标"), None);
        assert_eq!(f("全年任务"), None);
        assert_eq!(f("本月实际"), Some(Field::MonthOutput));
        assert_eq!(f("上月止累计"), None);
        assert_eq!(f("本月止累计"), Some(Field::CumOutput));
        assert_eq!(f("累计实际"), Some(Field::CumOutput));
    }

    #[test]
    fn of_several_cumulative_spans_the_periods_is_taken() {
        let none = MappingOverrides::new();
        let h = header(&[
            "企业名称",
            "县区",
            "1-4月",
            "1-5月",
            "上年1-4月",
            "上年1-5月",
        ]);
        for period in [Some(5), None] {
            let m = map_columns(&h, &none, period);
            assert_eq!(m.column(Field::CumOutput), Some(3), "{period:?}");
            assert_eq!(m.column(Field::CumOutputPrior), Some(5), "{period:?}");
            assert!(contested(&h, &m, &none, period).is_empty());
        }
        // "本年累计" names no span: beside "1-4月" it is the period's.
        let h = header(&[
            "企业名称",
            "县区",
            "1-4月",
            "本年累计",
            "上年1-4月",
            "上年同期累计",
        ]);
        let m = map_columns(&h, &none, Some(5));
        assert_eq!(m.column(Field::CumOutput), Some(3));
        assert_eq!(m.column(Field::CumOutputPrior), Some(5));
        assert_eq!(named_span_end("上年1-12月产值"), Some(12));
        assert_eq!(named_span_end("1-本月"), None);
    }

    #[test]
    fn benqi_beside_shangnian_tongqi_alone_is_the_cumulative_pair() {
        let none = MappingOverrides::new();
        let h = header(&["企业名称", "县区", "本期", "上年同期", "增长%"]);
        let m = map_columns(&h, &none, Some(2));
        assert_eq!(m.column(Field::CumOutput), Some(2));
        assert_eq!(m.column(Field::CumOutputPrior), Some(3));
        assert_eq!(m.column(Field::MonthOutput), None);
        // Beside a cumulative column, 本期 stays the month.
        let h = header(&["企业名称", "县区", "本期", "上年同月", "1-本月", "上年同期"]);
        let m = map_columns(&h, &none, Some(2));
        assert_eq!(m.column(Field::MonthOutput), Some(2));
        assert_eq!(m.column(Field::CumOutput), Some(4));
    }

    #[test]
    fn a_field_two_columns_claim_is_contested() {
        let h = header(&[
            "企业名称",
            "县区",
            "本月",
            "上年同月",
            "1-本月",
            "上年同期",
            "累计产值",
        ]);
        let none = MappingOverrides::new();
        let m = map_columns(&h, &none, None);
        assert_eq!(m.column(Field::CumOutput), Some(6));
        assert_eq!(contested(&h, &m, &none, None), vec![(Field::CumOutput, 4)]);
        // Once the user has placed the field, it is theirs.
        let mut placed = MappingOverrides::new();
        placed.insert(h.signature(), [(Field::CumOutput, Some(4))].into());
        let m = map_columns(&h, &placed, None);
        assert!(contested(&h, &m, &placed, None).is_empty());
        // One column each: nothing contested.
        let h = header(&["企业名称", "县区", "本月", "上年同月", "1-本月", "上年同期"]);
        let m = map_columns(&h, &none, None);
        assert!(contested(&h, &m, &none, None).is_empty());
    }

    fn header(labels: &[&str]) -> HeaderBlock {
        HeaderBlock {
            first_row: 0,
            last_row: 0,
            labels: labels.iter().map(|s| s.to_string()).collect(),
            keys: labels.iter().map(|s| normalize(s)).collect(),
        }
    }

    #[test]
    fn repeated_prior_and_year_columns() {
        let h = header(&["企业名称", "县区", "本月", "上年同期", "1-本月", "上年同期"]);
        let m = map_columns(&h, &MappingOverrides::new(), None);
        assert_eq!(m.column(Field::MonthOutputPrior), Some(3));
        assert_eq!(m.column(Field::CumOutputPrior), Some(5));
        assert!(m.missing_required().is_empty());

        let h = header(&[
            "企业名称",
            "县区",
            "工业总产值|2023年1-2月",
            "工业总产值|2022年1-2月",
            "本月",
            "上年同月",
        ]);
        let m = map_columns(&h, &MappingOverrides::new(), None);
        assert_eq!(m.column(Field::CumOutput), Some(2));
        assert_eq!(m.column(Field::CumOutputPrior), Some(3));
    }

    #[test]
    fn the_period_month_is_the_month_column() {
        let h = header(&[
            "企业名称",
            "县区",
            "1月",
            "2月",
            "1-2月",
            "上年1月",
            "上年2月",
            "上年1-2月",
        ]);
        for period in [Some(2), None] {
            let m = map_columns(&h, &MappingOverrides::new(), period);
            assert_eq!(m.column(Field::MonthOutput), Some(3));
            assert_eq!(m.column(Field::MonthOutputPrior), Some(6));
            assert_eq!(m.column(Field::CumOutput), Some(4));
            assert_eq!(m.column(Field::CumOutputPrior), Some(7));
        }
        assert_eq!(named_month("工业总产值|上年2月"), Some(2));
        assert_eq!(named_month("1-2月"), None);
        assert_eq!(named_month("本月"), None);
    }

    #[test]
    fn overrides_win_and_free_the_column() {
        let h = header(&[
            "企业名称",
            "地区",
            "所在地区",
            "本月",
            "上年同月",
            "1-本月",
            "上年同期",
        ]);
        let auto = map_columns(&h, &MappingOverrides::new(), None);
        assert_eq!(auto.column(Field::Region), Some(2));
        let mut o = MappingOverrides::new();
        o.insert(h.signature(), BTreeMap::from([(Field::Region, Some(1))]));
        let m = map_columns(&h, &o, None);
        assert_eq!(m.column(Field::Region), Some(1));
        assert_eq!(m.fields[&Field::Region].confidence, 1.0);
    }
}
