//! The review flags in words: the rule's name and what tripped it. Their JSON (in
//! `extra.review_flags`: name, region, rule, detail) is written here too, so the flags'
//! text lives in one place.

use super::format::fixed;
use crate::analysis::{ReviewFlag, ReviewRule};
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// The rule's name as the 审核 list shows it.
pub fn rule_name(rule: ReviewRule) -> &'static str {
    match rule {
        ReviewRule::MonthSwing => "当月同比大幅波动",
        ReviewRule::CumulativeSwing => "累计同比大幅波动",
        ReviewRule::NewEntrant => "新增入库",
        ReviewRule::MonthAboveCumulative => "累计不衔接",
    }
}

/// What tripped the rule: "当月同比 35.2%", "本月产值大于1-本月累计".
pub fn detail(flag: &ReviewFlag) -> String {
    let growth = flag.growth_pct.map_or("—".into(), |g| fixed(g, 1));
    match flag.rule {
        ReviewRule::MonthSwing => format!("当月同比 {growth}%"),
        ReviewRule::CumulativeSwing => format!("1-本月同比 {growth}%"),
        ReviewRule::NewEntrant => "新入规企业，常被列入强制审核".into(),
        ReviewRule::MonthAboveCumulative => "本月产值大于1-本月累计".into(),
    }
}

impl Serialize for ReviewFlag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ReviewFlag", 4)?;
        s.serialize_field("name", &self.name)?;
        s.serialize_field("region", &self.region)?;
        s.serialize_field("rule", rule_name(self.rule))?;
        s.serialize_field("detail", &detail(self))?;
        s.end()
    }
}
