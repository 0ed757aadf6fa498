//! What the rows above a header say: the period, the money unit and the city's name.

use super::grid::RawGrid;
use super::header::HeaderBlock;
use super::period_text::{find_period, PeriodHint};
use super::text::normalize;
use super::units::{unit_statement, MoneyUnit};
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
}

/// Reads title rows, sheet name and file name; the earlier source wins.
pub fn read(grid: &RawGrid, header: &HeaderBlock, file: &str) -> SheetContext {
    let mut title = String::new();
    let mut unit = None;
    for r in 0..header.first_row {
        for cell in grid.row(r) {
            if let Some(t) = cell.as_text() {
                let key = normalize(t);
                unit = unit.or_else(|| unit_statement(&key));
                title.push_str(&key);
                title.push(' ');
            }
        }
    }
    // A unit stated inside the header block ("单位：万元" in a corner cell) counts too.
    for key in &header.keys {
        unit = unit.or_else(|| unit_statement(key));
    }
    let file_key = normalize(file);
    let sources: [(&'static str, PeriodHint); 4] = [
        ("标题", find_period(&title)),
        ("工作表名", find_period(&normalize(&grid.sheet))),
        ("文件名", find_period(&file_key)),
        (
            "表头",
            header
                .keys
                .iter()
                // A forecast column ("预计3月") names the next month, not the period.
                .filter(|k| !k.contains("预计"))
                .map(|k| find_period(k))
                .find(|h| h.month.is_some())
                .unwrap_or_default(),
        ),
    ];
    let year = sources.iter().find_map(|(_, h)| h.year);
    let month_source = sources.iter().find(|(_, h)| h.month.is_some());
    let period = match (year, month_source) {
        (Some(y), Some((_, h))) => h.month.map(|m| Period::new(y, m)),
        _ => None,
    };
    let complete: Vec<(&str, Period)> = sources
        .iter()
        .filter_map(|(s, h)| Some((*s, Period::new(h.year.or(year)?, h.month?))))
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
        period_conflict,
        city: city_name(&title),
        title,
        unit,
        period,
        period_source: month_source.map(|(s, _)| *s),
    }
}

/// "示例市2023年1-2月规模以上…" or "2023年1-2月示例市规模以上…" → "示例市".
pub fn city_name(title: &str) -> Option<String> {
    let chars: Vec<char> = title.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != '市' {
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

fn is_name_char(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        && !"年月全各本省县区的和及与规模以上工业企业主要指标".contains(c)
}

#[cfg(test)]
mod tests {
    use super::city_name;

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
    }
}
