//! "Excel" files that are markup: HTML tables (what many bureau systems export with an
//! .xls name, colspan / rowspan as merges) and XML Spreadsheet 2003 (ss:Index,
//! ss:MergeAcross / ss:MergeDown). Both are read by one lenient tag scanner written
//! here (a few hundred lines, no dependency: an HTML parser crate would cost the wasm
//! more than the tables we need from it). The text is decoded by the charset the file
//! declares (meta tag, XML declaration or BOM; GBK included), else UTF-8, else GB18030.

use crate::ingest::diag::IngestError;
use crate::ingest::file_format::Format;
use crate::ingest::grid::{Cell, Merge, RawGrid};

/// Limits that keep a hostile file bounded: spans are clipped, and a table whose dense
/// grid would exceed `MAX_CELLS` is refused.
const MAX_SPAN: usize = 1000;
const MAX_COLS: usize = 16_384;
const MAX_CELLS: usize = 10_000_000;
const MAX_ROWS: usize = 1_048_576;

/// The text of a markup file, by its declared charset.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return encoding_rs::UTF_16LE.decode(bytes).0.into_owned();
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return encoding_rs::UTF_16BE.decode(bytes).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = ["charset=", "encoding="].iter().find_map(|key| {
        let at = head.find(key)? + key.len();
        let label: String = head[at..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    match declared {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            enc.decode_without_bom_handling(bytes).0.into_owned()
        }
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
        },
    }
}

#[derive(Debug, PartialEq)]
enum Tag<'a> {
    Open {
        /// Lower-cased local name (any prefix dropped).
        name: String,
        attrs: &'a str,
        empty: bool,
    },
    Close(String),
    Text(&'a str),
}

/// A lenient scanner: comments, declarations and processing instructions are skipped,
/// `<script>` and `<style>` bodies too; a stray `<` is text.
struct Scanner<'a> {
    src: &'a str,
    pos: usize,
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase()
}

impl<'a> Scanner<'a> {
    fn next(&mut self) -> Option<Tag<'a>> {
        let src = self.src;
        loop {
            let rest = &src[self.pos..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let len = rest.find('<').unwrap_or(rest.len());
                self.pos += len;
                return Some(Tag::Text(&rest[..len]));
            }
            if rest.starts_with("<!--") {
                self.pos += rest.find("-->").map_or(rest.len(), |e| e + 3);
                continue;
            }
            if let Some(body) = rest.strip_prefix("<![CDATA[") {
                let len = body.find("]]>").unwrap_or(body.len());
                self.pos += 9 + len + if len < body.len() { 3 } else { 0 };
                return Some(Tag::Text(&body[..len]));
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                self.pos += rest.find('>').map_or(rest.len(), |e| e + 1);
                continue;
            }
            let close = rest.starts_with("</");
            let name_start = if close { 2 } else { 1 };
            let name_len = rest[name_start..]
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(rest.len() - name_start);
            if name_len == 0 || !rest[name_start..].starts_with(|c: char| c.is_alphabetic()) {
                // A lone '<' in text.
                self.pos += 1;
                return Some(Tag::Text(&rest[..1]));
            }
            let name = local(&rest[name_start..name_start + name_len]);
            let end = tag_end(rest).unwrap_or(rest.len());
            let inner =
                &rest[name_start + name_len..end.saturating_sub(1).max(name_start + name_len)];
            self.pos += end;
            if close {
                return Some(Tag::Close(name));
            }
            let empty = inner.trim_end().ends_with('/');
            if (name == "script" || name == "style") && !empty {
                let closing = format!("</{name}");
                let body = &src[self.pos..];
                let lower = body.to_ascii_lowercase();
                self.pos += lower.find(&closing).unwrap_or(body.len());
                continue;
            }
            return Some(Tag::Open {
                name,
                attrs: inner,
                empty,
            });
        }
    }
}

