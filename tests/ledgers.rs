//! The bureau's ledgers (contract → Extensions → `ledgers`) through the command line:
//! generated statistics and ledgers keyed every way a bureau keys them (统一社会信用代码,
//! 组织机构代码 with and without the dash, names with extra spaces and full-width brackets,
//! names no enterprise has), columns in any order under any of the header words, as xlsx
//! or CSV in UTF-8 or GBK; every figure expected is computed here from the raw numbers.

mod support;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;
use support::{firms, run, tmp, write_official_layout, Firm, Rng};

const TO_YI: f64 = 1e-5;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Keyed {
    Credit,
    OrgDash,
    OrgPlain,
    SpacedName,
    Name,
}

/// How a ledger row names firm `f`: (name cell, code cell).
fn naming(f: &Firm, keyed: Keyed) -> (String, String) {
    let org = &f.code[8..17];
    match keyed {
        Keyed::Credit => ("（台账简称）".to_string() + &f.name[..6], f.code.clone()),
        Keyed::OrgDash => (f.name.clone(), format!("{}-{}", &org[..8], &org[8..])),
        Keyed::OrgPlain => (f.name.clone(), org.to_string()),
        Keyed::SpacedName => {
            let full: String = f
                .name
                .chars()
                .map(|c| match c {
                    '(' => '（',
                    ')' => '）',
                    c => c,
                })
                .collect();
            let mut spaced: String = full.chars().take(2).collect();
            spaced.push_str("  ");
            spaced.extend(full.chars().skip(2));
            (format!(" {spaced}　"), String::new())
        }
        Keyed::Name => (f.name.clone(), String::new()),
    }
}

enum Format_ {
    Xlsx,
    CsvUtf8,
    CsvGbk,
}

/// A ledger sheet: header words and rows of text cells (dates may be Excel serials).
struct Sheet {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

#[derive(Clone)]
enum Cell {
    Text(String),
    Date(u16, u8, u8),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Date(y, m, d) => format!("{y}-{m:02}-{d:02}"),
        }
    }
}

fn write(sheet: &Sheet, format: &Format_, path: &std::path::Path, order: &[usize]) {
    match format {
        Format_::Xlsx => {
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            ws.write(0, 0, sheet.title.as_str()).unwrap();
            let date = Format::new().set_num_format("yyyy-mm-dd");
            for (c, &i) in order.iter().enumerate() {
                ws.write(2, c as u16, sheet.headers[i].as_str()).unwrap();
                for (r, row) in sheet.rows.iter().enumerate() {
                    let r = 3 + r as u32;
                    match &row[i] {
                        Cell::Text(t) if t.is_empty() => {}
                        Cell::Text(t) => {
                            ws.write(r, c as u16, t.as_str()).unwrap();
                        }
                        Cell::Date(y, m, d) => {
                            let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                            ws.write_datetime_with_format(r, c as u16, &dt, &date)
                                .unwrap();
                        }
                    }
                }
            }
            wb.save(path).unwrap();
        }
        Format_::CsvUtf8 | Format_::CsvGbk => {
            let quote = |t: String| format!("\"{}\"", t.replace('"', "\"\""));
            let mut text = format!("{}\n\n", quote(sheet.title.clone()));
            let line = |cells: Vec<String>| cells.into_iter().map(quote).collect::<Vec<_>>();
            text += &line(order.iter().map(|&i| sheet.headers[i].clone()).collect()).join(",");
            text.push('\n');
            for row in &sheet.rows {
                text += &line(order.iter().map(|&i| row[i].text()).collect()).join(",");
                text.push('\n');
            }
            let bytes = match format {
                Format_::CsvGbk => encoding_rs::GBK.encode(&text).0.into_owned(),
                _ => text.into_bytes(),
            };
            std::fs::write(path, bytes).unwrap();
        }
    }
}

fn status(f: &Firm) -> &'static str {
    if f.month == 0.0 {
        "stopped"
    } else if f.month > f.month_prior {
        "increased"
    } else if f.month < f.month_prior {
        "reduced"
    } else {
        "flat"
    }
}

