//! Turning the analysis into what people read: numbers in Chinese report conventions,
//! the briefing, and the exports (CSV, .xlsx, .docx).

pub mod alert;
pub mod briefing;
pub mod county_package;
pub mod csv;
pub mod doc_html;
pub mod docx;
pub mod draft;
pub mod explain;
pub mod format;
pub mod ledger_tables;
pub mod ledger_text;
pub mod phrases;
#[cfg(not(target_arch = "wasm32"))]
pub mod report_html;
pub mod report_meta;
pub mod review;
pub mod scenario;
pub mod summary;
pub mod table;
pub mod tables;
pub mod templates;
pub mod trace_marks;
pub mod transition_tables;
pub mod xlsx;
