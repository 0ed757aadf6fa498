//! The words a report puts around a number, each once: 增长/下降/持平, 高于/低于/与…持平,
//! 拉动/下拉, 第N位, N个百分点. The briefing, the CLI summary, the .docx (through the
//! briefing) and the page all say them from here, so none prints "高于全省0.0个百分点"
//! where another says "与全省持平".
//!
//! Zero is decided on the displayed rounding: a figure that shows as 0.0 is 持平, never
//! "增长0.0%" or "下降0.0%".

use super::format::fixed;

/// One decimal, 四舍五入: how every rate, difference and 亿元 figure is shown.
pub fn one(v: f64) -> String {
    fixed(v, 1)
}

/// Whether `v` shows as zero at one decimal.
pub fn is_zero(v: f64) -> bool {
    one(v.abs()) == "0.0"
}

/// Whether `v` shows as a positive figure (not zero).
pub fn shows_positive(v: f64) -> bool {
    v > 0.0 && !is_zero(v)
}

/// Whether `v` shows as a negative figure (not zero).
pub fn shows_negative(v: f64) -> bool {
    v < 0.0 && !is_zero(v)
}

/// "增长3.2%" / "下降2.1%" / "持平".
pub fn change(v: f64) -> String {
    if is_zero(v) {
        "持平".into()
    } else if v > 0.0 {
        format!("增长{}%", one(v))
    } else {
        format!("下降{}%", one(-v))
    }
}

/// [`change`], "—" when the figure cannot be computed.
pub fn change_or_dash(v: Option<f64>) -> String {
    v.map_or("—".into(), change)
}

/// "高于全省1.7个百分点" / "低于全省0.3个百分点" / "与全省持平".
pub fn versus(diff: f64, whom: &str) -> String {
    if is_zero(diff) {
        format!("与{whom}持平")
    } else if diff > 0.0 {
        format!("高于{whom}{}", pp(diff))
    } else {
        format!("低于{whom}{}", pp(-diff))
    }
}

/// "0.8个百分点".
pub fn pp(v: f64) -> String {
    format!("{}个百分点", one(v))
}

/// "拉动" for a figure that does not show as negative, else "下拉".
pub fn pull_verb(v: f64) -> &'static str {
    if shows_negative(v) {
        "下拉"
    } else {
        "拉动"
    }
}

/// "拉动0.8个百分点" / "下拉0.5个百分点".
pub fn pull(v: f64) -> String {
    pull_on(v, "")
}

/// "拉动当月产值增速0.8个百分点" / "下拉当月产值增速0.5个百分点": `what` is pulled.
pub fn pull_on(v: f64, what: &str) -> String {
    format!("{}{what}{}", pull_verb(v), pp(v.abs()))
}

/// [`pull`], "—" when the figure cannot be computed.
pub fn pull_or_dash(v: Option<f64>) -> String {
    v.map_or("—".into(), pull)
}

/// "第3位".
pub fn rank(r: u32) -> String {
    format!("第{r}位")
}

/// The months of the quarter still to come after `month`, as the speech names them:
/// "3月份当月" for the last one, "后2个月" for more. One wording for the briefing, the
/// panels and the exports.
pub fn remaining_months(month: u32, quarter_end: u32) -> String {
    if month + 1 == quarter_end {
        format!("{quarter_end}月份当月")
    } else {
        format!("后{}个月", quarter_end.saturating_sub(month))
    }
}

/// How a growth moved since an earlier period, as a speech says it: "较1-2月回落0.3个百分点",
/// "较1-2月回升0.5个百分点", "与1-2月持平" (持平 when it shows as 0.0).
pub fn since(change_pp: f64, earlier: &str) -> String {
    if shows_positive(change_pp) {
        format!("较{earlier}回升{}个百分点", one(change_pp))
    } else if shows_negative(change_pp) {
        format!("较{earlier}回落{}个百分点", one(-change_pp))
    } else {
        format!("与{earlier}持平")
    }
}

/// "位次较1-2月前移1位" / "后移2位" / "与1-2月持平": a rank's move, `up` places up.
pub fn rank_since(up: i64, earlier: &str) -> String {
    match up {
        0 => format!("位次与{earlier}持平"),
        u if u > 0 => format!("位次较{earlier}前移{u}位"),
        u => format!("位次较{earlier}后移{}位", -u),
    }
}

