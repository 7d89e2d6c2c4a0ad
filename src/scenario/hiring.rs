//! Hiring and specialist headcount.

crate::section! {
    /// Hiring policy.
    pub struct Hiring {
        /// Rep headcount the company hires towards (0 = keep the week-0 headcount). Default 0; at most 20,000.
        pub target_headcount: u32 = 0, 0 ..= 20_000;
        /// Median weeks from a vacancy opening to the new rep starting (lognormal). Default 17 (evidence F6). 0 to 200.
        pub vacancy_weeks: f64 = 17.0, 0.0 ..= 200.0;
        /// Median weeks for a new rep to reach full productivity (lognormal). Default 22 (evidence F6). 0 to 520.
        pub ramp_weeks: f64 = 22.0, 0.0 ..= 520.0;
        /// While true no new rep is hired. Default false.
        pub freeze: bool = false;
        /// Commission a new rep is guaranteed during ramp, as a share of target variable pay
        /// (a "draw"; 0 = none). Default 0.5. 0 to 1.
        pub ramp_guarantee: f64 = 0.5, 0.0 ..= 1.0;
        /// Elasticity of new hires' skill to the pay the company's reps earn relative to market pay:
        /// mean log-skill of a hire = this × ln(average rep pay / market pay). Default 0.5
        /// (structural assumption: better-paying firms attract better candidates). 0 to 5.
        pub pay_selection: f64 = 0.5, 0.0 ..= 5.0;
    }
}

crate::section! {
    /// Technical and service specialists.
    pub struct Specialists {
        /// Technical specialists, who meet complex needs. Default 0; at most 10,000.
        pub technical: u32 = 0, 0 ..= 10_000;
        /// Service specialists, who add coverage and company contact. Default 0; at most 10,000.
        pub service: u32 = 0, 0 ..= 10_000;
        /// Accounts one specialist takes on at most. Default 80. 1 to 100,000.
        pub accounts_each: u32 = 80, 1 ..= 100_000;
        /// Hours a week a technical specialist gives the complex accounts it serves, split evenly
        /// over them. Default 40 (structural assumption). 0 to 100.
        pub technical_hours: f64 = 40.0, 0.0 ..= 100.0;
        /// Specialist hours a week that meet a complex account's needs in full (fewer meet them in
        /// proportion). Default 0.5 (structural assumption: one specialist fully serves a full load of
        /// 80 accounts). 0.001 to 100.
        pub complex_need_hours: f64 = 0.5, 0.001 ..= 100.0;
        /// Annual cost of one specialist, $/year (counted in cost of sales). Default 120,000. 0 to 1e8.
        pub salary: f64 = 120_000.0, 0.0 ..= 1e8;
    }
}
