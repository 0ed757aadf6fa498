//! Why a file did not load, or why a correction was undone: the page's messages as values
//! (which case, which file), worded here once. Ingest's own errors pass through whole,
//! across the worker too.

use crate::ingest::{no_enterprise_table_message, IngestError, SheetReport};
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Error)]
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
    /// This page is a report file whose tables do not decode (damaged, or made by another
    /// version).
    #[error("报告中的数据无法读取：文件可能已损坏，或由另一版本生成。可拖入原始工作簿重新分析")]
    ReportUnreadable,
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
    /// The error as it reaches the page from the worker or its death (a string a promise
    /// can carry): ingest's error as JSON, the others by name. Only these cross it.
    pub fn to_wire(&self) -> String {
        match self {
            LoadError::Ingest(e) => serde_json::to_string(e).unwrap_or_default(),
            LoadError::Cancelled { .. } => "cancelled".into(),
            LoadError::WorkerPanicked { .. } => "panicked".into(),
            LoadError::OutOfMemory { .. } => "out-of-memory".into(),
            other => other.to_string(),
        }
    }

    /// `to_wire`'s text back, for the file `file`; a text that is not one is kept as the
    /// reply's detail.
    pub fn from_wire(file: &str, text: &str) -> LoadError {
        let file = file.to_string();
        match text {
            "cancelled" => LoadError::Cancelled { file },
            "panicked" => LoadError::WorkerPanicked { file },
            "out-of-memory" => LoadError::OutOfMemory { file },
            _ => serde_json::from_str::<IngestError>(text)
                .map(LoadError::Ingest)
                .unwrap_or_else(|_| LoadError::Reply {
                    file,
                    detail: text.into(),
                }),
        }
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
        for e in [
            LoadError::Cancelled {
                file: "c.xlsx".into(),
            },
            LoadError::WorkerPanicked {
                file: "c.xlsx".into(),
            },
            LoadError::OutOfMemory {
                file: "c.xlsx".into(),
            },
        ] {
            assert_eq!(LoadError::from_wire("c.xlsx", &e.to_wire()), e);
        }
    }
}