/// A target as it was given: "10%" for 10, "10.5%" for 10.5 (never "10.0%").
pub fn given(v: f64) -> String {
    let text = format!("{:.2}", v);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.to_string()
    }
}

/// "9县（市）增加值9升0降" said as a speech says it: "9个县（市）增加值全部增长" when all
/// rose, "全部下降" when all fell, else "6升1降" (and "1持平").
pub fn ups_and_downs(regions: usize, up: usize, down: usize) -> String {
    let flat = regions.saturating_sub(up + down);
    if regions > 1 && up == regions {
        "全部增长".into()
    } else if regions > 1 && down == regions {
        "全部下降".into()
    } else if flat > 0 {
        format!("{up}升{down}降{flat}持平")
    } else {
        format!("{up}升{down}降")
    }
}

/// "减产3户、停产1户": each count with its words, a count of 0 left out (a speech does not
/// say "停产0户"); joined with 、, empty when every count is 0.
pub fn counts(items: &[(&str, usize)]) -> String {
    items
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(what, n)| format!("{what}{n}户"))
        .collect::<Vec<_>>()
        .join("、")
}

/// How a speech counts a few things: "两个", "四个"; digits above ten ("12个").
pub fn how_many(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    match WORDS.get(n) {
        Some(w) => format!("{w}个"),
        None => format!("{n}个"),
    }
}

/// The quarter's cumulative name as speeches say it.
pub fn quarter_name(q: u32) -> String {
    match q {
        3 => "一季度".into(),
        6 => "上半年".into(),
        9 => "前三季度".into(),
        12 => "全年".into(),
        m => format!("1-{m}月"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_since_an_earlier_period_is_said_by_its_direction() {
        assert_eq!(since(-0.34, "1-2月"), "较1-2月回落0.3个百分点");
        assert_eq!(since(0.5, "1-2月"), "较1-2月回升0.5个百分点");
        assert_eq!(since(0.04, "1月"), "与1月持平");
        assert_eq!(since(-0.04, "1月"), "与1月持平");
        assert_eq!(rank_since(1, "1-2月份"), "位次较1-2月份前移1位");
        assert_eq!(rank_since(-2, "1-2月份"), "位次较1-2月份后移2位");
        assert_eq!(rank_since(0, "1月份"), "位次与1月份持平");
    }

    #[test]
    fn targets_as_given_and_groups_all_up_or_down() {
        assert_eq!(given(10.0), "10");
        assert_eq!(given(10.5), "10.5");
        assert_eq!(given(12.25), "12.25");
        assert_eq!(ups_and_downs(9, 9, 0), "全部增长");
        assert_eq!(ups_and_downs(3, 0, 3), "全部下降");
        assert_eq!(ups_and_downs(7, 6, 1), "6升1降");
        assert_eq!(ups_and_downs(7, 5, 1), "5升1降1持平");
        assert_eq!(how_many(2), "两个");
        assert_eq!(counts(&[("减产", 3), ("停产", 0)]), "减产3户");
        assert_eq!(counts(&[("减产", 0)]), "");
        assert_eq!(how_many(12), "12个");
        assert_eq!(remaining_months(2, 3), "3月份当月");
        assert_eq!(remaining_months(1, 3), "后2个月");
    }

    #[test]
    fn zero_is_decided_on_the_displayed_rounding() {
        assert_eq!(change(0.04), "持平");
        assert_eq!(change(-0.04), "持平");
        assert_eq!(change(0.05), "增长0.1%");
        assert_eq!(change(-2.25), "下降2.3%");
        assert_eq!(versus(0.02, "全省"), "与全省持平");
        assert_eq!(versus(-0.3, "全国"), "低于全国0.3个百分点");
        assert_eq!(versus(1.7, "全省"), "高于全省1.7个百分点");
        assert_eq!(pull(-0.04), "拉动0.0个百分点");
        assert_eq!(pull(-0.5), "下拉0.5个百分点");
        assert_eq!(pull_on(0.84, "当月产值增速"), "拉动当月产值增速0.8个百分点");
        assert_eq!(rank(3), "第3位");
        assert_eq!(change_or_dash(None), "—");
    }
}
