//! Rep careers: quitting, performance reviews and managing out, accepting competitors' offers and
//! withdrawal before leaving.

crate::section! {
    /// Career parameters (mechanism 8).
    pub struct Careers {
        /// Annual quit probability of a new, fairly paid, rested rep performing like its peers
        /// (tenure lowers it). Default 0.09 (evidence F1 and F16: about half of 25–35% turnover is
        /// voluntary; set with the notice and quota-chance terms below). 0 to 1.
        pub quit_rate_annual: f64 = 0.09, 0.0 ..= 1.0;
        /// On-target earnings the rest of the industry pays a rep at the start, $/year; from then
        /// on market pay is an output (`src/sim/careers/market.rs`). Default 100,000. 1 to 1e8.
        pub market_pay: f64 = 100_000.0, 1.0 ..= 1e8;
        /// Reps employed by the rest of the industry (rival firms outside the model), who make up
        /// the labour market with the company's. Default 450 (structural assumption: the company
        /// employs a tenth of its industry's reps). 0 to 10,000,000.
        pub industry_reps: u32 = 450, 0 ..= 10_000_000;
        /// Years the rest of the industry takes to close half the gap between its pay and market
        /// pay (rivals review pay once a year and follow the market with a lag). Default 2
        /// (structural assumption). 0.1 to 100.
        pub pay_adjust_years: f64 = 2.0, 0.1 ..= 100.0;
        /// Quit hazard multiplier per 100% shortfall of expected pay against market pay
        /// (exponential). Default 3 (set so that new reps on commission-heavy pay who cannot build
        /// a book leave at the first-year rates of evidence F2). 0 to 20.
        pub pay_sensitivity: f64 = 3.0, 0.0 ..= 20.0;
        /// Quit hazard multiplier from fatigue (exponential, per unit of fatigue). Default 1.0. 0 to 20.
        pub fatigue_sensitivity: f64 = 1.0, 0.0 ..= 20.0;
        /// Quit hazard multiplier per colleague departure in the rep's team over the recent window. Default 0.25. 0 to 20.
        pub colleague_sensitivity: f64 = 0.25, 0.0 ..= 20.0;
        /// Quit hazard multiplier from low morale (exponential, per unit of lost morale). Default 1.5. 0 to 20.
        pub morale_sensitivity: f64 = 1.5, 0.0 ..= 20.0;
        /// Quit hazard falls by this share per year of tenure, up to `behaviour.careers.tenure_protection_years`. Default 0.08. 0 to 1.
        pub tenure_protection: f64 = 0.08, 0.0 ..= 1.0;
        /// Quit hazard multiplier per unit by which a rep's attainment falls short of its peers'
        /// (exponential; low performers look for the door, top performers stay). Default 1.0. 0 to 20.
        pub performance_quit_sensitivity: f64 = 1.0, 0.0 ..= 20.0;
        /// Quit hazard multiplier while a rep is on notice after a review below the floor
        /// (exponential: a rep told it may be let go looks for work). Default 0.5 (assumption:
        /// about 1.6 times the hazard, set so that about half of turnover stays managed out, F16). 0 to 20.
        pub notice_quit_sensitivity: f64 = 0.5, 0.0 ..= 20.0;
        /// Quit hazard multiplier per unit by which a rep's chance of making this period's quota
        /// falls below `behaviour.careers.quota_chance_centre` (exponential, and lower above it;
        /// the chance is the one its effort plans by, evidence F9). Default 0.25 (assumption: a rep
        /// sure to miss quits about 1.3 times as often as one sure to make it; set with the notice
        /// term so that about half of turnover stays managed out, F16). 0 to 20.
        pub quota_chance_quit_sensitivity: f64 = 0.25, 0.0 ..= 20.0;
        /// Elasticity of a competitor's offer chance to a rep's attainment relative to its peers
        /// (rivals court the top performers). Default 1.0. 0 to 20.
        pub performance_poach_sensitivity: f64 = 1.0, 0.0 ..= 20.0;
        /// Attainment (credited sales over quota, over the review window) below which a review
        /// counts against a rep. Default 0.8 (set with `strikes_to_notice` so that about half of
        /// turnover is managed out, evidence F16). 0 to 2.
        pub performance_floor: f64 = 0.8, 0.0 ..= 2.0;
        /// Weeks between performance reviews. Default 13 (quarterly). 1 to 520.
        pub review_weeks: u32 = 13, 1 ..= 520;
        /// Weeks after a rep's ramp before its reviews count. Default 13 (a quarter's grace). 0 to 520.
        pub review_grace_weeks: f64 = 13.0, 0.0 ..= 520.0;
        /// Weeks of sales and quota a review looks back over (exponential memory). Default 26. 1 to 520.
        pub review_window_weeks: f64 = 26.0, 1.0 ..= 520.0;
        /// Reviews below the floor in a row before a rep is put on notice; one more below the floor
        /// and it is managed out. Default 1 (a quarter below the floor puts a rep on a performance
        /// plan; a second lets it go). 1 to 20.
        pub strikes_to_notice: u32 = 1, 1 ..= 20;
        /// Weeks from being let go to leaving. Default 2. 0 to 52.
        pub managed_out_weeks: u32 = 2, 0 ..= 52;
        /// Weeks between deciding to leave and leaving, with reduced effort. Default 4. 0 to 104.
        pub withdrawal_weeks: u32 = 4, 0 ..= 104;
        /// Share of reps leaving (quitting or let go) who join a rival and can take customers with them. Default 0.5. 0 to 1.
        pub quit_to_rival_share: f64 = 0.5, 0.0 ..= 1.0;
        /// Pay rise a rep needs to accept a competitor's offer, as a share. Default 0.15. 0 to 10.
        pub switching_premium: f64 = 0.15, 0.0 ..= 10.0;
        /// Share of poaching moves in which a teammate is recruited too. Default 0.19 (evidence defaults). 0 to 1.
        pub colleague_move_share: f64 = 0.19, 0.0 ..= 1.0;
        /// What rival firms outside the modelled competitors pay a rep for the book it would bring,
        /// as a share of that portable book's annual revenue (on top of `market_pay`): the outside
        /// option a rep weighs when it pushes back against a change. Default 0.1 (structural
        /// assumption, a little below the modelled competitors' default 0.12). 0 to 1.
        pub rival_book_rate: f64 = 0.1, 0.0 ..= 1.0;
        /// Share of morale lost per share of book revenue taken away in a realignment. Default 1.0. 0 to 20.
        pub realignment_anger: f64 = 1.0, 0.0 ..= 20.0;
        /// Share of lost morale recovered each week. Default 0.02. 0 to 1.
        pub morale_recovery: f64 = 0.02, 0.0 ..= 1.0;
        /// In an industry (`firms`): weeks a rep who left a firm for no rival stays between jobs,
        /// in the pool the firms hire from first (`src/industry/`), before it leaves the industry.
        /// Default 26 (assumption: a job search of about six months). 0 (none wait) to 520.
        pub pool_weeks: u32 = 26, 0 ..= 520;
    }
}
