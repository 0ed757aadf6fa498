//! Bytes → `Workbook`: every sheet as a `RawGrid`, whatever the format.

use super::csv;
use super::format::{sniff, Format};
use crate::ingest::diag::{IngestError, Warning};
use crate::ingest::grid::{Cell, Merge, RawGrid};
use calamine::{Data, Dimensions, Range, Reader};
use std::io::Cursor;

/// Files above this size are refused before any parsing: a city's monthly workbook is a
/// few MB, a province's tens of MB.
pub const MAX_FILE_BYTES: usize = 100 * 1024 * 1024;

/// A file's sheets as read, plus what was noticed while reading.
#[derive(Debug, Clone)]
pub struct Workbook {
    pub file: String,
    pub format: Format,
    pub sheets: Vec<RawGrid>,
    pub warnings: Vec<Warning>,
}

/// What a zipped workbook may inflate to. The largest real workbooks in the corpus
/// inflate to well under this; an archive declaring more is refused before any entry is
/// decompressed.
pub const MAX_INFLATED_BYTES: u64 = 1024 * 1024 * 1024;

/// Refuses a zip whose entries declare more than `MAX_INFLATED_BYTES` in total, from the
/// central directory alone (nothing is inflated here).
fn check_inflated_size(bytes: &[u8], file: &str) -> Result<(), IngestError> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        // Not a readable zip: calamine reports the damage in its own words.
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(i) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > MAX_INFLATED_BYTES {
        return Err(IngestError::ZipBomb {
            file: file.into(),
            inflated_mb: total as f64 / 1_048_576.0,
            limit_mb: MAX_INFLATED_BYTES / 1_048_576,
        });
    }
    Ok(())
}

/// Reads any supported workbook from memory. Never panics on malformed input: every
/// failure becomes an `IngestError` naming the file.
pub fn read_workbook(bytes: &[u8], file: &str) -> Result<Workbook, IngestError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge {
            file: file.into(),
            size_mb: bytes.len() as f64 / 1_048_576.0,
            limit_mb: (MAX_FILE_BYTES / 1_048_576) as u64,
        });
    }
    let format = sniff(bytes, file)?;
    if matches!(format, Format::Xlsx | Format::Xlsb | Format::Ods) {
        check_inflated_size(bytes, file)?;
    }
    let mut warnings = Vec::new();
    let sheets = match format {
        Format::Csv => {
            let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
            let (grid, encoding) = csv::parse(bytes, stem);
            if encoding == csv::TextEncoding::Gb18030 {
                warnings.push(
                    Warning::new(
                        file,
                        None,
                        None,
                        "按 GBK/GB18030 编码读取了该 CSV 文件".into(),
                    )
                    .info(),
                );
            }
            vec![grid]
        }
        Format::Html => {
            let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
            super::markup::html_sheets(bytes, stem, file)?
        }
        Format::SpreadsheetMl => super::markup::spreadsheet_ml_sheets(bytes, file)?,
        Format::Ods => match guarded(bytes, file, format, &mut warnings) {
            Err(err @ IngestError::Corrupt { .. }) => {
                match super::ods_repair::strip_content_indentation(bytes) {
                    Some(repaired) => guarded(&repaired, file, format, &mut warnings)?,
                    None => return Err(err),
                }
            }
            other => other?,
        },
        _ => guarded(bytes, file, format, &mut warnings)?,
    };
    if sheets.is_empty() {
        return Err(IngestError::NoSheets { file: file.into() });
    }
    Ok(Workbook {
        file: file.into(),
        format,
        sheets,
        warnings,
    })
}

#[cfg(not(target_arch = "wasm32"))]
thread_local! {
    static CONTAINING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a panic now would be a parser's on a malformed file, which [`guarded`] turns
/// into an error naming the file: a panic hook stays quiet about those and reports the
/// others (bugs) with their location.
pub fn panic_is_contained() -> bool {
    #[cfg(not(target_arch = "wasm32"))]
    return CONTAINING.with(|c| c.get());
    #[cfg(target_arch = "wasm32")]
    false
}

/// calamine indexes some binary records without bounds checks, so a malformed file can
/// make it panic. Natively the panic becomes an error naming the file; in the browser
/// (wasm aborts on panic) it must be contained by running ingest off the page.
fn guarded(
    bytes: &[u8],
    file: &str,
    format: Format,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<RawGrid>, IngestError> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut local = Vec::new();
        CONTAINING.with(|c| c.set(true));
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read_spreadsheet(bytes, file, format, &mut local, true)
        }));
        CONTAINING.with(|c| c.set(false));
        warnings.extend(local);
        outcome.unwrap_or_else(|_| {
            Err(IngestError::Corrupt {
                file: file.into(),
                format: format.label().into(),
                detail: "文件内部记录损坏，读取库无法解析".into(),
            })
        })
    }
    #[cfg(target_arch = "wasm32")]
    read_spreadsheet(bytes, file, format, warnings, true)
}

