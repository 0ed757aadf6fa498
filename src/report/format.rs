//! The report conventions on the display rounding (`model::decimal::fixed`, 四舍五入 on
//! the decimal value): 亿元 and rates with one decimal, "—" for what cannot be computed.

pub use crate::model::decimal::fixed;

/// 亿元 with one decimal: "217.5".
pub fn yi(value: f64) -> String {
    fixed(value, 1)
}

/// A percentage or percentage points with one decimal, "—" when missing.
pub fn pct(value: Option<f64>) -> String {
    value.map_or("—".into(), |v| fixed(v, 1))
}
