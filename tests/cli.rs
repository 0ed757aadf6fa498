//! `industry-report analyze --json` end to end on generated workbooks in the layouts the
//! bureau's files come in, against figures computed independently from the raw data.

mod support;

use rust_xlsxwriter::Workbook;
use serde_json::Value;
use support::*;

fn analyze_json(args: &[&str]) -> Value {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "stderr: {stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn assert_close(actual: &Value, expected: f64, tol: f64, what: &str) {
    let a = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: not a number: {actual}"));
    assert!(
        (a - expected).abs() <= tol,
        "{what}: {a} vs expected {expected}"
    );
}

#[test]
fn official_layout_with_context_tables_matches_independent_figures() {
    let firms = firms(120, 7);
    let mut wb = Workbook::new();
    write_official_layout(
        wb.add_worksheet().set_name("分企业").unwrap(),
        &firms,
        "示例市2023年1-2月规模以上工业企业主要指标（分企业）",
    );
    write_region_va(
        wb.add_worksheet().set_name("县区增加值").unwrap(),
        &[
            ("城东区", 6.5),
            ("城西区", -2.0),
            ("高新区", 9.1),
            ("河西县", 4.0),
            ("临江市", -0.5),
            ("北山县", 3.3),
        ],
        5.2,
    );
    write_province(
        wb.add_worksheet().set_name("全省各市").unwrap(),
        &[
            ("甲市", 8.1, "第一考评单元"),
            ("示例市", 5.2, "第一考评单元"),
            ("乙市", 5.2, "第一考评单元"),
            ("丙市", 6.0, "第二考评单元"),
            ("丁市", 4.0, "第二考评单元"),
        ],
        6.4,
        5.9,
    );
    let path = tmp("official.xlsx");
    save(wb, &path);

    let json = analyze_json(&["analyze", "--json", path.to_str().unwrap()]);
    let e = expected(&firms, 1e-5);
    assert_eq!(
        json["period"],
        serde_json::json!({"year": 2023, "month": 2})
    );
    let city = &json["city"];
    assert_eq!(city["name"], "示例市");
    assert_eq!(city["enterprises"], e.enterprises);
    assert_close(&city["output"], e.output, 5e-3, "output");
    assert_close(&city["output_prior"], e.output_prior, 5e-3, "output_prior");
    assert_close(&city["output_growth_pct"], e.growth, 0.01, "growth");
    assert_close(&city["month_output"], e.month_output, 5e-3, "month_output");
    assert_close(
        &city["month_output_growth_pct"],
        e.month_growth,
        0.01,
        "month growth",
    );
    assert_close(&city["value_added_growth_pct"], 5.2, 1e-9, "va");
    assert_close(&city["vs_province_pp"], 5.2 - 6.4, 1e-9, "vs province");
    assert_close(&city["vs_nation_pp"], 5.2 - 5.9, 1e-9, "vs nation");
    assert_eq!(
        city["province_rank"], 3,
        "tie with 乙市 behind 甲市 and 丙市"
    );
    assert_eq!(city["province_cities"], 5);
    assert_eq!(city["unit_rank"], 2);
    assert_eq!(city["unit_cities"], 3);
    for region in REGIONS {
        let row = json["regions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == region)
            .unwrap();
        assert_close(&row["pull_pp"], region_pull(&firms, region), 0.01, region);
    }
    let groups = json["groups"].as_array().unwrap();
    assert_eq!(
        groups[0],
        serde_json::json!({"group": "district", "regions": 3, "up": 2, "down": 1})
    );
    assert_eq!(
        groups[1],
        serde_json::json!({"group": "county", "regions": 3, "up": 2, "down": 1})
    );
    assert_eq!(json["status"]["stopped"], e.stopped);
    // Division codes normalised: "C2614" → 26, "610" → 06.
    let codes: Vec<&str> = json["industries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"26") && codes.contains(&"06"), "{codes:?}");
    assert_eq!(json["target"], Value::Null);
    // The 合计 row agrees with the rows: no cross-check warning.
    assert!(
        !json["warnings"].to_string().contains("合计行"),
        "{}",
        json["warnings"]
    );
}

#[test]
fn ledger_layout_in_wan_with_text_numbers_subtotals_and_targets() {
    let firms_wan = firms(40, 99);
    let mut wb = Workbook::new();
    write_ledger_layout(wb.add_worksheet().set_name("1-2月").unwrap(), &firms_wan);
    let path = tmp("ledger.xlsx");
    save(wb, &path);
    let e = expected(&firms_wan, 1e-4);
    // The quarter's prior output: the two months loaded and about half as much again.
    let bq = (e.output_prior * 1.5 * 100.0).round() / 100.0;
    let json = analyze_json(&[
        "analyze",
        "--json",
        "--city",
        "示例市",
        "--target-output-growth",
        "8",
        "--quarter-end",
        "3",
        "--prior-quarter-output",
        &bq.to_string(),
        path.to_str().unwrap(),
    ]);
    assert_eq!(
        json["city"]["enterprises"], e.enterprises,
        "the 小计 and 合计 rows are not enterprises"
    );
    assert_close(&json["city"]["output"], e.output, 5e-3, "output");
    assert_close(
        &json["city"]["month_output"],
        e.month_output,
        5e-3,
        "month output",
    );
    assert_close(&json["city"]["output_growth_pct"], e.growth, 0.01, "growth");
    assert_eq!(json["status"]["new"], e.new);
    assert_eq!(json["status"]["stopped"], e.stopped);
    let t = &json["target"];
    assert_close(&t["required_quarter_output"], bq * 1.08, 1e-9, "required");
    assert_close(
        &t["required_remaining_output"],
        bq * 1.08 - e.output,
        5e-3,
        "remaining",
    );
    // Forecast column present and quarter end = month + 1: own forecasts, else this month.
    let next: f64 = firms_wan
        .iter()
        .map(|f| f.forecast.unwrap_or(f.month))
        .sum::<f64>()
        * 1e-4;
    assert_close(
        &t["forecast_quarter_output"],
        e.output + next,
        5e-3,
        "forecast",
    );
}

#[test]
fn gbk_csv_is_read() {
    let firms = firms(10, 3);
    let mut text = String::from("2023年1-2月规上工业企业产值\n单位：万元\n企业名称,县区,行业代码,本月,上年同月,1-本月,上年同期\n");
    for f in &firms {
        text.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            f.name, f.region, f.industry, f.month, f.month_prior, f.cum, f.cum_prior
        ));
    }
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    let path = tmp("gbk.csv");
    std::fs::write(&path, &bytes).unwrap();
    let json = analyze_json(&["analyze", "--json", path.to_str().unwrap()]);
    let e = expected(&firms, 1e-4);
    assert_eq!(json["city"]["enterprises"], 10);
    assert_close(&json["city"]["output"], e.output, 5e-3, "output");
}

