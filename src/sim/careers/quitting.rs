//! Mechanism 8, quitting and poaching: the quit hazard, and competitors' offers sized by the book
//! that would follow the rep; both see how a rep performs against its peers.

use crate::rng::{Purpose, Stream, name_key, weekly_hazard};
use crate::scenario::{POACH_APPETITE_PER_DOLLARS, Scenario};
use crate::sim::careers::departure::FollowModel;
use crate::sim::careers::market::LabourMarket;
use crate::sim::careers::performance::Peers;
use crate::sim::components::*;
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{CompetitorNames, EventKind, EventLog};
use crate::sim::resources::*;
use bevy::prelude::*;

/// What a rep would have to be paid to move: its expected pay × (1 + `careers.switching_premium`)
/// plus the unvested pay it would forfeit. (Offers here and threats in `ownership/pushback.rs`.)
pub(crate) fn reservation_pay(s: &Scenario, expected_pay: f64, unvested: f64) -> f64 {
    expected_pay * (1.0 + s.careers.switching_premium) + unvested
}

/// The chance a rep takes an offer of `offer` against its reservation pay:
/// σ(k·(offer / reservation − 1)), k = `behaviour.careers.offer_steepness`.
pub(crate) fn acceptance(s: &Scenario, offer: f64, reservation: f64) -> f64 {
    1.0 / (1.0 + libm::exp(-s.behaviour.careers.offer_steepness * (offer / reservation.max(1.0) - 1.0)))
}

/// An outside offer's pay: market pay (`market.rs`) plus `book_rate` on the book that would follow.
pub(crate) fn offer_pay(market_pay: f64, book_rate: f64, book: f64) -> f64 {
    market_pay + book_rate * book
}

/// Someone who would hire a rep away: the rest of the industry (market pay, nothing for a book it
/// has no rival in the market to take to) or an entered competitor (a rival firm of the industry:
/// what it pays the reps it hires, `FirmLink::hire_pay`, and its commission rate; any other: market
/// pay and its `offer_commission_rate`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Employer {
    pub base: f64,
    pub book_rate: f64,
}

/// The employers a rep could go to this week.
pub(crate) struct Alternatives(Vec<Employer>);

impl Alternatives {
    /// The rest of the industry, and every entered competitor (`link`: a rival firm's).
    pub(crate) fn of(s: &Scenario, market_pay: f64, entered: &[(u16, Option<FirmLink>)]) -> Alternatives {
        let rest = Employer { base: market_pay, book_rate: 0.0 };
        let rivals = entered.iter().map(|&(c, link)| Employer {
            base: link.map_or(market_pay, |l| l.hire_pay),
            book_rate: s.competitors[c as usize].offer_commission_rate,
        });
        Alternatives(std::iter::once(rest).chain(rivals).collect())
    }

    /// What the best of them would pay a rep like this one, whose `portable` book would follow it
    /// ([`offer_pay`]).
    pub(crate) fn best(&self, portable: f64) -> f64 {
        self.0.iter().map(|e| offer_pay(e.base, e.book_rate, portable)).fold(0.0, f64::max)
    }
}

/// How a rep stands at its firm this week, as its quit hazard sees it.
pub(crate) struct Standing {
    /// Attainment relative to its peers, less 1 (`performance.rs`).
    pub gap: f64,
    /// On notice after a review below the floor.
    pub on_notice: bool,
    /// Its chance of making this period's quota (`deals/forecast.rs`); None without a quota.
    pub quota_chance: Option<f64>,
    /// Colleagues of its team who left in the recent window.
    pub team_departures: u32,
}

