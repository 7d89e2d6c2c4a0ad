//! A rep's story: hired, decided to leave, left (poached or quit, with its tenure), and what
//! became of its customers, in counts with a few examples.

use super::career::{Departure, act, career_line, is_career};
use super::{Story, bracketed, moved_from};
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{EventKind, EventRecord};

/// Customer ids shown as examples after a count.
const EXAMPLES: usize = 3;

/// What to count among the rep's own records (those naming it as the rep).
type Pick = fn(&EventRecord) -> bool;

/// The counts of a rep's story: label and which of its records it counts.
const TALLIES: [(&str, Pick); 7] = [
    ("customers won", |e| e.kind == EventKind::Win),
    ("customers who came over from a rival firm with the rep", |e| e.kind == EventKind::CameOver),
    ("customers handed to the rep by reassignment", |e| e.kind == EventKind::Reassign),
    ("customers who followed the rep when it left", |e| e.kind == EventKind::Follow),
    ("customers lost when the rep left", |e| e.kind == EventKind::LostOnDeparture),
    ("customers who left dissatisfied while the rep owned them", |e| {
        e.kind == EventKind::Churn && e.cause == Cause::Dissatisfied
    }),
    ("customers lost to a competitor while the rep owned them", |e| {
        e.kind == EventKind::Churn && e.cause == Cause::Competitor
    }),
];

/// Whether a record is one the story of rep `id` reads: those naming it as the rep, and the
/// reassignments of its customers to others.
pub fn rep_records(id: u32) -> impl Fn(&EventRecord) -> bool {
    move |e| e.rep == Some(id) || moved_from(e) == Some(id)
}

/// The story of rep `id` as `events` (a run's event log, in log order) tell it.
pub fn rep_story(events: &[EventRecord], id: u32) -> Story {
    let own: Vec<&EventRecord> = events.iter().filter(|e| e.rep == Some(id)).collect();
    let moved_away: Vec<&EventRecord> = events.iter().filter(|e| moved_from(e) == Some(id)).collect();
    if own.is_empty() && moved_away.is_empty() {
        return Story {
            headline: format!(
                "No record of rep {id} in the event log: there is no such rep, or nothing has happened to it yet"
            ),
            ..Story::default()
        };
    }
    let departure = Departure::of(events, id, u32::MAX);
    let hired = own.iter().find(|e| matches!(e.kind, EventKind::Hire | EventKind::Joined)).map(|e| e.week);
    let mut history: Vec<String> = own.iter().filter(|e| is_career(e)).map(|e| career_line(e)).collect();
    history.extend(TALLIES.iter().filter_map(|(label, pick)| tally(label, own.iter().filter(|e| pick(e)).copied())));
    history.extend(tally("customers moved to other reps by realignment", moved_away.iter().copied()));
    Story { headline: headline(id, hired, &departure), cause: departure.reasons(), history }
}

/// "Rep 58 was poached by Rival in week 138 (tenure 78 weeks)", "Rep 9 is leaving: accepted an
/// offer from Rival in week 199", "Rep 3 is still with the company, hired in week 12".
fn headline(id: u32, hired: Option<u32>, departure: &Departure) -> String {
    match (departure.exit, departure.decision) {
        (Some(x), _) => format!("Rep {id} {} in week {}{}", act(x), x.week, bracketed(&x.detail)),
        (None, Some(d)) => format!("Rep {id} is leaving: {} in week {}", act(d), d.week),
        (None, None) => {
            let since = hired.map(|w| format!(", hired in week {w}")).unwrap_or_default();
            format!("Rep {id} is still with the company{since}")
        }
    }
}

/// "customers won: 35 (e.g. 12, 40, 77)", or nothing when there are none.
fn tally<'a>(label: &str, records: impl Iterator<Item = &'a EventRecord>) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    let mut ids: Vec<u32> = records.filter_map(|e| e.customer).filter(|c| seen.insert(*c)).collect();
    if ids.is_empty() {
        return None;
    }
    let count = ids.len();
    ids.truncate(EXAMPLES);
    let examples: Vec<String> = ids.iter().map(u32::to_string).collect();
    Some(format!("{label}: {count} (e.g. {})", examples.join(", ")))
}
