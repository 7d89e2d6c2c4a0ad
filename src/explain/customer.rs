//! A customer's story: how it was won, which reps owned it and when, and why it left if it did.

use super::career::{Departure, act, is_departure};
use super::{Story, bracketed, dated, generic, moved_from, who};
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{EventKind, EventRecord};

/// Kinds of the records in which a customer is lost.
const LOSSES: [EventKind; 3] = [EventKind::Follow, EventKind::LostOnDeparture, EventKind::Churn];

/// Whether a record is one the story of customer `id` reads: its own, and every rep's steps out
/// of the company (which tell what became of its owners).
pub fn customer_records(id: u32) -> impl Fn(&EventRecord) -> bool {
    move |e| e.customer == Some(id) || is_departure(e)
}

/// The story of customer `id` as `events` (a run's event log, in log order) tell it.
pub fn customer_story(events: &[EventRecord], id: u32) -> Story {
    let own: Vec<&EventRecord> = events.iter().filter(|e| e.customer == Some(id)).collect();
    if own.is_empty() {
        return Story {
            headline: format!(
                "No record of customer {id} in the event log: there is no such customer, or nothing has happened to it yet"
            ),
            ..Story::default()
        };
    }
    let spans = owner_spans(events, &own);
    let loss = own.iter().copied().find(|e| LOSSES.contains(&e.kind));
    Story {
        headline: match loss {
            Some(l) => format!("Customer {id} {} in week {}", loss_words(l), l.week),
            None => format!("Customer {id} is still a customer, {}", state_words(spans.last())),
        },
        cause: loss.map(|l| cause(events, l, &spans)),
        history: history(events, id, &spans),
    }
}

/// A stretch of weeks in which one rep owned the customer.
struct Span<'a> {
    rep: u32,
    /// Week the rep took the customer over (0 for an owner from the start).
    from: u32,
    /// Week the ownership ended by a reassignment or the customer's loss.
    to: Option<u32>,
    /// The owner's departure, as far as the log knows it by `to`.
    departure: Departure<'a>,
}

impl Span<'_> {
    /// The last week of the ownership, counting the owner's own exit; `None` while it lasts.
    fn end(&self) -> Option<u32> {
        match (self.to, self.departure.exit_week()) {
            (Some(t), Some(x)) => Some(t.min(x)),
            (t, x) => t.or(x),
        }
    }

    fn covers(&self, week: u32) -> bool {
        self.from <= week && self.end().is_none_or(|end| week <= end)
    }

    /// "since week 140", or "since the start".
    fn since(&self) -> String {
        if self.from == 0 { "since the start".into() } else { format!("since week {}", self.from) }
    }
}

/// Who owned the customer when, read from its own records: wins and reassignments start an
/// ownership, reassignments and losses end one, and the first record may name an owner from the
/// start (a reassignment "from rep 5", or the rep of a loss).
fn owner_spans<'a>(events: &'a [EventRecord], own: &[&EventRecord]) -> Vec<Span<'a>> {
    let mut spans: Vec<(u32, u32, Option<u32>)> = Vec::new();
    let close = |spans: &mut Vec<(u32, u32, Option<u32>)>, week: u32| {
        if let Some(last) = spans.last_mut() {
            last.2.get_or_insert(week);
        }
    };
    for e in own {
        let owner_before =
            if e.kind == EventKind::Reassign { moved_from(e) } else { e.rep.filter(|_| LOSSES.contains(&e.kind)) };
        if let Some(r) = owner_before.filter(|&r| spans.last().is_none_or(|s| s.0 != r || s.2.is_some())) {
            close(&mut spans, e.week);
            spans.push((r, if spans.is_empty() { 0 } else { e.week }, None));
        }
        let starts = matches!(e.kind, EventKind::Win | EventKind::Reassign | EventKind::CameOver);
        if starts || LOSSES.contains(&e.kind) {
            close(&mut spans, e.week);
        }
        if let Some(r) = e.rep.filter(|_| starts) {
            spans.push((r, e.week, None));
        }
    }
    spans
        .into_iter()
        .map(|(rep, from, to)| Span { rep, from, to, departure: Departure::of(events, rep, to.unwrap_or(u32::MAX)) })
        .collect()
}

/// The customer's state after its last ownership: "owned by rep 9 since week 140", "without an
/// owner since rep 5 quit in week 88 (…)".
fn state_words(last: Option<&Span>) -> String {
    let Some(span) = last else { return "and the event log does not say who owns it".into() };
    match (span.end(), span.departure.summary()) {
        (None, None) => format!("owned by rep {} {}", span.rep, span.since()),
        (None, Some(leaving)) => format!("owned by rep {} {}, who {leaving}", span.rep, span.since()),
        (Some(_), Some(left)) => format!("without an owner since rep {} {left}", span.rep),
        (Some(week), None) => format!("without an owner since week {week}"),
    }
}

