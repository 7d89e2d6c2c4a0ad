//! Complex needs served by capacity (F12; docs/MODEL.md "Complex needs", src/sim/accounts/complexity.rs):
//! how much of a complex account's needs are met follows the hours specialists give it and the
//! fit of its rep, which grows with experience and training. Over paired seeds.

mod common;
use common::*;
use salesim::Scenario;
use salesim::sim::accounts::complexity::complex_fit;
use salesim::sim::components::{Rep, RepStatus};

/// Mean share of complex needs met after the broadening and the specialists (weeks 200–360).
fn served_after(r: &Run) -> f64 {
    r.mean(200..360, |w| w.complex_needs_served_share)
}

/// The multiplexing remedy (specialists let in) over seven years with `hours` a week per specialist.
fn with_specialist_hours(hours: &str) -> Scenario {
    let mut s = bundled("remedy_multiplexing");
    s.weeks = 360;
    set(&mut s, "specialists.technical_hours", hours);
    s
}

#[test]
fn complex_needs_are_met_in_proportion_to_the_specialist_hours_given() {
    let (five, ten, fifteen) = (with_specialist_hours("5"), with_specialist_hours("10"), with_specialist_hours("15"));
    let first = paired(&five, &ten, 20, served_after);
    let second = paired(&ten, &fifteen, 20, served_after);
    assert_positive("served share, 10 h − 5 h", &first);
    assert_positive("served share, 15 h − 10 h", &second);
    let (a, b) = (mean(&first), mean(&second));
    assert!((a / b - 1.0).abs() < 0.3, "each 5 more hours meet about as much more: {a:.3} then {b:.3}");
}

#[test]
fn a_generalist_meets_more_complex_needs_as_it_gains_experience() {
    let s = bundled("tech_broadening");
    let rep = |hired_week: i32| Rep {
        id: 0,
        team: 0,
        seat: 0,
        skill: 1.0,
        hired_week,
        ramp_weeks: 20.0,
        status: RepStatus::Active,
    };
    let (new, two_years, veteran) =
        (complex_fit(&s, &rep(0), 0), complex_fit(&s, &rep(-104), 0), complex_fit(&s, &rep(-520), 0));
    assert!((new - s.customers.generalist_fit).abs() < 1e-12, "a new rep has the generalist's fit");
    assert!(new < two_years && two_years < veteran && veteran < 1.0, "{new} < {two_years} < {veteran} < 1");
}

#[test]
fn training_reps_in_the_complex_line_serves_more_needs_at_a_cost() {
    // The broadening without the planned specialists: what the reps themselves can do.
    let mut base = bundled("tech_broadening");
    base.timeline.retain(
        |t| !matches!(&t.event, salesim::scenario::Event::Set { path, .. } if path.starts_with("specialists.")),
    );
    let mut trained = base.clone();
    set(&mut trained, "training.level", "1.0");
    assert_positive("served share, trained − not", &paired(&base, &trained, 20, served_after));
    // Served better, complex customers stay and more are won: more of them at the end. (Their
    // churn rate per customer-week is no measure here: churn falls with a customer's tenure, and
    // training keeps and wins many young customers, who churn more.)
    let complex_at_end = |r: &Run| r.rows.last().map_or(0.0, |w| w.complex_customers_active as f64);
    assert_positive("complex customers at the end, trained − not", &paired(&base, &trained, 30, complex_at_end));
    let cost = paired(&base, &trained, 5, |r| r.summary.cost_of_sales_ratio);
    assert_positive("cost of sales, trained − not", &cost);
}
