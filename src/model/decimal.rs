//! Display rounding: 四舍五入 (half away from zero) on the decimal value the user sees,
//! never Rust's `{:.1}` on a binary float (which turns 0.25 into "0.2"). In `model` so
//! that the messages analysis writes round as the reports do; `report::format` builds the
//! report conventions on it.

/// `value` with `decimals` digits, rounded half away from zero on its shortest decimal
/// representation, so 0.25 → "0.3", 1.005 → "1.01", -2.25 → "-2.3". Negative zero
/// prints as "0.0".
pub fn fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    // Rust's Display prints the shortest string that reads back as the same f64, with no
    // exponent: exactly the decimal the user typed or Excel showed.
    let text = format!("{}", value.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits: Vec<u8> = int_part
        .bytes()
        .chain(
            frac_part
                .bytes()
                .chain(std::iter::repeat(b'0'))
                .take(decimals),
        )
        .map(|b| b - b'0')
        .collect();
    let round_up = frac_part
        .as_bytes()
        .get(decimals)
        .is_some_and(|&b| b >= b'5');
    if round_up {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - decimals;
    let int_digits: String = digits[..split].iter().map(|d| (d + b'0') as char).collect();
    let frac_digits: String = digits[split..].iter().map(|d| (d + b'0') as char).collect();
    let is_zero = digits.iter().all(|&d| d == 0);
    let sign = if value < 0.0 && !is_zero { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{int_digits}")
    } else {
        format!("{sign}{int_digits}.{frac_digits}")
    }
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn half_away_from_zero_on_the_decimal_value() {
        assert_eq!(fixed(0.25, 1), "0.3");
        assert_eq!(fixed(0.35, 1), "0.4");
        assert_eq!(fixed(1.005, 2), "1.01");
        assert_eq!(fixed(-2.25, 1), "-2.3");
        assert_eq!(fixed(9.96, 1), "10.0");
        assert_eq!(fixed(99.95, 1), "100.0");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(217.5, 1), "217.5");
        assert_eq!(fixed(3.0, 0), "3");
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(13.4545, 2), "13.45");
        assert_eq!(fixed(1e-7, 1), "0.0");
        assert_eq!(fixed(f64::NAN, 1), "—");
    }
}
