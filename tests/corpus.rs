//! The real-world corpus in ../shared/corpus (files from Excel, LibreOffice and WPS,
//! deliberately malicious ones included): every file is read or refused with a clear
//! error, the whole pipeline runs on what is read, and nothing panics or hangs.

use industry_monitor::analysis::{analyze, Settings};
use industry_monitor::ingest::{ingest_file, IngestOptions};
use industry_monitor::model::Sources;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    dir.is_dir().then_some(dir)
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else if !path.to_string_lossy().contains("LICENSE") {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn every_corpus_file_is_read_or_refused_clearly() {
    let Some(dir) = corpus_dir() else {
        panic!("../shared/corpus is missing: the corpus walk cannot run");
    };
    let paths = files(&dir);
    assert!(
        paths.len() > 200,
        "expected the 264-file corpus, found {}",
        paths.len()
    );
    let (mut read, mut refused) = (0, 0);
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let (tx, rx) = mpsc::channel();
        let label = name.clone();
        // A thread per file: a panic is caught as a failure naming the file, a hang is
        // caught by the timeout.
        let handle = std::thread::spawn(move || {
            let start = Instant::now();
            let mut sources = Sources::default();
            let outcome = ingest_file(&bytes, &label, &IngestOptions::default(), &mut sources);
            if outcome.is_ok() && !sources.enterprises.is_empty() {
                let _ = analyze(&sources, &Settings::default());
            }
            let _ = tx.send((
                outcome.map(|r| r.len()).map_err(|e| e.to_string()),
                start.elapsed(),
            ));
        });
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok((Ok(_), elapsed)) => {
                read += 1;
                // Timing is reported, not asserted (debug builds on a loaded machine vary).
                if elapsed > Duration::from_secs(2) {
                    eprintln!("slow: {name} took {elapsed:?}");
                }
            }
            Ok((Err(message), _)) => {
                refused += 1;
                assert!(
                    message.contains(&name),
                    "{name}: message does not name the file: {message}"
                );
                assert!(
                    message
                        .chars()
                        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                    "{name}: not Chinese: {message}"
                );
            }
            Err(_) => {
                assert!(!handle.is_finished(), "{name}: panicked");
                panic!("{name}: no result after 20 s (hang)");
            }
        }
        assert!(handle.join().is_ok(), "{name}: panicked");
    }
    eprintln!("corpus: {read} read, {refused} refused with a message");
    assert!(read > 150, "only {read} files read");
}

/// Inputs the fuzzer found (`make fuzz`), each once a crash or an out-of-memory.
#[test]
fn fuzz_regressions_fail_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    for path in files(&dir) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let mut sources = Sources::default();
        match ingest_file(&bytes, &name, &IngestOptions::default(), &mut sources) {
            Ok(_) => {}
            Err(e) => assert!(e.to_string().contains(&name), "{e}"),
        }
    }
}
