//! The two ratios everything is built from.

/// `(x / base - 1) * 100`; `None` when the base is 0 (or not finite).
pub fn growth_pct(x: f64, base: f64) -> Option<f64> {
    (base != 0.0 && base.is_finite() && x.is_finite()).then(|| (x / base - 1.0) * 100.0)
}

/// `part / whole * 100`; `None` when the whole is 0.
pub fn share_pct(part: f64, whole: f64) -> Option<f64> {
    (whole != 0.0 && whole.is_finite()).then(|| part / whole * 100.0)
}
