//! Reading real files of every format (fixtures written by `scripts/make-fixtures.mjs`
//! with SheetJS) down to `RawGrid`s, merges included.

use industry_monitor::ingest::{read_workbook, Cell, Format, IngestError};

fn fixture(ext: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/bureau-layout.{ext}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn every_format_gives_the_same_sheets() {
    for (ext, format) in [
        ("xlsx", Format::Xlsx),
        ("xls", Format::Xls),
        ("ods", Format::Ods),
    ] {
        // The extension lies on purpose: detection is by content.
        let book =
            read_workbook(&fixture(ext), "renamed.dat").unwrap_or_else(|e| panic!("{ext}: {e}"));
        assert_eq!(book.format, format, "{ext}");
        let summary: Vec<_> = book
            .summaries()
            .into_iter()
            .map(|s| (s.name, s.rows, s.cols))
            .collect();
        assert_eq!(
            summary,
            vec![("分企业".into(), 7, 9), ("说明".into(), 2, 1)],
            "{ext}"
        );
        let sheet = &book.sheets[0];
        assert_eq!(
            sheet.get(5, 1),
            &Cell::Text("示例机械制造有限公司".into()),
            "{ext}"
        );
        assert_eq!(sheet.get(5, 4), &Cell::Number(200.0), "{ext}");
    }
}

#[test]
fn merged_header_cells_are_filled_for_xlsx_xls_and_ods() {
    // calamine reports no merges for .ods: they are read from its content.xml.
    for ext in ["xlsx", "xls", "ods"] {
        let mut book = read_workbook(&fixture(ext), "m").unwrap();
        let sheet = &mut book.sheets[0];
        assert_eq!(sheet.merges.len(), 3, "{ext}");
        sheet.fill_merges();
        assert_eq!(
            sheet.get(2, 6),
            &Cell::Text("工业总产值（当年价格）".into()),
            "{ext}"
        );
        assert_eq!(sheet.get(3, 0), &Cell::Text("序号".into()), "{ext}");
    }
}

#[test]
fn a_truncated_workbook_is_an_error_naming_the_file() {
    let bytes = fixture("xlsx");
    let err = read_workbook(&bytes[..bytes.len() / 2], "半截.xlsx").unwrap_err();
    assert!(matches!(err, IngestError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("半截.xlsx"));
}

#[test]
fn gbk_csv_reads_as_one_sheet() {
    let (bytes, _, _) =
        encoding_rs::GBK.encode("单位详细名称,县（市、区）\n示例化工有限公司,河西县\n");
    let book = read_workbook(&bytes, "企业.csv").unwrap();
    assert_eq!(book.format, Format::Csv);
    assert_eq!(book.sheets[0].sheet, "企业");
    assert_eq!(book.sheets[0].get(1, 1), &Cell::Text("河西县".into()));
}

/// An xlsx-looking zip whose central directory declares 4 GB per entry.
fn zip_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for name in [
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(&[b' '; 4096]).unwrap();
    }
    let mut bytes = zip.finish().unwrap().into_inner();
    // Central directory headers: signature PK\x01\x02, uncompressed size at +24.
    let mut i = 0;
    while i + 46 < bytes.len() {
        if bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02] {
            bytes[i + 24..i + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
            i += 46;
        } else {
            i += 1;
        }
    }
    bytes
}

#[test]
fn a_zip_bomb_is_refused_before_inflating() {
    let err = read_workbook(&zip_bomb(), "炸弹.xlsx").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("炸弹.xlsx"), "{message}");
    assert!(message.contains("压缩炸弹"), "{message}");
    assert!(message.contains("1024 MB"), "{message}");
}

/// An .xlsb written with "short" cell records (SheetJS writes them; calamine skips them):
/// the cells read are not the sheet's, and that is said, never taken as the whole.
#[test]
fn an_xlsb_with_short_records_is_warned_not_read_as_whole() {
    use industry_monitor::ingest::{ingest_file, IngestOptions};
    use industry_monitor::model::Sources;
    // Written by SheetJS 0.18 (`XLSX.write(wb, { bookType: "xlsb" })`): a title, a header
    // and two enterprises.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/short-records.xlsb"
    ))
    .unwrap();
    let mut sources = Sources::default();
    let _ = ingest_file(&bytes, "企业.xlsb", &IngestOptions::default(), &mut sources);
    let warned = sources
        .warnings
        .iter()
        .find(|w| w.message.contains("简写记录"))
        .expect("the unread cells are said");
    assert_eq!(warned.at.file, "企业.xlsb");
}