fn close(got: &Value, want: Option<f64>, what: &str) {
    match want {
        None => assert!(got.is_null(), "{what}: {got} not null"),
        Some(w) => {
            let g = got.as_f64().unwrap_or_else(|| panic!("{what}: {got}"));
            assert!(
                (g - w).abs() <= 1e-9 * w.abs().max(1.0),
                "{what}: {g} vs {w}"
            );
        }
    }
}

fn growth(x: f64, base: f64) -> Option<f64> {
    (base != 0.0).then(|| (x / base - 1.0) * 100.0)
}

/// A review row: the firm (or a name no firm has), 审核类型, 佐证材料, 截止时间.
type ReviewRow = (
    Result<usize, String>,
    &'static str,
    &'static str,
    Option<(u16, u8, u8)>,
);

struct Case {
    firms: Vec<Firm>,
    key: Vec<(usize, Keyed, &'static str)>,
    key_unmatched: Vec<String>,
    stop: Vec<(usize, Keyed, &'static str)>,
    stop_unmatched: Vec<String>,
    /// (firm or unmatched name, kind, evidence, deadline)
    review: Vec<ReviewRow>,
}

const LEADERS: [&str; 4] = ["王市长", "李副市长", "张秘书长", "赵局长"];
const REASONS: [&str; 5] = ["订单不足", "原料短缺", "设备检修", "资金紧张", "环保限产"];
const KEYED: [Keyed; 5] = [
    Keyed::Credit,
    Keyed::OrgDash,
    Keyed::OrgPlain,
    Keyed::SpacedName,
    Keyed::Name,
];

fn generate(seed: u64) -> Case {
    let mut rng = Rng(seed * 2654435761 + 17);
    let n = 20 + rng.below(40);
    let mut firms = firms(n, seed + 3);
    // Names with brackets, as the statistics write them, to join from full-width ones.
    for (i, f) in firms.iter_mut().enumerate() {
        // Credit codes whose 组织机构代码 (characters 9–17) are distinct, as real ones are.
        f.code = format!("91230100{:08}{}X", 10_000_000 + i * 37, i % 10);
        if i % 4 == 1 {
            f.name = format!("示例市(青山){}号机械有限公司", i + 1);
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let key: Vec<(usize, Keyed, &str)> = order[..5 + rng.below(8)]
        .iter()
        .map(|&i| (i, *rng.pick(&KEYED), *rng.pick(&LEADERS)))
        .collect();
    let down: Vec<usize> = (0..n)
        .filter(|&i| matches!(status(&firms[i]), "stopped" | "reduced"))
        .collect();
    let mut stop: Vec<(usize, Keyed, &str)> = Vec::new();
    for &i in &down {
        if rng.below(3) > 0 {
            stop.push((i, *rng.pick(&KEYED), *rng.pick(&REASONS)));
        }
    }
    // A ledger can name an enterprise that has since recovered.
    if let Some(&up) = (0..n)
        .filter(|&i| status(&firms[i]) == "increased")
        .collect::<Vec<_>>()
        .first()
    {
        stop.push((up, Keyed::Name, REASONS[0]));
    }
    let kinds = ["强制审核", "产值查询", "查询", "明细表审核"];
    let evidence = ["已上传", "未传", "", "是", "否", "√", "已传"];
    let mut review = Vec::new();
    for &i in &order[..3 + rng.below(6)] {
        let deadline = (rng.below(5) > 0).then(|| (2024u16, 3u8, (1 + rng.below(28)) as u8));
        review.push((Ok(i), *rng.pick(&kinds), *rng.pick(&evidence), deadline));
    }
    review.push((
        Err("不在名录中的新建企业有限公司".into()),
        "强制审核",
        "未传",
        Some((2024, 3, 1)),
    ));
    Case {
        firms,
        key,
        key_unmatched: vec![format!("拟入规重点企业{seed}有限公司")],
        stop,
        stop_unmatched: vec!["已注销的某厂".into()],
        review,
    }
}

/// Header words: each ledger's columns under one of the names bureaus use.
fn key_sheet(case: &Case, rng: &mut Rng) -> Sheet {
    let headers = vec![
        rng.pick(&["企业名称", "单位名称", "企业（单位）名称"])
            .to_string(),
        rng.pick(&["统一社会信用代码", "组织机构代码", "信用代码"])
            .to_string(),
        rng.pick(&["包保市级领导", "包保领导", "包保责任人", "联系领导"])
            .to_string(),
        "包保部门".into(),
        "存在问题".into(),
        rng.pick(&["帮扶措施", "帮扶措施（一企一策）"]).to_string(),
    ];
    let mut rows: Vec<Vec<Cell>> = case
        .key
        .iter()
        .map(|&(i, keyed, leader)| {
            let (name, code) = naming(&case.firms[i], keyed);
            vec![
                Cell::Text(name),
                Cell::Text(code),
                Cell::Text(leader.into()),
                Cell::Text("市工信局".into()),
                Cell::Text("订单下滑".into()),
                Cell::Text("协调银行贷款".into()),
            ]
        })
        .collect();
    for name in &case.key_unmatched {
        rows.push(vec![
            Cell::Text(name.clone()),
            Cell::Text(String::new()),
            Cell::Text(LEADERS[0].into()),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
        ]);
    }
    Sheet {
        title: "重点企业包保台账".into(),
        headers,
        rows,
    }
}

fn stop_sheet(case: &Case, rng: &mut Rng) -> Sheet {
    let headers = vec![
        "企业名称".into(),
        "统一社会信用代码".into(),
        rng.pick(&["类型", "停减产类型"]).to_string(),
        rng.pick(&["原因", "停减产原因", "主要原因"]).to_string(),
        "预计复产时间".into(),
        "包保领导".into(),
    ];
    let mut rows: Vec<Vec<Cell>> = case
        .stop
        .iter()
        .map(|&(i, keyed, reason)| {
            let f = &case.firms[i];
            let (name, code) = naming(f, keyed);
            let kind = if f.month == 0.0 { "停产" } else { "减产" };
            vec![
                Cell::Text(name),
                Cell::Text(code),
                Cell::Text(kind.into()),
                Cell::Text(reason.into()),
                Cell::Date(2024, 4, 15),
                Cell::Text(LEADERS[1].into()),
            ]
        })
        .collect();
    for name in &case.stop_unmatched {
        rows.push(vec![
            Cell::Text(name.clone()),
            Cell::Text(String::new()),
            Cell::Text("停产".into()),
            Cell::Text(REASONS[1].into()),
            Cell::Text("待定".into()),
            Cell::Text(String::new()),
        ]);
    }
    Sheet {
        title: "停减产企业台账".into(),
        headers,
        rows,
    }
}

fn review_sheet(case: &Case, rng: &mut Rng, dates_as_text: bool) -> Sheet {
    let headers = vec![
        "企业名称".into(),
        "统一社会信用代码".into(),
        rng.pick(&["审核类型", "审核类型（强制审核/查询）"])
            .to_string(),
        rng.pick(&["佐证材料", "佐证材料(已传/未传)", "佐证材料上传情况"])
            .to_string(),
        rng.pick(&["截止时间", "截止日期"]).to_string(),
        "责任人".into(),
    ];
    let rows = case
        .review
        .iter()
        .map(|(of, kind, evidence, deadline)| {
            let (name, code) = match of {
                Ok(i) => naming(&case.firms[*i], Keyed::OrgDash),
                Err(name) => (name.clone(), String::new()),
            };
            let deadline = match deadline {
                None => Cell::Text(String::new()),
                Some((y, m, d)) if dates_as_text => Cell::Text(format!("{y}年{m}月{d}日")),
                Some((y, m, d)) => Cell::Date(*y, *m, *d),
            };
            vec![
                Cell::Text(name),
                Cell::Text(code),
                Cell::Text(kind.to_string()),
                Cell::Text(evidence.to_string()),
                deadline,
                Cell::Text("刘科长".into()),
            ]
        })
        .collect();
    Sheet {
        title: "强制审核和产值查询企业佐证材料台账".into(),
        headers,
        rows,
    }
}

fn check(case: &Case, json: &Value, as_of: (u16, u8, u8)) {
    let f = &case.firms;
    let base: f64 = f.iter().map(|x| x.cum_prior).sum::<f64>() * TO_YI;
    let total: f64 = f.iter().map(|x| x.cum).sum::<f64>() * TO_YI;
    let month_base: f64 = f.iter().map(|x| x.month_prior).sum::<f64>() * TO_YI;
    let l = &json["ledgers"];

    // 包保台账
    let key = &l["key"];
    assert_eq!(key["listed"], case.key.len() + case.key_unmatched.len());
    assert_eq!(key["matched"], case.key.len());
    assert_eq!(key["unmatched"], serde_json::json!(case.key_unmatched));
    let mut members: Vec<usize> = case.key.iter().map(|k| k.0).collect();
    members.sort();
    members.dedup();
    let out: f64 = members.iter().map(|&i| f[i].cum).sum::<f64>() * TO_YI;
    let prior: f64 = members.iter().map(|&i| f[i].cum_prior).sum::<f64>() * TO_YI;
    close(&key["output"], Some(out), "key.output");
    close(&key["output_prior"], Some(prior), "key.output_prior");
    close(&key["output_growth_pct"], growth(out, prior), "key growth");
    close(&key["share_pct"], Some(out / total * 100.0), "key share");
    close(
        &key["pull_pp"],
        Some((out - prior) / base * 100.0),
        "key pull",
    );
    let leaders = key["leaders"].as_array().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    for w in leaders.windows(2) {
        assert!(
            w[0]["output"].as_f64() >= w[1]["output"].as_f64(),
            "leaders by output"
        );
    }
    for leader in LEADERS {
        let mut m: Vec<usize> = case
            .key
            .iter()
            .filter(|k| k.2 == leader)
            .map(|k| k.0)
            .collect();
        m.sort();
        m.dedup();
        let row = leaders.iter().find(|r| r["leader"] == leader);
        let Some(row) = row else {
            assert!(m.is_empty(), "{leader} missing");
            continue;
        };
        seen.insert(leader);
        assert_eq!(row["enterprises"], m.len(), "{leader}");
        let o: f64 = m.iter().map(|&i| f[i].cum).sum::<f64>() * TO_YI;
        let p: f64 = m.iter().map(|&i| f[i].cum_prior).sum::<f64>() * TO_YI;
        close(&row["output"], Some(o), leader);
        close(&row["output_growth_pct"], growth(o, p), leader);
        close(&row["pull_pp"], Some((o - p) / base * 100.0), leader);
        let count = |s: &str| m.iter().filter(|&&i| status(&f[i]) == s).count();
        assert_eq!(row["stopped"], count("stopped"), "{leader} stopped");
        assert_eq!(row["reduced"], count("reduced"), "{leader} reduced");
    }
    assert_eq!(seen.len(), leaders.len(), "no other leader");

    // 停减产台账
    let stop = &l["stop_reduce"];
    assert_eq!(stop["listed"], case.stop.len() + case.stop_unmatched.len());
    assert_eq!(stop["matched"], case.stop.len());
    assert_eq!(stop["unmatched"], serde_json::json!(case.stop_unmatched));
    let reasons = stop["reasons"].as_array().unwrap();
    for reason in REASONS {
        let mut m: Vec<usize> = case
            .stop
            .iter()
            .filter(|s| s.2 == reason)
            .map(|s| s.0)
            .collect();
        m.sort();
        m.dedup();
        let row = reasons.iter().find(|r| r["reason"] == reason);
        let Some(row) = row else {
            assert!(m.is_empty(), "{reason} missing");
            continue;
        };
        assert_eq!(row["enterprises"], m.len(), "{reason}");
        let d: f64 = m
            .iter()
            .map(|&i| f[i].month - f[i].month_prior)
            .sum::<f64>()
            * TO_YI;
        close(&row["month_pull_pp"], Some(d / month_base * 100.0), reason);
    }
    let tracked: Vec<usize> = case.stop.iter().map(|s| s.0).collect();
    let untracked = (0..f.len())
        .filter(|&i| matches!(status(&f[i]), "stopped" | "reduced") && !tracked.contains(&i))
        .count();
    assert_eq!(stop["untracked"], untracked);

    // 审核/查询台账
    let review = &l["review"];
    assert_eq!(review["listed"], case.review.len());
    assert_eq!(
        review["matched"],
        case.review.iter().filter(|r| r.0.is_ok()).count()
    );
    let provided = |e: &str| matches!(e, "已上传" | "是" | "√" | "已传");
    let count = |test: &dyn Fn(&ReviewRow) -> bool| case.review.iter().filter(|r| test(r)).count();
    assert_eq!(review["compulsory"], count(&|r| r.1 == "强制审核"));
    assert_eq!(
        review["query"],
        count(&|r| matches!(r.1, "产值查询" | "查询"))
    );
    assert_eq!(review["evidence_missing"], count(&|r| !provided(r.2)));
    assert_eq!(
        review["overdue"],
        count(&|r| !provided(r.2) && r.3.is_some_and(|d| d < as_of))
    );
}

#[test]
fn ledgers_joined_every_way_a_bureau_keys_them() {
    let cases: u64 = std::env::var("LEDGER_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    for seed in 1..=cases {
        let case = generate(seed);
        let mut rng = Rng(seed + 99);
        let stats = tmp(&format!("ledger-case-{seed}-企业.xlsx"));
        let mut wb = Workbook::new();
        write_official_layout(
            wb.add_worksheet(),
            &case.firms,
            "示例市2024年1-2月规模以上工业企业主要指标",
        );
        wb.save(&stats).unwrap();
        let mut files = vec![stats.to_string_lossy().into_owned()];
        for (i, sheet) in [
            key_sheet(&case, &mut rng),
            stop_sheet(&case, &mut rng),
            review_sheet(&case, &mut rng, seed % 2 == 0),
        ]
        .iter()
        .enumerate()
        {
            let format = match (seed as usize + i) % 3 {
                0 => Format_::Xlsx,
                1 => Format_::CsvUtf8,
                _ => Format_::CsvGbk,
            };
            let ext = if matches!(format, Format_::Xlsx) {
                "xlsx"
            } else {
                "csv"
            };
            let path = tmp(&format!("ledger-case-{seed}-{i}.{ext}"));
            let mut order: Vec<usize> = (0..sheet.headers.len()).collect();
            rng.shuffle(&mut order);
            write(sheet, &format, &path, &order);
            files.push(path.to_string_lossy().into_owned());
        }
        let mut args = vec!["analyze", "--json", "--as-of", "2024-03-15"];
        args.extend(files.iter().map(String::as_str));
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "case {seed}: {err}");
        let json: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(json["city"]["enterprises"], case.firms.len(), "case {seed}");
        check(&case, &json, (2024, 3, 15));
    }
}

#[test]
fn ledgers_are_null_without_one_and_a_bad_cell_is_a_warning_not_a_lost_row() {
    let case = generate(5);
    let stats = tmp("ledger-null-企业.xlsx");
    let mut wb = Workbook::new();
    write_official_layout(
        wb.add_worksheet(),
        &case.firms,
        "示例市2024年1-2月规模以上工业企业",
    );
    wb.save(&stats).unwrap();
    let stats = stats.to_string_lossy().into_owned();
    let (_, out, _) = run(&["analyze", "--json", &stats]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert!(json["ledgers"].is_null());

    let path = tmp("ledger-bad.csv");
    std::fs::write(
        &path,
        "企业名称,审核类型,佐证材料,截止时间\n\
         甲公司,强制审核,未传,下周五\n\
         乙公司,抽样核查,已上传,2024-03-01\n\
         丙公司,产值查询,未传,2024/3/1\n",
    )
    .unwrap();
    let path = path.to_string_lossy().into_owned();
    let (code, out, err) = run(&["analyze", "--json", "--as-of", "2024-03-15", &stats, &path]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    let review = &json["ledgers"]["review"];
    assert_eq!(review["listed"], 3);
    assert_eq!(review["compulsory"], 1);
    assert_eq!(review["query"], 1);
    assert_eq!(review["evidence_missing"], 2);
    assert_eq!(review["overdue"], 1, "only 丙: 甲's date is unreadable");
    assert!(json["ledgers"]["key"].is_null());
    let warnings = json["warnings"].as_array().unwrap();
    let at = |cell: &str| {
        warnings
            .iter()
            .find(|w| w["cell"] == cell)
            .unwrap_or_else(|| panic!("no warning at {cell}: {warnings:?}"))
    };
    assert!(at("D2")["message"].as_str().unwrap().contains("下周五"));
    assert!(at("B3")["message"].as_str().unwrap().contains("抽样核查"));
}

#[test]
fn the_workbook_export_and_the_briefing_carry_the_ledgers() {
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/demo");
    let files: Vec<String> = std::fs::read_dir(&demo)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".xlsx"))
        .collect();
    let out = tmp("台账导出.xlsx");
    let out_s = out.to_string_lossy().into_owned();
    let mut args = vec!["export", "--xlsx", out_s.as_str(), "--as-of", "2023-04-05"];
    args.extend(files.iter().map(String::as_str));
    let (code, _, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    use calamine::Reader;
    let book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let names = book.sheet_names();
    for sheet in [
        "包保领导",
        "包保企业",
        "停减产原因",
        "未入台账停减产企业",
        "审核查询",
    ] {
        assert!(names.iter().any(|n| n == sheet), "{sheet} in {names:?}");
    }
    let mut args = vec!["brief", "--as-of", "2023-04-05"];
    args.extend(files.iter().map(String::as_str));
    let (code, text, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("重点包保企业36户"), "{text}");
    assert!(text.contains("停减产原因主要是"), "{text}");
    // Two periods and the 停减产台账: the last meeting's list followed up.
    // The follow-up's own sentence: 复产 is said in the 本月变化 sentence too.
    let sentence = text
        .split("台账所列停减产企业")
        .nth(1)
        .and_then(|t| t.split('。').next())
        .unwrap_or_else(|| panic!("follow-up sentence: {text}"));
    let listed = Some(sentence)
        .and_then(|t| t.split('户').next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("follow-up sentence: {text}"));
    let said: usize = ["复产", "转增", "仍停产", "仍减产"]
        .iter()
        .filter_map(|w| sentence.split(w).nth(1))
        .filter_map(|t| t.split('户').next().and_then(|n| n.parse::<usize>().ok()))
        .sum();
    assert!(said > 0 && said <= listed, "{said} of {listed}: {text}");
    // The follow-up by 包保领导 in the workbook: its 合计 is the sentence's, and the
    // leaders' rows add up to it when no enterprise is under two leaders.
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let follow = book.worksheet_range("停减产台账跟进").unwrap();
    let rows: Vec<Vec<String>> = follow
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][..3], ["包保领导", "台账所列(户)", "复产"]);
    let total = rows.last().unwrap();
    assert_eq!(total[0], "合计");
    assert_eq!(total[1].parse::<usize>().unwrap(), listed);
    let cells: Vec<usize> = total[2..6].iter().map(|c| c.parse().unwrap()).collect();
    assert_eq!(cells.iter().sum::<usize>(), said, "{rows:?}");
    for r in &rows[1..] {
        let n: Vec<usize> = r[1..].iter().map(|c| c.parse().unwrap()).collect();
        assert_eq!(
            n[0],
            n[1..].iter().sum::<usize>(),
            "a leader's row adds up: {r:?}"
        );
    }
    // Deadlines 4月3日–8日: on 4月5日 only the earlier missing ones are overdue.
    let (_, json, _) = run(&[
        &["analyze", "--json", "--as-of", "2023-04-05"][..],
        &files.iter().map(String::as_str).collect::<Vec<_>>()[..],
    ]
    .concat());
    let json: Value = serde_json::from_str(&json).unwrap();
    let review = &json["ledgers"]["review"];
    let overdue = review["overdue"].as_u64().unwrap();
    assert!(
        overdue < review["evidence_missing"].as_u64().unwrap(),
        "{review}"
    );
    assert!(
        text.contains(&format!("其中{overdue}户已过截止时间")) || overdue == 0,
        "{text}"
    );
}
