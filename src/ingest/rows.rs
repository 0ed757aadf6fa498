//! Which rows are enterprises: not totals (合计, 总计, 全市…), subtotals (小计, 其中：…,
//! 市辖区, 县（市）), section headers (一、…), notes (注：…) or the 甲/乙/丙 index row.

use super::text::normalized;

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
const MARKERS: &str = "注说备资数其#＃一二三四五六七八九十按甲乙丙丁栏";

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
    if SUBTOTALS.contains(&key)
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

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