/// `fast`: an .xlsx goes through the direct XML reader first (`xlsx_xml`), calamine
/// only when that declines; the tests turn it off to compare both.
pub(super) fn read_spreadsheet(
    bytes: &[u8],
    file: &str,
    format: Format,
    warnings: &mut Vec<Warning>,
    fast: bool,
) -> Result<Vec<RawGrid>, IngestError> {
    if fast && format == Format::Xlsx {
        if let Some(sheets) = super::xlsx_xml::read_sheets(bytes) {
            return Ok(sheets);
        }
    }
    let cursor = Cursor::new(bytes);
    let corrupt = |detail: String| IngestError::Corrupt {
        file: file.into(),
        format: format.label().into(),
        detail,
    };
    let refused = |e: &dyn Refusal| {
        if e.is_password() {
            IngestError::Encrypted { file: file.into() }
        } else {
            corrupt(e.to_string())
        }
    };
    let mut sheets = Vec::new();
    macro_rules! read_all {
        ($book:expr, $merges:expr) => {{
            let mut book = $book.map_err(|e| refused(&e))?;
            for name in book.sheet_names() {
                match book.worksheet_range(&name) {
                    Ok(range) => {
                        let merges: Vec<Dimensions> = $merges(&mut book, &name);
                        sheets.push(to_grid(&name, range, &merges));
                    }
                    // One broken sheet should not hide the good ones.
                    Err(e) => warnings.push(Warning::new(
                        file,
                        Some(&name),
                        None,
                        format!("工作表无法读取，已跳过：{e}"),
                    )),
                }
            }
        }};
    }
    match format {
        Format::Xlsx => read_all!(
            calamine::Xlsx::new(cursor),
            |b: &mut calamine::Xlsx<_>, n: &str| b.merge_cells_by_sheet_name(n).unwrap_or_default()
        ),
        Format::Xls => {
            super::cfb_check::check(bytes)
                .map_err(|detail| corrupt(format!("复合文档结构损坏（{detail}）")))?;
            read_all!(
                calamine::Xls::new(cursor),
                |b: &mut calamine::Xls<_>, n: &str| b
                    .merge_cells_by_sheet_name(n)
                    .unwrap_or_default()
            )
        }
        Format::Xlsb => read_all!(
            calamine::Xlsb::new(cursor),
            |_: &mut calamine::Xlsb<_>, _: &str| Vec::new()
        ),
        Format::Ods => read_all!(
            calamine::Ods::new(cursor),
            |_: &mut calamine::Ods<_>, _: &str| Vec::new()
        ),
        Format::Csv | Format::Html | Format::SpreadsheetMl => {
            unreachable!("text formats are parsed without calamine")
        }
    }
    Ok(sheets)
}

/// calamine's error of one format, told apart by its variant: a password-protected
/// workbook is not a corrupt one.
trait Refusal: std::fmt::Display {
    fn is_password(&self) -> bool;
}

impl Refusal for calamine::XlsxError {
    fn is_password(&self) -> bool {
        matches!(self, calamine::XlsxError::Password)
    }
}

impl Refusal for calamine::XlsError {
    fn is_password(&self) -> bool {
        matches!(self, calamine::XlsError::Password)
    }
}

impl Refusal for calamine::XlsbError {
    fn is_password(&self) -> bool {
        matches!(self, calamine::XlsbError::Password)
    }
}

impl Refusal for calamine::OdsError {
    fn is_password(&self) -> bool {
        matches!(self, calamine::OdsError::Password)
    }
}

/// Moves the cells out of calamine's range (no copy of the strings: a province's sheet
/// holds tens of megabytes of text).
fn to_grid(name: &str, mut range: Range<Data>, merges: &[Dimensions]) -> RawGrid {
    let origin = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let (rows, cols) = range.get_size();
    let mut grid = RawGrid::new(name, origin, rows, cols);
    for r in 0..rows {
        for (c, value) in range[r].iter_mut().enumerate() {
            let cell = match std::mem::take(value) {
                Data::Empty => continue,
                Data::Int(i) => Cell::Number(i as f64),
                Data::Float(f) => Cell::Number(f),
                Data::String(s) => Cell::Text(s.into_boxed_str()),
                Data::Bool(b) => Cell::Bool(b),
                Data::DateTime(d) => Cell::Number(d.as_f64()),
                Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.into_boxed_str()),
                Data::Error(e) => Cell::Error(e.to_string().into()),
            };
            grid.set(r, c, cell);
        }
    }
    grid.merges = merges
        .iter()
        .map(|d| Merge {
            first_row: d.start.0 as usize,
            first_col: d.start.1 as usize,
            last_row: d.end.0 as usize,
            last_col: d.end.1 as usize,
        })
        .collect();
    grid
}

/// What the file list shows of one sheet.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SheetSummary {
    pub name: String,
    /// Rows of the used range, as Excel's row numbers would count them.
    pub rows: usize,
    pub cols: usize,
}

impl Workbook {
    pub fn summaries(&self) -> Vec<SheetSummary> {
        self.sheets
            .iter()
            .map(|g| SheetSummary {
                name: g.sheet.clone(),
                rows: g.rows(),
                cols: g.cols(),
            })
            .collect()
    }
}
