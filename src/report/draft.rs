//! The speech draft (讲话稿): the briefing's paragraphs under the speech's section
//! headings, each of which the office may leave out or rewrite. The choices are kept with
//! the session; an edited paragraph remembers the text it was edited from, so when the
//! data changes and the generated text with it, the draft says so and offers the new one.

use super::briefing::Paragraph;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the office changed, by paragraph id. Paragraphs not named are included as
/// generated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub edits: BTreeMap<String, Edit>,
    /// Section titles as the office words them, by the default title (absent in drafts
    /// saved before titles could be changed).
    #[serde(default)]
    pub titles: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    pub include: bool,
    /// The rewritten text, and the generated text it was rewritten from.
    pub text: Option<(String, String)>,
}

impl Default for Edit {
    fn default() -> Self {
        Edit {
            include: true,
            text: None,
        }
    }
}

impl Draft {
    pub fn set_include(&mut self, id: &str, include: bool) {
        self.edits.entry(id.to_string()).or_default().include = include;
        self.tidy(id);
    }

    /// `text` in place of the generated `from`; the generated text itself clears the edit.
    pub fn set_text(&mut self, id: &str, text: &str, from: &str) {
        let edit = self.edits.entry(id.to_string()).or_default();
        edit.text =
            (text.trim() != from.trim()).then(|| (text.trim().to_string(), from.to_string()));
        self.tidy(id);
    }

    pub fn restore(&mut self, id: &str) {
        if let Some(e) = self.edits.get_mut(id) {
            e.text = None;
        }
        self.tidy(id);
    }

    /// Section `section`'s title worded as `title`; empty or the default restores it.
    pub fn set_title(&mut self, section: usize, title: &str) {
        let Some((default, _)) = SECTIONS.get(section) else {
            return;
        };
        let title = title
            .trim()
            .trim_start_matches(|c: char| NUMERALS.contains(&c) || c == '、');
        if title.is_empty() || title == *default {
            self.titles.remove(*default);
        } else {
            self.titles.insert(default.to_string(), title.to_string());
        }
    }

    /// Section `section`'s title, without its numeral.
    pub fn title(&self, section: usize) -> String {
        let default = SECTIONS.get(section).map_or("", |(t, _)| *t);
        self.titles
            .get(default)
            .cloned()
            .unwrap_or_else(|| default.to_string())
    }

    fn tidy(&mut self, id: &str) {
        if self.edits.get(id) == Some(&Edit::default()) {
            self.edits.remove(id);
        }
    }
}

/// One paragraph as the draft has it.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftParagraph {
    pub paragraph: Paragraph,
    /// Its section in `SECTIONS` and that section's title as the office words it.
    pub section: Option<usize>,
    pub title: String,
    pub include: bool,
    /// The office's text, when it rewrote this paragraph.
    pub edited: Option<String>,
    /// Rewritten from a text the data no longer gives: the figures changed since.
    pub stale: bool,
}

impl DraftParagraph {
    /// What is read aloud: the office's text, else the generated one.
    pub fn text(&self) -> &str {
        self.edited.as_deref().unwrap_or(&self.paragraph.text)
    }
}

/// The speech's sections, in order: the default title (numbered when written out, 一、…)
/// and the paragraphs each holds.
pub const SECTIONS: [(&str, &[&str]); 6] = [
    ("总体运行", &["headline"]),
    ("分县区", &["regions", "tasks"]),
    ("停产减产企业", &["status", "ledger-stop"]),
    ("目标任务", &["target", "scenario", "va"]),
    ("重点企业", &["ledger-key", "new"]),
    ("审核与查询", &["ledger-review"]),
];

const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// The section paragraph `id` belongs to.
pub fn section_of(id: &str) -> Option<usize> {
    SECTIONS.iter().position(|(_, ids)| ids.contains(&id))
}

/// Each section's heading as written out: numbered 一、二、… over the sections that have a
/// paragraph included (leaving one out renumbers the rest); a section with none keeps its
/// title unnumbered (shown on the page, never written out).
pub fn headings(paragraphs: &[DraftParagraph]) -> BTreeMap<usize, String> {
    let mut out = BTreeMap::new();
    let mut n = 0;
    for p in paragraphs {
        let Some(section) = p.section else { continue };
        let included = paragraphs
            .iter()
            .any(|q| q.section == Some(section) && q.include);
        out.entry(section).or_insert_with(|| {
            if included {
                n += 1;
                format!(
                    "{}、{}",
                    NUMERALS.get(n - 1).copied().unwrap_or('十'),
                    p.title
                )
            } else {
                p.title.clone()
            }
        });
    }
    out
}

/// The briefing's paragraphs in the speech's order with the draft's choices applied.
pub fn apply(draft: &Draft, paragraphs: &[Paragraph]) -> Vec<DraftParagraph> {
    let order = |p: &Paragraph| {
        SECTIONS
            .iter()
            .flat_map(|(_, ids)| ids.iter())
            .position(|id| *id == p.id)
            .unwrap_or(usize::MAX)
    };
    let section_title = |id: &str| {
        let section = section_of(id);
        (section, section.map(|s| draft.title(s)).unwrap_or_default())
    };
    let mut sorted: Vec<&Paragraph> = paragraphs.iter().collect();
    sorted.sort_by_key(|p| order(p));
    sorted
        .into_iter()
        .map(|p| {
            let edit = draft.edits.get(p.id).cloned().unwrap_or_default();
            let stale = edit.text.as_ref().is_some_and(|(_, from)| *from != p.text);
            let (section, title) = section_title(p.id);
            DraftParagraph {
                paragraph: p.clone(),
                section,
                title,
                include: edit.include,
                edited: edit.text.map(|(t, _)| t),
                stale,
            }
        })
        .collect()
}

