//! Which rows are enterprises: not totals (合计, 总计, 全市…), subtotals (小计, 其中：…,
//! 市辖区, 县（市）), section headers (一、…), notes (注：…) or the 甲/乙/丙 index row.

use crate::ingest::text::normalized;

/// What a row's label says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Total,
    Subtotal,
    Note,
    Section,
    Entry,
}

const TOTALS: &[&str] = &[
    "合计",
    "总计",
    "全市",
    "全市合计",
    "总合计",
    "全部合计",
    "规模以上工业",
    "规上工业",
    "全县",
    "全区",
    "全市总计",
];
const SUBTOTALS: &[&str] = &[
    "市辖区",
    "县(市)",
    "县市",
    "市区",
    "县(市)小计",
    "市辖区小计",
];

/// Characters a non-enterprise label can start with (after white space): 注, 说明, 备注,
/// 资料来源, 数据来源, 其中, #, 一、…十、, 按…分, 甲乙丙丁, 栏次, and the full-width forms.
/// Also the first characters of print footers (制表人, 审核人, 填报日期, 打印时间, 单位负责人,
/// 统计负责人, 联系电话, 报出日期) and page rows (第1页, 共3页, Page).
const MARKERS: &str = "注说备资数其#＃一二三四五六七八九十按甲乙丙丁栏制审填打单统联报负第共页P-－";

/// Print footers: who made, checked and printed the table, and when.
const FOOTERS: &[&str] = &[
    "制表人",
    "制表:",
    "制表日期",
    "制表单位",
    "审核人",
    "审核:",
    "填报人",
    "填报日期",
    "填表人",
    "填表日期",
    "打印时间",
    "打印日期",
    "打印人",
    "单位负责人",
    "统计负责人",
    "负责人:",
    "联系电话",
    "报出日期",
    "报送日期",
];

/// A print footer's label ("制表人：张三", "打印时间：…"): the table above has ended.
pub fn is_footer(label: &str) -> bool {
    // Runs for every row: a label that cannot start a footer is ruled out at once.
    if !label
        .trim_start()
        .starts_with(['制', '审', '填', '打', '单', '统', '负', '联', '报'])
    {
        return false;
    }
    let key = normalized(label);
    FOOTERS.iter().any(|f| key.starts_with(f))
}

/// Classifies a row by its label text (name cell, or the first filled cell).
pub fn kind(label: &str) -> RowKind {
    // Nearly every row is an enterprise whose long name starts with none of the markers
    // and has no 小(计): those skip normalising (this runs twice for each of a province's
    // rows). Every total and subtotal label is at most ten characters.
    let mut visible = label
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}');
    match visible.next() {
        Some(c) if !MARKERS.contains(c) && !label.contains('小') && visible.nth(9).is_some() => {
            return RowKind::Entry
        }
        _ => {}
    }
    let key = normalized(label);
    let key: &str = &key;
    if TOTALS.contains(&key) {
        return RowKind::Total;
    }
    if key.starts_with("注")
        && key
            .chars()
            .nth(1)
            .is_some_and(|c| matches!(c, ':' | '、' | '1' | '①'))
        || key.starts_with("说明:")
        || key.starts_with("备注:")
        || key.starts_with("资料来源")
        || key.starts_with("数据来源")
    {
        return RowKind::Note;
    }
    if is_page_row(key) || is_footer(key) {
        return RowKind::Note;
    }
    if SUBTOTALS.contains(&key)
        || key.ends_with("合计")
        || key.ends_with("总计")
        || key.contains("小计")
        || key.starts_with("其中")
        || key.starts_with('#')
    {
        return RowKind::Subtotal;
    }
    if matches!(key, "甲" | "乙" | "丙" | "丁" | "栏次") {
        return RowKind::Section;
    }
    let mut chars = key.chars();
    let first = chars.next();
    let second = chars.next();
    if first.is_some_and(|c| "一二三四五六七八九十".contains(c)) && second == Some('、')
    {
        return RowKind::Section;
    }
    if key.starts_with("按") && key.ends_with('分') {
        return RowKind::Section;
    }
    RowKind::Entry
}

/// "第1页", "第 1 页 共 3 页", "共3页", "- 1 -", "Page 1 of 3": a printed page's number.
fn is_page_row(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        return rest
            .chars()
            .all(|c| c.is_ascii_digit() || "of/".contains(c));
    }
    // "- 3 -", not "-7" (a negative growth written as text).
    let inner = key.trim_matches(|c| c == '-' || c == '—');
    let framed = key.starts_with(['-', '—']) && key.ends_with(['-', '—']);
    if framed && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let rest: String = key
        .chars()
        .filter(|c| !c.is_ascii_digit() && !",，、/".contains(*c))
        .collect();
    matches!(rest.as_str(), "第页" | "共页" | "第页共页" | "共页第页")
        && key.chars().any(|c| c.is_ascii_digit())
}

