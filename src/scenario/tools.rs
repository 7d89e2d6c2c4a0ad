//! Tools and programmes (seed 000, remedy 2): what the company-level value of
//! `ownership.company_tools` costs and how fast it works.

crate::section! {
    /// Tools and programmes: the cost, lag and selling-time effect of `ownership.company_tools`.
    pub struct Tools {
        /// Yearly cost per employed rep of tools and programmes at level 1 (CRM seats, enablement,
        /// customer programmes), $; the cost is this × `ownership.company_tools` × reps. Default
        /// 50,000 (structural assumption: at full level, when customers credit the company as much as
        /// their rep, a customer-success and marketing programme costing about half a rep). 0 to
        /// 10,000,000.
        pub cost_per_rep: f64 = 50000.0, 0.0 ..= 10_000_000.0;
        /// Weeks a change of level takes to work: the level in force moves towards the level paid
        /// for by 1/this a week (0 = at once). Default 26 (structural assumption: tools and
        /// programmes take about half a year to be adopted). 0 to 520.
        pub lag_weeks: f64 = 26.0, 0.0 ..= 520.0;
        /// Share of a rep's working week freed from admin for selling at level 1 in force. Default
        /// 0.1 (structural assumption). 0 to 0.5.
        pub admin_saving: f64 = 0.1, 0.0 ..= 0.5;
    }
}
