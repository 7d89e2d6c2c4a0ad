//! Training in the complex product line (a policy with a cost): it raises reps' complex fit
//! (`src/sim/accounts/complexity.rs`) at a price in money and selling time.

crate::section! {
    /// Training reps in the complex product line.
    pub struct Training {
        /// Level of training, 0 (none) to 1 (every rep fully trained). Default 0.
        pub level: f64 = 0.0, 0.0 ..= 1.0;
        /// Share of the gap to a full complex fit that training closes at level 1. Default 0.4
        /// (structural assumption). 0 to 1.
        pub fit_gain: f64 = 0.4, 0.0 ..= 1.0;
        /// Yearly cost per employed rep at level 1, $ (in the cost of sales). Default 8,000
        /// (structural assumption: courses and certification). 0 to 10,000,000.
        pub cost_per_rep: f64 = 8000.0, 0.0 ..= 10_000_000.0;
        /// Hours a week each rep spends in training at level 1, taken from its selling time.
        /// Default 2 (structural assumption). 0 to 40.
        pub hours_per_week: f64 = 2.0, 0.0 ..= 40.0;
    }
}
