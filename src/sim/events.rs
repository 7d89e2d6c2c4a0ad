//! The event log: one record per hire, quit, poach, churn, follow, realignment, policy change or
//! timeline event, with the agents involved and the cause.

use bevy::prelude::*;

/// One row of `events.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRecord {
    pub week: u32,
    pub kind: &'static str,
    pub rep: Option<u32>,
    pub customer: Option<u32>,
    pub competitor: Option<String>,
    pub cause: String,
    pub detail: String,
}

/// Records made this tick, drained by whoever writes outputs.
#[derive(Resource, Default, Debug)]
pub struct EventLog(pub Vec<EventRecord>);

impl EventLog {
    pub fn push(&mut self, week: u32, kind: &'static str) -> &mut EventRecord {
        self.0.push(EventRecord {
            week,
            kind,
            rep: None,
            customer: None,
            competitor: None,
            cause: String::new(),
            detail: String::new(),
        });
        self.0.last_mut().expect("just pushed")
    }
}

impl EventRecord {
    pub fn rep(&mut self, id: u32) -> &mut Self {
        self.rep = Some(id);
        self
    }
    pub fn customer(&mut self, id: u32) -> &mut Self {
        self.customer = Some(id);
        self
    }
    pub fn competitor(&mut self, name: &str) -> &mut Self {
        self.competitor = Some(name.to_string());
        self
    }
    pub fn cause(&mut self, cause: impl Into<String>) -> &mut Self {
        self.cause = cause.into();
        self
    }
    pub fn detail(&mut self, detail: impl Into<String>) -> &mut Self {
        self.detail = detail.into();
        self
    }
}

/// Competitor names by id, for log records.
#[derive(Resource, Default, Debug, Clone)]
pub struct CompetitorNames(pub Vec<String>);

impl CompetitorNames {
    pub fn name(&self, id: u16) -> &str {
        self.0.get(id as usize).map(String::as_str).unwrap_or("?")
    }
}