/// Weekly quit hazard of a rep whose best alternative pays A (`Alternatives::best`):
/// h = h0 · exp(β_pay·clamp((A − expected)/A)) · exp(β_fat·fatigue)
///       · (1 + β_col·team departures) · exp(β_mor·(1 − morale)) · max(floor, 1 − τ·min(years_max, years))
///       · exp(−unvested / M) · exp(−β_perf·(attainment relative to peers − 1))
///       · exp(β_notice·[on notice]) · exp(β_quota·(c₀ − chance of quota)),
/// with M = market pay this week (`market.rs`); the quota term only under a quota.
pub(crate) fn quit_hazard(
    s: &Scenario,
    rep: &Rep,
    work: &Workload,
    pay: &PayState,
    standing: &Standing,
    week: u32,
    market_pay: f64,
    alternative: f64,
) -> f64 {
    let k = &s.careers;
    let r = &s.behaviour.careers;
    // 1 − E/A rather than (A − E)/A: the same, and 1 (not NaN) for an unbounded alternative.
    let shortfall = (1.0 - pay.expected_pay / alternative.max(1.0)).clamp(r.pay_gap_min, r.pay_gap_max);
    let years = rep.tenure_weeks(week) / WEEKS_PER_YEAR;
    let notice = if standing.on_notice { k.notice_quit_sensitivity } else { 0.0 };
    let quota = standing.quota_chance.map_or(0.0, |c| k.quota_chance_quit_sensitivity * (r.quota_chance_centre - c));
    let h = weekly_hazard(k.quit_rate_annual)
        * libm::exp(k.pay_sensitivity * shortfall)
        * libm::exp(k.fatigue_sensitivity * work.fatigue)
        * (1.0 + k.colleague_sensitivity * standing.team_departures as f64)
        * libm::exp(k.morale_sensitivity * (1.0 - work.morale))
        * (1.0 - k.tenure_protection * years.min(r.tenure_protection_years)).max(r.tenure_protection_floor)
        * libm::exp(-pay.unvested() / market_pay)
        * libm::exp(-k.performance_quit_sensitivity * standing.gap + notice + quota);
    h.min(1.0)
}

/// The competitors in the market this week, by id, with their links if they are rival firms.
fn entered(competitors: &Query<&Competitor>) -> Vec<(u16, Option<FirmLink>)> {
    let mut entered: Vec<(u16, Option<FirmLink>)> =
        competitors.iter().filter(|c| c.entered).map(|c| (c.id, c.link)).collect();
    entered.sort_by_key(|c| c.0);
    entered
}

/// A rep's book at its run-rate, $/year: an upper bound on its portable book (a rep hired this
/// week took over its seat's accounts after the weekly pass, so it has no bound yet).
fn book_bound(books: &Books, rep: &Rep, week: u32) -> f64 {
    if rep.hired_week == week as i32 {
        f64::INFINITY
    } else {
        books.get(rep.id).map_or(0.0, |b| b.revenue_week * WEEKS_PER_YEAR * (1.0 + 1e-9))
    }
}

/// Active reps draw against their quit hazard; a rep who quits gives notice and withdraws. The
/// hazard grows with the portable book (the best alternative pays more for it), so the book is
/// summed over the rep's accounts only when the draw falls below the hazard at its bound.
#[allow(clippy::too_many_arguments)]
pub(crate) fn assess_quit_risk(
    params: Res<Params>,
    clock: Res<Clock>,
    staffing: Res<Staffing>,
    market: Res<LabourMarket>,
    books: Res<Books>,
    portfolios: Res<Portfolios>,
    mut log: ResMut<EventLog>,
    competitors: Query<&Competitor>,
    accounts: Query<(&Account, &AccountFile, &AccountState)>,
    mut reps: Query<(&mut Rep, &mut Workload, &PayState, &Performance)>,
) {
    let s = &params.0;
    let week = clock.week;
    let window = s.behaviour.careers.colleague_window_weeks;
    let peers = Peers::of(s, week, reps.iter().map(|(r, _, _, p)| (r, p)));
    let alternatives = Alternatives::of(s, market.pay, &entered(&competitors));
    let follow = FollowModel::new(s);
    let has_quota = s.pay.quota_setting.has_quota();
    for (mut rep, mut work, pay, perf) in &mut reps {
        work.morale += s.careers.morale_recovery * (1.0 - work.morale);
        if rep.status != RepStatus::Active {
            continue;
        }
        let standing = Standing {
            gap: peers.gap(s, &rep, perf, week),
            on_notice: perf.on_notice,
            quota_chance: (has_quota && pay.period_quota > 0.0).then_some(work.quota_chance),
            team_departures: staffing.team_departures(rep.team, week, window),
        };
        let hazard =
            |portable: f64| quit_hazard(s, &rep, &work, pay, &standing, week, market.pay, alternatives.best(portable));
        let mut r = Stream::new(clock.seed, rep.id as u64, week, Purpose::Quit);
        let draw = r.unit();
        if draw >= hazard(book_bound(&books, &rep, week)) {
            continue;
        }
        let portable = portable_book(&follow, week, rep.id, &portfolios, &accounts);
        let alternative = alternatives.best(portable);
        if draw >= hazard(portable) {
            continue;
        }
        let to_rival = r.chance(s.careers.quit_to_rival_share);
        rep.status = RepStatus::Withdrawing {
            leave_week: week + s.careers.withdrawal_weeks,
            reason: LeaveReason::Quit { to_rival },
        };
        log.push(week, EventKind::Notice).rep(rep.id).cause(Cause::Quit).detail(format!(
            "expected pay {:.0} vs {:.0} elsewhere (market {:.0}); fatigue {:.2}; morale {:.2}; attainment {:+.0}% against peers{}",
            pay.expected_pay,
            alternative,
            market.pay,
            work.fatigue,
            work.morale,
            100.0 * standing.gap,
            if standing.on_notice { "; on notice" } else { "" }
        ));
    }
}

