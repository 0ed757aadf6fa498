//! GB/T 4754-2017 industrial divisions 06–46 (the 41 大类), with 2011 names accepted.

/// (code, 2017 name) for every industrial division.
pub const DIVISIONS: [(&str, &str); 41] = [
    ("06", "煤炭开采和洗选业"),
    ("07", "石油和天然气开采业"),
    ("08", "黑色金属矿采选业"),
    ("09", "有色金属矿采选业"),
    ("10", "非金属矿采选业"),
    ("11", "开采专业及辅助性活动"),
    ("12", "其他采矿业"),
    ("13", "农副食品加工业"),
    ("14", "食品制造业"),
    ("15", "酒、饮料和精制茶制造业"),
    ("16", "烟草制品业"),
    ("17", "纺织业"),
    ("18", "纺织服装、服饰业"),
    ("19", "皮革、毛皮、羽毛及其制品和制鞋业"),
    ("20", "木材加工和木、竹、藤、棕、草制品业"),
    ("21", "家具制造业"),
    ("22", "造纸和纸制品业"),
    ("23", "印刷和记录媒介复制业"),
    ("24", "文教、工美、体育和娱乐用品制造业"),
    ("25", "石油、煤炭及其他燃料加工业"),
    ("26", "化学原料和化学制品制造业"),
    ("27", "医药制造业"),
    ("28", "化学纤维制造业"),
    ("29", "橡胶和塑料制品业"),
    ("30", "非金属矿物制品业"),
    ("31", "黑色金属冶炼和压延加工业"),
    ("32", "有色金属冶炼和压延加工业"),
    ("33", "金属制品业"),
    ("34", "通用设备制造业"),
    ("35", "专用设备制造业"),
    ("36", "汽车制造业"),
    ("37", "铁路、船舶、航空航天和其他运输设备制造业"),
    ("38", "电气机械和器材制造业"),
    ("39", "计算机、通信和其他电子设备制造业"),
    ("40", "仪器仪表制造业"),
    ("41", "其他制造业"),
    ("42", "废弃资源综合利用业"),
    ("43", "金属制品、机械和设备修理业"),
    ("44", "电力、热力生产和供应业"),
    ("45", "燃气生产和供应业"),
    ("46", "水的生产和供应业"),
];

/// Names from GB/T 4754-2011 that old files still use.
const RENAMED_2011: [(&str, &str); 2] = [
    ("11", "开采辅助活动"),
    ("25", "石油加工、炼焦和核燃料加工业"),
];

/// The 2017 name of a two-digit division code.
pub fn division_name(code: &str) -> Option<&'static str> {
    // Two bytes compared directly: this runs for every enterprise row.
    let [a, b] = code.as_bytes() else {
        return None;
    };
    DIVISIONS
        .iter()
        .find(|(c, _)| c.as_bytes() == [*a, *b])
        .map(|(_, n)| *n)
}

/// The division of an industry name (2017 or 2011 wording), for files without codes.
pub fn division_of_name(name: &str) -> Option<&'static str> {
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    DIVISIONS
        .iter()
        .chain(RENAMED_2011.iter())
        .find(|(_, n)| *n == name)
        .map(|(c, _)| *c)
}

/// The two-digit division of a code as files carry it: "3442", "C3442", "06", "0610",
/// the number 3442.0, or "610" (a 4-digit class whose leading zero a spreadsheet ate).
pub fn normalize_industry_code(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let without_section = trimmed.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let digits = without_section
        .strip_suffix(".0")
        .unwrap_or(without_section);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let code = match digits.len() {
        1 | 3 => format!("0{digits}"),
        _ => digits.to_string(),
    };
    let division = &code[..2];
    division_name(division).map(|_| division.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_in_every_shape() {
        assert_eq!(normalize_industry_code("3442").as_deref(), Some("34"));
        assert_eq!(normalize_industry_code("C3442").as_deref(), Some("34"));
        assert_eq!(normalize_industry_code("3442.0").as_deref(), Some("34"));
        assert_eq!(normalize_industry_code("610").as_deref(), Some("06"));
        assert_eq!(normalize_industry_code("6").as_deref(), Some("06"));
        assert_eq!(normalize_industry_code("06").as_deref(), Some("06"));
        assert_eq!(normalize_industry_code("B0610").as_deref(), Some("06"));
        assert_eq!(
            normalize_industry_code("5211"),
            None,
            "retail is not industry"
        );
        assert_eq!(normalize_industry_code("机械"), None);
    }

    #[test]
    fn names_2011_and_2017() {
        assert_eq!(division_of_name("开采辅助活动"), Some("11"));
        assert_eq!(division_of_name("通用设备制造业"), Some("34"));
        assert_eq!(division_name("46"), Some("水的生产和供应业"));
    }
}
