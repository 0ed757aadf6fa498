//! `industry-report`: the same ingest and analysis as the web app, on the command line.
//!
//! ```text
//! industry-report analyze [--json] [--period YYYY-MM] [--city NAME] [--unit 元|千元|万元|亿元]
//!                         [--target-output-growth PCT --quarter-end M --prior-quarter-output 亿元]
//!                         FILE...
//! industry-report brief FILE... [same flags]   the briefing paragraphs for the speech
//! industry-report export [--xlsx OUT.xlsx] [--docx OUT.docx] FILE... [same flags]
//! industry-report sheets FILE...     how each sheet was recognised and mapped
//! ```

use industry_monitor::analysis::{analyze, Settings};
use industry_monitor::ingest::{ingest, IngestOptions, MoneyUnit, SheetReport};
use industry_monitor::model::{Period, Sources, Targets};
use industry_monitor::report::briefing::{briefing, plain_text, title};
use industry_monitor::report::summary::summary_text;
use industry_monitor::report::{docx, xlsx};
use std::process::ExitCode;

const USAGE: &str = "用法 (usage):
  industry-report analyze [--json] [--period YYYY-MM] [--city 名称] [--unit 元|千元|万元|亿元]
                          [--target-output-growth 百分比 --quarter-end 月 --prior-quarter-output 亿元]
                          文件...
  industry-report brief [同上选项] 文件...      生成调度会讲话数据段落
  industry-report export [--xlsx 输出.xlsx] [--docx 输出.docx] [同上选项] 文件...
                                                导出分析工作簿 / Word 文稿
  industry-report sheets 文件...";

struct Args {
    command: String,
    json: bool,
    xlsx: Option<String>,
    docx: Option<String>,
    settings: Settings,
    options: IngestOptions,
    files: Vec<String>,
}

fn parse_args(raw: Vec<String>) -> Result<Args, String> {
    let mut it = raw.into_iter();
    let command = it.next().ok_or_else(|| USAGE.to_string())?;
    if !matches!(command.as_str(), "analyze" | "brief" | "export" | "sheets") {
        return Err(format!("未知命令“{command}” (unknown command)\n{USAGE}"));
    }
    let mut args = Args {
        command,
        json: false,
        xlsx: None,
        docx: None,
        settings: Settings::default(),
        options: IngestOptions::default(),
        files: Vec::new(),
    };
    let (mut target, mut quarter_end, mut prior) = (None, None, None);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| format!("{name} 需要一个值 (missing value)"))
        };
        let number = |name: &str, v: String| {
            v.parse::<f64>()
                .map_err(|_| format!("{name} 的值“{v}”不是数字 (not a number)"))
        };
        match arg.as_str() {
            "--json" => args.json = true,
            "--xlsx" => args.xlsx = Some(value("--xlsx")?),
            "--docx" => args.docx = Some(value("--docx")?),
            "--period" => {
                let v = value("--period")?;
                let p = Period::parse_iso(&v).ok_or_else(|| {
                    format!("--period 的值“{v}”应为 YYYY-MM，如 2023-02 (expected YYYY-MM)")
                })?;
                args.settings.period = Some(p);
                args.options.period = Some(p);
            }
            "--city" => args.settings.city = Some(value("--city")?),
            "--unit" => {
                let v = value("--unit")?;
                args.options.unit = Some(MoneyUnit::parse(&v).ok_or_else(|| {
                    format!("--unit 的值“{v}”应为 元、千元、万元 或 亿元 (unknown unit)")
                })?);
            }
            "--target-output-growth" => target = Some(number(&arg, value(&arg)?)?),
            "--quarter-end" => quarter_end = Some(number(&arg, value(&arg)?)? as u32),
            "--prior-quarter-output" => prior = Some(number(&arg, value(&arg)?)?),
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with("--") => {
                return Err(format!("未知选项“{flag}” (unknown option)\n{USAGE}"))
            }
            _ => args.files.push(arg),
        }
    }
    match (target, quarter_end, prior) {
        (Some(t), Some(q), Some(p)) if (1..=12).contains(&q) => {
            args.settings.targets = Some(Targets { quarter_end_month: q, output_growth_target_pct: t, prior_quarter_output: p, value_added_growth_target_pct: None })
        }
        (None, None, None) => {}
        _ => return Err("目标需同时给出 --target-output-growth、--quarter-end（1-12）和 --prior-quarter-output (incomplete target flags)".into()),
    }
    if args.command == "export" && args.xlsx.is_none() && args.docx.is_none() {
        return Err(format!(
            "export 需要 --xlsx 或 --docx 指定输出文件 (no output given)\n{USAGE}"
        ));
    }
    if args.files.is_empty() {
        return Err(format!("没有给出文件 (no input files)\n{USAGE}"));
    }
    Ok(args)
}

fn load(args: &Args) -> Result<(Sources, Vec<SheetReport>), String> {
    let mut sources = Sources::default();
    let mut reports = Vec::new();
    for file in &args.files {
        let bytes = std::fs::read(file)
            .map_err(|e| format!("无法打开文件“{file}”：{e} (cannot open file)"))?;
        let name = std::path::Path::new(file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        let read = ingest(bytes, &name, &args.options, &mut || {}).map_err(|e| e.to_string())?;
        sources.absorb(read.sources);
        reports.extend(read.sheets);
    }
    Ok((sources, reports))
}

fn write_output(path: &str, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes)
        .map_err(|e| format!("无法写入“{path}”：{e} (cannot write the output)"))
}

fn run(args: Args) -> Result<(), String> {
    let (sources, reports) = load(&args)?;
    if args.command == "sheets" {
        println!(
            "{}",
            serde_json::to_string_pretty(&reports).map_err(|e| e.to_string())?
        );
        return Ok(());
    }
    if sources.enterprises.is_empty() {
        return Err(industry_monitor::ingest::no_enterprise_table_message(
            &reports,
        ));
    }
    let analysis = analyze(&sources, &args.settings).map_err(|e| e.to_string())?;
    if args.command == "export" {
        if let Some(path) = &args.xlsx {
            let bytes = xlsx::workbook(&analysis)
                .map_err(|e| format!("无法生成工作簿 (cannot build the workbook)：{e}"))?;
            write_output(path, &bytes)?;
        }
        if let Some(path) = &args.docx {
            let bytes = docx::document(&title(&analysis), &briefing(&analysis), &analysis)
                .map_err(|e| format!("无法生成 Word 文稿 (cannot build the document)：{e}"))?;
            write_output(path, &bytes)?;
        }
    } else if args.command == "brief" {
        let paragraphs = briefing(&analysis);
        if args.json {
            println!(
                "{}",
                serde_json::to_string_pretty(&paragraphs).map_err(|e| e.to_string())?
            );
        } else {
            print!("{}", plain_text(&paragraphs));
        }
    } else if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&analysis).map_err(|e| e.to_string())?
        );
    } else {
        print!("{}", summary_text(&analysis));
    }
    Ok(())
}

fn main() -> ExitCode {
    // A parser library's panic on a malformed file is caught and reported as one clear
    // line (ingest/workbook.rs); the default hook would add a Rust backtrace to stderr.
    std::panic::set_hook(Box::new(|_| {}));
    let mut args = std::env::args();
    args.next(); // the program's own path
    let raw: Vec<String> = args.collect();
    match parse_args(raw).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("industry-report: {}", message);
            ExitCode::from(1)
        }
    }
}
