//! The enterprise fields' columns of one sheet, looked up once: the row reader asks
//! for them on each of a province's rows.

use crate::ingest::recognise::fields::{Field, Mapping};

#[derive(Debug, Clone, Copy)]
pub struct Columns([Option<usize>; Field::ALL.len()]);

impl Columns {
    pub fn of(mapping: &Mapping) -> Self {
        let mut columns = [None; Field::ALL.len()];
        for f in Field::ALL {
            columns[f as usize] = mapping.column(f);
        }
        Columns(columns)
    }

    pub fn get(&self, f: Field) -> Option<usize> {
        self.0[f as usize]
    }

    /// The region's column: its names, else (without them) its codes.
    pub fn region(&self) -> Option<usize> {
        self.get(Field::Region).or(self.get(Field::RegionCode))
    }

    /// Without 本月 columns the month is the cumulative span (1-2月 is one reporting
    /// period); for a later month analysis derives it from the previous period's table.
    pub fn cumulative_only(&self) -> bool {
        self.get(Field::MonthOutput).is_none() && self.get(Field::MonthOutputPrior).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_indexes_its_own_slot() {
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i, "{f:?}");
        }
    }
}
