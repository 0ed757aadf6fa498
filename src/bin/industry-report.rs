//! `industry-report`: the same ingest and analysis as the web app, on the command line.
//!
//! ```text
//! industry-report analyze [--json] [--period YYYY-MM] [--city NAME] [--unit 元|千元|万元|亿元]
//!                         [--target-output-growth PCT --quarter-end M --prior-quarter-output 亿元]
//!                         [--target-va-growth PCT] [--as-of YYYY-MM-DD]
//!                         [--resume-stopped PCT] [--recover-reduced PCT]
//!                         FILE...
//! industry-report brief FILE... [same flags]   the briefing paragraphs for the speech
//! industry-report export [--xlsx OUT.xlsx] [--docx OUT.docx] FILE... [same flags]
//! industry-report sheets FILE...     how each sheet was recognised and mapped
//! industry-report explain KEY FILE... [same flags]   where a figure comes from
//! ```

use industry_monitor::analysis::{analyze, Levers, Settings};
use industry_monitor::ingest::{ingest, IngestOptions, MoneyUnit, SheetReport};
use industry_monitor::model::{Date, Period, Sources, Targets};
use industry_monitor::report::briefing::{briefing, plain_text, title};
use industry_monitor::report::summary::summary_text;
use industry_monitor::report::{docx, xlsx};
use std::process::ExitCode;

const USAGE: &str = "用法 (usage):
  industry-report analyze [--json] [--period YYYY-MM] [--city 名称] [--unit 元|千元|万元|亿元]
                          [--target-output-growth 百分比 --quarter-end 月 --prior-quarter-output 亿元]
                          [--target-va-growth 百分比] [--as-of YYYY-MM-DD]
                          [--resume-stopped 百分比] [--recover-reduced 百分比]   调度推演
                          文件...
  industry-report brief [同上选项] 文件...      生成调度会讲话数据段落
  industry-report export [--xlsx 输出.xlsx] [--docx 输出.docx] [同上选项] 文件...
                                                导出分析工作簿 / Word 文稿
  industry-report sheets 文件...
  industry-report explain 指标 文件... [同上选项]   说明一个数从哪里来（如 city.output_growth_pct、regions[青山区].pull_pp）";

/// What the command line says, token by token, before anything is checked against
/// anything else (ripgrep's `lowargs`).
#[derive(Default)]
struct LowArgs {
    command: Option<String>,
    json: bool,
    xlsx: Option<String>,
    docx: Option<String>,
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
                "--xlsx" => low.xlsx = Some(value(&arg)?),
                "--docx" => low.docx = Some(value(&arg)?),
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
    Export {
        xlsx: Option<String>,
        docx: Option<String>,
    },
    /// How each sheet was recognised and mapped.
    Sheets,
    /// Where one figure comes from.
    Explain { key: String, json: bool },
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
            Some("export") if low.xlsx.is_none() && low.docx.is_none() => {
                return Err(format!(
                    "export 需要 --xlsx 或 --docx 指定输出文件\n{USAGE}"
                ))
            }
            Some("export") => Command::Export {
                xlsx: low.xlsx,
                docx: low.docx,
            },
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

fn load(args: &HiArgs) -> Result<(Sources, Vec<SheetReport>), String> {
    let mut sources = Sources::default();
    let mut reports = Vec::new();
    for file in &args.files {
        let bytes = std::fs::read(file).map_err(|e| format!("无法打开文件“{file}”：{e}"))?;
        let name = std::path::Path::new(file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        let read = ingest(bytes, &name, &args.options, &mut || {}).map_err(|e| e.to_string())?;
        sources.absorb(read.sources);
        reports.extend(read.sheets);
    }
    Ok((sources, reports))
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
    let (sources, reports) = load(&args)?;
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
                print!("{}", terminal_safe(&plain_text(&paragraphs)));
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
        Command::Export { xlsx, docx } => {
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
                let bytes = docx::document(&title(&analysis), &briefing(&analysis), &analysis)
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
