//! Confidence intervals for a mean: Student-t with n − 1 degrees of freedom (statrs), so small
//! samples get honest widths (at n = 2 the 95% half-width is 12.7 standard errors, not 1.96).

use statrs::distribution::{ContinuousCDF, StudentsT};

/// A sample's mean, spread and 95% interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeanInterval {
    /// Number of values.
    pub n: usize,
    pub mean: f64,
    /// Sample standard deviation (n − 1 in the denominator); NaN for fewer than two values.
    pub sd: f64,
    /// Half-width of the 95% interval: t(0.975, n − 1) · sd / √n; NaN for fewer than two values.
    pub half_width: f64,
}

/// The two-sided 95% quantile of Student's t with `df` degrees of freedom (t(0.975, df)).
pub fn t_975(df: f64) -> f64 {
    match StudentsT::new(0.0, 1.0, df) {
        Ok(t) => t.inverse_cdf(0.975),
        Err(_) => f64::NAN,
    }
}

/// Mean, SD and Student-t 95% half-width of a sample.
pub fn mean_interval(v: &[f64]) -> MeanInterval {
    let n = v.len();
    if n == 0 {
        return MeanInterval { n, mean: f64::NAN, sd: f64::NAN, half_width: f64::NAN };
    }
    let mean = v.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return MeanInterval { n, mean, sd: f64::NAN, half_width: f64::NAN };
    }
    let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
    let half_width = if sd == 0.0 { 0.0 } else { t_975((n - 1) as f64) * sd / (n as f64).sqrt() };
    MeanInterval { n, mean, sd, half_width }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_t_quantiles_match_the_tables_for_one_and_nine_degrees_of_freedom() {
        // t(0.975, 1) = 12.7062047, t(0.975, 9) = 2.2621572 (standard tables).
        assert!((t_975(1.0) - 12.706_204_736).abs() < 1e-6, "{}", t_975(1.0));
        assert!((t_975(9.0) - 2.262_157_163).abs() < 1e-6, "{}", t_975(9.0));
        assert!((t_975(29.0) - 2.045_229_642).abs() < 1e-6, "{}", t_975(29.0));
        assert!((t_975(99.0) - 1.984_216_952).abs() < 1e-6, "{}", t_975(99.0));
    }

    #[test]
    fn an_interval_over_two_values_is_twelve_point_seven_standard_errors_wide() {
        // Values 1 and 3: mean 2, sd √2, se 1, half-width t(0.975, 1) = 12.706.
        let i = mean_interval(&[1.0, 3.0]);
        assert_eq!((i.n, i.mean), (2, 2.0));
        assert!((i.sd - 2f64.sqrt()).abs() < 1e-12);
        assert!((i.half_width - 12.706_204_736).abs() < 1e-6, "{i:?}");
    }

    #[test]
    fn an_interval_over_ten_values_uses_nine_degrees_of_freedom() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        let i = mean_interval(&v);
        let sd = (v.iter().map(|x| (x - 5.5f64).powi(2)).sum::<f64>() / 9.0).sqrt();
        assert!((i.half_width - 2.262_157_163 * sd / 10f64.sqrt()).abs() < 1e-6, "{i:?}");
    }

    #[test]
    fn one_value_has_a_mean_but_no_interval() {
        let i = mean_interval(&[4.0]);
        assert_eq!(i.mean, 4.0);
        assert!(i.half_width.is_nan() && i.sd.is_nan());
    }
}
