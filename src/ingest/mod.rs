//! Ingest: workbook bytes → sheets (`RawGrid`) → typed tables, with located warnings.
//! Pure Rust, no web types.

pub mod cell_ref;
mod cfb_check;
pub mod context;
pub mod context_tables;
pub mod csv;
pub mod diag;
pub mod enterprise;
pub mod fields;
pub mod format;
pub mod grid;
pub mod header;
mod ods_repair;
pub mod period_text;
pub mod recognise;
pub mod rows;
pub mod text;
pub mod units;
pub mod values;
pub mod workbook;
mod xlsx_xml;
mod xml_scan;

pub use diag::{IngestError, Severity, Warning};
pub use format::Format;
pub use grid::{Cell, RawGrid};
pub use recognise::{ingest_file, ingest_workbook, IngestOptions, Role, SheetReport};
pub use workbook::{read_workbook, SheetSummary, Workbook};
