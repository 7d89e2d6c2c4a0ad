//! A calibration of a scenario: the observed figures and priors become an ABC problem
//! ([`super::abc`]) whose simulator runs salesim with the proposed parameters and computes every
//! [`Measure`] in process ([`RunFacts`]); its final population becomes marginals, correlations
//! and a posterior predictive check ([`super::posterior`]).

use super::abc::{self, Incomplete, Particle, Population, Problem, Settings, State};
use super::measures::{Measure, RunFacts, Window};
use super::observed::Observation;
use super::posterior::{self, Check, Correlation, Marginal, Role};
use super::priors::Parameter;
use super::shards::RunCache;
use crate::rng::{Purpose, Stream};
use crate::run::simulate;
use crate::scenario::{Scenario, params};

/// How a calibration spends its runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    /// Particles kept per generation (N).
    pub population: usize,
    /// Runs of the sequential Monte Carlo (at least 2N, generation 0's).
    pub smc_runs: usize,
    /// Runs replayed from posterior draws for the predictive check (N).
    pub checks: usize,
}

impl Plan {
    /// A budget of `runs` with `population` particles: N check runs and the rest for the
    /// sequential Monte Carlo; an error if that leaves less than generation 0's 2N.
    pub fn for_budget(runs: usize, population: usize) -> Result<Plan, String> {
        if population < 2 {
            return Err(format!("--population {population}: at least 2 particles are needed"));
        }
        if runs < 3 * population {
            return Err(format!(
                "--budget {runs} is too small for --population {population}: one generation ({}) and the check runs ({population}) need {}",
                2 * population,
                3 * population
            ));
        }
        Ok(Plan { population, smc_runs: runs - population, checks: population })
    }

    /// Runs it does at most in all.
    pub fn runs(&self) -> usize {
        self.smc_runs + self.checks
    }
}

/// Everything a calibration asks.
#[derive(Clone, Debug)]
pub struct Request {
    pub scenario: Scenario,
    pub parameters: Vec<Parameter>,
    pub observed: Vec<Observation>,
    pub held_out: Vec<Measure>,
    pub plan: Plan,
    pub seed: u64,
    pub jobs: usize,
}

/// A file's name (for messages) and its text.
#[derive(Clone, Copy, Debug)]
pub struct Text<'t> {
    pub name: &'t str,
    pub text: &'t str,
}

/// Check every input of a calibration (the command line's and Python's alike): the observed and
/// priors texts (located errors), the hold-outs and the budget. The request, or the messages.
#[allow(clippy::too_many_arguments)]
pub fn request(
    scenario: Scenario,
    observed: Text,
    priors: Text,
    hold_out: &[String],
    budget: usize,
    population: usize,
    seed: u64,
    jobs: usize,
) -> Result<Request, Vec<String>> {
    let shown = |errors: Vec<crate::scenario::load::ScenarioError>| -> Vec<String> {
        errors.iter().map(|e| e.to_string()).collect()
    };
    let obs = super::observed::parse(observed.text, observed.name).map_err(shown);
    let parameters = super::priors::parse(priors.text, priors.name, &scenario).map_err(shown);
    let (obs, parameters) = match (obs, parameters) {
        (Ok(o), Ok(p)) => (o, p),
        (o, p) => return Err(o.err().into_iter().chain(p.err()).flatten().collect()),
    };
    let mut held_out = Vec::new();
    for name in hold_out {
        let m = Measure::from_name(name).ok_or_else(|| vec![format!("--hold-out {name}: unknown measure")])?;
        if !obs.iter().any(|o| o.measure == m) {
            return Err(vec![format!("--hold-out {name}: not in {}", observed.name)]);
        }
        held_out.push(m);
    }
    if obs.iter().all(|o| held_out.contains(&o.measure)) {
        return Err(vec!["every observed measure is held out: nothing is left to fit".into()]);
    }
    let too_short: Vec<String> = obs
        .iter()
        .filter(|o| o.window.weeks_needed() > scenario.weeks)
        .map(|o| {
            format!(
                "{}:{}: field `window`: {} needs a run of at least {} weeks; the scenario runs {} (--weeks)",
                observed.name,
                o.line,
                o.window,
                o.window.weeks_needed(),
                scenario.weeks
            )
        })
        .collect();
    if !too_short.is_empty() {
        return Err(too_short);
    }
    let plan = Plan::for_budget(budget, population).map_err(|e| vec![e])?;
    if jobs == 0 || jobs > 1024 {
        return Err(vec![format!("--jobs {jobs}: between 1 and 1,024")]);
    }
    Ok(Request { scenario, parameters, observed: obs, held_out, plan, seed, jobs })
}

/// What a calibration found.
#[derive(Clone, Debug)]
pub struct Calibration {
    pub parameters: Vec<Parameter>,
    pub population: Population,
    pub marginals: Vec<Marginal>,
    pub correlations: Vec<Correlation>,
    pub checks: Vec<Check>,
}

impl Calibration {
    /// The final particles.
    pub fn particles(&self) -> &[Particle] {
        &self.population.particles
    }
}

