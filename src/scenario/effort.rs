//! How reps decide how many hours to work and how to split them.

crate::section! {
    /// Rep effort parameters (mechanism 2).
    pub struct Effort {
        /// Share of hours management expects on hunting; reps follow it with the fixed part of their
        /// motivation (the salaried share of pay). Default 0.45. 0 to 1.
        pub directed_hunting_share: f64 = 0.45, 0.0 ..= 1.0;
        /// Years of a new account's revenue a rep counts when valuing a hunting hour. Default 2.0. 0 to 50.
        pub commission_horizon_years: f64 = 2.0, 0.0 ..= 50.0;
        /// Share of an account's annual revenue that depends on the rep's coverage. Default 0.3. 0 to 1.
        pub book_at_risk_share: f64 = 0.3, 0.0 ..= 1.0;
        /// How fast coverage protects an account: retained share = 1 − exp(−k·coverage). Default 3.0. 0.01 to 50.
        pub coverage_response: f64 = 3.0, 0.01 ..= 50.0;
        /// Weight on protecting income already earned relative to winning new income (loss aversion). Default 1.5. 0 to 10.
        pub loss_aversion: f64 = 1.5, 0.0 ..= 10.0;
        /// Diminishing value of extra income: weight = (market pay / expected pay)^elasticity. Default 1.0. 0 to 5.
        pub income_elasticity: f64 = 1.0, 0.0 ..= 5.0;
        /// A rep gives up when its chance of making quota this period, judged from its pipeline of
        /// open deals and its pace of sales, falls below this probability. Default 0.1. 0 to 1.
        pub give_up_chance: f64 = 0.1, 0.0 ..= 1.0;
        /// Effort of a rep who gave up, relative to normal (applies to the incentive-driven part). Default 0.6. 0 to 2.
        pub give_up_effort: f64 = 0.6, 0.0 ..= 2.0;
        /// Effort after making quota when extra sales pay no more (no accelerator or capped). Default 0.75. 0 to 2.
        pub coast_effort: f64 = 0.75, 0.0 ..= 2.0;
        /// Effort near the period end when quota is within reach. Default 1.15. 0 to 2.
        pub push_effort: f64 = 1.15, 0.0 ..= 2.0;
        /// Share of fatigue recovered each week. Default 0.15. 0 to 1.
        pub fatigue_recovery: f64 = 0.15, 0.0 ..= 1.0;
        /// Weekly hours of team work per account shared with specialists. Default 0.02. 0 to 10.
        pub team_hours_per_shared_account: f64 = 0.02, 0.0 ..= 10.0;
    }
}
