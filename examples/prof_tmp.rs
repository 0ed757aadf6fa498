use industry_monitor::analysis::{analyze, Settings};
use industry_monitor::ingest::{ingest, IngestOptions};
use std::time::Instant;
fn main() {
    let mut lines = vec!["企业名称,县（市、区）,本月产值,上年同月产值,1-本月产值,上年同期产值".to_string()];
    for i in 0..1_000_000 { lines.push(format!("企业{i},,{},{},{},{}", 100 + i % 50, 95 + i % 40, 200 + i % 90, 190 + i % 70)); }
    let bytes = lines.join("\n").into_bytes();
    let t = Instant::now();
    let read = ingest(bytes, "示例市2023年1-2月.csv", &IngestOptions::default(), &mut || {}).unwrap();
    eprintln!("ingest {:?}", t.elapsed());
    let t = Instant::now();
    let enc = bincode::serialize(&read.sources).unwrap();
    eprintln!("encode {:?} {} bytes", t.elapsed(), enc.len());
    let t = Instant::now();
    let s: industry_monitor::model::Sources = bincode::deserialize(&enc).unwrap();
    eprintln!("decode {:?}", t.elapsed());
    for _ in 0..3 {
        let t = Instant::now();
        let a = analyze(&s, &Settings::default()).unwrap();
        eprintln!("analyze {:?} {}", t.elapsed(), a.enterprises.len());
    }
}
