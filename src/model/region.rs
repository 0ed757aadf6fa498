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

/// Trims and removes inner spaces (full-width included) so "城 东 区" and "城东区 " match.
pub fn normalize_region_name(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
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
    }
}
