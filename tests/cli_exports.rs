//! `industry-report export --county-packages DIR` and `--report F [--password-file P]`:
//! what they write, read back as the page would (the report's tables decoded to the same
//! files, the packages opened by calamine), and what they refuse.

mod support;

use industry_monitor::app::decode_files;
use industry_monitor::report::report_html;
use support::*;

/// The single-file app's shape, as far as the report writer cares: a title and the demo's
/// script element. (The e2e test opens a report of the real bundle in Chromium.)
fn app() -> std::path::PathBuf {
    let path = tmp("app.html");
    std::fs::write(
        &path,
        "<!DOCTYPE html>\n<html><head><title>工业经济运行监测</title></head><body>\n<script type=\"application/octet-stream\" id=\"demo-gz\">DEMO</script>\n</body></html>\n",
    )
    .unwrap();
    path
}

/// The carried bytes' files: settings JSON behind its length, then the tables.
fn carried_files(payload: &[u8]) -> Vec<industry_monitor::app::FileTables> {
    let len = u32::from_le_bytes(payload[..4].try_into().unwrap()) as usize;
    decode_files(&payload[4 + len..]).expect("the tables decode as the page decodes them")
}

#[test]
fn a_report_carries_the_files_tables_and_a_locked_one_shows_no_name() {
    let csv = two_firm_csv("r.csv", "示例市2023年1-2月规上工业企业", "城东区");
    let (csv, app) = (csv.to_str().unwrap(), app());
    let out = tmp("报告.html");
    let (code, _, stderr) = run(&[
        "export",
        "--report",
        out.to_str().unwrap(),
        "--app",
        app.to_str().unwrap(),
        csv,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<title>示例市2023年1-2月工业经济运行分析</title>"));
    assert!(html.contains("\"files\":[\"r.csv\"]"));
    let files = carried_files(&report_html::open(&html, None).unwrap());
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].name, "r.csv");
    assert_eq!(files[0].sources.enterprises[0].names, ["甲公司", "乙公司"]);

    let password = tmp("pw.txt");
    std::fs::write(&password, "青川 2023\n").unwrap();
    let locked = tmp("locked.html");
    let (code, _, stderr) = run(&[
        "export",
        "--report",
        locked.to_str().unwrap(),
        "--password-file",
        password.to_str().unwrap(),
        "--app",
        app.to_str().unwrap(),
        csv,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let html = std::fs::read_to_string(&locked).unwrap();
    assert!(html.contains("data-locked=\"1\""));
    assert!(report_html::open(&html, Some("wrong")).is_none());
    let files = carried_files(&report_html::open(&html, Some("青川 2023")).unwrap());
    assert_eq!(files[0].sources.enterprises[0].names, ["甲公司", "乙公司"]);
    // Nothing readable: not in the text, not in any base64 part gunzipped.
    assert!(!html.contains("甲公司"));
}

#[test]
fn report_options_that_cannot_work_are_refused_in_words() {
    let csv = two_firm_csv("x.csv", "示例市2023年1-2月规上工业企业", "城东区");
    let csv = csv.to_str().unwrap();
    let out = tmp("x.html");
    let out = out.to_str().unwrap();
    let not_app = tmp("not-app.html");
    std::fs::write(&not_app, "<html><body>hello</body></html>").unwrap();
    let (code, _, stderr) = run(&[
        "export",
        "--report",
        out,
        "--app",
        not_app.to_str().unwrap(),
        csv,
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("不是单文件版本"), "{stderr}");
    let empty = tmp("empty-pw.txt");
    std::fs::write(&empty, "\n").unwrap();
    let (code, _, stderr) = run(&[
        "export",
        "--report",
        out,
        "--password-file",
        empty.to_str().unwrap(),
        "--app",
        app().to_str().unwrap(),
        csv,
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("第一行是空的"), "{stderr}");
    let (code, _, stderr) = run(&["export", "--xlsx", out, "--password-file", "p", csv]);
    assert_eq!(code, 1);
    assert!(stderr.contains("只用于 --report"), "{stderr}");
    assert!(!std::path::Path::new(out).exists());
}

#[test]
fn county_packages_are_written_one_workbook_per_county() {
    let csv = two_firm_csv("c.csv", "示例市2023年1-2月规上工业企业", "城东区");
    let dir = tmp("packages");
    let (code, _, stderr) = run(&[
        "export",
        "--county-packages",
        dir.to_str().unwrap(),
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "城东区2023年1-2月工作包.xlsx",
            "河西县2023年1-2月工作包.xlsx"
        ]
    );
    assert!(stderr.contains("2个县（市、区）"));
}
