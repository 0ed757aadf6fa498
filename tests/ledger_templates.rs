//! The two ledgers handed out to be filled in, round-tripped: export them from an
//! analysis, open the written file (calamine, as Excel or WPS would), fill the empty
//! columns, save it again, load it beside the statistics, and find the reasons and
//! leaders that were typed.

mod support;

use calamine::{Data, Reader, Xlsx};
use industry_monitor::analysis::{analyze, Settings, Status};
use industry_monitor::ingest::{ingest, IngestOptions};
use industry_monitor::model::Sources;
use industry_monitor::report::ledger_tables::{
    key_template, stop_reduce_template, REASON_CATEGORIES, STOP_TEMPLATE_REASON_COLUMN,
};
use industry_monitor::report::xlsx;
use rust_xlsxwriter::Workbook;
use std::io::Cursor;

fn statistics() -> (Sources, Vec<u8>) {
    let firms = support::firms(60, 11);
    let mut wb = Workbook::new();
    support::write_official_layout(
        wb.add_worksheet(),
        &firms,
        "示例市2024年1-2月规模以上工业企业主要指标",
    );
    let bytes = wb.save_to_buffer().unwrap();
    let read = ingest(
        bytes.clone(),
        "企业.xlsx",
        &IngestOptions::default(),
        &mut || {},
    )
    .unwrap();
    (read.sources, bytes)
}

/// The first sheet of an .xlsx as text cells, header first.
fn open(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => s.clone(),
                    Data::Float(f) => f.to_string(),
                    Data::Int(i) => i.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// What a user's spreadsheet program saves: every cell as it was, numbers as numbers.
fn save(rows: &[Vec<String>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(v) if r > 0 && c > 1 => ws.write(r as u32, c as u16, v).unwrap(),
                _ => ws.write(r as u32, c as u16, cell.as_str()).unwrap(),
            };
        }
    }
    wb.save_to_buffer().unwrap()
}

fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

#[test]
fn the_stop_reduce_ledger_comes_back_with_the_reasons_typed_into_it() {
    let (sources, _) = statistics();
    let a = analyze(&sources, &Settings::default()).unwrap();
    let down = a
        .enterprises
        .iter()
        .filter(|e| matches!(e.status, Status::Stopped | Status::Reduced))
        .count();
    assert!(down > 5, "the generated city has stopped and reduced firms");
    let table = stop_reduce_template(&a);
    let bytes =
        xlsx::template_workbook(&table, STOP_TEMPLATE_REASON_COLUMN, &REASON_CATEGORIES).unwrap();
    let mut rows = open(&bytes);
    assert_eq!(
        rows.len(),
        down + 1,
        "every stopped and reduced enterprise, once"
    );
    let header = rows[0].clone();
    let reason = column(&header, "原因");
    assert_eq!(reason, STOP_TEMPLATE_REASON_COLUMN as usize);
    let (leader, resume) = (column(&header, "包保领导"), column(&header, "预计复产时间"));
    for name in [
        "企业名称",
        "统一社会信用代码",
        "县区",
        "行业",
        "类型",
        "减少额(万元)",
    ] {
        column(&header, name);
    }
    // The dropdown is in the file.
    let sheet_xml = {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        xml
    };
    assert!(sheet_xml.contains("<dataValidation"), "a reason dropdown");
    assert!(sheet_xml.contains("订单不足"));
    for row in rows.iter().skip(1) {
        assert!(
            row.get(reason).is_none_or(String::is_empty),
            "原因 starts empty"
        );
    }
    // The user fills in a reason and a leader for each enterprise, a date for some.
    let mut typed = Vec::new();
    for (k, row) in rows.iter_mut().enumerate().skip(1) {
        row.resize(header.len(), String::new());
        let r = REASON_CATEGORIES[k % 5].to_string();
        row[reason] = r.clone();
        row[leader] = format!("领导{}", k % 3);
        if k % 2 == 0 {
            row[resume] = "2024年4月15日".into();
        }
        typed.push((row[0].clone(), r));
    }
    let filled = save(&rows);
    let mut sources = sources;
    let back = ingest(
        filled,
        "停减产台账（已填）.xlsx",
        &IngestOptions::default(),
        &mut || {},
    )
    .unwrap();
    assert!(
        back.sources.enterprises.is_empty(),
        "the ledger's copied figures are no second enterprise table: {:?}",
        back.sheets
    );
    sources.absorb(back.sources);
    let a = analyze(&sources, &Settings::default()).unwrap();
    let stop = a.ledgers.as_ref().unwrap().stop_reduce.as_ref().unwrap();
    assert_eq!(stop.listed, down);
    assert_eq!(stop.matched, down);
    assert_eq!(stop.untracked, 0);
    for category in &REASON_CATEGORIES[..5] {
        let want = typed.iter().filter(|(_, r)| r == category).count();
        let got = stop
            .reasons
            .iter()
            .find(|r| r.reason == *category)
            .map_or(0, |r| r.enterprises);
        assert_eq!(got, want, "{category}");
    }
    for (name, r) in &typed {
        let row = stop.reasons.iter().find(|x| x.reason == *r).unwrap();
        assert!(
            row.members.iter().any(|m| m.name == *name),
            "{name} under {r}"
        );
    }
}

