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

/// The app's modules by the sibling modules they use (`super::name`), tests left out.
fn app_imports() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let modules: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            let stem = name.strip_suffix(".rs")?.to_string();
            (stem != "mod").then_some(stem)
        })
        .collect();
    let mut graph = std::collections::BTreeMap::new();
    for m in &modules {
        let text = std::fs::read_to_string(dir.join(format!("{m}.rs"))).unwrap();
        let code = text.split("#[cfg(all(test").next().unwrap();
        let mut deps = std::collections::BTreeSet::new();
        for (i, _) in code.match_indices("super::") {
            let rest = &code[i + "super::".len()..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                group[..group.find('}').unwrap_or(0)]
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .collect()
            } else {
                vec![rest
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
                    .unwrap()]
            };
            for n in names {
                if n != m && modules.iter().any(|x| x == n) {
                    deps.insert(n.to_string());
                }
            }
        }
        graph.insert(m.clone(), deps);
    }
    graph
}

#[test]
fn app_modules_import_no_cycle() {
    let graph = app_imports();
    assert!(graph["loader"].contains("worker"), "{graph:?}");
    for start in graph.keys() {
        // Depth-first from `start`: reaching `start` again is a cycle.
        let mut stack: Vec<Vec<String>> = vec![vec![start.clone()]];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(path) = stack.pop() {
            for next in &graph[path.last().unwrap()] {
                assert!(
                    next != start,
                    "import cycle: {} -> {next}",
                    path.join(" -> ")
                );
                if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push(longer);
                }
            }
        }
    }
}
