//! Approximate Bayesian computation by sequential Monte Carlo (population Monte Carlo):
//! Beaumont, Cornuet, Marin & Robert 2009 (Biometrika 96(4), "Adaptive approximate Bayesian
//! computation") for the importance weights and the perturbation kernel (twice the weighted
//! variance), with the tolerance chosen adaptively as a quantile of the distances (Del Moral,
//! Doucet & Jasra 2012, Statistics and Computing 22) and the distance's per-measure scales
//! re-estimated each generation from that generation's simulations (Prangle 2017, Bayesian
//! Analysis 12(1), "Adapting the ABC distance function").
//!
//! Generation 0 simulates 2N proposals from the prior and keeps the N closest. Generation t takes
//! its distance scales from generation t − 1's simulations and its tolerance ε_t as the median of
//! the previous population's distances under them, then simulates proposals in batches of 2N,
//! keeping the first N within ε_t in proposal order (or, when the budget runs out first, the N
//! closest). Batches are fixed in size and reduced in order, so no acceptance loop depends on
//! timing, and the run count never exceeds the budget. Parameters live in
//! a working space where every prior is flat on a box ([`super::priors::Prior`]), so an accepted
//! proposal's weight is 1 / Σ_j W_j K(θ | θ_j). Every draw is keyed by (seed, purpose,
//! generation, particle) and results are reduced in proposal order: the same inputs give the
//! same posterior on any number of jobs.

use super::kernel::Truncated;
use super::priors::Prior;
use super::weighted;
use crate::batch::runner::{RunSpec, run_in_order};
use crate::rng::{Purpose, Stream, mix64};
use serde::{Deserialize, Serialize};

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
    /// Runs to spend (at least 2N: generation 0).
    pub runs: usize,
    pub seed: u64,
    pub jobs: usize,
}

/// One kept particle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// A simulator: the parameters (in their own units) and a run seed give every measure; or
/// nothing (an empty vector) for a run it cannot do here (another shard's, `shards.rs`).
pub type Simulator<'a> = dyn Fn(&[f64], u64) -> Vec<f64> + Sync + 'a;

/// A batch of runs came back with some missing: the algorithm stops there (a shard's round is done).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Incomplete;

/// The seed of a run, keyed by (seed, purpose, generation, particle).
pub fn run_seed(seed: u64, purpose: Purpose, generation: usize, particle: usize) -> u64 {
    mix64(Stream::new(seed, particle as u64, generation as u32, purpose).unit().to_bits())
}

/// Where a calibration stands after a finished generation: all that the next one needs, so a
/// run stored here and resumed gives the same posterior as one never stopped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub population: Vec<Particle>,
    /// The last generation's simulations (the next generation's distance scales come from them).
    pub last: Sims,
    /// Runs of the budget left.
    pub left: usize,
    pub generations: Vec<GenerationInfo>,
}

impl State {
    /// The final population and its history.
    pub fn into_population(self) -> Population {
        Population { particles: self.population, generations: self.generations }
    }
}

/// Run population Monte Carlo ABC from the start, or on `from` a stored state; `progress` hears
/// about each generation it finishes.
pub fn run(
    problem: &Problem,
    settings: Settings,
    simulate: &Simulator,
    from: Option<State>,
    progress: impl FnMut(&State),
) -> Population {
    try_run(problem, settings, simulate, from, progress).expect("a simulator in process gives every run")
}

/// [`run`], stopping at the first batch in which the simulator left runs out.
pub fn try_run(
    problem: &Problem,
    settings: Settings,
    simulate: &Simulator,
    from: Option<State>,
    mut progress: impl FnMut(&State),
) -> Result<Population, Incomplete> {
    let mut state = match from {
        Some(state) => state,
        None => {
            let state = start(problem, settings, simulate)?;
            progress(&state);
            state
        }
    };
    while let Some(next) = step(problem, settings, simulate, &state)? {
        progress(&next);
        state = next;
    }
    Ok(state.into_population())
}

