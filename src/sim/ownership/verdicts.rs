//! Mechanism 10, the record of a weighed change: each threat and leadership's decision in the
//! event log, and the summary that names who objected when a change is abandoned.

use crate::sim::observe::events::{EventKind, EventLog};
use crate::sim::ownership::pushback::{Decision, Verdict};

/// Log each threat.
pub(crate) fn log_verdict(log: &mut EventLog, week: u32, v: &Verdict) {
    for t in &v.threats {
        log.push(week, EventKind::Threat).rep(t.stake.rep).cause(v.change.cause()).amount(t.stake.book_revenue).detail(
            format!(
                "stands to lose {:.0} a year of {:.0}; outside offer {:.0} for a portable book of {:.0}",
                t.stake.pay_at_stake, t.stake.expected_pay, t.offer, t.stake.portable_book
            ),
        );
    }
    if !v.threats.is_empty() {
        let w = &v.weighing;
        let decision = match v.decision {
            Decision::Proceed => "proceed".to_string(),
            Decision::Compensate { weeks } => format!("buy the threats off with {weeks} weeks of the pay at stake"),
            Decision::Abandon => "abandon".to_string(),
        };
        log.push(week, EventKind::Decision).cause(v.change.cause()).amount(w.gain).detail(format!(
            "{decision}: over {:.1} years the change is worth {:.0}; the threats are expected to cost {:.0}; \
             buying them off would cost {:.0}",
            w.horizon_years, w.gain, w.expected_loss, w.buyoff
        ));
    }
}

/// A summary of who objected and what leadership weighed, for the event that records an
/// abandoned change.
pub(crate) fn objectors(v: &Verdict) -> String {
    let ids: Vec<String> = v.threats.iter().map(|t| t.stake.rep.to_string()).collect();
    let w = &v.weighing;
    format!(
        "{} reps threatened to leave (reps {}), holding {:.0}% of revenue; over {:.1} years leadership \
         expected {:.0} from the change against {:.0} from the threats carried out",
        v.threats.len(),
        ids.join(", "),
        100.0 * v.threatened_share,
        w.horizon_years,
        w.gain,
        w.expected_loss
    )
}
