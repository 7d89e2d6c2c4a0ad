//! Mechanism 3 across an industry (`src/industry/`): prospects are contested. When a firm's deal
//! on a prospect reaches its date, each rival firm of the industry is pitching the same prospect
//! with probability π_j, its *presence*: its open new-customer deals over its prospects and those
//! deals (the share of the market its reps are working). The customer chooses among the offers
//! it has and not buying, by a multinomial logit with a no-purchase option:
//!
//! - this firm's offer has odds o = p/(1 − p), with p the deal's chance uncontested (its offer
//!   against not buying, `chance` in `mod.rs`: fit, price after discount, the rep's skill and
//!   hours, specialists for complex needs, the timing);
//! - a rival's offer has the odds o_j of its own offers: the mean chance of its new-customer
//!   deals at their close, averaged over `deals.offer_memory_weeks` ([`OfferStrength`]);
//! - the firm wins with probability o/(1 + o + Σ o_j) over the rivals present, rival j with
//!   o_j/(1 + o + Σ o_j); with the rest the deal stalls or is lost as an uncontested one is
//!   (`close.rs`). With no rival present this is exactly p.
//!
//! A customer who leaves a firm dissatisfied chooses the same way among the rival firms pitching
//! it and not buying ([`destination`]), and goes to the one it chooses.
//!
//! A prospect a rival wins becomes that rival's customer (carried by the industry, admitted by
//! `careers/migration.rs`). Rivals that are not firms of the industry take prospects from the
//! pool instead (`acquisition.rs`).

use super::Pipeline;
use crate::rng::{Purpose, Stream};
use crate::scenario::Scenario;
use crate::sim::components::Competitor;
use crate::sim::resources::ProspectPool;
use bevy::prelude::*;

/// The largest chance whose odds are taken as they are (a numerical guard against p = 1, not a
/// behavioural bound).
const SURE: f64 = 1.0 - 1e-9;

/// The odds p/(1 − p) of a chance p.
pub(crate) fn odds(p: f64) -> f64 {
    let p = p.clamp(0.0, SURE);
    p / (1.0 - p)
}

/// A firm's offer to new customers as its rivals' prospects see it: the mean chance of its
/// new-customer deals at their close (uncontested), exponentially averaged week by week over
/// `deals.offer_memory_weeks`; `deals.new_win_rate` before any closes.
#[derive(Resource, Clone, Copy, Debug, PartialEq)]
pub struct OfferStrength {
    pub mean_chance: f64,
    week_sum: f64,
    week_deals: u32,
}

impl OfferStrength {
    pub(crate) fn starting(s: &Scenario) -> Self {
        OfferStrength { mean_chance: s.deals.new_win_rate, week_sum: 0.0, week_deals: 0 }
    }

    /// A new-customer deal closed this week with uncontested chance `p`.
    pub(crate) fn note(&mut self, p: f64) {
        self.week_sum += p;
        self.week_deals += 1;
    }

    /// Fold this week's deals into the average.
    pub(crate) fn close_week(&mut self, s: &Scenario) {
        if self.week_deals > 0 {
            let mean = self.week_sum / self.week_deals as f64;
            self.mean_chance += (mean - self.mean_chance) / s.deals.offer_memory_weeks;
        }
        self.week_sum = 0.0;
        self.week_deals = 0;
    }
}

/// The share of its market a firm's reps are working: open new-customer deals over prospects
/// and those deals (0 with neither).
pub(crate) fn presence(pipeline: &Pipeline, pool: &ProspectPool) -> f64 {
    let open = pipeline.deals.len() as f64;
    let all = open + pool.len() as f64;
    if all > 0.0 { open / all } else { 0.0 }
}

/// A rival firm in the market, as the contests of this week see it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct RivalOffer {
    /// Its competitor id in this firm's world.
    pub rival: u16,
    /// The odds of its offer.
    pub odds: f64,
    /// The chance it is pitching any one prospect.
    pub presence: f64,
}

/// The rival firms in the market, by id (none without an industry).
pub(crate) fn rival_offers<'a>(competitors: impl Iterator<Item = &'a Competitor>) -> Vec<RivalOffer> {
    let mut out: Vec<RivalOffer> = competitors
        .filter(|c| c.entered)
        .filter_map(|c| {
            let l = c.link?;
            (l.presence > 0.0).then_some(RivalOffer { rival: c.id, odds: odds(l.offer_chance), presence: l.presence })
        })
        .collect();
    out.sort_by_key(|r| r.rival);
    out
}

