//! The industry context tables of the value-added estimate (docs/口径说明.md §六): the
//! previous year's 增加值率 by division, and the 工业生产者出厂价格指数 (PPI) by division,
//! 当月 and 1-本月, 上年同期 = 100. Divisions are given as codes ("34", "C34") or GB/T 4754
//! names, 2011 or 2017; a 全部工业 / 合计 row gives the figure for divisions a table lacks.

use super::header::HeaderBlock;
use super::values::number_opt;
use crate::ingest::grid::RawGrid;
use crate::ingest::text::{has_any, normalize};
use crate::model::{
    division_of_name, normalize_industry_code, PriceIndex, PriceIndexTable, VaRateTable, DIVISIONS,
};

/// What a row of an industry table is about.
#[derive(Debug, Clone, PartialEq)]
enum RowOf {
    Division(String),
    AllIndustry,
}

const ALL_INDUSTRY: [&str; 7] = [
    "全部工业",
    "规上工业",
    "规模以上工业",
    "工业合计",
    "合计",
    "总计",
    "全市",
];

/// The division (or the all-industry row) a label names: a code, a name, or both
/// ("34 通用设备制造业", "通用设备制造业(34)").
fn row_of(label: &str) -> Option<RowOf> {
    let key = normalize(label);
    if key.is_empty() {
        return None;
    }
    if ALL_INDUSTRY.iter().any(|a| key == *a) || key == "工业" || key.starts_with("全部工业")
    {
        return Some(RowOf::AllIndustry);
    }
    if let Some(code) = normalize_industry_code(&key) {
        return Some(RowOf::Division(code));
    }
    let letters: String = key
        .chars()
        .filter(|c| !c.is_ascii_digit() && !matches!(c, '(' | ')' | '.' | '、' | '-'))
        .collect();
    let letters = letters.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    if let Some(code) = division_of_name(letters) {
        return Some(RowOf::Division(code.to_string()));
    }
    // A leading code followed by a name.
    let digits: String = key
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if digits.chars().any(|c| c.is_ascii_digit()) {
        if let Some(code) = normalize_industry_code(&digits) {
            return Some(RowOf::Division(code));
        }
    }
    // A name with a decoration the lists do not carry ("其中：汽车制造业").
    DIVISIONS
        .iter()
        .find(|(_, name)| key.ends_with(name))
        .map(|(code, _)| RowOf::Division(code.to_string()))
}

/// The label of each data row: the first column (among the industry ones) that names a
/// division or the all-industry row.
fn rows(grid: &RawGrid, header: &HeaderBlock) -> Vec<(usize, RowOf)> {
    let label_cols: Vec<usize> = header
        .keys
        .iter()
        .enumerate()
        .filter(|(_, k)| has_any(k, &["行业", "代码", "名称", "指标", "项目", "门类", "大类"]))
        .map(|(i, _)| i)
        .collect();
    let label_cols = if label_cols.is_empty() {
        vec![0]
    } else {
        label_cols
    };
    (header.last_row + 1..grid.rows())
        .filter_map(|r| {
            label_cols
                .iter()
                .find_map(|&c| row_of(&grid.get(r, c).display()))
                .map(|of| (r, of))
        })
        .collect()
}

/// The 增加值率 column.
fn rate_column(header: &HeaderBlock) -> Option<usize> {
    header.keys.iter().position(|k| k.contains("增加值率"))
}

pub fn is_rate_table(header: &HeaderBlock) -> bool {
    rate_column(header).is_some()
}

/// The 当月 and 1-本月 index columns (上年同期 = 100, not 上月 = 100).
fn index_columns(header: &HeaderBlock) -> (Option<usize>, Option<usize>) {
    let index = |k: &str| {
        !k.contains("上月为100")
            && !k.contains("上月=100")
            && !has_any(k, &["行业", "代码", "名称", "指标", "项目", "权重"])
    };
    let cumulative = header.keys.iter().position(|k| {
        index(k) && has_any(k, &["1-", "累计", "本年以来", "年初至"]) && !k.contains("当月")
    });
    let month = header.keys.iter().position(|k| {
        index(k) && has_any(k, &["当月", "本月", "上年同月"]) && !has_any(k, &["1-", "累计"])
    });
    // A lone 上年同期 = 100 column is the cumulative index.
    let cumulative = cumulative.or_else(|| {
        header
            .keys
            .iter()
            .position(|k| index(k) && has_any(k, &["上年同期为100", "上年同期=100", "指数"]))
            .filter(|c| Some(*c) != month)
    });
    (month, cumulative)
}

pub fn is_price_table(header: &HeaderBlock, title: &str) -> bool {
    let about_prices = has_any(title, &["价格指数", "出厂价格", "PPI"])
        || header
            .keys
            .iter()
            .any(|k| has_any(k, &["价格指数", "出厂价格", "为100", "=100", "PPI"]));
    let (month, cumulative) = index_columns(header);
    about_prices && (month.is_some() || cumulative.is_some())
}

/// A rate written as a percentage (25.3) or a fraction (0.253): above 1 is a percentage.
fn fraction(v: f64) -> f64 {
    if v > 1.0 {
        v / 100.0
    } else {
        v
    }
}

