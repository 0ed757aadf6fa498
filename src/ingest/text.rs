//! Normalising header and label text: full-width ASCII to half-width, every kind of
//! white space and line break removed ("总　计" → "总计", "（千元）" → "(千元)").

use std::borrow::Cow;

/// Normalised form used for all matching.
pub fn normalize(raw: &str) -> String {
    raw.chars().filter_map(normal_char).collect()
}

/// `normalize` without a copy when the text is already normal, as nearly every
/// enterprise name is (this runs for every row of a province's table).
pub fn normalized(raw: &str) -> Cow<'_, str> {
    if raw.chars().all(|c| normal_char(c) == Some(c)) {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(normalize(raw))
    }
}

fn normal_char(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() || c == '\u{3000}' => None,
        '—' | '–' | '－' | '~' | '～' | '至' => Some('-'),
        // Full-width forms of ASCII (！ to ～) map to ASCII by a fixed offset.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '【' | '〔' => Some('['),
        '】' | '〕' => Some(']'),
        c => Some(c),
    }
}

/// True when `text` contains any of `needles`.
pub fn has_any(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| text.contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_spaces_and_dashes() {
        assert_eq!(normalize("总　计"), "总计");
        assert_eq!(normalize("企 业\n名称"), "企业名称");
        assert_eq!(normalize("工业总产值（当年价格）"), "工业总产值(当年价格)");
        assert_eq!(normalize("１—２月"), "1-2月");
        assert_eq!(normalize("单位：千元"), "单位:千元");
        assert!(matches!(normalized("示例市注塑有限公司"), Cow::Borrowed(_)));
        assert_eq!(normalized("总　计"), "总计");
    }
}
