//! Plain data shared by ingest, analysis and the faces: periods, regions, industries,
//! the typed tables. No parsing and no computing here.

pub mod decimal;
pub mod industry;
pub mod period;
pub mod region;
pub mod tables;
pub mod warning;

pub use industry::{division_name, division_of_name, normalize_industry_code, DIVISIONS};
pub use period::Period;
pub use region::{normalize_region_name, region_name_as_written, RegionGroup};
pub use tables::{
    CityGrowthRow, CityGrowthTable, EnterpriseTable, PriceIndex, PriceIndexTable, RegionGrowthRow,
    RegionGrowthTable, RegionTarget, Sources, Targets, VaRateTable,
};
pub use warning::{Severity, Warning};