/// The end of a tag (just past '>'), quotes respected.
fn tag_end(rest: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// An attribute's value by local name (case-insensitive), entities decoded.
fn attr(attrs: &str, key: &str) -> Option<String> {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' {
            i += 1;
        }
        let name = &attrs[start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let vstart = i + 1;
                i = vstart;
                while i < bytes.len() && bytes[i] != q {
                    i += 1;
                }
                value = &attrs[vstart..i.min(attrs.len())];
                i += 1;
            } else {
                let vstart = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &attrs[vstart..i];
            }
        }
        if !name.is_empty() && local(name) == key {
            return Some(entities(value));
        }
        if i == start {
            i += 1;
        }
    }
    None
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, `&#N;`, `&#xH;`.
fn entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Cells placed on a grid that grows as they come, with merges.
#[derive(Default)]
struct Placer {
    cells: Vec<(usize, usize, Cell)>,
    merges: Vec<Merge>,
    /// Per row, columns taken by a rowspan from above.
    taken: std::collections::HashMap<usize, Vec<(usize, usize)>>,
    rows: usize,
    cols: usize,
    /// Row entries `taken` holds in all: a file of rowspans cannot make it unbounded.
    spans: usize,
}

/// The most rowspan row entries kept; spans past it are read as single cells.
const MAX_SPAN_ENTRIES: usize = 5_000_000;

impl Placer {
    fn is_taken(&self, r: usize, c: usize) -> bool {
        self.taken
            .get(&r)
            .is_some_and(|spans| spans.iter().any(|&(a, b)| (a..=b).contains(&c)))
    }

    /// Places a cell at the first free column from `c` in row `r`; returns the column
    /// after it.
    fn place(&mut self, r: usize, mut c: usize, cell: Cell, across: usize, down: usize) -> usize {
        while self.is_taken(r, c) && c < MAX_COLS {
            c += 1;
        }
        let (across, mut down) = (across.min(MAX_SPAN), down.min(MAX_SPAN));
        if self.spans + down > MAX_SPAN_ENTRIES {
            down = 0;
        }
        self.spans += down;
        let last_col = (c + across).min(MAX_COLS - 1);
        if across > 0 || down > 0 {
            self.merges.push(Merge {
                first_row: r,
                first_col: c,
                last_row: r + down,
                last_col,
            });
            for rr in r + 1..=r + down {
                self.taken.entry(rr).or_default().push((c, last_col));
            }
        }
        if !cell.is_empty() {
            self.cells.push((r, c, cell));
        }
        self.rows = self.rows.max(r + 1);
        self.cols = self.cols.max(last_col + 1);
        last_col + 1
    }

    fn grid(self, name: String, file: &str, format: Format) -> Result<RawGrid, IngestError> {
        if self.rows.saturating_mul(self.cols) > MAX_CELLS {
            return Err(IngestError::Corrupt {
                file: file.into(),
                format,
                detail: format!("表格过大（{} 行 × {} 列）", self.rows, self.cols),
            });
        }
        let mut g = RawGrid::new(name, (0, 0), self.rows, self.cols);
        for (r, c, cell) in self.cells {
            g.set(r, c, cell);
        }
        g.merges = self.merges;
        Ok(g)
    }
}

fn text_cell(text: &str) -> Cell {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    if t.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(t.into())
    }
}

