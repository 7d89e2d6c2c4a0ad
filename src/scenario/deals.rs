//! Deals: opportunities opened by hunting (new customers) and by farming (expansions and
//! renewals), their sizes, cycles and chances of closing, the timing games reps play around
//! period ends, and the policy of drafting help onto slow deals late in the year.

crate::section! {
    /// Deal parameters (`src/sim/deals/`, MODEL.md "Deals").
    pub struct Deals {
        /// Chance that a qualified new-customer opportunity is won at list price by an average rep
        /// who gives it full effort, on a prospect outside the ideal profile with simple needs.
        /// Default 0.17: with the discount a revenue-paid rep offers (× 1 + `discount_lift` ×
        /// `discount_limit` = 1.2) it is 0.2 (evidence F17: 20–30% of qualified opportunities are
        /// won). 0.01 to 1.
        pub new_win_rate: f64 = 0.17, 0.01 ..= 1.0;
        /// Median weeks from opening a new-customer opportunity to its close. Default 12
        /// (evidence F17: mid-market cycles of 2–6 months). 1 to 260.
        pub new_cycle_weeks: f64 = 12.0, 1.0 ..= 260.0;
        /// Log-scale spread of cycle lengths (lognormal sigma). Default 0.4 (structural
        /// assumption: a right-skewed spread around the median). 0 to 2.
        pub cycle_sigma: f64 = 0.4, 0.0 ..= 2.0;
        /// How much longer a deal with complex needs takes, as a multiple of the cycle. Default 1.5
        /// (evidence F17: enterprise and solution sales take 6–12 months). 1 to 10.
        pub complex_cycle_factor: f64 = 1.5, 1.0 ..= 10.0;
        /// Productive hours a new-customer deal needs over its cycle to be given full effort.
        /// Default 12 (structural assumption: a few meetings, a proposal and a negotiation). 0.1 to 1,000.
        pub new_deal_hours: f64 = 12.0, 0.1 ..= 1000.0;
        /// How quickly effort pays off: a deal given a share r of the effort it needs wins with
        /// (1 − e^(−k·r)) / (1 − e^(−k)) of its full chance. Default 2 (structural assumption:
        /// the first hours matter most). 0.01 to 50.
        pub effort_response: f64 = 2.0, 0.01 ..= 50.0;
        /// Elasticity of a deal's chance to the rep's skill (chance ∝ skill^e; skill also sets how
        /// many opportunities an hour finds and how far an hour goes). Default 0.5 (so that win
        /// rates stay in evidence F17's 20–30% with skilled reps opening more deals). 0 to 5.
        pub skill_elasticity: f64 = 0.5, 0.0 ..= 5.0;
        /// Log-scale spread of a deal's size around the value expected from the customer's
        /// potential (lognormal sigma; the spread of potentials adds to it). Default 0.5 (evidence
        /// F17: deal sizes are right-skewed). 0 to 3.
        pub size_sigma: f64 = 0.5, 0.0 ..= 3.0;
        /// Expansion opportunities an account opens per week when fully covered and fully loyal to
        /// its rep or specialist (fewer with less of either: only loyalty to people grows share of
        /// wallet, evidence F5). Default 0.04. 0 to 1.
        pub expansion_rate: f64 = 0.04, 0.0 ..= 1.0;
        /// Share of the account's headroom (the share of wallet it could still give) that a won
        /// expansion adds. Default 0.4 (structural assumption). 0 to 1.
        pub expansion_step: f64 = 0.4, 0.0 ..= 1.0;
        /// Chance that an expansion opportunity is won at list price and full attention. Default
        /// 0.42: 0.5 with a revenue-paid rep's usual discount (evidence F17: deals already in the
        /// forecast close about 45–50% of the time). 0 to 1.
        pub expansion_win_rate: f64 = 0.42, 0.0 ..= 1.0;
        /// Median weeks an expansion opportunity stays open. Default 6. 1 to 260.
        pub expansion_cycle_weeks: f64 = 6.0, 1.0 ..= 260.0;
        /// Weeks before an account's contract anniversary that its renewal opens (and is worked
        /// through the attention the account gets). Default 8. 1 to 51.
        pub renewal_lead_weeks: u32 = 8, 1 ..= 51;
        /// Chance that a renewal is won at list price, full attention and full satisfaction (the
        /// chance scales with satisfaction). Default 0.8: 0.96 with a revenue-paid rep's usual
        /// discount (structural assumption). 0 to 1.
        pub renewal_win_rate: f64 = 0.8, 0.0 ..= 1.0;
        /// Share of the headroom a won renewal adds (a price rise or up-sell). Default 0.1. 0 to 1.
        pub renewal_uplift: f64 = 0.1, 0.0 ..= 1.0;
        /// Share of its spend a customer moves elsewhere when its renewal is lost. Default 0.2
        /// (structural assumption). 0 to 1.
        pub renewal_downsell: f64 = 0.2, 0.0 ..= 1.0;
        /// Of the deals that are not won at their close, the share that stalls (its close moves
        /// out) rather than being lost, scaled by how much effort it still lacks. Default 0.6. 0 to 1.
        pub stall_share: f64 = 0.6, 0.0 ..= 1.0;
        /// Weeks a stalled deal's close moves out. Default 4. 1 to 52.
        pub stall_weeks: u32 = 4, 1 ..= 52;
        /// Most times a deal can stall; the next time it is lost. Default 2. 0 to 20.
        pub max_stalls: u32 = 2, 0 ..= 20;
        /// Weeks either side of a quota period's end in which a close date can be moved: deals due in
        /// the first weeks of the next period can be pulled in, deals due in the last weeks of this one
        /// can slip (Oyer 1998; evidence F18). Default 3. 0 (no timing games) to 13.
        pub timing_window_weeks: u32 = 3, 0 ..= 13;
        /// How much a discount raises a deal's chance: × (1 + this × discount). The rep offers the
        /// discount that maximises its expected credit, so it discounts more when paid on revenue
        /// than on margin (`src/sim/accounts/value.rs`). Default 2 (structural assumption: a 10% discount
        /// wins a fifth more often). 0 (discounts never help) to 20.
        pub discount_lift: f64 = 2.0, 0.0 ..= 20.0;
        /// Policy: the largest discount a rep may offer to win a deal (its pricing authority).
        /// Default 0.1. 0 (list price only) to 0.9.
        pub discount_limit: f64 = 0.1, 0.0 ..= 0.9;
        /// Discount a rep gives to pull a deal into the period. Default 0.1 (structural
        /// assumption). 0 to 0.9.
        pub pull_in_discount: f64 = 0.1, 0.0 ..= 0.9;
        /// A pulled-in deal's chance, as a multiple of its chance at its own date (the buyer is
        /// rushed). Default 0.8. 0 to 1.
        pub pull_in_win_factor: f64 = 0.8, 0.0 ..= 1.0;
        /// A slipped deal's chance, as a multiple of its chance (the buyer may move on). Default 0.95.
        /// 0 to 1.
        pub slip_win_factor: f64 = 0.95, 0.0 ..= 1.0;
        /// Policy: in the last this many weeks of each year the company drafts extra people onto
        /// deals that are slow to close (stalled at least once) (seed 001). Default 0 (never). 0 to 52.
        pub draft_weeks: u32 = 0, 0 ..= 52;
        /// Hours of drafted help each slow deal gets per week while drafting is on. Default 4. 0 to 100.
        pub draft_hours: f64 = 4.0, 0.0 ..= 100.0;
        /// Cost of one drafted hour, $ (in the cost of sales). Default 75. 0 to 10,000.
        pub draft_hour_cost: f64 = 75.0, 0.0 ..= 10000.0;
        /// Hours a week each technical specialist gives to new-customer deals with complex needs
        /// (a complex deal without specialist hours is won at `customers.generalist_fit` of its
        /// chance). Default 8. 0 to 60.
        pub specialist_deal_hours: f64 = 8.0, 0.0 ..= 60.0;
        /// In an industry (`firms`): weeks over which a firm's offer is averaged as its rivals'
        /// customers see it in a contest (the mean chance of its new-customer deals at their close,
        /// `deals/contest.rs`). Default 13 (assumption: a quarter's reputation). 1 to 520.
        pub offer_memory_weeks: f64 = 13.0, 1.0 ..= 520.0;
    }
}
