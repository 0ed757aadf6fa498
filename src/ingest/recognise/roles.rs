//! One builder per role: each builds its table from a classified sheet, or declines
//! (then the next role is tried). What they build, `Sources::add` files.

use super::classify::{Headed, SheetView};
use super::context_tables as ctx_tables;
use super::fields::{Field, Mapping};
use super::header::HeaderBlock;
use super::{enterprise, evidence, industry_tables, ledgers, IngestOptions, Role, SheetReport};
use crate::ingest::diag::Warning;
use crate::ingest::grid::{Merge, RawGrid};
use crate::model::{Ledgers, Table};

/// A builder's answer.
pub enum Step {
    /// The sheet is this role: its tables (possibly none, when required columns are
    /// missing and the report says which).
    Took(Vec<Table>),
    /// These tables, and the next role is tried too (a ledger inside a full enterprise
    /// table).
    Also(Vec<Table>),
    Declined,
}

/// Builds `role`'s table from the sheet; the report learns what was read.
pub fn build(
    role: Role,
    view: &SheetView,
    options: &IngestOptions,
    report: &mut SheetReport,
    warnings: &mut Vec<Warning>,
) -> Step {
    let step = match (role, &view.header) {
        (Role::Targets, _) => targets(view, warnings),
        (_, None) | (Role::Other, _) => Step::Declined,
        (Role::Enterprises, Some(h)) => enterprises(view, h, options, report, warnings),
        (
            Role::KeyLedger | Role::StopLedger | Role::ReviewLedger | Role::ProjectLedger,
            Some(h),
        ) => ledger(view, h, warnings),
        (Role::VaRates, Some(h)) => {
            let t = industry_tables::rate_table(view.grid, &h.header, view.file);
            took_if(
                !t.rows.is_empty() || t.all_industry.is_some(),
                Table::VaRates(t),
            )
        }
        (Role::PriceIndex, Some(h)) => {
            let mut t = industry_tables::price_table(view.grid, &h.header, view.file);
            t.period = h.ctx.period;
            took_if(
                !t.rows.is_empty() || t.all_industry.is_some(),
                Table::PriceIndex(t),
            )
        }
        (Role::ProvinceGrowth, Some(h)) => {
            let mut t = ctx_tables::province_table(view.grid, &h.header, view.file);
            t.period = h.ctx.period;
            took_if(!t.rows.is_empty(), Table::ProvinceGrowth(t))
        }
        (Role::RegionGrowth, Some(h)) => region_growth(view, h),
    };
    if !matches!(step, Step::Declined) {
        report.role = role;
    }
    step
}

fn took_if(yes: bool, table: Table) -> Step {
    if yes {
        Step::Took(vec![table])
    } else {
        Step::Declined
    }
}

fn targets(view: &SheetView, warnings: &mut Vec<Warning>) -> Step {
    match ctx_tables::targets(view.grid) {
        Some(Ok(t)) => Step::Took(vec![Table::Targets(
            t,
            ctx_tables::region_targets(view.grid),
        )]),
        Some(Err(e)) => {
            warnings.push(Warning::new(
                view.file,
                Some(&view.grid.sheet),
                None,
                format!("目标任务表中的目标无法使用，未计入：{e}"),
            ));
            Step::Took(Vec::new())
        }
        None => Step::Declined,
    }
}

fn ledger(view: &SheetView, h: &Headed, warnings: &mut Vec<Warning>) -> Step {
    let Some(kind) = view.ledger_kind() else {
        return Step::Declined;
    };
    // A full enterprise table stays one, its ledger columns read besides.
    let both = view.outputs() == 4;
    let mut read = Ledgers::default();
    ledgers::read(
        view.grid,
        &h.header,
        kind,
        both,
        view.file,
        h.ctx.period.map(|p| p.year),
        h.ctx.unit,
        &mut read,
        warnings,
    );
    if both {
        Step::Also(vec![Table::Ledgers(read)])
    } else {
        Step::Took(vec![Table::Ledgers(read)])
    }
}

