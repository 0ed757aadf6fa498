//! 分县区工作包, round-tripped: make the .zip from an analysis, open every workbook in it
//! (calamine, as Excel or WPS would), check that each holds exactly its county's
//! enterprises and figures, fill one county's 停减产台账 and drop the whole workbook back
//! beside the statistics: the reasons are read and the city's figures do not move.

mod support;

use calamine::{Data, Reader, Xlsx};
use industry_monitor::analysis::{analyze, Analysis, Settings, Status};
use industry_monitor::ingest::{ingest, IngestOptions};
use industry_monitor::model::Sources;
use industry_monitor::report::county_package;
use industry_monitor::report::ledger_tables::REASON_CATEGORIES;
use rust_xlsxwriter::Workbook;
use std::collections::BTreeSet;
use std::io::{Cursor, Read};

fn statistics() -> Sources {
    let firms = support::firms(90, 7);
    let mut wb = Workbook::new();
    support::write_official_layout(
        wb.add_worksheet(),
        &firms,
        "示例市2024年1-2月规模以上工业企业主要指标",
    );
    ingest(
        wb.save_to_buffer().unwrap(),
        "企业.xlsx",
        &IngestOptions::default(),
        &mut || {},
    )
    .unwrap()
    .sources
}

type Sheets = Vec<(String, Vec<Vec<String>>)>;

fn text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

fn sheets(bytes: &[u8]) -> Sheets {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range.rows().map(|r| r.iter().map(text).collect()).collect();
            (name, rows)
        })
        .collect()
}

fn sheet<'a>(book: &'a Sheets, name: &str) -> &'a Vec<Vec<String>> {
    &book
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
        .1
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

/// The .zip's workbooks by name.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().unwrap().to_string(), out)
        })
        .collect()
}

fn analysis() -> (Sources, Analysis) {
    let sources = statistics();
    let a = analyze(&sources, &Settings::default()).unwrap();
    (sources, a)
}

