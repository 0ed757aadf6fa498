//! Filtering and sorting the enterprise table: plain data, no web types, so it is tested
//! natively and costs one pass over the rows per interaction.

use crate::analysis::{EnterpriseRow, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortColumn {
    Name,
    Region,
    Output,
    OutputPrior,
    Growth,
    Increment,
    Pull,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnterpriseQuery {
    /// Matches name or code, case-insensitively.
    pub search: String,
    pub region: Option<String>,
    pub division: Option<String>,
    pub status: Option<Status>,
    pub only_new: bool,
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
            sort: SortColumn::Output,
            descending: true,
        }
    }
}

/// What a search matches: name and code in lower case, built once per analysis so a
/// keystroke does not lower-case 20,000 names again.
pub fn search_keys(rows: &[EnterpriseRow]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            let mut key = r.name.to_lowercase();
            if let Some(code) = &r.code {
                // A separator no search text contains, so a match never spans both.
                key.push('\u{1}');
                key.push_str(&code.to_lowercase());
            }
            key
        })
        .collect()
}

impl EnterpriseQuery {
    /// Indices of the matching rows, in display order. Missing growth sorts last.
    pub fn apply(&self, rows: &[EnterpriseRow]) -> Vec<usize> {
        self.filter(rows, &self.order(rows), &search_keys(rows))
    }

    /// Every row's index in display order. It depends only on the sort, so the table
    /// keeps it while the filters change: filtering a stably sorted list gives what
    /// sorting the filtered rows would.
    pub fn order(&self, rows: &[EnterpriseRow]) -> Vec<usize> {
        let mut hits: Vec<usize> = (0..rows.len()).collect();
        let key = |r: &EnterpriseRow| -> Option<f64> {
            match self.sort {
                SortColumn::Output => Some(r.output),
                SortColumn::OutputPrior => Some(r.output_prior),
                SortColumn::Growth => r.output_growth_pct,
                SortColumn::Increment => Some(r.increment),
                SortColumn::Pull => r.pull_pp,
                SortColumn::Name | SortColumn::Region => None,
            }
        };
        match self.sort {
            SortColumn::Name => hits.sort_by(|&a, &b| rows[a].name.cmp(&rows[b].name)),
            SortColumn::Region => hits.sort_by(|&a, &b| {
                rows[a]
                    .region
                    .cmp(&rows[b].region)
                    .then_with(|| rows[b].output.total_cmp(&rows[a].output))
            }),
            _ => hits.sort_by(|&a, &b| match (key(&rows[a]), key(&rows[b])) {
                (Some(x), Some(y)) => {
                    if self.descending {
                        y.total_cmp(&x)
                    } else {
                        x.total_cmp(&y)
                    }
                }
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }),
        }
        if self.descending && matches!(self.sort, SortColumn::Name | SortColumn::Region) {
            hits.reverse();
        }
        hits
    }

    /// The rows of `order` that match the search and filters; `keys` from `search_keys`.
    pub fn filter(&self, rows: &[EnterpriseRow], order: &[usize], keys: &[String]) -> Vec<usize> {
        let needle = self.search.trim().to_lowercase();
        order
            .iter()
            .copied()
            .filter(|&i| {
                let r = &rows[i];
                (needle.is_empty() || keys.get(i).is_some_and(|k| k.contains(&needle)))
                    && self.region.as_ref().is_none_or(|x| &r.region == x)
                    && self
                        .division
                        .as_ref()
                        .is_none_or(|d| r.division.as_ref() == Some(d))
                    && self.status.is_none_or(|s| r.status == s)
                    && (!self.only_new || r.is_new)
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
