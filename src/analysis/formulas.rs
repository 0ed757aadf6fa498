//! Every indicator's formula, once, as docs/口径说明.md states it.
//! Callers sum; these divide. Nothing here rounds: a figure is rounded only where it is
//! shown (`report::format`).

/// Growth (同比): `(x / x_prior - 1) * 100`; `None` when the base is 0 (or not finite).
pub fn growth_pct(x: f64, base: f64) -> Option<f64> {
    (base != 0.0 && base.is_finite() && x.is_finite()).then(|| (x / base - 1.0) * 100.0)
}

/// Share (占比): `part / whole * 100`; `None` when the whole is 0.
pub fn share_pct(part: f64, whole: f64) -> Option<f64> {
    (whole != 0.0 && whole.is_finite()).then(|| part / whole * 100.0)
}

/// Pull (拉动), in 百分点: a part's change over the whole's base,
/// `(x_i - x_prior_i) / x_prior * 100`; `None` when the base is 0. The pulls of parts that
/// make up the whole add up to its growth. `change` is the part's change, summed however
/// the caller's parts are (per enterprise, or as totals).
pub fn pull_pp(change: f64, whole_prior: f64) -> Option<f64> {
    share_pct(change, whole_prior)
}

/// Contribution (贡献率), %: a part's change over the whole's change,
/// `(x_i - x_prior_i) / (x - x_prior) * 100`; `None` when the whole did not change.
pub fn contribution_pct(change: f64, whole_change: f64) -> Option<f64> {
    share_pct(change, whole_change)
}

/// 增长面: the share of enterprises whose month output grew, %.
pub fn growth_breadth_pct(increased: usize, enterprises: usize) -> Option<f64> {
    share_pct(increased as f64, enterprises as f64)
}

/// A difference of two rates in 百分点 (高于全省…, 距目标…): `a - b`.
pub fn difference_pp(a: f64, b: f64) -> f64 {
    a - b
}

/// `base` grown by `growth_pct`: `base * (1 + g / 100)` (a target's required output, a
/// growth carried on).
pub fn grown(base: f64, growth_pct: f64) -> f64 {
    base * (1.0 + growth_pct / 100.0)
}

/// What one 百分点 of growth over `base` is worth, in `base`'s unit.
pub fn worth_of_one_pp(base: f64) -> f64 {
    base / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions() {
        assert_eq!(growth_pct(110.0, 100.0), Some(10.000000000000009));
        assert_eq!(growth_pct(1.0, 0.0), None);
        assert_eq!(pull_pp(5.0, 200.0), Some(2.5));
        assert_eq!(contribution_pct(5.0, 0.0), None);
        assert_eq!(growth_breadth_pct(3, 4), Some(75.0));
        assert_eq!(grown(200.0, 10.0), 220.00000000000003);
        assert_eq!(worth_of_one_pp(250.0), 2.5);
    }

    #[test]
    fn the_pulls_of_parts_add_up_to_the_growth() {
        let parts = [(30.0, 25.0), (50.0, 55.0), (20.0, 10.0)];
        let (now, prior) = parts
            .iter()
            .fold((0.0, 0.0), |(a, b), p| (a + p.0, b + p.1));
        let pulls: f64 = parts.iter().filter_map(|p| pull_pp(p.0 - p.1, prior)).sum();
        assert!((pulls - growth_pct(now, prior).unwrap()).abs() < 1e-9);
    }
}
