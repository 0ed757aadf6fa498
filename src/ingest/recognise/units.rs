//! Money units: 元, 千元, 万元, 亿元, found in a unit row, a title or a header.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MoneyUnit {
    Yuan,
    Qian,
    Wan,
    Yi,
}

impl MoneyUnit {
    /// How many 亿元 one unit is; money is stored in 亿元.
    pub fn to_yi(self) -> f64 {
        match self {
            MoneyUnit::Yuan => 1e-8,
            MoneyUnit::Qian => 1e-5,
            MoneyUnit::Wan => 1e-4,
            MoneyUnit::Yi => 1.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::Qian => "千元",
            MoneyUnit::Wan => "万元",
            MoneyUnit::Yi => "亿元",
        }
    }

    pub fn parse(label: &str) -> Option<MoneyUnit> {
        match label.trim() {
            "元" => Some(MoneyUnit::Yuan),
            "千元" => Some(MoneyUnit::Qian),
            "万元" => Some(MoneyUnit::Wan),
            "亿元" => Some(MoneyUnit::Yi),
            _ => None,
        }
    }
}

/// The unit a unit statement names: "单位：千元", "计量单位：万元、%", "金额单位:元".
/// Only text that says 单位 counts, so a title's "2000万元及以上" is not a unit.
pub fn unit_statement(normalized: &str) -> Option<MoneyUnit> {
    let at = normalized.find("单位")?;
    first_unit(&normalized[at..])
}

/// A unit in a header's brackets: "工业总产值(万元)", "本月[千元]".
pub fn header_unit(normalized: &str) -> Option<MoneyUnit> {
    let open = normalized.rfind(['(', '['])?;
    first_unit(&normalized[open..])
}

/// A title's bracket that holds only a unit: "…企业产值（万元）", "(千元、%)". A bracket
/// saying more ("年主营业务收入2000万元及以上") names a threshold, not the unit.
pub fn bracket_unit(normalized: &str) -> Option<MoneyUnit> {
    normalized.split(['(', '[']).skip(1).find_map(|rest| {
        let inner = &rest[..rest.find([')', ']'])?];
        let first = inner.split([',', '、', ';', '/']).next()?;
        MoneyUnit::parse(first)
    })
}

fn first_unit(text: &str) -> Option<MoneyUnit> {
    // Longest names first: "千元" also ends in "元".
    let candidates = [
        ("千元", MoneyUnit::Qian),
        ("万元", MoneyUnit::Wan),
        ("亿元", MoneyUnit::Yi),
        ("元", MoneyUnit::Yuan),
    ];
    candidates
        .iter()
        .filter_map(|(label, unit)| text.find(label).map(|i| (i, *unit)))
        .min_by_key(|(i, _)| *i)
        .map(|(_, u)| u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_and_headers() {
        assert_eq!(unit_statement("单位:千元、%"), Some(MoneyUnit::Qian));
        assert_eq!(unit_statement("计量单位:万元、%"), Some(MoneyUnit::Wan));
        assert_eq!(unit_statement("金额单位:元"), Some(MoneyUnit::Yuan));
        assert_eq!(
            unit_statement("规模以上工业(年主营业务收入2000万元及以上)"),
            None
        );
        assert_eq!(header_unit("工业总产值(万元)"), Some(MoneyUnit::Wan));
        assert_eq!(
            bracket_unit("2023年1月规上工业企业产值(万元)"),
            Some(MoneyUnit::Wan)
        );
        assert_eq!(bracket_unit("企业产值(千元、%)"), Some(MoneyUnit::Qian));
        assert_eq!(
            bracket_unit("规模以上工业(年主营业务收入2000万元及以上)企业"),
            None
        );
        assert_eq!(header_unit("工业总产值(当年价格)"), None);
        assert!((MoneyUnit::Qian.to_yi() * 100_000.0 - 1.0).abs() < 1e-12);
    }
}
