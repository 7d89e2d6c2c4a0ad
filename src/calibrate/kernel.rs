//! The perturbation kernel of population Monte Carlo ABC (Beaumont, Cornuet, Marin & Robert 2009,
//! Biometrika 96(4)): each parameter moves by a normal step with twice the population's weighted
//! variance, truncated to the prior's box in the working space so a proposal never leaves the
//! prior's support. The truncation is normalised exactly, so the importance weights stay exact.

use crate::rng::Stream;
use statrs::distribution::{ContinuousCDF, Normal};

fn std_normal() -> Normal {
    Normal::new(0.0, 1.0).expect("the standard normal exists")
}

/// A normal step of `sd` around `centre`, truncated to [lo, hi].
#[derive(Clone, Copy, Debug)]
pub struct Truncated {
    pub centre: f64,
    pub sd: f64,
    pub lo: f64,
    pub hi: f64,
    /// The mass of the untruncated normal inside [lo, hi].
    mass: f64,
}

impl Truncated {
    pub fn new(centre: f64, sd: f64, lo: f64, hi: f64) -> Truncated {
        let n = std_normal();
        let mass = n.cdf((hi - centre) / sd) - n.cdf((lo - centre) / sd);
        Truncated { centre, sd, lo, hi, mass }
    }

    /// One draw, by inverting the CDF (mirrored so the far tail is computed from the near side).
    pub fn sample(&self, rng: &mut Stream) -> f64 {
        let n = std_normal();
        let (a, b) = ((self.lo - self.centre) / self.sd, (self.hi - self.centre) / self.sd);
        // Work on the side of 0 with the larger CDF resolution.
        let flip = a > 0.0;
        let (a, b) = if flip { (-b, -a) } else { (a, b) };
        let (ca, cb) = (n.cdf(a), n.cdf(b));
        let z = if cb > ca { n.inverse_cdf(ca + rng.unit() * (cb - ca)) } else { a };
        let z = if flip { -z } else { z };
        (self.centre + z * self.sd).clamp(self.lo, self.hi)
    }

    /// Its density at `x` (0 outside [lo, hi]).
    pub fn density(&self, x: f64) -> f64 {
        if x < self.lo || x > self.hi {
            return 0.0;
        }
        if self.mass <= 0.0 {
            return 0.0;
        }
        let z = (x - self.centre) / self.sd;
        libm::exp(-0.5 * z * z) / (self.sd * self.mass * (2.0 * std::f64::consts::PI).sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Purpose;

    #[test]
    fn draws_stay_inside_the_box_and_follow_the_density() {
        let k = Truncated::new(0.9, 0.3, 0.0, 1.0);
        let mut rng = Stream::new(1, 2, 3, Purpose::CalibrationProposal);
        let draws: Vec<f64> = (0..20_000).map(|_| k.sample(&mut rng)).collect();
        assert!(draws.iter().all(|x| (0.0..=1.0).contains(x)));
        let above = draws.iter().filter(|&&x| x > 0.8).count() as f64 / draws.len() as f64;
        // The density integrates to the share above 0.8 (midpoint rule).
        let expected: f64 = (0..200).map(|i| k.density(0.8 + (i as f64 + 0.5) * 0.001)).sum::<f64>() * 0.001;
        assert!((above - expected).abs() < 0.015, "{above} vs {expected}");
        let total: f64 = (0..1000).map(|i| k.density((i as f64 + 0.5) * 0.001)).sum::<f64>() * 0.001;
        assert!((total - 1.0).abs() < 1e-3, "{total}");
    }

    #[test]
    fn a_box_far_in_the_tail_still_gives_draws_inside_it() {
        let k = Truncated::new(0.0, 0.01, 0.5, 0.6);
        let mut rng = Stream::new(1, 2, 3, Purpose::CalibrationProposal);
        assert!((0..100).map(|_| k.sample(&mut rng)).all(|x| (0.5..=0.6).contains(&x)));
    }
}
