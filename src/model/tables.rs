//! The typed tables ingest produces and analysis reads. Money is in 亿元 throughout.

use super::Period;
use super::Warning;
use serde::{Deserialize, Serialize};

/// One period's enterprise table, columnar: one `Vec` per field, one index per enterprise.
/// Empty money cells are 0 (an empty 本月 means the enterprise did not produce).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseTable {
    pub file: String,
    pub sheet: String,
    pub period: Option<Period>,
    /// The city named in the title ("示例市"), when there is one.
    pub city: Option<String>,
    pub names: Vec<String>,
    pub codes: Vec<Option<String>>,
    pub regions: Vec<String>,
    /// Two-digit GB/T 4754 division, when the code or name identified one.
    pub divisions: Vec<Option<String>>,
    pub month_output: Vec<f64>,
    pub month_output_prior: Vec<f64>,
    pub cum_output: Vec<f64>,
    pub cum_output_prior: Vec<f64>,
    /// Forecast of next month's output, when the table has such a column and the cell is filled.
    pub forecast_next_month: Vec<Option<f64>>,
    pub has_forecast_column: bool,
    pub is_new: Vec<bool>,
    /// The status column says 停产.
    pub reported_stopped: Vec<bool>,
    /// Zero-based sheet row of each enterprise, for warnings.
    pub source_rows: Vec<usize>,
    /// The table had no 本月 columns: the month figures are the cumulative ones, until
    /// analysis derives them from the previous period's table.
    #[serde(default)]
    pub cumulative_only: bool,
    /// Where each field was read: its column's letter and header, for explaining a
    /// figure down to the cells it came from.
    #[serde(default)]
    pub columns: Vec<ColumnSource>,
}

/// One field's column in the sheet an enterprise table was read from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnSource {
    /// The field's name ("cum_output", "month_output_prior", "region" …).
    pub field: String,
    /// The column's letter in the sheet ("E").
    pub letter: String,
    /// The column's header as written ("1-本月|工业总产值").
    pub header: String,
}

impl EnterpriseTable {
    /// Where `field` was read, when it was read from a column.
    pub fn column_of(&self, field: &str) -> Option<&ColumnSource> {
        self.columns.iter().find(|c| c.field == field)
    }

    /// The sheet rows (1-based, as Excel shows them) the enterprises `rows` were read
    /// from, as a range "5–1494" (or one row).
    pub fn row_span(&self, rows: impl Iterator<Item = usize>) -> Option<String> {
        let (mut lo, mut hi) = (usize::MAX, 0);
        for i in rows {
            lo = lo.min(self.source_rows[i]);
            hi = hi.max(self.source_rows[i]);
        }
        (lo <= hi).then(|| {
            if lo == hi {
                format!("第{}行", lo + 1)
            } else {
                format!("第{}–{}行", lo + 1, hi + 1)
            }
        })
    }
}

/// The per-enterprise columns of `EnterpriseTable`, each with its field in
/// `EnterpriseRow`, listed here once: every whole-row operation expands from it.
macro_rules! enterprise_columns {
    ($apply:ident) => {
        $apply! {
            names: name,
            codes: code,
            regions: region,
            divisions: division,
            month_output: month_output,
            month_output_prior: month_output_prior,
            cum_output: cum_output,
            cum_output_prior: cum_output_prior,
            forecast_next_month: forecast_next_month,
            is_new: is_new,
            reported_stopped: reported_stopped,
            source_rows: source_row
        }
    };
}

/// One enterprise as read from one row of its sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EnterpriseRow {
    pub name: String,
    pub code: Option<String>,
    pub region: String,
    pub division: Option<String>,
    pub month_output: f64,
    pub month_output_prior: f64,
    pub cum_output: f64,
    pub cum_output_prior: f64,
    pub forecast_next_month: Option<f64>,
    pub is_new: bool,
    pub reported_stopped: bool,
    /// Zero-based row in the sheet.
    pub source_row: usize,
}

impl EnterpriseTable {
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Room for `n` more enterprises in every column.
    pub fn reserve(&mut self, n: usize) {
        macro_rules! reserve {
            ($($column:ident: $field:ident),*) => { $(self.$column.reserve(n);)* };
        }
        enterprise_columns!(reserve);
    }

    /// Files one enterprise, column by column.
    pub fn push(&mut self, row: EnterpriseRow) {
        macro_rules! push {
            ($($column:ident: $field:ident),*) => { $(self.$column.push(row.$field);)* };
        }
        enterprise_columns!(push);
    }

