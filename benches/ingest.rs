//! Native ingest + analysis on the benchmark workbooks (`make bench` generates them):
//! the median of several runs each, printed as one JSON line per workbook for
//! scripts/bench.mjs. A plain harness: each run is hundreds of milliseconds, so a
//! median of a few is stable, and a statistics framework would add some twenty crates to
//! every test build on this two-core machine.

use industry_monitor::analysis::{analyze, Settings};
use industry_monitor::ingest::{ingest_file, IngestOptions};
use industry_monitor::model::Sources;
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
}
