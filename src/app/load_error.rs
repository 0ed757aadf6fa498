//! Why a file did not load, or why a correction was undone: the page's messages as values
//! (which case, which file), worded here once. Ingest's own errors pass through whole,
//! across the worker too.

use crate::ingest::{no_enterprise_table_message, IngestError, SheetReport};
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
pub enum LoadError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// Read, but no sheet is an enterprise table (the file is kept: its sheets can be
    /// mapped by hand).
    #[error("{}", no_enterprise_table_message(.sheets))]
    NoEnterpriseTable {
        file: String,
        sheets: Vec<SheetReport>,
    },
    #[error("文件“{file}”无法读取：浏览器未能读出文件内容，请重试，或在 Excel/WPS 中另存后再试")]
    BrowserRead { file: String },
    #[error("文件“{file}”无法读取：后台线程不可用")]
    NoWorker { file: String },
    #[error("文件“{file}”无法交给后台线程读取")]
    HandOver { file: String },
    #[error(
        "文件“{file}”读取时解析库出错（文件内部记录损坏），已停止读取。其他已载入的数据不受影响"
    )]
    WorkerPanicked { file: String },
    #[error("文件“{file}”过大或过于复杂，浏览器的内存不足以读取，已停止读取。其他已载入的数据不受影响。请删去无关的工作表后再试，或在本机用命令行工具 industry-report 处理该文件")]
    OutOfMemory { file: String },
    #[error("已取消读取“{file}”")]
    Cancelled { file: String },
    /// The worker's reply could not be decoded (a page and worker of different builds).
    #[error("文件“{file}”读取结果无法解析：{detail}")]
    Reply { file: String, detail: String },
    /// A correction of the mapping or the options would leave this sheet without enterprises.
    #[error("按这次改动，“{file}”工作表“{sheet}”将读不出企业{}", missing_list(.missing))]
    TableLost {
        file: String,
        sheet: String,
        missing: Vec<String>,
    },
    /// A correction was undone because of `cause`.
    #[error("{cause}；已撤销这次改动，保留上一次的识别结果。请改选其他列")]
    Undone { cause: Box<LoadError> },
}

fn missing_list(missing: &[String]) -> String {
    if missing.is_empty() {
        String::new()
    } else {
        format!("（缺少：{}）", missing.join("、"))
    }
}

impl LoadError {
    /// The error as it crosses from the worker to the page (a string a promise can carry).
    pub fn to_wire(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| self.to_string())
    }

    /// `to_wire`'s text back; a text that is not one (an older worker's words) is kept as
    /// the reply's detail.
    pub fn from_wire(file: &str, text: &str) -> LoadError {
        serde_json::from_str(text).unwrap_or_else(|_| LoadError::Reply {
            file: file.into(),
            detail: text.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::LoadError;
    use crate::ingest::{Format, IngestError};

    #[test]
    fn crosses_the_worker_whole_and_words_its_case() {
        let e = LoadError::Ingest(IngestError::Corrupt {
            file: "a.xls".into(),
            format: Format::Xls,
            detail: "扇区链断裂".into(),
        });
        assert_eq!(LoadError::from_wire("a.xls", &e.to_wire()), e);
        assert!(
            e.to_string()
                .contains("无法作为Excel 97-2003/WPS 工作簿 (xls/et)读取"),
            "{e}"
        );
        let lost = LoadError::Undone {
            cause: Box::new(LoadError::TableLost {
                file: "a.xlsx".into(),
                sheet: "表1".into(),
                missing: vec!["企业名称".into()],
            }),
        };
        assert_eq!(
            lost.to_string(),
            "按这次改动，“a.xlsx”工作表“表1”将读不出企业（缺少：企业名称）；已撤销这次改动，保留上一次的识别结果。请改选其他列"
        );
        assert!(matches!(
            LoadError::from_wire("b.csv", "乱码"),
            LoadError::Reply { .. }
        ));
    }
}
