//! The layers of DESIGN.md, checked on the source: `model` and `analysis` are pure data
//! and computing, so they import nothing from the stages around them or from the web.

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn assert_imports_none(layer: &str, forbidden: &[&str]) {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src")
            .join(layer),
        &mut files,
    );
    assert!(!files.is_empty(), "no sources under src/{layer}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for f in forbidden {
                assert!(
                    !code.contains(f),
                    "{}:{}: {layer} must not use {f}: {line}",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}

#[test]
fn model_and_analysis_import_nothing_from_ingest_report_or_the_web() {
    let forbidden = [
        "crate::ingest",
        "crate::report",
        "crate::app",
        "crate::charts",
        "leptos",
        "web_sys",
    ];
    assert_imports_none("model", &forbidden);
    assert_imports_none("analysis", &forbidden);
}

#[test]
fn report_and_ingest_know_nothing_of_the_web() {
    let forbidden = ["crate::app", "leptos", "web_sys"];
    assert_imports_none("report", &forbidden);
    assert_imports_none("ingest", &forbidden);
}
