//! Periods in titles, sheet names and file names: "2023年1-2月", "2023年2月", "1-2月",
//! "202302", "2023.02", "2023-02", "2023年一季度".

/// What a piece of text says about the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PeriodHint {
    pub year: Option<i32>,
    pub month: Option<u32>,
}

/// Words that introduce a date ("截至2023年3月10日", "打印时间：2023-03-10"): what
/// follows is when the sheet was made, never the period it reports. "截至" is "截-" once
/// normalised.
const DATE_LABELS: &[&str] = &[
    "截-",
    "截止",
    "填报日期",
    "填报时间",
    "填表日期",
    "填表时间",
    "打印时间",
    "打印日期",
    "制表日期",
    "制表时间",
    "报送日期",
    "报送时间",
    "导出时间",
    "生成时间",
    "更新时间",
];

/// Words that name the reporting period explicitly ("报告期：2023年1-2月").
pub const PERIOD_LABELS: &[&str] = &[
    "统计时段",
    "报告期",
    "统计期",
    "数据时间",
    "统计时间",
    "报表期",
    "所属期",
    "数据期",
];

/// The period named right after an explicit label ("报告期:2023年1-2月"), if any.
pub fn labelled_period(text: &str) -> PeriodHint {
    for label in PERIOD_LABELS {
        if let Some(at) = text.find(label) {
            let rest = &text[at + label.len()..];
            let rest = rest.trim_start_matches([':', '：', '为', ' ']);
            let end = rest.find([' ', ';', ',', '。', ')']).unwrap_or(rest.len());
            let hint = find_period(&rest[..end]);
            if hint.month.is_some() {
                return hint;
            }
        }
    }
    PeriodHint::default()
}

