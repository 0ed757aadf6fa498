//! Regions written as 区划代码 named from the loaded tables that pair codes with names
//! (the 县区 value-added table often does). A code left without a name is a 警告: the
//! region table and the speech would show digits, and a county's figures could not be
//! matched with its value-added growth.

use super::ContractWarning;
use crate::model::EnterpriseTable;
use std::borrow::Cow;
use std::collections::BTreeMap;

fn is_code(region: &str) -> bool {
    region.len() == 6 && region.bytes().all(|b| b.is_ascii_digit())
}

/// Names the table's code regions from `names`; says what was named (a 说明) and what
/// could not be (a 警告).
pub fn name(
    table: &mut Cow<'_, EnterpriseTable>,
    names: &BTreeMap<String, String>,
    notes: &mut Vec<ContractWarning>,
    warnings: &mut Vec<ContractWarning>,
) {
    if !table.regions.iter().any(|r| is_code(r)) {
        return;
    }
    let mut named: BTreeMap<String, String> = BTreeMap::new();
    let mut unnamed: BTreeMap<String, usize> = BTreeMap::new();
    for region in table.to_mut().regions.iter_mut().filter(|r| is_code(r)) {
        match names.get(region.as_str()) {
            Some(name) => {
                named.insert(region.clone(), name.clone());
                *region = name.clone();
            }
            None => *unnamed.entry(region.clone()).or_default() += 1,
        }
    }
    let at = |message: String| ContractWarning {
        at: crate::model::At {
            file: table.file.clone(),
            sheet: Some(table.sheet.clone()),
            cell: None,
        },
        message,
    };
    if !named.is_empty() {
        let pairs: Vec<String> = named.iter().map(|(c, n)| format!("{c}→{n}")).collect();
        notes.push(at(format!(
            "县区列是区划代码，已按载入的县区表中的代码与名称对应：{}",
            crate::model::warning::listed(&pairs)
        )));
    }
    if !unnamed.is_empty() {
        let codes: Vec<String> = unnamed
            .iter()
            .map(|(c, n)| format!("{c}（{n}户）"))
            .collect();
        warnings.push(at(format!(
            "县区是区划代码（{}），没有找到对应的县区名称，县区表和讲话稿中将显示代码；请载入列有区划代码和县区名称的表（如县区增加值表），或在列对应关系的“县区名称”中为每个代码填写名称（会记住）",
            crate::model::warning::listed(&codes)
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_named_from_the_pairs_and_the_rest_warned() {
        let table = EnterpriseTable {
            file: "企业.xlsx".into(),
            sheet: "Sheet1".into(),
            regions: vec!["370102".into(), "370103".into(), "青山区".into()],
            ..Default::default()
        };
        let names = BTreeMap::from([("370102".to_string(), "历下区".to_string())]);
        let (mut notes, mut warnings) = (Vec::new(), Vec::new());
        let mut t = Cow::Borrowed(&table);
        name(&mut t, &names, &mut notes, &mut warnings);
        assert_eq!(t.regions, ["历下区", "370103", "青山区"]);
        assert!(notes[0].message.contains("370102→历下区"));
        assert!(warnings[0].message.contains("370103（1户）"));
    }
}
