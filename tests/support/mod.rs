//! Generated enterprise data and the figures expected from it, computed here directly
//! from the raw numbers (not through the app's code), plus writers for the layouts the
//! bureau's files come in.
#![allow(dead_code)]

use industry_monitor::model::{EnterpriseTable, Period};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

/// (name, region, division, month, month_prior, cum, cum_prior, new), in 亿元.
pub type Row<'a> = (&'a str, &'a str, &'a str, f64, f64, f64, f64, bool);

/// An enterprise table of 2023年1-2月 built directly, bypassing ingest.
pub fn enterprise_table(rows: &[Row]) -> EnterpriseTable {
    let mut t = EnterpriseTable {
        period: Some(Period::new(2023, 2)),
        ..Default::default()
    };
    for (i, r) in rows.iter().enumerate() {
        t.names.push(r.0.into());
        t.codes.push(None);
        t.regions.push(r.1.into());
        t.divisions.push(Some(r.2.into()));
        t.month_output.push(r.3);
        t.month_output_prior.push(r.4);
        t.cum_output.push(r.5);
        t.cum_output_prior.push(r.6);
        t.forecast_next_month.push(None);
        t.is_new.push(r.7);
        t.reported_stopped.push(false);
        t.source_rows.push(i);
    }
    t
}

/// A small deterministic generator (xorshift), so one seed is one case.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

pub const REGIONS: [&str; 6] = ["城东区", "城西区", "高新区", "河西县", "临江市", "北山县"];
pub const CODES: [&str; 6] = ["3442", "C2614", "1391", "3989", "610", "4411"];

/// One enterprise in 千元, as the enterprise form reports it.
#[derive(Clone, Debug)]
pub struct Firm {
    pub name: String,
    pub code: String,
    pub region: &'static str,
    pub industry: &'static str,
    pub month: f64,
    pub month_prior: f64,
    pub cum: f64,
    pub cum_prior: f64,
    pub forecast: Option<f64>,
    pub new: bool,
    pub stopped_label: bool,
}

/// Deterministic firms: some stopped, some new (base 0), growth of both signs.
pub fn firms(n: usize, seed: u64) -> Vec<Firm> {
    let mut s = seed | 1;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s % 100_000
    };
    (0..n)
        .map(|i| {
            let month_prior = 500.0 + next() as f64 / 10.0;
            let cum_prior = month_prior * 2.0 + next() as f64 / 100.0;
            let new = i % 17 == 5;
            let stopped = i % 13 == 3;
            let factor = 0.7 + (next() % 700) as f64 / 1000.0;
            let month = if stopped {
                0.0
            } else {
                (month_prior * factor * 10.0).round() / 10.0
            };
            let cum = ((cum_prior * factor + month * 0.1) * 10.0).round() / 10.0;
            Firm {
                name: format!("示例{}号实业有限公司", i + 1),
                code: format!("91230100MA{:08}", i + 1),
                region: REGIONS[i % REGIONS.len()],
                industry: CODES[(i * 5 + 1) % CODES.len()],
                month,
                month_prior: if new { 0.0 } else { month_prior },
                cum,
                cum_prior: if new { 0.0 } else { cum_prior },
                forecast: (i % 3 != 0).then(|| (month * 1.1 * 10.0).round() / 10.0),
                new,
                stopped_label: false,
            }
        })
        .collect()
}

/// Expected figures in 亿元 and %, straight from the raw numbers.
pub struct Expected {
    pub enterprises: usize,
    pub output: f64,
    pub output_prior: f64,
    pub growth: f64,
    pub month_output: f64,
    pub month_growth: f64,
    pub stopped: usize,
    pub new: usize,
}

pub fn expected(firms: &[Firm], unit_to_yi: f64) -> Expected {
    let sum = |f: &dyn Fn(&Firm) -> f64| firms.iter().map(f).sum::<f64>() * unit_to_yi;
    let output = sum(&|f| f.cum);
    let output_prior = sum(&|f| f.cum_prior);
    let month_output = sum(&|f| f.month);
    let month_prior = sum(&|f| f.month_prior);
    Expected {
        enterprises: firms.len(),
        output,
        output_prior,
        growth: (output / output_prior - 1.0) * 100.0,
        month_output,
        month_growth: (month_output / month_prior - 1.0) * 100.0,
        stopped: firms
            .iter()
            .filter(|f| f.month == 0.0 || f.stopped_label)
            .count(),
        new: firms.iter().filter(|f| f.new).count(),
    }
}

