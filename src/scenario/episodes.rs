//! Episode detection thresholds: when a poaching wave, a loyalty collapse, a rep turnover cascade
//! or runaway pay is recorded in the event log. Detection only reads the model; it never changes it.

crate::section! {
    /// Thresholds and windows of the four episodes (`src/sim/observe/episodes.rs`, MODEL.md "Episode
    /// detection"). An episode is recorded when its condition starts to hold, and again only after
    /// the condition has not held for a whole window. Defaults are set so that a calm company records
    /// none and the stories record theirs (checked over 30 seeds of every bundled scenario); they are
    /// judgements, not calibrated figures.
    pub struct Episodes {
        /// Weeks at the start of a run that are neither judged nor counted in any window (the first
        /// episode can be recorded a window later). The world starts settled (docs/MODEL.md §3.1),
        /// so this only keeps the windows whole: an episode is judged against a full window of the
        /// run. Set it to the run length to turn detection off. Default 52; 0 to 5,200.
        pub warmup_weeks: u32 = 52, 0 ..= 5_200;
        /// Fewest departures that can make a poaching wave or a turnover cascade, so that a couple of
        /// departures in a small force are not an episode. Default 3; 1 to 20,000.
        pub min_reps: u32 = 3, 1 ..= 20_000;
        /// Window of a poaching wave, weeks. Default 13 (a quarter); 1 to 520.
        pub poaching_wave_weeks: u32 = 13, 1 ..= 520;
        /// A poaching wave: reps poached by competitors within the window ≥ this share of the mean
        /// headcount over it (and ≥ `min_reps`). Default 0.15: competitors alone taking nearly twice
        /// a quarter's normal turnover of all kinds (30–35% a year, evidence F1, is 8–9% a quarter).
        /// A competitor that poaches steadily (the baseline's, 2–4 reps a year) makes no wave; the
        /// baseline's busiest quarter in 30 seeds lost 13% of its reps to it. 0 to 1.
        pub poaching_wave_share: f64 = 0.15, 0.0 ..= 1.0;
        /// Window of a loyalty collapse, weeks. Default 13; 1 to 520.
        pub loyalty_collapse_weeks: u32 = 13, 1 ..= 520;
        /// A loyalty collapse: the mean loyalty of active customers to their rep, or to the company,
        /// is this share (relative) below its highest value in the window. Default 0.2: mean loyalty
        /// is a stock; in a calm company it falls at most a few percent in a quarter, up to 18% when
        /// reps leave or accounts are realigned and handed on without their bond (the baseline's
        /// largest falls in a quarter, with yearly realignment and accounts held for replacements:
        /// 16% over seeds 1–20, 18% for seed 42). 0 to 1.
        pub loyalty_collapse_drop: f64 = 0.2, 0.0 ..= 1.0;
        /// Window of a turnover cascade, weeks. Default 13; 1 to 520.
        pub turnover_cascade_weeks: u32 = 13, 1 ..= 520;
        /// A turnover cascade: reps who left (quit, poached or managed out) within the window ≥ this share of the
        /// mean headcount over it (and ≥ `min_reps`). Default 0.30: over three times the top of the
        /// normal pace (30–35% a year, evidence F1, is 8–9% a quarter). Quits come in bursts (a
        /// departure raises teammates' quit hazard), so a calm company's busiest quarter loses up to
        /// 29% of its reps (baseline and insurance story, 30 seeds each). 0 to 1.
        pub turnover_cascade_share: f64 = 0.30, 0.0 ..= 1.0;
        /// Window of runaway pay, weeks: this window's average pay is compared with the window
        /// before it. Default 52 (pay plans and raises are annual); 1 to 520.
        pub runaway_pay_weeks: u32 = 52, 1 ..= 520;
        /// Runaway pay: average rep pay over the window has grown this share (relative) faster than
        /// revenue per rep (the ratio of pay to revenue per rep rose by it), or has grown by it
        /// while at or above `runaway_pay_market_multiple` × `careers.market_pay`. Default 0.20:
        /// several times a normal annual raise; the ratio's largest yearly rise in 30 seeds of any
        /// calm story or remedy was 17% (a remedy's new bonuses), while the runaway-pay story's pay
        /// grows 30–35% a year in its years 2–4. 0 to 10.
        pub runaway_pay_growth: f64 = 0.20, 0.0 ..= 10.0;
        /// Average pay at or above this multiple of `careers.market_pay` counts as running away from
        /// the outside market when it still grows by `runaway_pay_growth`. Default 1.5 (the seed
        /// story's pay went from about the market's to over four times it, "resetting the pay scale
        /// for the entire industry", evidence F10). 1 to 100.
        pub runaway_pay_market_multiple: f64 = 1.5, 1.0 ..= 100.0;
    }
}
