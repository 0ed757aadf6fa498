//! Subtotal rows no label tells: an industry's, a group's or a region's row ("计算机、通信
//! 和其他电子设备制造业", "规上工业企业", "某某集团有限公司") whose every money figure is
//! the sum of the enterprises right under it (or right above it). Counted as enterprises
//! they would double their block.

use crate::ingest::recognise::units::MoneyUnit;
use crate::model::{division_of_name, EnterpriseTable};

/// Rows summed at most, walking from a candidate: a block is a region's or an industry's.
const MAX_BLOCK: usize = 5_000;

/// One subtotal found by its figures.
pub struct Subtotal {
    pub index: usize,
    /// How many enterprises it sums.
    pub members: usize,
    /// Its label names a company: it may be a group's own row, or a real enterprise.
    pub company: bool,
}

/// The file's last digit, in 亿元: one unit of the finest decimal any money figure is
/// written to (whole 千元 give 10⁻⁵; 亿元 to four decimals give 10⁻⁴). Each figure is
/// rounded on its own, so a sum of n figures may differ from its total by n of these.
pub fn last_digit(table: &EnterpriseTable, unit: MoneyUnit) -> f64 {
    let to_yi = unit.to_yi();
    let mut decimals = 0;
    let columns = [
        &table.cum_output,
        &table.cum_output_prior,
        &table.month_output,
        &table.month_output_prior,
    ];
    // A few hundred rows say how the file writes its figures.
    for v in columns.iter().flat_map(|c| c.iter().take(500)) {
        let written = v / to_yi;
        while decimals < 6 {
            let scaled = written * 10f64.powi(decimals);
            if (scaled - scaled.round()).abs() <= 1e-6 * scaled.abs().max(1.0) {
                break;
            }
            decimals += 1;
        }
    }
    to_yi / 10f64.powi(decimals)
}

/// A label that names a company (a group's row can be one).
pub fn names_company(name: &str) -> bool {
    ["公司", "厂", "集团", "有限", "合作社"]
        .iter()
        .any(|w| name.contains(w))
}

/// The subtotal rows, in order. A block that is all the other rows is the table's total,
/// left to the total's own check, unless a labelled total stands elsewhere (`has_total`):
/// then the row is a group's or a region's that happens to cover the whole table.
/// `digit` is the file's rounding ([`last_digit`]).
pub fn find(table: &EnterpriseTable, digit: f64, has_total: bool) -> Vec<Subtotal> {
    let n = table.len();
    if n < 3 {
        return Vec::new();
    }
    let mut columns = vec![&table.cum_output, &table.cum_output_prior];
    if !table.cumulative_only {
        columns.extend([&table.month_output, &table.month_output_prior]);
    }
    // One unit of the file's last digit per row summed is rounding.
    let tolerance = |count: usize| digit * (count as f64 + 1.0);
    let mut found: Vec<Subtotal> = Vec::new();
    let mut taken = vec![false; n];
    for i in 0..n {
        let target = columns[0][i];
        if target <= 0.0 {
            continue;
        }
        let company = names_company(&table.names[i]);
        for down in [true, false] {
            let mut sums = vec![0.0; columns.len()];
            let mut count = 0;
            let mut j = i;
            loop {
                let next = if down {
                    j.checked_add(1)
                } else {
                    j.checked_sub(1)
                };
                match next.filter(|&k| k < n && !taken[k]) {
                    Some(k) if count < MAX_BLOCK => j = k,
                    _ => break,
                }
                for (s, c) in sums.iter_mut().zip(&columns) {
                    *s += c[j];
                }
                count += 1;
                if sums[0] >= target - tolerance(count) {
                    break;
                }
            }
            let equal = count > 0
                && sums
                    .iter()
                    .zip(&columns)
                    .all(|(s, c)| (s - c[i]).abs() <= tolerance(count));
            // A row equal to the one enterprise beside it is a duplicate, unless it names
            // an industry (a division of one enterprise).
            let block = count >= 2 || (!company && division_of_name(&table.names[i]).is_some());
            if equal && (count < n - 1 || has_total) && block {
                taken[i] = true;
                found.push(Subtotal {
                    index: i,
                    members: count,
                    company,
                });
                break;
            }
        }
    }
    found
}