#[test]
fn each_county_gets_one_workbook_with_exactly_its_enterprises() {
    let (_, a) = analysis();
    let files = unzip(&county_package::zip(&a).unwrap());
    assert_eq!(files.len(), support::REGIONS.len());
    let mut seen = 0;
    for region in support::REGIONS {
        let (name, bytes) = files
            .iter()
            .find(|(n, _)| n.starts_with(region))
            .unwrap_or_else(|| panic!("no workbook for {region}"));
        assert_eq!(name, &format!("{region}2024年1-2月工作包.xlsx"));
        let book = sheets(bytes);
        let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["概况", "停减产台账", "企业"]);
        let mine: BTreeSet<&str> = a
            .enterprises
            .iter()
            .filter(|e| *e.region == *region)
            .map(|e| e.name.as_str())
            .collect();
        let listed = sheet(&book, "企业");
        let region_col = column(&listed[0], "县（市、区）");
        let got: BTreeSet<&str> = listed[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(got, mine, "{region}: its enterprises, each once");
        assert_eq!(listed.len() - 1, mine.len());
        assert!(listed[1..].iter().all(|r| r[region_col] == region));
        seen += mine.len();
        // Its stopped and reduced, and no one else's.
        let ledger = sheet(&book, "停减产台账");
        let down: BTreeSet<&str> = a
            .enterprises
            .iter()
            .filter(|e| {
                *e.region == *region && matches!(e.status, Status::Stopped | Status::Reduced)
            })
            .map(|e| e.name.as_str())
            .collect();
        let got: BTreeSet<&str> = ledger[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(got, down, "{region}'s ledger");
        for empty in ["原因", "预计复产时间", "包保领导"] {
            let c = column(&ledger[0], empty);
            assert!(ledger[1..]
                .iter()
                .all(|r| r.get(c).is_none_or(String::is_empty)));
        }
        // Its figures against the city's, as the analysis has them.
        let row = a.regions.iter().find(|r| r.name == region).unwrap();
        let overview = sheet(&book, "概况");
        assert_eq!(overview[0][..3], ["指标", "本县区", "全市"]);
        let figure = |label: &str| -> (f64, f64) {
            let r = overview.iter().find(|r| r[0] == label).unwrap();
            (r[1].parse().unwrap(), r[2].parse().unwrap())
        };
        let (output, city) = figure("累计工业总产值(亿元)");
        assert!((output - row.output).abs() < 1e-9 && (city - a.city.output).abs() < 1e-9);
        let (n, total) = figure("规上工业企业(户)");
        assert_eq!(
            (n as usize, total as usize),
            (mine.len(), a.city.enterprises)
        );
        let (stopped, _) = figure("停产企业(户)");
        let want = a
            .enterprises
            .iter()
            .filter(|e| *e.region == *region && e.status == Status::Stopped)
            .count();
        assert_eq!(stopped as usize, want);
    }
    assert_eq!(seen, a.enterprises.len(), "every enterprise in one package");
}

/// A package workbook as a spreadsheet program saves it after the ledger is filled in.
fn save(book: &Sheets) -> Vec<u8> {
    let mut wb = Workbook::new();
    for (name, rows) in book {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                match cell.parse::<f64>() {
                    Ok(v) if r > 0 && c > 0 && !cell.starts_with("91") => {
                        ws.write(r as u32, c as u16, v).unwrap()
                    }
                    _ => ws.write(r as u32, c as u16, cell.as_str()).unwrap(),
                };
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_filled_package_drops_back_as_the_countys_ledger_and_moves_no_figure() {
    let (mut sources, a) = analysis();
    let packages = county_package::packages(&a);
    let p = packages.iter().find(|p| p.region == "城东区").unwrap();
    let mut book = sheets(&county_package::workbook(p).unwrap());
    let ledger = &mut book.iter_mut().find(|(n, _)| n == "停减产台账").unwrap().1;
    let header = ledger[0].clone();
    let (reason, leader) = (column(&header, "原因"), column(&header, "包保领导"));
    let down = ledger.len() - 1;
    assert!(
        down >= 2,
        "the generated county has stopped or reduced firms"
    );
    for (k, row) in ledger.iter_mut().enumerate().skip(1) {
        row.resize(header.len(), String::new());
        row[reason] = REASON_CATEGORIES[k % 3].into();
        row[leader] = "王县长".into();
    }
    let back = ingest(
        save(&book),
        &p.file_name,
        &IngestOptions::default(),
        &mut || {},
    )
    .unwrap();
    sources.absorb(back.sources);
    let after = analyze(&sources, &Settings::default()).unwrap();
    assert_eq!(after.city.enterprises, a.city.enterprises);
    assert!((after.city.output - a.city.output).abs() < 1e-9);
    assert_eq!(after.regions, a.regions);
    let stop = after
        .ledgers
        .as_ref()
        .unwrap()
        .stop_reduce
        .as_ref()
        .unwrap();
    assert_eq!((stop.listed, stop.matched), (down, down));
    let typed: usize = stop
        .reasons
        .iter()
        .filter(|r| REASON_CATEGORIES[..3].contains(&r.reason.as_str()))
        .map(|r| r.enterprises)
        .sum();
    assert_eq!(typed, down);
    assert!(
        after.warnings.is_empty(),
        "a package dropped back is no cause for a warning: {:?}",
        after.warnings
    );
}

#[test]
fn a_county_name_from_the_data_is_a_safe_and_distinct_file_name() {
    let mut sources = statistics();
    let t = &mut sources.enterprises[0];
    for (i, r) in t.regions.iter_mut().enumerate() {
        *r = ["../../etc/城东", "城东:区", "城东?区", "a\u{1b}]52;b"][i % 4].into();
    }
    let a = analyze(&sources, &Settings::default()).unwrap();
    let files = unzip(&county_package::zip(&a).unwrap());
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 4);
    for n in &names {
        assert!(!n.contains('/') && !n.contains('\\') && !n.contains(':') && !n.contains('?'));
        assert!(!n.chars().any(char::is_control), "{n:?}");
    }
    // "城东:区" and "城东?区" both become "城东_区": the second is told apart.
    assert!(names.contains(&"城东_区2024年1-2月工作包.xlsx"));
    assert!(names.contains(&"城东_区(2)2024年1-2月工作包.xlsx"));
}
