//! Behavioural tests of the customer-side mechanisms: acquisition (3), coverage (4), loyalty (5),
//! revenue (6), departure (9) and churn (11). Each compares runs on the same seeds.

mod common;
use common::*;
use salesim::scenario::{Event, OwnershipModel, Realignment};
use salesim::sim::careers::departure::follow_probability;
use salesim::sim::components::{Account, AccountFile, AccountState};
use salesim::sim::observe::events::EventKind;

fn multiplexed_with_specialists(mut s: salesim::Scenario) -> salesim::Scenario {
    s.ownership.model = OwnershipModel::Multiplexed { rebalance_weeks: 13 };
    s.specialists.technical = 4;
    s.specialists.service = 12;
    s
}

#[test]
fn hunting_wins_fewer_customers_once_the_market_saturates() {
    let a = small(156);
    let mut b = a.clone();
    at(&mut b, 52, Event::MarketSaturation { prospect_factor: 0.2 });
    let won = |r: &Run| r.sum(60..156, |w| w.new_customers as f64);
    assert_positive("customers won without saturation", &paired(&b, &a, 5, won));
}

#[test]
fn targeting_the_ideal_customer_profile_raises_the_hit_rate() {
    let mut a = small(104);
    a.market.icp_targeting = 0.0;
    let mut b = a.clone();
    b.market.icp_targeting = 1.0;
    b.market.icp_hit_bonus = 2.0;
    assert_positive("customers won", &paired(&a, &b, 5, |r| r.summary.customers_won as f64));
}

#[test]
fn accounts_that_get_too_little_attention_lose_satisfaction_and_churn_more() {
    let a = small(156);
    let mut b = a.clone();
    b.sales_force.farming_hours_per_account = 0.6;
    assert_positive("satisfaction lost", &paired(&b, &a, 3, |r| r.mean(52..156, |w| w.satisfaction_mean)));
    assert_positive("coverage lost", &paired(&b, &a, 3, |r| r.mean(52..156, |w| w.coverage_adequate_share)));
    assert_positive("churn", &paired(&a, &b, 3, |r| r.sum(52..156, |w| w.customers_churned as f64)));
}

#[test]
fn specialists_meet_complex_needs_and_reps_who_own_their_accounts_push_back_against_more_of_them() {
    let mut s = small(104);
    s.market.complex_share = 0.2;
    s.specialists.technical = 4;
    let served = |r: &Run, w: std::ops::Range<u32>| r.mean(w, |x| x.complex_needs_served_share);
    let r = run(&s);
    assert!(served(&r, 26..52) > 0.9, "specialists serve complex accounts: {}", served(&r, 26..52));
    // The product line broadens; the company tries to add specialists.
    s.ownership.model = OwnershipModel::Exclusive { realignment: Realignment::Never };
    at(&mut s, 52, Event::ProductBroadening { complex_share: 0.8 });
    at(&mut s, 53, Event::Set { path: "specialists.technical".into(), value: "16".into() });
    let blocked = run(&s);
    assert_eq!(blocked.count_events(EventKind::SpecialistsBlocked), 1);
    // Four specialists and the generalists' own hours (their complex fit × their coverage) meet
    // well under the needs of four times as many complex accounts.
    assert!(served(&blocked, 80..104) < 0.65, "too few specialists: {}", served(&blocked, 80..104));
    // Leadership moves the accounts to the house and pushes it through whatever the threats.
    let mut shared = s.clone();
    shared.ownership.pushback = salesim::scenario::Pushback::Proceed;
    shared.timeline.insert(
        1,
        salesim::scenario::TimedEvent {
            week: 53,
            event: Event::SetOwnership(OwnershipModel::Multiplexed { rebalance_weeks: 13 }),
        },
    );
    let added = run(&shared);
    assert_eq!(added.count_events(EventKind::SpecialistsBlocked), 0);
    assert!(served(&added, 80..104) > 0.9, "once accounts are shared: {}", served(&added, 80..104));
    assert!(served(&added, 80..104) - served(&blocked, 80..104) > 0.3, "the added specialists' hours meet the needs");
}

