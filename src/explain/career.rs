//! A rep's way out of the company, read from its own records: the decision (an accepted offer or
//! a notice) and the exit (poached or quit), in the words both stories share.

use super::{bracketed, dated};
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{EventKind, EventRecord};

/// Kinds of the records in which a rep decides to leave.
const DECISIONS: [EventKind; 3] = [EventKind::AcceptsOffer, EventKind::Notice, EventKind::LetGo];
/// Kinds of the records in which a rep leaves.
const EXITS: [EventKind; 3] = [EventKind::Poached, EventKind::Quit, EventKind::ManagedOut];

/// Whether a record is a step of a rep's career (hired, decided to leave, left).
pub(super) fn is_career(e: &EventRecord) -> bool {
    e.kind == EventKind::Hire || e.kind == EventKind::Joined || is_departure(e)
}

/// Whether a record is a rep deciding to leave or leaving.
pub(super) fn is_departure(e: &EventRecord) -> bool {
    DECISIONS.contains(&e.kind) || EXITS.contains(&e.kind)
}

/// The rep's act in a career record, without its week: "accepted an offer from Rival",
/// "was poached by Rival", "quit to a rival firm", "gave notice", "was hired".
pub(super) fn act(e: &EventRecord) -> String {
    let competitor = e.competitor.as_deref().unwrap_or("a competitor");
    match e.kind {
        EventKind::Hire => "was hired".into(),
        EventKind::Joined => format!("joined from {competitor}"),
        EventKind::Notice => "gave notice".into(),
        EventKind::AcceptsOffer if e.cause == Cause::Colleague => {
            format!("was recruited by {competitor} along with a teammate")
        }
        EventKind::AcceptsOffer => format!("accepted an offer from {competitor}"),
        EventKind::Poached => format!("was poached by {competitor}"),
        EventKind::Quit if e.cause.to_rival() => match &e.competitor {
            Some(firm) => format!("quit to join {firm}"),
            None => "quit to a rival firm".into(),
        },
        EventKind::Quit => "quit".into(),
        EventKind::LetGo => "was let go for performance".into(),
        EventKind::ManagedOut if e.cause.to_rival() => match &e.competitor {
            Some(firm) => format!("left, let go, for {firm}"),
            None => "left, let go, for a rival firm".into(),
        },
        EventKind::ManagedOut => "left, let go for performance".into(),
        _ => super::generic(e),
    }
}

/// A career record as a history line: "week 138: was poached by Rival (tenure 78 weeks)".
pub(super) fn career_line(e: &EventRecord) -> String {
    dated(e.week, act(e) + &bracketed(&e.detail))
}

/// How a rep left the company, or is leaving it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Departure<'a> {
    /// The record of its accepted offer or its notice.
    pub decision: Option<&'a EventRecord>,
    /// The record of its leaving (poached or quit).
    pub exit: Option<&'a EventRecord>,
}

impl<'a> Departure<'a> {
    /// Rep `rep`'s departure as the log knows it by the end of week `by`.
    pub fn of(events: &'a [EventRecord], rep: u32, by: u32) -> Self {
        let mut own = events.iter().filter(|e| e.rep == Some(rep) && e.week <= by);
        let decision = own.clone().find(|e| DECISIONS.contains(&e.kind));
        let exit = own.find(|e| EXITS.contains(&e.kind));
        Departure { decision, exit }
    }

    /// The week it left, if it has.
    pub fn exit_week(&self) -> Option<u32> {
        self.exit.map(|x| x.week)
    }

    /// In a few words: "was poached by Rival in week 212 (offer accepted in week 208; tenure 300
    /// weeks)", "quit in week 88 (gave notice in week 80; tenure 40 weeks)", or for a rep serving
    /// its notice "accepted an offer from Rival in week 208".
    pub fn summary(&self) -> Option<String> {
        match (self.exit, self.decision) {
            (Some(x), d) => {
                let notes: Vec<String> =
                    d.map(decided).into_iter().chain(Some(x.detail.clone()).filter(|s| !s.is_empty())).collect();
                Some(format!("{} in week {}{}", act(x), x.week, bracketed(&notes.join("; "))))
            }
            (None, Some(d)) => Some(format!("{} in week {}", act(d), d.week)),
            (None, None) => None,
        }
    }

    /// Why and how it left: "gave notice in week 80: expected pay 50000 vs market 65000; …; left
    /// in week 88 (tenure 40 weeks)".
    pub fn reasons(&self) -> Option<String> {
        let decision = self.decision.map(|d| {
            let why = if d.detail.is_empty() { String::new() } else { format!(": {}", d.detail) };
            format!("{} in week {}{why}", act(d), d.week)
        });
        let exit = self.exit.map(|x| format!("{} in week {}{}", left_for(x), x.week, bracketed(&x.detail)));
        let parts: Vec<String> = decision.into_iter().chain(exit).collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// The decision in a bracket note: "offer accepted in week 208", "gave notice in week 80".
fn decided(d: &EventRecord) -> String {
    match d.kind {
        EventKind::AcceptsOffer if d.cause == Cause::Colleague => {
            format!("recruited with a teammate in week {}", d.week)
        }
        EventKind::AcceptsOffer => format!("offer accepted in week {}", d.week),
        _ => format!("{} in week {}", act(d), d.week),
    }
}

/// Where an exit took the rep: "left for Rival", "left for a rival firm", "left".
fn left_for(x: &EventRecord) -> String {
    match (x.kind, &x.competitor) {
        (EventKind::Poached, Some(c)) => format!("left for {c}"),
        (EventKind::Quit | EventKind::ManagedOut, Some(c)) if x.cause.to_rival() => format!("left for {c}"),
        (EventKind::Quit, _) if x.cause.to_rival() => "left for a rival firm".into(),
        _ => "left".into(),
    }
}
