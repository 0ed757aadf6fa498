//! `industry-report`: the same ingest and analysis as the web app, on the command line.
//!
//! ```text
//! industry-report analyze [--json] [--period YYYY-MM] [--city NAME] [--unit 元|千元|万元|亿元]
//!                         [--target-output-growth PCT --quarter-end M --prior-quarter-output 亿元]
//!                         [--target-va-growth PCT] [--as-of YYYY-MM-DD]
//!                         [--resume-stopped PCT] [--recover-reduced PCT] [--merge]
//!                         FILE...
//! industry-report brief FILE... [same flags]   the briefing paragraphs for the speech
//! industry-report export [--xlsx OUT.xlsx] [--docx OUT.docx] [--county-packages DIR]
//!                        [--report OUT.html [--password-file F] [--app industry-monitor.html]]
//!                        FILE... [same flags]
//! industry-report sheets FILE...     how each sheet was recognised and mapped
//! industry-report explain KEY FILE... [same flags]   where a figure comes from
//! ```

use industry_monitor::analysis::{analyze, Levers, Settings};
use industry_monitor::app::FileTables;
use industry_monitor::ingest::{ingest, IngestOptions, MoneyUnit, SheetReport};
use industry_monitor::model::{Date, Period, Sources, Targets};
use industry_monitor::report::briefing::{briefing, title};
use industry_monitor::report::summary::summary_text;
use industry_monitor::report::{docx, draft, xlsx};
use std::process::ExitCode;

const USAGE: &str = "用法 (usage):
  industry-report analyze [--json] [--period YYYY-MM] [--city 名称] [--unit 元|千元|万元|亿元]
                          [--target-output-growth 百分比 --quarter-end 月 --prior-quarter-output 亿元]
                          [--target-va-growth 百分比] [--as-of YYYY-MM-DD]
                          [--resume-stopped 百分比] [--recover-reduced 百分比]   调度推演
                          [--merge]   同一报告期的几张企业表按企业代码合并（重复的不相加）
                          文件...
  industry-report brief [同上选项] 文件...      生成调度会讲话数据段落
  industry-report export [--xlsx 输出.xlsx] [--docx 输出.docx] [--county-packages 目录]
                         [--report 报告.html [--password-file 密码文件] [--app industry-monitor.html]]
                         [同上选项] 文件...
                                                导出分析工作簿 / Word 文稿 / 分县区工作包 / 分析报告
  industry-report sheets 文件...
  industry-report explain 指标 文件... [同上选项]   说明一个数从哪里来（如 city.output_growth_pct、regions[青山区].pull_pp）";

/// What the command line says, token by token, before anything is checked against
/// anything else (ripgrep's `lowargs`).
#[derive(Default)]
struct LowArgs {
    command: Option<String>,
    json: bool,
    outputs: Outputs,
    period: Option<String>,
    city: Option<String>,
    unit: Option<String>,
    target_output_growth: Option<String>,
    quarter_end: Option<String>,
    prior_quarter_output: Option<String>,
    target_va_growth: Option<String>,
    as_of: Option<String>,
    resume_stopped: Option<String>,
    recover_reduced: Option<String>,
    merge: bool,
    files: Vec<String>,
}

impl LowArgs {
    fn parse(raw: Vec<String>) -> Result<LowArgs, String> {
        let mut low = LowArgs::default();
        let mut it = raw.into_iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} 需要一个值"));
            match arg.as_str() {
                "--json" => low.json = true,
                "--merge" => low.merge = true,
                "--xlsx" => low.outputs.xlsx = Some(value(&arg)?),
                "--docx" => low.outputs.docx = Some(value(&arg)?),
                "--county-packages" => low.outputs.county_packages = Some(value(&arg)?),
                "--report" => low.outputs.report = Some(value(&arg)?),
                "--password-file" => low.outputs.password_file = Some(value(&arg)?),
                "--app" => low.outputs.app = Some(value(&arg)?),
                "--period" => low.period = Some(value(&arg)?),
                "--city" => low.city = Some(value(&arg)?),
                "--unit" => low.unit = Some(value(&arg)?),
                "--target-output-growth" => low.target_output_growth = Some(value(&arg)?),
                "--quarter-end" => low.quarter_end = Some(value(&arg)?),
                "--prior-quarter-output" => low.prior_quarter_output = Some(value(&arg)?),
                "--target-va-growth" => low.target_va_growth = Some(value(&arg)?),
                "--as-of" => low.as_of = Some(value(&arg)?),
                "--resume-stopped" => low.resume_stopped = Some(value(&arg)?),
                "--recover-reduced" => low.recover_reduced = Some(value(&arg)?),
                "-h" | "--help" => return Err(USAGE.into()),
                flag if flag.starts_with("--") => return Err(format!("未知选项“{flag}”\n{USAGE}")),
                _ if low.command.is_none() => low.command = Some(arg),
                _ => low.files.push(arg),
            }
        }
        Ok(low)
    }
}

