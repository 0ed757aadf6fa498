//! Figures in the briefing that the page lets a reader trace (click a number, see where it
//! comes from): the sentences mark a figure with its `explain` key while they are built,
//! and the marks are taken out again before anyone reads the text, leaving the plain text
//! and, beside it, which characters show which key.

use serde::Serialize;

// Private-use characters: no workbook text is expected to hold them, and any that does
// is dropped rather than read as a mark.
const OPEN: char = '\u{E000}';
const MID: char = '\u{E001}';
const CLOSE: char = '\u{E002}';

/// `shown`, marked as the figure of `key` (an `explain` key: "city.output_growth_pct").
pub fn mark(key: &str, shown: &str) -> String {
    format!("{OPEN}{}{MID}{}{CLOSE}", clean(key), clean(shown))
}

fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(*c, OPEN | MID | CLOSE))
        .collect()
}

/// Where a traced figure sits in the plain text: bytes `start..end`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceSpan {
    pub start: usize,
    pub end: usize,
    pub key: String,
}

/// The plain text of `marked` and its traced spans, in order.
pub fn resolve(marked: &str) -> (String, Vec<TraceSpan>) {
    let mut text = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find(OPEN) {
        text.push_str(&clean(&rest[..open]));
        let after = &rest[open + OPEN.len_utf8()..];
        let parsed = after.find(MID).and_then(|mid| {
            let close = after[mid..].find(CLOSE)? + mid;
            Some((&after[..mid], &after[mid + MID.len_utf8()..close], close))
        });
        match parsed {
            Some((key, shown, close)) if !key.contains(OPEN) && !shown.contains(OPEN) => {
                let start = text.len();
                text.push_str(shown);
                spans.push(TraceSpan {
                    start,
                    end: text.len(),
                    key: key.to_string(),
                });
                rest = &after[close + CLOSE.len_utf8()..];
            }
            _ => rest = after,
        }
    }
    text.push_str(&clean(rest));
    (text, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_come_out_and_say_where_each_figure_is() {
        let marked = format!(
            "全市{}户企业，同比{}。",
            mark("city.enterprises", "1490"),
            mark("city.output_growth_pct", "增长4.8%")
        );
        let (text, spans) = resolve(&marked);
        assert_eq!(text, "全市1490户企业，同比增长4.8%。");
        assert_eq!(spans.len(), 2);
        assert_eq!(&text[spans[0].start..spans[0].end], "1490");
        assert_eq!(spans[0].key, "city.enterprises");
        assert_eq!(&text[spans[1].start..spans[1].end], "增长4.8%");
    }

    #[test]
    fn stray_marks_in_data_are_dropped_not_read() {
        let name = format!("甲{OPEN}乙{MID}丙");
        let marked = format!(
            "{name}拉动{}个百分点",
            mark(&format!("regions[{name}].pull_pp"), "1.2")
        );
        let (text, spans) = resolve(&marked);
        assert_eq!(text, "甲乙丙拉动1.2个百分点");
        assert_eq!(spans.len(), 1);
        assert_eq!(spans[0].key, "regions[甲乙丙].pull_pp");
        assert_eq!(&text[spans[0].start..spans[0].end], "1.2");
        assert_eq!(resolve(&format!("a{OPEN}b{CLOSE}c{MID}")).0, "abc");
    }
}