/// Generation 0: 2N proposals from the prior, scaled by their own spread; the N closest are kept.
pub fn start(problem: &Problem, settings: Settings, simulate: &Simulator) -> Result<State, Incomplete> {
    let n = settings.population;
    let proposals: Vec<Vec<f64>> = (0..2 * n).map(|i| propose(problem, settings.seed, 0, i, None)).collect();
    let stats = simulate_all(problem, &proposals, 0, settings, 0, simulate)?;
    let left = settings.runs - proposals.len();
    let scales = scales(problem, &stats);
    let last = Sims { proposals, stats, scales };
    let (population, info) = last.keep_closest(problem, n, 0, f64::INFINITY, None);
    Ok(State { population, last, left, generations: vec![info] })
}

/// Generation t, if at least 2N runs are left: scales from generation t − 1's simulations,
/// tolerance the median of the previous population's distances under them; proposals are
/// simulated in batches of 2N until N are within it or the budget is spent (then the N closest
/// are kept).
pub fn step(
    problem: &Problem,
    settings: Settings,
    simulate: &Simulator,
    state: &State,
) -> Result<Option<State>, Incomplete> {
    let n = settings.population;
    let mut left = state.left;
    if left < 2 * n {
        return Ok(None);
    }
    let g = state.generations.len();
    let scales = scales(problem, &state.last.stats);
    let rescored: Vec<f64> = state.population.iter().map(|p| distance(problem, &scales, &p.stats)).collect();
    let tolerance = weighted::quantile(&rescored, &vec![1.0; rescored.len()], 0.5);
    let kernels = kernels(problem, &state.population);
    let previous = Some((state.population.as_slice(), kernels.as_slice()));
    let mut next = Sims { proposals: vec![], stats: vec![], scales };
    let mut within = 0;
    while within < n && left > 0 {
        let batch = left.min(2 * n);
        let first = next.proposals.len();
        let points: Vec<Vec<f64>> =
            (first..first + batch).map(|i| propose(problem, settings.seed, g, i, previous)).collect();
        let stats = simulate_all(problem, &points, first, settings, g, simulate)?;
        left -= batch;
        within += stats.iter().filter(|s| distance(problem, &next.scales, s) <= tolerance).count();
        next.proposals.extend(points);
        next.stats.extend(stats);
    }
    let (population, info) = next.keep_closest(problem, n, g, tolerance, previous);
    let mut generations = state.generations.clone();
    generations.push(info);
    Ok(Some(State { population, last: next, left, generations }))
}

/// One generation's proposals (working space), their runs' measures and the distance scales
/// they are judged by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sims {
    pub proposals: Vec<Vec<f64>>,
    pub stats: Vec<Vec<f64>>,
    pub scales: Vec<f64>,
}

impl Sims {
    /// Keep the proposals within `tolerance`, first in proposal order, at most N; or, if fewer
    /// than N are, the N closest (the tolerance reached is then the N-th distance). Weighted
    /// against `previous` (Beaumont et al. 2009).
    fn keep_closest(
        &self,
        problem: &Problem,
        n: usize,
        g: usize,
        tolerance: f64,
        previous: Previous,
    ) -> (Vec<Particle>, GenerationInfo) {
        let distances: Vec<f64> = self.stats.iter().map(|s| distance(problem, &self.scales, s)).collect();
        let within: Vec<usize> = (0..distances.len()).filter(|&i| distances[i] <= tolerance).take(n).collect();
        let (kept, reached) = if within.len() == n && tolerance.is_finite() {
            (within, tolerance)
        } else {
            let mut order: Vec<usize> = (0..distances.len()).collect();
            order.sort_by(|&a, &b| distances[a].total_cmp(&distances[b]).then(a.cmp(&b)));
            let mut kept = order[..n].to_vec();
            kept.sort_unstable();
            (kept, distances[order[n - 1]])
        };
        let raw: Vec<f64> = kept.iter().map(|&i| weight(&self.proposals[i], previous)).collect();
        let total: f64 = raw.iter().sum();
        let particles: Vec<Particle> = kept
            .iter()
            .zip(&raw)
            .map(|(&i, w)| Particle {
                working: self.proposals[i].clone(),
                stats: self.stats[i].clone(),
                distance: distances[i],
                weight: w / total,
            })
            .collect();
        let ess = weighted::ess(&particles.iter().map(|p| p.weight).collect::<Vec<_>>());
        let info = GenerationInfo {
            index: g,
            simulations: self.proposals.len(),
            tolerance: reached,
            ess,
            scales: self.scales.clone(),
        };
        (particles, info)
    }
}