/// The subcommand, with what only it takes.
enum Command {
    /// The analysis: the readable summary, or the contract's JSON.
    Analyze { json: bool },
    /// The briefing paragraphs, as text or JSON.
    Brief { json: bool },
    /// The analysis workbook and/or the Word document.
    Export(Outputs),
    /// How each sheet was recognised and mapped.
    Sheets,
    /// Where one figure comes from.
    Explain { key: String, json: bool },
}

/// Where `export` writes: each `None` is not written.
#[derive(Default)]
struct Outputs {
    xlsx: Option<String>,
    docx: Option<String>,
    /// A directory: one workbook per county.
    county_packages: Option<String>,
    /// The report file (导出分析报告), locked when a password file is given.
    report: Option<String>,
    password_file: Option<String>,
    /// The single-file app the report is made from.
    app: Option<String>,
}

impl Outputs {
    fn is_empty(&self) -> bool {
        self.xlsx.is_none()
            && self.docx.is_none()
            && self.county_packages.is_none()
            && self.report.is_none()
    }
}

/// The command line resolved: every value parsed and checked (ripgrep's `hiargs`).
struct HiArgs {
    command: Command,
    settings: Settings,
    options: IngestOptions,
    files: Vec<String>,
}

fn number(name: &str, v: &str) -> Result<f64, String> {
    v.parse::<f64>()
        .map_err(|_| format!("{name} 的值“{v}”不是数字"))
}

impl HiArgs {
    fn from_low(mut low: LowArgs) -> Result<HiArgs, String> {
        let command = match low.command.as_deref() {
            None => return Err(USAGE.to_string()),
            Some("analyze") => Command::Analyze { json: low.json },
            Some("brief") => Command::Brief { json: low.json },
            Some("export") if low.outputs.is_empty() => {
                return Err(format!(
                    "export 需要 --xlsx、--docx、--county-packages 或 --report 指定输出\n{USAGE}"
                ))
            }
            Some("export")
                if low.outputs.report.is_none() && low.outputs.password_file.is_some() =>
            {
                return Err("--password-file 只用于 --report".into())
            }
            Some("export") => Command::Export(std::mem::take(&mut low.outputs)),
            Some("sheets") => Command::Sheets,
            Some("explain") => {
                if low.files.is_empty() {
                    return Err(format!(
                        "explain 需要一个指标，如 city.output_growth_pct\n{USAGE}"
                    ));
                }
                Command::Explain {
                    key: low.files.remove(0),
                    json: low.json,
                }
            }
            Some(other) => return Err(format!("未知命令“{other}”\n{USAGE}")),
        };
        let mut settings = Settings {
            city: low.city,
            va_target_pct: low
                .target_va_growth
                .map(|v| number("--target-va-growth", &v))
                .transpose()?,
            as_of: Some(match low.as_of {
                Some(v) => Date::parse_iso(&v)
                    .ok_or_else(|| format!("--as-of 的值“{v}”应为 YYYY-MM-DD，如 2024-03-10"))?,
                None => today(),
            }),
            merge_same_period: low.merge,
            ..Settings::default()
        };
        let lever = |name: &str, v: Option<String>| -> Result<Option<f64>, String> {
            let Some(v) = v else { return Ok(None) };
            let pct = number(name, &v)?;
            if !(0.0..=100.0).contains(&pct) {
                return Err(format!("{name} 的值“{v}”应在 0 到 100 之间"));
            }
            Ok(Some(pct))
        };
        let stopped = lever("--resume-stopped", low.resume_stopped)?;
        let reduced = lever("--recover-reduced", low.recover_reduced)?;
        if stopped.is_some() || reduced.is_some() {
            settings.levers = Some(Levers {
                resume_stopped_pct: stopped.unwrap_or(0.0),
                recover_reduced_pct: reduced.unwrap_or(0.0),
            });
        }
        let mut options = IngestOptions::default();
        if let Some(v) = low.period {
            let p = Period::parse_iso(&v)
                .ok_or_else(|| format!("--period 的值“{v}”应为 YYYY-MM，如 2023-02"))?;
            settings.period = Some(p);
            options.period = Some(p);
        }
        if let Some(v) = low.unit {
            options.unit = Some(
                MoneyUnit::parse(&v)
                    .ok_or_else(|| format!("--unit 的值“{v}”应为 元、千元、万元 或 亿元"))?,
            );
        }
        let target = low
            .target_output_growth
            .map(|v| number("--target-output-growth", &v))
            .transpose()?;
        let quarter_end = low
            .quarter_end
            .map(|v| number("--quarter-end", &v))
            .transpose()?
            .map(|q| {
                if q.fract() == 0.0 && (1.0..=12.0).contains(&q) {
                    q as u32
                } else {
                    0
                }
            });
        let prior = low
            .prior_quarter_output
            .map(|v| number("--prior-quarter-output", &v))
            .transpose()?;
        match (target, quarter_end, prior) {
            (Some(t), Some(q), Some(p)) => {
                settings.targets = Some(Targets::new(q, t, p, None).map_err(|e| e.to_string())?)
            }
            (None, None, None) => {}
            _ => return Err("目标需同时给出 --target-output-growth、--quarter-end（1-12）和 --prior-quarter-output".into()),
        }
        if low.files.is_empty() {
            return Err(format!("没有给出文件\n{USAGE}"));
        }
        Ok(HiArgs {
            command,
            settings,
            options,
            files: low.files,
        })
    }
}

