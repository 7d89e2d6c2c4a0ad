//! Mechanism 10, leadership: when reps threaten to leave over a planned change, the company's
//! leadership weighs what the change is expected to bring over its horizon against what the
//! threats are expected to cost, and proceeds, buys the threats off with transition pay, or
//! abandons the change, whichever it values most.
//!
//! Over the horizon H = `leadership.horizon_years` (+ `catalyst_horizon_years` while a catalyst
//! lasts) the change is worth G = m·(ΔR + A) − K: the revenue it adds over H (ΔR, summed over the
//! accounts it touches, `business_case.rs`) and the revenue it keeps from leaving (A), at the
//! gross margin m = `market.gross_margin`, less what it costs to run (K). Proceeding risks
//! L = Σ qᵢ·(m·Pᵢ·H + c·Eᵢ) over the threatening reps, with qᵢ the threat's credibility (the
//! chance that rep i would take its outside offer after the change, `pushback.rs`), Pᵢ its
//! portable book (the revenue that would follow it), Eᵢ its pay and c = `replacement_cost`;
//! leadership weighs L λ = `loss_aversion` times.
//! Buying off costs C = Σ Δᵢ·`buyoff_weeks`/52 (Δᵢ the pay rep i stands to lose), when the
//! company offers transition pay at all. Leadership picks the largest of proceed G − λL, buy off
//! G − C and abandon 0; a tie keeps things as they are. The share of revenue the threatening reps
//! hold decides nothing.

use crate::scenario::{Pushback, Scenario};
use crate::sim::components::WEEKS_PER_YEAR;

/// What a planned change is expected to bring over the leadership's horizon, as leadership
/// reckons it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BusinessCase {
    /// Revenue the change adds over the horizon, by the rep whose accounts bring it.
    pub gains: Vec<RepGain>,
    /// Revenue it keeps from leaving over the horizon (customers who would have followed their
    /// departing reps stay).
    pub avoided: f64,
    /// What it costs to run over the horizon, $ (specialists' salaries).
    pub cost: f64,
}

/// The revenue over the horizon a change brings on the accounts a rep holds now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RepGain {
    pub rep: u32,
    pub revenue: f64,
}

/// A threat as leadership sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ThreatCost {
    pub rep: u32,
    /// Annual revenue that would follow the rep to a rival.
    pub portable_book: f64,
    /// The rep's expected annual pay.
    pub expected_pay: f64,
    /// Annual pay the change takes from it.
    pub pay_at_stake: f64,
    /// The chance it would take its outside offer once the change is made.
    pub credibility: f64,
}

/// What leadership decides about a change reps threaten to leave over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decision {
    /// The change goes ahead; threats may be carried out.
    Proceed,
    /// The change goes ahead and each threatening rep is paid `weeks` of its pay at stake.
    Compensate { weeks: f64 },
    /// The change is dropped.
    Abandon,
}

/// The weighing behind a decision, in $ over the horizon (for the event log).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Weighing {
    pub horizon_years: f64,
    /// G: what the change is worth if nobody leaves.
    pub gain: f64,
    /// L: what the threats are expected to cost, before loss aversion.
    pub expected_loss: f64,
    /// C: the transition pay that would buy every threat off (0 if none is offered).
    pub buyoff: f64,
}

/// The horizon leadership looks over in years: `horizon_years`, longer while a catalyst lasts.
pub(crate) fn horizon(s: &Scenario, catalyst: bool) -> f64 {
    let l = &s.leadership;
    l.horizon_years + if catalyst { l.catalyst_horizon_years } else { 0.0 }
}