/// Chinese numerals of a year or a month in Arabic digits: "二〇二三年" → "2023年",
/// "二月" → "2月", "一至十二月" → "1-12月" (至 is already "-"). A numeral before anything
/// else ("一季度", "第一", "三号") is left as written. Borrowed when there is none.
pub fn arabic_numerals(text: &str) -> std::borrow::Cow<'_, str> {
    const DIGITS: &str = "〇零一二三四五六七八九";
    let digit = |c: char| {
        DIGITS
            .chars()
            .position(|d| d == c)
            .map(|i| i.saturating_sub(1) as u32)
    };
    if !text.chars().any(|c| digit(c).is_some() || c == '十') {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && (digit(chars[i]).is_some() || chars[i] == '十') {
            i += 1;
        }
        if start == i {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = &chars[start..i];
        let next = chars.get(i).copied();
        let value = match (run.len(), next) {
            // A year digit by digit: 二〇二三.
            (4, Some('年')) if !run.contains(&'十') => {
                Some(run.iter().fold(0, |v, c| v * 10 + digit(*c).unwrap_or(0)))
            }
            // A month: 二, 十, 十一, 十二; before 月, or before "-…月".
            (1..=2, Some('月' | '-')) => match run {
                ['十'] => Some(10),
                ['十', d] => digit(*d).map(|d| 10 + d),
                [d] => digit(*d).filter(|d| *d >= 1),
                _ => None,
            },
            _ => None,
        };
        match value {
            Some(v) => out.push_str(&v.to_string()),
            None => out.extend(run),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The text with every full date and every date-labelled run taken out: "…年…月…日",
/// "3月10日", "2023-03-10", "截至2023年3月". Borrowed when there is none.
pub fn without_dates(text: &str) -> std::borrow::Cow<'_, str> {
    let has_label = DATE_LABELS.iter().any(|l| text.contains(l));
    if !has_label && !text.contains(['日', '号', '-', '/', '.']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut keep = vec![true; chars.len()];
    let is_date_char = |c: char| c.is_ascii_digit() || "年月日号-./:底末止前".contains(c);
    // Labelled runs.
    for label in DATE_LABELS {
        let label: Vec<char> = label.chars().collect();
        let mut i = 0;
        while i + label.len() <= chars.len() {
            if chars[i..i + label.len()] == label[..] {
                let mut j = i + label.len();
                while j < chars.len() && (chars[j] == ':' || chars[j] == '：') {
                    j += 1;
                }
                while j < chars.len() && is_date_char(chars[j]) {
                    j += 1;
                }
                keep[i..j].iter_mut().for_each(|k| *k = false);
                i = j;
            } else {
                i += 1;
            }
        }
    }
    // "…月…日": walk back from 日 over the day, 月, the month and an optional year.
    for (i, &c) in chars.iter().enumerate() {
        if c != '日' && c != '号' {
            continue;
        }
        let mut j = i;
        let digits_back = |j: &mut usize| {
            let end = *j;
            while *j > 0 && chars[*j - 1].is_ascii_digit() {
                *j -= 1;
            }
            end - *j
        };
        if digits_back(&mut j) == 0 || j == 0 || chars[j - 1] != '月' {
            continue;
        }
        j -= 1;
        if digits_back(&mut j) == 0 {
            continue;
        }
        if j > 0 && chars[j - 1] == '年' {
            let mut y = j - 1;
            if digits_back(&mut y) == 4 {
                j = y;
            }
        }
        keep[j..=i].iter_mut().for_each(|k| *k = false);
    }
    // "2023-03-10", "2023/3/10", "2023.03.10": three numbers.
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let mut parts = 0;
        let mut sep = None;
        let mut j = i;
        loop {
            let d0 = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            if j == d0 {
                break;
            }
            parts += 1;
            match chars.get(j) {
                Some(&s) if matches!(s, '-' | '/' | '.') && sep.is_none_or(|x| x == s) => {
                    sep = Some(s);
                    j += 1;
                }
                _ => break,
            }
        }
        let four_digit_year = chars[start..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
            == 4;
        if parts >= 3 && four_digit_year && (start == 0 || !chars[start - 1].is_ascii_digit()) {
            keep[start..j].iter_mut().for_each(|k| *k = false);
            i = j.max(start + 1);
        } else {
            i = start + 1;
        }
    }
    if keep.iter().all(|k| *k) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        chars
            .iter()
            .zip(keep)
            .map(|(&c, k)| if k { c } else { ' ' })
            .collect(),
    )
}

/// Reads a period from normalised text (see `text::normalize`). Dates are not periods.
pub fn find_period(text: &str) -> PeriodHint {
    let text = arabic_numerals(text);
    let text = without_dates(&text);
    let text = text.as_ref();
    let chars: Vec<char> = text.chars().collect();
    let mut hint = PeriodHint::default();
    // Year: four digits starting 19/20 followed by 年, '.', '-', or two more digits. A
    // year whose 年 a month follows ("2023年1-2月") outranks an earlier bare one
    // ("2022年版口径 … 2023年2月").
    let mut i = 0;
    while i + 4 <= chars.len() {
        let run: String = chars[i..i + 4].iter().collect();
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        if before_ok
            && run.chars().all(|c| c.is_ascii_digit())
            && (run.starts_with("19") || run.starts_with("20"))
        {
            let year: i32 = run.parse().unwrap_or(0);
            let rest = &chars[i + 4..];
            match rest.first() {
                Some('年') => {
                    let after: String = rest[1..].iter().collect();
                    if let Some(month) = month_at_start(&after) {
                        return PeriodHint {
                            year: Some(year),
                            month: Some(month),
                        };
                    }
                    hint.year.get_or_insert(year);
                }
                Some('.') | Some('-') | Some('/') => {
                    let m = leading_number(&rest[1..]);
                    if let Some((m, _)) = m.filter(|(m, _)| (1..=12).contains(m)) {
                        return PeriodHint {
                            year: Some(year),
                            month: Some(m),
                        };
                    }
                }
                Some(c) if c.is_ascii_digit() => {
                    let m = leading_number(rest);
                    if let Some((m, 2)) = m {
                        if (1..=12).contains(&m) {
                            return PeriodHint {
                                year: Some(year),
                                month: Some(m),
                            };
                        }
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    hint.month = find_month(text);
    hint
}

/// The month of a span that `text` opens with ("1-2月…", "2月…", "一季度…"), if any.
fn month_at_start(text: &str) -> Option<u32> {
    let chars: Vec<char> = text.chars().collect();
    let opens_with_span = match leading_number(&chars) {
        Some((_, len)) => matches!(chars.get(len), Some('月' | '-' | '—' | '~' | '至')),
        None => [
            "第一季度",
            "一季度",
            "二季度",
            "上半年",
            "三季度",
            "前三季度",
            "四季度",
        ]
        .iter()
        .any(|w| text.starts_with(w)),
    };
    opens_with_span.then(|| find_month(text)).flatten()
}

/// The last month of a span ("1-2月" → 2, "2月" → 2, "一季度" → 3, "上半年" → 6).
fn find_month(text: &str) -> Option<u32> {
    for (word, month) in [
        ("一季度", 3),
        ("第一季度", 3),
        ("二季度", 6),
        ("上半年", 6),
        ("三季度", 9),
        ("前三季度", 9),
        ("四季度", 12),
        ("全年", 12),
    ] {
        if text.contains(word) {
            return Some(month);
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != '月' || i == 0 {
            continue;
        }
        // Walk back over the digits before 月.
        let mut start = i;
        while start > 0 && chars[start - 1].is_ascii_digit() {
            start -= 1;
        }
        if start == i {
            continue;
        }
        let month: u32 = chars[start..i].iter().collect::<String>().parse().ok()?;
        if (1..=12).contains(&month) {
            return Some(month);
        }
    }
    None
}

fn leading_number(chars: &[char]) -> Option<(u32, usize)> {
    let digits: String = chars.iter().take_while(|c| c.is_ascii_digit()).collect();
    let len = digits.len();
    digits.parse().ok().map(|n| (n, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (Option<i32>, Option<u32>) {
        let h = find_period(&crate::ingest::text::normalize(s));
        (h.year, h.month)
    }

    #[test]
    fn every_way_of_writing_a_period() {
        assert_eq!(
            p("2023年1-2月全市规模以上工业企业主要指标"),
            (Some(2023), Some(2))
        );
        assert_eq!(p("2023年1—3月"), (Some(2023), Some(3)));
        assert_eq!(p("2023年2月"), (Some(2023), Some(2)));
        assert_eq!(p("1-2月"), (None, Some(2)));
        assert_eq!(p("企业产值202302.xlsx"), (Some(2023), Some(2)));
        assert_eq!(p("2023.02"), (Some(2023), Some(2)));
        assert_eq!(p("2023-02"), (Some(2023), Some(2)));
        assert_eq!(p("2023年一季度"), (Some(2023), Some(3)));
        assert_eq!(p("规上企业(年主营业务收入2000万元及以上)"), (None, None));
        assert_eq!(p("说明"), (None, None));
        assert_eq!(p("产值表(2022年版口径) 2023年2月"), (Some(2023), Some(2)));
        assert_eq!(p("2022年版口径 1-2月"), (Some(2022), Some(2)));
        // Chinese numerals.
        assert_eq!(p("2023年二月"), (Some(2023), Some(2)));
        assert_eq!(p("二〇二三年一至二月"), (Some(2023), Some(2)));
        assert_eq!(p("2023年一至十一月"), (Some(2023), Some(11)));
        assert_eq!(p("2023年十二月份"), (Some(2023), Some(12)));
        assert_eq!(p("2023年第一季度"), (Some(2023), Some(3)));
        assert_eq!(p("第一产业"), (None, None));
    }

    #[test]
    fn dates_are_never_periods() {
        assert_eq!(p("截至2023年3月10日"), (None, None));
        assert_eq!(p("截止3月底"), (None, None));
        assert_eq!(p("2023年3月10日"), (None, None));
        assert_eq!(p("打印时间：2023-03-10 09:12"), (None, None));
        assert_eq!(p("填报日期:2023.3.8"), (None, None));
        assert_eq!(
            p("2023年1-2月规上工业企业 (截至2023年3月10日)"),
            (Some(2023), Some(2))
        );
        assert_eq!(p("2023-02"), (Some(2023), Some(2)));
        let l = |s: &str| {
            let h = labelled_period(&crate::ingest::text::normalize(s));
            (h.year, h.month)
        };
        assert_eq!(l("报告期：2023年1-3月 单位：千元"), (Some(2023), Some(3)));
        assert_eq!(l("统计时段 1-2月"), (None, Some(2)));
        assert_eq!(l("2023年1-2月"), (None, None));
    }
}
