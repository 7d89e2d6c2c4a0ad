//! Market and initial sales-force parameters.

crate::section! {
    /// The market: accounts, prospects, their spend and their needs.
    pub struct Market {
        /// Active customer accounts at week 0. Default 5,000; at most 2,000,000.
        pub accounts: u32 = 5_000, 0 ..= 2_000_000;
        /// Prospects (potential customers not yet won) at week 0. Default 15,000; at most 5,000,000.
        pub prospects: u32 = 15_000, 0 ..= 5_000_000;
        /// New prospects entering the market per year, as a share of the week-0 prospect pool. Default 0.08. 0 to 10.
        pub prospect_inflow_per_year: f64 = 0.08, 0.0 ..= 10.0;
        /// Mean annual spend potential of an account in the product category, $/year. Default 9,000. 1 to 1e9.
        pub potential_mean: f64 = 9_000.0, 1.0 ..= 1e9;
        /// Log-scale spread of spend potential (lognormal sigma). Default 0.9. 0 to 3.
        pub potential_sigma: f64 = 0.9, 0.0 ..= 3.0;
        /// Share of wallet a newly won account starts with, 0..1. Default 0.5.
        pub initial_wallet_share: f64 = 0.5, 0.0 ..= 1.0;
        /// Share of accounts and prospects whose needs are complex (need a technical specialist), 0..1. Default 0.10.
        pub complex_share: f64 = 0.10, 0.0 ..= 1.0;
        /// Mean price sensitivity of customers, 0..1 (1 = switches for any discount). Default 0.3.
        pub price_sensitivity_mean: f64 = 0.3, 0.0 ..= 1.0;
        /// Spread of price sensitivity across customers (normal sd, clamped to 0..1). Default 0.15. 0 to 1.
        pub price_sensitivity_sd: f64 = 0.15, 0.0 ..= 1.0;
        /// Share of prospects that fit the ideal customer profile, 0..1. Default 0.4.
        pub icp_share: f64 = 0.4, 0.0 ..= 1.0;
        /// How strongly reps target ideal-profile prospects, 0..1 (a policy). Default 0.5.
        pub icp_targeting: f64 = 0.5, 0.0 ..= 1.0;
        /// How much more often an ideal-profile prospect's opportunity is won (0.5 = half again as
        /// often); targeting also picks them first in proportion. Default 0.5 (seed 002). 0 to 10.
        pub icp_hit_bonus: f64 = 0.5, 0.0 ..= 10.0;
        /// How much more an ideal-profile customer can spend: its potential is × (1 + this).
        /// Default 0.3 (seed 002: best customers bring repeat business). 0 to 10.
        pub icp_potential_lift: f64 = 0.3, 0.0 ..= 10.0;
        /// New customers won per productive hunting hour (prospecting and working the deals it
        /// opens) on average prospects at full effort when the prospect pool is full. Default 0.011. 0 to 1.
        pub hit_rate_per_hour: f64 = 0.011, 0.0 ..= 1.0;
        /// Elasticity of the rate of finding prospects to the remaining prospect pool (saturation). Default 1.0. 0 to 5.
        pub saturation_elasticity: f64 = 1.0, 0.0 ..= 5.0;
        /// Cap on the rate of finding prospects, as a multiple of its full-pool rate. A pool grown
        /// past its reference size by new entrants saturates here. Default 1.5 (assumption). 1 to 10.
        pub saturation_fill_cap: f64 = 1.5, 1.0 ..= 10.0;
        /// Mean gross margin of an account at list price, 0..1: its revenue less the cost of what it
        /// buys, as a share of revenue (each account's margin is drawn from a beta distribution with
        /// this mean and `margin_sd`). Default 0.55 (evidence: 40–70% typical for B2B). 0 to 1.
        pub gross_margin: f64 = 0.55, 0.0 ..= 1.0;
        /// Spread (standard deviation) of accounts' gross margins. Default 0.1 (so that 90% of
        /// accounts lie within about 40–70%, evidence). 0 (every account at the mean) to 0.45.
        pub margin_sd: f64 = 0.1, 0.0 ..= 0.45;
        /// Mean years the week-0 accounts have been customers (exponentially distributed). Default 4. 0.01 to 100.
        pub account_tenure_years: f64 = 4.0, 0.01 ..= 100.0;
    }
}

crate::section! {
    /// The sales force at week 0 and how much work accounts need.
    pub struct SalesForce {
        /// Reps at week 0. Default 50; 1 to 20,000.
        pub reps: u32 = 50, 1 ..= 20_000;
        /// Selling hours a rep can give per week without tiring. Default 40. 1 to 100.
        pub hours_per_week: f64 = 40.0, 1.0 ..= 100.0;
        /// The hours the company's culture asks of a rep, as a multiple of `hours_per_week`: a rep's
        /// planned week is this × its effort multiplier, and hours beyond `hours_per_week` build
        /// fatigue (seed 002's 90-hour weeks are 2.25). Default 1. 0.1 to 3.
        pub hours_pressure: f64 = 1.0, 0.1 ..= 3.0;
        /// Mean tenure of the week-0 reps in years (exponentially distributed). Default 3.0. 0 to 40.
        pub tenure_years_mean: f64 = 3.0, 0.0 ..= 40.0;
        /// Log-scale spread of rep skill (lognormal with mean 1 in the week-0 force; hires are drawn
        /// around a mean set by the pay offered, `hiring.pay_selection`). Default 0.6 (set, with
        /// `territory_sigma` and `deals.size_sigma`, so that 45–60% of reps make quota, evidence
        /// F15: top reps sell several times what the weakest do). 0 to 2.
        pub skill_sd: f64 = 0.6, 0.0 ..= 2.0;
        /// Log-scale spread of territories (seats): a seat's share of the week-0 accounts and its
        /// rate of finding prospects are × a lognormal draw with mean 1. Default 0.3. 0 to 2.
        pub territory_sigma: f64 = 0.3, 0.0 ..= 2.0;
        /// Weekly farming hours an average account needs for adequate coverage. Default 0.15. 0 to 40.
        pub farming_hours_per_account: f64 = 0.15, 0.0 ..= 40.0;
        /// Extra coverage a complex-needs account needs, as a share (0.5 = 50% more). Default 0.5. 0 to 10.
        pub complex_extra_hours: f64 = 0.5, 0.0 ..= 10.0;
        /// How week-0 books are split: 0 = by territory only, 1 = also in proportion to tenure (old
        /// hands hold big books). Default 0.3. 0 to 1.
        pub book_tenure_weight: f64 = 0.3, 0.0 ..= 1.0;
    }
}

impl SalesForce {
    /// Weekly coverage hours an account needs: `farming_hours_per_account`, × (1 +
    /// `complex_extra_hours`) for complex needs.
    pub fn need_hours(&self, complex: bool) -> f64 {
        self.farming_hours_per_account * if complex { 1.0 + self.complex_extra_hours } else { 1.0 }
    }
}
