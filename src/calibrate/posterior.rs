//! What a calibration concludes from its final population: per parameter the weighted median,
//! 50% and 90% intervals and a verdict on identification (the posterior's 90% width over the
//! prior's, in the working space where the prior is flat), the pairwise weighted correlations, and
//! the posterior predictive check of every measure (is the observed value inside the 90% band of
//! runs replayed from posterior draws on fresh seeds?).

use super::abc::Particle;
use super::measures::{Measure, Window};
use super::priors::Parameter;
use super::weighted;

/// Below this width ratio a parameter is *identified*.
pub const IDENTIFIED_BELOW: f64 = 0.5;
/// Below this (and not identified) it is *weakly identified*; at or above, *not identified*.
pub const WEAKLY_BELOW: f64 = 0.8;

/// How much the observed figures narrowed a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Identified,
    WeaklyIdentified,
    NotIdentified,
}

impl Verdict {
    pub fn from_ratio(ratio: f64) -> Verdict {
        if ratio < IDENTIFIED_BELOW {
            Verdict::Identified
        } else if ratio < WEAKLY_BELOW {
            Verdict::WeaklyIdentified
        } else {
            Verdict::NotIdentified
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Identified => "identified",
            Verdict::WeaklyIdentified => "weakly identified",
            Verdict::NotIdentified => "not identified",
        }
    }
}

/// One parameter's posterior.
#[derive(Clone, Debug, PartialEq)]
pub struct Marginal {
    pub parameter: Parameter,
    pub median: f64,
    pub q05: f64,
    pub q25: f64,
    pub q75: f64,
    pub q95: f64,
    /// Posterior 90% width ÷ prior 90% width, in the working space.
    pub width_ratio: f64,
    pub verdict: Verdict,
}

/// The weighted correlation of two parameters (indices into the parameter list), in the working space.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Correlation {
    pub a: usize,
    pub b: usize,
    pub r: f64,
}

/// Whether a measure was fitted or held out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Fitted,
    HeldOut,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Fitted => "fitted",
            Role::HeldOut => "held_out",
        }
    }
}

/// The posterior predictive check of one observed measure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Check {
    pub measure: Measure,
    pub window: Window,
    pub observed: f64,
    pub role: Role,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
    pub inside: bool,
}

/// Values of parameter `k` over the particles, in the working space, and their weights.
fn column(particles: &[Particle], k: usize) -> (Vec<f64>, Vec<f64>) {
    (particles.iter().map(|p| p.working[k]).collect(), particles.iter().map(|p| p.weight).collect())
}

/// Each parameter's marginal summary.
pub fn marginals(parameters: &[Parameter], particles: &[Particle]) -> Vec<Marginal> {
    parameters
        .iter()
        .enumerate()
        .map(|(k, parameter)| {
            let prior = parameter.prior;
            let (u, w) = column(particles, k);
            let q = |q: f64| weighted::quantile(&u, &w, q);
            let (lo, hi) = prior.working_bounds();
            let width_ratio = (q(0.95) - q(0.05)) / (0.9 * (hi - lo));
            Marginal {
                parameter: parameter.clone(),
                median: prior.to_value(q(0.5)),
                q05: prior.to_value(q(0.05)),
                q25: prior.to_value(q(0.25)),
                q75: prior.to_value(q(0.75)),
                q95: prior.to_value(q(0.95)),
                width_ratio,
                verdict: Verdict::from_ratio(width_ratio),
            }
        })
        .collect()
}

/// The weighted correlation of every pair of parameters.
pub fn correlations(n_parameters: usize, particles: &[Particle]) -> Vec<Correlation> {
    let mut out = Vec::new();
    for a in 0..n_parameters {
        for b in a + 1..n_parameters {
            let (x, w) = column(particles, a);
            let (y, _) = column(particles, b);
            out.push(Correlation { a, b, r: weighted::correlation(&x, &y, &w) });
        }
    }
    out
}

impl Check {
    /// The measure's name, with its window unless it is the whole run.
    pub fn label(&self) -> String {
        match self.window {
            Window::Run => self.measure.name().to_string(),
            w => format!("{} ({w})", self.measure),
        }
    }
}

/// The predictive check of each observed figure: `replays[i][k]` is target `k` (a measure over a
/// window, in `targets` order) of the i-th run replayed from a posterior draw; `observed` gives
/// (target, value, role).
pub fn checks(
    targets: &[(Measure, Window)],
    observed: &[((Measure, Window), f64, Role)],
    replays: &[Vec<f64>],
) -> Vec<Check> {
    observed
        .iter()
        .map(|&((measure, window), value, role)| {
            let k = targets.iter().position(|t| *t == (measure, window)).expect("every observed figure is simulated");
            let x: Vec<f64> = replays.iter().map(|r| r[k]).collect();
            let w = vec![1.0; x.len()];
            let q = |q: f64| weighted::quantile(&x, &w, q);
            let (p05, p95) = (q(0.05), q(0.95));
            Check {
                measure,
                window,
                observed: value,
                role,
                p05,
                p50: q(0.5),
                p95,
                inside: p05 <= value && value <= p95,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calibrate::priors::Prior;

    fn particles(values: &[f64]) -> Vec<Particle> {
        let w = 1.0 / values.len() as f64;
        values.iter().map(|v| Particle { working: vec![*v], stats: vec![], distance: 0.0, weight: w }).collect()
    }

    #[test]
    fn a_posterior_as_wide_as_its_prior_is_not_identified_and_a_narrow_one_is() {
        let p = [Parameter { path: "x".into(), prior: Prior::Uniform(0.0, 1.0) }];
        let flat: Vec<f64> = (0..1000).map(|i| (i as f64 + 0.5) / 1000.0).collect();
        let m = &marginals(&p, &particles(&flat))[0];
        assert_eq!(m.verdict, Verdict::NotIdentified);
        assert!((m.width_ratio - 1.0).abs() < 0.01, "{}", m.width_ratio);
        let narrow: Vec<f64> = flat.iter().map(|x| 0.5 + 0.1 * (x - 0.5)).collect();
        assert_eq!(marginals(&p, &particles(&narrow))[0].verdict, Verdict::Identified);
    }

    #[test]
    fn the_check_says_whether_the_observed_value_is_inside_the_band() {
        let replays: Vec<Vec<f64>> = (0..100).map(|i| vec![i as f64]).collect();
        let m = [(Measure::WinRate, Window::Run)];
        assert!(checks(&m, &[(m[0], 50.0, Role::Fitted)], &replays)[0].inside);
        assert!(!checks(&m, &[(m[0], 99.5, Role::HeldOut)], &replays)[0].inside);
    }
}
