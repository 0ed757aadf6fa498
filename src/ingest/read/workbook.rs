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
fn check_inflated_size(bytes: &[u8], file: &str, format: Format) -> Result<(), IngestError> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        // Not a readable zip: calamine reports the damage in its own words.
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(i) {
            total = total.saturating_add(entry.size());
            // Deflate never grows data by more than a few bytes per 16 KB block: an
            // entry whose compressed bytes exceed that declares less than it holds.
            let most = entry.size() + entry.size() / 16_000 * 5 + 64;
            if entry.compression() != zip::CompressionMethod::Stored
                && entry.compressed_size() > most
            {
                return Err(IngestError::Corrupt {
                    file: file.into(),
                    format,
                    detail: format!(
                        "压缩包中的条目“{}”声明解压后为 {} 字节，却有 {} 字节的压缩数据，声明的大小与实际不符（文件被截断、篡改或损坏）",
                        entry.name().map(|n| n.into_owned()).unwrap_or_default(),
                        entry.size(),
                        entry.compressed_size()
                    ),
                });
            }
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
        check_inflated_size(bytes, file, format)?;
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
                format,
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
        format,
        detail,
    };
    let refused = |e: &dyn Refusal| {
        if e.is_password() {
            IngestError::Encrypted { file: file.into() }
        } else {
            corrupt(describe(&e.to_string()))
        }
    };
    // Sheets refused for their size are not damage: said as what they are.
    let unread = |failures: Vec<String>| {
        if failures.iter().all(|f| f.contains("上限")) {
            IngestError::SheetsTooLarge {
                file: file.into(),
                detail: failures.join("；"),
            }
        } else {
            corrupt(failures.join("；"))
        }
    };
    let mut sheets = Vec::new();
    // A sheet through calamine's dense range (xls, ods: their sizes are bounded by the
    // format or checked before our grid is made)…
    macro_rules! by_range {
        ($book:ident, $name:ident, $merges:expr) => {
            match $book.worksheet_range(&$name) {
                Ok(range) => {
                    let merges: Vec<Dimensions> = $merges(&mut $book, &$name);
                    to_grid(&$name, range, &merges)
                }
                Err(e) => Err(describe(&e.to_string())),
            }
        };
    }
    // …or, for xlsx and xlsb, cell by cell: the dense grid is ours, its size checked first.
    macro_rules! by_cells {
        ($book:ident, $name:ident, $merges:expr) => {{
            let merges: Vec<Merge> = $merges(&mut $book, &$name);
            match $book.worksheet_cells_reader(&$name) {
                Ok(mut reader) => sheet_from_cells(&$name, || reader.next_cell(), merges),
                Err(e) => Err(describe(&e.to_string())),
            }
        }};
    }
    macro_rules! read_each {
        ($book:expr, $merges:expr, $read:ident) => {{
            let mut book = $book.map_err(|e| refused(&e))?;
            let mut failures: Vec<String> = Vec::new();
            for name in book.sheet_names() {
                match $read!(book, name, $merges) {
                    Ok(grid) => sheets.push(grid),
                    // One broken sheet should not hide the good ones.
                    Err(why) => {
                        warnings.push(Warning::new(
                            file,
                            Some(&name),
                            None,
                            format!("工作表无法读取，已跳过：{why}"),
                        ));
                        failures.push(format!("工作表“{name}”{why}"));
                    }
                }
            }
            // Every sheet broken: the file's error says why, not "no sheets".
            if sheets.is_empty() && !failures.is_empty() {
                return Err(unread(failures));
            }
        }};
    }
    match format {
        Format::Xlsx => read_each!(
            calamine::Xlsx::new(cursor),
            |b: &mut calamine::Xlsx<_>, n: &str| merges_of(
                &b.merge_cells_by_sheet_name(n).unwrap_or_default()
            ),
            by_cells
        ),
        Format::Xls => {
            super::cfb_check::check(bytes)
                .map_err(|detail| corrupt(format!("复合文档结构损坏（{detail}）")))?;
            read_each!(
                calamine::Xls::new(cursor),
                |b: &mut calamine::Xls<_>, n: &str| b
                    .merge_cells_by_sheet_name(n)
                    .unwrap_or_default(),
                by_range
            )
        }
        Format::Xlsb => {
            read_each!(
                calamine::Xlsb::new(cursor),
                |_: &mut calamine::Xlsb<_>, _: &str| Vec::new(),
                by_cells
            );
            let unread = super::xlsb_short::short_cells(bytes);
            if unread > 0 {
                warnings.push(Warning::new(
                    file,
                    None,
                    None,
                    format!(
                        "这个 .xlsb 文件有{unread}个单元格以本工具读不出的简写记录保存（常见于其他程序生成的 xlsb），这些单元格按空白处理，数字可能不全：请在 Excel 或 WPS 中另存为 .xlsx 后再载入"
                    ),
                ));
            }
        }
        Format::Ods => {
            let spans = super::ods_merges::merges(bytes);
            read_each!(
                calamine::Ods::new(cursor),
                |_: &mut calamine::Ods<_>, n: &str| spans.get(n).cloned().unwrap_or_default(),
                by_range
            )
        }
        Format::Csv | Format::Html | Format::SpreadsheetMl => {
            unreachable!("text formats are parsed without calamine")
        }
    }
    Ok(sheets)
}

