//! Deterministic workbooks for `make bench` in the bureau's layout (title row, unit row,
//! merged two-row header, 合计 row): XS = 1,000 (a typical city), S = 1,500, M = 20,000,
//! L = 100,000 enterprises.
//! `cargo run --release --example bench_workbooks -- target/bench`

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};
use std::path::PathBuf;

const REGIONS: [&str; 16] = [
    "城东区",
    "城西区",
    "城南区",
    "城北区",
    "高新区",
    "经开区",
    "滨湖区",
    "河西县",
    "东岭县",
    "安平市",
    "临江市",
    "青山县",
    "白水县",
    "北山县",
    "石门县",
    "南湖县",
];
const CODES: [&str; 12] = [
    "1391", "1511", "2614", "2710", "3011", "3130", "3311", "3442", "3670", "3831", "3989", "4411",
];

/// xorshift: the same bytes on every run and machine.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn write(n: usize, path: &PathBuf) -> Result<(), XlsxError> {
    let mut rng = Rng(0x5EED ^ n as u64);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("分企业")?;
    let merged = Format::new().set_align(FormatAlign::Center);
    ws.merge_range(
        0,
        0,
        0,
        10,
        "2023年1-2月规模以上工业企业主要指标（分企业）",
        &merged,
    )?;
    ws.write(1, 10, "单位：千元")?;
    let heads = [
        "序号",
        "统一社会信用代码",
        "单位详细名称",
        "县（市、区）",
        "行业代码",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.merge_range(2, c as u16, 3, c as u16, h, &merged)?;
    }
    ws.merge_range(2, 5, 2, 9, "工业总产值（当年价格）", &merged)?;
    for (c, h) in ["本月", "上年同月", "1-本月", "上年同期", "增速(%)"]
        .iter()
        .enumerate()
    {
        ws.write(3, 5 + c as u16, *h)?;
    }
    ws.merge_range(2, 10, 3, 10, "是否新入规", &merged)?;
    let mut total = [0.0f64; 4];
    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        let size = 500.0 + rng.next().powi(3) * 400_000.0;
        let growth = 0.8 + rng.next() * 0.45;
        let new = i % 40 == 7;
        let stopped = i % 37 == 3;
        let month_prior = if new { 0.0 } else { size.round() };
        let month = if stopped {
            0.0
        } else {
            (size * growth).round()
        };
        let cum_prior = if new { 0.0 } else { (size * 2.1).round() };
        let cum = (size * 2.1 * growth).round();
        for (t, v) in total.iter_mut().zip([month, month_prior, cum, cum_prior]) {
            *t += v;
        }
        rows.push((i, month, month_prior, cum, cum_prior, new));
    }
    ws.write(4, 2, "合计")?;
    for (c, v) in total.iter().enumerate() {
        ws.write(4, 5 + c as u16, *v)?;
    }
    for (i, month, month_prior, cum, cum_prior, new) in rows {
        let r = 5 + i as u32;
        ws.write(r, 0, i as u32 + 1)?;
        ws.write(
            r,
            1,
            format!("91{:06}MA{:08}X", i % 1_000_000, i * 7919 % 100_000_000),
        )?;
        ws.write(r, 2, format!("基准{}号制造有限公司", i + 1))?;
        ws.write(r, 3, REGIONS[i % REGIONS.len()])?;
        ws.write(r, 4, CODES[(i * 7) % CODES.len()])?;
        ws.write(r, 5, month)?;
        ws.write(r, 6, month_prior)?;
        ws.write(r, 7, cum)?;
        ws.write(r, 8, cum_prior)?;
        if cum_prior > 0.0 {
            ws.write(r, 9, ((cum / cum_prior - 1.0) * 1000.0).round() / 10.0)?;
        } else {
            ws.write(r, 9, "—")?;
        }
        ws.write(r, 10, if new { "是" } else { "否" })?;
    }
    wb.save(path)
}

fn main() -> Result<(), XlsxError> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/bench".into()),
    );
    std::fs::create_dir_all(&dir)?;
    for (label, n) in [("XS", 1_000), ("S", 1_500), ("M", 20_000), ("L", 100_000)] {
        let path = dir.join(format!("{label}.xlsx"));
        if !path.exists() {
            write(n, &path)?;
        }
        println!("{} {n} enterprises: {}", label, path.display());
    }
    Ok(())
}
