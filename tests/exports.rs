//! `industry-report export`: the .xlsx read back with calamine equals `analyze --json`
//! for the same files, and the .docx carries the briefing's exact paragraphs.

mod support;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use std::io::{Cursor, Read};
use std::path::PathBuf;
use support::*;

/// `industry-report` with `args`, which must succeed: its stdout.
fn cli(args: &[&str]) -> String {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// A city workbook whose firm names try to inject markup and formulas, written under
/// `name` (one per test: the tests run in parallel).
fn city_file(name: &str) -> PathBuf {
    let mut firms = firms(80, 11);
    firms[0].name = "=HYPERLINK(\"http://x\",\"点我\")".into();
    firms[1].name = "<img src=x onerror=alert(1)>有限公司".into();
    let mut wb = Workbook::new();
    write_official_layout(
        wb.add_worksheet().set_name("分企业").unwrap(),
        &firms,
        "示例市2023年1-2月规模以上工业企业主要指标（分企业）",
    );
    write_region_va(
        wb.add_worksheet().set_name("县区增加值").unwrap(),
        &[("城东区", 6.5), ("城西区", -2.0), ("高新区", 9.1)],
        5.9,
    );
    let path = tmp(name);
    save(wb, &path);
    path
}

fn sheet(bytes: &[u8], name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    book.worksheet_range(name).unwrap()
}

/// The rows under the header row.
fn body(range: &calamine::Range<Data>) -> Vec<&[Data]> {
    range.rows().collect::<Vec<_>>().split_off(1)
}

fn number(cell: &Data) -> Option<f64> {
    match cell {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::String(s) if s == "—" => None,
        other => panic!("not a number: {other:?}"),
    }
}

fn json_number(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// Equal to the last bits serde_json's fast float parser may differ in.
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-12 * a.abs().max(1.0),
        (a, b) => a == b,
    }
}

#[test]
fn xlsx_export_reads_back_as_the_analysis() {
    let file = city_file("city-xlsx.xlsx");
    let out = tmp("analysis.xlsx");
    let (file, out_s) = (file.to_str().unwrap(), out.to_str().unwrap());
    cli(&["export", "--xlsx", out_s, file]);
    let json: Value = serde_json::from_str(&cli(&["analyze", "--json", file])).unwrap();
    let bytes = std::fs::read(&out).unwrap();

    let book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "总体",
            "县区",
            "行业",
            "企业",
            "停减产企业",
            "预警",
            "口径与来源"
        ]
    );
    // 口径与来源: the city's growth with its formula and the cells it was read from.
    let sources = sheet(&bytes, "口径与来源");
    let growth = sources
        .rows()
        .find(|r| r[0] == Data::String("累计产值同比".into()))
        .expect("a row for the city's growth");
    let text: Vec<String> = growth.iter().map(|c| c.to_string()).collect();
    assert!(text[3].contains("× 100%"), "{text:?}");
    assert!(
        text[4].contains("city-xlsx.xlsx") && text[4].contains("列"),
        "{text:?}"
    );

    // 总体: label → value.
    let overview = sheet(&bytes, "总体");
    let lookup = |label: &str| {
        overview
            .rows()
            .find(|r| r[0] == Data::String(label.into()))
            .unwrap_or_else(|| panic!("row {label}"))[1]
            .clone()
    };
    let city = &json["city"];
    assert!(
        same(
            number(&lookup("规上工业企业")),
            json_number(&city["enterprises"])
        ),
        "总体 规上工业企业"
    );
    assert!(
        same(
            number(&lookup("累计工业总产值")),
            json_number(&city["output"])
        ),
        "总体 累计工业总产值"
    );
    assert!(
        same(
            number(&lookup("累计产值同比")),
            json_number(&city["output_growth_pct"])
        ),
        "总体 累计产值同比"
    );
    assert!(
        same(
            number(&lookup("工业增加值同比")),
            json_number(&city["value_added_growth_pct"])
        ),
        "总体 工业增加值同比"
    );
    assert!(
        same(
            number(&lookup("停产企业")),
            json_number(&json["status"]["stopped"])
        ),
        "总体 停产企业"
    );

    // 县区: every region, every figure, full precision (the display format rounds).
    let regions = sheet(&bytes, "县区");
    let rows = body(&regions);
    let expected = json["regions"].as_array().unwrap();
    assert_eq!(rows.len(), expected.len());
    for (row, r) in rows.iter().zip(expected) {
        assert_eq!(row[0], Data::String(r["name"].as_str().unwrap().into()));
        assert!(
            same(number(&row[3]), json_number(&r["enterprises"])),
            "县区 column 3"
        );
        assert!(
            same(number(&row[4]), json_number(&r["output"])),
            "县区 column 4"
        );
        assert!(
            same(number(&row[6]), json_number(&r["output_growth_pct"])),
            "县区 column 6"
        );
        assert!(
            same(number(&row[7]), json_number(&r["contribution_pct"])),
            "县区 column 7"
        );
        assert!(
            same(number(&row[8]), json_number(&r["pull_pp"])),
            "县区 column 8"
        );
        assert!(
            same(number(&row[9]), json_number(&r["value_added_growth_pct"])),
            "县区 column 9"
        );
    }

    // 行业 and 企业: one row each; untrusted names stay text, never formulas.
    let industries = sheet(&bytes, "行业");
    assert_eq!(
        industries.height() - 1,
        json["industries"].as_array().unwrap().len()
    );
    let enterprises = sheet(&bytes, "企业");
    assert_eq!(
        enterprises.height() - 1,
        json["city"]["enterprises"].as_u64().unwrap() as usize
    );
    let names: Vec<String> = body(&enterprises)
        .iter()
        .map(|r| r[0].to_string())
        .collect();
    assert!(names.contains(&"=HYPERLINK(\"http://x\",\"点我\")".to_string()));
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    let formulas = book.worksheet_formula("企业").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formulas in the export"
    );

    // 停减产企业: the stopped and reduced ones, largest drag first.
    let listed = sheet(&bytes, "停减产企业");
    let status = &json["status"];
    assert_eq!(
        listed.height() - 1,
        (status["stopped"].as_u64().unwrap() + status["reduced"].as_u64().unwrap()) as usize
    );
    let increments: Vec<f64> = body(&listed)
        .iter()
        .map(|r| number(&r[7]).unwrap())
        .collect();
    assert!(increments.windows(2).all(|w| w[0] <= w[1]));
    assert!(body(&listed)
        .iter()
        .all(|r| r[11] == Data::String("停产".into()) || r[11] == Data::String("减产".into())));
}

#[test]
fn docx_export_carries_the_briefing_paragraphs_and_tables() {
    let file = city_file("city-docx.xlsx");
    let out = tmp("briefing.docx");
    let (file, out_s) = (file.to_str().unwrap(), out.to_str().unwrap());
    cli(&["export", "--docx", out_s, file]);
    let paragraphs: Value = serde_json::from_str(&cli(&["brief", "--json", file])).unwrap();

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
    ] {
        assert!(zip.by_name(part).is_ok(), "{part}");
    }
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("示例市2023年1-2月工业经济运行情况"));
    for p in paragraphs.as_array().unwrap() {
        let text = p["text"].as_str().unwrap();
        assert!(xml.contains(text), "paragraph missing: {text}");
    }
    assert!(xml.contains("附表1 分县（市、区）工业总产值"));
    assert!(xml.contains("城东区"));
    assert!(!xml.contains("<img"), "names are escaped");
}

#[test]
fn export_needs_an_output() {
    let (code, _, stderr) = run(&["export", "x.xlsx"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("--xlsx"));
}
