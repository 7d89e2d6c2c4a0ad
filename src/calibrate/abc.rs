//! Approximate Bayesian computation by sequential Monte Carlo (population Monte Carlo):
//! Beaumont, Cornuet, Marin & Robert 2009 (Biometrika 96(4), "Adaptive approximate Bayesian
//! computation") for the importance weights and the perturbation kernel (twice the weighted
//! variance), with the tolerance chosen adaptively as a quantile of the distances (Del Moral,
//! Doucet & Jasra 2012, Statistics and Computing 22) and the distance's per-measure scales
//! re-estimated each generation from that generation's simulations (Prangle 2017, Bayesian
//! Analysis 12(1), "Adapting the ABC distance function").
//!
//! Each generation simulates a fixed number of proposals M = 2N and keeps the N closest: the
//! tolerance ε_t is the N-th smallest distance (the ½ quantile of the generation's distances), so
//! the run count is known in advance and no acceptance loop depends on timing. Parameters live in
//! a working space where every prior is flat on a box ([`super::priors::Prior`]), so an accepted
//! proposal's weight is 1 / Σ_j W_j K(θ | θ_j). Every draw is keyed by (seed, purpose,
//! generation, particle) and results are reduced in proposal order: the same inputs give the
//! same posterior on any number of jobs.

use super::kernel::Truncated;
use super::priors::Prior;
use super::weighted;
use crate::batch::runner::{RunSpec, run_in_order};
use crate::rng::{Purpose, Stream, mix64};

/// What the algorithm is fitted to: the priors, the observed figures and which of them count.
#[derive(Clone, Debug)]
pub struct Problem {
    pub priors: Vec<Prior>,
    /// Observed value of each measure, in the simulator's output order.
    pub observed: Vec<f64>,
    /// Each observed value's standard error (added to the distance scale), if known.
    pub observed_sd: Vec<Option<f64>>,
    /// Whether each measure enters the distance (false: held out, only checked).
    pub fitted: Vec<bool>,
}

/// How much to run.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Particles kept per generation (N).
    pub population: usize,
    pub generations: usize,
    pub seed: u64,
    pub jobs: usize,
}

impl Settings {
    /// Proposals simulated per generation (M = 2N).
    pub fn proposals(&self) -> usize {
        2 * self.population
    }
}

/// One kept particle.
#[derive(Clone, Debug, PartialEq)]
pub struct Particle {
    /// Parameters in the working space (where the priors are flat).
    pub working: Vec<f64>,
    /// Every measure of its run, in the simulator's output order.
    pub stats: Vec<f64>,
    pub distance: f64,
    /// Normalised importance weight.
    pub weight: f64,
}

/// What one generation did.
#[derive(Clone, Debug, PartialEq)]
pub struct GenerationInfo {
    pub index: usize,
    pub simulations: usize,
    /// ε_t: the largest distance kept.
    pub tolerance: f64,
    /// Effective sample size of the kept weights.
    pub ess: f64,
    /// The distance's scale for each measure (0 for held-out measures).
    pub scales: Vec<f64>,
}

/// The final population and the history that led to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Population {
    pub particles: Vec<Particle>,
    pub generations: Vec<GenerationInfo>,
}

/// A simulator: the parameters (in their own units) and a run seed give every measure.
pub type Simulator<'a> = dyn Fn(&[f64], u64) -> Vec<f64> + Sync + 'a;

/// The seed of a run, keyed by (seed, purpose, generation, particle).
pub fn run_seed(seed: u64, purpose: Purpose, generation: usize, particle: usize) -> u64 {
    mix64(Stream::new(seed, particle as u64, generation as u32, purpose).unit().to_bits())
}

/// Run population Monte Carlo ABC; `progress` hears about each finished generation.
pub fn run(
    problem: &Problem,
    settings: Settings,
    simulate: &Simulator,
    mut progress: impl FnMut(&GenerationInfo),
) -> Population {
    let mut population: Option<Vec<Particle>> = None;
    let mut generations = Vec::new();
    for g in 0..settings.generations {
        let previous = population.as_deref().map(|p| (p, kernel_sds(p)));
        let previous = previous.as_ref().map(|(p, sds)| (*p, sds.as_slice()));
        let proposals: Vec<Vec<f64>> =
            (0..settings.proposals()).map(|i| propose(problem, settings.seed, g, i, previous)).collect();
        let stats = simulate_all(problem, &proposals, settings, g, Purpose::CalibrationRun, simulate);
        let scales = scales(problem, &stats);
        let distances: Vec<f64> = stats.iter().map(|s| distance(problem, &scales, s)).collect();
        let mut order: Vec<usize> = (0..proposals.len()).collect();
        order.sort_by(|&a, &b| distances[a].total_cmp(&distances[b]).then(a.cmp(&b)));
        let mut kept: Vec<usize> = order[..settings.population].to_vec();
        kept.sort_unstable();
        let tolerance = distances[order[settings.population - 1]];
        let raw: Vec<f64> = kept.iter().map(|&i| weight(problem, &proposals[i], previous)).collect();
        let total: f64 = raw.iter().sum();
        let next: Vec<Particle> = kept
            .iter()
            .zip(&raw)
            .map(|(&i, w)| Particle {
                working: proposals[i].clone(),
                stats: stats[i].clone(),
                distance: distances[i],
                weight: w / total,
            })
            .collect();
        let ess = weighted::ess(&next.iter().map(|p| p.weight).collect::<Vec<_>>());
        let info = GenerationInfo { index: g, simulations: proposals.len(), tolerance, ess, scales };
        progress(&info);
        generations.push(info);
        population = Some(next);
    }
    Population { particles: population.unwrap_or_default(), generations }
}

