//! One world of the live view (A, or the twin B): the model, everything it has logged (what a
//! headless run would write), its chart series, the snapshot the map draws and the history of
//! every customer's bonds that the inspector plots.

use super::series::{QuitSplit, Series};
use super::snapshot::Snapshot;
use crate::output::writer::{RunMeta, RunWriter};
use crate::sim::accounts::loss::LostAccounts;
use crate::sim::components::{Account, AccountState, FIRST_YEAR_WEEKS, Rep};
use crate::sim::observe::events::{EventKind, EventRecord};
use crate::sim::observe::metrics::{AccountYearRow, RepYearRow, TimeseriesRow};
use crate::sim::resources::RepIndex;
use crate::{Scenario, Simulation};
use bevy::prelude::*;
use std::path::{Path, PathBuf};

/// Everything the run has output so far, in the order a headless run writes it.
#[derive(Default)]
pub struct RunLog {
    pub timeseries: Vec<TimeseriesRow>,
    pub events: Vec<EventRecord>,
    pub reps: Vec<RepYearRow>,
    pub accounts: Vec<AccountYearRow>,
}

/// Weeks between two samples of the bond history.
pub const BOND_SAMPLE_WEEKS: u32 = 2;

/// Each customer's loyalty to its rep, its specialists and the company, sampled every
/// [`BOND_SAMPLE_WEEKS`] while it is active, stored as bytes (1/255 steps) to stay small.
#[derive(Default)]
pub struct BondHistory {
    /// By customer id: the first sampled week and the samples since.
    by_customer: Vec<Option<(u32, Vec<[u8; 3]>)>>,
}

fn byte(v: f64) -> u8 {
    (v.clamp(0.0, 1.0) * 255.0).round() as u8
}

impl BondHistory {
    /// Sample every active customer at `week` (if a sampling week).
    pub fn record(&mut self, world: &mut World, week: u32) {
        if !week.is_multiple_of(BOND_SAMPLE_WEEKS) {
            return;
        }
        let mut q = world.query::<(&Account, &AccountState)>();
        for (a, b) in q.iter(world) {
            let i = a.id as usize;
            if self.by_customer.len() <= i {
                self.by_customer.resize(i + 1, None);
            }
            let entry = self.by_customer[i].get_or_insert_with(|| (week, Vec::new()));
            let bonds = [b.loyalty_rep, b.loyalty_specialist, b.loyalty_company];
            entry.1.push(bonds.map(|v| byte(v as f64)));
        }
    }

    /// One customer's history: (week, [to rep, to specialists, to company]).
    pub fn of(&self, id: u32) -> Vec<(u32, [f64; 3])> {
        let Some(Some((start, samples))) = self.by_customer.get(id as usize) else { return Vec::new() };
        samples
            .iter()
            .enumerate()
            .map(|(k, s)| (start + k as u32 * BOND_SAMPLE_WEEKS, s.map(|b| b as f64 / 255.0)))
            .collect()
    }
}

/// One simulated world and what the view keeps of it.
pub struct LiveRun {
    pub sim: Simulation,
    /// The scenario as run, and its file.
    pub scenario: Scenario,
    pub path: PathBuf,
    pub series: Series,
    pub snapshot: Snapshot,
    pub log: RunLog,
    pub bonds: BondHistory,
}

impl LiveRun {
    pub fn new(scenario: Scenario, path: PathBuf) -> Self {
        let mut sim = Simulation::new(scenario.clone());
        let snapshot = Snapshot::extract(sim.world_mut());
        LiveRun {
            sim,
            scenario,
            path,
            series: Series::default(),
            snapshot,
            log: RunLog::default(),
            bonds: BondHistory::default(),
        }
    }

    /// Simulate one week and record it. False once the run is over.
    pub fn step_week(&mut self) -> bool {
        if !self.sim.step() {
            return false;
        }
        let out = self.sim.drain();
        let quits = quit_split(self.sim.world(), &out.events);
        for row in &out.timeseries {
            self.series.absorb(row, &out.events, quits);
        }
        let week = self.sim.week();
        self.bonds.record(self.sim.world_mut(), week);
        self.log.timeseries.extend(out.timeseries);
        self.log.events.extend(out.events);
        self.log.reps.extend(out.reps);
        self.log.accounts.extend(out.accounts);
        true
    }

    pub fn refresh_snapshot(&mut self) {
        self.snapshot = Snapshot::extract(self.sim.world_mut());
    }

    /// Every customer by id: `Some(true)` an active account, `Some(false)` lost, `None` never
    /// won (a prospect, or not yet in the market).
    pub fn customer_stages(&mut self) -> Vec<Option<bool>> {
        let world = self.sim.world_mut();
        let mut out = Vec::new();
        let mut mark = |id: u32, active: bool| {
            let i = id as usize;
            if out.len() <= i {
                out.resize(i + 1, None);
            }
            out[i] = Some(active);
        };
        let mut q = world.query::<&Account>();
        for a in q.iter(world) {
            mark(a.id, true);
        }
        for l in &world.resource::<LostAccounts>().0 {
            mark(l.id, false);
        }
        out
    }

    /// Write the run so far as a headless run would: timeseries.csv, events.csv, reps.csv,
    /// accounts.csv and summary.json in `dir`.
    pub fn save_outputs(&self, dir: &Path) -> std::io::Result<()> {
        let s = &self.scenario;
        let meta = RunMeta::of(&s);
        let mut w = RunWriter::create(dir, &meta)?;
        w.write_rows(&self.log.timeseries, &self.log.events, &self.log.reps, &self.log.accounts)?;
        w.finish(&self.sim.summary())
    }
}

/// This week's quits split by the quitting rep's tenure (under a year or more).
fn quit_split(world: &World, events: &[EventRecord]) -> QuitSplit {
    let index = world.resource::<RepIndex>();
    let mut split = QuitSplit::default();
    for e in events.iter().filter(|e| e.kind == EventKind::Quit) {
        let rep = e.rep.and_then(|id| index.entity.get(id as usize)).and_then(|&ent| world.get::<Rep>(ent));
        match rep {
            Some(r) if r.tenure_weeks(e.week) < FIRST_YEAR_WEEKS => split.first_year += 1,
            _ => split.later += 1,
        }
    }
    split
}
