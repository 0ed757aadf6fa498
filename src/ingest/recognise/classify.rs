//! What a sheet may be, decided from its header, its context and its column mapping
//! before any table is built: the roles to try, likeliest first. Each role's builder
//! (`roles.rs`) then confirms it by building its table, or declines.

use super::context::{self, SheetContext};
use super::context_tables as ctx_tables;
use super::fields::{map_columns, Field, Mapping};
use super::header::{self, HeaderBlock};
use super::ledgers::{self, LedgerKind};
use super::{industry_tables, IngestOptions, Role};
use crate::ingest::grid::RawGrid;
use crate::ingest::text::{has_any, normalize};

/// A sheet as recognition sees it: its header, and with a header its context (period,
/// unit, region, title) and column mapping, the user's choices applied.
pub struct SheetView<'a> {
    pub grid: &'a RawGrid,
    pub file: &'a str,
    /// The sheet's name, normalised.
    pub sheet_key: String,
    pub header: Option<Headed>,
}

/// What a sheet with a header adds.
pub struct Headed {
    pub header: HeaderBlock,
    pub ctx: SheetContext,
    pub mapping: Mapping,
}

/// What the tables of a split sheet take from the sheet: "2023年1-2月…（单位：万元）" once
/// at the top, then "青山区", a header and its enterprises, "城东区", the header again, and
/// so on. Each table's own title still wins for period and unit.
#[derive(Debug, Clone, Default)]
pub struct SheetTitle {
    split: bool,
    period: Option<crate::model::Period>,
    unit: Option<super::units::MoneyUnit>,
    city: Option<String>,
    /// The tables' titles name two or more places: each a region of one city.
    regions_by_block: bool,
}

impl SheetTitle {
    /// Read from the sheet's blocks, the first one's title for the whole sheet.
    pub fn of(parts: &[RawGrid], file: &str) -> Self {
        let contexts: Vec<_> = parts
            .iter()
            .filter_map(|p| header::detect(p).map(|h| context::read(p, &h, file)))
            .collect();
        let Some(first) = contexts.first() else {
            return SheetTitle::default();
        };
        let mut places: Vec<&str> = contexts
            .iter()
            .filter_map(|c| c.region.as_ref())
            .filter(|(_, origin)| *origin == context::RegionOrigin::Title)
            .map(|(r, _)| r.as_str())
            .collect();
        places.sort_unstable();
        places.dedup();
        let regions_by_block = places.len() >= 2;
        // "东阳市" alone over the first of several places is one of them, not the city.
        let city = first
            .city
            .clone()
            .filter(|c| !(regions_by_block && first.region.as_ref().is_some_and(|(r, _)| r == c)));
        SheetTitle {
            split: true,
            period: first.period,
            unit: first.unit,
            city,
            regions_by_block,
        }
    }
}

impl<'a> SheetView<'a> {
    pub fn read(
        grid: &'a RawGrid,
        file: &'a str,
        options: &IngestOptions,
        above: &SheetTitle,
    ) -> Self {
        let header = header::detect(grid).map(|header| {
            let mut ctx = context::read(grid, &header, file);
            ctx.period = ctx.period.or(above.period).or(options.period);
            ctx.unit = ctx.unit.or(above.unit);
            // The sheet's title names the city for every table on it; a later table's
            // own heading ("东阳市" alone) names a region of it.
            if above.split {
                ctx.city = above.city.clone();
            }
            if above.regions_by_block {
                if let Some((_, origin)) = ctx
                    .region
                    .as_mut()
                    .filter(|(_, o)| *o == context::RegionOrigin::Title)
                {
                    *origin = context::RegionOrigin::BlockHeading;
                }
            }
            let mut mapping = map_columns(&header, &options.overrides, ctx.period.map(|p| p.month));
            if let Some(choice) = options.region_from.get(&header.signature()) {
                mapping.fields.remove(&Field::Region);
                mapping.fields.remove(&Field::RegionCode);
                ctx.region = context::region_from(choice, grid, &ctx.title, file);
            }
            Headed {
                header,
                ctx,
                mapping,
            }
        });
        SheetView {
            grid,
            file,
            sheet_key: normalize(&grid.sheet),
            header,
        }
    }

