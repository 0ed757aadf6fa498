//! A structural check of compound files (xls, WPS et) before calamine reads them.
//!
//! calamine follows sector chains without bounding them: a chain that loops makes it
//! allocate until memory runs out, and a sector number past the allocation table makes
//! it index out of bounds (found by `make fuzz`). In the browser either kills the tab, so
//! every chain calamine will follow is walked here first, with bounds.

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const MINI_CUTOFF: u64 = 4096;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

struct File<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    sectors: usize,
}

impl File<'_> {
    /// Sector `id`; the last one may be cut short by the end of the file.
    fn sector(&self, id: u32) -> Result<&[u8], String> {
        let start = (id as usize + 1)
            .checked_mul(self.sector_size)
            .ok_or("扇区编号溢出")?;
        if start >= self.bytes.len() {
            return Err(format!("扇区 {id} 超出文件末尾"));
        }
        Ok(&self.bytes[start..self.bytes.len().min(start + self.sector_size)])
    }

    /// Follows a chain through `table` for at most `need` links (calamine stops reading a
    /// stream once it has its length), refusing loops and numbers past the table.
    fn chain(
        &self,
        start: u32,
        table: &[u32],
        limit: usize,
        need: usize,
    ) -> Result<Vec<u32>, String> {
        let mut ids = Vec::new();
        let mut id = start;
        while id != ENDOFCHAIN && ids.len() < need {
            if id >= RESERVED || id as usize >= table.len() {
                return Err(format!("扇区链指向无效位置 {id:#x}"));
            }
            if ids.len() >= limit {
                return Err("扇区链循环或过长".into());
            }
            ids.push(id);
            id = table[id as usize];
        }
        Ok(ids)
    }
}

/// `Ok` when every chain calamine follows ends properly; else why not.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    if bytes.len() < 512 {
        return Err("文件头不完整".into());
    }
    let shift = u16_at(bytes, 30).ok_or("文件头不完整")?;
    if shift != 9 && shift != 12 {
        return Err(format!("扇区大小无效（2^{shift}）"));
    }
    let sector_size = 1usize << shift;
    let file = File {
        bytes,
        sector_size,
        sectors: bytes.len().div_ceil(sector_size),
    };
    let bound = file.sectors + 1;

    // The allocation table's sectors: 109 in the header, the rest in the DIFAT chain.
    let mut fat_sectors: Vec<u32> = u32s(&bytes[76..512]).collect();
    let mut difat = u32_at(bytes, 68).ok_or("文件头不完整")?;
    let mut steps = 0;
    while difat < RESERVED {
        steps += 1;
        if steps > bound {
            return Err("DIFAT 链循环或过长".into());
        }
        let sector = file.sector(difat)?;
        let entries: Vec<u32> = u32s(sector).collect();
        let (next, rest) = entries.split_last().ok_or("DIFAT 扇区为空")?;
        fat_sectors.extend_from_slice(rest);
        difat = *next;
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in fat_sectors.into_iter().filter(|&id| id < RESERVED) {
        if fat.len() > file.sectors * sector_size {
            return Err("分配表过大".into());
        }
        fat.extend(u32s(file.sector(id)?));
    }

    let dir_start = u32_at(bytes, 48).ok_or("文件头不完整")?;
    let dir_ids = file.chain(dir_start, &fat, bound, usize::MAX)?;
    let mut entries = Vec::new();
    for id in dir_ids {
        entries.extend_from_slice(file.sector(id)?);
    }
    let minifat_start = u32_at(bytes, 60).ok_or("文件头不完整")?;
    let minifat_len = u32_at(bytes, 64).ok_or("文件头不完整")?;
    let minifat: Vec<u32> = if minifat_len > 0 {
        let mut table = Vec::new();
        for id in file.chain(minifat_start, &fat, bound, minifat_len as usize)? {
            table.extend(u32s(file.sector(id)?));
        }
        table
    } else {
        Vec::new()
    };
    for (i, entry) in entries.chunks_exact(128).enumerate() {
        let kind = entry[66];
        if kind != 2 && kind != 5 {
            continue;
        }
        let start = u32_at(entry, 116).unwrap_or(ENDOFCHAIN);
        let size = u32_at(entry, 120).unwrap_or(0) as u64;
        if start == ENDOFCHAIN || (size == 0 && kind == 2) {
            continue;
        }
        if kind == 5 || size >= MINI_CUTOFF {
            file.chain(start, &fat, bound, (size as usize).div_ceil(sector_size))?;
        } else if !minifat.is_empty() {
            file.chain(
                start,
                &minifat,
                minifat.len() + 1,
                (size as usize).div_ceil(64),
            )
            .map_err(|e| format!("目录项 {i}：{e}"))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn real_xls_passes_and_a_looping_directory_chain_fails() {
        let good = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/bureau-layout.xls"
        ))
        .unwrap();
        assert_eq!(check(&good), Ok(()));
        // Point the directory chain at itself: FAT entry of the directory sector = itself.
        let mut bad = good.clone();
        let dir_start = u32::from_le_bytes(bad[48..52].try_into().unwrap());
        let fat_sector = u32::from_le_bytes(bad[76..80].try_into().unwrap());
        let at = (fat_sector as usize + 1) * 512 + dir_start as usize * 4;
        bad[at..at + 4].copy_from_slice(&dir_start.to_le_bytes());
        assert!(check(&bad).is_err());
    }
}
