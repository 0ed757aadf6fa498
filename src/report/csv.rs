//! Tables as CSV for Chinese Excel: UTF-8 with a BOM (without it Excel reads GBK and shows
//! mojibake), RFC 4180 quoting, and text cells that start with = + - @ neutralised so a
//! name such as "=HYPERLINK(…)" stays text instead of becoming a formula.

use super::format::{fixed, pct, yi};
use crate::analysis::Analysis;

/// One cell: text is neutralised and quoted as needed, numbers are written as they are.
#[derive(Debug, Clone, PartialEq)]
pub enum CsvCell {
    Text(String),
    Number(String),
}

fn text(s: impl Into<String>) -> CsvCell {
    CsvCell::Text(s.into())
}

/// A displayed figure ("—" for a missing one stays text).
fn figure(s: String) -> CsvCell {
    if s == "—" {
        CsvCell::Text(s)
    } else {
        CsvCell::Number(s)
    }
}

fn escape(cell: &CsvCell) -> String {
    match cell {
        CsvCell::Number(n) => n.clone(),
        CsvCell::Text(t) => {
            let mut t = t.clone();
            if t.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                t.insert(0, '\'');
            }
            if t.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", t.replace('"', "\"\""))
            } else {
                t
            }
        }
    }
}

/// The CSV text, BOM first, CRLF line ends (what Excel writes).
pub fn to_csv(header: &[&str], rows: &[Vec<CsvCell>]) -> String {
    let mut out = String::from("\u{FEFF}");
    out += &header
        .iter()
        .map(|h| escape(&text(*h)))
        .collect::<Vec<_>>()
        .join(",");
    out += "\r\n";
    for row in rows {
        out += &row.iter().map(escape).collect::<Vec<_>>().join(",");
        out += "\r\n";
    }
    out
}

pub fn regions_csv(a: &Analysis) -> String {
    let rows: Vec<Vec<CsvCell>> = a
        .regions
        .iter()
        .map(|r| {
            vec![
                text(r.name.clone()),
                text(r.group.label()),
                CsvCell::Number(r.enterprises.to_string()),
                figure(yi(r.output)),
                figure(pct(r.output_growth_pct)),
                figure(pct(r.contribution_pct)),
                figure(pct(r.pull_pp)),
                figure(pct(r.value_added_growth_pct)),
            ]
        })
        .collect();
    to_csv(
        &[
            "地区",
            "分组",
            "企业数",
            "累计产值(亿元)",
            "同比(%)",
            "贡献率(%)",
            "拉动(百分点)",
            "增加值增速(%)",
        ],
        &rows,
    )
}

pub fn industries_csv(a: &Analysis) -> String {
    let rows: Vec<Vec<CsvCell>> = a
        .industries
        .iter()
        .map(|i| {
            vec![
                text(i.code.clone()),
                text(i.name.clone()),
                CsvCell::Number(i.enterprises.to_string()),
                figure(yi(i.output)),
                figure(pct(i.output_growth_pct)),
                figure(pct(i.contribution_pct)),
                figure(pct(i.pull_pp)),
            ]
        })
        .collect();
    to_csv(
        &[
            "行业代码",
            "行业",
            "企业数",
            "累计产值(亿元)",
            "同比(%)",
            "贡献率(%)",
            "拉动(百分点)",
        ],
        &rows,
    )
}

pub fn enterprises_csv(a: &Analysis) -> String {
    let rows: Vec<Vec<CsvCell>> = a
        .enterprises
        .iter()
        .map(|e| {
            vec![
                text(e.name.clone()),
                text(e.code.clone().unwrap_or_default()),
                text(e.region.clone()),
                text(e.division_name.clone().unwrap_or_default()),
                figure(fixed(e.output, 4)),
                figure(fixed(e.output_prior, 4)),
                figure(pct(e.output_growth_pct)),
                figure(fixed(e.increment, 4)),
                figure(e.pull_pp.map_or("—".into(), |p| fixed(p, 2))),
                text(e.status.label()),
                text(if e.is_new { "是" } else { "否" }),
            ]
        })
        .collect();
    to_csv(
        &[
            "企业名称",
            "统一社会信用代码",
            "县区",
            "行业",
            "累计产值(亿元)",
            "上年同期(亿元)",
            "同比(%)",
            "增量(亿元)",
            "拉动(百分点)",
            "状态",
            "新入规",
        ],
        &rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_quoting_and_injection() {
        let csv = to_csv(
            &["名称", "值"],
            &[
                vec![
                    text("=HYPERLINK(\"http://x\",\"点我\")"),
                    CsvCell::Number("-2.1".into()),
                ],
                vec![text("+1"), text("@SUM(A1)")],
                vec![text("-10"), text("甲,乙\n丙")],
            ],
        );
        assert!(csv.starts_with('\u{FEFF}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[0], "名称,值");
        assert_eq!(
            lines[1], "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",-2.1",
            "negative numbers stay numbers"
        );
        assert_eq!(lines[2], "'+1,'@SUM(A1)");
        assert_eq!(
            lines[3], "'-10,\"甲,乙\n丙\"",
            "a line break inside a quoted field"
        );
    }
}
