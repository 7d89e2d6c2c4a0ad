//! What a simulated firm shows its industry and takes from it between weeks (`src/industry/`):
//! the reps and customers it lost to rival firms, the ones arriving from them, its headcount and
//! pay, and what it is told of its rivals and of the labour market. A firm alone never calls these.

use super::Simulation;
use super::careers::market::LabourMarket;
use super::careers::moves::{Arrivals, Candidates, Emigrants, MovingAccount, MovingRep, PooledRep};
use super::components::Prospect;
use super::components::{Account, Competitor, FirmLink, PayState, Rep, RepStatus};
use super::resources::{MarketState, Params, ProspectPool, Staffing};

/// A firm's reps as the industry counts them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Headcount {
    /// Active reps.
    pub reps: u32,
    /// Their expected pay summed, $/year.
    pub pay: f64,
    /// What it pays a rep it hires: the mean expected pay of its active reps hired within the
    /// last year (a hire takes over a seat, `careers/migration.rs`, and ramps on its book), or its
    /// plan's base salary with none, $/year.
    pub hire_pay: f64,
}

impl Simulation {
    /// Name this world's firm as the industry's `firms` does (its reps' rows say they work there).
    pub(crate) fn name_firm(&mut self, name: &str) {
        self.world_mut().resource_mut::<crate::sim::observe::events::CompetitorNames>().1 = name.to_string();
    }

    /// The reps and customers that left this week for rivals that are firms.
    pub fn take_emigrants(&mut self) -> Emigrants {
        std::mem::take(&mut *self.world_mut().resource_mut::<Emigrants>())
    }

    /// Queue reps and customers of rival firms to join at the start of the next Careers stage.
    pub fn deliver(&mut self, reps: Vec<MovingRep>, accounts: Vec<MovingAccount>) {
        let mut arrivals = self.world_mut().resource_mut::<Arrivals>();
        arrivals.reps.extend(reps);
        arrivals.accounts.extend(accounts);
    }

    /// The reps and customers delivered and not yet admitted.
    pub fn arriving(&self) -> (&[MovingRep], &[MovingAccount]) {
        let a = self.world().resource::<Arrivals>();
        (&a.reps, &a.accounts)
    }

    /// The competitor id of the rival that is firm `firm` of the industry, if it is one.
    pub fn rival_id_of_firm(&self, firm: u16) -> Option<u16> {
        self.world().resource::<Params>().0.competitors.iter().position(|c| c.firm == Some(firm)).map(|i| i as u16)
    }

    /// The firm of the industry that competitor `rival` is, if it is one.
    pub fn firm_of_rival(&self, rival: u16) -> Option<u16> {
        self.world().resource::<Params>().0.competitors.get(rival as usize).and_then(|c| c.firm)
    }

    /// Its active reps and their expected pay.
    pub fn headcount(&mut self) -> Headcount {
        let week = self.week();
        let (mut h, mut hires, mut hire_pay) = (Headcount::default(), 0u32, 0.0);
        let mut q = self.world_mut().query::<(&Rep, &PayState)>();
        for (r, p) in q.iter(self.world()) {
            if r.status == RepStatus::Active {
                h.reps += 1;
                h.pay += p.expected_pay;
                if r.tenure_weeks(week) < super::components::FIRST_YEAR_WEEKS {
                    hires += 1;
                    hire_pay += p.expected_pay;
                }
            }
        }
        h.hire_pay =
            if hires > 0 { hire_pay / hires as f64 } else { self.world().resource::<Params>().0.pay.base_salary };
        h
    }

    /// The ids of its active customers.
    pub fn customer_ids(&mut self) -> Vec<u32> {
        let mut q = self.world_mut().query::<&Account>();
        q.iter(self.world()).map(|a| a.id).collect()
    }

    /// Its employed reps (active or serving notice).
    pub fn employed_reps(&mut self) -> u32 {
        let mut q = self.world_mut().query::<&Rep>();
        q.iter(self.world()).filter(|r| r.is_employed()).count() as u32
    }

    /// Its prospects not yet won or pursued, and its pool at week 0 (its share of the market).
    pub fn prospects(&self) -> (usize, f64) {
        (self.world().resource::<ProspectPool>().len(), self.world().resource::<MarketState>().pool_reference)
    }

    /// Take `n` of its prospects (at most all), the ideal-profile ones in their share of the pool,
    /// each list's last first.
    pub fn take_prospects(&mut self, n: usize) -> Vec<Prospect> {
        let mut pool = self.world_mut().resource_mut::<ProspectPool>();
        let total = pool.len();
        let n = n.min(total);
        let icp = if total > 0 { (n * pool.icp.len()).div_ceil(total).min(pool.icp.len()) } else { 0 };
        let other = (n - icp).min(pool.other.len());
        let icp = n - other;
        let keep = pool.icp.len() - icp;
        let mut out = pool.icp.split_off(keep);
        let keep = pool.other.len() - other;
        out.extend(pool.other.split_off(keep));
        out
    }

    /// Add prospects to its pool.
    pub fn give_prospects(&mut self, prospects: Vec<Prospect>) {
        let mut pool = self.world_mut().resource_mut::<ProspectPool>();
        for p in prospects {
            pool.put(p);
        }
    }

    /// Its vacancies to be filled next week (none while hiring is frozen).
    pub fn vacancies_due(&self) -> usize {
        if self.world().resource::<Params>().0.hiring.freeze {
            return 0;
        }
        let week = self.week();
        self.world().resource::<Staffing>().vacancies.iter().filter(|v| v.start_week <= week).count()
    }

    /// Offer it reps between jobs for next week's vacancies, best first.
    pub fn offer_candidates(&mut self, reps: Vec<PooledRep>) {
        self.world_mut().resource_mut::<Candidates>().0.extend(reps);
    }

    /// Its offer to new customers as its rivals' contests see it (`deals/contest.rs`): the mean
    /// chance of its new-customer deals, and the share of its market its reps are working.
    pub fn offer(&self) -> (f64, f64) {
        let w = self.world();
        let strength = w.resource::<super::deals::contest::OfferStrength>().mean_chance;
        (
            strength,
            super::deals::contest::presence(w.resource::<super::deals::Pipeline>(), w.resource::<ProspectPool>()),
        )
    }

    /// The commission rate of its pay plan in force.
    pub fn commission_rate(&self) -> f64 {
        self.world().resource::<Params>().0.pay.commission_rate
    }

    /// Tell it what rival firm `firm` looks like now, and the commission rate its offers carry.
    pub fn tell_rival(&mut self, firm: u16, link: FirmLink, commission_rate: f64) {
        let Some(id) = self.rival_id_of_firm(firm) else { return };
        self.world_mut().resource_mut::<Params>().0.competitors[id as usize].offer_commission_rate = commission_rate;
        let mut q = self.world_mut().query::<&mut Competitor>();
        for mut c in q.iter_mut(self.world_mut()) {
            if c.id == id {
                c.link = Some(link);
            }
        }
    }

    /// Tell it the other firms' reps and their pay summed, for the labour market.
    pub fn tell_rivals_pay(&mut self, reps: u32, pay: f64) {
        let mut m = self.world_mut().resource_mut::<LabourMarket>();
        m.rivals_reps = reps as f64;
        m.rivals_pay = pay;
    }
}
