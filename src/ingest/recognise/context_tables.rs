//! The context tables: region value-added growth (县区增加值增速), the province's city
//! ranking (全省各市增加值增速, with 全省/全国 and 考评单元), and quarter targets (目标任务).

use super::header::HeaderBlock;
use super::rows::{kind, RowKind};
use super::values::number_opt;
use crate::ingest::grid::RawGrid;
use crate::ingest::text::{has_any, normalize};
use crate::model::{
    normalize_region_name, CityGrowthRow, CityGrowthTable, RegionGrowthRow, RegionGrowthTable,
    RegionTarget, Targets,
};

/// Column of the place names: the first header naming places, else the first text column.
pub fn place_column(header: &HeaderBlock) -> Option<usize> {
    header.keys.iter().position(|k| {
        has_any(
            k,
            &[
                "地区", "县", "区域", "城市", "地市", "市(地", "市(州", "各市", "单位", "名称",
            ],
        ) && !has_any(k, &["代码", "增速", "增长"])
    })
}

/// Column of the value-added growth rate, preferring the cumulative one.
pub fn growth_column(header: &HeaderBlock) -> Option<usize> {
    let rate = |k: &str| {
        has_any(k, &["增速", "增长", "%", "同比"])
            && !has_any(
                k,
                &[
                    "位次",
                    "排名",
                    "比全",
                    "比上",
                    "±百分点",
                    "百分点",
                    "拉动",
                    "贡献",
                ],
            )
    };
    // "比上年同期增长(%)" is the growth itself, not a comparison with last year's.
    let plain = |k: &str| {
        [
            "比上年同期增长",
            "比去年同期增长",
            "比上年增长",
            "比去年增长",
        ]
        .iter()
        .fold(k.to_string(), |k, w| k.replace(w, "增长"))
    };
    let scored = header
        .keys
        .iter()
        .map(|k| plain(k))
        .enumerate()
        .filter(|(_, k)| rate(k))
        .map(|(i, k)| {
            let k = k.as_str();
            let mut score = 0;
            if k.contains("增加值") {
                score += 4;
            }
            if has_any(k, &["累计", "1-"]) {
                score += 2;
            }
            if has_any(k, &["当月", "本月", "上年同期"]) {
                score -= 3;
            }
            if has_any(k, &["产值", "销售"]) && !k.contains("增加值") {
                score -= 2;
            }
            (score, std::cmp::Reverse(i), i)
        });
    scored.max().map(|(_, _, i)| i)
}

/// Column of 区划代码 (行政区划代码, 统计用区划代码, 地区代码) in a table of places.
pub fn region_code_column(header: &HeaderBlock) -> Option<usize> {
    header.keys.iter().position(|k| {
        k.contains("代码")
            && has_any(k, &["区划", "地区", "县", "区域"])
            && !has_any(k, &["信用", "组织", "行业", "企业"])
    })
}

/// (county code, name) pairs from the rows under the header of a table that gives both,
/// a 12-digit 统计用区划代码 cut to its county's six: how enterprise tables that give
/// regions only as codes get their names.
pub fn region_code_pairs(
    grid: &RawGrid,
    header: &HeaderBlock,
    code_col: usize,
    name_col: usize,
) -> Vec<(String, String)> {
    (header.last_row + 1..grid.rows())
        .filter_map(|r| {
            let code = crate::model::region_name_as_written(&grid.get(r, code_col).display());
            let all_digits = code.bytes().all(|b| b.is_ascii_digit());
            if !all_digits || (code.len() != 6 && code.len() != 12) {
                return None;
            }
            let name = normalize_region_name(&normalize(&grid.get(r, name_col).display()));
            let is_name = !name.is_empty() && !name.bytes().all(|b| b.is_ascii_digit());
            (is_name && kind(&name) == RowKind::Entry).then(|| (code[..6].to_string(), name))
        })
        .collect()
}

/// Does the header describe a growth-by-place table?
pub fn is_growth_table(header: &HeaderBlock) -> bool {
    place_column(header).is_some() && growth_column(header).is_some()
}

/// Names in the place column, in order, with their row.
fn places(grid: &RawGrid, header: &HeaderBlock, col: usize) -> Vec<(usize, String)> {
    (header.last_row + 1..grid.rows())
        .filter_map(|r| {
            let name = normalize_region_name(&normalize(&grid.get(r, col).display()));
            (!name.is_empty()).then_some((r, name))
        })
        .collect()
}

/// Province tables have 全省 or 全国 rows, or a title about 全省/各市.
pub fn is_province_table(grid: &RawGrid, header: &HeaderBlock, title: &str) -> bool {
    let Some(col) = place_column(header) else {
        return false;
    };
    let names = places(grid, header, col);
    names.iter().any(|(_, n)| n == "全省" || n == "全国")
        || has_any(
            title,
            &["全省各市", "各市(州", "各市(地", "各地市", "全省各"],
        )
        || header
            .keys
            .iter()
            .any(|k| has_any(k, &["考评单元", "考核单元"]))
}

