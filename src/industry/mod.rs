//! An industry: the firms a scenario lists in `firms`, each simulated as a company of its own
//! ([`Simulation`], built from its own scenario, `scenario::firms`), competing for the same
//! customers and the same reps. A firm sees each other firm as a competitor in its market; the
//! industry keeps those competitors true to the firms they are and carries what moves between
//! them. Its week, in order:
//!
//! 1. **Every firm simulates the week** (the whole tick of `src/sim/mod.rs`), side by side on as
//!    many threads as there are firms and cores: within a week the firms share nothing, so the
//!    result is the same on any number of threads.
//! 2. **What left for a rival firm is carried to it**: reps who took its offer or quit to join it,
//!    the customers who followed them, and customers its pull won, taken firm by firm in firm
//!    order and each firm's in the order they left. They join at the start of the rival's next
//!    Careers stage (`sim/careers/migration.rs`), so a customer is always active at one firm or
//!    on its way to one, for one week.
//! 3. **The prospects are one market**: the prospects no firm has won or is pursuing are shared
//!    out again among the firms in the market (a firm may enter later, `CompetitorEntry`) in proportion to their pools at week 0 (largest remainder), so a
//!    firm that hunts harder draws down the pool every firm finds its prospects in, and each
//!    firm's saturation (`market.saturation_elasticity`) is the whole market's.
//! 4. **Reps between jobs** (`pool.rs`): reps who left a firm for no rival wait in the industry's
//!    pool for `careers.pool_weeks`; firms fill next week's vacancies from it first, the firm
//!    that pays its hires most choosing first and taking the most skilled (the rest are hired from
//!    outside, `careers/hiring.rs`).
//! 5. **Every firm is told what its rivals look like now**: each rival's size (active reps over
//!    its reps at week 0, which scales its pull on customers and its effort on former customers),
//!    its headcount, the mean pay of its reps, what it pays the reps it hired within the last
//!    year (what its offers start from: a hire takes over a seat and ramps on its book) and its
//!    commission rate (what it offers on the book a rep would bring); and, for the labour market, the other
//!    firms' reps and their pay, so market pay is what the industry's firms pay.

mod census;
mod pool;
mod totals;

pub use census::{FirmCensus, census};
pub use totals::{INDUSTRY, industry_row, industry_tick};

use crate::Simulation;
use crate::scenario::firms::{CUSTOMER_ID_SPAN, entry_week, firm_scenario};
use crate::scenario::{Event, Scenario};
use crate::sim::components::FirmLink;
use crate::sim::observe::metrics::{Summary, TickOutput};

/// `n` split in proportion to `weights` by largest remainder (ties to the earlier), summing to `n`.
fn apportion(n: usize, weights: &[f64]) -> Vec<usize> {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        let mut out = vec![0; weights.len()];
        if let Some(first) = out.first_mut() {
            *first = n;
        }
        return out;
    }
    let exact: Vec<f64> = weights.iter().map(|w| n as f64 * w / total).collect();
    let mut out: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    let short = n - out.iter().sum::<usize>();
    for &i in order.iter().take(short) {
        out[i] += 1;
    }
    out
}

/// One firm of the industry.
pub struct Firm {
    pub name: String,
    pub sim: Simulation,
    /// Its reps at week 0.
    start_reps: u32,
    /// The week it enters the market (`scenario::firms::entry_week`; 0: from the start).
    enters: u32,
}

/// The firms of one market, stepped week by week together.
pub struct Industry {
    firms: Vec<Firm>,
    /// Reps between jobs, in the order they left.
    pool: Vec<crate::sim::careers::moves::PooledRep>,
    /// Weeks a rep stays in the pool (`careers.pool_weeks`).
    pool_weeks: u32,
    /// Threads the firms' weeks run on (1: one after another).
    threads: usize,
}

