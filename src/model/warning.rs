//! A located diagnostic: like typst's `diag.rs`, a warning is a value pinned to where it
//! happened (file, sheet, cell) rather than a log line, so the page and the JSON can show
//! exactly where to look. Ingest makes most of them; analysis adds its own.

use super::At;
use serde::{Deserialize, Serialize};

/// How much a warning matters to the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; the figures are unaffected.
    Info,
    /// The figures may be affected; the user should look.
    Warning,
}

impl Severity {
    /// The 类型 column of the page's data notes.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "说明",
            Severity::Warning => "警告",
        }
    }
}

/// One warning, pinned to a file, and where known a sheet and an A1 cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub at: At,
    pub message: String,
    pub severity: Severity,
}

/// Names in a warning's message: the first eight, then 等.
pub fn listed(items: &[String]) -> String {
    let head: Vec<&str> = items.iter().take(8).map(String::as_str).collect();
    format!(
        "{}{}",
        head.join("、"),
        if items.len() > 8 { "等" } else { "" }
    )
}

impl Warning {
    pub fn new(file: &str, sheet: Option<&str>, cell: Option<String>, message: String) -> Self {
        Warning {
            at: At {
                file: file.to_string(),
                sheet: sheet.map(str::to_string),
                cell,
            },
            message,
            severity: Severity::Warning,
        }
    }

    pub fn info(mut self) -> Self {
        self.severity = Severity::Info;
        self
    }
}
