//! Episode detection: poaching waves, loyalty collapses, rep turnover cascades and runaway pay,
//! judged each week from the metrics row and logged as `episode` events. It only reads the model.
//!
//! An episode is recorded in the week its condition starts to hold; it is over once the condition
//! has not held for a whole window, and only then can it be recorded again, so a long episode (or
//! one that flickers around its threshold) is one record. The weeks of `episodes.warmup_weeks` are
//! not sampled, so nothing is judged until a window of weeks after the warm-up is filled.
//! Thresholds: [`crate::scenario::Episodes`]; equations: MODEL.md, "Episode detection".

use crate::scenario::Episodes;
use crate::sim::components::{Competitor, WEEKS_PER_YEAR};
use crate::sim::observe::events::Cause;
use crate::sim::observe::events::{EventKind, EventLog};
use crate::sim::observe::metrics::Timeseries;
use crate::sim::resources::*;
use bevy::prelude::*;
use std::collections::VecDeque;

/// The event kind of every episode record.
pub const EPISODE: EventKind = EventKind::Episode;

/// One week of the quantities the episodes are judged on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WeekSample {
    pub week: u32,
    /// Reps who left for a competitor this week, in all and by competitor id.
    pub poached: u32,
    pub poached_by: Vec<u32>,
    /// Reps who left this week (quit, poached or managed out).
    pub departures: u32,
    /// Employed reps at the end of the week.
    pub heads: f64,
    /// Mean loyalty of active customers to their rep and to the company.
    pub loyalty_rep: f64,
    pub loyalty_company: f64,
    /// Rep pay earned this week, $; revenue this week, $.
    pub rep_pay: f64,
    pub revenue: f64,
}

/// Rolling state of the detectors: the most recent weeks (oldest first, no more than the longest
/// window needs) and which episodes are in progress.
#[derive(Resource, Default, Debug)]
pub struct EpisodeWatch {
    pub weeks: VecDeque<WeekSample>,
    /// Reps poached so far by each competitor (by id), to split each week's poaching.
    pub poached_so_far: Vec<u32>,
    /// Last week each episode's condition held (`None`: never).
    pub poaching_wave: Option<u32>,
    pub rep_loyalty_collapse: Option<u32>,
    pub company_loyalty_collapse: Option<u32>,
    pub turnover_cascade: Option<u32>,
    pub runaway_pay: Option<u32>,
}

impl EpisodeWatch {
    /// The last `n` weeks (oldest first), or `None` until `n` weeks have been seen.
    pub(crate) fn last(&self, n: u32) -> Option<impl Iterator<Item = &WeekSample> + Clone> {
        let n = n as usize;
        (n > 0 && self.weeks.len() >= n).then(|| self.weeks.range(self.weeks.len() - n..))
    }

    /// Weeks to keep: the longest window any detector looks back over.
    fn capacity(e: &Episodes) -> usize {
        let w = [e.poaching_wave_weeks, e.loyalty_collapse_weeks, e.turnover_cascade_weeks, 2 * e.runaway_pay_weeks];
        w.into_iter().max().unwrap_or(1).max(1) as usize
    }
}

/// Whether an episode starts this week: its condition holds and did not hold in the `window`
/// weeks before. `last_held` is the last week the condition held.
fn starts(last_held: &mut Option<u32>, holds: bool, week: u32, window: u32) -> bool {
    if !holds {
        return false;
    }
    let start = last_held.is_none_or(|h| week - h > window);
    *last_held = Some(week);
    start
}

/// Take this week's sample from the metrics row just written and the week's tallies (none in
/// the warm-up, so no window reaches into it).
pub(crate) fn sample_week(
    params: Res<Params>,
    clock: Res<Clock>,
    tally: Res<WeekTally>,
    timeseries: Res<Timeseries>,
    competitors: Query<&Competitor>,
    mut watch: ResMut<EpisodeWatch>,
) {
    if clock.week < params.0.episodes.warmup_weeks {
        return;
    }
    let Some(row) = timeseries.0.last().filter(|r| r.week == clock.week) else { return };
    let watch = &mut *watch;
    let mut poached_by = vec![0; watch.poached_so_far.len()];
    for c in &competitors {
        let i = c.id as usize;
        if watch.poached_so_far.len() <= i {
            watch.poached_so_far.resize(i + 1, 0);
            poached_by.resize(i + 1, 0);
        }
        poached_by[i] = c.reps_poached.saturating_sub(watch.poached_so_far[i]);
        watch.poached_so_far[i] = c.reps_poached;
    }
    watch.weeks.push_back(WeekSample {
        week: clock.week,
        poached: row.reps_poached,
        poached_by,
        departures: row.reps_quit + row.reps_poached + row.reps_managed_out,
        heads: row.reps_active as f64,
        loyalty_rep: row.loyalty_to_rep_mean,
        loyalty_company: row.loyalty_to_company_mean,
        rep_pay: tally.rep_pay,
        revenue: row.revenue,
    });
    let keep = EpisodeWatch::capacity(&params.0.episodes);
    while watch.weeks.len() > keep {
        watch.weeks.pop_front();
    }
}

