//! Located diagnostics: errors that stop a file and warnings that travel with results.
//!
//! Like typst's `diag.rs`, a warning is a value pinned to where it happened (file, sheet,
//! cell) rather than a log line, so the UI and the JSON can show exactly where to look.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// How much a warning matters to the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the figures are unaffected.
    Info,
    /// The figures may be affected; the user should look.
    Warning,
}

/// One warning, pinned to a file, and where known a sheet and an A1 cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub file: String,
    pub sheet: Option<String>,
    pub cell: Option<String>,
    pub message: String,
    pub severity: Severity,
}

impl Warning {
    pub fn new(file: &str, sheet: Option<&str>, cell: Option<String>, message: String) -> Self {
        Warning {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
            cell,
            message,
            severity: Severity::Warning,
        }
    }

    pub fn info(mut self) -> Self {
        self.severity = Severity::Info;
        self
    }
}

/// Why a whole file could not be read. Every message is Chinese, names the file, and
/// carries the English gist in parentheses for logs and bug reports.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum IngestError {
    #[error("文件“{file}”是空文件，没有任何内容 (empty file)")]
    Empty { file: String },
    #[error(
        "文件“{file}”过大（{size_mb:.0} MB），超过 {limit_mb} MB 的上限，未读取 (file too large)"
    )]
    TooLarge {
        file: String,
        size_mb: f64,
        limit_mb: u64,
    },
    #[error("文件“{file}”解压后将达 {inflated_mb:.0} MB，超过 {limit_mb} MB 的上限，疑似“压缩炸弹”，未读取 (zip bomb refused)")]
    ZipBomb {
        file: String,
        inflated_mb: f64,
        limit_mb: u64,
    },
    #[error("文件“{file}”设置了打开密码或已加密，无法读取。请在 Excel/WPS 中取消密码后另存再试 (password protected)")]
    Encrypted { file: String },
    #[error("文件“{file}”不是电子表格，而是{kind}。请选择 Excel/WPS 工作簿（xlsx、xls、et、ods）或 CSV 文件 (not a spreadsheet: {kind})")]
    NotSpreadsheet { file: String, kind: String },
    #[error("文件“{file}”无法作为{format}读取：{detail}。文件可能已损坏或未下载完整 (unreadable {format}: {detail})")]
    Corrupt {
        file: String,
        format: String,
        detail: String,
    },
    #[error("文件“{file}”中没有任何工作表 (no sheets)")]
    NoSheets { file: String },
}

impl IngestError {
    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            IngestError::Empty { file }
            | IngestError::TooLarge { file, .. }
            | IngestError::ZipBomb { file, .. }
            | IngestError::Encrypted { file }
            | IngestError::NotSpreadsheet { file, .. }
            | IngestError::Corrupt { file, .. }
            | IngestError::NoSheets { file } => file,
        }
    }
}
