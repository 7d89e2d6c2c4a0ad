//! The event log: one record per deal, hire, quit, poach, churn, follow, realignment, policy
//! change or timeline event, with the agents involved and the cause.

use bevy::prelude::*;

/// An enum whose every variant is written as one fixed text in `events.csv`, and read back from it.
macro_rules! text_enum {
    ($(#[$doc:meta])* $enum:ident { $( $(#[$m:meta])* $variant:ident => $name:literal, )* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $enum {
            $( $(#[$m])* $variant, )*
        }

        impl $enum {
            /// Every value, in declaration order.
            pub const ALL: &'static [$enum] = &[$($enum::$variant),*];

            /// Its text in `events.csv`.
            pub(crate) fn as_str(self) -> &'static str {
                match self {
                    $( $enum::$variant => $name, )*
                }
            }

            /// The value with this text, if any.
            pub(crate) fn parse(name: &str) -> Option<$enum> {
                match name {
                    $( $name => Some($enum::$variant), )*
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $enum {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum! {
    /// What an event record is about (its `kind` in `events.csv`).
    EventKind {
    /// A prospect became a customer (its new-customer deal was won).
    Win => "win",
    /// A deal was won (`cause`: its kind; `amount`: the annual value it adds).
    DealWon => "deal_won",
    /// A deal was lost, or cancelled because its account or rep went first.
    DealLost => "deal_lost",
    Hire => "hire",
    /// A rep of a rival firm of the industry joined (`competitor`: the firm; `detail`: its id there).
    Joined => "joined",
    /// A customer of a rival firm of the industry came over (`cause`: followed its rep, or
    /// switched; `competitor`: the firm it left).
    CameOver => "came_over",
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
    /// Leadership weighed a planned change against the threats over it (`cause`: the change;
    /// `amount`: what the change is worth over the horizon; `detail`: the decision and the weighing).
    Decision => "decision",
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
}}

text_enum! {
    /// Why an event happened (its `cause` in `events.csv`): what made a rep leave, a customer go, an
    /// account change hands, a deal close or a change apply.
    Cause {
        /// No cause recorded.
        None => "",
        /// A prospect became a customer by a won deal.
        Deal => "deal",
        NewCustomer => "new_customer",
        Expansion => "expansion",
        Renewal => "renewal",
        /// A seat's rep left; the account waits for its replacement, or a vacancy opened.
        Vacancy => "vacancy",
        ReplacementHire => "replacement hire",
        Performance => "performance",
        /// A rep gave notice to quit.
        Quit => "quit",
        /// A competitor's offer, or one made to a colleague of a poached rep.
        Offer => "offer",
        Colleague => "colleague",
        /// Why a rep left (`LeaveReason`).
        AcceptedCompetitorOffer => "accepted competitor offer",
        QuitToRival => "quit to a rival firm",
        LetGo => "let go",
        LetGoToRival => "let go; joined a rival firm",
        /// Why a customer left (`LossCause`).
        Dissatisfied => "dissatisfied",
        Competitor => "competitor",
        RepLeft => "rep left",
        /// Why a customer of a rival firm came over: it followed its rep, or switched on its own.
        FollowedItsRep => "followed its rep",
        Switched => "switched",
        /// A prospect of the rival firm that chose this firm's offer in a contest (`deals/contest.rs`).
        WonInContest => "won in a contest",
        /// A pay review against the market changed the plan (`pay/review.rs`).
        PayReview => "pay review",
        /// How a threat to leave ended.
        BoughtOff => "bought off",
        ThreatCarriedOut => "threat carried out",
        /// A change reps push back against (`Change`).
        Realignment => "realignment",
        Specialists => "specialists",
        HouseAccounts => "house accounts",
        /// Why an account changed hands or a realignment ran.
        UnownedAccount => "unowned account",
        Scheduled => "scheduled",
        Event => "event",
        /// Where a policy change came from.
        Timeline => "timeline",
        Live => "live",
        /// Which episode was detected.
        PoachingWave => "poaching_wave",
        LoyaltyCollapse => "loyalty_collapse",
        TurnoverCascade => "turnover_cascade",
        RunawayPay => "runaway_pay",
    }
}

impl Default for Cause {
    fn default() -> Self {
        Cause::None
    }
}

impl Cause {
    /// Whether a leaving rep went where its customers can follow it.
    pub(crate) fn to_rival(self) -> bool {
        matches!(self, Cause::QuitToRival | Cause::LetGoToRival)
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
    pub cause: Cause,
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
            cause: Cause::None,
            amount: None,
            detail: String::new(),
        }
    }
}

/// Records made this tick, drained by whoever writes outputs.
#[derive(Resource, Default, Debug)]
pub struct EventLog(pub Vec<EventRecord>);

impl EventLog {
    pub(crate) fn push(&mut self, week: u32, kind: EventKind) -> &mut EventRecord {
        self.0.push(EventRecord::new(week, kind));
        self.0.last_mut().expect("just pushed")
    }
}

impl EventRecord {
    pub(crate) fn rep(&mut self, id: u32) -> &mut Self {
        self.rep = Some(id);
        self
    }
    pub(crate) fn customer(&mut self, id: u32) -> &mut Self {
        self.customer = Some(id);
        self
    }
    pub(crate) fn competitor(&mut self, name: &str) -> &mut Self {
        self.competitor = Some(name.to_string());
        self
    }
    pub(crate) fn cause(&mut self, cause: Cause) -> &mut Self {
        self.cause = cause;
        self
    }
    pub(crate) fn amount(&mut self, amount: f64) -> &mut Self {
        self.amount = Some(amount);
        self
    }
    pub(crate) fn detail(&mut self, detail: impl Into<String>) -> &mut Self {
        self.detail = detail.into();
        self
    }
}

/// Competitor names by id, for log records; and the firm's own name (the scenario's, or its name
/// in the industry's `firms`), for the rows of its reps.
#[derive(Resource, Default, Debug, Clone)]
pub struct CompetitorNames(pub Vec<String>, pub String);

impl CompetitorNames {
    /// The firm's own name.
    pub(crate) fn firm(&self) -> &str {
        &self.1
    }

    pub(crate) fn name(&self, id: u16) -> &str {
        self.0.get(id as usize).map(String::as_str).unwrap_or("?")
    }
}
