//! Merged cells of an .ods, which calamine's Ods reader does not report: the spans each
//! cell of content.xml declares (`table:number-rows-spanned`, `table:number-columns-
//! spanned`), by sheet, in the sheet's own coordinates (repeated rows and cells counted).
//! A region written once over its block of enterprises is such a span.

use super::xml_scan::{attr, decode, Scan, Token, Tokens};
use calamine::Dimensions;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// Bounds for a hostile file: content.xml inflated at most this far, at most this many
/// spans kept.
const MAX_CONTENT: u64 = 512 * 1024 * 1024;
const MAX_MERGES: usize = 100_000;

/// Each sheet's merged ranges; empty when the file has none or content.xml is not
/// plain enough for the scanner (the sheets then read as before, without merges).
pub fn merges(bytes: &[u8]) -> HashMap<String, Vec<Dimensions>> {
    content(bytes)
        .and_then(|xml| scan(&xml).ok())
        .unwrap_or_default()
}

fn content(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut entry = archive.by_name("content.xml").ok()?;
    let mut xml = Vec::new();
    entry
        .by_ref()
        .take(MAX_CONTENT)
        .read_to_end(&mut xml)
        .ok()?;
    Some(xml)
}

/// A count attribute (repeats, spans), 1 when absent.
fn count(attrs: &[u8], key: &[u8]) -> Scan<u32> {
    Ok(attr(attrs, key)?
        .and_then(|v| std::str::from_utf8(v).ok()?.parse().ok())
        .unwrap_or(1))
}

fn scan(xml: &[u8]) -> Scan<HashMap<String, Vec<Dimensions>>> {
    let mut out: HashMap<String, Vec<Dimensions>> = HashMap::new();
    let mut tokens = Tokens::new(xml);
    let mut sheet: Option<String> = None;
    // Depth of tables: a table inside a cell (a sub-table) is not a sheet.
    let mut depth = 0usize;
    let (mut row, mut col, mut row_repeat) = (0u32, 0u32, 1u32);
    let mut kept = 0usize;
    while let Some(token) = tokens.next_token()? {
        match token {
            Token::Open {
                name: b"table",
                attrs,
                empty,
            } => {
                if !empty {
                    depth += 1;
                }
                if depth == 1 {
                    let mut named = String::new();
                    decode(
                        attr(attrs, b"table:name")?.unwrap_or_default(),
                        false,
                        &mut named,
                    )?;
                    sheet = Some(named);
                    row = 0;
                }
            }
            Token::Close { name: b"table" } => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    sheet = None;
                }
            }
            Token::Open {
                name: b"table-row",
                attrs,
                empty,
            } if depth == 1 => {
                col = 0;
                row_repeat = count(attrs, b"table:number-rows-repeated")?;
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            Token::Close { name: b"table-row" } if depth == 1 => {
                row = row.saturating_add(row_repeat);
            }
            Token::Open { name, attrs, .. }
                if depth == 1 && (name == b"table-cell" || name == b"covered-table-cell") =>
            {
                let repeat = count(attrs, b"table:number-columns-repeated")?;
                if name == b"table-cell" {
                    let rows = count(attrs, b"table:number-rows-spanned")?;
                    let cols = count(attrs, b"table:number-columns-spanned")?;
                    if let Some(sheet) = sheet
                        .as_ref()
                        .filter(|_| (rows > 1 || cols > 1) && kept < MAX_MERGES)
                    {
                        out.entry(sheet.clone()).or_default().push(Dimensions {
                            start: (row, col),
                            end: (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
                        });
                        kept += 1;
                    }
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_read_in_the_sheets_coordinates() {
        let xml = br#"<office:document-content><office:body><office:spreadsheet>
<table:table table:name="&#x4F01;&#x4E1A;"><table:table-column table:number-columns-repeated="3"/>
<table:table-row><table:table-cell table:number-columns-spanned="3"><text:p>title</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell table:number-rows-spanned="4"><text:p>region</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:covered-table-cell/></table:table-row>
</table:table>
<table:table table:name="B"><table:table-row><table:table-cell/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"#;
        let merges = scan(xml).unwrap();
        let sheet = &merges["企业"];
        assert_eq!(sheet.len(), 2);
        assert_eq!((sheet[0].start, sheet[0].end), ((0, 0), (0, 2)));
        // Below a row repeated twice: the fourth row, third column.
        assert_eq!((sheet[1].start, sheet[1].end), ((3, 2), (6, 2)));
        assert!(!merges.contains_key("B"));
    }
}
