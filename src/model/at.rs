//! Where something was read: the one location type of warnings, ledger rows, ledger joins
//! and messages, so "file · sheet · cell" is written in one way everywhere.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A file, and where known a sheet and an A1 cell of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct At {
    pub file: String,
    pub sheet: Option<String>,
    pub cell: Option<String>,
}

impl At {
    /// A whole file.
    pub fn file(file: &str) -> Self {
        At {
            file: file.to_string(),
            ..At::default()
        }
    }

    /// A cell of a sheet.
    pub fn cell(file: &str, sheet: &str, cell: impl Into<String>) -> Self {
        At {
            file: file.to_string(),
            sheet: Some(sheet.to_string()),
            cell: Some(cell.into()),
        }
    }

    /// The sheet's name, or "" for a whole file.
    pub fn sheet_name(&self) -> &str {
        self.sheet.as_deref().unwrap_or_default()
    }

    /// The cell, or "" when the location is a sheet or a file.
    pub fn cell_name(&self) -> &str {
        self.cell.as_deref().unwrap_or_default()
    }
}

/// "file · sheet · cell", leaving out what is not known.
impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        for part in [&self.sheet, &self.cell].into_iter().flatten() {
            write!(f, " · {part}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::At;

    #[test]
    fn says_what_it_knows() {
        assert_eq!(
            At::cell("a.xlsx", "表1", "B7").to_string(),
            "a.xlsx · 表1 · B7"
        );
        assert_eq!(At::file("a.csv").to_string(), "a.csv");
        let sheet = At {
            sheet: Some("表1".into()),
            ..At::file("a.xlsx")
        };
        assert_eq!(sheet.to_string(), "a.xlsx · 表1");
        assert_eq!(sheet.cell_name(), "");
    }
}
