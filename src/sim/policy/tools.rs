//! Tools and programmes (seed 000, remedy 2) as a policy with a price: the level the company pays
//! for is `ownership.company_tools`; what customers credit to the company and the selling time
//! it frees follow the level *in force*, which moves towards the level paid for by 1/`lag_weeks`
//! a week. The cost, `tools.cost_per_rep` × level paid for × reps employed a year, counts in the
//! cost of sales from the week it is paid. So more tools buy loyalty to the company (customers
//! who stay and do not follow a departing rep) and selling time, at a cost that rises linearly
//! while what it buys saturates: past some level they lose money (`salesim report`'s break-even).

use crate::scenario::Scenario;
use crate::sim::components::{Rep, WEEKS_PER_YEAR};
use crate::sim::resources::*;
use bevy::prelude::*;

/// The level of tools and programmes in force (customers and reps feel it), 0..1.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct ToolsInForce {
    pub level: f64,
}

impl ToolsInForce {
    /// In force at week 0: the level paid for has been in place as long as the company has.
    pub(crate) fn settled(s: &Scenario) -> Self {
        ToolsInForce { level: s.ownership.company_tools }
    }
}

/// Share of a rep's working week that tools in force at `level` free for selling.
pub(crate) fn selling_time_factor(s: &Scenario, level: f64) -> f64 {
    1.0 + s.tools.admin_saving * level
}

/// Move the level in force towards the level paid for, and pay for this week's tools.
pub(crate) fn phase_in_tools(
    params: Res<Params>,
    mut tools: ResMut<ToolsInForce>,
    mut tally: ResMut<WeekTally>,
    reps: Query<&Rep>,
) {
    let s = &params.0;
    let paid_for = s.ownership.company_tools;
    let step = if s.tools.lag_weeks > 0.0 { (1.0 / s.tools.lag_weeks).min(1.0) } else { 1.0 };
    tools.level += (paid_for - tools.level) * step;
    let employed = reps.iter().filter(|r| r.is_employed()).count() as f64;
    tally.tools_cost += s.tools.cost_per_rep * paid_for * employed / WEEKS_PER_YEAR;
}
