//! A byte-level XML tokenizer for the few, machine-written parts of an .xlsx that the
//! fast reader needs (workbook, relationships, shared strings, worksheets). It knows
//! elements, attributes, text, comments and processing instructions. Anything else
//! (CDATA, DOCTYPE, malformed markup) is `Unsupported`, and the caller hands the whole
//! file to calamine instead: being fast on the bureau's files must never make an unusual
//! file read differently.

use memchr::{memchr, memmem};

/// Met something this tokenizer does not handle; the caller falls back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported;

pub type Scan<T> = Result<T, Unsupported>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// `<name attrs>` or, with `empty`, `<name attrs/>`. `name` is the local name (any
    /// namespace prefix dropped); `attrs` the raw attribute text.
    Open {
        name: &'a [u8],
        attrs: &'a [u8],
        empty: bool,
    },
    Close {
        name: &'a [u8],
    },
    /// Raw character data between two tags (entities not yet decoded); never empty.
    Text(&'a [u8]),
}

pub struct Tokens<'a> {
    xml: &'a [u8],
    pos: usize,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'a> Tokens<'a> {
    pub fn new(xml: &'a [u8]) -> Self {
        Tokens { xml, pos: 0 }
    }

    /// The next token, `None` at the end of the input. Plain byte loops rather than
    /// `memchr` inside tags: they are a few bytes long, and a province's sheet has a
    /// million of them.
    pub fn next_token(&mut self) -> Scan<Option<Token<'a>>> {
        let xml = self.xml;
        loop {
            let start = self.pos;
            let Some(&first) = xml.get(start) else {
                return Ok(None);
            };
            if first != b'<' {
                let len = memchr(b'<', &xml[start..]).unwrap_or(xml.len() - start);
                self.pos += len;
                return Ok(Some(Token::Text(&xml[start..start + len])));
            }
            match xml.get(start + 1) {
                Some(b'?') => {
                    let end = memmem::find(&xml[start..], b"?>").ok_or(Unsupported)?;
                    self.pos += end + 2;
                }
                Some(b'!') => {
                    let rest = &xml[start..];
                    if !rest.starts_with(b"<!--") {
                        // CDATA, DOCTYPE: not in the parts we read.
                        return Err(Unsupported);
                    }
                    let end = memmem::find(&rest[4..], b"-->").ok_or(Unsupported)?;
                    self.pos += 4 + end + 3;
                }
                Some(b'/') => {
                    let mut i = start + 2;
                    let mut colon = None;
                    loop {
                        match *xml.get(i).ok_or(Unsupported)? {
                            b'>' => break,
                            b':' => colon = Some(i),
                            _ => {}
                        }
                        i += 1;
                    }
                    let name_start = colon.map_or(start + 2, |c| c + 1);
                    self.pos = i + 1;
                    return Ok(Some(Token::Close {
                        name: trim_end(&xml[name_start..i]),
                    }));
                }
                Some(_) => {
                    let mut i = start + 1;
                    let mut colon = None;
                    while let Some(&b) = xml.get(i) {
                        match b {
                            b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/' => break,
                            b':' => colon = Some(i),
                            _ => {}
                        }
                        i += 1;
                    }
                    let name_end = i;
                    if name_end == start + 1 {
                        return Err(Unsupported);
                    }
                    let name_start = colon.map_or(start + 1, |c| c + 1);
                    // To the `>` that ends the tag; one inside a quoted value does not.
                    loop {
                        match *xml.get(i).ok_or(Unsupported)? {
                            b'>' => break,
                            q @ (b'"' | b'\'') => {
                                i += 1;
                                while *xml.get(i).ok_or(Unsupported)? != q {
                                    i += 1;
                                }
                            }
                            _ => {}
                        }
                        i += 1;
                    }
                    let empty = i > name_end && xml[i - 1] == b'/';
                    let attrs_end = if empty { i - 1 } else { i };
                    self.pos = i + 1;
                    return Ok(Some(Token::Open {
                        name: &xml[name_start..name_end],
                        attrs: &xml[name_end..attrs_end],
                        empty,
                    }));
                }
                None => return Err(Unsupported),
            }
        }
    }

    /// The text of a `<v>` just opened, when it is plain text followed by `</v>`; the
    /// cursor moves past the close tag.
    pub fn value_text(&mut self) -> Scan<&'a [u8]> {
        let xml = self.xml;
        let start = self.pos;
        let mut i = start;
        while *xml.get(i).ok_or(Unsupported)? != b'<' {
            i += 1;
        }
        let text = &xml[start..i];
        if let [b'<', b'/', b'v', b'>', ..] = xml[i..] {
            self.pos = i + 4;
            return Ok(text);
        }
        // A prefixed or spaced close tag: the general way.
        self.pos = i;
        match self.next_token()? {
            Some(Token::Close { name: b"v" }) => Ok(text),
            _ => Err(Unsupported),
        }
    }

    /// Whether the input continues with `bytes`; if so the cursor moves past them.
    pub fn eat(&mut self, bytes: &[u8]) -> bool {
        let rest = &self.xml[self.pos..];
        // Byte by byte: at -Oz `starts_with` is a memcmp call.
        if rest.len() >= bytes.len() && bytes.iter().zip(rest).all(|(a, b)| a == b) {
            self.pos += bytes.len();
            true
        } else {
            false
        }
    }

    /// Skips the element just opened (not empty), nested elements included.
    pub fn skip_element(&mut self, name: &[u8]) -> Scan<()> {
        let mut depth = 0usize;
        loop {
            match self.next_token()?.ok_or(Unsupported)? {
                Token::Open { name: n, empty, .. } if n == name && !empty => depth += 1,
                Token::Close { name: n } if n == name => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                _ => {}
            }
        }
    }
}