/// Simulate each working-space point (in order; point i is particle `first + i`) on
/// `settings.jobs` threads; [`Incomplete`] if the simulator left any out.
pub fn simulate_all(
    problem: &Problem,
    points: &[Vec<f64>],
    first: usize,
    settings: Settings,
    generation: usize,
    simulate: &Simulator,
) -> Result<Vec<Vec<f64>>, Incomplete> {
    let seed = |i: usize| run_seed(settings.seed, Purpose::CalibrationRun, generation, first + i);
    let values = |u: &[f64]| -> Vec<f64> { u.iter().zip(&problem.priors).map(|(u, p)| p.to_value(*u)).collect() };
    let complete = |out: Vec<Vec<f64>>| if out.iter().any(Vec::is_empty) { Err(Incomplete) } else { Ok(out) };
    if settings.jobs <= 1 {
        return complete(points.iter().enumerate().map(|(i, u)| simulate(&values(u), seed(i))).collect());
    }
    let specs: Vec<RunSpec> =
        (0..points.len()).map(|i| RunSpec { run_id: i as u64, replicate: 0, point: i, seed: seed(i) }).collect();
    let work = |spec: &RunSpec| simulate(&values(&points[spec.point]), spec.seed);
    let mut out = Vec::with_capacity(points.len());
    let _ = run_in_order(&specs, settings.jobs, &work, |s| {
        out.push(s);
        Ok::<(), ()>(())
    });
    complete(out)
}

/// The previous population and, for each of its particles, the kernel around it in each dimension.
type Previous<'p> = Option<(&'p [Particle], &'p [Vec<Truncated>])>;

/// Proposal `i` of generation `g`: from the prior at first, then a perturbed ancestor.
fn propose(problem: &Problem, seed: u64, g: usize, i: usize, previous: Previous) -> Vec<f64> {
    let mut rng = Stream::new(seed, i as u64, g as u32, Purpose::CalibrationProposal);
    let boxes: Vec<(f64, f64)> = problem.priors.iter().map(|p| p.working_bounds()).collect();
    let Some((prev, kernels)) = previous else {
        return boxes.iter().map(|(lo, hi)| lo + rng.unit() * (hi - lo)).collect();
    };
    let u = rng.unit();
    let mut cum = 0.0;
    let ancestor = prev.iter().position(|p| {
        cum += p.weight;
        u < cum
    });
    let ancestor = ancestor.unwrap_or(prev.len() - 1);
    kernels[ancestor].iter().map(|k| k.sample(&mut rng)).collect()
}

/// The kernel around each particle of `prev`, in each dimension.
fn kernels(problem: &Problem, prev: &[Particle]) -> Vec<Vec<Truncated>> {
    let sds = kernel_sds(prev);
    let boxes: Vec<(f64, f64)> = problem.priors.iter().map(|p| p.working_bounds()).collect();
    prev.iter()
        .map(|p| (0..sds.len()).map(|k| Truncated::new(p.working[k], sds[k], boxes[k].0, boxes[k].1)).collect())
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
fn weight(u: &[f64], previous: Previous) -> f64 {
    let Some((prev, kernels)) = previous else { return 1.0 };
    let q: f64 = prev
        .iter()
        .zip(kernels)
        .map(|(p, around)| p.weight * around.iter().zip(u).map(|(k, u)| k.density(*u)).product::<f64>())
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