pub fn region_table(grid: &RawGrid, header: &HeaderBlock, file: &str) -> RegionGrowthTable {
    let (Some(pc), Some(gc)) = (place_column(header), growth_column(header)) else {
        return RegionGrowthTable::default();
    };
    let mut table = RegionGrowthTable {
        file: file.into(),
        sheet: grid.sheet.clone(),
        ..Default::default()
    };
    for (r, name) in places(grid, header, pc) {
        let Some(growth) = number_opt(grid.get(r, gc)) else {
            continue;
        };
        match kind(&name) {
            RowKind::Total => table.city_growth_pct = table.city_growth_pct.or(Some(growth)),
            RowKind::Entry => table.rows.push(RegionGrowthRow {
                name,
                growth_pct: growth,
            }),
            _ => {}
        }
    }
    table
}

pub fn province_table(grid: &RawGrid, header: &HeaderBlock, file: &str) -> CityGrowthTable {
    let (Some(pc), Some(gc)) = (place_column(header), growth_column(header)) else {
        return CityGrowthTable::default();
    };
    let unit_col = header
        .keys
        .iter()
        .position(|k| has_any(k, &["考评单元", "考核单元", "分组", "考评组"]));
    let mut table = CityGrowthTable {
        file: file.into(),
        sheet: grid.sheet.clone(),
        ..Default::default()
    };
    let mut last_unit: Option<String> = None;
    for (r, name) in places(grid, header, pc) {
        let Some(growth) = number_opt(grid.get(r, gc)) else {
            continue;
        };
        match name.as_str() {
            "全省" => table.province_growth_pct = Some(growth),
            "全国" => table.nation_growth_pct = Some(growth),
            _ if kind(&name) != RowKind::Entry => {}
            _ => {
                // A unit written once for a block of cities applies to the rows below it.
                let unit = unit_col
                    .map(|c| normalize(&grid.get(r, c).display()))
                    .filter(|u| !u.is_empty());
                if unit.is_some() {
                    last_unit = unit.clone();
                }
                table.rows.push(CityGrowthRow {
                    name,
                    growth_pct: growth,
                    unit: unit.or_else(|| unit_col.and(last_unit.clone())),
                });
            }
        }
    }
    table
}

/// A 目标任务 sheet: label/value pairs anywhere on the sheet. `Some(Err)` when the sheet
/// gives targets that cannot be right.
pub fn targets(grid: &RawGrid) -> Option<Result<Targets, crate::model::TargetError>> {
    let mut quarter_end = None;
    let mut output_target = None;
    let mut va_target = None;
    let mut prior = None;
    // Target sheets are short forms: a long sheet or a long text is not part of one.
    for r in 0..grid.rows().min(200) {
        let row = grid.row(r);
        // The first number right of each cell, found in one pass from the right.
        let mut next_number = vec![None; row.len() + 1];
        for c in (0..row.len()).rev() {
            next_number[c] = number_opt(&row[c]).or(next_number[c + 1]);
        }
        for (c, cell) in row.iter().enumerate() {
            let Some(label) = cell.as_text().filter(|t| t.len() < 180).map(normalize) else {
                continue;
            };
            let Some(value) = next_number[c + 1] else {
                continue;
            };
            let quarter_hint = super::period_text::find_period(&label).month;
            if has_any(&label, &["季末月", "季度末月", "截止月", "考核月"]) {
                quarter_end = Some(value as u32);
            } else if label.contains("增加值") && has_any(&label, &["目标", "增速"]) {
                va_target = Some(value);
            } else if label.contains("产值") && has_any(&label, &["目标", "增速", "%", "增长"])
            {
                output_target = Some(value);
                quarter_end = quarter_end.or(quarter_hint);
            } else if label.contains("产值") && has_any(&label, &["上年", "去年", "同期", "基数"])
            {
                let unit = super::units::header_unit(&label).unwrap_or(super::units::MoneyUnit::Yi);
                prior = Some(value * unit.to_yi());
                quarter_end = quarter_end.or(quarter_hint);
            }
        }
    }
    match (quarter_end, output_target, prior) {
        (Some(q), Some(t), Some(p)) => Some(Targets::new(q, t, p, va_target)),
        _ => None,
    }
}

