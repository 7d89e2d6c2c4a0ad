//! Weighted statistics of a particle population: mean, variance, quantiles, correlation, effective
//! sample size, and the median absolute deviation used to scale distances. All are deterministic
//! (ties broken by position), so the same population gives the same bits.

/// Weighted mean.
pub fn mean(x: &[f64], w: &[f64]) -> f64 {
    let total: f64 = w.iter().sum();
    x.iter().zip(w).map(|(x, w)| x * w).sum::<f64>() / total
}

/// Weighted variance (weights as probabilities, no small-sample correction).
pub fn variance(x: &[f64], w: &[f64]) -> f64 {
    let m = mean(x, w);
    let total: f64 = w.iter().sum();
    x.iter().zip(w).map(|(x, w)| w * (x - m) * (x - m)).sum::<f64>() / total
}

/// Weighted correlation of `x` and `y` (0 when either does not vary).
pub fn correlation(x: &[f64], y: &[f64], w: &[f64]) -> f64 {
    let (mx, my) = (mean(x, w), mean(y, w));
    let total: f64 = w.iter().sum();
    let cov = x.iter().zip(y).zip(w).map(|((x, y), w)| w * (x - mx) * (y - my)).sum::<f64>() / total;
    let (vx, vy) = (variance(x, w), variance(y, w));
    if vx > 0.0 && vy > 0.0 { cov / (vx * vy).sqrt() } else { 0.0 }
}

/// Weighted `q` quantile: each value stands at the middle of its weight on the cumulative scale,
/// linear in between (the unweighted case gives the usual (i + ½)/n plotting positions).
pub fn quantile(x: &[f64], w: &[f64], q: f64) -> f64 {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(a.cmp(&b)));
    let total: f64 = w.iter().sum();
    let mut cum = 0.0;
    let mut prev: Option<(f64, f64)> = None;
    for &i in &order {
        let at = (cum + w[i] / 2.0) / total;
        cum += w[i];
        if at >= q {
            return match prev {
                Some((p_at, p_x)) if at > p_at => p_x + (x[i] - p_x) * (q - p_at) / (at - p_at),
                _ => x[i],
            };
        }
        prev = Some((at, x[i]));
    }
    prev.map(|(_, x)| x).unwrap_or(f64::NAN)
}

/// Effective sample size of normalised or unnormalised weights: (Σw)² / Σw².
pub fn ess(w: &[f64]) -> f64 {
    let s: f64 = w.iter().sum();
    s * s / w.iter().map(|w| w * w).sum::<f64>()
}

/// Median absolute deviation, scaled by 1.4826 to estimate a normal SD (unweighted).
pub fn mad(x: &[f64]) -> f64 {
    let ones = vec![1.0; x.len()];
    let med = quantile(x, &ones, 0.5);
    let dev: Vec<f64> = x.iter().map(|v| (v - med).abs()).collect();
    1.4826 * quantile(&dev, &ones, 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_weights_give_the_ordinary_statistics() {
        let x = [1.0, 2.0, 3.0, 4.0];
        let w = [1.0; 4];
        assert_eq!(mean(&x, &w), 2.5);
        assert_eq!(variance(&x, &w), 1.25);
        assert_eq!(quantile(&x, &w, 0.5), 2.5);
        assert_eq!(quantile(&x, &w, 0.0), 1.0);
        assert_eq!(quantile(&x, &w, 1.0), 4.0);
        assert_eq!(ess(&w), 4.0);
        assert!((correlation(&x, &[2.0, 4.0, 6.0, 8.0], &w) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_heavy_weight_pulls_the_quantiles_towards_its_value() {
        let x = [1.0, 2.0, 3.0];
        assert!(quantile(&x, &[1.0, 1.0, 98.0], 0.5) > 2.95);
        assert!(ess(&[1.0, 1.0, 98.0]) < 1.1);
    }

    #[test]
    fn mad_estimates_the_spread_and_ignores_outliers() {
        let x = [-1.0, -0.5, 0.0, 0.5, 1.0, 1000.0];
        assert!(mad(&x) < 1.5);
    }
}
