//! The productivity scorecard (seed 002) of each rep's year in `reps.csv`: results over activity.
//! What its book looked like at the year end (the discount it buys at, whether its customers are
//! loyal to the rep or to the company, the revenue that would follow the rep to a rival) is summed
//! over its accounts, revenue-weighted; the rest comes from the year's sums ([`RepYear`]): win rate,
//! new accounts and their ideal-profile share, retention of the book, revenue and contribution per
//! hour, hours and fatigue, cost of sales. Observation only: nothing in the model reads it.

use crate::sim::careers::departure::FollowModel;
use crate::sim::components::*;
use crate::sim::numerics::ratio;
use crate::sim::observe::rep_year::RepYear;

/// A rep's book at the year end, summed over its accounts with weights = their annual run-rate.
#[derive(Clone, Copy, Debug, Default)]
pub struct BookAtYearEnd {
    run_rate: f64,
    discount: f64,
    rep_loyalty_share: f64,
    /// Revenue a year that would follow the rep to a rival.
    pub portable: f64,
    /// Accounts of its book lost this year.
    pub lost: u32,
}

impl BookAtYearEnd {
    /// Add one active account of the rep's book.
    pub(crate) fn add(&mut self, follow: &FollowModel, a: &Account, f: &AccountFile, st: &AccountState, week: u32) {
        let w = st.revenue_week * WEEKS_PER_YEAR;
        let bonds = st.loyalty_rep as f64 + st.loyalty_company as f64;
        self.run_rate += w;
        self.discount += w * st.discount as f64;
        self.rep_loyalty_share += w * if bonds > 0.0 { st.loyalty_rep as f64 / bonds } else { 0.0 };
        self.portable += w * follow.probability(a, f, st, week, 0);
    }

    pub(crate) fn discount(&self) -> f64 {
        ratio(self.discount, self.run_rate)
    }

    pub(crate) fn rep_loyalty_share(&self) -> f64 {
        ratio(self.rep_loyalty_share, self.run_rate)
    }
}

/// The figures of a rep's card derived from its year's sums.
#[derive(Clone, Copy, Debug, Default)]
pub struct Card {
    pub win_rate: f64,
    pub new_accounts_icp_share: f64,
    pub book_retention: f64,
    pub contribution: f64,
    pub hours_per_week: f64,
    pub fatigue: f64,
    pub revenue_per_hour: f64,
    pub contribution_per_hour: f64,
    pub cost_of_sales: f64,
}

impl Card {
    /// The card of the year `y`, with `lost` accounts lost from the book.
    pub(crate) fn of(y: &RepYear, lost: u32) -> Card {
        let pay = y.base + y.variable;
        let contribution = y.margin - pay;
        let held = (y.start_accounts + y.new_accounts) as f64;
        Card {
            win_rate: ratio(y.deals_won as f64, (y.deals_won + y.deals_lost) as f64),
            new_accounts_icp_share: ratio(y.new_icp as f64, y.new_accounts as f64),
            book_retention: if held > 0.0 { (1.0 - lost as f64 / held).max(0.0) } else { 1.0 },
            contribution,
            hours_per_week: ratio(y.hours, y.weeks as f64),
            fatigue: ratio(y.fatigue, y.weeks as f64),
            revenue_per_hour: ratio(y.revenue, y.hours),
            contribution_per_hour: ratio(contribution, y.hours),
            cost_of_sales: ratio(pay, y.revenue),
        }
    }
}

/// A rep's cost per hour worked this year (its pay over its hours), for accounts' contribution.
pub(crate) fn cost_per_hour(y: &RepYear) -> f64 {
    ratio(y.base + y.variable, y.hours)
}
