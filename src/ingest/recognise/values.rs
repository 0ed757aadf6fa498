//! Cell values as numbers: real numbers, numeric text ("1,234.5", "１２３", " 12 "),
//! percent strings, "1.8倍", and the many ways tables say "no value".

use crate::ingest::grid::Cell;

/// What a cell means as a number.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    /// Blank, or a marker such as "—", "-", "…", "/".
    Empty,
    /// A formula error such as "#DIV/0!", treated as empty with a warning.
    FormulaError(String),
    /// Text that is not a number.
    Text(String),
}

const EMPTY_MARKERS: [&str; 10] = ["-", "--", "---", "…", "……", "...", "/", "\\", "－", "—"];

/// Reads a cell as a number. Percent signs are dropped (the value stays in percent
/// units), "X倍" becomes X×100 percent, as NBS writes growth above 100 %.
pub fn number(cell: &Cell) -> Value {
    match cell {
        Cell::Empty => Value::Empty,
        Cell::Number(n) if n.is_finite() => Value::Number(*n),
        Cell::Number(_) => Value::FormulaError("#NUM!".into()),
        Cell::Bool(_) => Value::Text(cell.display()),
        Cell::Error(e) => Value::FormulaError(e.to_string()),
        Cell::Text(t) => parse_text(t),
    }
}

/// The number, or `None` for anything else.
pub fn number_opt(cell: &Cell) -> Option<f64> {
    match number(cell) {
        Value::Number(n) => Some(n),
        _ => None,
    }
}

fn parse_text(raw: &str) -> Value {
    // No number, marker or error code is this long; skip normalising long prose.
    if raw.len() > 64 {
        return Value::Text(raw.trim().to_string());
    }
    let text = crate::ingest::text::normalize(raw);
    if text.is_empty()
        || EMPTY_MARKERS.contains(&text.as_str())
        || text
            .chars()
            .all(|c| matches!(c, '-' | '—' | '…' | '.' | '/'))
    {
        return Value::Empty;
    }
    if text.starts_with('#') && (text.ends_with('!') || text.ends_with("/A") || text.ends_with('?'))
    {
        return Value::FormulaError(text);
    }
    let (body, scale) = if let Some(b) = text.strip_suffix('%') {
        (b, 1.0)
    } else if let Some(b) = text.strip_suffix('倍') {
        (b, 100.0)
    } else {
        (text.as_str(), 1.0)
    };
    let cleaned: String = body.chars().filter(|&c| c != ',' && c != '+').collect();
    match cleaned.parse::<f64>() {
        Ok(n) if n.is_finite() => Value::Number(n * scale),
        _ => Value::Text(raw.trim().to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        number(&Cell::Text(s.into()))
    }

    #[test]
    fn numeric_text_in_every_shape() {
        assert_eq!(t("1,234.5"), Value::Number(1234.5));
        assert_eq!(t(" 12 "), Value::Number(12.0));
        assert_eq!(t("１２３"), Value::Number(123.0));
        assert_eq!(t("-3.5"), Value::Number(-3.5));
        assert_eq!(t("+3.5"), Value::Number(3.5));
        assert_eq!(t("12.5%"), Value::Number(12.5));
        assert_eq!(t("1.8倍"), Value::Number(180.0));
    }

    #[test]
    fn empty_markers_and_errors() {
        for m in ["—", "-", "--", "…", "/", "", "  ", "——", "……"] {
            assert_eq!(t(m), Value::Empty, "{m:?}");
        }
        assert!(matches!(t("#DIV/0!"), Value::FormulaError(_)));
        assert!(matches!(t("#N/A"), Value::FormulaError(_)));
        assert!(matches!(
            number(&Cell::Error("#REF!".into())),
            Value::FormulaError(_)
        ));
        assert!(matches!(t("某某公司"), Value::Text(_)));
    }
}
