//! Stories across the firms of an industry: a run's records come with the firm each is about
//! (the `firm` column), rep ids are a firm's own, and a customer keeps its id at every firm. A
//! customer's story is its stay at each firm told as at one firm, in the order it moved; a rep's
//! is its story at the firm named.

use super::{Story, customer_story, rep_story};
use crate::sim::observe::events::EventRecord;

/// A record and the firm it is about ("" in a log written before firms had a column).
#[derive(Clone, Debug, PartialEq)]
pub struct FirmRecord {
    pub firm: String,
    pub record: EventRecord,
}

/// The firms of the records, in the order they first appear.
pub fn firms_of(events: &[FirmRecord]) -> Vec<&str> {
    let mut firms: Vec<&str> = Vec::new();
    for e in events {
        if !firms.contains(&e.firm.as_str()) {
            firms.push(&e.firm);
        }
    }
    firms
}

/// The records about `firm`.
fn at(events: &[FirmRecord], firm: &str) -> Vec<EventRecord> {
    events.iter().filter(|e| e.firm == firm).map(|e| e.record.clone()).collect()
}

/// The story of customer `id` across the firms: with records at one firm, as at that firm; else
/// the story at the firm it is at now (or left last), after where it was, and the history of
/// every stay, each line naming its firm.
pub fn customer_story_across(events: &[FirmRecord], id: u32) -> Story {
    let stays: Vec<&str> = {
        let mut v: Vec<&str> = Vec::new();
        for e in events.iter().filter(|e| e.record.customer == Some(id)) {
            if v.last() != Some(&e.firm.as_str()) {
                v.push(&e.firm);
            }
        }
        v
    };
    if stays.len() < 2 {
        let firm = stays.first().copied().unwrap_or("");
        return customer_story(&at(events, firm), id);
    }
    let mut history = Vec::new();
    let mut last = Story::default();
    let mut seen = std::collections::HashSet::new();
    for firm in &stays {
        if !seen.insert(*firm) {
            continue;
        }
        last = customer_story(&at(events, firm), id);
        history.extend(last.history.iter().map(|line| at_firm(line, firm)));
    }
    history.sort_by_key(|l| week_of(l));
    let now = stays.last().copied().unwrap_or("");
    let path = stays.join(" → ");
    Story { headline: format!("{} (at {now}; its firms: {path})", last.headline), cause: last.cause, history }
}

/// "week 12 at Apex: …" from "week 12: …".
fn at_firm(line: &str, firm: &str) -> String {
    match line.split_once(": ") {
        Some((week, rest)) => format!("{week} at {firm}: {rest}"),
        None => format!("{firm}: {line}"),
    }
}

/// The week a history line starts with (for ordering the stays' lines; stable within a week).
fn week_of(line: &str) -> u32 {
    line.strip_prefix("week ").and_then(|r| r.split([' ', ':']).next()).and_then(|w| w.parse().ok()).unwrap_or(0)
}

/// The story of rep `id` of `firm`.
pub fn rep_story_at(events: &[FirmRecord], firm: &str, id: u32) -> Story {
    let mut story = rep_story(&at(events, firm), id);
    if !firm.is_empty() {
        story.headline = format!("{} (at {firm})", story.headline);
    }
    story
}
