//! The tick makes one pass over the accounts a week (docs/MODEL.md §1.3): the churn screen must
//! never drop an account that could churn, and the week's close must not depend on which weeks
//! carry events. (That the close equals what the accounts sum to is checked every week by the
//! invariants, tests/invariants.rs.)

mod common;
use common::*;
use salesim::rng::{Purpose, Stream, weekly_hazard};
use salesim::scenario::Event;
use salesim::sim::accounts::churn::{ChurnScreen, churn_cause, rival_pulls};
use salesim::sim::components::*;
use salesim::sim::observe::events::EventKind;

fn rival(reps_poached: u32) -> Competitor {
    Competitor {
        id: 0,
        name: "Rival".into(),
        entered: true,
        entry_week: 0,
        reps_poached,
        customers_taken: 0,
        link: None,
    }
}

fn rep_withdrawing_to_rival() -> Rep {
    let reason = LeaveReason::Poached { competitor: 0 };
    Rep {
        id: 0,
        team: 0,
        seat: 0,
        skill: 1.0,
        hired_week: -100,
        ramp_weeks: 22.0,
        status: RepStatus::Withdrawing { leave_week: 3, reason },
    }
}

#[test]
fn the_churn_screen_keeps_every_account_that_could_churn_after_its_rep_leaves_or_it_is_realigned() {
    let s = baseline();
    let (before, leaver) = (rival(2), rep_withdrawing_to_rival());
    let screen = ChurnScreen::new(&s, [&before].into_iter(), &[&leaver]);
    // After the week's departures: the rep has joined the rival.
    let after = rival_pulls(&s, [&rival(3)].into_iter(), |_| 0);
    let (mut churned, mut screened, n) = (0, 0, 400_000);
    for i in 0..n {
        let mut r = Stream::new(7, i, 0, Purpose::AccountWeek);
        let a = Account {
            id: i as u32,
            won_week: -(r.index(300) as i32),
            owner: Some(0),
            technical: None,
            service: None,
            potential: 5_000.0,
            price_sensitivity: r.unit() as f32,
            complex: r.chance(0.3),
            icp: r.chance(0.4),
            margin: 0.55,
            company_owned: false,
            held: false,
        };
        let mut st = AccountState {
            satisfaction: r.unit() as f32,
            loyalty_rep: r.unit() as f32,
            loyalty_specialist: (r.unit() * 0.5) as f32,
            loyalty_company: r.unit() as f32,
            loyalty_company_trend: r.unit() as f32,
            ..Default::default()
        };
        let x = r.unit() * 0.05;
        let passed = screen.may_churn(&s, x, &a, &st, 0);
        screened += passed as u32;
        // What departure or realignment can do to it later in the week.
        let crm = r.unit();
        let loss = s.behaviour.handover.satisfaction_loss;
        match i % 3 {
            0 => {}
            1 => {
                st.loyalty_rep = 0.0;
                st.satisfaction = (st.satisfaction as f64 - loss * (1.0 - crm)).max(0.0) as f32;
            }
            _ => st.loyalty_rep = s.behaviour.handover.new_rep_loyalty as f32,
        }
        if churn_cause(&s, weekly_hazard(s.customers.churn_rate_annual), &after, x, &a, &st, 0).is_some() {
            churned += 1;
            assert!(passed, "account {i} churns (draw {x}) but the screen let it go: {st:?}");
        }
    }
    assert!(churned > 1_000, "the test must exercise churn ({churned} of {n})");
    // Draws here lie in [0, 0.05); over the whole [0, 1) the screen keeps 20 times fewer.
    assert!((screened as f64) < 3.0 * churned as f64, "the screen keeps {screened} for {churned} churned");
}

#[test]
fn an_event_that_changes_nothing_leaves_every_week_the_same() {
    let a = small(156);
    let mut b = a.clone();
    // A catalyst calms reps' reactions to a change for half a year; none falls in that window
    // (the routine realignments are at weeks 52 and 104).
    at(&mut b, 60, Event::Catalyst("new leadership".into()));
    at(&mut b, 61, Event::HiringFreeze(false));
    let (ra, rb) = (run(&a), run(&b));
    assert_eq!(ra.rows, rb.rows);
    assert_eq!(ra.accounts, rb.accounts);
    assert_eq!(ra.reps, rb.reps);
    assert_eq!(rb.count_events(EventKind::Catalyst), 1);
}