/// A short label that names a place (青山区, 临江市, 青山区小计 is a subtotal already): in
/// an enterprise table such a row is a region's subtotal or block heading, not a firm.
pub fn is_place_label(label: &str) -> bool {
    // Runs for every enterprise: most names end in 公司 or 厂 and are ruled out here.
    // The end of the label before a bracket ("青山区（360101）", "某某有限公司（1410）").
    let end = label.trim_end();
    let end = match end.strip_suffix([')', '）']) {
        Some(inner) => inner.rfind(['(', '（']).map_or(inner, |at| &inner[..at]),
        None => end,
    };
    let plausible_end = end
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '区' | '县' | '市' | '旗') || c.is_ascii_digit());
    if !plausible_end || label.len() > 60 {
        return false;
    }
    let key = crate::model::normalize_region_name(&normalized(label));
    let n = key.chars().count();
    (2..=8).contains(&n)
        && key.ends_with(['区', '县', '市', '旗'])
        && !key.contains("公司")
        && !key.contains('厂')
        && !key.contains("有限")
}

/// A row labelled by an industry division's name ("化学原料和化学制品制造业", "C26化学原料
/// 和化学制品制造业", "26 化学…"): an industry's subtotal, never an enterprise's name.
pub fn is_industry_label(label: &str) -> bool {
    industry_label(label).is_some()
}

/// The division an industry's subtotal row names (see [`is_industry_label`]).
pub fn industry_label(label: &str) -> Option<&'static str> {
    // Every division's name ends in 业; enterprises' names end in 公司, 厂 and the like.
    if !label.trim_end().ends_with('业') || label.len() > 120 {
        return None;
    }
    let key = normalized(label);
    let bare = key
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches([' ', '-', '.', '、', ':']);
    crate::model::division_of_name(bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn industry_labels() {
        assert!(is_industry_label("化学原料和化学制品制造业"));
        assert!(is_industry_label("C26化学原料和化学制品制造业"));
        assert!(is_industry_label("39 计算机、通信和其他电子设备制造业"));
        assert_eq!(industry_label("C26化学原料和化学制品制造业"), Some("26"));
        assert!(!is_industry_label("青川化学原料有限公司"));
        assert!(!is_industry_label("农业"));
    }

    #[test]
    fn labels() {
        for t in ["合计", "总　计", "全市", "全市合计"] {
            assert_eq!(kind(t), RowKind::Total, "{t}");
        }
        for s in [
            "小计",
            "其中：国有企业",
            "市辖区",
            "县（市）",
            "市辖区小计",
            "#出口交货值",
        ] {
            assert_eq!(kind(s), RowKind::Subtotal, "{s}");
        }
        assert_eq!(kind("注：本表为快报数"), RowKind::Note);
        assert_eq!(kind("说明：…"), RowKind::Note);
        assert_eq!(kind("一、按轻重工业分"), RowKind::Section);
        assert_eq!(kind("甲"), RowKind::Section);
        assert_eq!(kind("示例市注塑有限公司"), RowKind::Entry);
        assert_eq!(kind("示例市某某精密机械制造有限公司"), RowKind::Entry);
        assert_eq!(kind("  注：本表为快报数，以年报为准"), RowKind::Note);
        assert_eq!(kind("示例市某某精密机械制造小计"), RowKind::Subtotal);
        assert_eq!(kind("规  模  以  上  工  业"), RowKind::Total);
        assert_eq!(kind("注塑科技有限公司"), RowKind::Entry);
        for footer in [
            "制表人：张三",
            "审核人：李四      填报日期：2023年3月10日",
            "打印时间：2023-03-10 09:12",
            "单位负责人：王五",
            "第 2 页",
            "第2页 共5页",
            "共 5 页",
            "- 3 -",
            "Page 2 of 5",
        ] {
            assert_eq!(kind(footer), RowKind::Note, "{footer}");
        }
        assert_eq!(kind("青山区合计"), RowKind::Subtotal);
        assert_eq!(kind("-7"), RowKind::Entry);
        assert_eq!(kind("第一机械制造有限责任公司"), RowKind::Entry);
        assert_eq!(kind("单县华通纺织有限公司"), RowKind::Entry);
        assert_eq!(kind("联合重工集团股份有限公司"), RowKind::Entry);
        assert!(is_place_label("青山区"));
        assert!(is_place_label("临江市"));
        assert!(!is_place_label("青山区机械厂"));
        assert!(!is_place_label("临江市华通有限公司"));
    }
}