/// The included paragraphs under their headings, as (heading, texts): what 复制, the text
/// file and the .docx carry. A heading with nothing included is left out.
pub fn sections(paragraphs: &[DraftParagraph]) -> Vec<(String, Vec<String>)> {
    let headings = headings(paragraphs);
    let mut out: Vec<(Option<usize>, String, Vec<String>)> = Vec::new();
    for p in paragraphs.iter().filter(|p| p.include) {
        match out.last_mut() {
            Some((s, _, texts)) if *s == p.section => texts.push(p.text().to_string()),
            _ => out.push((
                p.section,
                p.section
                    .and_then(|s| headings.get(&s).cloned())
                    .unwrap_or_default(),
                vec![p.text().to_string()],
            )),
        }
    }
    out.into_iter().map(|(_, h, texts)| (h, texts)).collect()
}

/// Plain text: each heading on its own line, then its paragraphs, blank lines between.
pub fn plain_text(sections: &[(String, Vec<String>)]) -> String {
    sections
        .iter()
        .map(|(h, texts)| {
            std::iter::once(h.to_string())
                .filter(|h| !h.is_empty())
                .chain(texts.iter().cloned())
                .collect::<Vec<_>>()
                .join("\n\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(id: &'static str, text: &str) -> Paragraph {
        Paragraph {
            id,
            text: text.into(),
            traces: Vec::new(),
        }
    }

    #[test]
    fn paragraphs_come_in_the_speechs_order_under_its_headings() {
        let ps = [
            p("status", "停"),
            p("headline", "总"),
            p("tasks", "务"),
            p("regions", "区"),
        ];
        let d = apply(&Draft::default(), &ps);
        let ids: Vec<&str> = d.iter().map(|x| x.paragraph.id).collect();
        assert_eq!(ids, ["headline", "regions", "tasks", "status"]);
        let s = sections(&d);
        assert_eq!(s[0], ("一、总体运行".to_string(), vec!["总".to_string()]));
        assert_eq!(
            s[1],
            (
                "二、分县区".to_string(),
                vec!["区".to_string(), "务".to_string()]
            )
        );
        assert_eq!(
            plain_text(&s),
            "一、总体运行\n\n总\n\n二、分县区\n\n区\n\n务\n\n三、停产减产企业\n\n停\n"
        );
    }

    #[test]
    fn a_paragraph_left_out_or_rewritten_is_so_in_the_text_and_says_when_its_data_changed() {
        let mut draft = Draft::default();
        draft.set_include("regions", false);
        draft.set_text("headline", "全市增长较快。", "总体4.8%");
        let d = apply(&draft, &[p("headline", "总体4.8%"), p("regions", "区")]);
        assert_eq!(
            sections(&d),
            vec![(
                "一、总体运行".to_string(),
                vec!["全市增长较快。".to_string()]
            )]
        );
        assert!(!d[0].stale);
        // The data changed: the generated text is another now.
        let d = apply(&draft, &[p("headline", "总体5.1%"), p("regions", "区")]);
        assert!(d[0].stale);
        assert_eq!(d[0].text(), "全市增长较快。");
        // Back to the generated text, and included again: nothing left to keep.
        draft.restore("headline");
        draft.set_include("regions", true);
        assert_eq!(draft, Draft::default());
        // Typing the generated text again is no edit.
        draft.set_text("headline", "总体5.1% ", "总体5.1%");
        assert_eq!(draft, Draft::default());
    }

    #[test]
    fn the_office_words_the_headings_and_leaving_a_section_out_renumbers_the_rest() {
        let mut draft = Draft::default();
        draft.set_title(0, "二、全市工业运行总体情况");
        draft.set_title(1, "分县区");
        assert_eq!(
            draft.title(0),
            "全市工业运行总体情况",
            "a typed numeral is not kept"
        );
        assert!(
            !draft.titles.contains_key("分县区"),
            "the default is no change"
        );
        draft.set_include("regions", false);
        draft.set_include("tasks", false);
        let d = apply(
            &draft,
            &[
                p("headline", "总"),
                p("regions", "区"),
                p("tasks", "务"),
                p("status", "停"),
            ],
        );
        let s = sections(&d);
        let heads: Vec<&str> = s.iter().map(|(h, _)| h.as_str()).collect();
        assert_eq!(heads, ["一、全市工业运行总体情况", "二、停产减产企业"]);
        // On the page the left-out section keeps its title, unnumbered.
        assert_eq!(headings(&d).get(&1).map(String::as_str), Some("分县区"));
        draft.set_title(0, "");
        assert_eq!(draft, {
            let mut back = Draft::default();
            back.set_include("regions", false);
            back.set_include("tasks", false);
            back
        });
    }
}