fn trim_end(s: &[u8]) -> &[u8] {
    let n = s.iter().rposition(|&b| !is_space(b)).map_or(0, |i| i + 1);
    &s[..n]
}

/// Byte-slice equality without a memcmp call (which is what `==` becomes at -Oz): the
/// names compared here are a few bytes long and compared a million times.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The value of attribute `key` (its full raw name, prefix included) in `attrs`,
/// entities not decoded.
pub fn attr<'a>(attrs: &'a [u8], key: &[u8]) -> Scan<Option<&'a [u8]>> {
    let mut found = None;
    for_each_attr(attrs, |k, v| {
        if found.is_none() && same(k, key) {
            found = Some(v);
        }
    })?;
    Ok(found)
}

/// Calls `f(name, raw value)` for each attribute.
pub fn for_each_attr<'a>(attrs: &'a [u8], mut f: impl FnMut(&'a [u8], &'a [u8])) -> Scan<()> {
    let mut i = 0;
    loop {
        while i < attrs.len() && is_space(attrs[i]) {
            i += 1;
        }
        if i >= attrs.len() {
            return Ok(());
        }
        let eq = i + attrs[i..]
            .iter()
            .position(|&b| b == b'=')
            .ok_or(Unsupported)?;
        let key = trim_end(&attrs[i..eq]);
        let mut v = eq + 1;
        while v < attrs.len() && is_space(attrs[v]) {
            v += 1;
        }
        let quote = *attrs.get(v).ok_or(Unsupported)?;
        if quote != b'"' && quote != b'\'' {
            return Err(Unsupported);
        }
        let end = v
            + 1
            + attrs[v + 1..]
                .iter()
                .position(|&b| b == quote)
                .ok_or(Unsupported)?;
        if key.is_empty() || key.iter().any(|&b| is_space(b)) {
            return Err(Unsupported);
        }
        f(key, &attrs[v + 1..end]);
        i = end + 1;
    }
}

