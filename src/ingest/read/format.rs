//! Recognise a file's format from its bytes. Users rename files, WPS saves `.et`, and
//! bureau systems export `.xls` files that are really something else, so the extension
//! is only a hint used for messages.

use crate::ingest::diag::IngestError;
pub use crate::ingest::file_format::Format;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const ZIP_EMPTY: &[u8] = b"PK\x05\x06";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Decide the format of `bytes`, or explain in Chinese why it is not a spreadsheet.
pub fn sniff(bytes: &[u8], file: &str) -> Result<Format, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty { file: file.into() });
    }
    let not = |kind: &str| IngestError::NotSpreadsheet {
        file: file.into(),
        kind: kind.into(),
    };
    if bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(ZIP_EMPTY) {
        // Entry names appear in clear text in local headers and the central directory.
        return if contains(bytes, b"xl/workbook.bin") {
            Ok(Format::Xlsb)
        } else if contains(bytes, b"xl/")
            || contains(bytes, b"[Content_Types].xml")
                && !contains(bytes, b"word/")
                && !contains(bytes, b"ppt/")
        {
            Ok(Format::Xlsx)
        } else if contains(bytes, b"application/vnd.oasis.opendocument.spreadsheet") {
            Ok(Format::Ods)
        } else if contains(bytes, b"word/") || contains(bytes, b"opendocument.text") {
            Err(not("Word 文档"))
        } else if contains(bytes, b"ppt/") || contains(bytes, b"opendocument.presentation") {
            Err(not("演示文稿"))
        } else {
            Err(not("压缩包（zip）；请先解压，再选择其中的表格文件"))
        };
    }
    if bytes.starts_with(CFB_MAGIC) {
        // Compound files hold xls/et workbooks but also encrypted OOXML and Word 97 files.
        let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        if contains(bytes, &utf16("EncryptedPackage")) {
            return Err(IngestError::Encrypted { file: file.into() });
        }
        if contains(bytes, &utf16("WordDocument")) {
            return Err(not("Word 97-2003 文档"));
        }
        return Ok(Format::Xls);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(not("PDF 文档"));
    }
    if bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF8")
        || bytes.starts_with(b"BM")
    {
        return Err(not("图片"));
    }
    if bytes.starts_with(&[0x1F, 0x8B])
        || bytes.starts_with(b"Rar!")
        || bytes.starts_with(b"7z\xBC\xAF")
    {
        return Err(not("压缩包；请先解压，再选择其中的表格文件"));
    }
    let head = &bytes[..bytes.len().min(4096)];
    let head_text = super::markup::decode(head).to_ascii_lowercase();
    if head_text.contains("urn:schemas-microsoft-com:office:spreadsheet")
        && head_text.contains("<workbook")
    {
        return Ok(Format::SpreadsheetMl);
    }
    if head_text.contains("<html")
        || head_text.contains("<table")
        || head_text.contains("<!doctype html")
    {
        return Ok(Format::Html);
    }
    if looks_like_text(head) {
        return Ok(Format::Csv);
    }
    Err(not("无法识别的二进制文件"))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Text in UTF-8, UTF-16 or a GB encoding has no NUL bytes and few control characters.
fn looks_like_text(head: &[u8]) -> bool {
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    control * 100 <= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_csv_and_binary_is_refused() {
        assert_eq!(
            sniff("企业名称,产值\n甲,1\n".as_bytes(), "a.csv"),
            Ok(Format::Csv)
        );
        assert!(matches!(
            sniff(&[0u8, 1, 2, 3, 4, 5], "x.bin"),
            Err(IngestError::NotSpreadsheet { .. })
        ));
        assert!(matches!(
            sniff(b"", "e.xlsx"),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            sniff(b"%PDF-1.7 ...", "r.xlsx"),
            Err(IngestError::NotSpreadsheet { .. })
        ));
    }

    #[test]
    fn messages_name_the_file() {
        let err = sniff(b"%PDF-1.4", "三月报表.xlsx").unwrap_err();
        assert!(err.to_string().contains("三月报表.xlsx"), "{err}");
        assert!(err.to_string().contains("PDF"));
    }
}
