//! Ingest: workbook bytes → typed tables, with located notes. Pure Rust, no web types.
//!
//! Two stages behind one entry, [`ingest`]: `read` (bytes → sheets as `RawGrid`) and
//! `recognise` (sheets → tables). The CLI, the Web Worker, the page's own loader and the
//! mapping editor all call [`ingest`]; nothing outside this module reads or recognises
//! by itself.

pub mod cell_ref;
pub mod diag;
mod file_format;
pub mod grid;
mod read;
mod recognise;
pub mod text;

pub use diag::{IngestError, Severity, Warning};
pub use grid::{Cell, RawGrid};
pub use read::{panic_is_contained, read_workbook, Format, SheetSummary, Workbook, MAX_FILE_BYTES};
pub use recognise::fields::{Field, Mapped, Mapping, MappingOverrides};
pub use recognise::units::MoneyUnit;
pub use recognise::{no_enterprise_table_message, IngestOptions, RegionFrom, Role, SheetReport};

use crate::model::Sources;
use serde::{Deserialize, Serialize};

/// One file read and recognised: its format, how each sheet was taken, and its tables
/// with their notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ingested {
    pub format: Format,
    pub sheets: Vec<SheetReport>,
    pub sources: Sources,
}

/// The entry: one file's bytes to its tables. The bytes are dropped as soon as the
/// sheets are read, before recognising starts (a province's workbook is held only once);
/// `on_read` is called between the two stages, for a progress display.
pub fn ingest(
    bytes: Vec<u8>,
    file: &str,
    options: &IngestOptions,
    on_read: &mut dyn FnMut(),
) -> Result<Ingested, IngestError> {
    let book = read_workbook(&bytes, file)?;
    drop(bytes);
    on_read();
    let mut sources = Sources::default();
    let sheets = recognise::ingest_workbook(&book, options, &mut sources);
    Ok(Ingested {
        format: book.format,
        sheets,
        sources,
    })
}

/// [`ingest`], adding the file's tables to `sources`: the CLI's and the tests' loop
/// over several files.
pub fn ingest_file(
    bytes: &[u8],
    file: &str,
    options: &IngestOptions,
    sources: &mut Sources,
) -> Result<Vec<SheetReport>, IngestError> {
    let ingested = ingest(bytes.to_vec(), file, options, &mut || {})?;
    sources.absorb(ingested.sources);
    Ok(ingested.sheets)
}
