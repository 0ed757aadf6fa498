//! Joining a ledger row to the analysed enterprise table (contract → Extensions → ledgers):
//! by 统一社会信用代码, else by 组织机构代码 (a USCC's characters 9–17, with or without the
//! dash), else by the normalised name; else by the user's own choice for that name. A row
//! that joins nothing gets the likely reason and the closest names.

use crate::model::ledgers::organisation_code_of_key;
use crate::model::{code_key, name_key, At, EnterpriseTable, LedgerName};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// How a ledger row found its enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinedBy {
    CreditCode,
    OrganisationCode,
    Name,
    /// The user picked the enterprise for this ledger name.
    Chosen,
}

impl JoinedBy {
    pub fn label(self) -> &'static str {
        match self {
            JoinedBy::CreditCode => "统一社会信用代码",
            JoinedBy::OrganisationCode => "组织机构代码",
            JoinedBy::Name => "企业名称",
            JoinedBy::Chosen => "手动指定",
        }
    }
}

/// What may be wrong with a ledger row that joined no enterprise (`report::ledger_text`
/// words it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum UnjoinedReason {
    /// The code is neither 18 (统一社会信用代码) nor 9 (组织机构代码) characters, as written.
    MalformedCode(String),
    /// A code not in the table, and names of the table that look like the row's.
    CodeNotFoundNamesClose,
    /// A code not in the table, and no name like it.
    CodeNotFound,
    /// No code, and names of the table that look like the row's.
    NameClose,
    /// No code, and no name like it.
    NameNotFound,
}

/// A ledger row that joined no enterprise, and what may be wrong.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unjoined {
    pub name: String,
    pub code: Option<String>,
    /// The cell of the row's enterprise name.
    pub at: At,
    pub reason: UnjoinedReason,
    /// Up to three enterprise names of the table that look most like it.
    pub closest: Vec<String>,
}

/// The table's enterprises by each key a ledger row may carry.
pub struct JoinIndex<'a> {
    by_credit: FxHashMap<String, usize>,
    by_organisation: FxHashMap<String, usize>,
    by_name: FxHashMap<String, usize>,
    /// name_key of a ledger row → name_key of the enterprise the user chose for it.
    chosen: &'a BTreeMap<String, String>,
}

impl<'a> JoinIndex<'a> {
    pub fn new(table: &'a EnterpriseTable, chosen: &'a BTreeMap<String, String>) -> Self {
        let coded = table.codes.iter().filter(|c| c.is_some()).count();
        let sized = |n: usize| FxHashMap::with_capacity_and_hasher(n, rustc_hash::FxBuildHasher);
        let mut index = JoinIndex {
            by_credit: sized(coded),
            by_organisation: sized(coded),
            by_name: sized(table.len()),
            chosen,
        };
        for i in 0..table.len() {
            if let Some(code) = table.codes[i].as_deref() {
                // Any code matches itself exactly; only an 18-character one is a USCC
                // whose 组织机构代码 can be taken from it.
                let key = code_key(code);
                if let Some(org) = organisation_code_of_key(&key) {
                    index.by_organisation.entry(org.to_string()).or_insert(i);
                }
                if !key.is_empty() {
                    index.by_credit.entry(key).or_insert(i);
                }
            }
            index.by_name.entry(name_key(&table.names[i])).or_insert(i);
        }
        index
    }

    /// The enterprise a ledger row names, and how it was found.
    pub fn join(&self, of: &LedgerName) -> Option<(usize, JoinedBy)> {
        self.find(&of.name, of.code.as_deref())
    }

    /// [`join`](Self::join) by a name and code borrowed from anywhere (another
    /// enterprise table's row).
    pub fn find(&self, name: &str, code: Option<&str>) -> Option<(usize, JoinedBy)> {
        if let Some(code) = code {
            let key = code_key(code);
            if let Some(&i) = self.by_credit.get(&key).filter(|_| !key.is_empty()) {
                return Some((i, JoinedBy::CreditCode));
            }
            if let Some(&i) =
                organisation_code_of_key(&key).and_then(|o| self.by_organisation.get(o))
            {
                return Some((i, JoinedBy::OrganisationCode));
            }
        }
        let name = name_key(name);
        if let Some(&i) = self.by_name.get(&name) {
            return Some((i, JoinedBy::Name));
        }
        self.chosen
            .get(&name)
            .and_then(|target| self.by_name.get(target))
            .map(|&i| (i, JoinedBy::Chosen))
    }

    /// Why `of` joined nothing, with the closest names.
    pub fn unjoined(&self, of: &LedgerName, at: At, names: &NameSearch) -> Unjoined {
        let closest = names.closest(&of.name, 3);
        let code = of.code.as_deref().map(code_key);
        let reason = match &code {
            Some(k) if k.len() != 18 && k.len() != 9 => {
                UnjoinedReason::MalformedCode(of.code.clone().unwrap_or_default())
            }
            Some(_) if !closest.is_empty() => UnjoinedReason::CodeNotFoundNamesClose,
            Some(_) => UnjoinedReason::CodeNotFound,
            None if !closest.is_empty() => UnjoinedReason::NameClose,
            None => UnjoinedReason::NameNotFound,
        };
        Unjoined {
            name: of.name.clone(),
            code: of.code.clone(),
            at,
            reason,
            closest,
        }
    }
}

