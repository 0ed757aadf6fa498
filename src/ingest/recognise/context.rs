//! What the rows above a header say: the period, the money unit and the city's name.

use super::header::HeaderBlock;
use super::period_text::{find_period, labelled_period, PeriodHint};
use super::units::{bracket_unit, unit_statement, MoneyUnit};
use crate::ingest::grid::RawGrid;
use crate::ingest::text::{has_any, normalize};
use crate::model::Period;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetContext {
    /// Normalised text of the title and unit rows, in order.
    pub title: String,
    pub unit: Option<MoneyUnit>,
    pub period: Option<Period>,
    /// Where the period came from, for the warning when it is guessed.
    pub period_source: Option<&'static str>,
    pub city: Option<String>,
    /// Sources that name different periods ("标题 2023年1-2月，文件名 2023年1-3月").
    pub period_conflict: Option<String>,
    /// The region the sheet name, title or file name names, for a table without a
    /// region column.
    pub region: Option<(String, RegionOrigin)>,
}

/// Reads title rows, sheet name and file name; the earlier source wins.
pub fn read(grid: &RawGrid, header: &HeaderBlock, file: &str) -> SheetContext {
    let mut title = String::new();
    let mut unit = None;
    for r in 0..header.first_row {
        let mut after_label = false;
        for cell in grid.row(r) {
            if let Some(t) = cell.as_text() {
                let key = normalize(t);
                unit = unit.or_else(|| unit_statement(&key).or_else(|| bracket_unit(&key)));
                after_label = is_period_label(&key);
                title.push_str(&key);
                title.push(' ');
            } else if let (true, Some(month)) = (after_label, date_cell_month(cell)) {
                // "报告期：" beside a date cell (2023-02-28 shown as 2023年2月): the
                // label names the cell's month as the period.
                title.pop();
                title.push_str(&month);
                title.push(' ');
                after_label = false;
            } else if !cell.is_empty() {
                after_label = false;
            }
        }
    }
    // A unit stated inside the header block ("单位：万元" in a corner cell) counts too.
    for key in &header.keys {
        unit = unit.or_else(|| unit_statement(key));
    }
    let file_key = normalize(file);
    // Ranked: an explicit label, the title, the header, the sheet name, the file name.
    // A span named beside a cumulative column that names none ("本年累计 | 1-4月") may
    // be last month's: it names the period only when nothing else does.
    let spans = header_period(header, true);
    let this_year = |k: &&String| !has_any(k, &["上年", "去年", "同期"]);
    let sure =
        !header
            .keys
            .iter()
            .filter(this_year)
            .any(|k| unnamed_cumulative(k))
            || !header.keys.iter().filter(this_year).any(|k| {
                (k.contains("1-") || k.contains("累计")) && find_period(k).month.is_some()
            });
    let (spans, weak_spans) = if sure {
        (spans, PeriodHint::default())
    } else {
        (PeriodHint::default(), spans)
    };
    const WEAK_SPANS: usize = 5;
    let sources: [(&'static str, PeriodHint); 7] = [
        ("报告期标注", labelled_period(&title)),
        ("标题", find_period(&title)),
        ("表头", spans),
        ("工作表名", find_period(&normalize(&grid.sheet))),
        ("文件名", find_period(&file_key)),
        ("表头", weak_spans),
        // A column named by one month ("2月产值") says least: it may be an earlier month.
        ("表头", header_period(header, false)),
    ];
    let year = sources.iter().find_map(|(_, h)| h.year);
    let month_source = sources.iter().find(|(_, h)| h.month.is_some());
    let period = match (year, month_source) {
        (Some(y), Some((_, h))) => h.month.map(|m| Period::new(y, m)),
        _ => None,
    };
    // A span beside an unnamed cumulative column, last month's as likely as not, never
    // contradicts the sources above it.
    let weak_used = month_source.is_some_and(|(_, h)| *h == weak_spans);
    let complete: Vec<(&str, Period)> = sources
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != WEAK_SPANS || weak_used)
        .filter_map(|(_, (s, h))| Some((*s, Period::new(h.year.or(year)?, h.month?))))
        .collect();
    let period_conflict = complete
        .iter()
        .find(|(_, p)| Some(*p) != period)
        .map(|(other, p)| {
            let (first, chosen) = complete[0];
            format!(
                "{first}中的报告期为{}，而{other}中为{}；按{}计算，如不对请指定报告期",
                chosen.label(),
                p.label(),
                chosen.label()
            )
        });
    SheetContext {
        region: table_region(&grid.sheet, &title, file),
        period_conflict,
        city: city_name(&title),
        title,
        unit,
        period,
        period_source: month_source.map(|(s, _)| *s),
    }
}