#[test]
fn unit_override_and_default_unit_warning() {
    let firms = firms(5, 11);
    let mut text = String::from("企业名称,县区,本月,上年同月,1-本月,上年同期\n");
    for f in &firms {
        text.push_str(&format!(
            "{},{},{},{},{},{}\n",
            f.name, f.region, f.month, f.month_prior, f.cum, f.cum_prior
        ));
    }
    let path = tmp("2023年2月.csv");
    std::fs::write(&path, text).unwrap();
    let json = analyze_json(&["analyze", "--json", path.to_str().unwrap()]);
    assert_close(
        &json["city"]["output"],
        expected(&firms, 1e-5).output,
        5e-3,
        "千元 by default",
    );
    assert!(
        json["warnings"].to_string().contains("千元"),
        "{}",
        json["warnings"]
    );
    assert_eq!(
        json["period"],
        serde_json::json!({"year": 2023, "month": 2}),
        "period from the file name"
    );
    let json = analyze_json(&[
        "analyze",
        "--json",
        "--unit",
        "万元",
        path.to_str().unwrap(),
    ]);
    assert_close(
        &json["city"]["output"],
        expected(&firms, 1e-4).output,
        5e-3,
        "--unit 万元",
    );
}

#[test]
fn failures_exit_non_zero_with_one_clear_line() {
    let path = tmp("notes.txt");
    std::fs::write(&path, "会议纪要：没有表格\n").unwrap();
    let (code, stdout, stderr) = run(&["analyze", path.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("notes.txt") && stderr.contains("没有找到企业产值表"),
        "{stderr}"
    );

    let (code, _, stderr) = run(&["analyze", "/nonexistent/x.xlsx"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("x.xlsx"), "{stderr}");

    let (code, _, stderr) = run(&["analyze", "--period", "2023年2月", "a.xlsx"]);
    assert_ne!(code, 0);
    assert!(stderr.contains("YYYY-MM"), "{stderr}");
}

#[test]
fn readable_summary_without_json() {
    let firms = firms(12, 5);
    let mut wb = Workbook::new();
    write_official_layout(
        wb.add_worksheet(),
        &firms,
        "2023年1-3月全市规模以上工业企业主要指标",
    );
    let path = tmp("summary.xlsx");
    save(wb, &path);
    let (code, stdout, stderr) = run(&["analyze", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("规上工业企业 12 户"), "{stdout}");
    assert!(stdout.contains("2023年1-3月"), "{stdout}");
}

#[test]
fn conflicting_periods_warn_and_the_title_wins() {
    let firms = firms(6, 21);
    let mut wb = Workbook::new();
    write_official_layout(
        wb.add_worksheet().set_name("企业").unwrap(),
        &firms,
        "2023年1-2月规模以上工业企业主要指标",
    );
    let path = tmp("2023年1-3月企业.xlsx");
    save(wb, &path);
    let json = analyze_json(&["analyze", "--json", path.to_str().unwrap()]);
    assert_eq!(
        json["period"],
        serde_json::json!({"year": 2023, "month": 2})
    );
    assert!(
        json["warnings"].to_string().contains("2023年1-3月"),
        "{}",
        json["warnings"]
    );
    let json = analyze_json(&[
        "analyze",
        "--json",
        "--period",
        "2023-03",
        path.to_str().unwrap(),
    ]);
    assert_eq!(
        json["period"],
        serde_json::json!({"year": 2023, "month": 3})
    );
}

#[test]
fn xls_and_ods_fixtures_through_the_cli() {
    // tests/fixtures/bureau-layout.*: 2 enterprises in 千元 — 本月 200+100 vs 170+100,
    // 1-本月 400+200 vs 350+200, title 2023年1-2月, merged two-row header, 合计 row.
    for ext in ["xls", "ods", "xlsx"] {
        let path = format!(
            "{}/tests/fixtures/bureau-layout.{ext}",
            env!("CARGO_MANIFEST_DIR")
        );
        let json = analyze_json(&["analyze", "--json", &path]);
        let c = &json["city"];
        assert_eq!(c["enterprises"], 2, "{ext}");
        assert_close(&c["output"], 600.0e-5, 1e-12, ext);
        assert_close(
            &c["output_growth_pct"],
            (600.0 / 550.0 - 1.0) * 100.0,
            1e-9,
            ext,
        );
        assert_close(
            &c["month_output_growth_pct"],
            (300.0 / 270.0 - 1.0) * 100.0,
            1e-9,
            ext,
        );
        assert_eq!(
            json["period"],
            serde_json::json!({"year": 2023, "month": 2}),
            "{ext}"
        );
        assert_eq!(json["status"]["increased"], 1, "{ext}");
        assert_eq!(json["status"]["flat"], 1, "{ext}");
    }
}

#[test]
fn targets_from_a_target_sheet() {
    let firms = firms(30, 8);
    let mut wb = Workbook::new();
    write_official_layout(
        wb.add_worksheet().set_name("企业").unwrap(),
        &firms,
        "2023年1-2月规模以上工业企业主要指标",
    );
    let ws = wb.add_worksheet().set_name("目标任务").unwrap();
    ws.write(0, 0, "一季度目标任务").unwrap();
    ws.write(1, 0, "一季度工业总产值增速目标(%)").unwrap();
    ws.write(1, 1, 10.0).unwrap();
    let e = expected(&firms, 1e-5);
    let bq = (e.output_prior * 1.5 * 100.0).round() / 100.0;
    ws.write(2, 0, "上年一季度工业总产值（亿元）").unwrap();
    ws.write(2, 1, bq).unwrap();
    let path = tmp("targets.xlsx");
    save(wb, &path);
    let json = analyze_json(&["analyze", "--json", path.to_str().unwrap()]);
    let t = &json["target"];
    assert_eq!(t["quarter_end_month"], 3);
    assert_close(&t["required_quarter_output"], bq * 1.1, 1e-9, "required");
    assert_close(
        &t["required_remaining_output"],
        (bq * 1.1) - e.output,
        5e-3,
        "remaining",
    );
    assert_close(&t["pp_to_go"], 10.0 - e.growth, 0.01, "pp to go");
    let remaining_base = bq - e.output_prior;
    assert_close(
        &t["required_remaining_growth_pct"],
        (((bq * 1.1) - e.output) / remaining_base - 1.0) * 100.0,
        0.01,
        "remaining growth",
    );
    // No forecast column: current growth carried on.
    let fc = e.output + remaining_base * (1.0 + e.growth / 100.0);
    assert_close(&t["forecast_quarter_output"], fc, 5e-3, "forecast");
    assert_close(&t["forecast_gap"], (bq * 1.1) - fc, 5e-3, "gap");
}

#[test]
fn t1_target_through_the_cli() {
    // Test vector T1: A12 = 210, B12 = 200 (亿元), BQ = 310, target 8 %.
    let path = two_firm_csv("t1.csv", "2023年1-2月规上工业企业主要指标", "城东区");
    let flags = [
        "--target-output-growth",
        "8",
        "--quarter-end",
        "3",
        "--prior-quarter-output",
        "310",
    ];
    let p = path.to_str().unwrap();
    let mut args = vec!["analyze", "--json"];
    args.extend(flags);
    args.push(p);
    let json = analyze_json(&args);
    let t = &json["target"];
    assert_close(&t["required_quarter_output"], 334.8, 1e-9, "AQ*");
    assert_close(&t["required_remaining_output"], 124.8, 1e-9, "A3*");
    assert_close(
        &t["required_remaining_growth_pct"],
        13.45454545,
        1e-6,
        "g3*",
    );
    assert_close(&t["pp_to_go"], 3.0, 1e-9, "pp to go");
    let mut args = vec!["brief"];
    args.extend(flags);
    args.push(p);
    let (code, text, stderr) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        text.contains("3月份当月产值要完成124.8亿元，同比需增长13.5%"),
        "{text}"
    );
    assert!(text.contains("再增加3.0个百分点"), "{text}");
}

#[test]
fn a_bug_is_reported_with_its_location_not_swallowed() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_industry-report"))
        .args(["analyze", "x.xlsx"])
        .env("INDUSTRY_REPORT_SELF_TEST_PANIC", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("内部错误"), "{stderr}");
    assert!(
        stderr.contains("industry-report.rs:"),
        "names the location: {stderr}"
    );
    assert!(stderr.contains("self-test panic"), "{stderr}");
    assert!(
        !stderr.contains("RUST_BACKTRACE"),
        "one clear line: {stderr}"
    );
}

#[test]
fn the_subcommand_is_checked_before_any_file_is_read() {
    let (code, _, stderr) = run(&["analyse", "a.xlsx"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("未知命令“analyse”"), "{stderr}");
    let (code, _, stderr) = run(&["export", "a.xlsx"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("--xlsx、--docx、--county-packages 或 --report"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&[]);
    assert_eq!(code, 1);
    assert!(stderr.contains("用法"), "{stderr}");
}

#[test]
fn va_estimate_from_a_rate_sheet_and_a_ppi_sheet_in_the_workbook() {
    let firms = firms(120, 11);
    let division = |f: &Firm| industry_monitor::model::normalize_industry_code(f.industry).unwrap();
    let mut divisions: Vec<String> = firms.iter().map(division).collect();
    divisions.sort();
    divisions.dedup();
    assert!(divisions.len() >= 3, "{divisions:?}");
    // Rates for all but the last division (it takes the 全部工业 row's 24 %), in percent;
    // indices for all but the first (it takes the 工业 row's).
    let rate = |i: usize| 20.0 + i as f64 * 1.5;
    let index = |i: usize| (99.0 + i as f64 * 0.7, 98.0 + i as f64 * 0.9);
    let mut wb = Workbook::new();
    write_official_layout(
        wb.add_worksheet().set_name("分企业").unwrap(),
        &firms,
        "示例市2023年1-2月规模以上工业企业主要指标（分企业）",
    );
    let ws = wb.add_worksheet().set_name("增加值率").unwrap();
    ws.write(0, 0, "2022年分行业规上工业增加值率").unwrap();
    ws.write(1, 0, "行业代码").unwrap();
    ws.write(1, 1, "增加值率(%)").unwrap();
    ws.write(2, 0, "全部工业").unwrap();
    ws.write(2, 1, 24.0).unwrap();
    for (i, d) in divisions.iter().enumerate().take(divisions.len() - 1) {
        ws.write(3 + i as u32, 0, d.as_str()).unwrap();
        ws.write(3 + i as u32, 1, rate(i)).unwrap();
    }
    let ws = wb.add_worksheet().set_name("PPI").unwrap();
    ws.write(0, 0, "2023年2月分行业工业生产者出厂价格指数")
        .unwrap();
    ws.write(1, 0, "指标").unwrap();
    ws.write(1, 1, "以上年同期为100").unwrap();
    ws.write(1, 3, "以上月为100").unwrap();
    ws.write(2, 1, "当月").unwrap();
    ws.write(2, 2, "1-本月").unwrap();
    ws.write(3, 0, "工业").unwrap();
    ws.write(3, 1, 97.0).unwrap();
    ws.write(3, 2, 97.5).unwrap();
    for (i, d) in divisions.iter().enumerate().skip(1) {
        let name = industry_monitor::model::division_name(d).unwrap();
        ws.write(3 + i as u32, 0, name).unwrap();
        ws.write(3 + i as u32, 1, index(i).0).unwrap();
        ws.write(3 + i as u32, 2, index(i).1).unwrap();
        ws.write(3 + i as u32, 3, 100.2).unwrap();
    }
    let path = tmp("va-estimate.xlsx");
    save(wb, &path);
    // The quarter's prior output: the two months loaded and about half as much again.
    let bq = (firms.iter().map(|f| f.cum_prior).sum::<f64>() / 1e5 * 1.5 * 100.0).round() / 100.0;
    let bq_flag = bq.to_string();
    let json = analyze_json(&[
        "analyze",
        "--json",
        "--target-output-growth",
        "8",
        "--quarter-end",
        "3",
        "--prior-quarter-output",
        &bq_flag,
        "--target-va-growth",
        "7.5",
        path.to_str().unwrap(),
    ]);
    let (_, sheets, _) = run(&["sheets", path.to_str().unwrap()]);
    assert!(
        sheets.contains("\"va_rates\"") && sheets.contains("\"price_index\""),
        "{sheets}"
    );
    let va = &json["va_estimate"];
    // The same from the raw numbers (千元 → 亿元).
    let factor = |i: usize| {
        let r = if i + 1 == divisions.len() {
            0.24
        } else {
            rate(i) / 100.0
        };
        let (m, k) = if i == 0 { (97.0, 97.5) } else { index(i) };
        (r, m, k)
    };
    let (mut now, mut base, mut mnow, mut mbase) = (0.0, 0.0, 0.0, 0.0);
    let (mut out, mut prior) = (0.0, 0.0);
    let mut per: Vec<(f64, f64, f64, f64)> = Vec::new(); // (r, k, O, B)
    for (i, d) in divisions.iter().enumerate() {
        let (r, m, k) = factor(i);
        let of: Vec<&Firm> = firms.iter().filter(|f| division(f) == *d).collect();
        let o: f64 = of.iter().map(|f| f.cum).sum::<f64>() / 1e5;
        let b: f64 = of.iter().map(|f| f.cum_prior).sum::<f64>() / 1e5;
        let mo: f64 = of.iter().map(|f| f.month).sum::<f64>() / 1e5;
        let mb: f64 = of.iter().map(|f| f.month_prior).sum::<f64>() / 1e5;
        now += r * o / (k / 100.0);
        base += r * b;
        mnow += r * mo / (m / 100.0);
        mbase += r * mb;
        out += o;
        prior += b;
        per.push((r, k, o, b));
    }
    let g = now / base * 100.0 - 100.0;
    assert_close(&va["growth_pct"], g, 1e-9, "va growth");
    assert_close(
        &va["month_growth_pct"],
        mnow / mbase * 100.0 - 100.0,
        1e-9,
        "va month growth",
    );
    let official = json["city"]["value_added_growth_pct"].as_f64();
    assert_eq!(va["official_growth_pct"].as_f64(), official);
    assert_eq!(va["industries"].as_array().unwrap().len(), divisions.len());
    // The target block, with no official figure (calibration 0).
    assert!(official.is_none());
    let r_rem = bq - prior;
    let num = 1.075
        * per
            .iter()
            .map(|p| p.0 * (p.3 + p.3 / prior * r_rem))
            .sum::<f64>()
        - now;
    let den: f64 = per.iter().map(|p| p.0 * (p.2 / out) / (p.1 / 100.0)).sum();
    assert_close(
        &va["target"]["required_remaining_output"],
        num / den,
        1e-9,
        "va target output",
    );
    assert_close(&va["target"]["va_growth_target_pct"], 7.5, 0.0, "va target");
    let warnings: Vec<&str> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["message"].as_str())
        .collect();
    let last = &divisions[divisions.len() - 1];
    assert!(
        warnings
            .iter()
            .any(|m| m.contains(last.as_str()) && m.contains("增加值率")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|m| m.contains(divisions[0].as_str()) && m.contains("1-本月")),
        "{warnings:?}"
    );
}

#[test]
fn explain_prints_the_formula_its_inputs_and_the_cells() {
    let path = two_firm_csv("explain.csv", "2023年1-2月规上工业企业主要指标", "城东区");
    let p = path.to_str().unwrap();
    let (code, out, err) = run(&["explain", "city.output_growth_pct", p]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("累计产值同比（city.output_growth_pct）= 5.0%"),
        "{out}"
    );
    assert!(
        out.contains("(210.0 − 200.0) ÷ 200.0 × 100% = 5.0%"),
        "{out}"
    );
    assert!(
        out.contains("explain.csv") && out.contains("E列“1-本月”") && out.contains("第4–5行"),
        "{out}"
    );
    assert!(out.contains("F列“上年同期”"), "{out}");
    let (code, out, _) = run(&["explain", "regions[河西县].output_growth_pct", p]);
    assert_eq!(code, 0);
    assert!(out.contains("= 0.0%") && out.contains("第5行"), "{out}");
    let (code, _, err) = run(&["explain", "city.nonsense", p]);
    assert_eq!(code, 1);
    assert!(
        err.contains("不认识的指标") && err.contains("city.output_growth_pct"),
        "{err}"
    );
    let (code, out, _) = run(&["explain", "--json", "city.output", p]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["inputs"].as_array().unwrap().len(), 1);
}

/// An industry's figures and a transition set's are explained as a region's are: the
/// definition, the formula with its numbers, and the rows they were read from.
#[test]
fn explain_answers_industries_and_transitions_on_the_demo() {
    let files: Vec<String> = support::demo_paths()
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let with = |key: &str| {
        let mut args = vec!["explain", "--json", key];
        args.extend(files.iter().map(String::as_str));
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{key}: {err}");
        serde_json::from_str::<Value>(&out).unwrap()
    };
    let mut args = vec!["analyze", "--json"];
    args.extend(files.iter().map(String::as_str));
    let (_, out, _) = run(&args);
    let json: Value = serde_json::from_str(&out).unwrap();
    let industry = &json["industries"][0];
    let code = industry["code"].as_str().unwrap();
    let e = with(&format!("industries[{code}].output_growth_pct"));
    assert_eq!(
        e["value"].as_str().unwrap(),
        format!("{:.1}%", industry["output_growth_pct"].as_f64().unwrap())
    );
    assert!(
        e["name"]
            .as_str()
            .unwrap()
            .starts_with(industry["name"].as_str().unwrap()),
        "{e}"
    );
    let e = with(&format!("industries[{code}].pull_pp"));
    assert!(e["definition"].as_str().unwrap().contains("该行业"), "{e}");
    let e = with(&format!("industries[{code}].enterprises"));
    assert_eq!(
        e["value"].as_str().unwrap(),
        format!("{}户", industry["enterprises"])
    );
    let down = &json["transitions"]["turned_down"];
    let e = with("transitions.turned_down.enterprises");
    assert_eq!(
        e["value"].as_str().unwrap(),
        format!("{}户", down["enterprises"])
    );
    let sources: Vec<&str> = e["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["source"].as_str().unwrap())
        .collect();
    assert!(sources.iter().any(|s| s.contains("1-2月")), "{sources:?}");
    // The ledgers' figures.
    let key = &json["ledgers"]["key"];
    let e = with("ledgers.key.enterprises");
    assert_eq!(
        e["value"].as_str().unwrap(),
        format!("{}户", key["matched"])
    );
    let e = with("ledgers.stop_reduce.untracked");
    assert_eq!(
        e["value"].as_str().unwrap(),
        format!("{}户", json["ledgers"]["stop_reduce"]["untracked"])
    );
    // A region's rank in its group names every member's growth; its change since 1-2月
    // names the earlier table's file.
    let region = json["regions"][0]["name"].as_str().unwrap();
    let e = with(&format!("regions[{region}].group_rank"));
    let rank = json["extra"]["region_group_ranks"][region]
        .as_u64()
        .unwrap();
    assert_eq!(e["value"].as_str().unwrap(), format!("第{rank}位"));
    assert!(
        e["inputs"].as_array().unwrap().len() >= rank as usize,
        "{e}"
    );
    let e = with(&format!("regions[{region}].growth_since_pp"));
    assert!(e["formula"].as_str().unwrap().ends_with("个百分点"), "{e}");
    assert!(
        e["inputs"][1]["source"].as_str().unwrap().contains(".xlsx"),
        "{e}"
    );
    // The value-added estimate: the formula's sums give the figure.
    let e = with("va_estimate.growth_pct");
    let estimate = json["va_estimate"]["growth_pct"].as_f64().unwrap();
    assert_eq!(e["value"].as_str().unwrap(), format!("{estimate:.1}%"));
    assert_eq!(e["inputs"].as_array().unwrap().len(), 4);
    let e = with("va_estimate.calibration_pp");
    assert!(e["formula"].as_str().unwrap().ends_with("个百分点"), "{e}");
    let e = with("transitions.turned_down.month_pull_pp");
    assert_eq!(
        e["value"].as_str().unwrap(),
        format!("{:.1}个百分点", down["month_pull_pp"].as_f64().unwrap())
    );
}
