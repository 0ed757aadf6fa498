//! Region cells as written → the names analysis uses: the user's names first, then the
//! short standard name; a 区划代码 stays a code until the user or analysis names it.

use crate::ingest::diag::Warning;
use crate::model::normalize_region_name;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

pub struct RegionNames<'a> {
    given: &'a BTreeMap<String, String>,
    /// Each name as written, with the name it is read as; a table has a few dozen.
    read: FxHashMap<String, String>,
    /// Names shortened to the standard form ("青山区人民政府" → …), for a 说明.
    renamed: Vec<(String, String)>,
}

impl<'a> RegionNames<'a> {
    pub fn new(given: &'a BTreeMap<String, String>) -> Self {
        RegionNames {
            given,
            read: FxHashMap::default(),
            renamed: Vec::new(),
        }
    }

    pub fn name(&mut self, written: String) -> String {
        if let Some(read) = self.read.get(&written) {
            return read.clone();
        }
        let read = self
            .given
            .get(&written)
            .cloned()
            .unwrap_or_else(|| normalize_region_name(&written));
        let read = match region_code(&read) {
            // A 12-digit 统计用区划代码 is a village's: its county is the first six.
            // Left as the code when the user named none: analysis names it from any
            // loaded table that pairs codes with names, else warns.
            Some(code) => self
                .given
                .get(code)
                .cloned()
                .unwrap_or_else(|| code.to_string()),
            None => read,
        };
        if read != written && !self.given.contains_key(&written) && region_code(&read).is_none() {
            self.renamed.push((written.clone(), read.clone()));
        }
        self.read.insert(written, read.clone());
        read
    }

    /// One region written two ways in one table ("青山" and "青山区"): the bare name is
    /// read as the one full name it matches, so the region is not split in two. A bare
    /// name two full names match ("青山区", "青山县") is left as written.
    pub fn unify(&mut self, regions: &mut [String]) {
        let mut names: Vec<&str> = self.read.values().map(String::as_str).collect();
        names.sort_unstable();
        names.dedup();
        let full = |c: char| matches!(c, '区' | '县' | '市' | '旗');
        let renames: Vec<(String, String)> = names
            .iter()
            .filter(|n| !n.ends_with(full) && region_code(n).is_none() && !n.is_empty())
            .filter_map(|bare| {
                let mut matches = names.iter().filter(|full_name| {
                    full_name.ends_with(full)
                        && full_name.chars().count() == bare.chars().count() + 1
                        && full_name.starts_with(*bare)
                });
                match (matches.next(), matches.next()) {
                    (Some(one), None) => Some((bare.to_string(), one.to_string())),
                    _ => None,
                }
            })
            .collect();
        for (bare, full_name) in renames {
            for read in self.read.values_mut().filter(|r| **r == bare) {
                *read = full_name.clone();
            }
            for region in regions.iter_mut().filter(|r| **r == bare) {
                *region = full_name.clone();
            }
            self.renamed.retain(|(_, to)| *to != bare);
            self.renamed.push((bare, full_name));
        }
    }

    /// The 说明 for names shortened; returns each
    /// name as written with the name it was read as, sorted.
    pub fn report(
        self,
        at: impl Fn(Option<String>, String) -> Warning,
        cell: Option<String>,
        warnings: &mut Vec<Warning>,
    ) -> Vec<(String, String)> {
        if !self.renamed.is_empty() {
            let pairs: Vec<String> = self
                .renamed
                .iter()
                .map(|(from, to)| format!("{}→{to}", from.trim()))
                .collect();
            warnings.push(
                at(
                    cell,
                    format!(
                        "县区名称已规范为简称（与县区增加值表和讲话稿一致）：{}",
                        crate::model::warning::listed(&pairs)
                    ),
                )
                .info(),
            );
        }
        let mut pairs: Vec<(String, String)> = self.read.into_iter().collect();
        pairs.sort();
        pairs
    }
}

/// A region written as a code: a 6-digit 行政区划代码, or a 12-digit 统计用区划代码 whose
/// first six digits are its county's. Returns the county's six digits.
pub fn region_code(read: &str) -> Option<&str> {
    let all_digits = !read.is_empty() && read.bytes().all(|b| b.is_ascii_digit());
    (all_digits && (read.len() == 6 || read.len() == 12)).then(|| &read[..6])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_written_two_ways_is_one_region() {
        let given = BTreeMap::new();
        let mut names = RegionNames::new(&given);
        let mut regions: Vec<String> = ["青山区", "青山", "城东区", "河西", "河西县", "河西区"]
            .iter()
            .map(|w| names.name(w.to_string()))
            .collect();
        names.unify(&mut regions);
        // "河西" matches two full names: left as written.
        assert_eq!(
            regions,
            ["青山区", "青山区", "城东区", "河西", "河西县", "河西区"]
        );
    }
}