/// Departures (by `count`) over the last `weeks`, their threshold max(min_reps, share × mean
/// headcount) and the mean headcount; `None` until the window is filled.
fn departures_against_headcount(
    watch: &EpisodeWatch,
    weeks: u32,
    share: f64,
    min_reps: u32,
    count: impl Fn(&WeekSample) -> u32,
) -> Option<(u32, f64, f64)> {
    let window = watch.last(weeks)?;
    let heads = window.clone().map(|w| w.heads).sum::<f64>() / weeks as f64;
    let n = window.map(count).sum::<u32>();
    Some((n, (share * heads).max(min_reps as f64), heads))
}

fn percent(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// Dollars in plain words: `$232k`, `$9.24M`.
fn dollars(v: f64) -> String {
    if v.abs() >= 1e6 { format!("${:.2}M", v / 1e6) } else { format!("${:.0}k", v / 1e3) }
}

/// Poaching wave: reps poached within the window ≥ max(min_reps, share × mean headcount).
pub(crate) fn detect_poaching_wave(
    params: Res<Params>,
    clock: Res<Clock>,
    names: Res<crate::sim::observe::events::CompetitorNames>,
    mut watch: ResMut<EpisodeWatch>,
    mut log: ResMut<EventLog>,
) {
    let e = &params.0.episodes;
    let w = e.poaching_wave_weeks;
    let Some((n, threshold, heads)) =
        departures_against_headcount(&watch, w, e.poaching_wave_share, e.min_reps, |s| s.poached)
    else {
        return;
    };
    if !starts(&mut watch.poaching_wave, n as f64 >= threshold, clock.week, w) {
        return;
    }
    let mut by: Vec<u32> = Vec::new();
    for s in watch.last(w).into_iter().flatten() {
        by.resize(by.len().max(s.poached_by.len()), 0);
        by.iter_mut().zip(&s.poached_by).for_each(|(a, b)| *a += b);
    }
    let top = by.iter().enumerate().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)));
    let rec = log.push(clock.week, EPISODE).cause(Cause::PoachingWave).detail(format!(
        "{n} reps poached by competitors in {w} weeks, {} of an average {heads:.0} reps (threshold {} of headcount, at least {})",
        percent(n as f64 / heads.max(1.0)),
        percent(e.poaching_wave_share),
        e.min_reps
    ));
    if let Some((id, _)) = top.filter(|t| *t.1 > 0) {
        rec.competitor(names.name(id as u16));
    }
}

