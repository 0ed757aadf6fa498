//! Cells an .xlsb keeps in its "short" records (BrtShortRk, BrtShortReal, BrtShortSt,
//! BrtShortIsst…: the column implied by the cell before), which some programs write and
//! calamine skips. Counted so that a sheet read without them is never taken as whole.

use std::io::{Cursor, Read};

/// Record types of the short cells (MS-XLSB 2.4.*): blank, RK, error, bool, real, string,
/// shared string.
const SHORT_CELLS: std::ops::RangeInclusive<u32> = 12..=18;
/// BrtShortBlank holds no value: its absence loses nothing.
const SHORT_BLANK: u32 = 12;
/// A worksheet part larger than this is not scanned (the reader bounds it anyway).
const MAX_PART: u64 = 256 * 1024 * 1024;

/// How many valued cells the workbook's worksheets hold in short records.
pub fn short_cells(bytes: &[u8]) -> usize {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return 0;
    };
    let mut count = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else {
            continue;
        };
        let Ok(name) = entry.name().map(|n| n.to_ascii_lowercase()) else {
            continue;
        };
        if !(name.starts_with("xl/worksheets/") && name.ends_with(".bin"))
            || entry.size() > MAX_PART
        {
            continue;
        }
        let mut part = Vec::new();
        if entry.take(MAX_PART).read_to_end(&mut part).is_err() {
            continue;
        }
        count += count_in(&part);
    }
    count
}

/// Walks the records of one worksheet part: a type and a size, each a little-endian
/// base-128 number (type at most two bytes, size at most four).
fn count_in(part: &[u8]) -> usize {
    let mut at = 0;
    let mut count = 0;
    let varint = |at: &mut usize, max: usize| -> Option<u32> {
        let mut value = 0u32;
        for k in 0..max {
            let b = *part.get(*at)?;
            *at += 1;
            value |= u32::from(b & 0x7f) << (7 * k);
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        Some(value)
    };
    while at < part.len() {
        let (Some(kind), Some(size)) = (varint(&mut at, 2), varint(&mut at, 4)) else {
            break;
        };
        if SHORT_CELLS.contains(&kind) && kind != SHORT_BLANK {
            count += 1;
        }
        at = at.saturating_add(size as usize);
    }
    count
}

#[cfg(test)]
mod tests {
    use super::count_in;

    #[test]
    fn short_records_are_counted_and_others_passed_over() {
        // BrtRowHdr (0, size 3), BrtCellReal (5, size 16), BrtShortReal (16, size 12),
        // BrtShortBlank (12, size 4), BrtShortIsst (18, size 8).
        let mut part = vec![0x00, 0x03, 1, 2, 3];
        part.extend([0x05, 0x10]);
        part.extend([0u8; 16]);
        part.extend([0x10, 0x0c]);
        part.extend([0u8; 12]);
        part.extend([0x0c, 0x04, 0, 0, 0, 0]);
        part.extend([0x12, 0x08]);
        part.extend([0u8; 8]);
        assert_eq!(count_in(&part), 2);
        // A truncated record ends the walk.
        assert_eq!(count_in(&[0x12, 0x08, 0]), 1);
    }
}
