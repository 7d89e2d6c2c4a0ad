//! Leadership: how the company's leaders weigh a planned change against the threats of the reps
//! it would cost (`src/sim/ownership/leadership.rs`): how far ahead they look and how much more a
//! loss weighs with them than a gain of the same size.

crate::section! {
    /// The leadership's weighing of planned changes against reps' threats to leave.
    pub struct Leadership {
        /// Years ahead over which leadership counts what a change gains and what the threats
        /// would cost. Default 2 (rough: the typical tenure of a sales leader is about two years;
        /// Korn Ferry and Bridge Group surveys). 0.1 to 20.
        pub horizon_years: f64 = 2.0, 0.1 ..= 20.0;
        /// How many times a loss weighs against a gain of the same size. Default 2.25 (loss
        /// aversion, Tversky & Kahneman 1992). 0 (losses ignored) to 10.
        pub loss_aversion: f64 = 2.25, 0.0 ..= 10.0;
        /// Cost of replacing a rep who leaves (recruiting, vacancy, ramp), × its annual pay.
        /// Default 0.75 (evidence: 0.5–1.0× annual on-target earnings). 0 to 5.
        pub replacement_cost: f64 = 0.75, 0.0 ..= 5.0;
        /// Weeks of the pay a threatening rep stands to lose that leadership may offer as
        /// transition pay to buy the threat off; 0: the company offers none, so buying off is not
        /// an option. Default 0 (structural assumption: transition pay is the exception). 0 to 520.
        pub buyoff_weeks: f64 = 0.0, 0.0 ..= 520.0;
        /// Years a catalyst (a merger, new leadership, a launch, a missed goal) adds to the
        /// horizon while it lasts (`behaviour.pushback.catalyst_weeks`): leaders with a mandate
        /// for change look further ahead. Default 2 (structural assumption). 0 to 20.
        pub catalyst_horizon_years: f64 = 2.0, 0.0 ..= 20.0;
    }
}
