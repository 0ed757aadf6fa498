//! Any bytes through the whole ingest entry point and, when a table comes out, the
//! analysis: nothing may panic, hang or exhaust memory.
#![no_main]

use industry_monitor::analysis::{analyze, Settings};
use industry_monitor::ingest::{ingest_file, IngestOptions};
use industry_monitor::model::Sources;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut sources = Sources::default();
    if ingest_file(data, "fuzz.xlsx", &IngestOptions::default(), &mut sources).is_ok() && !sources.enterprises.is_empty() {
        let _ = analyze(&sources, &Settings::default());
    }
});
