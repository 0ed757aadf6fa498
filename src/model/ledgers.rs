//! The 工信局's own ledgers (docs/ARCHITECTURE.md, model) as ingest reads them: who is responsible
//! for which key enterprise, why an enterprise stopped or cut output, which enterprises
//! must upload evidence by when, and the projects expected to enter the statistics.
//! Every row keeps where it was read, so a warning or an unjoined row can name its cell.

use super::{At, Date};
use serde::{Deserialize, Serialize};

/// How a ledger row names its enterprise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerName {
    pub name: String,
    /// 统一社会信用代码 or 组织机构代码, as written.
    pub code: Option<String>,
}

/// 包保台账: one key enterprise and who answers for it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyEntry {
    /// The cell of the row's enterprise name.
    pub at: At,
    pub of: LedgerName,
    pub leader: String,
    /// 包保单位/部门.
    pub unit: Option<String>,
    /// 存在问题.
    pub problems: Option<String>,
    /// 帮扶措施 (一企一策).
    pub measures: Option<String>,
}

/// 停减产台账's 类型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopKind {
    Stopped,
    Reduced,
    Seasonal,
    HalfStopped,
}

impl StopKind {
    pub fn label(self) -> &'static str {
        match self {
            StopKind::Stopped => "停产",
            StopKind::Reduced => "减产",
            StopKind::Seasonal => "季节性停产",
            StopKind::HalfStopped => "半停产",
        }
    }

    /// The kind a 类型 cell names (spaces and brackets already removed).
    pub fn of_text(text: &str) -> Option<StopKind> {
        if text.contains("季节") {
            Some(StopKind::Seasonal)
        } else if text.contains("半停") {
            Some(StopKind::HalfStopped)
        } else if text.contains("停") {
            Some(StopKind::Stopped)
        } else if text.contains("减") {
            Some(StopKind::Reduced)
        } else {
            None
        }
    }
}

/// 停减产台账: one stopped or reduced enterprise and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StopEntry {
    /// The cell of the row's enterprise name.
    pub at: At,
    pub of: LedgerName,
    /// `None` when the 类型 cell is empty or unknown (a warning says which).
    pub kind: Option<StopKind>,
    /// 原因 as written, trimmed; empty when not filled in.
    pub reason: String,
    /// 预计复产时间: a date, else the text as written ("5月中旬").
    pub resume: Option<String>,
    pub leader: Option<String>,
}

/// 审核/查询台账's 审核类型.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    /// 强制审核.
    Compulsory,
    /// 查询 / 产值查询.
    Query,
    /// 明细表审核.
    Detail,
}

impl ReviewKind {
    pub fn label(self) -> &'static str {
        match self {
            ReviewKind::Compulsory => "强制审核",
            ReviewKind::Query => "产值查询",
            ReviewKind::Detail => "明细表审核",
        }
    }

    /// The kind a 审核类型 cell names. "强制性审核" is an in-form edit check, not the
    /// review list, yet bureaus write it for both; it is read as 强制审核.
    pub fn of_text(text: &str) -> Option<ReviewKind> {
        if text.contains("强制") {
            Some(ReviewKind::Compulsory)
        } else if text.contains("明细") {
            Some(ReviewKind::Detail)
        } else if text.contains("查询") || text.contains("标记") {
            Some(ReviewKind::Query)
        } else {
            None
        }
    }
}

/// 审核/查询台账: one enterprise under review and its evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReviewEntry {
    /// The cell of the row's enterprise name.
    pub at: At,
    pub of: LedgerName,
    /// `None` when unknown (a warning says which cell).
    pub kind: Option<ReviewKind>,
    /// 佐证材料 provided.
    pub evidence: bool,
    /// 截止时间; `None` when empty or unreadable (a warning says which cell).
    pub deadline: Option<Date>,
    /// 责任人, when the ledger has one.
    pub responsible: Option<String>,
}

/// 新增/拟入规台账: a project expected to enter the statistics.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectEntry {
    /// The cell of the row's enterprise name.
    pub at: At,
    pub name: String,
    pub region: Option<String>,
    /// 预计入规月份 as written ("2024年6月", "6月").
    pub expected_month: Option<String>,
    /// 预计年产值, 亿元.
    pub expected_output: Option<f64>,
    pub state: Option<String>,
}

/// One kind of ledger: the sheets it was read from and their rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ledger<T> {
    /// (file, sheet) of every sheet read as this ledger; a sheet without rows still counts
    /// as loaded.
    pub sheets: Vec<(String, String)>,
    pub rows: Vec<T>,
}