/// Simulate each working-space point (in order) on `settings.jobs` threads.
pub fn simulate_all(
    problem: &Problem,
    points: &[Vec<f64>],
    settings: Settings,
    generation: usize,
    purpose: Purpose,
    simulate: &Simulator,
) -> Vec<Vec<f64>> {
    let specs: Vec<RunSpec> = (0..points.len())
        .map(|i| RunSpec {
            run_id: i as u64,
            replicate: 0,
            point: i,
            seed: run_seed(settings.seed, purpose, generation, i),
        })
        .collect();
    let values = |u: &[f64]| -> Vec<f64> { u.iter().zip(&problem.priors).map(|(u, p)| p.to_value(*u)).collect() };
    let work = |spec: &RunSpec| simulate(&values(&points[spec.point]), spec.seed);
    let mut out = Vec::with_capacity(points.len());
    let _ = run_in_order(&specs, settings.jobs, &work, |s| {
        out.push(s);
        Ok::<(), ()>(())
    });
    out
}

/// The previous population and its kernel's SD in each dimension.
type Previous<'p> = Option<(&'p [Particle], &'p [f64])>;

/// Proposal `i` of generation `g`: from the prior at first, then a perturbed ancestor.
fn propose(problem: &Problem, seed: u64, g: usize, i: usize, previous: Previous) -> Vec<f64> {
    let mut rng = Stream::new(seed, i as u64, g as u32, Purpose::CalibrationProposal);
    let boxes: Vec<(f64, f64)> = problem.priors.iter().map(|p| p.working_bounds()).collect();
    let Some((prev, sds)) = previous else {
        return boxes.iter().map(|(lo, hi)| lo + rng.unit() * (hi - lo)).collect();
    };
    let u = rng.unit();
    let mut cum = 0.0;
    let ancestor = prev.iter().find(|p| {
        cum += p.weight;
        u < cum
    });
    let ancestor = ancestor.unwrap_or(&prev[prev.len() - 1]);
    (0..boxes.len())
        .map(|k| {
            let (lo, hi) = boxes[k];
            Truncated { centre: ancestor.working[k], sd: sds[k], lo, hi }.sample(&mut rng)
        })
        .collect()
}

/// The kernel's SD in each dimension: √(2 × weighted variance), never 0.
fn kernel_sds(prev: &[Particle]) -> Vec<f64> {
    let w: Vec<f64> = prev.iter().map(|p| p.weight).collect();
    (0..prev[0].working.len())
        .map(|k| {
            let x: Vec<f64> = prev.iter().map(|p| p.working[k]).collect();
            (2.0 * weighted::variance(&x, &w)).sqrt().max(1e-12)
        })
        .collect()
}

/// Importance weight of a proposal: prior ÷ proposal density (the prior is flat on its box).
fn weight(problem: &Problem, u: &[f64], previous: Previous) -> f64 {
    let Some((prev, sds)) = previous else { return 1.0 };
    let q: f64 = prev
        .iter()
        .map(|p| {
            let k: f64 = (0..u.len())
                .map(|k| {
                    let (lo, hi) = problem.priors[k].working_bounds();
                    Truncated { centre: p.working[k], sd: sds[k], lo, hi }.density(u[k])
                })
                .product();
            p.weight * k
        })
        .sum();
    if q > 0.0 { 1.0 / q } else { 0.0 }
}

/// Each fitted measure's scale: the MAD of the generation's simulations (Prangle 2017),
/// combined with the observation's own SD; 0 for held-out measures.
fn scales(problem: &Problem, stats: &[Vec<f64>]) -> Vec<f64> {
    (0..problem.observed.len())
        .map(|k| {
            if !problem.fitted[k] {
                return 0.0;
            }
            let x: Vec<f64> = stats.iter().map(|s| s[k]).filter(|v| v.is_finite()).collect();
            let mut spread = if x.is_empty() { 0.0 } else { weighted::mad(&x) };
            if spread <= 0.0 && !x.is_empty() {
                spread = weighted::variance(&x, &vec![1.0; x.len()]).sqrt();
            }
            let sd = problem.observed_sd[k].unwrap_or(0.0);
            let scale = (spread * spread + sd * sd).sqrt();
            if scale > 0.0 { scale } else { 1.0 }
        })
        .collect()
}

/// Root mean square of the scaled differences over the fitted measures (∞ if a value is not finite).
fn distance(problem: &Problem, scales: &[f64], stats: &[f64]) -> f64 {
    let mut sum = 0.0;
    let mut n = 0usize;
    for k in 0..problem.observed.len() {
        if problem.fitted[k] {
            let d = (stats[k] - problem.observed[k]) / scales[k];
            if !d.is_finite() {
                return f64::INFINITY;
            }
            sum += d * d;
            n += 1;
        }
    }
    (sum / n.max(1) as f64).sqrt()
}
