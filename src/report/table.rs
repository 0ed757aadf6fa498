//! The shape every report table has — columns with their headers, rows of typed cells —
//! in one place, so the tables (`tables.rs`, `ledger_tables.rs`) and the exports that
//! render them share it without importing one another.

/// One cell. Numbers keep their full value; `decimals` is how the report displays them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Count(usize),
    /// `None` is a figure that cannot be computed (no base): shown as "—".
    Number {
        value: Option<f64>,
        decimals: usize,
    },
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }
    /// 亿元, 百分比 or 百分点 with one decimal.
    pub fn one(value: Option<f64>) -> Value {
        Value::Number { value, decimals: 1 }
    }
    pub fn fixed(value: f64, decimals: usize) -> Value {
        Value::Number {
            value: Some(value),
            decimals,
        }
    }
    /// The number behind a figure, for its sign (the page colours 升 and 降).
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number { value, .. } => *value,
            _ => None,
        }
    }
    /// What a reader sees: "217.5", "—", "42".
    pub fn display(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Count(n) => n.to_string(),
            Value::Number { value, decimals } => {
                value.map_or("—".into(), |v| super::format::fixed(v, *decimals))
            }
        }
    }
}

/// What a column holds, for the page to find it (sort, colour, test ids) without relying
/// on its position; `None` for the columns only spreadsheets show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnKey {
    None,
    Name,
    Code,
    Region,
    Industry,
    Group,
    Rank,
    Enterprises,
    Output,
    OutputPrior,
    OutputGrowth,
    Contribution,
    Pull,
    VaGrowth,
    Increment,
    MonthOutput,
    MonthOutputPrior,
    Status,
    New,
    Kind,
    Rate,
    PriceIndex,
    Growth,
    Official,
    Calibration,
    /// Cumulative growth's change since the previous loaded period, 百分点.
    GrowthSince,
}

impl ColumnKey {
    /// The key as the page's `data-key` and test ids write it.
    pub fn id(self) -> &'static str {
        match self {
            ColumnKey::None => "",
            ColumnKey::Name => "name",
            ColumnKey::Code => "code",
            ColumnKey::Region => "region",
            ColumnKey::Industry => "industry",
            ColumnKey::Group => "group",
            ColumnKey::Rank => "rank",
            ColumnKey::Enterprises => "enterprises",
            ColumnKey::Output => "output",
            ColumnKey::OutputPrior => "output-prior",
            ColumnKey::OutputGrowth => "output-growth",
            ColumnKey::Contribution => "contribution",
            ColumnKey::Pull => "pull",
            ColumnKey::VaGrowth => "va-growth",
            ColumnKey::Increment => "increment",
            ColumnKey::MonthOutput => "month-output",
            ColumnKey::MonthOutputPrior => "month-output-prior",
            ColumnKey::Status => "status",
            ColumnKey::New => "new",
            ColumnKey::Kind => "kind",
            ColumnKey::Rate => "rate",
            ColumnKey::PriceIndex => "price-index",
            ColumnKey::Growth => "growth",
            ColumnKey::Official => "official",
            ColumnKey::Calibration => "calibration",
            ColumnKey::GrowthSince => "growth-since",
        }
    }
}

/// A column: its header and a width in characters for spreadsheets; for the tables the
/// page shows too, a stable key (the page's test ids and sort columns) and whether its
/// figures are signed changes (coloured 升/降 on the page).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub header: &'static str,
    pub width: f64,
    pub key: ColumnKey,
    pub signed: bool,
}

pub(super) const fn col(header: &'static str, width: f64) -> Column {
    Column {
        header,
        width,
        key: ColumnKey::None,
        signed: false,
    }
}

pub(super) const fn keyed(key: ColumnKey, header: &'static str, width: f64) -> Column {
    Column {
        header,
        width,
        key,
        signed: false,
    }
}

/// A column of changes: growth, pull, increment.
pub(super) const fn signed(key: ColumnKey, header: &'static str, width: f64) -> Column {
    Column {
        header,
        width,
        key,
        signed: true,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's name in the workbook export.
    pub name: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// The position of the column holding `key`, if the table has one.
    pub fn column(&self, key: ColumnKey) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }
}