/// One sheet from calamine's cell reader, one cell at a time; at most `MAX_GRID_CELLS`
/// cells are held, and the dense grid is allocated only once its size is known to fit.
fn sheet_from_cells<'a, E: std::fmt::Display>(
    name: &str,
    mut next: impl FnMut() -> Result<Option<calamine::Cell<calamine::DataRef<'a>>>, E>,
    merges: Vec<Merge>,
) -> Result<RawGrid, String> {
    let mut cells: Vec<(u32, u32, Cell)> = Vec::new();
    let mut last: Option<(u32, u32)> = None;
    let (mut far_row, mut far_col) = (0u32, 0u32);
    loop {
        match next() {
            Ok(Some(cell)) => {
                let (r, c) = cell.get_position();
                last = Some((r, c));
                let value = data_ref_cell(cell.get_value());
                if value == Cell::Empty {
                    continue;
                }
                far_row = far_row.max(r);
                far_col = far_col.max(c);
                if cells.len() as u64 >= crate::ingest::grid::MAX_GRID_CELLS {
                    let far = crate::ingest::cell_ref::a1(far_row as usize, far_col as usize);
                    return Err(format!(
                        "单元格超过 {} 个（读到 {far}），超过可读取的上限，未读取",
                        crate::ingest::grid::MAX_GRID_CELLS
                    ));
                }
                cells.push((r, c, value));
            }
            Ok(None) => break,
            Err(e) => {
                let at = last.map_or(String::new(), |(r, c)| {
                    format!(
                        "（出错处在单元格 {} 之后）",
                        crate::ingest::cell_ref::a1(r as usize, c as usize)
                    )
                });
                return Err(format!("{}{at}", describe(&e.to_string())));
            }
        }
    }
    let start = cells
        .iter()
        .fold((u32::MAX, u32::MAX), |(r0, c0), &(r, c, _)| {
            (r0.min(r), c0.min(c))
        });
    RawGrid::from_cells(name, cells, merges).map_err(|e| {
        e.message(&crate::ingest::cell_ref::a1(
            start.0 as usize,
            start.1 as usize,
        ))
    })
}

fn data_ref_cell(value: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef;
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(s.as_str().into()),
        DataRef::SharedString(s) => Cell::Text((*s).into()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => Cell::Number(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.as_str().into()),
        DataRef::Error(e) => Cell::Error(e.to_string().into()),
    }
}

fn merges_of(dims: &[Dimensions]) -> Vec<Merge> {
    dims.iter()
        .map(|d| Merge {
            first_row: d.start.0 as usize,
            first_col: d.start.1 as usize,
            last_row: d.end.0 as usize,
            last_col: d.end.1 as usize,
        })
        .collect()
}

/// A reading library's error in Chinese: the causes a bureau's file meets are named, the
/// rest described without the library's English.
fn describe(error: &str) -> String {
    let e = error.to_ascii_lowercase();
    if e.contains("shared strings") || e.contains("string index") || e.contains("sst") {
        "单元格引用的共享字符串不存在（共享字符串表不完整或已损坏）".into()
    } else if e.contains("checksum") || e.contains("crc") || e.contains("size") && e.contains("zip")
    {
        "压缩包中的条目与其声明的大小或校验值不符（文件被截断、篡改或损坏）".into()
    } else if e.contains("zip") || e.contains("archive") {
        "压缩包结构损坏".into()
    } else if e.contains("xml") || e.contains("node") || e.contains("tag") {
        "工作表的 XML 内容不完整或格式错误".into()
    } else if e.contains("not found") {
        "工作簿中登记的工作表在文件中不存在".into()
    } else if e.contains("dimension") {
        "工作表声明的区域无效".into()
    } else {
        "文件内部记录无法解析".into()
    }
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
fn to_grid(name: &str, mut range: Range<Data>, merges: &[Dimensions]) -> Result<RawGrid, String> {
    let origin = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let (rows, cols) = range.get_size();
    if (rows as u64).saturating_mul(cols as u64) > crate::ingest::grid::MAX_GRID_CELLS {
        let too_large = crate::ingest::grid::GridTooLarge {
            rows: rows as u64,
            cols: cols as u64,
            far_cell: crate::ingest::cell_ref::a1(origin.0 + rows - 1, origin.1 + cols - 1),
        };
        return Err(too_large.message(&crate::ingest::cell_ref::a1(origin.0, origin.1)));
    }
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
    grid.merges = merges_of(merges);
    Ok(grid)
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
