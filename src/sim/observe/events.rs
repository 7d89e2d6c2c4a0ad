//! The event log: one record per deal, hire, quit, poach, churn, follow, realignment, policy
//! change or timeline event, with the agents involved and the cause.

use bevy::prelude::*;
use std::borrow::Cow;

macro_rules! kinds {
    ($( $(#[$m:meta])* $variant:ident => $name:literal, )*) => {
        /// What an event record is about (its `kind` in `events.csv`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum EventKind {
            $( $(#[$m])* $variant, )*
        }

        impl EventKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [EventKind] = &[$(EventKind::$variant),*];

            /// Its name in `events.csv`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( EventKind::$variant => $name, )*
                }
            }

            /// The kind with this name, if any.
            pub fn parse(name: &str) -> Option<EventKind> {
                match name {
                    $( $name => Some(EventKind::$variant), )*
                    _ => None,
                }
            }
        }
    };
}

kinds! {
    /// A prospect became a customer (its new-customer deal was won).
    Win => "win",
    /// A deal was won (`cause`: its kind; `amount`: the annual value it adds).
    DealWon => "deal_won",
    /// A deal was lost, or cancelled because its account or rep went first.
    DealLost => "deal_lost",
    Hire => "hire",
    /// A rep decided to quit and serves its notice.
    Notice => "notice",
    /// A rep's manager put it on notice after reviews below the performance floor.
    PerformanceNotice => "performance_notice",
    /// A rep was let go for performance and serves its last weeks.
    LetGo => "let_go",
    /// A rep accepted a competitor's offer and serves its notice.
    AcceptsOffer => "accepts_offer",
    Quit => "quit",
    Poached => "poached",
    /// A rep let go for performance left.
    ManagedOut => "managed_out",
    /// A customer followed its departing rep.
    Follow => "follow",
    /// A customer left for a third party when its rep departed.
    LostOnDeparture => "lost_on_departure",
    /// A departing rep's account is held for the rep to be hired into its seat.
    Held => "held",
    Churn => "churn",
    /// An account was given to a rep (hand-over, replacement hire or realignment).
    Reassign => "reassign",
    Realignment => "realignment",
    /// A planned realignment was abandoned after reps threatened to leave (`detail`: who).
    RealignmentBlocked => "realignment_blocked",
    /// Planned specialists were not added after reps threatened to leave (`detail`: who).
    SpecialistsBlocked => "specialists_blocked",
    /// A planned move to company-owned accounts was dropped after reps threatened to leave.
    OwnershipBlocked => "ownership_blocked",
    /// A rep threatened to leave over a planned change (`cause`: the change; `amount`: its book),
    /// or was bought off (`cause` "bought off"; `amount`: the payment).
    Threat => "threat",
    PolicyChange => "policy_change",
    Catalyst => "catalyst",
    Episode => "episode",
    CompetitorEntry => "competitor_entry",
    ProductBroadening => "product_broadening",
    MarketSaturation => "market_saturation",
    PriceWar => "price_war",
    PriceSensitivityShift => "price_sensitivity_shift",
    CrmRollout => "crm_rollout",
    HiringFreeze => "hiring_freeze",
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of `events.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRecord {
    pub week: u32,
    pub kind: EventKind,
    pub rep: Option<u32>,
    pub customer: Option<u32>,
    pub competitor: Option<String>,
    pub cause: Cow<'static, str>,
    /// A dollar amount (a deal's annual value), if the event has one.
    pub amount: Option<f64>,
    pub detail: String,
}

impl EventRecord {
    pub fn new(week: u32, kind: EventKind) -> Self {
        EventRecord {
            week,
            kind,
            rep: None,
            customer: None,
            competitor: None,
            cause: Cow::Borrowed(""),
            amount: None,
            detail: String::new(),
        }
    }
}

/// Records made this tick, drained by whoever writes outputs.
#[derive(Resource, Default, Debug)]
pub struct EventLog(pub Vec<EventRecord>);

impl EventLog {
    pub fn push(&mut self, week: u32, kind: EventKind) -> &mut EventRecord {
        self.0.push(EventRecord::new(week, kind));
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
    pub fn cause(&mut self, cause: &'static str) -> &mut Self {
        self.cause = Cow::Borrowed(cause);
        self
    }
    pub fn amount(&mut self, amount: f64) -> &mut Self {
        self.amount = Some(amount);
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
