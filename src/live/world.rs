//! One world of the live view (A, or the twin B): the model (one company, or an industry of
//! firms), and for each firm everything it has logged (what a headless run would write), its
//! chart series, the snapshot the map draws and the history of every customer's bonds that the
//! inspector plots; for an industry also what moved between the firms. The view shows one firm at
//! a time (`shown`, the firm picker; the first by default).

pub use super::bonds::{BOND_SAMPLE_WEEKS, BondHistory};
use super::rivalry::Rivalry;
use super::series::{QuitSplit, Series};
use super::snapshot::Snapshot;
use crate::output::writer::{RunMeta, RunWriter};
use crate::run::Model;
use crate::sim::accounts::loss::LostAccounts;
use crate::sim::components::{Account, FIRST_YEAR_WEEKS, Rep};
use crate::sim::observe::events::{EventKind, EventRecord};
use crate::sim::observe::metrics::{AccountYearRow, RepYearRow, TickOutput, TimeseriesRow};
use crate::sim::resources::RepIndex;
use crate::{Scenario, Simulation};
use bevy::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Everything a firm has output so far, in the order a headless run writes it.
#[derive(Default)]
pub struct RunLog {
    pub timeseries: Vec<TimeseriesRow>,
    pub events: Vec<EventRecord>,
    pub reps: Vec<RepYearRow>,
    pub accounts: Vec<AccountYearRow>,
    /// After each week: how many rows of each file there were (to interleave an industry's firms
    /// week by week, as a headless run writes them).
    week_ends: Vec<[usize; 4]>,
}

impl RunLog {
    fn absorb(&mut self, out: TickOutput) {
        self.timeseries.extend(out.timeseries);
        self.events.extend(out.events);
        self.reps.extend(out.reps);
        self.accounts.extend(out.accounts);
        self.week_ends.push([self.timeseries.len(), self.events.len(), self.reps.len(), self.accounts.len()]);
    }

    /// The rows of week `k` (the k-th absorbed), tagged as firm `firm`'s.
    fn week(&self, k: usize, firm: u16) -> TickOutput {
        let from = if k == 0 { [0; 4] } else { self.week_ends[k - 1] };
        let to = self.week_ends[k];
        TickOutput {
            firm,
            timeseries: self.timeseries[from[0]..to[0]].to_vec(),
            events: self.events[from[1]..to[1]].to_vec(),
            reps: self.reps[from[2]..to[2]].to_vec(),
            accounts: self.accounts[from[3]..to[3]].to_vec(),
            deals: Vec::new(),
        }
    }
}

/// What the view keeps of one firm.
pub struct FirmRun {
    pub name: String,
    pub series: Series,
    pub snapshot: Snapshot,
    pub log: RunLog,
    pub bonds: BondHistory,
}

/// One simulated world and what the view keeps of it.
pub struct LiveRun {
    pub model: Model,
    /// The scenario as run, and its file.
    pub scenario: Scenario,
    pub path: PathBuf,
    /// By firm, in the scenario's order (one for a scenario without `firms`).
    pub firms: Vec<FirmRun>,
    /// The firm whose KPIs, charts, map and inspector are shown.
    pub shown: usize,
    /// What moved between the firms, and their pay (empty for one company).
    pub rivalry: Rivalry,
}

impl LiveRun {
    pub fn new(scenario: Scenario, path: PathBuf) -> Self {
        let mut model = Model::new(&scenario);
        let names = scenario.firm_names();
        let firms = names
            .iter()
            .enumerate()
            .map(|(i, name)| FirmRun {
                name: name.clone(),
                series: Series::default(),
                snapshot: Snapshot::extract(model.sim_mut(i).world_mut()),
                log: RunLog::default(),
                bonds: BondHistory::default(),
            })
            .collect();
        LiveRun { model, scenario, path, firms, shown: 0, rivalry: Rivalry::new(names) }
    }

    /// Whether the run is an industry of several firms.
    pub fn is_industry(&self) -> bool {
        self.firms.len() > 1
    }

    /// The firm shown.
    pub fn shown(&self) -> &FirmRun {
        &self.firms[self.shown.min(self.firms.len() - 1)]
    }

    /// Show firm `i` (ignored if there is no such firm).
    pub fn show_firm(&mut self, i: usize) {
        if i < self.firms.len() {
            self.shown = i;
        }
    }

    /// The shown firm's simulation.
    pub fn sim(&self) -> &Simulation {
        self.model.sim(self.shown)
    }

    /// The next week to simulate (= weeks done).
    pub fn week(&self) -> u32 {
        self.model.week()
    }

    pub fn finished(&self) -> bool {
        self.model.finished()
    }

    /// Simulate one week (of every firm) and record it. False once the run is over.
    pub fn step_week(&mut self) -> bool {
        if !self.model.step() {
            return false;
        }
        let mut ticks = self.model.drain();
        // The firms' outputs (an industry's own row follows them; the view draws the firms').
        ticks.truncate(self.firms.len());
        let week = self.model.week();
        self.rivalry.absorb(week - 1, &ticks);
        for (i, out) in ticks.into_iter().enumerate() {
            let sim = self.model.sim_mut(i);
            let firm = &mut self.firms[i];
            let quits = quit_split(sim.world(), &out.events);
            for row in &out.timeseries {
                firm.series.absorb(row, &out.events, quits);
            }
            firm.bonds.record(sim.world_mut(), week);
            firm.log.absorb(out);
        }
        true
    }

    /// Read every firm's world for the map.
    pub fn refresh_snapshot(&mut self) {
        for (i, firm) in self.firms.iter_mut().enumerate() {
            firm.snapshot = Snapshot::extract(self.model.sim_mut(i).world_mut());
        }
    }

    /// The shown firm's customers by id: `true` an active account, `false` lost; absent if never
    /// won (a prospect, or not yet in the market).
    pub fn customer_stages(&mut self) -> BTreeMap<u32, bool> {
        let world = self.model.sim_mut(self.shown).world_mut();
        let mut out = BTreeMap::new();
        let mut q = world.query::<&Account>();
        for a in q.iter(world) {
            out.insert(a.id, true);
        }
        for l in &world.resource::<LostAccounts>().0 {
            out.insert(l.id, false);
        }
        out
    }

    /// Write the run so far as a headless run would: timeseries.csv, events.csv, reps.csv,
    /// accounts.csv and summary.json in `dir` (an industry's firms week by week, in firm order).
    pub fn save_outputs(&self, dir: &Path) -> std::io::Result<()> {
        let s = &self.scenario;
        let meta = RunMeta::of(s);
        let mut w = RunWriter::create(dir, &meta)?;
        if let [one] = self.firms.as_slice() {
            let log = &one.log;
            w.write_rows(&log.timeseries, &log.events, &log.reps, &log.accounts)?;
        } else {
            for k in 0..self.firms[0].log.week_ends.len() {
                let ticks: Vec<_> = self.firms.iter().enumerate().map(|(i, f)| f.log.week(k, i as u16)).collect();
                for tick in &ticks {
                    w.write(tick)?;
                }
                w.write(&crate::industry::industry_tick(&ticks))?;
            }
        }
        w.finish(&self.model.summary(s))
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
