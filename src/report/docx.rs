//! The briefing as a Word document (.docx): a title, the paragraphs, and the region and
//! industry tables.
//!
//! Written directly as WordprocessingML into the zip crate calamine already builds: the
//! document needs only paragraphs, two headings and plain tables, and a docx library
//! would add its own (older) zip and an XML writer to a 2-core build for that.

use super::tables::{self, Table, Value};
use crate::analysis::Analysis;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// 仿宋 三号 (16 pt) body and 黑体 headings: the look of a government speech draft.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋" w:cs="Times New Roman"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Cell"><w:name w:val="Table Cell"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="320" w:lineRule="exact"/></w:pPr><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr></w:style><w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style></w:styles>"#;

/// Text as XML character data; characters XML 1.0 forbids (control codes a broken
/// workbook can carry) are dropped rather than making Word refuse the file.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn paragraph(style: &str, text: &str, align_right: bool, bold: bool) -> String {
    let jc = if align_right {
        r#"<w:jc w:val="right"/>"#
    } else {
        ""
    };
    let b = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{jc}</w:pPr><w:r>{b}<w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(text)
    )
}

/// The printed width of a text in half-width characters (a Chinese character is two).
fn text_width(t: &str) -> usize {
    t.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The text width of an A4 page within the 公文 margins, twips.
const PAGE_WIDTH: usize = 11906 - 1588 - 1474;

/// A table sized to its content: each column as wide as its widest cell needs (names do
/// not wrap in narrow equal columns), scaled to the page; a column no row has a figure for
/// (增加值 without the 县区增加值增速表) is left out.
fn table(t: &Table) -> String {
    let missing = |v: &Value| match v {
        Value::Number { value: None, .. } => true,
        Value::Text(s) => s.is_empty() || s == "—",
        _ => false,
    };
    let shown: Vec<usize> = (0..t.columns.len())
        .filter(|&c| t.rows.is_empty() || !t.rows.iter().all(|r| r.get(c).is_none_or(missing)))
        .collect();
    // Headers wrap at about six characters; values do not wrap.
    let need: Vec<usize> = shown
        .iter()
        .map(|&c| {
            let header = text_width(t.columns[c].header).min(12);
            let widest = t
                .rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|v| text_width(&v.display()))
                .max()
                .unwrap_or(0);
            header.max(widest).max(4) + 1
        })
        .collect();
    let total: usize = need.iter().sum::<usize>().max(1);
    let widths: Vec<usize> = need.iter().map(|n| n * PAGE_WIDTH / total).collect();
    let mut xml = String::from(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#,
    );
    for w in &widths {
        xml += &format!(r#"<w:gridCol w:w="{w}"/>"#);
    }
    xml += "</w:tblGrid>";
    let cell = |w: usize, content: String| {
        format!(r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{content}</w:tc>"#)
    };
    xml += r#"<w:tr><w:trPr><w:tblHeader/></w:trPr>"#;
    for (&c, &w) in shown.iter().zip(&widths) {
        xml += &cell(w, paragraph("Cell", t.columns[c].header, false, true));
    }
    xml += "</w:tr>";
    for row in &t.rows {
        xml += "<w:tr>";
        for (&c, &w) in shown.iter().zip(&widths) {
            let v = &row[c];
            let numeric = !matches!(v, Value::Text(_));
            xml += &cell(w, paragraph("Cell", &v.display(), numeric, false));
        }
        xml += "</w:tr>";
    }
    xml + "</w:tbl>"
}

/// The speech's sections: a heading ("一、总体运行", or none) and its paragraphs.
pub type Sections = [(String, Vec<String>)];

fn document_xml(title: &str, sections: &Sections, a: &Analysis) -> String {
    let mut body = paragraph("Title", title, false, false);
    for (heading, texts) in sections {
        if !heading.is_empty() {
            body += &paragraph("Heading1", heading, false, false);
        }
        for text in texts {
            body += &paragraph("Body", text, false, false);
        }
    }
    if !a.regions.is_empty() {
        body += &paragraph("Heading1", "附表1 分县（市、区）工业总产值", false, false);
        body += &table(&tables::regions(a));
    }
    if !a.industries.is_empty() {
        body += &paragraph("Heading1", "附表2 分行业工业总产值", false, false);
        body += &table(&tables::industries(a));
    }
    // A4, 3.7/3.5/2.8/2.6 cm margins (公文 GB/T 9704).
    body += r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#;
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
}

/// The document's bytes.
pub fn document(
    title: &str,
    sections: &Sections,
    a: &Analysis,
) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", STYLES.to_string()),
        ("word/document.xml", document_xml(title, sections, a)),
    ];
    for (name, text) in parts {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn tables_are_sized_to_their_content_and_drop_columns_without_figures() {
        use super::super::table::{col, Table, Value};
        let t = Table {
            name: "县区",
            columns: vec![
                col("地区", 10.0),
                col("产值", 10.0),
                col("增加值增速(%)", 10.0),
            ],
            rows: vec![
                vec![
                    Value::text("很长很长的开发区管理委员会"),
                    Value::fixed(1.5, 1),
                    Value::one(None),
                ],
                vec![
                    Value::text("城东区"),
                    Value::fixed(12.5, 1),
                    Value::one(None),
                ],
            ],
        };
        let xml = super::table(&t);
        assert!(
            !xml.contains("增加值增速"),
            "a column with no figure is left out"
        );
        let widths: Vec<usize> = xml
            .split(r#"<w:gridCol w:w=""#)
            .skip(1)
            .map(|s| s.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(widths.len(), 2);
        assert!(
            widths[0] > 2 * widths[1],
            "the long names get the room: {widths:?}"
        );
        assert!(widths.iter().sum::<usize>() <= super::PAGE_WIDTH);
    }

    #[test]
    fn markup_and_control_characters_are_neutralised() {
        assert_eq!(
            escape("<img src=x onerror=alert(1)>&\"\u{1}"),
            "&lt;img src=x onerror=alert(1)&gt;&amp;&quot;"
        );
    }
}
