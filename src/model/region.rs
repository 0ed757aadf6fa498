//! Regions (县、市、区) and their peer groups.

use serde::{Deserialize, Serialize};

/// Peer group for ranking and the "N升M降" counts: 区 among 区, 县（市）among 县（市）.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionGroup {
    District,
    County,
    Other,
}

impl RegionGroup {
    /// By the name's last character, as the contract defines.
    pub fn of(name: &str) -> RegionGroup {
        match name.chars().last() {
            Some('区') => RegionGroup::District,
            Some('县' | '市' | '旗') => RegionGroup::County,
            _ => RegionGroup::Other,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RegionGroup::District => "区",
            RegionGroup::County => "县（市）",
            RegionGroup::Other => "其他",
        }
    }
}

/// The short name the region value-added table and the speech use: spaces removed
/// ("城 东 区"), a 行政区划代码 dropped ("青山区（360101）", "360101青山区"), and a
/// province or city prefix dropped ("某某省青川市青山区" → "青山区"). A county-level city
/// keeps its 市 ("青川市临江市" → "临江市"); a name that is only a prefix stays whole
/// ("沙市区", "市中区").
pub fn normalize_region_name(raw: &str) -> String {
    let mut name = region_name_as_written(raw);
    if name.is_ascii() {
        return name;
    }
    strip_code(&mut name);
    for suffix in ["省", "自治区"] {
        strip_prefix_ending(&mut name, suffix, 2..=8);
    }
    for suffix in ["市", "自治州", "地区", "盟"] {
        if strip_prefix_ending(&mut name, suffix, 2..=6) {
            break;
        }
    }
    name
}

/// The name as written, spaces removed ("城 东 区" → "城东区"), nothing else changed.
pub fn region_name_as_written(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// Removes a bracketed or leading/trailing run of digits: a region code beside the name.
fn strip_code(name: &mut String) {
    for (open, close) in [('（', '）'), ('(', ')'), ('[', ']'), ('【', '】')] {
        if let Some(at) = name.find(open) {
            let inner = &name[at + open.len_utf8()..];
            if inner
                .strip_suffix(close)
                .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
            {
                name.truncate(at);
            }
        }
    }
    let digits = |s: &str| s.chars().take_while(|c| c.is_ascii_digit()).count();
    let lead = digits(name);
    if lead >= 6 && lead < name.len() {
        name.drain(..lead);
    }
    let trail = name
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if trail >= 6 && trail < name.chars().count() {
        let keep = name.len() - trail;
        name.truncate(keep);
    }
    let trimmed = name
        .trim_matches(|c: char| "-_:：、".contains(c))
        .to_string();
    *name = trimmed;
}

/// Drops the prefix ending at the first `suffix` when the prefix is 2..6 characters and
/// what remains is itself a place name of at least two characters.
fn strip_prefix_ending(
    name: &mut String,
    suffix: &str,
    prefix_chars: std::ops::RangeInclusive<usize>,
) -> bool {
    let Some(at) = name.find(suffix) else {
        return false;
    };
    let end = at + suffix.len();
    let prefix_len = name[..end].chars().count();
    let rest = &name[end..];
    let is_place = rest.chars().count() >= 2 && rest.ends_with(['区', '县', '市', '旗']);
    if prefix_chars.contains(&prefix_len) && is_place && !rest.starts_with("辖区") {
        name.drain(..end);
        true
    } else {
        false
    }
}

/// "示例市" matches "示例" and "示例市" both ways.
pub fn same_place(a: &str, b: &str) -> bool {
    let trim = |s: &str| s.trim_end_matches(['市', '区', '县']).to_string();
    a == b || trim(a) == trim(b) && !trim(a).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_suffix() {
        assert_eq!(RegionGroup::of("城东区"), RegionGroup::District);
        assert_eq!(RegionGroup::of("河西县"), RegionGroup::County);
        assert_eq!(RegionGroup::of("临江市"), RegionGroup::County);
        assert_eq!(RegionGroup::of("某某旗"), RegionGroup::County);
        assert_eq!(RegionGroup::of("高新技术开发区"), RegionGroup::District);
        assert_eq!(RegionGroup::of("经开园"), RegionGroup::Other);
        assert_eq!(normalize_region_name(" 城\u{3000}东 区 "), "城东区");
        for (raw, short) in [
            ("青川市青山区", "青山区"),
            ("青山区（360101）", "青山区"),
            ("青山区(360101)", "青山区"),
            ("360101青山区", "青山区"),
            ("360101 青山区", "青山区"),
            ("某某省青川市青山区", "青山区"),
            ("青川市临江市", "临江市"),
            ("荆州市沙市区", "沙市区"),
            ("沙市区", "沙市区"),
            ("济南市市中区", "市中区"),
            ("市中区", "市中区"),
            ("市辖区", "市辖区"),
            ("临江市", "临江市"),
            ("全市", "全市"),
            ("某某自治州凯里市", "凯里市"),
            ("高新技术产业开发区", "高新技术产业开发区"),
            ("县（市）", "县（市）"),
        ] {
            assert_eq!(normalize_region_name(raw), short, "{raw}");
        }
    }
}
