//! Native ingest + analysis on the benchmark workbooks (`make bench` generates them):
//! the median of several runs each, printed as one JSON line per workbook for
//! scripts/bench.mjs. A plain harness: each run is hundreds of milliseconds, so a
//! median of a few is stable, and a statistics framework would add some twenty crates to
//! every test build on this two-core machine.

use industry_monitor::analysis::{analyze, Settings};
use industry_monitor::ingest::{ingest_file, IngestOptions};
use industry_monitor::model::{Period, Sources};
use std::time::Instant;

fn main() {
    let dir = std::env::var("BENCH_DIR").unwrap_or_else(|_| "target/bench".into());
    for (label, runs) in [("XS", 15), ("S", 15), ("M", 7), ("L", 3)] {
        let path = format!("{dir}/{label}.xlsx");
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path} missing: run `make bench` (it generates the workbooks)");
            std::process::exit(1);
        };
        let mut times = Vec::with_capacity(runs);
        let mut enterprises = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let mut sources = Sources::default();
            ingest_file(
                &bytes,
                &format!("{label}.xlsx"),
                &IngestOptions::default(),
                &mut sources,
            )
            .expect("benchmark workbook reads");
            let a = analyze(&sources, &Settings::default()).expect("analysis");
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            enterprises = a.city.enterprises;
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{{\"size\":\"{label}\",\"enterprises\":{enterprises},\"native_ms\":{:.1},\"runs\":{runs}}}",
            times[runs / 2]
        );
    }
    two_periods(&dir);
}

/// What the previous period costs the analysis (本月变化 matches every enterprise of both
/// tables): M alone, and M with its month before (the same enterprises, 3% less output
/// that month), the median of eleven analyses each.
fn two_periods(dir: &str) {
    let bytes = std::fs::read(format!("{dir}/M.xlsx")).expect("M.xlsx");
    let mut one = Sources::default();
    ingest_file(&bytes, "M.xlsx", &IngestOptions::default(), &mut one).expect("M reads");
    let mut two = one.clone();
    let mut before = two.enterprises[0].clone();
    let p = before.period.unwrap_or(Period::new(2023, 3));
    before.period = Some(Period::new(p.year, p.month.saturating_sub(1).max(1)));
    before.month_output.iter_mut().for_each(|v| *v *= 0.97);
    two.enterprises.insert(0, before);
    let median = |s: &Sources| {
        let mut t: Vec<f64> = (0..11)
            .map(|_| {
                let start = Instant::now();
                let a = analyze(s, &Settings::default()).expect("analysis");
                std::hint::black_box(a);
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        t.sort_by(f64::total_cmp);
        t[5]
    };
    println!(
        "{{\"size\":\"M-two-periods\",\"one_ms\":{:.1},\"two_ms\":{:.1}}}",
        median(&one),
        median(&two)
    );
}
