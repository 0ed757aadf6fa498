//! Errors that stop a whole file. (The warnings that travel with results are
//! `model::Warning`: analysis adds its own, and the tables carry them.)

use super::file_format::Format;
pub use crate::model::{Severity, Warning};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a whole file could not be read. Every message is Chinese and names the file
/// (the variant names the cause for logs and bug reports).
#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
pub enum IngestError {
    #[error("文件“{file}”是空文件，没有任何内容")]
    Empty { file: String },
    #[error("文件“{file}”过大（{size_mb:.0} MB），超过 {limit_mb} MB 的上限，未读取")]
    TooLarge {
        file: String,
        size_mb: f64,
        limit_mb: u64,
    },
    #[error("文件“{file}”解压后将达 {inflated_mb:.0} MB，超过 {limit_mb} MB 的上限，疑似“压缩炸弹”，未读取")]
    ZipBomb {
        file: String,
        inflated_mb: f64,
        limit_mb: u64,
    },
    #[error("文件“{file}”设置了打开密码或已加密，无法读取。请在 Excel/WPS 中取消密码后另存再试")]
    Encrypted { file: String },
    #[error("文件“{file}”不是电子表格，而是{kind}。请选择 Excel/WPS 工作簿（xlsx、xls、et、ods）或 CSV 文件")]
    NotSpreadsheet { file: String, kind: String },
    #[error("文件“{file}”无法作为{}读取：{detail}。文件可能已损坏或未下载完整", .format.label())]
    Corrupt {
        file: String,
        format: Format,
        detail: String,
    },
    #[error("文件“{file}”中没有任何工作表")]
    NoSheets { file: String },
    #[error("文件“{file}”的工作表都超过了可读取的大小，未读取：{detail}")]
    SheetsTooLarge { file: String, detail: String },
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
            | IngestError::NoSheets { file }
            | IngestError::SheetsTooLarge { file, .. } => file,
        }
    }
}
