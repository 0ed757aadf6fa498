//! The fast way through an .xlsx: its worksheets read straight from their XML with a
//! byte scanner, shared strings and merged cells included, giving the same `RawGrid`s as
//! the calamine path (`workbook.rs`) but in about a fifth of the time on a province's
//! sheet. calamine's quick-xml events, its `Data` per cell and its second pass over
//! the whole sheet for the merged cells were most of the time from drop to dashboard.
//!
//! It reads only what the bureau's workbooks need. Anything it does not recognise
//! (another sheet kind, an unknown cell type, CDATA, a damaged part) makes it return
//! `None` and the file goes through calamine as before, warnings and all. The tests
//! compare both paths on every .xlsx of the corpus.

use super::xml_scan::{attr, decode, for_each_attr, same, Scan, Token, Tokens, Unsupported};
use crate::ingest::grid::{Cell, Merge, RawGrid};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Parts above this size go through calamine, which streams them.
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// Every sheet of the workbook, or `None` when calamine should read it.
pub(super) fn read_sheets(bytes: &[u8]) -> Option<Vec<RawGrid>> {
    read(bytes).ok()
}

struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Part names as calamine looks them up: lower case, `\` as `/`.
    index: HashMap<String, usize>,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8]) -> Scan<Self> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Unsupported)?;
        let mut index = HashMap::with_capacity(zip.len());
        for i in 0..zip.len() {
            let name = zip
                .name_for_index(i)
                .ok_or(Unsupported)?
                .map_err(|_| Unsupported)?;
            index.insert(name.replace('\\', "/").to_ascii_lowercase(), i);
        }
        Ok(Package { zip, index })
    }

    /// A part's bytes; `None` when the package has no such part.
    fn part(&mut self, path: &str) -> Scan<Option<Vec<u8>>> {
        let Some(&index) = self.index.get(&path.to_ascii_lowercase()) else {
            return Ok(None);
        };
        let entry = self.zip.by_index(index).map_err(|_| Unsupported)?;
        // A part this large is streamed by calamine instead of held whole here; one
        // whose entry lies about its size is never read past the limit either.
        if entry.size() > MAX_PART_BYTES {
            return Err(Unsupported);
        }
        let mut out = Vec::with_capacity(entry.size() as usize);
        entry
            .take(MAX_PART_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|_| Unsupported)?;
        if out.len() as u64 > MAX_PART_BYTES {
            return Err(Unsupported);
        }
        Ok(Some(out))
    }
}

fn read(bytes: &[u8]) -> Scan<Vec<RawGrid>> {
    let mut pkg = Package::open(bytes)?;
    let (xl_path, workbook_name) = office_document(&pkg.part("_rels/.rels")?.ok_or(Unsupported)?)?;
    let rels_xml = pkg
        .part(&format!("{xl_path}_rels/{workbook_name}.rels"))?
        .ok_or(Unsupported)?;
    let rels = relationships(&rels_xml)?;
    let workbook = pkg
        .part(&format!("{xl_path}{workbook_name}"))?
        .ok_or(Unsupported)?;
    let sheets = sheet_list(&workbook, &rels, &xl_path)?;
    let strings = match pkg.part(&format!("{xl_path}sharedStrings.xml"))? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    sheets
        .into_iter()
        .map(|(name, path)| {
            let xml = pkg.part(&path)?.ok_or(Unsupported)?;
            worksheet(&name, &xml, &strings)
        })
        .collect()
}

/// `_rels/.rels` → the folder and file name of the workbook part ("xl/", "workbook.xml").
fn office_document(xml: &[u8]) -> Scan<(String, String)> {
    let mut tokens = Tokens::new(xml);
    while let Some(tok) = tokens.next_token()? {
        if let Token::Open {
            name: b"Relationship",
            attrs,
            ..
        } = tok
        {
            let is_doc = attr(attrs, b"Type")?
                .is_some_and(|t| t.ends_with(b"/relationships/officeDocument"));
            if let (true, Some(target)) = (is_doc, attr(attrs, b"Target")?) {
                let mut target_text = String::new();
                decode(target, false, &mut target_text)?;
                let (dir, name) = match target_text.rfind('/') {
                    Some(i) => target_text.split_at(i + 1),
                    None => ("", target_text.as_str()),
                };
                let name = if name.is_empty() {
                    "workbook.xml"
                } else {
                    name
                };
                return Ok((dir.strip_prefix('/').unwrap_or(dir).into(), name.into()));
            }
        }
    }
    Err(Unsupported)
}

/// Relationship id → (raw target, type).
type Relationships = HashMap<Vec<u8>, (String, Vec<u8>)>;

fn relationships(xml: &[u8]) -> Scan<Relationships> {
    let mut out = HashMap::new();
    let mut tokens = Tokens::new(xml);
    while let Some(tok) = tokens.next_token()? {
        if let Token::Open {
            name: b"Relationship",
            attrs,
            ..
        } = tok
        {
            let Some(id) = attr(attrs, b"Id")? else {
                continue;
            };
            let target = attr(attrs, b"Target")?.unwrap_or_default();
            // calamine keeps the target undecoded; an escaped one is not worth matching.
            if target.contains(&b'&') {
                return Err(Unsupported);
            }
            let target = std::str::from_utf8(target).map_err(|_| Unsupported)?;
            let typ = attr(attrs, b"Type")?.unwrap_or_default();
            out.insert(id.to_vec(), (target.to_string(), typ.to_vec()));
        }
    }
    Ok(out)
}

/// The workbook's sheets in order: (name, part path). Only worksheets are handled here.
fn sheet_list(xml: &[u8], rels: &Relationships, xl_path: &str) -> Scan<Vec<(String, String)>> {
    let mut sheets = Vec::new();
    let mut tokens = Tokens::new(xml);
    while let Some(tok) = tokens.next_token()? {
        let Token::Open {
            name: b"sheet",
            attrs,
            ..
        } = tok
        else {
            continue;
        };
        let mut name = None;
        let mut rel_id: &[u8] = b"";
        let mut bad_state = false;
        for_each_attr(attrs, |k, v| match k {
            b"name" => name = Some(v),
            b"state" => bad_state |= !matches!(v, b"visible" | b"hidden" | b"veryHidden"),
            k if k == b"id" || k.ends_with(b":id") => rel_id = v,
            _ => {}
        })?;
        if bad_state {
            return Err(Unsupported);
        }
        let mut sheet_name = String::new();
        decode(name.unwrap_or_default(), false, &mut sheet_name)?;
        let (target, typ) = rels.get(rel_id).ok_or(Unsupported)?;
        if !typ.ends_with(b"/worksheet") {
            return Err(Unsupported);
        }
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("{xl_path}{target}"),
        };
        sheets.push((sheet_name, path));
    }
    Ok(sheets)
}

/// The text of an `<si>` or `<is>` (rich text runs joined, phonetic runs left out),
/// read as calamine reads it; the cursor is after its opening tag.
fn rich_text(tokens: &mut Tokens<'_>, closing: &[u8]) -> Scan<String> {
    let mut out = String::new();
    let mut phonetic = false;
    loop {
        match tokens.next_token()?.ok_or(Unsupported)? {
            Token::Open {
                name: [b'r', b'P', b'h'],
                empty: false,
                ..
            } => phonetic = true,
            Token::Close {
                name: [b'r', b'P', b'h'],
            } => phonetic = false,
            Token::Open {
                name: [b't'],
                attrs,
                empty,
            } if !phonetic => {
                if empty {
                    continue;
                }
                let preserve = attr(attrs, b"xml:space")? == Some(b"preserve");
                let mut value = String::new();
                loop {
                    match tokens.next_token()?.ok_or(Unsupported)? {
                        Token::Text(raw) => decode(raw, true, &mut value)?,
                        Token::Close { name: [b't'] } => break,
                        _ => return Err(Unsupported),
                    }
                }
                let value = if preserve {
                    &value[..]
                } else {
                    value.trim_matches([' ', '\t', '\r', '\n'])
                };
                unescape_excel(value, &mut out);
            }
            Token::Close { name } if same(name, closing) => return Ok(out),
            _ => {}
        }
    }
}

fn shared_strings(xml: &[u8]) -> Scan<Vec<Box<str>>> {
    let mut strings = Vec::new();
    let mut tokens = Tokens::new(xml);
    while let Some(tok) = tokens.next_token()? {
        match tok {
            Token::Open {
                name: [b's', b'i'],
                empty: false,
                ..
            } => strings.push(rich_text(&mut tokens, b"si")?.into_boxed_str()),
            Token::Open {
                name: [b's', b'i'],
                empty: true,
                ..
            } => strings.push("".into()),
            _ => {}
        }
    }
    Ok(strings)
}

/// Excel's `_xHHHH_` escapes (a UTF-16 unit each), as calamine undoes them.
fn unescape_excel(text: &str, out: &mut String) {
    fn unit_at(s: &str, i: usize) -> Option<u16> {
        let b = s.as_bytes().get(i..i + 7)?;
        if b[0] != b'_'
            || b[1] != b'x'
            || b[6] != b'_'
            || !b[2..6].iter().all(u8::is_ascii_hexdigit)
        {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&b[2..6]).ok()?, 16).ok()
    }
    if memchr::memmem::find(text.as_bytes(), b"_x").is_none() {
        out.push_str(text);
        return;
    }
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'_', &text.as_bytes()[i..]) {
        let at = i + off;
        let Some(unit) = unit_at(text, at) else {
            i = at + 1;
            continue;
        };
        out.push_str(&text[copied..at]);
        let mut next = at + 7;
        let ch = match unit {
            0xD800..=0xDBFF => match unit_at(text, next) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    next += 7;
                    let cp =
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER)
                }
                _ => char::REPLACEMENT_CHARACTER,
            },
            0xDC00..=0xDFFF => char::REPLACEMENT_CHARACTER,
            _ => char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER),
        };
        out.push(ch);
        copied = next;
        i = next;
    }
    out.push_str(&text[copied..]);
}

/// "B7" → zero-based (row 6, col 1), as calamine parses references; `$` and the like
/// are not expected here.
fn cell_pos(r: &[u8]) -> Scan<(u32, u32)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &r[letters..];
    if letters == 0 || letters > 3 || digits.is_empty() || digits.len() > 7 {
        return Err(Unsupported);
    }
    let mut col = 0u32;
    for &b in &r[..letters] {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1;
    }
    Ok((row_number(digits)?, col - 1))
}

fn row_number(digits: &[u8]) -> Scan<u32> {
    if digits.is_empty() || digits.len() > 7 || !digits.iter().all(u8::is_ascii_digit) {
        return Err(Unsupported);
    }
    let n = digits
        .iter()
        .fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
    n.checked_sub(1).ok_or(Unsupported)
}

fn dimension(r: &[u8]) -> Scan<((u32, u32), (u32, u32))> {
    let mut parts = r.split(|&b| b == b':');
    let start = cell_pos(parts.next().ok_or(Unsupported)?)?;
    let end = match parts.next() {
        Some(p) => cell_pos(p)?,
        None => start,
    };
    if parts.next().is_some() {
        return Err(Unsupported);
    }
    Ok((start, end))
}

/// A `<v>`'s raw text as the cell's value, for the cell type `t`.
fn value(t: Option<&[u8]>, raw: &[u8], strings: &[Box<str>]) -> Scan<Cell> {
    let ascii = || -> Scan<&str> {
        // These types hold plain ASCII; calamine reads their raw bytes undecoded.
        if raw.contains(&b'&') {
            return Err(Unsupported);
        }
        std::str::from_utf8(raw).map_err(|_| Unsupported)
    };
    Ok(match t {
        None | Some([b'n']) => {
            if raw.is_empty() {
                return Ok(Cell::Empty);
            }
            if !raw
                .iter()
                .all(|&b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
            {
                return Err(Unsupported);
            }
            let v = ascii()?;
            match v.parse::<f64>() {
                Ok(n) => Cell::Number(n),
                Err(_) if t.is_none() => Cell::Text(v.into()),
                Err(_) => return Err(Unsupported),
            }
        }
        Some([b's']) => {
            if raw.is_empty() {
                return Ok(Cell::Empty);
            }
            if raw.len() > 9 || !raw.iter().all(u8::is_ascii_digit) {
                return Err(Unsupported);
            }
            let i = raw
                .iter()
                .fold(0usize, |n, &b| n * 10 + usize::from(b - b'0'));
            Cell::Text(strings.get(i).ok_or(Unsupported)?.clone())
        }
        Some(b"b") => match ascii()?.trim() {
            "" => Cell::Empty,
            "0" => Cell::Bool(false),
            "1" => Cell::Bool(true),
            v if v.eq_ignore_ascii_case("false") => Cell::Bool(false),
            v if v.eq_ignore_ascii_case("true") => Cell::Bool(true),
            _ => return Err(Unsupported),
        },
        Some(b"e") => {
            let e: calamine::CellErrorType = ascii()?.parse().map_err(|_| Unsupported)?;
            Cell::Error(e.to_string().into())
        }
        Some(b"str") => {
            let mut decoded = String::new();
            decode(raw, true, &mut decoded)?;
            let mut out = String::with_capacity(decoded.len());
            unescape_excel(&decoded, &mut out);
            Cell::Text(out.into())
        }
        Some(b"d") => {
            let mut decoded = String::new();
            decode(raw, true, &mut decoded)?;
            Cell::Text(decoded.into())
        }
        // The value of an inline string is in its <is>; a <v> beside it says nothing.
        Some(b"inlineStr") | Some(b"is") => Cell::Empty,
        Some(_) => return Err(Unsupported),
    })
}

/// One cell's content, the cursor after its (non-empty) `<c …>`: the last child element
/// decides the value, as in calamine.
fn cell_content(
    tokens: &mut Tokens<'_>,
    t: Option<&[u8]>,
    strings: &[Box<str>],
    mut cell: Cell,
) -> Scan<Cell> {
    loop {
        match tokens.next_token()?.ok_or(Unsupported)? {
            Token::Open { name, empty, .. } => {
                cell = match name {
                    b"v" if empty => match t {
                        Some(b"str") | Some(b"d") => Cell::Text("".into()),
                        Some(b"b") | Some(b"e") => return Err(Unsupported),
                        _ => Cell::Empty,
                    },
                    b"v" => value(t, tokens.value_text()?, strings)?,
                    // A formula with no <v> after it was never computed: its value is
                    // unknown (calamine reads it as empty, and says nothing).
                    b"f" => {
                        if !empty {
                            tokens.skip_element(b"f")?;
                        }
                        match cell {
                            Cell::Empty => Cell::Error(crate::ingest::grid::UNCOMPUTED.into()),
                            computed => computed,
                        }
                    }
                    b"is" if empty => Cell::Text("".into()),
                    b"is" => Cell::Text(rich_text(tokens, b"is")?.into_boxed_str()),
                    _ => return Err(Unsupported),
                };
            }
            Token::Close { name: [b'c'] } => return Ok(cell),
            Token::Close { .. } => return Err(Unsupported),
            Token::Text(_) => {}
        }
    }
}

fn worksheet(name: &str, xml: &[u8], strings: &[Box<str>]) -> Scan<RawGrid> {
    let mut tokens = Tokens::new(xml);
    let mut declared_cells = 0;
    // Up to <sheetData>: only the declared dimension matters (calamine refuses a bad one).
    let data_is_empty = loop {
        match tokens.next_token()?.ok_or(Unsupported)? {
            Token::Open {
                name: b"dimension",
                attrs,
                ..
            } => {
                let ((r0, c0), (r1, c1)) = dimension(attr(attrs, b"ref")?.ok_or(Unsupported)?)?;
                declared_cells = (r1.saturating_sub(r0) as usize + 1)
                    .saturating_mul(c1.saturating_sub(c0) as usize + 1);
            }
            Token::Open {
                name: b"sheetData",
                empty,
                ..
            } => break empty,
            _ => {}
        }
    };
    // The declared size is a hint only (it can be wrong or absurd).
    let mut cells: Vec<(u32, u32, Cell)> = Vec::with_capacity(declared_cells.min(1 << 22));
    let (mut row, mut col) = (0u32, 0u32);
    if data_is_empty {
        return grid(name, cells, merged_cells(&mut tokens)?);
    }
    loop {
        match tokens.next_token()?.ok_or(Unsupported)? {
            // Byte patterns rather than b"row": at -Oz a string comparison is a memcmp
            // call, and this loop runs for every cell of a province's sheet.
            Token::Open {
                name: [b'r', b'o', b'w'],
                attrs,
                empty,
            } => {
                if let Some(r) = attr(attrs, b"r")? {
                    row = row_number(r)?;
                }
                if empty {
                    row += 1;
                    col = 0;
                }
            }
            Token::Close {
                name: [b'r', b'o', b'w'],
            } => {
                row += 1;
                col = 0;
            }
            Token::Open {
                name: [b'c'],
                attrs,
                empty,
            } => {
                let (mut r, mut t) = (None, None);
                for_each_attr(attrs, |k, v| match k {
                    [b'r'] => r = Some(v),
                    [b't'] => t = Some(v),
                    _ => {}
                })?;
                let pos = match r {
                    Some(r) => {
                        let p = cell_pos(r)?;
                        col = p.1;
                        p
                    }
                    None => (row, col),
                };
                col += 1;
                if empty {
                    continue;
                }
                // Nearly every cell is `<c …><v>…</v></c>`: that shape skips the general
                // tokenizer.
                let cell = if tokens.eat(b"<v>") {
                    let raw = tokens.value_text()?;
                    let first = value(t, raw, strings)?;
                    if tokens.eat(b"</c>") {
                        first
                    } else {
                        cell_content(&mut tokens, t, strings, first)?
                    }
                } else {
                    cell_content(&mut tokens, t, strings, Cell::Empty)?
                };
                if !matches!(cell, Cell::Empty) {
                    if cells.len() as u64 >= crate::ingest::grid::MAX_GRID_CELLS {
                        return Err(Unsupported);
                    }
                    cells.push((pos.0, pos.1, cell));
                }
            }
            Token::Close {
                name: [b's', b'h', b'e', b'e', b't', b'D', b'a', b't', b'a'],
            } => break,
            _ => {}
        }
    }
    let merges = merged_cells(&mut tokens)?;
    grid(name, cells, merges)
}

fn merged_cells(tokens: &mut Tokens<'_>) -> Scan<Vec<Merge>> {
    let mut merges = Vec::new();
    // After the cells, so only the sheet's small tail is scanned.
    loop {
        match tokens.next_token()? {
            None => return Ok(merges),
            Some(Token::Open {
                name: b"mergeCells",
                empty,
                ..
            }) => {
                if empty {
                    return Ok(merges);
                }
                break;
            }
            _ => {}
        }
    }
    loop {
        match tokens.next_token()?.ok_or(Unsupported)? {
            Token::Open {
                name: b"mergeCell",
                attrs,
                ..
            } => {
                if let Some(r) = attr(attrs, b"ref")? {
                    let ((r0, c0), (r1, c1)) = dimension(r)?;
                    merges.push(Merge {
                        first_row: r0 as usize,
                        first_col: c0 as usize,
                        last_row: r1 as usize,
                        last_col: c1 as usize,
                    });
                }
            }
            Token::Close {
                name: b"mergeCells",
            } => return Ok(merges),
            _ => {}
        }
    }
}

/// The cells as calamine's dense range would hold them: the origin is the first used
/// row and column. A sheet too large to hold goes to the calamine path, which refuses it
/// by name.
fn grid(name: &str, cells: Vec<(u32, u32, Cell)>, merges: Vec<Merge>) -> Scan<RawGrid> {
    RawGrid::from_cells(name, cells, merges).map_err(|_| Unsupported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse_like_calamine() {
        assert_eq!(cell_pos(b"A1").unwrap(), (0, 0));
        assert_eq!(cell_pos(b"k20005").unwrap(), (20004, 10));
        assert_eq!(cell_pos(b"AA3").unwrap(), (2, 26));
        assert!(cell_pos(b"A0").is_err());
        assert!(cell_pos(b"$A$1").is_err());
        assert!(cell_pos(b"12").is_err());
        assert_eq!(dimension(b"A1").unwrap(), ((0, 0), (0, 0)));
        assert_eq!(dimension(b"A3:K4").unwrap(), ((2, 0), (3, 10)));
    }

    #[test]
    fn excel_escapes_undo() {
        let mut s = String::new();
        unescape_excel("a_x000D_b_x005F_x000D_c_xD83D__xDCF7_d_x12", &mut s);
        assert_eq!(s, "a\rb_x000D_c📷d_x12");
    }

    #[test]
    fn rich_and_phonetic_runs() {
        let xml = br#"<sst><si><r><t>A </t></r><r><t xml:space="preserve"> B </t></r><rPh><t>fu</t></rPh></si><si/><si><t>&amp;x</t></si></sst>"#;
        let s = shared_strings(xml).unwrap();
        assert_eq!(
            s.iter().map(|b| &**b).collect::<Vec<_>>(),
            vec!["A B ", "", "&x"]
        );
    }

    #[test]
    fn cells_rows_and_merges() {
        let strings: Vec<Box<str>> = vec!["名称".into()];
        let xml = br#"<worksheet><dimension ref="B2:D3"/><sheetData>
            <row r="2"><c r="B2" t="s"><v>0</v></c><c t="str"><f>A1</f><v>x&lt;y</v></c><c r="D2" s="1"/></row>
            <row><c r="C3"><v>1.5</v></c><c t="b"><v>1</v></c><c t="inlineStr"><is><t>in</t></is></c></row>
        </sheetData><mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells></worksheet>"#;
        let g = worksheet("S", xml, &strings).unwrap();
        assert_eq!(g.origin, (1, 1));
        assert_eq!((g.rows(), g.cols()), (2, 4));
        assert_eq!(g.get(0, 0), &Cell::Text("名称".into()));
        assert_eq!(g.get(0, 1), &Cell::Text("x<y".into()));
        assert_eq!(g.get(1, 1), &Cell::Number(1.5));
        assert_eq!(g.get(1, 2), &Cell::Bool(true));
        assert_eq!(g.get(1, 3), &Cell::Text("in".into()));
        assert_eq!(g.merges.len(), 1);
    }

    #[test]
    fn unknown_cell_types_fall_back() {
        let xml =
            br#"<worksheet><sheetData><row><c t="zz"><v>1</v></c></row></sheetData></worksheet>"#;
        assert!(worksheet("S", xml, &[]).is_err());
        let xml =
            br#"<worksheet><sheetData><row><c t="s"><v>3</v></c></row></sheetData></worksheet>"#;
        assert!(worksheet("S", xml, &[]).is_err());
    }

    /// Both paths over one file: where the fast reader accepts it, its sheets equal
    /// calamine's, cell for cell, merges included. Returns whether it accepted.
    fn same_as_calamine(bytes: &[u8], what: &str) -> bool {
        use crate::ingest::read::workbook::read_spreadsheet;
        use crate::ingest::Format;
        let Some(fast) = read_sheets(bytes) else {
            return false;
        };
        let mut warnings = Vec::new();
        let slow = read_spreadsheet(bytes, what, Format::Xlsx, &mut warnings, false)
            .unwrap_or_else(|e| panic!("{what}: the fast reader read what calamine refuses: {e}"));
        assert!(
            warnings.is_empty(),
            "{what}: calamine warned {warnings:?}, the fast reader did not"
        );
        assert_eq!(fast.len(), slow.len(), "{what}: sheet count");
        for (f, s) in fast.iter().zip(&slow) {
            if cells(f).any(|(_, _, c)| is_uncomputed(c)) {
                // calamine reads a formula without its result as nothing at all: the
                // rest must be the same.
                assert_eq!(
                    without_uncomputed(f),
                    without_uncomputed(s),
                    "{what}: {}",
                    s.sheet
                );
            } else {
                assert_eq!(f, s, "{what}: sheet {}", s.sheet);
            }
        }
        true
    }

    fn is_uncomputed(cell: &Cell) -> bool {
        matches!(cell, Cell::Error(e) if &**e == crate::ingest::grid::UNCOMPUTED)
    }

    /// Every cell with its absolute position.
    fn cells(g: &RawGrid) -> impl Iterator<Item = (usize, usize, &Cell)> {
        (0..g.rows()).flat_map(move |r| {
            (0..g.cols()).map(move |c| (r + g.origin.0, c + g.origin.1, g.get(r, c)))
        })
    }

    fn without_uncomputed(g: &RawGrid) -> RawGrid {
        let kept = cells(g)
            .filter(|(_, _, c)| !c.is_empty() && !is_uncomputed(c))
            .map(|(r, c, cell)| (r as u32, c as u32, cell.clone()))
            .collect();
        RawGrid::from_cells(g.sheet.clone(), kept, g.merges.clone()).unwrap()
    }

    #[test]
    fn a_formula_saved_without_its_result_is_unknown_not_empty() {
        let sheet = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*2</f></c><c r="C1"><f>A1*3</f><v>6</v></c></row></sheetData></worksheet>"#;
        let grid = worksheet("S", sheet.as_bytes(), &[]).unwrap();
        assert_eq!(grid.get(0, 0), &Cell::Number(2.0));
        assert!(is_uncomputed(grid.get(0, 1)));
        assert_eq!(grid.get(0, 2), &Cell::Number(6.0));
    }

    fn xlsx_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                xlsx_files(&path, out);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xlsm"))
            {
                out.push(path);
            }
        }
    }

    #[test]
    fn corpus_reads_the_same_as_through_calamine() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        xlsx_files(&root.join("../shared/corpus"), &mut paths);
        xlsx_files(&root.join("tests"), &mut paths);
        assert!(paths.len() > 100, "corpus missing: {} files", paths.len());
        let mut accepted = 0;
        for path in &paths {
            let bytes = std::fs::read(path).unwrap();
            if bytes.len() > 20 << 20 {
                continue;
            }
            if crate::ingest::read::format::sniff(&bytes, &path.to_string_lossy())
                != Ok(crate::ingest::Format::Xlsx)
            {
                continue;
            }
            accepted += usize::from(same_as_calamine(&bytes, &path.to_string_lossy()));
        }
        // Most real files take the fast path; the rest are read by calamine as before.
        assert!(
            accepted * 2 > paths.len(),
            "fast path took only {accepted} of {}",
            paths.len()
        );
    }

    fn cell_text() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::string::string_regex(
            r#"( |[a-z]|中|&|<|>|"|'|\r|\n|\t|_x000D_|_x005F_|_x|😀){0,8}"#,
        )
        .unwrap()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn written_workbooks_read_the_same_both_ways(
            cells in proptest::collection::vec((0u32..40, 0u16..12, 0u8..4, cell_text(), -1e12f64..1e12), 1..60),
            merge in proptest::option::of((0u32..30, 0u16..8)),
        ) {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            sheet.set_name("表1").unwrap();
            for (r, c, kind, text, n) in &cells {
                match kind {
                    0 => { sheet.write_string(*r, *c, text).unwrap(); }
                    1 => { sheet.write_number(*r, *c, *n).unwrap(); }
                    2 => { sheet.write_boolean(*r, *c, n > &0.0).unwrap(); }
                    _ => { sheet.write_formula(*r, *c, "=1+1").unwrap(); }
                }
            }
            if let Some((r, c)) = merge {
                let _ = sheet.merge_range(r + 45, c, r + 46, c + 2, "合并", &rust_xlsxwriter::Format::new());
            }
            let bytes = book.save_to_buffer().unwrap();
            proptest::prop_assert!(same_as_calamine(&bytes, "generated.xlsx"));
        }
    }
}