/// Every `<table>` of an HTML file as a sheet: "stem" for one, "stem（表N）" for more.
pub fn html_sheets(bytes: &[u8], stem: &str, file: &str) -> Result<Vec<RawGrid>, IngestError> {
    let text = decode(bytes);
    let mut scanner = Scanner { src: &text, pos: 0 };
    let mut tables: Vec<Placer> = Vec::new();
    // The table being read, and how deep in nested tables we are (inner ones are text).
    let mut current: Option<Placer> = None;
    let mut depth = 0usize;
    let mut row: Option<usize> = None;
    let mut col = 0usize;
    let mut cell: Option<(String, usize, usize, Option<String>)> = None;
    let mut next_row = 0usize;
    let finish_cell = |placer: &mut Placer,
                       cell: &mut Option<(String, usize, usize, Option<String>)>,
                       row: Option<usize>,
                       col: &mut usize| {
        if let (Some((text, across, down, num)), Some(r)) = (cell.take(), row) {
            let value = match num.and_then(|n| n.trim().parse::<f64>().ok()) {
                Some(n) => Cell::Number(n),
                None => text_cell(&text),
            };
            *col = placer.place(r, *col, value, across, down);
        }
    };
    while let Some(tag) = scanner.next() {
        match tag {
            Tag::Open { name, attrs, empty } => match name.as_str() {
                "table" if !empty => {
                    depth += 1;
                    if depth == 1 {
                        current = Some(Placer::default());
                        next_row = 0;
                        row = None;
                    }
                }
                "tr" if depth == 1 => {
                    if let Some(p) = current.as_mut() {
                        finish_cell(p, &mut cell, row, &mut col);
                    }
                    row = Some(next_row);
                    next_row += 1;
                    col = 0;
                }
                "td" | "th" if depth == 1 => {
                    if let Some(p) = current.as_mut() {
                        finish_cell(p, &mut cell, row, &mut col);
                    }
                    if row.is_none() {
                        row = Some(next_row);
                        next_row += 1;
                        col = 0;
                    }
                    let span = |k: &str| {
                        attr(attrs, k)
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                            .max(1)
                            - 1
                    };
                    let num = attr(attrs, "num");
                    cell = Some((String::new(), span("colspan"), span("rowspan"), num));
                    if empty {
                        if let Some(p) = current.as_mut() {
                            finish_cell(p, &mut cell, row, &mut col);
                        }
                    }
                }
                "br" | "p" | "div" => {
                    if let Some((text, ..)) = cell.as_mut() {
                        text.push('\n');
                    }
                }
                _ => {}
            },
            Tag::Close(name) => match name.as_str() {
                "table" if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        if let Some(mut p) = current.take() {
                            finish_cell(&mut p, &mut cell, row, &mut col);
                            tables.push(p);
                        }
                    }
                }
                "td" | "th" if depth == 1 => {
                    if let Some(p) = current.as_mut() {
                        finish_cell(p, &mut cell, row, &mut col);
                    }
                }
                "tr" if depth == 1 => {
                    if let Some(p) = current.as_mut() {
                        finish_cell(p, &mut cell, row, &mut col);
                    }
                    row = None;
                }
                _ => {}
            },
            Tag::Text(t) => {
                if let Some((text, ..)) = cell.as_mut() {
                    text.push_str(&entities(t));
                }
            }
        }
    }
    if let Some(mut p) = current.take() {
        finish_cell(&mut p, &mut cell, row, &mut col);
        tables.push(p);
    }
    let count = tables.len();
    tables
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let name = if count == 1 {
                stem.to_string()
            } else {
                format!("{stem}（表{}）", i + 1)
            };
            p.grid(name, file, Format::Html)
        })
        .collect()
}

