//! The one way quarter targets come to be: from the CLI's flags, the page's form or a
//! 目标任务 sheet, every value is checked here, so what one refuses all refuse.

use super::tables::Targets;
use thiserror::Error;

/// Why targets cannot be right.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum TargetError {
    #[error("季末月应为 1 到 12 之间的月份（一般为 3、6、9、12），而不是 {0}")]
    QuarterEnd(u32),
    #[error("{0}不是有效的数字")]
    NotFinite(&'static str),
    #[error("上年同期季度累计产值应大于 0（单位：亿元），而不是 {0}")]
    PriorNotPositive(f64),
    #[error("{what}为 {value}%，不在 -100% 到 100% 之间，不可能达到；请核对")]
    Implausible { what: &'static str, value: f64 },
    #[error("上年同期季度累计产值 {typed} 亿元低于已载入的上年同期累计产值 {loaded:.1} 亿元，不可能；请核对口径和单位")]
    PriorBelowLoaded { typed: f64, loaded: f64 },
    #[error("上年同期季度累计产值 {typed} 亿元是已载入的上年同期累计产值（{loaded:.1} 亿元）的 {ratio:.0} 倍，{hint}")]
    PriorTooLarge {
        typed: f64,
        loaded: f64,
        ratio: f64,
        hint: String,
    },
}

impl Targets {
    /// Checked targets: a month, finite numbers, a positive prior output, growth targets
    /// that can be met at all.
    pub fn new(
        quarter_end_month: u32,
        output_growth_target_pct: f64,
        prior_quarter_output: f64,
        value_added_growth_target_pct: Option<f64>,
    ) -> Result<Targets, TargetError> {
        if !(1..=12).contains(&quarter_end_month) {
            return Err(TargetError::QuarterEnd(quarter_end_month));
        }
        let growth = |what: &'static str, value: f64| {
            if !value.is_finite() {
                Err(TargetError::NotFinite(what))
            } else if !(-100.0..=100.0).contains(&value) || value == -100.0 {
                Err(TargetError::Implausible { what, value })
            } else {
                Ok(value)
            }
        };
        growth("产值增速目标", output_growth_target_pct)?;
        if let Some(va) = value_added_growth_target_pct {
            growth("增加值增速目标", va)?;
        }
        if !prior_quarter_output.is_finite() {
            return Err(TargetError::NotFinite("上年同期季度累计产值"));
        }
        if prior_quarter_output <= 0.0 {
            return Err(TargetError::PriorNotPositive(prior_quarter_output));
        }
        Ok(Targets {
            quarter_end_month,
            output_growth_target_pct,
            prior_quarter_output,
            value_added_growth_target_pct,
        })
    }

    /// The prior quarter output against the loaded table's 上年同期 1-`month` output: the
    /// quarter's total cannot be below it, nor many times it (a figure typed in 万元 for
    /// 亿元 is ten thousand times); the message names the unit it looks like.
    pub fn check_prior_against(
        &self,
        loaded_prior_cum: f64,
        month: u32,
    ) -> Result<(), TargetError> {
        if loaded_prior_cum <= 0.0 || month == 0 || month > self.quarter_end_month {
            return Ok(());
        }
        let typed = self.prior_quarter_output;
        // Loaded figures are rounded to the file's unit: a hair below is the same figure.
        if typed < loaded_prior_cum * 0.999 {
            return Err(TargetError::PriorBelowLoaded {
                typed,
                loaded: loaded_prior_cum,
            });
        }
        // The months still to come can at most be a few times the months loaded.
        let most = loaded_prior_cum * 4.0 * f64::from(self.quarter_end_month) / f64::from(month);
        if typed <= most {
            return Ok(());
        }
        let ratio = typed / loaded_prior_cum;
        let unit = [(1e4, "万元"), (1e5, "千元"), (1e8, "元")]
            .into_iter()
            .find(|(per_yi, _)| {
                let as_yi = typed / per_yi;
                as_yi >= loaded_prior_cum * 0.999 && as_yi <= most
            });
        let hint = match unit {
            Some((per_yi, unit)) => format!(
                "看起来是按{unit}填写的（折合 {:.1} 亿元）；请以亿元填写",
                typed / per_yi
            ),
            None => "不可能；请核对口径和单位（亿元）".into(),
        };
        Err(TargetError::PriorTooLarge {
            typed,
            loaded: loaded_prior_cum,
            ratio,
            hint,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_cannot_be_right_is_refused() {
        assert!(Targets::new(3, 10.0, 338.5, Some(8.0)).is_ok());
        assert_eq!(
            Targets::new(13, 10.0, 338.5, None),
            Err(TargetError::QuarterEnd(13))
        );
        assert_eq!(
            Targets::new(3, f64::NAN, 338.5, None),
            Err(TargetError::NotFinite("产值增速目标"))
        );
        assert!(matches!(
            Targets::new(3, f64::INFINITY, 338.5, None),
            Err(TargetError::NotFinite(_))
        ));
        assert!(matches!(
            Targets::new(3, 150.0, 338.5, None),
            Err(TargetError::Implausible { value, .. }) if value == 150.0
        ));
        assert_eq!(
            Targets::new(3, 10.0, -5.0, None),
            Err(TargetError::PriorNotPositive(-5.0))
        );
        assert!(Targets::new(3, 10.0, 0.0, None).is_err());
        assert!(Targets::new(3, 10.0, 338.5, Some(f64::NAN)).is_err());
    }

    #[test]
    fn a_prior_output_in_wan_yuan_is_named_as_such() {
        let t = Targets::new(3, 10.0, 3_385_000.0, None).unwrap();
        let e = t.check_prior_against(200.2, 2).unwrap_err().to_string();
        assert!(e.contains("万元") && e.contains("338.5 亿元"), "{e}");
        let t = Targets::new(3, 10.0, 150.0, None).unwrap();
        assert!(matches!(
            t.check_prior_against(200.2, 2),
            Err(TargetError::PriorBelowLoaded { .. })
        ));
        let t = Targets::new(3, 10.0, 338.5, None).unwrap();
        assert_eq!(t.check_prior_against(200.2, 2), Ok(()));
    }
}