/// Pull of one region in pp, from the raw numbers.
pub fn region_pull(firms: &[Firm], region: &str) -> f64 {
    let base: f64 = firms.iter().map(|f| f.cum_prior).sum();
    let delta: f64 = firms
        .iter()
        .filter(|f| f.region == region)
        .map(|f| f.cum - f.cum_prior)
        .sum();
    delta / base * 100.0
}

/// The statistics bureau's own layout: title, unit row, two-row merged header, 合计 first, 千元.
pub fn write_official_layout(ws: &mut Worksheet, firms: &[Firm], title: &str) {
    let bold = Format::new().set_bold();
    ws.merge_range(0, 0, 0, 13, title, &bold).unwrap();
    ws.write(1, 13, "单位：千元、%").unwrap();
    let top = [
        "序号",
        "统一社会信用代码",
        "单位详细名称",
        "县（市、区）",
        "行业代码",
        "行业名称",
    ];
    for (c, h) in top.iter().enumerate() {
        ws.merge_range(2, c as u16, 3, c as u16, h, &bold).unwrap();
    }
    ws.merge_range(2, 6, 2, 11, "工业总产值（当年价格）", &bold)
        .unwrap();
    for (i, h) in [
        "本月",
        "上年同月",
        "增速(%)",
        "1-本月",
        "上年同期",
        "增速(%)",
    ]
    .iter()
    .enumerate()
    {
        ws.write(3, 6 + i as u16, *h).unwrap();
    }
    ws.merge_range(2, 12, 2, 13, "工业销售产值", &bold).unwrap();
    ws.write(3, 12, "1-本月").unwrap();
    ws.write(3, 13, "上年同期").unwrap();
    let total = |f: &dyn Fn(&Firm) -> f64| firms.iter().map(f).sum::<f64>();
    ws.write(4, 0, "合计").unwrap();
    ws.write(4, 6, total(&|f| f.month)).unwrap();
    ws.write(4, 7, total(&|f| f.month_prior)).unwrap();
    ws.write(4, 9, total(&|f| f.cum)).unwrap();
    ws.write(4, 10, total(&|f| f.cum_prior)).unwrap();
    for (i, f) in firms.iter().enumerate() {
        let r = 5 + i as u32;
        ws.write(r, 0, (i + 1) as f64).unwrap();
        ws.write(r, 1, f.code.as_str()).unwrap();
        ws.write(r, 2, f.name.as_str()).unwrap();
        ws.write(r, 3, f.region).unwrap();
        ws.write(r, 4, f.industry).unwrap();
        ws.write(r, 5, "某行业小类").unwrap();
        ws.write(r, 6, f.month).unwrap();
        ws.write(r, 7, f.month_prior).unwrap();
        if f.month_prior > 0.0 {
            ws.write(r, 8, (f.month / f.month_prior - 1.0) * 100.0)
                .unwrap();
        } else {
            ws.write(r, 8, "—").unwrap();
        }
        ws.write(r, 9, f.cum).unwrap();
        ws.write(r, 10, f.cum_prior).unwrap();
        ws.write(r, 11, "—").unwrap();
        ws.write(r, 12, f.cum * 0.97).unwrap();
        ws.write(r, 13, f.cum_prior * 0.95).unwrap();
    }
    let last = 5 + firms.len() as u32;
    ws.write(last + 1, 0, "注：本表为快报数，以统计局正式数据为准。")
        .unwrap();
}

/// A county's hand-made ledger: one header row with units in brackets (万元), numbers as
/// text with thousands separators, "—" for blanks, subtotal rows, total at the bottom.
pub fn write_ledger_layout(ws: &mut Worksheet, firms_wan: &[Firm]) {
    let headers = [
        "企 业 名 称",
        "县区",
        "行业代码",
        "本月产值（万元）",
        "上年同月（万元）",
        "1-2月产值（万元）",
        "上年1-2月（万元）",
        "预计3月产值（万元）",
        "是否新入规",
        "生产状态",
    ];
    ws.write(0, 0, "2023年1-2月重点工业企业产值情况").unwrap();
    for (c, h) in headers.iter().enumerate() {
        ws.write(1, c as u16, *h).unwrap();
    }
    let mut r = 2u32;
    for (i, f) in firms_wan.iter().enumerate() {
        if i == firms_wan.len() / 2 {
            ws.write(r, 0, "市辖区小计").unwrap();
            ws.write(r, 5, 12345.0).unwrap();
            r += 1;
        }
        let text = |v: f64| {
            let s = format!("{v:.1}");
            let (int, frac) = s.split_once('.').unwrap();
            let mut grouped = String::new();
            for (k, ch) in int.chars().enumerate() {
                if k > 0 && (int.len() - k) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(ch);
            }
            format!("{grouped}.{frac}")
        };
        ws.write(r, 0, f.name.as_str()).unwrap();
        ws.write(r, 1, f.region).unwrap();
        ws.write(r, 2, f.industry).unwrap();
        if f.month == 0.0 {
            ws.write(r, 3, "—").unwrap();
        } else {
            ws.write(r, 3, text(f.month).as_str()).unwrap();
        }
        ws.write(r, 4, text(f.month_prior).as_str()).unwrap();
        ws.write(r, 5, f.cum).unwrap();
        ws.write(r, 6, f.cum_prior).unwrap();
        match f.forecast {
            Some(v) => ws.write(r, 7, v).unwrap(),
            None => ws.write(r, 7, "").unwrap(),
        };
        ws.write(r, 8, if f.new { "是" } else { "否" }).unwrap();
        ws.write(r, 9, if f.month == 0.0 { "停产" } else { "正常" })
            .unwrap();
        r += 1;
    }
    ws.write(r, 0, "合计").unwrap();
    ws.write(r, 5, firms_wan.iter().map(|f| f.cum).sum::<f64>())
        .unwrap();
}