impl<T> Default for Ledger<T> {
    fn default() -> Self {
        Ledger {
            sheets: Vec::new(),
            rows: Vec::new(),
        }
    }
}

impl<T> Ledger<T> {
    pub fn is_loaded(&self) -> bool {
        !self.sheets.is_empty()
    }

    pub fn absorb(&mut self, other: Ledger<T>) {
        self.sheets.extend(other.sheets);
        self.rows.extend(other.rows);
    }
}

/// Every ledger loaded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ledgers {
    pub key: Ledger<KeyEntry>,
    pub stop_reduce: Ledger<StopEntry>,
    pub review: Ledger<ReviewEntry>,
    pub projects: Ledger<ProjectEntry>,
}

impl Ledgers {
    pub fn absorb(&mut self, other: Ledgers) {
        self.key.absorb(other.key);
        self.stop_reduce.absorb(other.stop_reduce);
        self.review.absorb(other.review);
        self.projects.absorb(other.projects);
    }

    /// One of the three ledgers of the contract is loaded (the project ledger is not one).
    pub fn any_loaded(&self) -> bool {
        self.key.is_loaded() || self.stop_reduce.is_loaded() || self.review.is_loaded()
    }
}

/// An enterprise name as ledgers and statistics are joined on it: full-width forms to
/// half-width (（） → ()), every space removed, Latin letters upper-case.
pub fn name_key(name: &str) -> String {
    // Most names are already their key: copied, not rebuilt a character at a time (a
    // province's two periods are matched name by name).
    let plain = |c: char| {
        !(c.is_whitespace() || c.is_ascii_lowercase() || ('\u{FF01}'..='\u{FF5E}').contains(&c))
    };
    if name.chars().all(plain) {
        return name.to_string();
    }
    name.chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() || c == '\u{3000}' => None,
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
            c => Some(c),
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A code as written, reduced to what identifies it: upper-case letters and digits, the
/// dash and spaces gone. An 18-character result is a 统一社会信用代码, a 9-character one
/// an 组织机构代码.
pub fn code_key(code: &str) -> String {
    // name_key's mapping (full-width to ASCII, upper case), then ASCII letters and digits
    // only: in one pass, as a code is keyed for every enterprise of both periods.
    let mut key = String::with_capacity(code.len());
    for c in code.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        }
        .to_ascii_uppercase();
        if c.is_ascii_alphanumeric() {
            key.push(c);
        }
    }
    key
}

/// The 组织机构代码 inside a code: a USCC's characters 9–17 (GB 32100-2015), or the
/// code itself when it is one.
pub fn organisation_code(code: &str) -> Option<String> {
    organisation_code_of_key(&code_key(code)).map(str::to_string)
}

/// [`organisation_code`] of a code already reduced by [`code_key`].
pub fn organisation_code_of_key(key: &str) -> Option<&str> {
    match key.len() {
        18 => Some(&key[8..17]),
        9 => Some(key),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_reduce_to_their_keys() {
        assert_eq!(
            name_key(" 示例市（青山）机械 有限公司　"),
            "示例市(青山)机械有限公司"
        );
        assert_eq!(name_key("ａｂｃ科技"), "ABC科技");
        assert_eq!(code_key("91 3301-00MA2 abcde0x"), "91330100MA2ABCDE0X");
        assert_eq!(
            organisation_code("913301001234567890").as_deref(),
            Some("123456789")
        );
        assert_eq!(
            organisation_code("12345678-9").as_deref(),
            Some("123456789")
        );
        assert_eq!(
            organisation_code("１２３４５６７８－９").as_deref(),
            Some("123456789")
        );
        assert_eq!(organisation_code("1234"), None);
    }

    #[test]
    fn kinds_from_the_words_bureaus_use() {
        assert_eq!(StopKind::of_text("季节性停产"), Some(StopKind::Seasonal));
        assert_eq!(StopKind::of_text("半停产"), Some(StopKind::HalfStopped));
        assert_eq!(StopKind::of_text("停产"), Some(StopKind::Stopped));
        assert_eq!(StopKind::of_text("减产"), Some(StopKind::Reduced));
        assert_eq!(StopKind::of_text("正常"), None);
        assert_eq!(
            ReviewKind::of_text("强制审核"),
            Some(ReviewKind::Compulsory)
        );
        assert_eq!(ReviewKind::of_text("产值查询"), Some(ReviewKind::Query));
        assert_eq!(ReviewKind::of_text("查询"), Some(ReviewKind::Query));
        assert_eq!(ReviewKind::of_text("明细表审核"), Some(ReviewKind::Detail));
        assert_eq!(ReviewKind::of_text("抽查"), None);
    }
}