/// Today (UTC), what the review ledger's deadlines are judged against by default.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_unix_days((secs / 86_400) as i64)
}

/// The files' tables together, their sheets' reports, and — for a report file, which
/// carries them one by one — each file's own.
fn load(args: &HiArgs) -> Result<(Sources, Vec<SheetReport>, Vec<FileTables>), String> {
    let keep = matches!(&args.command, Command::Export(o) if o.report.is_some());
    let mut sources = Sources::default();
    let mut reports = Vec::new();
    let mut files = Vec::new();
    for file in &args.files {
        let bytes = std::fs::read(file).map_err(|e| format!("无法打开文件“{file}”：{e}"))?;
        let name = std::path::Path::new(file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        let read = ingest(bytes, &name, &args.options, &mut || {}).map_err(|e| e.to_string())?;
        if keep {
            sources.absorb(read.sources.clone());
            reports.extend(read.sheets.iter().cloned());
            files.push(FileTables {
                name,
                format: read.format,
                sheets: read.sheets,
                sources: read.sources,
            });
        } else {
            sources.absorb(read.sources);
            reports.extend(read.sheets);
        }
    }
    Ok((sources, reports, files))
}

/// The single-file app a report is made from: `--app`, else `industry-monitor.html`
/// beside this program, else `dist/industry-monitor.html` (where `make dist` writes it).
#[cfg(not(target_arch = "wasm32"))]
fn find_app(given: Option<&str>) -> Result<std::path::PathBuf, String> {
    if let Some(path) = given {
        return Ok(path.into());
    }
    let beside = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("industry-monitor.html")));
    beside
        .into_iter()
        .chain([std::path::PathBuf::from("dist/industry-monitor.html")])
        .find(|p| p.is_file())
        .ok_or_else(|| {
            "找不到单文件版本 industry-monitor.html：请用 --app 指定（make dist 生成于 dist/）"
                .into()
        })
}

/// The password, from the file's first line (so it is not in the shell's history or the
/// process list).
fn read_password(path: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("无法读取密码文件“{}”：{e}", terminal_safe(path)))?;
    let line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if line.is_empty() {
        return Err(format!("密码文件“{}”的第一行是空的", terminal_safe(path)));
    }
    Ok(line.to_string())
}

/// The report file's bytes: the app carrying these files' tables and the settings.
/// (The cipher is native only: a wasm build of this program, which `cargo test --target
/// wasm32-unknown-unknown` compiles, has no report.)
#[cfg(target_arch = "wasm32")]
fn report_file(
    _: &HiArgs,
    _: &[FileTables],
    _: &industry_monitor::analysis::Analysis,
    _: Option<&str>,
    _: Option<&str>,
) -> Result<Vec<u8>, String> {
    Err("此版本不能生成分析报告".into())
}