/// Every `<Worksheet>` of an XML Spreadsheet 2003 file.
pub fn spreadsheet_ml_sheets(bytes: &[u8], file: &str) -> Result<Vec<RawGrid>, IngestError> {
    let text = decode(bytes);
    let mut scanner = Scanner { src: &text, pos: 0 };
    let mut sheets = Vec::new();
    let mut current: Option<(String, Placer)> = None;
    let mut row = 0usize;
    let mut col = 0usize;
    let mut in_row = false;
    // The cell being read: value text, type, across, down.
    let mut cell: Option<(String, String, usize, usize)> = None;
    let mut in_data = false;
    while let Some(tag) = scanner.next() {
        match tag {
            Tag::Open { name, attrs, empty } => match name.as_str() {
                "worksheet" => {
                    let n =
                        attr(attrs, "name").unwrap_or_else(|| format!("Sheet{}", sheets.len() + 1));
                    current = Some((n, Placer::default()));
                    row = 0;
                    in_row = false;
                }
                "row" => {
                    if let Some(i) =
                        attr(attrs, "index").and_then(|v| v.trim().parse::<usize>().ok())
                    {
                        row = i.saturating_sub(1).min(MAX_ROWS);
                    }
                    col = 0;
                    in_row = true;
                    if empty {
                        row += 1;
                        in_row = false;
                    }
                }
                "cell" if in_row => {
                    if let Some(i) =
                        attr(attrs, "index").and_then(|v| v.trim().parse::<usize>().ok())
                    {
                        col = i.saturating_sub(1).min(MAX_COLS - 1);
                    }
                    let n = |k: &str| {
                        attr(attrs, k)
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0)
                    };
                    cell = Some((
                        String::new(),
                        String::new(),
                        n("mergeacross"),
                        n("mergedown"),
                    ));
                    if empty {
                        if let (Some((_, p)), Some((_, _, a, d))) = (current.as_mut(), cell.take())
                        {
                            col = p.place(row, col, Cell::Empty, a, d);
                        }
                    }
                }
                "data" => {
                    if let Some((_, ty, ..)) = cell.as_mut() {
                        *ty = attr(attrs, "type").unwrap_or_default();
                    }
                    in_data = !empty;
                }
                _ => {}
            },
            Tag::Close(name) => match name.as_str() {
                "data" => in_data = false,
                "cell" => {
                    if let (Some((_, p)), Some((text, ty, a, d))) = (current.as_mut(), cell.take())
                    {
                        let value = match ty.as_str() {
                            "Number" => text
                                .trim()
                                .parse::<f64>()
                                .map(Cell::Number)
                                .unwrap_or_else(|_| text_cell(&text)),
                            "Boolean" => Cell::Bool(text.trim() == "1"),
                            "Error" => Cell::Error(text.trim().into()),
                            _ => text_cell(&text),
                        };
                        col = p.place(row, col, value, a, d);
                    }
                }
                "row" if in_row => {
                    row += 1;
                    in_row = false;
                }
                "worksheet" => {
                    if let Some((n, p)) = current.take() {
                        sheets.push(p.grid(n, file, Format::SpreadsheetMl)?);
                    }
                }
                _ => {}
            },
            Tag::Text(t) => {
                if in_data {
                    if let Some((text, ..)) = cell.as_mut() {
                        text.push_str(&entities(t));
                    }
                }
            }
        }
    }
    if let Some((n, p)) = current.take() {
        sheets.push(p.grid(n, file, Format::SpreadsheetMl)?);
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_spans_are_merges_and_gbk_is_decoded() {
        let html = "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\"></head><body><table>\
            <tr><td colspan=2>企业名称与县区</td><td>1-2月</td></tr>\
            <tr><td>甲公司</td><td rowspan=2>青山区</td><td x:num=\"12.5\">12.5</td></tr>\
            <tr><td>乙&amp;丙公司</td><td>1,000</td></tr></table></body></html>";
        let bytes = encoding_rs::GBK.encode(html).0.into_owned();
        let sheets = html_sheets(&bytes, "企业", "企业.xls").unwrap();
        assert_eq!(sheets.len(), 1);
        let g = &sheets[0];
        assert_eq!((g.rows(), g.cols()), (3, 3));
        assert_eq!(g.get(0, 0), &Cell::Text("企业名称与县区".into()));
        assert_eq!(g.get(1, 2), &Cell::Number(12.5));
        assert_eq!(g.get(2, 0), &Cell::Text("乙&丙公司".into()));
        // The rowspan keeps column 1 of row 2 for 青山区: 1,000 lands in column 2.
        assert_eq!(g.get(2, 2), &Cell::Text("1,000".into()));
        assert_eq!(g.merges.len(), 2);
    }

    #[test]
    fn spreadsheet_ml_index_and_merges() {
        let xml = r#"<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="企业"><Table>
<Row><Cell ss:MergeAcross="1"><Data ss:Type="String">标题</Data></Cell></Row>
<Row ss:Index="3"><Cell><Data ss:Type="String">甲</Data></Cell><Cell ss:Index="3"><Data ss:Type="Number">42</Data></Cell></Row>
<Row><Cell ss:MergeDown="1"><Data ss:Type="String">青山区</Data></Cell></Row>
</Table></Worksheet></Workbook>"#;
        let sheets = spreadsheet_ml_sheets(xml.as_bytes(), "a.xml").unwrap();
        let g = &sheets[0];
        assert_eq!(g.sheet, "企业");
        assert_eq!(g.get(2, 0), &Cell::Text("甲".into()));
        assert_eq!(g.get(2, 2), &Cell::Number(42.0));
        assert_eq!(g.get(3, 0), &Cell::Text("青山区".into()));
        assert_eq!(g.merges.len(), 2);
        assert_eq!(g.merges[1].last_row, 4);
    }

    #[test]
    fn hostile_spans_are_bounded() {
        let html = "<table><tr><td colspan=999999999 rowspan=999999999>x</td></tr></table>";
        let sheets = html_sheets(html.as_bytes(), "s", "s.html").unwrap();
        assert!(sheets[0].rows() <= 1 + MAX_SPAN);
    }
}
