//! Filtering and sorting the enterprise table: plain data, no web types, so it is tested
//! natively and costs one pass over the rows per interaction.

use crate::analysis::{EnterpriseRow, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortColumn {
    Name,
    Region,
    Output,
    OutputPrior,
    Growth,
    Increment,
    Pull,
}

impl SortColumn {
    /// The number a row sorts by in this column; `None` for the text columns and for a
    /// row without the value.
    pub fn numeric_key(self, r: &EnterpriseRow) -> Option<f64> {
        match self {
            SortColumn::Output => Some(r.output),
            SortColumn::OutputPrior => Some(r.output_prior),
            SortColumn::Growth => r.output_growth_pct,
            SortColumn::Increment => Some(r.increment),
            SortColumn::Pull => r.pull_pp,
            SortColumn::Name | SortColumn::Region => None,
        }
    }

    pub const ALL: [SortColumn; 7] = [
        SortColumn::Output,
        SortColumn::Growth,
        SortColumn::Increment,
        SortColumn::Pull,
        SortColumn::OutputPrior,
        SortColumn::Name,
        SortColumn::Region,
    ];
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnterpriseQuery {
    /// Matches name or code, case-insensitively.
    pub search: String,
    pub region: Option<String>,
    pub division: Option<String>,
    pub status: Option<Status>,
    pub only_new: bool,
    /// Only these rows (sorted indices): a ledger's leader, reason or untracked list.
    pub only: Option<std::sync::Arc<Vec<usize>>>,
    pub sort: SortColumn,
    pub descending: bool,
}

impl Default for EnterpriseQuery {
    fn default() -> Self {
        EnterpriseQuery {
            search: String::new(),
            region: None,
            division: None,
            status: None,
            only_new: false,
            only: None,
            sort: SortColumn::Output,
            descending: true,
        }
    }
}

/// The rows reduced to what a filter reads, built once per analysis: a filter then scans
/// a few small arrays in display order instead of jumping between 20,000 row structs
/// (comparing each row's region name was 2 ms of a region filter in a profile).
#[derive(Debug, Default)]
pub struct RowIndex {
    /// Every row's name and code in lower case, each key followed by a NUL, which no
    /// typed search contains: a search is one scan of this buffer, not one per row.
    text: Vec<u8>,
    /// Where each row's key starts in `text`.
    starts: Vec<usize>,
    /// Each row's region and division as a number, indexing the lists below.
    region: Vec<u32>,
    division: Vec<u32>,
    regions: Vec<String>,
    divisions: Vec<Option<String>>,
    status: Vec<Status>,
    is_new: Vec<bool>,
}

/// The number of `value` in `list`, added if new. Lists hold a few hundred regions at most.
fn intern<T: PartialEq>(list: &mut Vec<T>, value: T) -> u32 {
    let id = list.iter().position(|v| *v == value).unwrap_or_else(|| {
        list.push(value);
        list.len() - 1
    });
    id as u32
}

/// The number of `value` in `list`; a value the rows do not have matches no row
/// (`u32::MAX` is no row's number).
fn number_in<T: PartialEq>(list: &[T], value: &T) -> u32 {
    list.iter()
        .position(|v| v == value)
        .map_or(u32::MAX, |i| i as u32)
}

impl RowIndex {
    pub fn new(rows: &[EnterpriseRow]) -> Self {
        let mut index = RowIndex {
            text: Vec::with_capacity(rows.len() * 48),
            starts: Vec::with_capacity(rows.len()),
            region: Vec::with_capacity(rows.len()),
            division: Vec::with_capacity(rows.len()),
            status: rows.iter().map(|r| r.status).collect(),
            is_new: rows.iter().map(|r| r.is_new).collect(),
            ..Default::default()
        };
        for r in rows {
            index.starts.push(index.text.len());
            let mut key = r.name.to_lowercase();
            if let Some(code) = &r.code {
                // A separator no search text contains, so a match never spans both.
                key.push('\u{1}');
                key.push_str(&code.to_lowercase());
            }
            if key.contains('\0') {
                key.retain(|c| c != '\0');
            }
            index.text.extend_from_slice(key.as_bytes());
            index.text.push(0);
            // Rows come grouped by region, so the last one is the likely match.
            let region = match index.regions.last() {
                Some(last) if **last == *r.region => index.regions.len() as u32 - 1,
                _ => intern(&mut index.regions, r.region.to_string()),
            };
            index.region.push(region);
            let division = intern(&mut index.divisions, r.division.clone());
            index.division.push(division);
        }
        index
    }

    /// For each row, whether its key contains `needle` (lower case, not empty).
    pub fn matches(&self, needle: &str) -> Vec<bool> {
        let mut hit = vec![false; self.starts.len()];
        if needle.contains('\0') {
            return hit;
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let mut pos = 0;
        while let Some(found) = self.text.get(pos..).and_then(|rest| finder.find(rest)) {
            let row = self.starts.partition_point(|&s| s <= pos + found) - 1;
            hit[row] = true;
            // The row matches; its key need not be searched further.
            pos = self.starts.get(row + 1).copied().unwrap_or(self.text.len());
        }
        hit
    }
}

/// `f64::total_cmp`'s order as an unsigned integer: negative numbers have every bit
/// flipped, the others only the sign bit.
fn total_order_bits(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

impl EnterpriseQuery {
    /// Indices of the matching rows, in display order. Missing growth sorts last.
    pub fn apply(&self, rows: &[EnterpriseRow]) -> Vec<usize> {
        self.filter(&self.order(rows), &RowIndex::new(rows))
    }

    /// Every row's index in display order. It depends only on the sort, so the table
    /// keeps it while the filters change: filtering a stably sorted list gives what
    /// sorting the filtered rows would.
    pub fn order(&self, rows: &[EnterpriseRow]) -> Vec<usize> {
        // Each row's key is read once into a compact vector and sorted there: comparing
        // through the 20,000 row structs themselves cost most of a 14 ms sort in a
        // profile. Ties are broken by index, so the unstable sort gives what a stable
        // sort would.
        let mut hits: Vec<usize> = match self.sort {
            SortColumn::Name => {
                let mut keyed: Vec<(&str, usize)> = rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r.name.as_str(), i))
                    .collect();
                keyed.sort_unstable();
                keyed.into_iter().map(|(_, i)| i).collect()
            }
            SortColumn::Region => {
                let mut keyed: Vec<(&str, f64, usize)> = rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (&*r.region, r.output, i))
                    .collect();
                // Within a region, the largest output first.
                keyed.sort_unstable_by(|a, b| {
                    a.0.cmp(b.0)
                        .then_with(|| b.1.total_cmp(&a.1))
                        .then(a.2.cmp(&b.2))
                });
                keyed.into_iter().map(|(_, _, i)| i).collect()
            }
            _ => {
                // Rows without a key go last in either direction, in their own order.
                let mut missing = Vec::new();
                let mut keyed: Vec<(u64, usize)> = Vec::with_capacity(rows.len());
                for (i, r) in rows.iter().enumerate() {
                    match self.sort.numeric_key(r) {
                        Some(k) => {
                            let k = total_order_bits(k);
                            keyed.push((if self.descending { !k } else { k }, i));
                        }
                        None => missing.push(i),
                    }
                }
                // Plain integer pairs: the sort needs no comparison closure.
                keyed.sort_unstable();
                keyed.into_iter().map(|(_, i)| i).chain(missing).collect()
            }
        };
        if self.descending && matches!(self.sort, SortColumn::Name | SortColumn::Region) {
            hits.reverse();
        }
        hits
    }

    /// No search text and no filter: every row shows.
    pub fn is_unfiltered(&self) -> bool {
        self.search.trim().is_empty()
            && self.region.is_none()
            && self.division.is_none()
            && self.status.is_none()
            && !self.only_new
            && self.only.is_none()
    }

    /// The rows of `order` that match the search and filters, `index` built from the rows
    /// `order` sorts.
    pub fn filter(&self, order: &[usize], index: &RowIndex) -> Vec<usize> {
        if self.is_unfiltered() {
            return order.to_vec();
        }
        let needle = self.search.trim().to_lowercase();
        let matched = (!needle.is_empty()).then(|| index.matches(&needle));
        let region = self
            .region
            .as_ref()
            .map(|name| number_in(&index.regions, name));
        let division = self
            .division
            .as_ref()
            .map(|code| number_in(&index.divisions, &Some(code.clone())));
        order
            .iter()
            .copied()
            .filter(|&i| {
                // `get`: an index of other rows (a bug) shows fewer rows, never panics.
                matched.as_ref().is_none_or(|m| m.get(i) == Some(&true))
                    && region.is_none_or(|id| index.region.get(i) == Some(&id))
                    && division.is_none_or(|id| index.division.get(i) == Some(&id))
                    && self.status.is_none_or(|s| index.status.get(i) == Some(&s))
                    && (!self.only_new || index.is_new.get(i) == Some(&true))
                    && self
                        .only
                        .as_ref()
                        .is_none_or(|o| o.binary_search(&i).is_ok())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, region: &str, output: f64, prior: f64, status: Status) -> EnterpriseRow {
        EnterpriseRow {
            name: name.into(),
            code: Some(format!("CODE-{name}")),
            region: region.into(),
            division: Some("34".into()),
            division_name: None,
            output,
            output_prior: prior,
            output_growth_pct: (prior > 0.0).then(|| (output / prior - 1.0) * 100.0),
            increment: output - prior,
            pull_pp: None,
            month_output: output,
            month_output_prior: prior,
            status,
            is_new: prior == 0.0,
            forecast_next_month: None,
        }
    }

    #[test]
    fn filters_and_sorts() {
        let rows = vec![
            row("甲机械", "城东区", 10.0, 8.0, Status::Increased),
            row("乙食品", "河西县", 30.0, 40.0, Status::Reduced),
            row("丙新材", "城东区", 5.0, 0.0, Status::Increased),
        ];
        let q = EnterpriseQuery::default();
        assert_eq!(q.apply(&rows), vec![1, 0, 2]);
        let q = EnterpriseQuery {
            region: Some("城东区".into()),
            ..Default::default()
        };
        assert_eq!(q.apply(&rows), vec![0, 2]);
        let q = EnterpriseQuery {
            search: "code-乙".into(),
            ..Default::default()
        };
        assert_eq!(q.apply(&rows), vec![1]);
        let q = EnterpriseQuery {
            sort: SortColumn::Growth,
            ..Default::default()
        };
        assert_eq!(q.apply(&rows), vec![0, 1, 2], "no growth (new) sorts last");
        let q = EnterpriseQuery {
            sort: SortColumn::Increment,
            descending: false,
            ..Default::default()
        };
        assert_eq!(q.apply(&rows), vec![1, 0, 2]);
        let q = EnterpriseQuery {
            only_new: true,
            ..Default::default()
        };
        assert_eq!(q.apply(&rows), vec![2]);
        let q = EnterpriseQuery {
            status: Some(Status::Reduced),
            ..Default::default()
        };
        assert_eq!(q.apply(&rows), vec![1]);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// What `order` must equal: a stable sort of the indices, written the plain way.
    fn reference(q: &EnterpriseQuery, rows: &[EnterpriseRow]) -> Vec<usize> {
        let key = |r: &EnterpriseRow| q.sort.numeric_key(r);
        let mut hits: Vec<usize> = (0..rows.len()).collect();
        match q.sort {
            SortColumn::Name => hits.sort_by(|&a, &b| rows[a].name.cmp(&rows[b].name)),
            SortColumn::Region => hits.sort_by(|&a, &b| {
                rows[a]
                    .region
                    .cmp(&rows[b].region)
                    .then_with(|| rows[b].output.total_cmp(&rows[a].output))
            }),
            _ => hits.sort_by(|&a, &b| match (key(&rows[a]), key(&rows[b])) {
                (Some(x), Some(y)) if q.descending => y.total_cmp(&x),
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }),
        }
        if q.descending && matches!(q.sort, SortColumn::Name | SortColumn::Region) {
            hits.reverse();
        }
        hits
    }

    fn rows() -> impl Strategy<Value = Vec<EnterpriseRow>> {
        // Few distinct values, so ties (which the order must keep stable) are common, and
        // the edges of `total_cmp`'s order: signed zeros and NaNs, infinities.
        let value = prop_oneof![
            Just(0.0),
            Just(-0.0),
            Just(1.5),
            Just(-2.0),
            Just(7.0),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(f64::NAN),
            Just(-f64::NAN),
            Just(f64::MIN_POSITIVE),
        ];
        let row = (
            prop::sample::select(vec!["甲", "乙", "丙", "a", "A"]),
            prop::sample::select(vec!["城东区", "河西县", "北区"]),
            value.clone(),
            value.clone(),
            prop::option::of(value.clone()),
            prop::option::of(value),
            prop::option::of(prop::sample::select(vec!["13", "34"])),
            prop::sample::select(vec![
                Status::Stopped,
                Status::Reduced,
                Status::Increased,
                Status::Flat,
            ]),
            any::<bool>(),
        );
        prop::collection::vec(row, 0..40).prop_map(|rows| {
            rows.into_iter()
                .map(
                    |(name, region, output, prior, growth, pull, division, status, is_new)| {
                        EnterpriseRow {
                            name: name.into(),
                            code: None,
                            region: region.into(),
                            division: division.map(String::from),
                            division_name: None,
                            output,
                            output_prior: prior,
                            output_growth_pct: growth,
                            increment: output - prior,
                            pull_pp: pull,
                            month_output: output,
                            month_output_prior: prior,
                            status,
                            is_new,
                            forecast_next_month: None,
                        }
                    },
                )
                .collect()
        })
    }

    proptest! {
        #[test]
        fn search_finds_what_contains_finds(
            names in prop::collection::vec("[甲乙a-cA-C\u{0}\n]{0,6}", 0..30),
            codes in prop::collection::vec(prop::option::of("[0-9a-cA-C]{0,4}"), 30),
            needle in "[甲乙a-cA-C0-9\u{1}]{1,3}",
        ) {
            let rows: Vec<EnterpriseRow> = names.iter().zip(&codes).map(|(name, code)| EnterpriseRow {
                name: name.clone(),
                code: code.clone(),
                region: "".into(),
                division: None,
                division_name: None,
                output: 0.0,
                output_prior: 0.0,
                output_growth_pct: None,
                increment: 0.0,
                pull_pp: None,
                month_output: 0.0,
                month_output_prior: 0.0,
                status: Status::Flat,
                is_new: false,
                forecast_next_month: None,
            }).collect();
            let needle = needle.to_lowercase();
            let expected: Vec<bool> = rows.iter().map(|r| {
                let mut key = r.name.to_lowercase().replace('\0', "");
                if let Some(code) = &r.code {
                    key.push('\u{1}');
                    key.push_str(&code.to_lowercase());
                }
                key.contains(&needle)
            }).collect();
            prop_assert_eq!(RowIndex::new(&rows).matches(&needle), expected);
        }

        #[test]
        fn order_is_the_stable_sort(rows in rows(), column in 0usize..7, descending: bool) {
            let sort = [
                SortColumn::Name,
                SortColumn::Region,
                SortColumn::Output,
                SortColumn::OutputPrior,
                SortColumn::Growth,
                SortColumn::Increment,
                SortColumn::Pull,
            ][column];
            let q = EnterpriseQuery { sort, descending, ..Default::default() };
            prop_assert_eq!(q.order(&rows), reference(&q, &rows));
        }

        #[test]
        fn filter_keeps_the_rows_that_match(
            rows in rows(),
            region in prop::option::of(prop::sample::select(vec!["城东区", "北区", "不存在"])),
            division in prop::option::of(prop::sample::select(vec!["13", "34", "99"])),
            status in prop::option::of(prop::sample::select(vec![Status::Stopped, Status::Flat])),
            only_new: bool,
            search in prop::sample::select(vec!["", "甲", "a", " A "]),
        ) {
            let q = EnterpriseQuery {
                search: search.into(),
                region: region.map(String::from),
                division: division.map(String::from),
                status,
                only_new,
                ..Default::default()
            };
            let order = q.order(&rows);
            let needle = search.trim().to_lowercase();
            let expected: Vec<usize> = order.iter().copied().filter(|&i| {
                let r = &rows[i];
                r.name.to_lowercase().contains(&needle)
                    && q.region.as_ref().is_none_or(|x| *r.region == **x)
                    && q.division.as_ref().is_none_or(|d| r.division.as_ref() == Some(d))
                    && q.status.is_none_or(|s| r.status == s)
                    && (!q.only_new || r.is_new)
            }).collect();
            prop_assert_eq!(q.filter(&order, &RowIndex::new(&rows)), expected);
        }
    }
}
