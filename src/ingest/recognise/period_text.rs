//! Periods in titles, sheet names and file names: "2023年1-2月", "2023年2月", "1-2月",
//! "202302", "2023.02", "2023-02", "2023年一季度".

/// What a piece of text says about the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PeriodHint {
    pub year: Option<i32>,
    pub month: Option<u32>,
}

/// Reads a period from normalised text (see `text::normalize`).
pub fn find_period(text: &str) -> PeriodHint {
    let chars: Vec<char> = text.chars().collect();
    let mut hint = PeriodHint::default();
    // Year: four digits starting 19/20 followed by 年, '.', '-', or two more digits.
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
                    hint.year = Some(year);
                    break;
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
    }
}
