//! The analysis as an .xlsx workbook: one sheet per table of `tables::all`, real numbers
//! (not their rounded text) with a display format, frozen header row, set widths.

use super::tables::{self, Table, Value};
use crate::analysis::Analysis;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

/// "0.0", "0.00", "0.0000": the report's decimals as an Excel number format.
fn number_format(decimals: usize) -> Format {
    let pattern = if decimals == 0 {
        "0".to_string()
    } else {
        format!("0.{}", "0".repeat(decimals))
    };
    Format::new().set_num_format(pattern)
}

fn write_table(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    sheet.set_name(table.name)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color(0xE8EEF7);
    let missing = Format::new().set_align(FormatAlign::Right);
    let formats: Vec<Format> = (0..=4).map(number_format).collect();
    for (c, column) in table.columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, column.header, &header)?;
        sheet.set_column_width(c, column.width)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            match value {
                // write_string never turns "=…" into a formula: untrusted names stay text.
                Value::Text(t) => {
                    sheet.write_string(r, c, t)?;
                }
                Value::Count(n) => {
                    sheet.write_number(r, c, *n as f64)?;
                }
                Value::Number {
                    value: Some(v),
                    decimals,
                } => {
                    sheet.write_number_with_format(r, c, *v, &formats[(*decimals).min(4)])?;
                }
                Value::Number { value: None, .. } => {
                    sheet.write_string_with_format(r, c, "—", &missing)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The workbook's bytes.
pub fn workbook(a: &Analysis) -> Result<Vec<u8>, XlsxError> {
    tables_workbook(&tables::all(a))
}

/// A workbook of these tables, one sheet each.
pub fn tables_workbook(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    for table in tables {
        write_table(book.add_worksheet(), table)?;
    }
    book.save_to_buffer()
}

/// A ledger to fill in: `table` with a dropdown of `choices` on column `column` for every
/// row (and a hundred more, for enterprises the user adds). Other text is still accepted:
/// the dropdown offers the categories, it does not refuse a precise reason.
pub fn template_workbook(
    table: &Table,
    column: u16,
    choices: &[&str],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    write_template(book.add_worksheet(), table, column, choices)?;
    book.save_to_buffer()
}

/// `tables`, one sheet each, with `template` (as [`template_workbook`] writes it) as
/// sheet `at`: a county's work package, whose ledger sheet drops back as a ledger.
pub fn package_workbook(
    tables: &[Table],
    at: usize,
    template: &Table,
    column: u16,
    choices: &[&str],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let at = at.min(tables.len());
    for table in &tables[..at] {
        write_table(book.add_worksheet(), table)?;
    }
    write_template(book.add_worksheet(), template, column, choices)?;
    for table in &tables[at..] {
        write_table(book.add_worksheet(), table)?;
    }
    book.save_to_buffer()
}

fn write_template(
    sheet: &mut Worksheet,
    table: &Table,
    column: u16,
    choices: &[&str],
) -> Result<(), XlsxError> {
    write_table(sheet, table)?;
    let validation = DataValidation::new()
        .allow_list_strings(choices)?
        .set_error_style(DataValidationErrorStyle::Information)
        .set_input_title("原因")?
        .set_input_message("从列表中选择，或直接填写")?;
    let last = table.rows.len() as u32 + 100;
    sheet.add_data_validation(1, column, last, column, &validation)?;
    Ok(())
}