/// Loyalty collapse: mean loyalty to the rep, or to the company, is at least `drop` (relative)
/// below its highest value in the window. Each bond is judged and re-armed on its own.
pub(crate) fn detect_loyalty_collapse(
    params: Res<Params>,
    clock: Res<Clock>,
    mut watch: ResMut<EpisodeWatch>,
    mut log: ResMut<EventLog>,
) {
    let e = &params.0.episodes;
    let w = e.loyalty_collapse_weeks;
    type Bond = (&'static str, fn(&WeekSample) -> f64);
    let bonds: [Bond; 2] = [("to their rep", |s| s.loyalty_rep), ("to the company", |s| s.loyalty_company)];
    for (i, (to, value)) in bonds.into_iter().enumerate() {
        let Some(window) = watch.last(w) else { return };
        let peak = window.map(value).fold(0.0, f64::max);
        let now = watch.weeks.back().map(value).unwrap_or(0.0);
        let fall = if peak > 0.0 { 1.0 - now / peak } else { 0.0 };
        let flag = if i == 0 { &mut watch.rep_loyalty_collapse } else { &mut watch.company_loyalty_collapse };
        if starts(flag, fall >= e.loyalty_collapse_drop && fall > 0.0, clock.week, w) {
            log.push(clock.week, EPISODE).cause(Cause::LoyaltyCollapse).detail(format!(
                "customers' mean loyalty {to} fell {} within {w} weeks, from {peak:.3} to {now:.3} (threshold {})",
                percent(fall),
                percent(e.loyalty_collapse_drop)
            ));
        }
    }
}

/// Turnover cascade: reps who left within the window ≥ max(min_reps, share × mean headcount).
pub(crate) fn detect_turnover_cascade(
    params: Res<Params>,
    clock: Res<Clock>,
    mut watch: ResMut<EpisodeWatch>,
    mut log: ResMut<EventLog>,
) {
    let e = &params.0.episodes;
    let w = e.turnover_cascade_weeks;
    let Some((n, threshold, heads)) =
        departures_against_headcount(&watch, w, e.turnover_cascade_share, e.min_reps, |s| s.departures)
    else {
        return;
    };
    if starts(&mut watch.turnover_cascade, n as f64 >= threshold, clock.week, w) {
        log.push(clock.week, EPISODE).cause(Cause::TurnoverCascade).detail(format!(
            "{n} reps left in {w} weeks, {} of an average {heads:.0} reps (threshold {} of headcount, at least {})",
            percent(n as f64 / heads.max(1.0)),
            percent(e.turnover_cascade_share),
            e.min_reps
        ));
    }
}

/// Average pay per head and revenue per head over a run of weeks, both $/year.
fn pay_and_revenue_per_rep<'a>(weeks: impl Iterator<Item = &'a WeekSample>) -> (f64, f64) {
    let (pay, revenue, heads) = weeks.fold((0.0, 0.0, 0.0), |a, w| (a.0 + w.rep_pay, a.1 + w.revenue, a.2 + w.heads));
    if heads > 0.0 { (WEEKS_PER_YEAR * pay / heads, WEEKS_PER_YEAR * revenue / heads) } else { (0.0, 0.0) }
}

/// Runaway pay: comparing the last window with the one before it, average pay grew at least
/// `growth` faster than revenue per rep, or grew at least `growth` while at or above
/// `market_multiple` × market pay.
pub(crate) fn detect_runaway_pay(
    params: Res<Params>,
    clock: Res<Clock>,
    mut watch: ResMut<EpisodeWatch>,
    mut log: ResMut<EventLog>,
) {
    let s = &params.0;
    let e = &s.episodes;
    let w = e.runaway_pay_weeks;
    let Some(both) = watch.last(2 * w) else { return };
    let (pay0, rev0) = pay_and_revenue_per_rep(both.clone().take(w as usize));
    let (pay1, rev1) = pay_and_revenue_per_rep(both.skip(w as usize));
    let ok = pay0 > 0.0 && rev0 > 0.0 && rev1 > 0.0;
    let pay_growth = if ok { pay1 / pay0 - 1.0 } else { 0.0 };
    let ratio_growth = if ok { (pay1 / rev1) / (pay0 / rev0) - 1.0 } else { 0.0 };
    let multiple = pay1 / s.careers.market_pay;
    let outgrows_value = ratio_growth >= e.runaway_pay_growth && ratio_growth > 0.0;
    let outruns_market = pay_growth >= e.runaway_pay_growth && multiple >= e.runaway_pay_market_multiple;
    if !starts(&mut watch.runaway_pay, ok && (outgrows_value || outruns_market), clock.week, w) {
        return;
    }
    let detail = if outgrows_value {
        format!(
            "average rep pay rose {} against revenue per rep in {w} weeks: pay {} ({:+.0}%), revenue per rep {} ({:+.0}%) (threshold {})",
            percent(ratio_growth),
            dollars(pay1),
            100.0 * pay_growth,
            dollars(rev1),
            100.0 * (rev1 / rev0 - 1.0),
            percent(e.runaway_pay_growth)
        )
    } else {
        format!(
            "average rep pay grew {} in {w} weeks to {}, {multiple:.1}× market pay (threshold {} growth at {}× market pay)",
            percent(pay_growth),
            dollars(pay1),
            percent(e.runaway_pay_growth),
            e.runaway_pay_market_multiple
        )
    };
    log.push(clock.week, EPISODE).cause(Cause::RunawayPay).detail(detail);
}