/// Weigh a change reckoned over `h` years: the decision `ownership.pushback` asks for (`Weigh`:
/// the best of proceeding, buying off and abandoning), and the weighing behind it.
pub(crate) fn decide(s: &Scenario, case: &BusinessCase, threats: &[ThreatCost], h: f64) -> (Decision, Weighing) {
    let l = &s.leadership;
    let margin = s.market.gross_margin;
    let gain = margin * (case.gains.iter().map(|g| g.revenue).sum::<f64>() + case.avoided) - case.cost;
    let expected_loss: f64 = threats
        .iter()
        .map(|t| t.credibility * (margin * t.portable_book * h + l.replacement_cost * t.expected_pay))
        .sum();
    let buyoff: f64 = threats.iter().map(|t| t.pay_at_stake * l.buyoff_weeks / WEEKS_PER_YEAR).sum();
    let weighing = Weighing { horizon_years: h, gain, expected_loss, buyoff };
    let decision = match s.ownership.pushback {
        _ if threats.is_empty() => Decision::Proceed,
        Pushback::Proceed => Decision::Proceed,
        Pushback::Compensate { weeks } => Decision::Compensate { weeks },
        Pushback::Abandon => Decision::Abandon,
        Pushback::Weigh => {
            let mut options = vec![(Decision::Proceed, gain - l.loss_aversion * expected_loss)];
            if l.buyoff_weeks > 0.0 {
                options.push((Decision::Compensate { weeks: l.buyoff_weeks }, gain - buyoff));
            }
            options.into_iter().fold((Decision::Abandon, 0.0), |best, o| if o.1 > best.1 { o } else { best }).0
        }
    };
    (decision, weighing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron");
        let mut s = crate::scenario::load::load_file(&path).expect("the baseline is valid");
        s.ownership.pushback = Pushback::Weigh;
        s.market.gross_margin = 0.5;
        s.leadership.loss_aversion = 2.0;
        s.leadership.replacement_cost = 0.0;
        s
    }

    /// A change that adds `revenue` over the horizon.
    fn case(revenue: f64) -> BusinessCase {
        BusinessCase { gains: vec![RepGain { rep: 2, revenue }], ..Default::default() }
    }

    fn threat(portable_book: f64) -> ThreatCost {
        ThreatCost { rep: 1, portable_book, expected_pay: 100_000.0, pay_at_stake: 20_000.0, credibility: 0.5 }
    }

    #[test]
    fn threats_holding_the_same_share_of_revenue_weigh_by_the_revenue_that_would_follow() {
        // The threatening rep's book, and so its share of revenue, is the same; only how much of
        // it would follow the rep differs, and that alone turns the decision. Loss: 0.5·0.5·P·2·2.
        let s = scenario();
        assert_eq!(decide(&s, &case(200_000.0), &[threat(50_000.0)], 2.0).0, Decision::Proceed);
        assert_eq!(decide(&s, &case(200_000.0), &[threat(150_000.0)], 2.0).0, Decision::Abandon);
    }

    #[test]
    fn a_change_worth_more_than_its_threats_cost_goes_ahead() {
        let s = scenario();
        assert_eq!(decide(&s, &case(80_000.0), &[threat(90_000.0)], 1.0).0, Decision::Abandon);
        assert_eq!(decide(&s, &case(400_000.0), &[threat(90_000.0)], 1.0).0, Decision::Proceed);
    }

    #[test]
    fn a_loss_averse_leadership_abandons_what_a_neutral_one_pushes_through() {
        let mut s = scenario();
        let (c, t) = (case(160_000.0), [threat(90_000.0)]);
        assert_eq!(decide(&s, &c, &t, 2.0).0, Decision::Abandon);
        s.leadership.loss_aversion = 1.0;
        assert_eq!(decide(&s, &c, &t, 2.0).0, Decision::Proceed);
    }

    #[test]
    fn transition_pay_buys_the_threats_off_only_where_the_company_offers_it() {
        let mut s = scenario();
        let (c, t) = (case(200_000.0), [threat(150_000.0)]);
        assert_eq!(decide(&s, &c, &t, 2.0).0, Decision::Abandon);
        s.leadership.buyoff_weeks = 26.0;
        let (d, w) = decide(&s, &c, &t, 2.0);
        assert_eq!(d, Decision::Compensate { weeks: 26.0 });
        assert_eq!(w.buyoff, 10_000.0);
    }

    #[test]
    fn forced_policies_ignore_the_weighing_and_no_threat_means_no_weighing() {
        let mut s = scenario();
        assert_eq!(decide(&s, &case(0.0), &[], 1.0).0, Decision::Proceed);
        s.ownership.pushback = Pushback::Proceed;
        assert_eq!(decide(&s, &case(0.0), &[threat(1e9)], 1.0).0, Decision::Proceed);
        s.ownership.pushback = Pushback::Compensate { weeks: 4.0 };
        assert_eq!(decide(&s, &case(0.0), &[threat(1e9)], 1.0).0, Decision::Compensate { weeks: 4.0 });
    }
}
