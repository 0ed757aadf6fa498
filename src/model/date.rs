//! A calendar date (the ledgers' 截止时间 and 预计复产时间, the CLI's `--as-of`), read from
//! an Excel serial number or from the ways bureaus type dates. No time zone: a deadline
//! is a day.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A real day of the Gregorian calendar, else `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1900..=2200).contains(&year) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// The date `days` after 1970-01-01 (H. Hinnant's civil-from-days).
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days since 1970-01-01.
    pub fn unix_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// An Excel serial date of the 1900 system (what a date cell reads as). Serial 60 is
    /// Excel's phantom 1900-02-29; every later serial is one day ahead of the calendar.
    pub fn from_excel_serial(serial: f64) -> Option<Date> {
        if !(1.0..=150_000.0).contains(&serial) {
            return None;
        }
        let whole = serial.floor() as i64;
        // 1899-12-30 is day -25569 since 1970, and serial 1 is 1900-01-01 once the
        // phantom leap day is accounted for.
        let days = if whole < 60 { whole + 1 } else { whole } - 25_569;
        let date = Date::from_unix_days(days);
        Date::new(date.year, date.month, date.day)
    }

    /// "2024-03-10", "2024/3/10", "2024.3.10", "2024年3月10日", "20240310"; a date without
    /// a year ("3月10日", "3-10") takes `default_year`.
    pub fn parse(text: &str, default_year: Option<i32>) -> Option<Date> {
        let t: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect();
        let t = t.trim_end_matches(['日', '号']);
        if t.len() == 8 && t.chars().all(|c| c.is_ascii_digit()) {
            let (y, m, d) = (&t[..4], &t[4..6], &t[6..]);
            return Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        }
        let parts: Vec<&str> = t
            .split(['-', '/', '.', '年', '月'])
            .filter(|p| !p.is_empty())
            .collect();
        if parts.iter().any(|p| !p.chars().all(|c| c.is_ascii_digit())) {
            return None;
        }
        let num = |p: &str| p.parse::<i64>().ok();
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 => Date::new(
                num(y)? as i32,
                u32::try_from(num(m)?).ok()?,
                u32::try_from(num(d)?).ok()?,
            ),
            [m, d] if m.len() <= 2 && d.len() <= 2 => Date::new(
                default_year?,
                u32::try_from(num(m)?).ok()?,
                u32::try_from(num(d)?).ok()?,
            ),
            _ => None,
        }
    }

    /// "2024-03-10" (the CLI's `--as-of`) only.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut it = text.trim().split('-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// "3月10日", as the briefing and the page write a deadline of the current year.
    pub fn short_label(&self) -> String {
        format!("{}月{}日", self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn days_round_trip_through_the_calendar() {
        for days in (-25_000..60_000).step_by(7) {
            let d = Date::from_unix_days(days);
            assert_eq!(d.unix_days(), days, "{d}");
        }
        assert_eq!(Date::from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_unix_days(19_782).to_string(), "2024-02-29");
    }

    #[test]
    fn excel_serials_and_typed_dates() {
        assert_eq!(Date::from_excel_serial(45_361.0), Date::new(2024, 3, 10));
        assert_eq!(Date::from_excel_serial(45_361.75), Date::new(2024, 3, 10));
        assert_eq!(Date::from_excel_serial(1.0), Date::new(1900, 1, 1));
        assert_eq!(Date::from_excel_serial(61.0), Date::new(1900, 3, 1));
        assert_eq!(Date::from_excel_serial(0.0), None);
        let want = Date::new(2024, 3, 10);
        for text in [
            "2024-03-10",
            "2024/3/10",
            "2024.3.10",
            "2024年3月10日",
            "２０２４年３月１０日",
            "20240310",
            " 2024-3-10 ",
        ] {
            assert_eq!(Date::parse(text, None), want, "{text}");
        }
        assert_eq!(Date::parse("3月10日", Some(2024)), want);
        assert_eq!(Date::parse("3月10日", None), None);
        for bad in ["", "下周", "2024-02-30", "2024-13-01", "月底前", "10"] {
            assert_eq!(Date::parse(bad, Some(2024)), None, "{bad}");
        }
        assert_eq!(Date::parse_iso("2024-03-10"), want);
        assert_eq!(Date::parse_iso("2024-3-10"), None);
    }
}
