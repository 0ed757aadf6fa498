//! The line above the headline when the analysed period carries a 警告: how many, and
//! the one that matters most in words ("6户企业没有县区，计入未填地区"). A warning that
//! changes a figure must be seen before the figure is read.

use crate::analysis::ContractWarning;

/// What the alert says.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    pub count: usize,
    /// The worst warning, in words.
    pub worst: String,
}

/// Kinds of warning, worst first: the figures' columns, the period, the rows left out or
/// put in the wrong region, then the rest in the order they came.
const RANKED: &[&str] = &[
    "标反了",
    "对调",
    "不等于各月之和",
    "增速不符",
    "本月数不应大于累计数",
    "报告期",
    "企业重复",
    "未能识别",
    "合计行",
    "区划代码",
    "有产值但没有企业名称",
];

/// The alert for a period's warnings; `None` when there is none.
pub fn alert(warnings: &[ContractWarning]) -> Option<Alert> {
    if warnings.is_empty() {
        return None;
    }
    let enterprises = |marker: &str| -> usize {
        warnings
            .iter()
            .filter(|w| w.message.contains(marker))
            .map(|w| leading_count(&w.message).unwrap_or(1))
            .sum()
    };
    let unplaced = enterprises("计入“未填地区”");
    let unknown_industry = enterprises("计入“未识别行业”");
    let ranked = RANKED
        .iter()
        .find_map(|k| warnings.iter().find(|w| w.message.contains(k)));
    let worst = match ranked {
        Some(w) if !w.message.contains("区划代码") || unplaced == 0 => located(w),
        _ if unplaced > 0 => format!("{unplaced}户企业没有县区，计入未填地区"),
        _ if unknown_industry > 0 => {
            format!("{unknown_industry}户企业的行业不是工业大类，计入未识别行业")
        }
        _ => located(&warnings[0]),
    };
    Some(Alert {
        count: warnings.len(),
        worst,
    })
}

/// How many enterprises a grouped warning counts ("12户企业没有…" → 12).
fn leading_count(message: &str) -> Option<usize> {
    let digits: String = message.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn located(w: &ContractWarning) -> String {
    format!("{}（{}）", w.message, w.at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(message: &str) -> ContractWarning {
        ContractWarning {
            at: crate::model::At {
                file: "a.xlsx".into(),
                sheet: Some("Sheet1".into()),
                cell: Some("C5".into()),
            },
            message: message.into(),
        }
    }

    #[test]
    fn unplaced_enterprises_are_counted_in_words() {
        let ws = vec![
            w("4户企业没有填写所在县（市、区）（A3–A6），计入“未填地区”：“甲”等"),
            w("2户企业没有填写所在县（市、区）（A9–A10），计入“未填地区”"),
        ];
        let a = alert(&ws).unwrap();
        assert_eq!(a.count, 2);
        assert_eq!(a.worst, "6户企业没有县区，计入未填地区");
        assert_eq!(alert(&[]), None);
    }

    #[test]
    fn swapped_columns_come_first_with_where() {
        let ws = vec![
            w("“甲”没有填写所在县（市、区），计入“未填地区”"),
            w("12户中有12户的“本月”列大于“累计”列，两列似乎标反了"),
        ];
        let a = alert(&ws).unwrap();
        assert!(a.worst.starts_with("12户中有12户"), "{}", a.worst);
        assert!(a.worst.contains("a.xlsx · Sheet1 · C5"));
    }
}
