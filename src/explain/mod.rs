//! "Why did this leave?": the story of one customer or rep told in plain words from a run's event
//! log, for `salesim explain` and the live view's inspector.
//!
//! Everything works on in-memory [`EventRecord`]s in log order (the order the simulation wrote
//! them, which is week order); [`read_events`] reads them back from a run's `events.csv`, and
//! [`read_events_where`] with [`customer_records`] or [`rep_records`] only those a story reads.
//! In an industry every record has its firm (`firms.rs`): a customer is followed across firms, a
//! rep is told at its firm.

mod career;
mod csv;
mod customer;
mod firms;
mod rep;

pub use csv::{FirmEvents, read_events, read_events_where, read_firm_events_where};
pub use customer::{customer_records, customer_story};
pub use firms::{FirmRecord, customer_story_across, firms_of, rep_story_at};
pub use rep::{rep_records, rep_story};

use crate::sim::observe::events::{EventKind, EventRecord};

/// One agent's story.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    /// One sentence: what became of the agent (or that the log has no record of it).
    pub headline: String,
    /// For a lost customer or a departed (or departing) rep, the chain of causes in plain words.
    pub cause: Option<String>,
    /// One line per event in week order, e.g. "week 12: won by rep 3 (hunting)"; for a rep,
    /// its career followed by counts of the customers it won, kept and lost.
    pub history: Vec<String>,
}

impl Story {
    /// The story as plain text: headline, "Why: …" and the history, one line each.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n", self.headline);
        if let Some(cause) = &self.cause {
            out.push_str(&format!("Why: {cause}\n"));
        }
        if !self.history.is_empty() {
            out.push_str("History:\n");
            for line in &self.history {
                out.push_str(&format!("  {line}\n"));
            }
        }
        out
    }
}

/// "week 12: " followed by `what`.
fn dated(week: u32, what: impl std::fmt::Display) -> String {
    format!("week {week}: {what}")
}

/// `text` in brackets after a space, or nothing when it is empty.
fn bracketed(text: &str) -> String {
    if text.is_empty() { String::new() } else { format!(" ({text})") }
}

/// A record's fields in a neutral form, for kinds without a dedicated phrase.
fn generic(e: &EventRecord) -> String {
    let mut what = e.kind.as_str().replace('_', " ");
    if let Some(c) = &e.competitor {
        what.push_str(&format!(" ({c})"));
    }
    let notes: Vec<&str> = [e.cause.as_str(), e.detail.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
    what + &bracketed(&notes.join("; "))
}

/// "rep 17", or "an unknown rep" when the record names none.
fn who(rep: Option<u32>) -> String {
    rep.map_or_else(|| "an unknown rep".into(), |r| format!("rep {r}"))
}

/// The previous owner a `reassign` record names in its detail ("from rep 5").
fn moved_from(e: &EventRecord) -> Option<u32> {
    if e.kind != EventKind::Reassign {
        return None;
    }
    e.detail.strip_prefix("from rep ")?.trim().parse().ok()
}