fn region_growth(view: &SheetView, h: &Headed) -> Step {
    let mut t = ctx_tables::region_table(view.grid, &h.header, view.file);
    t.period = h.ctx.period;
    if t.rows.is_empty() {
        return Step::Declined;
    }
    let mut tables = vec![Table::RegionGrowth(t)];
    if let (Some(code_col), Some(name_col)) = (
        ctx_tables::region_code_column(&h.header),
        ctx_tables::place_column(&h.header),
    ) {
        tables.push(Table::RegionCodes(ctx_tables::region_code_pairs(
            view.grid, &h.header, code_col, name_col,
        )));
    }
    Step::Took(tables)
}

fn enterprises(
    view: &SheetView,
    h: &Headed,
    options: &IngestOptions,
    report: &mut SheetReport,
    warnings: &mut Vec<Warning>,
) -> Step {
    let (grid, file, header, ctx, mapping) = (view.grid, view.file, &h.header, &h.ctx, &h.mapping);
    let warn = |warnings: &mut Vec<Warning>, cell: Option<String>, message: String| {
        warnings.push(Warning::new(file, Some(&grid.sheet), cell, message));
    };
    report.missing = mapping.missing(ctx.region.is_some());
    if !report.missing.is_empty() {
        let names: Vec<&str> = report.missing.iter().map(|f| f.label()).collect();
        let region_hint = if report.missing.contains(&Field::Region) {
            "（表中没有县区列，工作表名称、标题和文件名中也没有县区名称）"
        } else {
            ""
        };
        warn(
            warnings,
            Some(grid.a1(header.first_row, 0)),
            format!(
                "企业表缺少必需的列：{}{region_hint}。请在列对应关系中指定",
                names.join("、")
            ),
        );
        return Step::Took(Vec::new());
    }
    if let Some(conflict) = ctx
        .period_conflict
        .as_ref()
        .filter(|_| options.period.is_none())
    {
        warn(warnings, None, conflict.clone());
    }
    if ctx.period.is_none() {
        warn(
            warnings,
            None,
            "标题、工作表名和文件名中都没有找到报告期（如“2023年1-2月”），请指定报告期".into(),
        );
    }
    // A region or industry merged down over its block names every row it covers.
    let filled = label_merges_filled(grid, header, mapping);
    let grid = filled.as_ref().unwrap_or(grid);
    let enterprise::Built {
        mut table,
        region_names,
        unit,
    } = enterprise::build(grid, header, mapping, ctx, file, options, warnings);
    evidence::Checked {
        grid,
        header,
        mapping,
        file,
    }
    .run(&mut table, warnings);
    report.enterprises = table.len();
    report.region_names = region_names;
    report.unit = Some(unit);
    let mut tables = vec![Table::Enterprises(Box::new(table))];
    if let (Some(code_col), Some(name_col)) = (
        mapping.column(Field::RegionCode),
        mapping.column(Field::Region),
    ) {
        tables.push(Table::RegionCodes(ctx_tables::region_code_pairs(
            grid, header, code_col, name_col,
        )));
    }
    Step::Took(tables)
}

/// A copy of the sheet with each merge below the header that lies in a label column
/// (region, industry, code) filled from its top cell; `None` when there is none. Figures
/// are never filled: a number merged over rows would be counted once per row.
fn label_merges_filled(grid: &RawGrid, header: &HeaderBlock, mapping: &Mapping) -> Option<RawGrid> {
    let label_cols: Vec<usize> = [
        Field::Region,
        Field::IndustryCode,
        Field::IndustryName,
        Field::Status,
        Field::NewFlag,
    ]
    .iter()
    .filter_map(|f| mapping.column(*f))
    .map(|c| c + grid.origin.1)
    .collect();
    let body = grid.origin.0 + header.last_row + 1;
    let wanted = |m: &Merge| {
        m.first_row >= body
            && m.last_row > m.first_row
            && (m.first_col..=m.last_col).all(|c| label_cols.contains(&c))
    };
    if !grid.merges.iter().any(wanted) {
        return None;
    }
    let mut out = grid.clone();
    out.merges.retain(wanted);
    out.fill_merges();
    out.merges = grid.merges.clone();
    Some(out)
}