impl Industry {
    /// Build every firm of `s` (a validated scenario with `firms`) and tell each of its rivals.
    pub fn new(s: &Scenario) -> Result<Industry, crate::scenario::problem::Problem> {
        let mut firms = Vec::with_capacity(s.firms.len());
        for (i, f) in s.firms.iter().enumerate() {
            let k = firm_scenario(s, i)?;
            let start_reps = k.sales_force.reps;
            let mut sim = Simulation::with_customer_ids_from(k, i as u32 * CUSTOMER_ID_SPAN);
            sim.name_firm(&f.name);
            firms.push(Firm { name: f.name.clone(), sim, start_reps, enters: entry_week(s, i) });
        }
        // As many as the run was given (`init_threads`, `--threads`), or the machine has.
        let threads = bevy::tasks::ComputeTaskPool::try_get()
            .map_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()), |p| p.thread_num());
        let mut industry = Industry { firms, threads, pool: Vec::new(), pool_weeks: s.careers.pool_weeks };
        let _ = industry.tell_rivals();
        Ok(industry)
    }

    /// Run the firms' weeks on at most `threads` threads (the result is the same on any number).
    pub fn with_threads(mut self, threads: usize) -> Industry {
        self.threads = threads.max(1);
        self
    }

    /// The firms, in the scenario's order (the first is the one whose story it tells).
    pub fn firms(&self) -> &[Firm] {
        &self.firms
    }

    pub fn firms_mut(&mut self) -> &mut [Firm] {
        &mut self.firms
    }

    /// The next week to simulate (= weeks done).
    pub fn week(&self) -> u32 {
        self.firms[0].sim.week()
    }

    pub fn finished(&self) -> bool {
        self.firms[0].sim.finished()
    }

    /// Queue a live action for the first firm (as `Simulation::send`); a market-wide event goes
    /// to every firm.
    pub fn send(&mut self, event: Event) -> Result<(), crate::scenario::validate::Problem> {
        self.refuse_firm_entry(&event)?;
        self.firms[0].sim.send(event.clone())?;
        if event.is_market_wide() {
            for f in &mut self.firms[1..] {
                f.sim.send(event.clone())?;
            }
        }
        Ok(())
    }

    /// Queue a live action for firm `firm` alone (a game's team deciding for its own firm); an
    /// index out of range is refused.
    pub fn send_to(&mut self, firm: usize, event: Event) -> Result<(), crate::scenario::validate::Problem> {
        if firm == 0 {
            return self.send(event);
        }
        if firm >= self.firms.len() {
            return Err(crate::scenario::validate::Problem { path: "firm".into(), message: format!("no firm {firm}") });
        }
        self.refuse_firm_entry(&event)?;
        self.firms[firm].sim.send(event)
    }

    /// A live action may not make a firm of the industry enter (its entry is the scenario's).
    pub(crate) fn refuse_firm_entry(&self, event: &Event) -> Result<(), crate::scenario::validate::Problem> {
        match event {
            Event::CompetitorEntry(name) if self.firms.iter().any(|f| &f.name == name) => {
                let message =
                    format!("`{name}` is a firm of the industry: it enters when the scenario's timeline says");
                Err(crate::scenario::validate::Problem { path: "event".into(), message })
            }
            _ => Ok(()),
        }
    }

    /// Simulate one week of every firm, carry what moved and tell every firm of its rivals.
    /// Returns false (and does nothing) once the run is over.
    pub fn step(&mut self) -> bool {
        if self.finished() {
            return false;
        }
        let per_thread = self.firms.len().div_ceil(self.threads);
        if per_thread < self.firms.len() {
            std::thread::scope(|scope| {
                for group in self.firms.chunks_mut(per_thread) {
                    scope.spawn(|| group.iter_mut().for_each(|f| _ = f.sim.step()));
                }
            });
        } else {
            for f in &mut self.firms {
                f.sim.step();
            }
        }
        self.carry();
        self.share_prospects();
        let links = self.tell_rivals();
        self.offer_candidates(&links);
        true
    }

    /// Share the prospects out among the firms in the market in proportion to their week-0 pools:
    /// firms above their share give their surplus (in firm order), firms below take what they
    /// lack. A firm yet to enter keeps its own.
    fn share_prospects(&mut self) {
        let week = self.week();
        let pools: Vec<(usize, f64)> =
            self.firms.iter().map(|f| if f.enters <= week { f.sim.prospects() } else { (0, 0.0) }).collect();
        let total: usize = pools.iter().map(|p| p.0).sum();
        let weights: Vec<f64> = pools.iter().map(|p| p.1).collect();
        let targets = apportion(total, &weights);
        let mut moving = Vec::new();
        for (f, (&(size, _), &target)) in self.firms.iter_mut().zip(pools.iter().zip(&targets)) {
            if size > target {
                moving.extend(f.sim.take_prospects(size - target));
            }
        }
        for (f, (&(size, _), &target)) in self.firms.iter_mut().zip(pools.iter().zip(&targets)) {
            if size < target {
                let rest = moving.split_off(moving.len() - (target - size).min(moving.len()));
                f.sim.give_prospects(rest);
            }
        }
    }

    /// Deliver every firm's emigrants to the firms they left for.
    fn carry(&mut self) {
        let n = self.firms.len();
        let mut mail: Vec<(Vec<_>, Vec<_>)> = (0..n).map(|_| (Vec::new(), Vec::new())).collect();
        let week = self.week().saturating_sub(1);
        for i in 0..n {
            let out = self.firms[i].sim.take_emigrants();
            self.take_into_pool(i, week, out.between_jobs, out.unhired);
            let route = |sims: &[Firm], rival: u16| -> Option<(usize, u16)> {
                let to = sims[i].sim.firm_of_rival(rival)? as usize;
                Some((to, sims[to].sim.rival_id_of_firm(i as u16)?))
            };
            for mut m in out.reps {
                if let Some((to, from)) = route(&self.firms, m.rival) {
                    m.rival = from;
                    mail[to].0.push(m);
                }
            }
            for mut m in out.accounts {
                if let Some((to, from)) = route(&self.firms, m.rival) {
                    m.rival = from;
                    mail[to].1.push(m);
                }
            }
        }
        for (f, (reps, accounts)) in self.firms.iter_mut().zip(mail) {
            f.sim.deliver(reps, accounts);
        }
    }

    /// Tell every firm what its rivals look like now and what the other firms pay.
    /// Returns what it told of each firm (its size, headcount and mean pay), in firm order.
    fn tell_rivals(&mut self) -> Vec<FirmLink> {
        let counts: Vec<_> = self.firms.iter_mut().map(|f| f.sim.headcount()).collect();
        let rates: Vec<f64> = self.firms.iter().map(|f| f.sim.commission_rate()).collect();
        let offers: Vec<(f64, f64)> = self.firms.iter().map(|f| f.sim.offer()).collect();
        let links: Vec<FirmLink> = self
            .firms
            .iter()
            .zip(counts.iter().zip(&offers))
            .map(|(f, (h, &(offer_chance, presence)))| FirmLink {
                size: h.reps as f64 / f.start_reps.max(1) as f64,
                headcount: h.reps,
                pay_level: if h.reps > 0 { h.pay / h.reps as f64 } else { 0.0 },
                hire_pay: h.hire_pay,
                offer_chance,
                presence,
            })
            .collect();
        for (j, f) in self.firms.iter_mut().enumerate() {
            let (mut reps, mut pay) = (0, 0.0);
            for (i, h) in counts.iter().enumerate().filter(|(i, _)| *i != j) {
                f.sim.tell_rival(i as u16, links[i], rates[i]);
                reps += h.reps;
                pay += h.pay;
            }
            f.sim.tell_rivals_pay(reps, pay);
        }
        links
    }

    /// Take this week's outputs of every firm, in firm order.
    pub fn drain(&mut self) -> Vec<TickOutput> {
        let tag = |(i, f): (usize, &mut Firm)| TickOutput { firm: i as u16, ..f.sim.drain() };
        self.firms.iter_mut().enumerate().map(tag).collect()
    }

    /// Every firm's summary so far, in firm order.
    pub fn summaries(&self) -> Vec<Summary> {
        self.firms.iter().map(|f| f.sim.summary()).collect()
    }
}