/// The report file's bytes: the app carrying these files' tables and the settings.
#[cfg(not(target_arch = "wasm32"))]
fn report_file(
    args: &HiArgs,
    files: &[FileTables],
    analysis: &industry_monitor::analysis::Analysis,
    app: Option<&str>,
    password: Option<&str>,
) -> Result<Vec<u8>, String> {
    use industry_monitor::report::{briefing::export_name, report_html, report_meta::ReportMeta};
    let app_path = find_app(app)?;
    let app_name = app_path.to_string_lossy().into_owned();
    let app_text = std::fs::read_to_string(&app_path)
        .map_err(|e| format!("无法读取“{}”：{e}", terminal_safe(&app_name)))?;
    let refs: Vec<industry_monitor::app::FileTablesRef> = files
        .iter()
        .map(|f| industry_monitor::app::FileTablesRef {
            name: &f.name,
            format: f.format,
            sheets: &f.sheets,
            sources: &f.sources,
        })
        .collect();
    let payload = industry_monitor::app::carried_bytes(
        &args.settings,
        false,
        &draft::Draft::default(),
        &refs,
    )
    .ok_or("本次分析的数据无法打包")?;
    let meta = ReportMeta {
        title: export_name(analysis, "工业经济运行分析", "html")
            .trim_end_matches(".html")
            .to_string(),
        files: files.iter().map(|f| f.name.clone()).collect(),
        period: analysis.period.map_or(String::new(), |p| p.label()),
        made: now_utc(),
    };
    report_html::write(&app_text, &app_name, &meta, &payload, password)
        .map(String::into_bytes)
        .map_err(|e| e.to_string())
}

/// "2026-12-06 17:05 UTC": the CLI has no time-zone table, so it says which clock.
#[cfg(not(target_arch = "wasm32"))]
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let day = Date::from_unix_days((secs / 86_400) as i64);
    let minute = secs % 86_400 / 60;
    format!("{day} {:02}:{:02} UTC", minute / 60, minute % 60)
}

/// Writes an export. Never onto an input (the same path, or the same file through a
/// link): the bureau's workbook is the one thing that must not be lost. Written to a
/// temporary file beside it and renamed, so an interrupted export leaves no half file.
fn write_output(path: &str, bytes: &[u8], inputs: &[String]) -> Result<(), String> {
    let out = std::path::Path::new(path);
    if let Some(input) = inputs
        .iter()
        .find(|i| same_file(std::path::Path::new(i), out))
    {
        return Err(format!(
            "输出文件“{}”就是输入文件“{}”，为免覆盖原始数据，未写入；请另选输出文件名",
            terminal_safe(path),
            terminal_safe(input)
        ));
    }
    let dir = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = out
        .file_name()
        .map_or("export".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.part", std::process::id()));
    let cannot = |e: std::io::Error| format!("无法写入“{}”：{e}", terminal_safe(path));
    std::fs::write(&temp, bytes).map_err(cannot)?;
    std::fs::rename(&temp, out).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        cannot(e)
    })
}

/// One workbook per county in `dir` (made if missing), each written as any export is:
/// never onto an input.
fn write_county_packages(
    dir: &str,
    analysis: &industry_monitor::analysis::Analysis,
    inputs: &[String],
) -> Result<(), String> {
    use industry_monitor::report::county_package;
    let packages = county_package::packages(analysis);
    if packages.is_empty() {
        return Err(county_package::PackageError::NoRegions.to_string());
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("无法建立目录“{}”：{e}", terminal_safe(dir)))?;
    for p in &packages {
        let bytes = county_package::workbook(p).map_err(|e| e.to_string())?;
        let path = std::path::Path::new(dir).join(&p.file_name);
        write_output(&path.to_string_lossy(), &bytes, inputs)?;
    }
    eprintln!(
        "已写入{}个县（市、区）的工作包到“{}”",
        packages.len(),
        terminal_safe(dir)
    );
    Ok(())
}

/// Whether two paths name one file: the same path once resolved, or (on Unix) the same
/// device and inode, which a hard link shares.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
            return true;
        }
    }
    let _ = (ma, mb);
    matches!(
        (std::fs::canonicalize(a), std::fs::canonicalize(b)),
        (Ok(x), Ok(y)) if x == y
    )
}

/// Text for a terminal: control characters from the data (an ESC starting a sequence
/// that rewrites the clipboard or the screen) shown as visible escapes.
fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\n' | '\t' => out.push(ch),
            c if c.is_control()
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push_str(&c.escape_unicode().to_string())
            }
            c => out.push(c),
        }
    }
    out
}