/// Words every enterprise name shares, which say nothing about which one it is.
const COMMON: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团",
    "公司",
    "分公司",
    "科技",
    "实业",
];

fn core(name: &str) -> Vec<char> {
    let mut key = name_key(name);
    for w in COMMON {
        key = key.replace(w, "");
    }
    key.chars().filter(|c| !"()".contains(*c)).collect()
}

fn bigrams(chars: &[char]) -> Vec<(char, char)> {
    let mut b: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    b.sort_unstable();
    b.dedup();
    b
}

/// The table's names by their character pairs, to find the ones most like a ledger's
/// (Dice's coefficient over the pairs, common words such as 有限公司 left out). Built only
/// when a row joined nothing.
pub struct NameSearch<'a> {
    names: &'a [String],
    pairs: HashMap<(char, char), Vec<u32>>,
    sizes: Vec<usize>,
}

impl<'a> NameSearch<'a> {
    pub fn new(names: &'a [String]) -> Self {
        let mut pairs: HashMap<(char, char), Vec<u32>> = HashMap::new();
        let mut sizes = Vec::with_capacity(names.len());
        for (i, n) in names.iter().enumerate() {
            let b = bigrams(&core(n));
            sizes.push(b.len());
            for p in b {
                pairs.entry(p).or_default().push(i as u32);
            }
        }
        NameSearch {
            names,
            pairs,
            sizes,
        }
    }

    /// Up to `n` names sharing at least half of their pairs with `name`, most alike first.
    pub fn closest(&self, name: &str, n: usize) -> Vec<String> {
        let wanted = bigrams(&core(name));
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for p in &wanted {
            for &i in self.pairs.get(p).into_iter().flatten() {
                *shared.entry(i).or_default() += 1;
            }
        }
        let mut scored: Vec<(f64, u32)> = shared
            .into_iter()
            .map(|(i, s)| {
                let dice = 2.0 * s as f64 / (wanted.len() + self.sizes[i as usize]) as f64;
                (dice, i)
            })
            .filter(|(d, _)| *d >= 0.5)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, i) in scored {
            let name = &self.names[i as usize];
            if !out.contains(name) {
                out.push(name.clone());
            }
            if out.len() == n {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> EnterpriseTable {
        let mut t = EnterpriseTable::default();
        for (name, code) in [
            ("示例市青山机械有限公司", Some("91330100123456789X")),
            ("示例市（临江）化工有限公司", None),
            ("示例市华兴纺织有限公司", Some("330100987654321")),
        ] {
            t.names.push(name.into());
            t.codes.push(code.map(str::to_string));
        }
        t
    }

    fn of(name: &str, code: Option<&str>) -> LedgerName {
        LedgerName {
            name: name.into(),
            code: code.map(str::to_string),
        }
    }

    #[test]
    fn credit_code_then_organisation_code_then_name() {
        let t = table();
        let chosen = BTreeMap::new();
        let index = JoinIndex::new(&t, &chosen);
        assert_eq!(
            index.join(&of("别名", Some("91330100123456789X"))),
            Some((0, JoinedBy::CreditCode))
        );
        assert_eq!(
            index.join(&of("别名", Some("12345678-9"))),
            Some((0, JoinedBy::OrganisationCode))
        );
        assert_eq!(
            index.join(&of(" 示例市(临江)化工 有限公司", None)),
            Some((1, JoinedBy::Name))
        );
        // A code that matches nothing still lets the name join.
        assert_eq!(
            index.join(&of("示例市华兴纺织有限公司", Some("000000000"))),
            Some((2, JoinedBy::Name))
        );
        assert_eq!(index.join(&of("另一家公司", None)), None);
    }

    #[test]
    fn a_chosen_enterprise_joins_an_unknown_name() {
        let t = table();
        let mut chosen = BTreeMap::new();
        chosen.insert(name_key("青山机械"), name_key("示例市青山机械有限公司"));
        let index = JoinIndex::new(&t, &chosen);
        assert_eq!(
            index.join(&of("青山机械", None)),
            Some((0, JoinedBy::Chosen))
        );
    }

    #[test]
    fn the_closest_names_and_the_reason() {
        let t = table();
        let chosen = BTreeMap::new();
        let index = JoinIndex::new(&t, &chosen);
        let search = NameSearch::new(&t.names);
        let u = index.unjoined(&of("示例市青山机械厂", None), At::file("x"), &search);
        assert_eq!(u.closest, vec!["示例市青山机械有限公司".to_string()]);
        assert_eq!(u.reason, UnjoinedReason::NameClose);
        let u = index.unjoined(&of("完全无关", Some("12")), At::file("x"), &search);
        assert!(u.closest.is_empty());
        assert_eq!(u.reason, UnjoinedReason::MalformedCode("12".into()));
    }
}