    /// The title rows' text above the header (or the first rows without one).
    pub fn title(&self) -> String {
        let end = self
            .header
            .as_ref()
            .map_or(self.grid.rows().min(3), |h| h.header.first_row);
        (0..end)
            .flat_map(|r| {
                self.grid
                    .row(r)
                    .iter()
                    .filter_map(|c| c.as_text().map(normalize))
            })
            .collect()
    }

    /// How many of the four output columns the mapping found.
    pub fn outputs(&self) -> usize {
        self.header.as_ref().map_or(0, |h| {
            [
                Field::MonthOutput,
                Field::CumOutput,
                Field::MonthOutputPrior,
                Field::CumOutputPrior,
            ]
            .iter()
            .filter(|f| h.mapping.fields.contains_key(f))
            .count()
        })
    }

    pub fn ledger_kind(&self) -> Option<LedgerKind> {
        let h = self.header.as_ref()?;
        ledgers::kind_of(&h.header, &(h.ctx.title.clone() + &self.sheet_key))
    }
}

/// An enterprise table of the enterprises below the scale (规模以下, 规下, 限下): not
/// the 规上 industry this tool analyses, and never added to it.
pub fn below_scale(view: &SheetView) -> bool {
    let Some(h) = &view.header else {
        return false;
    };
    let enterprise_like = h.mapping.fields.contains_key(&Field::Name) && view.outputs() >= 2;
    let named = |text: &str| {
        has_any(text, &["规模以下", "规下", "限下", "规模以外", "规模外"])
            && !has_any(text, &["规模以上", "规上", "限上"])
    };
    let own = h.ctx.title.clone() + &view.sheet_key;
    enterprise_like
        && (named(&own) || (!has_any(&own, &["规模以上", "规上"]) && named(&normalize(view.file))))
}

/// The ledger's role.
pub fn ledger_role(kind: LedgerKind) -> Role {
    match kind {
        LedgerKind::Key => Role::KeyLedger,
        LedgerKind::StopReduce => Role::StopLedger,
        LedgerKind::Review => Role::ReviewLedger,
        LedgerKind::Projects => Role::ProjectLedger,
    }
}

/// The roles to try, likeliest first; none fits: the sheet is 未识别.
pub fn classify(view: &SheetView) -> Vec<Role> {
    let mut roles = Vec::new();
    if has_any(&view.sheet_key, &["目标"])
        || view.header.is_none()
        || view.title().contains("目标任务")
    {
        roles.push(Role::Targets);
    }
    let Some(h) = &view.header else {
        return roles;
    };
    let enterprise_like = h.mapping.fields.contains_key(&Field::Name) && view.outputs() >= 2;
    // A ledger's own columns (原因, 佐证材料, 包保领导) decide before its copied figures
    // could make it look like an enterprise table; only a full enterprise table (all four
    // output columns) with a 包保领导 column is both.
    if let Some(kind) = view.ledger_kind() {
        roles.push(ledger_role(kind));
        if view.outputs() == 4 {
            roles.push(Role::Enterprises);
        }
        return roles;
    }
    if enterprise_like {
        roles.push(Role::Enterprises);
        return roles;
    }
    // Before the growth tables: a PPI table's "以上年同期为100" is not a growth.
    if industry_tables::is_rate_table(&h.header) {
        roles.push(Role::VaRates);
    }
    if industry_tables::is_price_table(&h.header, &(h.ctx.title.clone() + &view.sheet_key)) {
        roles.push(Role::PriceIndex);
    }
    if ctx_tables::is_growth_table(&h.header) {
        let title = h.ctx.title.clone() + &view.sheet_key;
        roles.push(
            if ctx_tables::is_province_table(view.grid, &h.header, &title) {
                Role::ProvinceGrowth
            } else {
                Role::RegionGrowth
            },
        );
    }
    roles
}
