//! The spreadsheet formats ingest reads, by name: what a file was read as (sniffed by
//! `read::format`), and what a damaged file is named as in its message.

use serde::{Deserialize, Serialize};

/// The spreadsheet formats we read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    /// Office Open XML workbook (xlsx, xlsm, and WPS files saved as such).
    Xlsx,
    /// Excel binary workbook.
    Xlsb,
    /// BIFF5/BIFF8 in a compound file (xls, and WPS `.et`).
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// Delimited text (CSV or TSV), UTF-8 or GBK/GB18030.
    Csv,
    /// An HTML table saved under a spreadsheet's name (bureau systems' ".xls").
    Html,
    /// XML Spreadsheet 2003 (SpreadsheetML), often named .xls or .xml.
    SpreadsheetMl,
}

impl Format {
    /// Name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "Excel 工作簿 (xlsx)",
            Format::Xlsb => "Excel 二进制工作簿 (xlsb)",
            Format::Xls => "Excel 97-2003/WPS 工作簿 (xls/et)",
            Format::Ods => "OpenDocument 表格 (ods)",
            Format::Csv => "CSV 文本表格",
            Format::Html => "网页表格 (HTML)",
            Format::SpreadsheetMl => "Excel 2003 XML 表格",
        }
    }
}
