//! Plain data shared by ingest, analysis and the faces: periods, regions, industries,
//! the typed tables. No parsing and no computing here.

pub mod at;
pub mod date;
pub mod decimal;
pub mod industry;
pub mod ledgers;
pub mod period;
pub mod region;
// `enterprise_columns!` reaches `row_chunks`, declared after it.
#[macro_use]
pub mod tables;
pub mod row_chunks;
pub mod targets;
pub mod warning;

pub use at::At;
pub use date::Date;
pub use industry::{division_name, division_of_name, normalize_industry_code, DIVISIONS};
pub use ledgers::{
    code_key, name_key, organisation_code, KeyEntry, Ledger, LedgerName, Ledgers, ProjectEntry,
    ReviewEntry, ReviewKind, StopEntry, StopKind,
};
pub use period::Period;
pub use region::{normalize_region_name, region_name_as_written, same_place, RegionGroup};
pub use tables::{
    CityGrowthRow, CityGrowthTable, ColumnSource, EnterpriseRow, EnterpriseTable, PriceIndex,
    PriceIndexTable, RegionGrowthRow, RegionGrowthTable, RegionTarget, Sources, Table, Targets,
    VaRateTable,
};
pub use targets::TargetError;
pub use warning::{Severity, Warning};