/// The per-region table of a 目标任务 sheet: a header row naming the region column and a
/// growth-target column (and, when given, the regions' 上年同期 quarter output), then one
/// row per region until the first row without a name.
pub fn region_targets(grid: &RawGrid) -> Vec<RegionTarget> {
    let find = |texts: &[Option<String>], test: &dyn Fn(&str) -> bool| {
        texts.iter().position(|t| t.as_deref().is_some_and(test))
    };
    for r in 0..grid.rows().min(200) {
        let texts: Vec<Option<String>> = grid
            .row(r)
            .iter()
            .map(|c| c.as_text().filter(|t| t.len() < 120).map(normalize))
            .collect();
        let name_col = find(&texts, &|t| {
            has_any(
                t,
                &[
                    "县区",
                    "县(市、区)",
                    "县(市区)",
                    "县市区",
                    "区县",
                    "地区",
                    "单位名称",
                ],
            ) && !t.contains("目标")
        });
        let target_col = find(&texts, &|t| {
            t.contains("目标") && !t.contains("增加值") && !has_any(t, &["上年", "去年", "基数"])
        });
        let (Some(name_col), Some(target_col)) = (name_col, target_col) else {
            continue;
        };
        let prior_col = find(&texts, &|t| {
            t.contains("产值")
                && has_any(t, &["上年", "去年", "同期", "基数"])
                && !t.contains("目标")
        });
        let unit = prior_col
            .and_then(|c| texts[c].as_deref().and_then(super::units::header_unit))
            .unwrap_or(super::units::MoneyUnit::Yi);
        let mut out = Vec::new();
        for rr in r + 1..grid.rows() {
            let row = grid.row(rr);
            let name = row
                .get(name_col)
                .and_then(|c| c.as_text())
                .map(normalize_region_name)
                .unwrap_or_default();
            if name.is_empty() {
                break;
            }
            if has_any(&name, &["合计", "全市", "总计", "小计"]) {
                continue;
            }
            let Some(target) = row.get(target_col).and_then(number_opt) else {
                continue;
            };
            out.push(RegionTarget {
                region: name,
                output_growth_target_pct: target,
                prior_quarter_output: prior_col
                    .and_then(|c| row.get(c))
                    .and_then(number_opt)
                    .map(|v| v * unit.to_yi()),
            });
        }
        if !out.is_empty() {
            return out;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::grid::Cell;

    #[test]
    fn the_growth_column_is_the_cumulative_growth_of_this_year() {
        let header = |labels: &[&str]| HeaderBlock {
            first_row: 0,
            last_row: 0,
            labels: labels.iter().map(|s| s.to_string()).collect(),
            keys: labels
                .iter()
                .map(|s| crate::ingest::text::normalize(s))
                .collect(),
        };
        // "比上年同期增长" is the growth itself; a 位次 before it is not.
        assert_eq!(
            growth_column(&header(&["县区", "位次", "比上年同期增长(%)"])),
            Some(2)
        );
        // Last year's growth and the month's lose to the cumulative growth.
        assert_eq!(
            growth_column(&header(&["县区", "上年同期增速(%)", "1-2月增速(%)"])),
            Some(2)
        );
        assert_eq!(
            growth_column(&header(&["县区", "当月增速(%)", "累计增速(%)"])),
            Some(2)
        );
        // A change in points is not a growth.
        assert_eq!(
            growth_column(&header(&["县区", "比上月提高(百分点)"])),
            None
        );
    }

    #[test]
    fn region_targets_below_the_city_target() {
        let t = |s: &str| Cell::Text(s.into());
        let grid = RawGrid::from_rows(
            "目标任务",
            vec![
                vec![t("一季度工业总产值增速目标(%)"), Cell::Number(12.0)],
                vec![t("上年一季度工业总产值（亿元）"), Cell::Number(900.0)],
                vec![],
                vec![
                    t("县（市、区）"),
                    t("一季度产值增速目标(%)"),
                    t("上年一季度产值(万元)"),
                ],
                vec![t("城 东 区"), Cell::Number(10.0), Cell::Number(800000.0)],
                vec![t("河西县"), Cell::Number(15.0), Cell::Empty],
                vec![t("合计"), Cell::Number(12.0), Cell::Number(1500000.0)],
                vec![],
                vec![t("说明：以上为考核目标")],
            ],
        );
        let regions = region_targets(&grid);
        assert_eq!(
            regions,
            vec![
                RegionTarget {
                    region: "城东区".into(),
                    output_growth_target_pct: 10.0,
                    prior_quarter_output: Some(80.0),
                },
                RegionTarget {
                    region: "河西县".into(),
                    output_growth_target_pct: 15.0,
                    prior_quarter_output: None,
                },
            ]
        );
        let city = targets(&grid).unwrap().unwrap();
        assert_eq!(city.output_growth_target_pct, 12.0);
        assert_eq!(city.prior_quarter_output, 900.0);
    }

    fn row(label: &str, v: f64) -> Vec<Cell> {
        vec![Cell::Text(label.into()), Cell::Number(v)]
    }

    #[test]
    fn targets_sheet_in_its_usual_wording() {
        let grid = RawGrid::from_rows(
            "目标任务",
            vec![
                vec![Cell::Text("2023年一季度目标任务".into())],
                row("一季度工业总产值增速目标（比上年同期增长%）", 8.0),
                row("上年一季度工业总产值（万元）", 3_058_000.0),
                row("规上工业增加值增速目标(%)", 6.5),
            ],
        );
        let t = targets(&grid).unwrap().unwrap();
        assert_eq!(t.quarter_end_month, 3);
        assert_eq!(t.output_growth_target_pct, 8.0);
        assert!((t.prior_quarter_output - 305.8).abs() < 1e-9);
        assert_eq!(t.value_added_growth_target_pct, Some(6.5));
    }
}
