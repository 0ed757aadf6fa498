//! Turning the analysis into what people read: numbers in Chinese report conventions,
//! and (later) the briefing and exports.

pub mod briefing;
pub mod csv;
pub mod format;
pub mod summary;