fn run(args: HiArgs) -> Result<(), String> {
    let (sources, reports, files) = load(&args)?;
    if let Command::Sheets = args.command {
        return print_json(&reports);
    }
    if sources.enterprises.is_empty() {
        return Err(industry_monitor::ingest::no_enterprise_table_message(
            &reports,
        ));
    }
    let analysis = analyze(&sources, &args.settings).map_err(|e| e.to_string())?;
    // Targets typed on the command line are checked against the loaded data, as the
    // page's form checks them.
    if let (Some(t), Some(p)) = (args.settings.targets, analysis.period) {
        t.check_prior_against(analysis.city.output_prior, p.month)
            .map_err(|e| format!("--prior-quarter-output：{e}"))?;
    }
    match &args.command {
        Command::Sheets => unreachable!("answered before the analysis"),
        Command::Explain { key, json } => {
            let table = industry_monitor::analysis::chosen_table(&sources, &args.settings)
                .map_err(|e| e.to_string())?;
            let e = industry_monitor::report::explain::explain(key, &analysis, &table, &sources)
                .map_err(|e| e.to_string())?;
            if *json {
                print_json(&e)?;
            } else {
                print!("{}", terminal_safe(&e.to_text()));
            }
        }
        Command::Analyze { json: true } => print_json(&analysis)?,
        Command::Analyze { json: false } => print!("{}", terminal_safe(&summary_text(&analysis))),
        Command::Brief { json } => {
            let paragraphs = briefing(&analysis);
            if *json {
                print_json(&paragraphs)?;
            } else {
                // The speech's draft as the page gives it before any edit: its headings,
                // then its paragraphs.
                let drafted = draft::apply(&draft::Draft::default(), &paragraphs);
                print!(
                    "{}",
                    terminal_safe(&draft::plain_text(&draft::sections(&drafted)))
                );
                // Working notes are for whoever drafts the speech: after it, marked.
                let notes = industry_monitor::report::briefing::working_notes(&analysis);
                if !notes.is_empty() {
                    println!("\n【备注，不在讲话稿中】");
                    for n in notes {
                        println!("- {}", terminal_safe(&n));
                    }
                }
            }
        }
        Command::Export(Outputs {
            xlsx,
            docx,
            county_packages,
            report,
            password_file,
            app,
        }) => {
            if let Some(dir) = county_packages {
                write_county_packages(dir, &analysis, &args.files)?;
            }
            if let Some(path) = report {
                let password = password_file.as_deref().map(read_password).transpose()?;
                let bytes = report_file(
                    &args,
                    &files,
                    &analysis,
                    app.as_deref(),
                    password.as_deref(),
                )?;
                write_output(path, &bytes, &args.files)?;
            }
            if let Some(path) = xlsx {
                // The analysis's sheets, then 口径与来源: each headline figure's formula and
                // the cells it was read from.
                let table = industry_monitor::analysis::chosen_table(&sources, &args.settings)
                    .map_err(|e| e.to_string())?;
                let mut sheets = industry_monitor::report::tables::all(&analysis);
                sheets.push(industry_monitor::report::explain::sources_table(
                    &analysis, &table, &sources,
                ));
                let bytes =
                    xlsx::tables_workbook(&sheets).map_err(|e| format!("无法生成工作簿：{e}"))?;
                write_output(path, &bytes, &args.files)?;
            }
            if let Some(path) = docx {
                let drafted = draft::apply(&draft::Draft::default(), &briefing(&analysis));
                let bytes =
                    docx::document(&title(&analysis), &draft::sections(&drafted), &analysis)
                        .map_err(|e| format!("无法生成 Word 文稿：{e}"))?;
                write_output(path, &bytes, &args.files)?;
            }
        }
    }
    Ok(())
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    println!(
        "{}",
        serde_json::to_string_pretty(value).map_err(|e| e.to_string())?
    );
    Ok(())
}

/// A parser library's panic on a malformed file is contained and reported as one clear
/// line naming the file (ingest/read/workbook.rs); any other panic is a bug, said with
/// where it happened before the program exits with status 2.
fn report_bugs() {
    std::panic::set_hook(Box::new(|info| {
        if industry_monitor::ingest::panic_is_contained() {
            return;
        }
        let location = info.location().map_or("未知位置".to_string(), |l| {
            format!("{}:{}:{}", l.file(), l.line(), l.column())
        });
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "industry-report: 内部错误，位于 {location}：{message}。请把这条信息和所用文件反馈给开发者"
        );
    }));
}

fn main() -> ExitCode {
    report_bugs();
    let mut args = std::env::args();
    args.next(); // the program's own path
    let raw: Vec<String> = args.collect();
    let outcome = std::panic::catch_unwind(|| {
        // The hook's own test: a bug must be reported, not swallowed.
        if std::env::var_os("INDUSTRY_REPORT_SELF_TEST_PANIC").is_some() {
            panic!("self-test panic");
        }
        LowArgs::parse(raw).and_then(HiArgs::from_low).and_then(run)
    });
    match outcome {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(message)) => {
            eprintln!("industry-report: {}", terminal_safe(&message));
            ExitCode::from(1)
        }
        Err(_) => ExitCode::from(2),
    }
}
