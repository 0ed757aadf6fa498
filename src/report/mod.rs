//! Turning the analysis into what people read: numbers in Chinese report conventions,
//! the briefing, and the exports (CSV, .xlsx, .docx).

pub mod alert;
pub mod briefing;
pub mod csv;
pub mod doc_html;
pub mod docx;
pub mod explain;
pub mod format;
pub mod ledger_tables;
pub mod ledger_text;
pub mod phrases;
pub mod review;
pub mod scenario;
pub mod summary;
pub mod table;
pub mod tables;
pub mod templates;
pub mod transition_tables;
pub mod xlsx;
