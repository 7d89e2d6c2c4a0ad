//! What moves between the firms of an industry (`migration.rs`, `src/industry/`): reps and
//! customers leaving for a rival firm or arriving from one, reps between jobs in the industry's
//! pool, and the candidates from the pool a firm is offered for its vacancies.

use crate::sim::components::Traits;
use bevy::prelude::*;

/// A rep moving between firms: to `rival` (in [`Emigrants`]) or from it (in [`Arrivals`]), by
/// the rival's competitor id in the firm's own world.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MovingRep {
    pub rival: u16,
    /// Its id at the firm it leaves.
    pub rep: u32,
    pub skill: f64,
    /// Its expected annual pay when it left, $.
    pub expected_pay: f64,
}

/// Why a customer moves to a rival firm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// It follows its rep (the rep's id at the firm it leaves).
    Follows(u32),
    /// The rival's pull won it.
    Switched,
    /// A prospect of the firm it leaves, won by the rival in a contest (`deals/contest.rs`).
    WonInContest,
}

/// A customer moving between firms (see [`MovingRep`] for `rival`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MovingAccount {
    pub rival: u16,
    pub why: Why,
    pub traits: Traits,
    pub complex: bool,
    pub loyalty_rep: f32,
    pub knowledge: f32,
    pub wallet_share: f32,
    pub discount: f32,
}

/// A rep between jobs in an industry: left a firm for no rival, and may be hired by any firm.
#[derive(Clone, Debug, PartialEq)]
pub struct PooledRep {
    pub skill: f64,
    /// The week it left its firm.
    pub left_week: u32,
    /// The firm it left and its id there, as the industry names them ("rep 12 at Apex").
    pub was: String,
}

/// Reps and customers that left this week for rivals that are firms, and reps that left for no
/// rival (for the industry's pool), for the industry to carry; and candidates from the pool not
/// hired this week, handed back.
#[derive(Resource, Default, Debug)]
pub struct Emigrants {
    pub reps: Vec<MovingRep>,
    pub accounts: Vec<MovingAccount>,
    /// Reps who left for no rival this week: (id here, skill).
    pub between_jobs: Vec<(u32, f64)>,
    pub unhired: Vec<PooledRep>,
}

/// Reps between jobs the industry offered this firm for its vacancies due this week, best first
/// (`hiring.rs` hires them before drawing a rep from outside).
#[derive(Resource, Default, Debug)]
pub struct Candidates(pub std::collections::VecDeque<PooledRep>);

/// Reps and customers of rival firms waiting to join at the start of the next Careers stage.
#[derive(Resource, Default, Debug)]
pub struct Arrivals {
    pub reps: Vec<MovingRep>,
    pub accounts: Vec<MovingAccount>,
}