/// Decodes character data: the five named entities and numeric references, and (for
/// element text, `newlines`) XML's line-end normalisation, CR LF and lone CR to LF.
pub fn decode(raw: &[u8], newlines: bool, out: &mut String) -> Scan<()> {
    let text = std::str::from_utf8(raw).map_err(|_| Unsupported)?;
    if memchr::memchr2(b'&', b'\r', raw).is_none() {
        out.push_str(text);
        return Ok(());
    }
    let mut rest = text;
    while let Some(i) = rest.find(['&', '\r']) {
        out.push_str(&rest[..i]);
        if rest.as_bytes()[i] == b'\r' {
            if newlines {
                out.push('\n');
                rest = rest[i + 1..].strip_prefix('\n').unwrap_or(&rest[i + 1..]);
            } else {
                out.push('\r');
                rest = &rest[i + 1..];
            }
            continue;
        }
        let semi = rest[i..].find(';').ok_or(Unsupported)? + i;
        let entity = &rest[i + 1..semi];
        match entity {
            "amp" => out.push('&'),
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "quot" => out.push('"'),
            "apos" => out.push('\''),
            _ => {
                let code = if let Some(hex) = entity.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16).map_err(|_| Unsupported)?
                } else if let Some(dec) = entity.strip_prefix('#') {
                    dec.parse::<u32>().map_err(|_| Unsupported)?
                } else {
                    return Err(Unsupported);
                };
                out.push(char::from_u32(code).ok_or(Unsupported)?);
            }
        }
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(xml: &str) -> Vec<Token<'_>> {
        let mut t = Tokens::new(xml.as_bytes());
        let mut out = Vec::new();
        while let Some(tok) = t.next_token().unwrap() {
            out.push(tok);
        }
        out
    }

    #[test]
    fn tags_text_and_prefixes() {
        let toks =
            all(r#"<?xml version="1.0"?><x:c r="A1" t='s'><!-- n --><v>1 &amp; 2</v></x:c><c/>"#);
        assert_eq!(
            toks,
            vec![
                Token::Open {
                    name: b"c",
                    attrs: br#" r="A1" t='s'"#,
                    empty: false
                },
                Token::Open {
                    name: b"v",
                    attrs: b"",
                    empty: false
                },
                Token::Text(b"1 &amp; 2"),
                Token::Close { name: b"v" },
                Token::Close { name: b"c" },
                Token::Open {
                    name: b"c",
                    attrs: b"",
                    empty: true
                },
            ]
        );
    }

    #[test]
    fn a_quoted_gt_does_not_end_the_tag() {
        let toks = all(r#"<sheet name="a>b" id='x>y'/>"#);
        assert_eq!(
            toks,
            vec![Token::Open {
                name: b"sheet",
                attrs: br#" name="a>b" id='x>y'"#,
                empty: true
            }]
        );
        assert_eq!(
            attr(br#" name="a>b" id='x>y'"#, b"id").unwrap(),
            Some(&b"x>y"[..])
        );
    }

    #[test]
    fn cdata_and_doctype_are_unsupported() {
        let mut t = Tokens::new(b"<t><![CDATA[x]]></t>");
        t.next_token().unwrap();
        assert_eq!(t.next_token(), Err(Unsupported));
        assert_eq!(Tokens::new(b"<!DOCTYPE x>").next_token(), Err(Unsupported));
        assert_eq!(Tokens::new(b"<c r=\"A1\"").next_token(), Err(Unsupported));
    }

    #[test]
    fn entities_and_line_ends_decode() {
        let mut s = String::new();
        decode(b"a&lt;b&#x4E2D;&#25991;\r\nc\rd", true, &mut s).unwrap();
        assert_eq!(s, "a<b中文\nc\nd");
        assert_eq!(
            decode(b"&nbsp;", true, &mut String::new()),
            Err(Unsupported)
        );
        assert_eq!(
            decode(b"&#xD800;", true, &mut String::new()),
            Err(Unsupported)
        );
    }
}