/// Each division's value (the first row naming it wins) and the all-industry row's, from
/// the rows where `value` finds one.
fn by_division<T: Copy>(
    grid: &RawGrid,
    header: &HeaderBlock,
    value: impl Fn(usize) -> Option<T>,
) -> (Vec<(String, T)>, Option<T>) {
    let (mut divisions, mut all): (Vec<(String, T)>, Option<T>) = (Vec::new(), None);
    for (r, of) in rows(grid, header) {
        let Some(v) = value(r) else { continue };
        match of {
            RowOf::AllIndustry => all = all.or(Some(v)),
            RowOf::Division(code) => {
                if !divisions.iter().any(|(c, _)| *c == code) {
                    divisions.push((code, v));
                }
            }
        }
    }
    (divisions, all)
}

pub fn rate_table(grid: &RawGrid, header: &HeaderBlock, file: &str) -> VaRateTable {
    let (rows, all_industry) = match rate_column(header) {
        Some(col) => by_division(grid, header, |r| {
            number_opt(grid.get(r, col))
                .filter(|v| *v >= 0.0)
                .map(fraction)
        }),
        None => (Vec::new(), None),
    };
    VaRateTable {
        file: file.into(),
        sheet: grid.sheet.clone(),
        rows,
        all_industry,
    }
}

pub fn price_table(grid: &RawGrid, header: &HeaderBlock, file: &str) -> PriceIndexTable {
    let (month_col, cum_col) = index_columns(header);
    let read = |r: usize, c: Option<usize>| {
        c.and_then(|c| number_opt(grid.get(r, c)))
            .filter(|v| *v > 0.0)
    };
    let (rows, all_industry) = by_division(grid, header, |r| {
        let index = PriceIndex {
            month: read(r, month_col),
            cumulative: read(r, cum_col),
        };
        (index.month.is_some() || index.cumulative.is_some()).then_some(index)
    });
    PriceIndexTable {
        file: file.into(),
        sheet: grid.sheet.clone(),
        period: None,
        rows,
        all_industry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::grid::Cell;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn labels_as_codes_names_or_both() {
        assert_eq!(row_of("34"), Some(RowOf::Division("34".into())));
        assert_eq!(row_of("C34"), Some(RowOf::Division("34".into())));
        assert_eq!(row_of("通用设备制造业"), Some(RowOf::Division("34".into())));
        assert_eq!(
            row_of("34 通用设备制造业"),
            Some(RowOf::Division("34".into()))
        );
        assert_eq!(
            row_of("通用设备制造业（34）"),
            Some(RowOf::Division("34".into()))
        );
        assert_eq!(
            row_of("其中：汽车制造业"),
            Some(RowOf::Division("36".into()))
        );
        assert_eq!(row_of("开采辅助活动"), Some(RowOf::Division("11".into())));
        assert_eq!(row_of("全部工业"), Some(RowOf::AllIndustry));
        assert_eq!(row_of("合 计"), Some(RowOf::AllIndustry));
        assert_eq!(row_of("说明：来源于统计年报"), None);
    }

    #[test]
    fn a_rate_table_in_percent_or_fractions() {
        let grid = RawGrid::from_rows(
            "增加值率",
            vec![
                vec![t("2022年分行业增加值率")],
                vec![t("行业代码"), t("行业名称"), t("增加值率(%)")],
                vec![t("全部工业"), t(""), Cell::Number(26.0)],
                vec![t("34"), t("通用设备制造业"), Cell::Number(25.3)],
                vec![t(""), t("汽车制造业"), t("0.21")],
            ],
        );
        let header = super::super::header::detect(&grid).unwrap();
        assert!(is_rate_table(&header));
        let table = rate_table(&grid, &header, "率.xlsx");
        assert_eq!(table.all_industry, Some(0.26));
        assert_eq!(table.rows, vec![("34".into(), 0.253), ("36".into(), 0.21)]);
    }

    #[test]
    fn a_ppi_table_with_two_header_rows() {
        let grid = RawGrid::from_rows(
            "PPI",
            vec![
                vec![t("2023年3月分行业工业生产者出厂价格指数")],
                vec![t("指标"), t("以上年同期为100"), t(""), t("以上月为100")],
                vec![t(""), t("当月"), t("1-本月"), t("")],
                vec![
                    t("工业"),
                    Cell::Number(97.5),
                    Cell::Number(98.2),
                    Cell::Number(99.6),
                ],
                vec![
                    t("煤炭开采和洗选业"),
                    Cell::Number(90.1),
                    Cell::Number(92.0),
                    Cell::Number(99.0),
                ],
                vec![
                    t("通用设备制造业"),
                    Cell::Number(100.4),
                    Cell::Number(100.9),
                    Cell::Number(100.0),
                ],
            ],
        );
        let header = super::super::header::detect(&grid).unwrap();
        assert!(is_price_table(
            &header,
            "2023年3月分行业工业生产者出厂价格指数"
        ));
        let table = price_table(&grid, &header, "ppi.xlsx");
        assert_eq!(
            table.all_industry,
            Some(PriceIndex {
                month: Some(97.5),
                cumulative: Some(98.2)
            })
        );
        assert_eq!(
            table.rows,
            vec![
                (
                    "06".into(),
                    PriceIndex {
                        month: Some(90.1),
                        cumulative: Some(92.0)
                    }
                ),
                (
                    "34".into(),
                    PriceIndex {
                        month: Some(100.4),
                        cumulative: Some(100.9)
                    }
                ),
            ]
        );
    }
}
