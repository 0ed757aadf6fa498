//! What a report file (导出分析报告) says it holds, shown in its banner: written beside its
//! tables in clear (no enterprise name or figure in it), so a locked file can say what it
//! is before the password is typed.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportMeta {
    /// "青川市2023年1-2月工业经济运行分析": the file's name and the page's title.
    pub title: String,
    /// The workbooks the tables were read from.
    pub files: Vec<String>,
    /// "2023年1-2月", or "" when no period was recognised.
    pub period: String,
    /// When the file was made, local time ("2026-12-06 17:05").
    pub made: String,
}

/// This page is a report file: what it holds and whether its tables are still locked.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub meta: ReportMeta,
    pub locked: bool,
}

impl Report {
    /// The banner's sentence.
    pub fn banner(&self) -> String {
        let mut s = self.meta.title.clone();
        if !self.meta.files.is_empty() {
            s += &format!("。来源文件：{}", self.meta.files.join("、"));
        }
        s += &format!("；生成于 {}。", self.meta.made);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::{Report, ReportMeta};

    #[test]
    fn the_banner_says_what_the_file_holds() {
        let r = Report {
            meta: ReportMeta {
                title: "青川市2023年1-2月工业经济运行分析".into(),
                files: vec!["a.xlsx".into(), "b.xls".into()],
                period: "2023年1-2月".into(),
                made: "2026-12-06 17:05".into(),
            },
            locked: false,
        };
        assert_eq!(
            r.banner(),
            "青川市2023年1-2月工业经济运行分析。来源文件：a.xlsx、b.xls；生成于 2026-12-06 17:05。"
        );
    }
}
