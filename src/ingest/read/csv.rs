//! Delimited text: encoding detection (UTF-8 with or without BOM, UTF-16 with BOM, else
//! GB18030, which covers GBK and GB2312) and RFC 4180 parsing with comma, tab or
//! semicolon as the separator.

use crate::ingest::grid::{Cell, RawGrid};

/// Which encoding the text was decoded from, reported to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16,
    Gb18030,
}

/// Decodes bytes to text. Chinese Excel saves CSV as GBK, so invalid UTF-8 means GB18030.
pub fn decode(bytes: &[u8]) -> (String, TextEncoding) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (
            String::from_utf8_lossy(rest).into_owned(),
            TextEncoding::Utf8,
        );
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        return (text.into_owned(), TextEncoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), TextEncoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), TextEncoding::Gb18030)
        }
    }
}

/// The separator that splits the first lines most consistently.
fn guess_delimiter(text: &str) -> char {
    let sample: Vec<&str> = text.lines().take(20).collect();
    let score = |d: char| -> usize {
        sample
            .iter()
            .map(|l| l.matches(d).count())
            .filter(|&n| n > 0)
            .count()
            * 1000
            + sample.iter().map(|l| l.matches(d).count()).sum::<usize>()
    };
    ['\t', ',', ';']
        .into_iter()
        .max_by_key(|&d| (score(d), d == ','))
        .unwrap_or(',')
}

/// Parses delimited text into one sheet named after the file.
pub fn parse(bytes: &[u8], sheet: &str) -> (RawGrid, TextEncoding) {
    let (text, encoding) = decode(bytes);
    let delimiter = guess_delimiter(&text);
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    let finish_field = |field: &mut String, row: &mut Vec<Cell>| {
        let value = std::mem::take(field);
        row.push(if value.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value.into_boxed_str())
        });
    };
    while let Some(ch) = chars.next() {
        if in_quotes {
            if ch == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(ch);
            }
        } else if ch == '"' && field.is_empty() {
            in_quotes = true;
        } else if ch == delimiter {
            finish_field(&mut field, &mut row);
        } else if ch == '\n' || ch == '\r' {
            if ch == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            finish_field(&mut field, &mut row);
            rows.push(std::mem::take(&mut row));
        } else {
            field.push(ch);
        }
    }
    if !field.is_empty() || !row.is_empty() {
        finish_field(&mut field, &mut row);
        rows.push(row);
    }
    (RawGrid::from_rows(sheet, rows), encoding)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_is_detected_and_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("企业名称,县区\n某某机械,某某区\n");
        let (grid, enc) = parse(&bytes, "t");
        assert_eq!(enc, TextEncoding::Gb18030);
        assert_eq!(grid.get(1, 1), &Cell::Text("某某区".into()));
    }

    #[test]
    fn bom_quotes_and_tabs() {
        let text = "\u{FEFF}名称\t产值\n\"甲,\"\"乙\"\"\"\t1,234.5\r\n";
        let (grid, enc) = parse(text.as_bytes(), "t");
        assert_eq!(enc, TextEncoding::Utf8);
        assert_eq!(grid.get(0, 0), &Cell::Text("名称".into()));
        assert_eq!(grid.get(1, 0), &Cell::Text("甲,\"乙\"".into()));
        assert_eq!(grid.get(1, 1), &Cell::Text("1,234.5".into()));
        assert_eq!(grid.rows(), 2);
    }

    #[test]
    fn multiline_quoted_field() {
        let (grid, _) = parse("a,\"x\ny\"\n1,2".as_bytes(), "t");
        assert_eq!(grid.get(0, 1), &Cell::Text("x\ny".into()));
        assert_eq!(grid.get(1, 1), &Cell::Text("2".into()));
    }
}
