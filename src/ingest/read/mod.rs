//! Reading: bytes → sheets (`RawGrid`). The format is told from the content
//! (`format`), an .xlsx goes through the fast XML reader (`xlsx_xml`, `xml_scan`) and
//! anything it declines through calamine (`workbook`); CSV/TSV in UTF-8 or GBK (`csv`);
//! a compound file's structure is checked before calamine sees it (`cfb_check`).

mod cfb_check;
mod csv;
mod format;
mod markup;
mod ods_merges;
mod ods_repair;
mod workbook;
mod xlsb_short;
mod xlsx_xml;
mod xml_scan;

pub use format::Format;
pub use workbook::{panic_is_contained, read_workbook, SheetSummary, Workbook, MAX_FILE_BYTES};