/// 县区增加值增速表 with a 全市 row and subtotals.
pub fn write_region_va(ws: &mut Worksheet, rows: &[(&str, f64)], city: f64) {
    ws.write(0, 0, "2023年1-2月各县（市、区）规模以上工业增加值增速")
        .unwrap();
    ws.write(1, 0, "地区").unwrap();
    ws.write(1, 1, "规上工业增加值增速(%)").unwrap();
    ws.write(1, 2, "位次").unwrap();
    ws.write(2, 0, "全市").unwrap();
    ws.write(2, 1, city).unwrap();
    ws.write(3, 0, "市辖区小计").unwrap();
    ws.write(3, 1, 1.0).unwrap();
    for (i, (name, g)) in rows.iter().enumerate() {
        ws.write(4 + i as u32, 0, *name).unwrap();
        ws.write(4 + i as u32, 1, *g).unwrap();
    }
}

/// 全省各市 table with 全省/全国 rows and 考评单元 written once per block (merged).
pub fn write_province(ws: &mut Worksheet, rows: &[(&str, f64, &str)], province: f64, nation: f64) {
    ws.write(0, 0, "2023年1-2月全省各市规模以上工业增加值增速")
        .unwrap();
    ws.write(1, 0, "地区").unwrap();
    ws.write(1, 1, "1-2月增速(%)").unwrap();
    ws.write(1, 2, "考评单元").unwrap();
    ws.write(2, 0, "全国").unwrap();
    ws.write(2, 1, nation).unwrap();
    ws.write(3, 0, "全省").unwrap();
    ws.write(3, 1, province).unwrap();
    let mut prev_unit = "";
    for (r, (name, g, unit)) in (4u32..).zip(rows.iter()) {
        ws.write(r, 0, *name).unwrap();
        ws.write(r, 1, *g).unwrap();
        if *unit != prev_unit {
            ws.write(r, 2, *unit).unwrap();
            prev_unit = unit;
        }
    }
}

pub fn save(mut wb: Workbook, path: &std::path::Path) {
    wb.save(path).unwrap();
}

/// A path in this test binary's own temporary directory.
/// Two enterprises in 亿元 for `title`'s period (甲公司 in `region`, 乙公司 in 河西县): the
/// smallest table the CLI analyses, written to a temporary CSV.
pub fn two_firm_csv(name: &str, title: &str, region: &str) -> std::path::PathBuf {
    let path = tmp(name);
    std::fs::write(
        &path,
        format!("{title}\n单位：亿元\n企业名称,县区,本月,上年同月,1-本月,上年同期\n甲公司,{region},100,95,150,140\n乙公司,河西县,30,30,60,60\n"),
    )
    .unwrap();
    path
}

pub fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("industry-monitor-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Runs `industry-report` with `args`: (exit code, stdout, stderr).
///
/// With `CLI_ARGS_LOG` set, each invocation's arguments are appended to that file (one
/// JSON array a line) so `scripts/json-compare.sh` can replay them against another build.
pub fn run(args: &[&str]) -> (i32, String, String) {
    if let Ok(log) = std::env::var("CLI_ARGS_LOG") {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .unwrap();
        writeln!(file, "{}", serde_json::to_string(args).unwrap()).unwrap();
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_industry-report"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The demo city's workbooks (public/demo), in name order.
pub fn demo_paths() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/demo");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// The demo city's workbooks, read.
pub fn demo_sources() -> industry_monitor::model::Sources {
    let mut sources = industry_monitor::model::Sources::default();
    for path in demo_paths() {
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        industry_monitor::ingest::ingest_file(&bytes, &name, &Default::default(), &mut sources)
            .unwrap();
    }
    sources
}
