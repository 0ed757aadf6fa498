//! Any bytes through the whole ingest entry point and, when a table comes out, the
//! analysis: nothing may panic uncaught, hang or exhaust memory.
#![no_main]

use industry_monitor::analysis::{analyze, Settings};
use industry_monitor::ingest::{ingest_file, IngestOptions};
use industry_monitor::model::Sources;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys aborts on every panic, caught or not. Ingest deliberately catches the
    // parser library's panics on malformed files (ingest/workbook.rs), so restore the
    // default hook: an uncaught panic still fails the run.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| drop(std::panic::take_hook()));
    let mut sources = Sources::default();
    if ingest_file(data, "fuzz.xlsx", &IngestOptions::default(), &mut sources).is_ok() && !sources.enterprises.is_empty() {
        let _ = analyze(&sources, &Settings::default());
    }
});