    /// Takes the `i`-th enterprise out of every column.
    pub fn remove(&mut self, i: usize) {
        macro_rules! remove {
            ($($column:ident: $field:ident),*) => { $(self.$column.remove(i);)* };
        }
        enterprise_columns!(remove);
    }

    /// Keeps the enterprises whose flag is true, in order (one pass, however many go).
    pub fn retain_rows(&mut self, keep: &[bool]) {
        macro_rules! retain {
            ($($column:ident: $field:ident),*) => {
                $(
                    let mut flags = keep.iter();
                    self.$column.retain(|_| flags.next().copied().unwrap_or(true));
                )*
            };
        }
        enterprise_columns!(retain);
    }

    /// The `i`-th enterprise as one row.
    pub fn row(&self, i: usize) -> EnterpriseRow {
        macro_rules! row {
            ($($column:ident: $field:ident),*) => {
                EnterpriseRow { $($field: self.$column[i].clone(),)* }
            };
        }
        enterprise_columns!(row)
    }

    /// The key two tables of one period are merged on: the credit code, else the name.
    pub fn key(&self, i: usize) -> String {
        match &self.codes[i] {
            Some(code) if !code.trim().is_empty() => format!("code:{}", code.trim()),
            _ => format!("name:{}", self.names[i].trim()),
        }
    }

    /// Two tables of the same period as one: an enterprise of `self` that `in_later`
    /// finds in `later` (by whatever keys the caller matches) keeps `later`'s figures
    /// (the file loaded last is taken as the correction), the others are added. Returns
    /// the merged table and how many enterprises were in both.
    pub fn merged_with(
        &self,
        later: &EnterpriseTable,
        in_later: &dyn Fn(usize) -> bool,
    ) -> (EnterpriseTable, usize) {
        let mut out = EnterpriseTable {
            file: if self.file.split(" + ").any(|f| f == later.file) {
                self.file.clone()
            } else {
                format!("{} + {}", self.file, later.file)
            },
            sheet: later.sheet.clone(),
            period: later.period.or(self.period),
            city: later.city.clone().or_else(|| self.city.clone()),
            has_forecast_column: self.has_forecast_column || later.has_forecast_column,
            cumulative_only: self.cumulative_only || later.cumulative_only,
            columns: later.columns.clone(),
            ..Default::default()
        };
        let mut both = 0;
        for i in 0..self.len() {
            if in_later(i) {
                both += 1;
            } else {
                out.push(self.row(i));
            }
        }
        for i in 0..later.len() {
            out.push(later.row(i));
        }
        (out, both)
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// A row of the region value-added table (县区增加值增速表).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionGrowthRow {
    pub name: String,
    pub growth_pct: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegionGrowthTable {
    pub file: String,
    pub sheet: String,
    pub period: Option<Period>,
    pub rows: Vec<RegionGrowthRow>,
    /// The 全市 row's growth, when present.
    pub city_growth_pct: Option<f64>,
}

/// A row of the province table (全省各市增加值增速).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CityGrowthRow {
    pub name: String,
    pub growth_pct: f64,
    /// 考评单元/分组, when the table has that column.
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CityGrowthTable {
    pub file: String,
    pub sheet: String,
    pub period: Option<Period>,
    pub rows: Vec<CityGrowthRow>,
    pub province_growth_pct: Option<f64>,
    pub nation_growth_pct: Option<f64>,
}

/// Quarter targets, from a 目标任务 sheet or entered by hand.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Targets {
    pub quarter_end_month: u32,
    pub output_growth_target_pct: f64,
    /// 上年同期 cumulative output to the quarter end, 亿元.
    pub prior_quarter_output: f64,
    pub value_added_growth_target_pct: Option<f64>,
}

/// One region's quarter target, from the region table of a 目标任务 sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionTarget {
    pub region: String,
    pub output_growth_target_pct: f64,
    /// The region's 上年同期 output to the quarter end, 亿元, when the sheet gives it.
    pub prior_quarter_output: Option<f64>,
}