/// What a calibration simulates, in the simulator's output order: every measure over the whole
/// run, then every measure over each year window some observation is about (sorted).
pub fn targets(observed: &[Observation]) -> Vec<(Measure, Window)> {
    let mut windows: Vec<Window> = observed.iter().map(|o| o.window).filter(|w| *w != Window::Run).collect();
    windows.sort();
    windows.dedup();
    std::iter::once(Window::Run).chain(windows).flat_map(|w| Measure::ALL.into_iter().map(move |m| (m, w))).collect()
}

/// Run `scenario` with `values` of `parameters` on `seed`; every measure over the whole run, in
/// [`Measure::ALL`] order.
pub fn measure_run(scenario: &Scenario, parameters: &[Parameter], values: &[f64], seed: u64) -> Vec<f64> {
    measure_targets(scenario, parameters, values, seed, &targets(&[]))
}

/// Run `scenario` with `values` of `parameters` on `seed`; the value of each of `targets`.
pub fn measure_targets(
    scenario: &Scenario,
    parameters: &[Parameter],
    values: &[f64],
    seed: u64,
    targets: &[(Measure, Window)],
) -> Vec<f64> {
    let mut s = scenario.clone();
    s.seed = seed;
    for (p, v) in parameters.iter().zip(values) {
        params::set(&mut s, &p.path, &format!("{v:?}")).expect("priors were checked against the scenario");
    }
    let mut facts = RunFacts::default();
    let summary = simulate(s, |week| {
        facts.add_week(&week);
        Ok::<(), ()>(())
    });
    facts.summary = summary.expect("collecting facts cannot fail");
    targets.iter().map(|(m, w)| facts.value_in(*m, *w)).collect()
}

/// Calibrate, from the start or from `resume`, a state stored after a generation;
/// `on_generation` hears about each generation finished (to print progress and store the state).
pub fn calibrate(r: &Request, resume: Option<State>, on_generation: impl FnMut(&State)) -> Calibration {
    calibrate_with(r, resume, on_generation, None).expect("in process, every run is done")
}

/// [`calibrate`], taking the runs `cache` holds from it instead of simulating them, and, when
/// the cache is a shard's, simulating only that shard's runs: [`Incomplete`] at the first batch
/// with another shard's runs missing (`shards.rs`).
pub fn calibrate_with(
    r: &Request,
    resume: Option<State>,
    on_generation: impl FnMut(&State),
    cache: Option<&RunCache>,
) -> Result<Calibration, Incomplete> {
    let targets = targets(&r.observed);
    let mut problem = Problem {
        priors: r.parameters.iter().map(|p| p.prior).collect(),
        observed: vec![f64::NAN; targets.len()],
        observed_sd: vec![None; targets.len()],
        fitted: vec![false; targets.len()],
    };
    for o in &r.observed {
        let k = targets.iter().position(|t| *t == (o.measure, o.window)).expect("every observation is a target");
        problem.observed[k] = o.value;
        problem.observed_sd[k] = o.sd;
        problem.fitted[k] = !r.held_out.contains(&o.measure);
    }
    let settings = Settings { population: r.plan.population, runs: r.plan.smc_runs, seed: r.seed, jobs: r.jobs };
    let simulate = |values: &[f64], seed: u64| measure_targets(&r.scenario, &r.parameters, values, seed, &targets);
    let simulator = |values: &[f64], seed: u64| match cache {
        None => simulate(values, seed),
        Some(c) => c.run(seed, || simulate(values, seed)),
    };
    let population = abc::try_run(&problem, settings, &simulator, resume, on_generation)?;
    let replays =
        replay(&problem, &population.particles, settings, population.generations.len(), r.plan.checks, &simulator)?;
    let observed: Vec<((Measure, Window), f64, Role)> = r
        .observed
        .iter()
        .map(|o| {
            let role = if r.held_out.contains(&o.measure) { Role::HeldOut } else { Role::Fitted };
            ((o.measure, o.window), o.value, role)
        })
        .collect();
    Ok(Calibration {
        marginals: posterior::marginals(&r.parameters, &population.particles),
        correlations: posterior::correlations(r.parameters.len(), &population.particles),
        checks: posterior::checks(&targets, &observed, &replays),
        parameters: r.parameters.clone(),
        population,
    })
}

/// `n` runs from particles drawn by weight, on fresh seeds (those of generation G, one past the
/// last): the posterior predictive distribution of every measure.
fn replay(
    problem: &Problem,
    particles: &[Particle],
    settings: Settings,
    g: usize,
    n: usize,
    simulate: &abc::Simulator,
) -> Result<Vec<Vec<f64>>, Incomplete> {
    let points: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            let u = Stream::new(settings.seed, i as u64, g as u32, Purpose::CalibrationCheck).unit();
            let mut cum = 0.0;
            let pick = particles.iter().find(|p| {
                cum += p.weight;
                u < cum
            });
            pick.unwrap_or(&particles[particles.len() - 1]).working.clone()
        })
        .collect();
    abc::simulate_all(problem, &points, 0, settings, g, simulate)
}