#[test]
fn the_key_ledger_comes_back_with_the_leaders_typed_into_it() {
    let (sources, _) = statistics();
    let a = analyze(&sources, &Settings::default()).unwrap();
    let table = key_template(&a);
    let bytes = xlsx::tables_workbook(&[table]).unwrap();
    let mut rows = open(&bytes);
    let n = a.enterprises.len().min(50);
    assert_eq!(rows.len(), n + 1);
    let header = rows[0].clone();
    let leader = column(&header, "包保领导");
    let output = column(&header, "1-本月产值(万元)");
    // The figures are this period's, largest first.
    let largest = a
        .enterprises
        .iter()
        .map(|e| e.output)
        .fold(0.0_f64, f64::max);
    let first: f64 = rows[1][output].parse().unwrap();
    assert!(
        (first - largest * 1e4).abs() < 0.06,
        "{first} vs {}",
        largest * 1e4
    );
    for (k, row) in rows.iter_mut().enumerate().skip(1) {
        row.resize(header.len(), String::new());
        if k <= 12 {
            row[leader] = ["王市长", "李副市长", "张秘书长"][k % 3].into();
        }
    }
    let filled = save(&rows);
    let back = ingest(
        filled,
        "包保台账（已填）.xlsx",
        &IngestOptions::default(),
        &mut || {},
    )
    .unwrap();
    assert!(back.sources.enterprises.is_empty(), "{:?}", back.sheets);
    let mut sources = sources;
    sources.absorb(back.sources);
    let a2 = analyze(&sources, &Settings::default()).unwrap();
    let key = a2.ledgers.as_ref().unwrap().key.as_ref().unwrap();
    assert_eq!(key.listed, n);
    assert_eq!(key.matched, n);
    let by = |name: &str| {
        key.leaders
            .iter()
            .find(|l| l.leader == name)
            .unwrap()
            .enterprises
    };
    assert_eq!(by("王市长"), 4);
    assert_eq!(by("李副市长"), 4);
    assert_eq!(by("张秘书长"), 4);
    assert_eq!(by(industry_monitor::analysis::NOT_FILLED), n - 12);
    // Exported again, the ledger keeps its leaders.
    let again = open(&xlsx::tables_workbook(&[key_template(&a2)]).unwrap());
    let leader_again = column(&again[0], "包保领导");
    let named = again
        .iter()
        .skip(1)
        .filter(|r| r.get(leader_again).is_some_and(|l| l.contains('长')))
        .count();
    assert_eq!(named, 12);
}

#[test]
fn the_context_templates_filled_in_read_back_as_their_tables() {
    use industry_monitor::analysis::{analyze, Settings};
    use industry_monitor::ingest::{ingest, IngestOptions};
    let name = "示例市2023年1-2月规上工业企业.xlsx";
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("public/demo")
            .join(name),
    )
    .unwrap();
    let stats = ingest(bytes, name, &IngestOptions::default(), &mut || {}).unwrap();
    let a = analyze(&stats.sources, &Settings::default()).unwrap();
    let mut region = industry_monitor::report::templates::region_va(&a);
    assert_eq!(
        region.rows.len(),
        a.regions.len() + 1,
        "全市 and every region"
    );
    for (k, row) in region.rows.iter_mut().enumerate() {
        row[1] = industry_monitor::report::tables::Value::fixed(5.0 + k as f64 / 10.0, 1);
    }
    let mut province = industry_monitor::report::templates::province(&a);
    for (k, row) in province.rows.iter_mut().enumerate() {
        row[1] = industry_monitor::report::tables::Value::fixed(6.0 + k as f64 / 10.0, 1);
    }
    let book = xlsx::tables_workbook(&[region, province]).unwrap();
    let read = ingest(book, "模板.xlsx", &IngestOptions::default(), &mut || {}).unwrap();
    assert_eq!(read.sources.regions.len(), 1, "{:?}", read.sheets);
    assert_eq!(read.sources.regions[0].city_growth_pct, Some(5.0));
    assert_eq!(read.sources.regions[0].rows.len(), a.regions.len());
    assert_eq!(read.sources.cities.len(), 1, "{:?}", read.sheets);
    let cities = &read.sources.cities[0];
    assert_eq!(
        (cities.nation_growth_pct, cities.province_growth_pct),
        (Some(6.0), Some(6.1))
    );
    assert_eq!(cities.rows.len(), 1);
}