/// The rivals pitching `customer` in `week`: each present with its presence, one keyed draw each
/// in id order.
pub(crate) fn contenders(seed: u64, customer: u32, week: u32, rivals: &[RivalOffer]) -> Vec<RivalOffer> {
    if rivals.is_empty() {
        return Vec::new();
    }
    let mut r = Stream::new(seed, customer as u64, week, Purpose::Contest);
    rivals.iter().filter(|o| r.chance(o.presence)).copied().collect()
}

/// Where a customer who leaves the firm in `week` buys instead: each rival firm pitches it with
/// its presence, and it takes rival j's offer with probability o_j/(1 + Σ o_k) over those
/// present, or buys from no firm of the industry. None without a rival firm.
pub(crate) fn destination(seed: u64, customer: u32, week: u32, rivals: &[RivalOffer]) -> Option<u16> {
    if rivals.is_empty() {
        return None;
    }
    let mut r = Stream::new(seed, customer as u64, week, Purpose::ChurnChoice);
    let present: Vec<&RivalOffer> = rivals.iter().filter(|o| r.chance(o.presence)).collect();
    let total = 1.0 + present.iter().map(|c| c.odds).sum::<f64>();
    let u = r.unit();
    let mut edge = 0.0;
    present.into_iter().find_map(|c| {
        edge += c.odds / total;
        (u < edge).then_some(c.rival)
    })
}

/// How a contest ends for the close draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Verdict {
    /// The customer took this firm's offer.
    Won,
    /// It took this rival's.
    Rival(u16),
    /// It took none: the deal stalls or is lost as an uncontested one with chance `bought` (the
    /// offers' shares together) is (`close.rs`).
    NoneTaken { bought: f64 },
}

/// How a contested deal with uncontested chance `p` ends for the close draw `u`.
pub(crate) fn decide(p: f64, present: &[RivalOffer], u: f64) -> Verdict {
    let own = odds(p);
    let total = 1.0 + own + present.iter().map(|c| c.odds).sum::<f64>();
    let mut edge = own / total;
    if u < edge {
        return Verdict::Won;
    }
    for c in present {
        edge += c.odds / total;
        if u < edge {
            return Verdict::Rival(c.rival);
        }
    }
    Verdict::NoneTaken { bought: edge }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shares of (this firm, each rival) over many evenly spaced draws.
    fn shares(p: f64, present: &[RivalOffer]) -> (f64, Vec<f64>) {
        let n = 100_000;
        let (mut own, mut theirs) = (0, vec![0; present.len()]);
        for k in 0..n {
            match decide(p, present, (k as f64 + 0.5) / n as f64) {
                Verdict::Won => own += 1,
                Verdict::Rival(r) => theirs[present.iter().position(|c| c.rival == r).unwrap()] += 1,
                Verdict::NoneTaken { .. } => {}
            }
        }
        (own as f64 / n as f64, theirs.iter().map(|&x| x as f64 / n as f64).collect())
    }

    #[test]
    fn an_uncontested_deal_is_won_with_its_own_chance() {
        let (own, _) = shares(0.3, &[]);
        assert!((own - 0.3).abs() < 1e-3, "{own}");
    }

    #[test]
    fn a_stronger_rival_takes_more_of_the_contested_deals_and_leaves_fewer_unbought() {
        let weak = RivalOffer { rival: 1, odds: odds(0.2), presence: 1.0 };
        let strong = RivalOffer { odds: odds(0.5), ..weak };
        let (own_w, their_w) = shares(0.3, &[weak]);
        let (own_s, their_s) = shares(0.3, &[strong]);
        // Logit shares: o/(1 + o + o_j).
        let expect = odds(0.3) / (1.0 + odds(0.3) + odds(0.2));
        assert!((own_w - expect).abs() < 1e-3, "{own_w} vs {expect}");
        assert!(own_s < own_w && their_s[0] > their_w[0], "{own_s} {own_w} {their_s:?} {their_w:?}");
        assert!(own_w + their_w[0] > 0.3, "a rival's offer also wins customers who would not have bought");
    }

    #[test]
    fn a_rival_is_present_in_about_its_share_of_contests() {
        let rival = RivalOffer { rival: 3, odds: 1.0, presence: 0.25 };
        let n = 20_000;
        let present = (0..n).filter(|&c| !contenders(7, c, 100, &[rival]).is_empty()).count();
        let share = present as f64 / n as f64;
        assert!((share - 0.25).abs() < 0.02, "{share}");
    }
}