/// The period the header names: with `spans`, the latest month among its cumulative
/// spans ("1月 | 2月 | 1-2月" is February's table, not January's); else the one month a
/// column is named by, when only one is and no 本月 column stands beside it. A forecast
/// column ("预计3月") names the next month, not the period.
fn header_period(header: &HeaderBlock, spans: bool) -> PeriodHint {
    let hints: Vec<(bool, PeriodHint)> = header
        .keys
        .iter()
        .filter(|k| !k.contains("预计"))
        .map(|k| (k.contains("1-") || k.contains("累计"), find_period(k)))
        .filter(|(_, h)| h.month.is_some())
        .collect();
    let pick = |cum: bool| {
        hints
            .iter()
            .filter(|(c, _)| *c == cum)
            .map(|(_, h)| *h)
            .max_by_key(|h| h.month)
    };
    // Several single months ("1月 | 2月 | 本月") are earlier months listed beside the
    // period's: they name no period by themselves.
    let mut singles: Vec<Option<u32>> = hints
        .iter()
        .filter(|(c, _)| !c)
        .map(|(_, h)| h.month)
        .collect();
    singles.sort();
    singles.dedup();
    // "2023年 | 2022年" over the spans: the latest year is the period's, the other its base.
    let year = header.keys.iter().filter_map(|k| find_period(k).year).max();
    // Beside a 本月 / 当月 column, a column named by a month is an earlier one.
    let unnamed_month = header.keys.iter().any(|k| {
        k.split('|').any(|level| {
            (level.contains("本月") || level.contains("当月") || level.contains("本期"))
                && !level.contains("1-本月")
                && !level.contains("累计")
                && !level.contains("本月止")
        })
    });
    let month = if spans {
        pick(true)
    } else {
        (singles.len() == 1 && !unnamed_month)
            .then(|| pick(false))
            .flatten()
    }
    .and_then(|h| h.month);
    PeriodHint {
        year: month.and(year),
        month,
    }
}

/// A cell that is only a period's label: "报告期", "统计时段：".
fn is_period_label(key: &str) -> bool {
    let bare = key.trim_end_matches([':', '：']);
    super::period_text::PERIOD_LABELS.contains(&bare)
}

/// A date cell's month as text ("2023年2月"): a number in this century's serial range.
fn date_cell_month(cell: &crate::ingest::grid::Cell) -> Option<String> {
    let crate::ingest::grid::Cell::Number(serial) = cell else {
        return None;
    };
    // 2000-01-01 to 2099-12-31.
    if !(36_526.0..=73_050.0).contains(serial) {
        return None;
    }
    let date = crate::model::Date::from_excel_serial(*serial)?;
    Some(format!("{}年{}月", date.year, date.month))
}

/// A cumulative output column whose header names no span ("本年累计", "1-本月").
fn unnamed_cumulative(key: &str) -> bool {
    (key.contains("累计") || key.contains("1-本月"))
        && !key.contains("预计")
        && find_period(key).month.is_none()
}