/// Everything loaded, by role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Sources {
    pub enterprises: Vec<EnterpriseTable>,
    pub regions: Vec<RegionGrowthTable>,
    pub cities: Vec<CityGrowthTable>,
    pub targets: Option<Targets>,
    #[serde(default)]
    pub region_targets: Vec<RegionTarget>,
    pub warnings: Vec<Warning>,
    /// Sheets recognised as none of the roles, as (file, sheet).
    pub ignored: Vec<(String, String)>,
    /// 增加值率表 (docs/口径说明.md §六): the previous year's value-added rate by division.
    #[serde(default)]
    pub va_rates: Vec<VaRateTable>,
    /// 工业生产者出厂价格指数表 (PPI) by division.
    #[serde(default)]
    pub price_indices: Vec<PriceIndexTable>,
    /// The 工信局's own ledgers (包保, 停减产, 审核/查询, 拟入规).
    #[serde(default)]
    pub ledgers: super::Ledgers,
    /// County 区划代码 (six digits) → name, from every loaded table that pairs them: how
    /// an enterprise table that gives its regions only as codes is named.
    #[serde(default)]
    pub region_codes: std::collections::BTreeMap<String, String>,
}

/// The previous year's value-added rate (增加值 ÷ 工业总产值) by GB/T 4754 division.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VaRateTable {
    pub file: String,
    pub sheet: String,
    /// (two-digit division, rate as a fraction), in the sheet's order.
    pub rows: Vec<(String, f64)>,
    /// The 全部工业 / 合计 row: the rate for divisions the table lacks.
    pub all_industry: Option<f64>,
}

/// One division's producer price indices, 上年同期 = 100.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct PriceIndex {
    /// 当月 (上年同月 = 100).
    pub month: Option<f64>,
    /// 1-本月 (上年同期 = 100).
    pub cumulative: Option<f64>,
}

/// 工业生产者出厂价格指数 by division, for one period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PriceIndexTable {
    pub file: String,
    pub sheet: String,
    pub period: Option<super::Period>,
    /// (two-digit division, indices), in the sheet's order.
    pub rows: Vec<(String, PriceIndex)>,
    /// The 全部工业 / 工业 row.
    pub all_industry: Option<PriceIndex>,
}

/// One table recognised on a sheet, of whichever role; `Sources::add` files it.
#[derive(Debug, Clone, PartialEq)]
pub enum Table {
    Enterprises(Box<EnterpriseTable>),
    RegionGrowth(RegionGrowthTable),
    ProvinceGrowth(CityGrowthTable),
    Targets(Targets, Vec<RegionTarget>),
    VaRates(VaRateTable),
    PriceIndex(PriceIndexTable),
    Ledgers(super::Ledgers),
    /// (county 区划代码, name) pairs a table gave beside its own role's table.
    RegionCodes(Vec<(String, String)>),
}

impl Sources {
    /// The region value-added table describing `period`.
    pub fn region_table_for(&self, period: Option<Period>) -> Option<&RegionGrowthTable> {
        super::period::table_for_period(&self.regions, period, |t| t.period)
    }

    /// Files one table under its role (a later 目标任务 sheet replaces an earlier one).
    pub fn add(&mut self, table: Table) {
        match table {
            Table::Enterprises(t) => self.enterprises.push(*t),
            Table::RegionGrowth(t) => self.regions.push(t),
            Table::ProvinceGrowth(t) => self.cities.push(t),
            Table::Targets(t, regions) => {
                self.targets = Some(t);
                self.region_targets = regions;
            }
            Table::VaRates(t) => self.va_rates.push(t),
            Table::PriceIndex(t) => self.price_indices.push(t),
            Table::Ledgers(l) => self.ledgers.absorb(l),
            Table::RegionCodes(pairs) => self.region_codes.extend(pairs),
        }
    }

    /// Adds another file's tables, keeping load order (later targets win).
    pub fn absorb(&mut self, other: Sources) {
        self.enterprises.extend(other.enterprises);
        self.regions.extend(other.regions);
        self.cities.extend(other.cities);
        if other.targets.is_some() {
            self.targets = other.targets;
        }
        if !other.region_targets.is_empty() {
            self.region_targets = other.region_targets;
        }
        self.warnings.extend(other.warnings);
        self.ignored.extend(other.ignored);
        self.va_rates.extend(other.va_rates);
        self.price_indices.extend(other.price_indices);
        self.ledgers.absorb(other.ledgers);
        self.region_codes.extend(other.region_codes);
    }
}

/// `later − earlier` of two money figures in 亿元 (a month from two cumulatives), at
/// least 0. Differences of floats carry binary noise (0.3 − 0.1 ≠ 0.2); the files'
/// figures are whole units of at most 0.1 元, so a grid of 10⁻⁹ 亿元 keeps a flat month
/// flat.
pub fn money_difference(later: f64, earlier: f64) -> f64 {
    (((later - earlier) * 1e9).round() / 1e9).max(0.0)
}
