//! Who is where in an industry: each firm's active customers and reps, and the ones on their way
//! to it (carried after last week, joining at its next Careers stage). The conservation checks
//! (`tests/industry.rs`) read it.

use super::Industry;

/// One firm's people at the end of a week.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FirmCensus {
    /// Ids of its active customers, ascending.
    pub customers: Vec<u32>,
    /// Ids of customers on their way to it, ascending.
    pub arriving_customers: Vec<u32>,
    /// Its employed reps (active or serving notice).
    pub reps: u32,
    /// Reps on their way to it.
    pub arriving_reps: u32,
}

/// Every firm's census, in firm order.
pub fn census(industry: &mut Industry) -> Vec<FirmCensus> {
    industry
        .firms_mut()
        .iter_mut()
        .map(|f| {
            let mut customers = f.sim.customer_ids();
            customers.sort_unstable();
            let (reps, accounts) = f.sim.arriving();
            let mut arriving_customers: Vec<u32> = accounts.iter().map(|a| a.traits.id).collect();
            arriving_customers.sort_unstable();
            let arriving_reps = reps.len() as u32;
            FirmCensus { customers, arriving_customers, reps: f.sim.employed_reps(), arriving_reps }
        })
        .collect()
}
