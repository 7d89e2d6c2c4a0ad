//! What a run steps week by week when a caller holds it (the live view, Python's step API): one
//! firm's [`Simulation`], or an [`Industry`] of several (a scenario with `firms`), behind one
//! face, so the caller asks for "firm `i`" either way. Actions go where a headless
//! `salesim run --actions` sends them (`Industry::send`: the first firm, and a market-wide event
//! to every firm), so a recorded session replays to the same rows.

use crate::Simulation;
use crate::industry::Industry;
use crate::scenario::{Event, Scenario};
use crate::sim::observe::metrics::{Summary, TickOutput};

/// The simulation(s) of one live run.
pub enum Model {
    /// A scenario without `firms`: one company.
    One(Box<Simulation>),
    /// A scenario with `firms`: every firm stepped in lockstep.
    Firms(Industry),
}

impl Model {
    /// The model of a validated scenario: an industry if it lists firms (on one thread in a
    /// browser, which has none to spare), else one company.
    pub fn new(s: &Scenario) -> Model {
        if s.firms.is_empty() {
            return Model::One(Box::new(Simulation::new(s.clone())));
        }
        let industry = Industry::new(s).expect("a validated scenario builds its firms");
        #[cfg(target_arch = "wasm32")]
        let industry = industry.with_threads(1);
        Model::Firms(industry)
    }

    /// How many firms (1 for one company).
    pub fn firm_count(&self) -> usize {
        match self {
            Model::One(_) => 1,
            Model::Firms(i) => i.firms().len(),
        }
    }

    /// Firm `i`'s simulation (the first for an index out of range).
    pub fn sim(&self, i: usize) -> &Simulation {
        match self {
            Model::One(sim) => sim,
            Model::Firms(ind) => &ind.firms()[i.min(ind.firms().len() - 1)].sim,
        }
    }

    pub fn sim_mut(&mut self, i: usize) -> &mut Simulation {
        match self {
            Model::One(sim) => sim,
            Model::Firms(ind) => {
                let last = ind.firms().len() - 1;
                &mut ind.firms_mut()[i.min(last)].sim
            }
        }
    }

    /// The next week to simulate (= weeks done).
    pub fn week(&self) -> u32 {
        self.sim(0).week()
    }

    /// Weeks the run lasts.
    pub fn weeks(&self) -> u32 {
        self.sim(0).weeks()
    }

    pub fn finished(&self) -> bool {
        self.sim(0).finished()
    }

    /// Queue a live action as a headless replay does (for an industry: `Industry::send`).
    pub fn send(&mut self, event: Event) -> Result<(), crate::scenario::validate::Problem> {
        match self {
            Model::One(sim) => sim.send(event),
            Model::Firms(ind) => ind.send(event),
        }
    }

    /// Simulate one week (of every firm). False once the run is over.
    pub fn step(&mut self) -> bool {
        match self {
            Model::One(sim) => sim.step(),
            Model::Firms(ind) => ind.step(),
        }
    }

    /// This week's outputs, one per firm in firm order, then (of an industry) the industry's row
    /// (`industry/totals.rs`), as a headless run hands them on.
    pub fn drain(&mut self) -> Vec<TickOutput> {
        match self {
            Model::One(sim) => vec![sim.drain()],
            Model::Firms(ind) => {
                let mut ticks = ind.drain();
                ticks.push(crate::industry::industry_tick(&ticks));
                ticks
            }
        }
    }

    /// The run's summary as a headless run of `s` writes it.
    pub fn summary(&self, s: &Scenario) -> Summary {
        match self {
            Model::One(sim) => sim.summary(),
            Model::Firms(ind) => crate::run::industry_summary(s, ind.summaries()),
        }
    }
}