/// "示例市2023年1-2月规模以上…" or "2023年1-2月示例市规模以上…" → "示例市".
pub fn city_name(title: &str) -> Option<String> {
    let chars: Vec<char> = title.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // The 市 of a district's name ("沙市区", "市中区") is no city's.
        if c != '市' || matches!(chars.get(i + 1), Some('区' | '县' | '辖')) {
            continue;
        }
        let start = (0..i)
            .rev()
            .take_while(|&j| is_name_char(chars[j]))
            .last()?;
        let name: String = chars[start..=i].iter().collect();
        let len = i + 1 - start;
        if (2..=6).contains(&len)
            && !matches!(
                name.as_str(),
                "全市" | "各市" | "城市" | "本市" | "县市" | "分市"
            )
            && !name.ends_with("各市")
        {
            return Some(name);
        }
    }
    None
}

/// Where a table without a region column took its region from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionOrigin {
    SheetName,
    Title,
    FileName,
    Manual,
    /// The heading over one of several tables on a sheet, each under its own place.
    BlockHeading,
}

impl RegionOrigin {
    pub fn label(self) -> &'static str {
        match self {
            RegionOrigin::SheetName => "工作表名称",
            RegionOrigin::Title => "标题",
            RegionOrigin::FileName => "文件名",
            RegionOrigin::Manual => "手动输入",
            RegionOrigin::BlockHeading => "本表上方的县区名称",
        }
    }
}

/// The region from the source the user chose; `None` when that source names none.
pub fn region_from(
    choice: &super::RegionFrom,
    grid: &RawGrid,
    title: &str,
    file: &str,
) -> Option<(String, RegionOrigin)> {
    use super::RegionFrom;
    match choice {
        RegionFrom::SheetName => {
            region_in(&normalize(&grid.sheet), true).map(|r| (r, RegionOrigin::SheetName))
        }
        RegionFrom::Title => region_in_title_any(title).map(|r| (r, RegionOrigin::Title)),
        RegionFrom::FileName => {
            let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
            region_in(&normalize(stem), true).map(|r| (r, RegionOrigin::FileName))
        }
        RegionFrom::Manual(name) => {
            let name = crate::model::normalize_region_name(name);
            (!name.is_empty()).then_some((name, RegionOrigin::Manual))
        }
    }
}

/// The region a table without a region column is about: the sheet name, else the title
/// ("…（青山区）", "青山区2023年1-2月…"), else the file name.
pub fn table_region(sheet: &str, title: &str, file: &str) -> Option<(String, RegionOrigin)> {
    region_in(&normalize(sheet), true)
        .map(|r| (r, RegionOrigin::SheetName))
        .or_else(|| region_in(title, false).map(|r| (r, RegionOrigin::Title)))
        .or_else(|| {
            let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
            region_in(&normalize(stem), true).map(|r| (r, RegionOrigin::FileName))
        })
        // "临江市2023年1-2月…" alone: a county-level city's own table, or the city's; the
        // note says which was taken, and the user can correct it.
        .or_else(|| region_in_title_any(title).map(|r| (r, RegionOrigin::Title)))
}

fn region_in_title_any(title: &str) -> Option<String> {
    region_in(title, false).or_else(|| {
        let chars: Vec<char> = title.chars().collect();
        let i = chars.iter().position(|&c| c == '市')?;
        let start = (0..i)
            .rev()
            .take_while(|&j| is_name_char(chars[j]))
            .last()?;
        Some(chars[start..=i].iter().collect())
    })
}

/// The last place name (…区, …县, …旗, …市) in normalised text. A title that names only
/// "某某市" names the city, not a region, unless the name is in brackets; a sheet or file
/// name that does (`lone_city_ok`) names a county-level city.
pub fn region_in(text: &str, lone_city_ok: bool) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found: Vec<(String, bool)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, '区' | '县' | '旗' | '市') {
            continue;
        }
        let start = (0..i)
            .rev()
            .take_while(|&j| {
                let c = chars[j];
                i - j <= 7
                    && if lone_city_ok {
                        // A sheet or file name holds little else: any Chinese but the period's.
                        ('\u{4E00}'..='\u{9FFF}').contains(&c)
                            && !"年月全各本县区的和及与".contains(c)
                    } else {
                        is_name_char(c)
                    }
            })
            .last();
        let Some(start) = start else { continue };
        // "青川市青山区": the run before 区 starts after the city's 市, unless that leaves
        // less than a name ("沙市区", "荆州市沙市区").
        let start = (start..i)
            .rev()
            .filter(|&j| matches!(chars[j], '市' | '省' | '州') && i - j > 2)
            .map(|j| j + 1)
            .next()
            .unwrap_or(start);
        if i - start < 2 {
            continue;
        }
        let name: String = chars[start..=i].iter().collect();
        let bracketed = start > 0 && matches!(chars[start - 1], '(' | '[');
        found.push((name, bracketed));
    }
    let (last, bracketed) = found.last()?.clone();
    let lone_city = last.ends_with('市') && found.len() == 1 && !bracketed;
    (!lone_city || lone_city_ok).then_some(last)
}

