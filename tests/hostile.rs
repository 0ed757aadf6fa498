//! Hostile and huge inputs through the CLI (issue 30): each bounded, each refused or read
//! with a Chinese message naming what is wrong, and none aborting the process. Every file
//! is generated here; none is stored.

mod support;

use rust_xlsxwriter::Workbook;
use std::io::Write;
use support::*;

/// One sheet "Sheet1" with a small table and, optionally, one far cell.
fn stray_cell_workbook(name: &str, far: Option<(u32, u16)>) -> std::path::PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Sheet1").unwrap();
    ws.write(0, 0, "企业名称").unwrap();
    ws.write(1, 0, "甲公司").unwrap();
    if let Some((r, c)) = far {
        ws.write(r, c, "x").unwrap();
    }
    let path = tmp(name);
    save(wb, &path);
    path
}

#[test]
fn a_cell_at_xfd1048576_is_refused_by_name_not_allocated() {
    for (name, far, cell) in [
        ("far.xlsx", (1_048_575, 16_383), "XFD1048576"),
        ("far3200.xlsx", (3_199, 16_383), "XFD3200"),
    ] {
        let path = stray_cell_workbook(name, Some(far));
        let (code, _, stderr) = run(&["sheets", path.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(
            stderr.contains("Sheet1") && stderr.contains(cell),
            "{name}: {stderr}"
        );
        assert!(stderr.contains("上限"), "{name}: {stderr}");
    }
}

#[test]
fn an_export_never_overwrites_an_input() {
    let csv = tmp("input.csv");
    std::fs::write(
        &csv,
        "2023年1-2月规上工业企业\n单位：万元\n企业名称,县区,本月,上年同月,1-本月,上年同期\n甲公司,青山区,10,9,20,18\n",
    )
    .unwrap();
    let before = std::fs::read(&csv).unwrap();
    let p = csv.to_str().unwrap();
    let (code, _, stderr) = run(&["export", "--xlsx", p, p]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("输入文件"), "{stderr}");
    // Through a hard link: the same file under another name.
    let link = tmp("link.csv");
    let _ = std::fs::remove_file(&link);
    std::fs::hard_link(&csv, &link).unwrap();
    let (code, _, stderr) = run(&["export", "--docx", link.to_str().unwrap(), p]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        before,
        "the input is untouched"
    );
    // A real output is written whole, with no temporary file left beside it.
    let out = tmp("out.xlsx");
    let (code, _, stderr) = run(&["export", "--xlsx", out.to_str().unwrap(), p]);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::metadata(&out).unwrap().len() > 0);
    let leftovers: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn terminal_escapes_in_the_data_are_printed_visibly() {
    // A workbook: a CSV with control characters is not taken for text at all.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Sheet1").unwrap();
    ws.write(0, 0, "2023年1-2月规上工业企业").unwrap();
    ws.write(1, 0, "单位：万元").unwrap();
    for (c, h) in ["企业名称", "县区", "本月", "上年同月", "1-本月", "上年同期"]
        .iter()
        .enumerate()
    {
        ws.write(2, c as u16, *h).unwrap();
    }
    for (r, (name, region)) in [
        ("甲公司\u{1b}[2J", "青山区\u{1b}]52;c;SGVsbG8=\u{7}"),
        ("乙公司", "青山区"),
    ]
    .iter()
    .enumerate()
    {
        let r = 3 + r as u32;
        ws.write(r, 0, *name).unwrap();
        ws.write(r, 1, *region).unwrap();
        for (c, v) in [10.0, 9.0, 20.0, 18.0].iter().enumerate() {
            ws.write(r, 2 + c as u16, *v).unwrap();
        }
    }
    let csv = tmp("escape.xlsx");
    save(wb, &csv);
    for command in ["analyze", "brief"] {
        let (code, stdout, stderr) = run(&[command, csv.to_str().unwrap()]);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
            "{command}: {stdout:?}"
        );
    }
}

#[test]
fn targets_that_cannot_be_right_are_refused_as_the_page_refuses_them() {
    let csv = two_firm_csv("targets.csv", "2023年1-2月规上工业企业", "青山区");
    let p = csv.to_str().unwrap();
    for (growth, prior, why) in [
        ("NaN", "310", "不是有效的数字"),
        ("inf", "310", "不是有效的数字"),
        ("150", "310", "不可能达到"),
        ("8", "-5", "应大于 0"),
        ("8", "0", "应大于 0"),
        ("8", "100", "低于已载入的上年同期累计产值"),
        ("8", "3100000", "万元"),
    ] {
        let (code, stdout, stderr) = run(&[
            "brief",
            "--target-output-growth",
            growth,
            "--quarter-end",
            "3",
            "--prior-quarter-output",
            prior,
            p,
        ]);
        assert_eq!(code, 1, "{growth} {prior}: {stdout}");
        assert!(stderr.contains(why), "{growth} {prior}: {stderr}");
    }
    let (code, _, stderr) = run(&[
        "brief",
        "--target-output-growth",
        "8",
        "--quarter-end",
        "3",
        "--prior-quarter-output",
        "310",
        p,
    ]);
    assert_eq!(code, 0, "{stderr}");
}

/// A minimal .xlsx written part by part, so its parts can be wrong on purpose.
fn raw_xlsx(sheet_xml: &str, shared_strings: &str) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        let opts = zip::write::SimpleFileOptions::default();
        let parts = [
            ("[Content_Types].xml", r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.to_string()),
            ("_rels/.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
            ("xl/workbook.xml", r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="企业表" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_string()),
            ("xl/sharedStrings.xml", shared_strings.to_string()),
            ("xl/worksheets/sheet1.xml", sheet_xml.to_string()),
        ];
        for (name, text) in parts {
            zip.start_file(name, opts).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    out
}

const SHEET: &str = r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>5</v></c></row></sheetData></worksheet>"#;
const ONE_STRING: &str = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>企业名称</t></si></sst>"#;

#[test]
fn a_shared_string_past_the_end_names_the_sheet_and_the_cause() {
    let path = tmp("sst.xlsx");
    std::fs::write(&path, raw_xlsx(SHEET, ONE_STRING)).unwrap();
    let (code, _, stderr) = run(&["sheets", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("企业表") && stderr.contains("共享字符串"),
        "{stderr}"
    );
    assert!(stderr.contains("A1"), "the last cell read: {stderr}");
    assert!(!stderr.contains("没有任何工作表"), "{stderr}");
}

#[test]
fn a_zip_that_lies_about_its_size_is_named_as_that() {
    let mut bytes = raw_xlsx(
        &SHEET.replace(r#"t="s"><v>5</v>"#, r#"t="s"><v>0</v>"#),
        ONE_STRING,
    );
    // The sheet's declared uncompressed size, in its local header and the central
    // directory, made smaller than what it inflates to.
    let name = b"xl/worksheets/sheet1.xml";
    let mut at = 0;
    while let Some(i) = bytes[at..].windows(name.len()).position(|w| w == name) {
        let i = at + i;
        let (sig_local, sig_central) = (
            i >= 30 && bytes[i - 30..i - 26] == *b"PK\x03\x04",
            i >= 46 && bytes[i - 46..i - 42] == *b"PK\x01\x02",
        );
        let size_at = if sig_local {
            Some(i - 30 + 22)
        } else if sig_central {
            Some(i - 46 + 24)
        } else {
            None
        };
        if let Some(s) = size_at {
            bytes[s..s + 4].copy_from_slice(&20u32.to_le_bytes());
        }
        at = i + name.len();
    }
    let path = tmp("lying.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let (code, _, stderr) = run(&["sheets", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("没有任何工作表"), "{stderr}");
    assert!(
        stderr.contains("大小") || stderr.contains("校验"),
        "{stderr}"
    );
}

#[test]
fn many_rows_without_a_region_are_one_warning_naming_their_rows() {
    let mut csv = String::from(
        "2023年1-2月规上工业企业\n单位：千元\n企业名称,县区,本月,上年同月,1-本月,上年同期\n",
    );
    for i in 0..200_000 {
        csv.push_str(&format!("企业{i},,100,90,200,180\n"));
    }
    let path = tmp("no-region.csv");
    std::fs::write(&path, csv).unwrap();
    let (code, stdout, stderr) = run(&["analyze", "--json", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let warnings = json["warnings"].as_array().unwrap();
    assert!(warnings.len() < 10, "{}", warnings.len());
    let grouped = warnings
        .iter()
        .find(|w| w["message"].as_str().unwrap().contains("未填地区"))
        .unwrap();
    let m = grouped["message"].as_str().unwrap();
    assert!(
        m.starts_with("200000户企业") && m.contains("B4–B200003"),
        "{m}"
    );
}

#[test]
fn a_header_two_hundred_thousand_columns_wide_is_read() {
    let n = 200_000;
    let mut header = String::from("企业名称,县区,本月,上年同月,1-本月,上年同期");
    let mut row = String::from("甲公司,青山区,1,1,2,2");
    for i in 0..n {
        header.push_str(&format!(",指标{i}"));
        row.push_str(",1");
    }
    let path = tmp("wide.csv");
    std::fs::write(&path, format!("2023年1-2月\n{header}\n{row}\n")).unwrap();
    let (code, _, stderr) = run(&["analyze", "--json", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
}
