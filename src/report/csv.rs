//! Tables as CSV for Chinese Excel: UTF-8 with a BOM (without it Excel reads GBK and shows
//! mojibake), RFC 4180 quoting, and text cells that start with = + - @ neutralised so a
//! name such as "=HYPERLINK(…)" stays text instead of becoming a formula.

use super::tables::{self, Table, Value};
use crate::analysis::Analysis;

fn escape_text(t: &str) -> String {
    let mut t = t.to_string();
    if t.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        t.insert(0, '\'');
    }
    if t.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", t.replace('"', "\"\""))
    } else {
        t
    }
}

/// Numbers are written as displayed (a negative number stays a number); text, and the
/// "—" of a missing figure, is neutralised and quoted.
fn escape(cell: &Value) -> String {
    match cell {
        Value::Text(t) => escape_text(t),
        Value::Number { value: None, .. } => escape_text(&cell.display()),
        _ => cell.display(),
    }
}

/// The CSV text, BOM first, CRLF line ends (what Excel writes).
pub fn to_csv(table: &Table) -> String {
    let mut out = String::from("\u{FEFF}");
    out += &table
        .columns
        .iter()
        .map(|c| escape_text(c.header))
        .collect::<Vec<_>>()
        .join(",");
    out += "\r\n";
    for row in &table.rows {
        out += &row.iter().map(escape).collect::<Vec<_>>().join(",");
        out += "\r\n";
    }
    out
}

pub fn regions_csv(a: &Analysis) -> String {
    to_csv(&tables::regions(a))
}

/// 县区×月份, or an empty table's header when fewer than two periods are loaded.
pub fn region_months_csv(a: &Analysis) -> String {
    tables::region_months(a).map_or_else(String::new, |t| to_csv(&t))
}

pub fn industries_csv(a: &Analysis) -> String {
    to_csv(&tables::industries(a))
}

pub fn enterprises_csv(a: &Analysis) -> String {
    to_csv(&tables::enterprises(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tables::Column;

    #[test]
    fn bom_quoting_and_injection() {
        let column = |header| Column {
            header,
            width: 8.0,
            key: crate::report::tables::ColumnKey::None,
            signed: false,
        };
        let csv = to_csv(&Table {
            name: "t",
            columns: vec![column("名称"), column("值")],
            rows: vec![
                vec![
                    Value::text("=HYPERLINK(\"http://x\",\"点我\")"),
                    Value::fixed(-2.14, 1),
                ],
                vec![Value::text("+1"), Value::text("@SUM(A1)")],
                vec![Value::text("-10"), Value::text("甲,乙\n丙")],
                vec![Value::Count(3), Value::one(None)],
            ],
        });
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
        assert_eq!(lines[4], "3,—");
    }
}
