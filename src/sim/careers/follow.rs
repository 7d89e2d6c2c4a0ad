//! Whether a customer follows its departing rep to a rival: the follow model of mechanism 9
//! (docs/MODEL.md §3.3.9), shared by the departure itself (`departure.rs`), the rep's solicitation
//! of the customers that stayed (`solicit.rs`) and everything that weighs a rep's portable book.

use crate::scenario::Scenario;
use crate::sim::components::*;
use crate::sim::numerics::{ln_tenure, logistic};

/// Other company contacts an account has besides its rep: technical specialist, service
/// contact, and being a company (house/multiplexed) account.
fn other_contacts(a: &Account) -> f64 {
    (a.technical.is_some() as u8 + a.service.is_some() as u8 + a.company_owned as u8) as f64
}

/// Probability that an account follows its departing rep to a rival:
/// logit p = logit(base) + w_L·(L_rep − L_co − pivot) + w_T·(ln(1 + rep years) − ln(1 + company years))
///           − w_C·contacts − w_CRM·crm + w_col·colleagues leaving with the rep.
pub struct FollowModel<'a> {
    s: &'a Scenario,
    /// The terms that do not depend on the account: logit(base) − w_CRM·crm.
    constant: f64,
}

impl<'a> FollowModel<'a> {
    pub fn new(s: &'a Scenario) -> Self {
        let base = s.customers.follow_base.clamp(1e-6, 1.0 - 1e-6);
        let constant = libm::log(base / (1.0 - base)) - s.customers.follow_crm_weight * s.ownership.crm_retention;
        FollowModel { s, constant }
    }

    #[inline]
    pub(crate) fn probability(
        &self,
        a: &Account,
        f: &AccountFile,
        st: &AccountState,
        week: u32,
        colleagues: u32,
    ) -> f64 {
        self.probability_with(st.loyalty_rep as f64, self.fixed_terms(a, f, week, colleagues), a, st)
    }

    /// The terms of the logit fixed when the rep leaves: w_T·(ln(1 + rep years) − ln(1 + company
    /// years)) + w_col·colleagues (the tenure term is 0 for an account still with the rep that won it).
    #[inline]
    pub(crate) fn fixed_terms(&self, a: &Account, f: &AccountFile, week: u32, colleagues: u32) -> f64 {
        let u = &self.s.customers;
        let tenure_log_ratio = if f.rep_since_week == a.won_week {
            0.0
        } else {
            ln_tenure(week as i32 - f.rep_since_week) - ln_tenure(week as i32 - a.won_week)
        };
        u.follow_tenure_weight * tenure_log_ratio + u.follow_colleague_weight * colleagues as f64
    }

    /// The follow probability of an account whose bond to the departed rep is `bond`, with the
    /// [`fixed_terms`](Self::fixed_terms) `fixed`, its loyalty to the company and its contacts now.
    #[inline]
    pub(crate) fn probability_with(&self, bond: f64, fixed: f64, a: &Account, st: &AccountState) -> f64 {
        let u = &self.s.customers;
        let logit = self.constant
            + u.follow_loyalty_weight
                * (bond - st.loyalty_company as f64 - self.s.behaviour.handover.follow_loyalty_pivot)
            + fixed
            - u.follow_contact_weight * other_contacts(a);
        logistic(logit)
    }
}

/// [`FollowModel::probability`] for one account.
pub fn follow_probability(
    s: &Scenario,
    a: &Account,
    f: &AccountFile,
    st: &AccountState,
    week: u32,
    colleagues: u32,
) -> f64 {
    FollowModel::new(s).probability(a, f, st, week, colleagues)
}