/// The loss in a few words, without its week: "followed rep 17 to Rival", "left dissatisfied".
fn loss_words(l: &EventRecord) -> String {
    match (l.kind, l.cause) {
        (EventKind::Follow, _) => {
            format!("followed {} to {}", who(l.rep), l.competitor.as_deref().unwrap_or("a rival firm"))
        }
        (EventKind::LostOnDeparture, _) => format!("left when {} left", who(l.rep)),
        (EventKind::Churn, Cause::Dissatisfied) => "left dissatisfied".into(),
        (EventKind::Churn, Cause::Competitor) => {
            format!("was lost to {}", l.competitor.as_deref().unwrap_or("a competitor"))
        }
        _ => generic(l),
    }
}

/// The chain of causes of a loss in plain words.
fn cause(events: &[EventRecord], l: &EventRecord, spans: &[Span]) -> String {
    match l.kind {
        EventKind::Follow => format!("{}; {}; followed", owner_left(events, l), l.detail),
        EventKind::LostOnDeparture => {
            format!("{}; {}; the customer left when its rep did", owner_left(events, l), l.detail)
        }
        _ => {
            let details = if l.detail.is_empty() { String::new() } else { format!(": {}", l.detail) };
            format!("{} in week {}{details}; {}", loss_words(l), l.week, owner_at(l, spans))
        }
    }
}

/// "owner rep 17 was poached by Rival in week 212 (offer accepted in week 208; tenure 300 weeks)".
fn owner_left(events: &[EventRecord], l: &EventRecord) -> String {
    let departure = l.rep.map(|r| Departure::of(events, r, l.week)).unwrap_or_default();
    let how = departure.summary().unwrap_or_else(|| format!("left in week {}", l.week));
    format!("owner {} {how}", who(l.rep))
}

/// Who owned the customer when it churned: "owner rep 9 since week 140", "no owner since rep 5
/// quit in week 290 (…)".
fn owner_at(l: &EventRecord, spans: &[Span]) -> String {
    if let Some(r) = l.rep {
        let since = spans.iter().rev().find(|s| s.rep == r && s.covers(l.week)).map(|s| format!(" {}", s.since()));
        return format!("owner rep {r}{}", since.unwrap_or_default());
    }
    match spans.iter().rev().find(|s| s.from <= l.week).and_then(|s| Some((s.rep, s.departure.summary()?))) {
        Some((rep, left)) => format!("no owner since rep {rep} {left}"),
        None => "no owner".into(),
    }
}

/// One line per record of the customer, and per departure step of its owner while it owned it.
fn history(events: &[EventRecord], id: u32, spans: &[Span]) -> Vec<String> {
    let mut lines: Vec<(u32, String)> = events
        .iter()
        .filter_map(|e| {
            if e.customer == Some(id) {
                Some((e.week, customer_line(e)))
            } else if is_departure(e) && spans.iter().any(|s| Some(s.rep) == e.rep && s.covers(e.week)) {
                Some((e.week, dated(e.week, format!("its {} {}{}", who(e.rep), act(e), bracketed(&e.detail)))))
            } else {
                None
            }
        })
        .collect();
    lines.sort_by_key(|l| l.0);
    lines.into_iter().map(|l| l.1).collect()
}

/// A record of the customer as a history line: "week 12: won by rep 3 (hunting)".
fn customer_line(e: &EventRecord) -> String {
    let what = match e.kind {
        EventKind::Win => format!("won by {}{}", who(e.rep), bracketed(e.cause.as_str())),
        EventKind::CameOver => {
            let from = e.competitor.as_deref().unwrap_or("a rival firm");
            match (e.cause, e.rep) {
                (Cause::WonInContest, _) => {
                    format!("won from {from}'s prospects in a contest, without a rep until one is given it")
                }
                (_, Some(r)) => format!("came over from {from}, following its rep, now rep {r} here"),
                (_, None) => format!("came over from {from}, without a rep until one is given it"),
            }
        }
        EventKind::Reassign => {
            let from = moved_from(e).map(|f| format!(" from rep {f}")).unwrap_or_default();
            format!("reassigned to {}{from}{}", who(e.rep), bracketed(reassign_reason(e.cause)))
        }
        k if LOSSES.contains(&k) => loss_words(e) + &bracketed(&e.detail),
        _ => generic(e),
    };
    dated(e.week, what)
}

/// Why an account changed hands, from a `reassign` record's cause.
fn reassign_reason(cause: Cause) -> &'static str {
    match cause {
        Cause::UnownedAccount => "it had no rep",
        Cause::Scheduled => "scheduled realignment",
        Cause::Event => "realignment",
        other => other.as_str(),
    }
}
