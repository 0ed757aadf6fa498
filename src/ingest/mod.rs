//! Ingest: workbook bytes → sheets (`RawGrid`) → typed tables, with located warnings.
//! Pure Rust, no web types.

pub mod cell_ref;
pub mod csv;
pub mod diag;
pub mod format;
pub mod grid;
mod ods_repair;
pub mod workbook;

pub use diag::{IngestError, Severity, Warning};
pub use format::Format;
pub use grid::{Cell, RawGrid};
pub use workbook::{read_workbook, SheetSummary, Workbook};