fn is_name_char(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        && !"年月全各本省县区的和及与规模以上工业企业主要指标".contains(c)
}

#[cfg(test)]
mod tests {
    use super::city_name;

    #[test]
    fn a_period_label_beside_a_date_cell_names_its_month() {
        use crate::ingest::grid::{Cell, RawGrid};
        let text = |t: &str| Cell::Text(t.into());
        let grid = RawGrid::from_rows(
            "S",
            vec![
                vec![text("规上工业企业产值"), Cell::Empty, Cell::Empty],
                // 2023-02-28 as a date cell; a 填报日期 beside it is a date, not the period.
                vec![text("报告期："), Cell::Number(44985.0), text("填报日期")],
                vec![text("企业名称"), text("县区"), text("1-本月")],
                vec![text("甲公司"), text("青山区"), Cell::Number(1.0)],
            ],
        );
        let header = super::super::header::detect(&grid).unwrap();
        let ctx = super::read(&grid, &header, "产值.xlsx");
        assert_eq!(ctx.period, Some(crate::model::Period::new(2023, 2)));
        assert_eq!(ctx.period_source, Some("报告期标注"));
    }

    #[test]
    fn city_from_titles() {
        assert_eq!(
            city_name("示例市2023年1-2月规模以上工业企业"),
            Some("示例市".into())
        );
        assert_eq!(
            city_name("2023年1-2月示例市规模以上工业企业主要指标"),
            Some("示例市".into())
        );
        assert_eq!(city_name("2023年1-2月全市规模以上工业企业主要指标"), None);
        assert_eq!(city_name("全省各市规模以上工业增加值增速"), None);
        assert_eq!(city_name("沙市区2023年1-2月规模以上工业企业"), None);
    }

    #[test]
    fn regions_from_sheet_title_and_file_names() {
        use super::{region_in, table_region, RegionOrigin};
        assert_eq!(region_in("青山区", true), Some("青山区".into()));
        assert_eq!(
            region_in("2023年1-2月规模以上工业企业主要指标(青山区)", false),
            Some("青山区".into())
        );
        assert_eq!(
            region_in("青山区2023年1-2月规模以上工业企业", false),
            Some("青山区".into())
        );
        assert_eq!(
            region_in("青川市青山区2023年1-2月规上企业", false),
            Some("青山区".into())
        );
        assert_eq!(
            region_in("青川市临江市2023年1-2月规上企业", false),
            Some("临江市".into())
        );
        assert_eq!(region_in("青川市2023年1-2月规上企业", false), None);
        assert_eq!(region_in("临江市", true), Some("临江市".into()));
        assert_eq!(region_in("沙市区", true), Some("沙市区".into()));
        assert_eq!(region_in("荆州市沙市区1-2月", true), Some("沙市区".into()));
        assert_eq!(region_in("上饶县1-2月", true), Some("上饶县".into()));
        assert_eq!(region_in("2023年1-2月全市规模以上工业企业", false), None);
        assert_eq!(region_in("sheet1", true), None);
        assert_eq!(region_in("各县(市、区)", true), None);
        assert_eq!(
            table_region("Sheet1", "2023年1-2月规上企业", "临江市1-2月.xlsx"),
            Some(("临江市".into(), RegionOrigin::FileName))
        );
    }
}
