//! The layers of docs/ARCHITECTURE.md, checked on the source: `model` and `analysis` are pure data
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

/// Every module of `src/` (a file, or a folder's `mod.rs`) by its path from `src/`
/// ("analysis/city", "ingest/recognise/enterprise"), with its code before its tests.
fn all_modules() -> std::collections::BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut out = std::collections::BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&root).unwrap().with_extension("");
        let mut name = rel.to_string_lossy().replace('\\', "/");
        if let Some(dir) = name.strip_suffix("/mod") {
            name = dir.to_string();
        }
        if name == "lib" || name == "main" || name.starts_with("bin/") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let code = text
            .split("#[cfg(test)]")
            .next()
            .unwrap()
            .split("#[cfg(all(test")
            .next()
            .unwrap()
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        out.insert(name, code);
    }
    out
}

/// The modules each module uses, through `super::`, `self::` and `crate::` paths (a
/// folder and the modules inside it are one family: their mutual use is not counted).
fn module_graph() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let modules = all_modules();
    let ident = |s: &str| -> Vec<String> {
        s.split("::")
            .map(|p| {
                p.trim_start_matches('{')
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            })
            .collect()
    };
    let mut graph = std::collections::BTreeMap::new();
    for (name, code) in &modules {
        let parts: Vec<&str> = name.split('/').collect();
        let is_dir = modules.keys().any(|k| k.starts_with(&format!("{name}/")));
        let mut deps = std::collections::BTreeSet::new();
        let mut add = |base: Vec<String>, rest: &str| {
            // `{a, b}` groups: each name after the base.
            let heads: Vec<String> = match rest.strip_prefix('{') {
                Some(g) => g[..g.find('}').unwrap_or(0)]
                    .split(',')
                    .map(|x| x.trim().to_string())
                    .collect(),
                None => vec![rest.to_string()],
            };
            for head in heads {
                let mut path = base.clone();
                path.extend(ident(&head).into_iter().filter(|p| !p.is_empty()));
                // The longest prefix that is a module.
                while !path.is_empty() {
                    let candidate = path.join("/");
                    if modules.contains_key(&candidate) {
                        let family = candidate.starts_with(&format!("{name}/"))
                            || name.starts_with(&format!("{candidate}/"))
                            || candidate == *name;
                        if !family {
                            deps.insert(candidate);
                        }
                        break;
                    }
                    path.pop();
                }
            }
        };
        // `super` is the folder holding this module (for a folder's mod.rs, its parent).
        let own_dir: Vec<String> = if is_dir {
            parts.iter().map(|s| s.to_string()).collect()
        } else {
            parts[..parts.len() - 1]
                .iter()
                .map(|s| s.to_string())
                .collect()
        };
        for (i, _) in code.match_indices("crate::") {
            add(Vec::new(), &code[i + "crate::".len()..]);
        }
        for (i, _) in code.match_indices("self::") {
            if i >= 5 && &code[i - 5..i] == "super" {
                continue;
            }
            if is_dir {
                add(own_dir.clone(), &code[i + "self::".len()..]);
            }
        }
        for (i, _) in code.match_indices("super::") {
            if i >= 7 && &code[i - 7..i] == "super::" {
                continue;
            }
            let mut rest = &code[i + "super::".len()..];
            let mut base = if is_dir {
                own_dir[..own_dir.len().saturating_sub(1)].to_vec()
            } else {
                own_dir.clone()
            };
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
            add(base, rest);
        }
        graph.insert(name.clone(), deps);
    }
    graph
}

#[test]
fn no_module_imports_a_module_that_imports_it() {
    let graph = module_graph();
    assert!(
        graph["app/loader"].contains("app/worker"),
        "the graph sees sibling imports: {:?}",
        graph["app/loader"]
    );
    let mut circles = Vec::new();
    for start in graph.keys() {
        let mut stack: Vec<Vec<String>> = vec![vec![start.clone()]];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(path) = stack.pop() {
            for next in &graph[path.last().unwrap()] {
                if next == start {
                    circles.push(format!("{} -> {next}", path.join(" -> ")));
                } else if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push(longer);
                }
            }
        }
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}