/// Mean loyalty of accounts won 40 to 60 weeks before the end.
fn new_account_loyalty(s: &salesim::Scenario) -> (f64, f64) {
    let (mut rep, mut company, mut n) = (0.0, 0.0, 0.0);
    run_with(s, |sim| {
        if sim.finished() {
            let end = sim.week() as i32;
            let w = sim.world_mut();
            let mut q = w.query::<(&Account, &AccountState)>();
            for (a, st) in q.iter(w) {
                let age = end - a.won_week;
                if (40..60).contains(&age) && a.owner.is_some() {
                    rep += st.loyalty_rep as f64;
                    company += st.loyalty_company as f64;
                    n += 1.0;
                }
            }
        }
    });
    (rep / n, company / n)
}

#[test]
fn loyalty_to_the_rep_grows_faster_than_loyalty_to_the_company() {
    let (rep, company) = new_account_loyalty(&small(156));
    assert!(rep > 2.0 * company, "after a year: loyalty to rep {rep:.3}, to company {company:.3}");
}

#[test]
fn multiplexing_moves_loyalty_from_the_rep_to_the_company() {
    let a = small(156);
    let b = multiplexed_with_specialists(a.clone());
    assert_positive("loyalty to company", &paired(&a, &b, 3, |r| r.mean(104..156, |w| w.loyalty_to_company_mean)));
    assert_positive("loyalty to rep", &paired(&b, &a, 3, |r| r.mean(104..156, |w| w.loyalty_to_rep_mean)));
}

#[test]
fn a_competitor_price_cut_lowers_revenue() {
    let a = small(156);
    let mut b = a.clone();
    b.competitors[0].price_cut = 0.3;
    b.competitors[0].customer_appetite = 0.0;
    b.competitors[0].poach_appetite = 0.0;
    at(&mut b, 52, Event::CompetitorEntry("Rival".into()));
    assert_positive("revenue lost", &paired(&b, &a, 3, |r| r.sum(60..156, |w| w.revenue)));
    let r = run(&b);
    assert_eq!(r.rows[..52], run(&a).rows[..52], "identical before entry");
}

#[test]
fn competitor_entry_raises_churn() {
    let a = small(208);
    let mut b = a.clone();
    at(&mut b, 52, Event::CompetitorEntry("Rival".into()));
    assert_positive("churn after entry", &paired(&a, &b, 5, |r| r.sum(52..208, |w| w.customers_churned as f64)));
}

#[test]
fn customers_loyal_to_their_rep_follow_it_more_and_other_contacts_hold_them_back() {
    let s = small(52);
    let mut a = Account {
        id: 0,
        won_week: 0,
        owner: Some(0),
        technical: None,
        service: None,
        potential: 5_000.0,
        price_sensitivity: 0.3,
        complex: false,
        icp: false,
        margin: 0.55,
        company_owned: false,
        held: false,
    };
    let f = AccountFile { complexity_draw: 0.5, rep_since_week: 0 };
    let mut st = AccountState { loyalty_rep: 0.8, loyalty_company: 0.2, ..Default::default() };
    let p = |a: &Account, st: &AccountState, colleagues| follow_probability(&s, a, &f, st, 100, colleagues);
    let loyal_to_rep = p(&a, &st, 0);
    st.loyalty_rep = 0.3;
    st.loyalty_company = 0.6;
    assert!(p(&a, &st, 0) < loyal_to_rep);
    st.loyalty_rep = 0.8;
    st.loyalty_company = 0.2;
    a.technical = Some(1);
    let one_contact = p(&a, &st, 0);
    a.service = Some(2);
    let two_contacts = p(&a, &st, 0);
    assert!(two_contacts < one_contact && one_contact < loyal_to_rep);
    assert!(p(&a, &st, 2) > two_contacts, "colleagues leaving together take more customers");
}

#[test]
fn more_specialist_contacts_lower_the_follow_share() {
    let mut a = small(260);
    a.ownership.model = OwnershipModel::Multiplexed { rebalance_weeks: 13 };
    at(&mut a, 20, Event::CompetitorEntry("Rival".into()));
    a.competitors[0].poach_appetite = 0.1;
    let mut b = a.clone();
    b.specialists.technical = 4;
    b.specialists.service = 12;
    assert_positive("follow share", &paired(&b, &a, 6, |r| r.summary.follow_share_on_departure));
}

#[test]
fn higher_crm_retention_lowers_the_share_of_customers_lost_when_reps_leave() {
    let mut a = small(260);
    a.ownership.crm_retention = 0.0;
    let mut b = a.clone();
    b.ownership.crm_retention = 0.9;
    assert_positive("lost share on departure", &paired(&b, &a, 5, |r| r.summary.lost_share_on_departure));
}