/// The revenue a rival would take with a rep: its accounts' run-rates (this week × 52), each
/// weighted by the probability it would follow the rep ([`FollowModel`]).
fn portable_book(
    follow: &FollowModel,
    week: u32,
    rep: u32,
    portfolios: &Portfolios,
    accounts: &Query<(&Account, &AccountFile, &AccountState)>,
) -> f64 {
    portfolios
        .of(rep)
        .iter()
        .filter_map(|&e| accounts.get(e).ok())
        .filter(|(a, _, _)| a.owner == Some(rep))
        .map(|(a, f, st)| st.revenue_week * WEEKS_PER_YEAR * follow.probability(a, f, st, week, 0))
        .sum()
}

/// An active rep as the competitors see it.
struct Target {
    id: u32,
    team: u32,
    /// Pay that an offer must beat: expected pay × (1 + premium) + unvested pay.
    reservation: f64,
    /// An upper bound on its portable book.
    bound: f64,
    /// exp(β·(attainment relative to peers − 1)): rivals court the top performers.
    appeal: f64,
}

/// A rep leaving for a competitor.
struct Move {
    rep: u32,
    competitor: u16,
    cause: Cause,
}

/// Competitors in the market make offers with weekly probability (1 − exp(−appetite · portable
/// book in $M)) · appeal (at most 1); the offer is market pay (a rival firm of the industry: the
/// mean pay of its reps) + offer rate (a firm's: its commission rate) × portable book,
/// accepted with probability σ(k · (offer / reservation − 1)). With probability
/// `colleague_move_share` the competitor also recruits the teammate with the largest portable
/// book. A rep's portable book is at most its book's run-rate, so it is summed over the rep's
/// accounts only when the draw falls below the offer probability at that bound.
pub(crate) fn make_poaching_offers(
    params: Res<Params>,
    clock: Res<Clock>,
    books: Res<Books>,
    names: Res<CompetitorNames>,
    portfolios: Res<Portfolios>,
    market: Res<LabourMarket>,
    mut tally: ResMut<WeekTally>,
    mut log: ResMut<EventLog>,
    competitors: Query<&Competitor>,
    accounts: Query<(&Account, &AccountFile, &AccountState)>,
    mut reps: Query<(&mut Rep, &PayState, &Performance)>,
) {
    let s = &params.0;
    let week = clock.week;
    let entered = entered(&competitors);
    if entered.is_empty() {
        return;
    }
    let peers = Peers::of(s, week, reps.iter().map(|(r, _, p)| (r, p)));
    let mut order: Vec<Target> = reps
        .iter()
        .filter(|(r, _, _)| r.status == RepStatus::Active)
        .map(|(r, p, perf)| Target {
            id: r.id,
            team: r.team,
            reservation: reservation_pay(s, p.expected_pay, p.unvested()),
            bound: book_bound(&books, r, week),
            appeal: libm::exp(s.careers.performance_poach_sensitivity * peers.gap(s, r, perf, week)),
        })
        .collect();
    order.sort_by_key(|o| o.id);
    let follow = FollowModel::new(s);
    let mut portable: Vec<Option<f64>> = vec![None; order.len()];
    let mut portable_of = |i: usize| {
        *portable[i].get_or_insert_with(|| portable_book(&follow, week, order[i].id, &portfolios, &accounts))
    };
    let mut moving: Vec<Move> = Vec::new();
    for &(c, link) in &entered {
        let spec = &s.competitors[c as usize];
        // A rival firm offers what it pays the reps it hires; any other competitor, market pay.
        let base = link.map_or(market.pay, |l| l.hire_pay);
        for i in 0..order.len() {
            let (id, team, reservation, bound, appeal) =
                (order[i].id, order[i].team, order[i].reservation, order[i].bound, order[i].appeal);
            let offer_chance = |book: f64| {
                ((1.0 - libm::exp(-spec.poach_appetite * book / POACH_APPETITE_PER_DOLLARS)) * appeal).min(1.0)
            };
            if moving.iter().any(|m| m.rep == id) {
                continue;
            }
            let mut r = Stream::new(clock.seed, name_key(&spec.name) ^ id as u64, week, Purpose::PoachOffer);
            let draw = r.unit();
            if draw >= offer_chance(bound) {
                continue;
            }
            let book = portable_of(i);
            if draw >= offer_chance(book) {
                continue;
            }
            tally.offers += 1;
            let accept = acceptance(s, offer_pay(base, spec.offer_commission_rate, book), reservation);
            if !r.chance(accept) {
                continue;
            }
            moving.push(Move { rep: id, competitor: c, cause: Cause::Offer });
            if r.chance(s.careers.colleague_move_share) {
                let mate = (0..order.len())
                    .filter(|&j| {
                        order[j].team == team && order[j].id != id && !moving.iter().any(|m| m.rep == order[j].id)
                    })
                    .map(|j| (order[j].id, portable_of(j)))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
                if let Some((m, _)) = mate {
                    moving.push(Move { rep: m, competitor: c, cause: Cause::Colleague });
                }
            }
        }
    }
    for m in moving {
        for (mut rep, _, _) in &mut reps {
            if rep.id == m.rep {
                rep.status = RepStatus::Withdrawing {
                    leave_week: week + s.careers.withdrawal_weeks,
                    reason: LeaveReason::Poached { competitor: m.competitor },
                };
            }
        }
        log.push(week, EventKind::AcceptsOffer).rep(m.rep).competitor(names.name(m.competitor)).cause(m.cause);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baseline() -> Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron");
        crate::scenario::load::load_file(&path).expect("the baseline is valid")
    }

    fn rep() -> Rep {
        Rep { id: 0, team: 0, seat: 0, skill: 1.0, hired_week: 0, ramp_weeks: 20.0, status: RepStatus::Active }
    }

    fn standing(on_notice: bool, quota_chance: f64) -> Standing {
        Standing { gap: 0.0, on_notice, quota_chance: Some(quota_chance), team_departures: 0 }
    }

    fn hazard(s: &Scenario, standing: &Standing, alternative: f64) -> f64 {
        let pay = PayState::starting(s, 1_000_000.0);
        quit_hazard(s, &rep(), &Workload::rested(), &pay, standing, 104, 100_000.0, alternative)
    }

    #[test]
    fn a_rep_on_notice_or_unlikely_to_make_quota_is_more_likely_to_quit() {
        let s = baseline();
        let settled = hazard(&s, &standing(false, 0.9), 100_000.0);
        let on_notice = hazard(&s, &standing(true, 0.9), 100_000.0);
        let behind = hazard(&s, &standing(false, 0.05), 100_000.0);
        let ratio = libm::exp(s.careers.notice_quit_sensitivity);
        assert!((on_notice / settled - ratio).abs() < 1e-9, "notice: {on_notice} against {settled}");
        assert!(behind > settled * 1.2, "little chance of quota: {behind} against {settled}");
        let no_quota = Standing { quota_chance: None, ..standing(false, 0.05) };
        assert!(hazard(&s, &no_quota, 100_000.0) < behind, "no quota, no quota worry");
    }

    #[test]
    fn the_best_alternative_pays_more_for_a_portable_book_where_a_rival_pays_for_books() {
        let s = baseline();
        let link = FirmLink {
            size: 1.0,
            headcount: 50,
            pay_level: 150_000.0,
            hire_pay: 120_000.0,
            offer_chance: 0.3,
            presence: 0.1,
        };
        // Competitor 0 (the baseline's Rival) as a rival firm paying the reps it hires 120k.
        let alternatives = Alternatives::of(&s, 100_000.0, &[(0, Some(link))]);
        let rate = s.competitors[0].offer_commission_rate;
        assert_eq!(alternatives.best(0.0), 120_000.0, "the rival firm's pay beats market pay");
        assert!((alternatives.best(500_000.0) - (120_000.0 + rate * 500_000.0)).abs() < 1e-6);
        let quiet = Standing { quota_chance: None, ..standing(false, 0.5) };
        let small = hazard(&s, &quiet, alternatives.best(50_000.0));
        let large = hazard(&s, &quiet, alternatives.best(800_000.0));
        assert!(large > small, "a rep whose customers would follow it has better alternatives: {large} vs {small}");
        assert!(hazard(&s, &quiet, f64::INFINITY).is_finite(), "an unbounded book bounds the hazard");
    }
}
