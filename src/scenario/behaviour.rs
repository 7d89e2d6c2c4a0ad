//! Behavioural constants of the mechanisms: the weights, pivots and limits of each equation in
//! docs/MODEL.md that are structural assumptions rather than calibrated figures. Each is defined
//! here once, with its meaning, unit, default and source; every mechanism reads it from here, so
//! each can be swept (`--set behaviour.coverage.coverage_weight=…`) and sensitivity-tested.

crate::section! {
    /// Mechanism 4, coverage and satisfaction (`src/sim/accounts/coverage.rs`).
    pub struct CoverageRules {
        /// Coverage a service contact adds to an account, as a share of its need. Default 0.5
        /// (structural assumption). 0 to 5.
        pub service_coverage: f64 = 0.5, 0.0 ..= 5.0;
        /// Coverage a technical specialist adds, as a share of its need. Default 0.25 (structural
        /// assumption). 0 to 5.
        pub technical_coverage: f64 = 0.25, 0.0 ..= 5.0;
        /// Target satisfaction of an account with no coverage, unmet needs and full knowledge.
        /// Default 0.2 (structural assumption). 0 to 1.
        pub satisfaction_floor: f64 = 0.2, 0.0 ..= 1.0;
        /// Target satisfaction added by full coverage. Default 0.5 (structural assumption). 0 to 1.
        pub coverage_weight: f64 = 0.5, 0.0 ..= 1.0;
        /// Target satisfaction added by fully met needs. Default 0.2 (structural assumption). 0 to 1.
        pub needs_weight: f64 = 0.2, 0.0 ..= 1.0;
        /// Target satisfaction added by a service contact. Default 0.1 (structural assumption). 0 to 1.
        pub service_weight: f64 = 0.1, 0.0 ..= 1.0;
        /// Target satisfaction lost when all account knowledge is lost. Default 0.15 (structural
        /// assumption). 0 to 1.
        pub knowledge_weight: f64 = 0.15, 0.0 ..= 1.0;
        /// Share of lost account knowledge an owner relearns per week. Default 0.03 (structural
        /// assumption: about half in five months). 0 to 1.
        pub knowledge_recovery: f64 = 0.03, 0.0 ..= 1.0;
    }
}

crate::section! {
    /// Mechanism 5, loyalty (`src/sim/accounts/loyalty.rs`).
    pub struct LoyaltyRules {
        /// Contact weight of a technical specialist when credit for the value is shared out.
        /// Default 0.6 (structural assumption). 0 to 5.
        pub technical_contact: f64 = 0.6, 0.0 ..= 5.0;
        /// Contact weight of a service contact. Default 0.6 (structural assumption). 0 to 5.
        pub service_contact: f64 = 0.6, 0.0 ..= 5.0;
        /// Contact weight the company gets for owning the account (house or account team).
        /// Default 0.3 (structural assumption). 0 to 5.
        pub house_contact: f64 = 0.3, 0.0 ..= 5.0;
        /// Share of the specialists' credit that goes to the company they work for. Default 0.5
        /// (structural assumption). 0 to 1.
        pub specialist_company_share: f64 = 0.5, 0.0 ..= 1.0;
        /// Weekly weight of the slow trend of loyalty to the company (what a falling loyalty is
        /// measured against). Default 0.05 (a trend over about 20 weeks). 0.001 to 1.
        pub trend_weight: f64 = 0.05, 0.001 ..= 1.0;
    }
}

crate::section! {
    /// Mechanism 6, revenue (`src/sim/accounts/revenue.rs`).
    pub struct RevenueRules {
        /// Highest share of its spend an account gives us. Default 0.95 (structural assumption).
        /// 0.01 to 1.
        pub wallet_ceiling: f64 = 0.95, 0.01 ..= 1.0;
        /// Share of that ceiling a complex account gives while its needs go unmet. Default 0.5
        /// (structural assumption). 0 to 1.
        pub unmet_wallet_share: f64 = 0.5, 0.0 ..= 1.0;
        /// Share of wallet lost per week by a completely dissatisfied account. Default 0.01
        /// (structural assumption). 0 to 1.
        pub dissatisfied_shrink: f64 = 0.01, 0.0 ..= 1.0;
        /// Share of a competitor's price cut we give up in price on a fully price-sensitive account.
        /// Default 0.5 (structural assumption). 0 to 1.
        pub price_cut_passthrough: f64 = 0.5, 0.0 ..= 1.0;
    }
}

crate::section! {
    /// Mechanism 11, churn (`src/sim/accounts/churn.rs`).
    pub struct ChurnRules {
        /// Satisfaction at which the dissatisfaction hazard equals the base hazard. Default 0.6
        /// (structural assumption). 0 to 1.
        pub satisfaction_pivot: f64 = 0.6, 0.0 ..= 1.0;
        /// Multiple of a competitor's pull on a customer whose loyalty to the company is falling.
        /// Default 1.5 (structural assumption: rivals target wavering customers). 1 to 10.
        pub falling_loyalty_multiple: f64 = 1.5, 1.0 ..= 10.0;
        /// How far below its trend loyalty to the company must be to count as falling. Default
        /// 0.005. 0 to 1.
        pub falling_loyalty_margin: f64 = 0.005, 0.0 ..= 1.0;
        /// Hunting hours a week a competitor gains from each rep it poaches (its capacity grows with
        /// the reps it takes). Default 40 (one full-time seller). 0 to 200.
        pub hours_per_poached_rep: f64 = 40.0, 0.0 ..= 200.0;
    }
}

crate::section! {
    /// Mechanism 2, effort (`src/sim/effort/hours.rs`).
    pub struct EffortRules {
        /// Lowest weight a rep puts on extra income (rich reps still value some). Default 0.2. 0 to 10.
        pub income_weight_min: f64 = 0.2, 0.0 ..= 10.0;
        /// Highest weight a rep puts on extra income (poor reps value it more, within reason).
        /// Default 3. 0 to 10.
        pub income_weight_max: f64 = 3.0, 0.0 ..= 10.0;
        /// Elasticity of hours worked to the weight on income. Default 0.2 (structural assumption:
        /// hours respond weakly to income). 0 to 2.
        pub income_effort_exponent: f64 = 0.2, 0.0 ..= 2.0;
        /// Fewest hours the weight on income can take a rep down to, as a share of normal. Default 0.75. 0 to 2.
        pub income_effort_min: f64 = 0.75, 0.0 ..= 2.0;
        /// Most hours the weight on income can push a rep to, as a share of normal. Default 1.1. 0 to 3.
        pub income_effort_max: f64 = 1.1, 0.0 ..= 3.0;
        /// Share of hours lost at zero morale. Default 0.2 (structural assumption). 0 to 1.
        pub morale_effort: f64 = 0.2, 0.0 ..= 1.0;
        /// Hours of a rep serving notice, as a share of normal. Default 0.6 (structural assumption). 0 to 1.
        pub withdrawing_effort: f64 = 0.6, 0.0 ..= 1.0;
        /// Hours lost per unit of fatigue: hours / (1 + this × fatigue). Default 0.3. 0 to 10.
        pub fatigue_effort: f64 = 0.3, 0.0 ..= 10.0;
        /// Sick time: a share 1 − e^(−this × fatigue) of the hours a rep plans is lost to illness.
        /// Default 0.05 (structural assumption: a rep worn to fatigue 2 loses about a tenth of its
        /// week). 0 to 10.
        pub sick_per_fatigue: f64 = 0.05, 0.0 ..= 10.0;
        /// A tired rep sells less per hour: productivity / (1 + this × fatigue). Default 0.1
        /// (structural assumption). 0 to 10.
        pub fatigue_productivity: f64 = 0.1, 0.0 ..= 10.0;
        /// Most of its hours a rep gives to team work with specialists. Default 0.3. 0 to 1.
        pub team_hours_cap: f64 = 0.3, 0.0 ..= 1.0;
        /// Share of the quota period after which a rep with quota in reach pushes. Default 0.6. 0 to 1.
        pub push_after: f64 = 0.6, 0.0 ..= 1.0;
        /// A rep pushes while its chance of making quota is below this. Default 0.9. 0 to 1.
        pub push_below_chance: f64 = 0.9, 0.0 ..= 1.0;
        /// Productivity of a new rep on its first day, as a share of full (it rises linearly to full
        /// over the ramp). Default 0.25 (structural assumption). 0 to 1.
        pub ramp_start: f64 = 0.25, 0.0 ..= 1.0;
    }
}

crate::section! {
    /// Mechanism 7, pay (`src/sim/pay/accrue.rs`).
    pub struct PayRules {
        /// Weeks over which a rep's expected pay follows what it earns (exponential smoothing).
        /// Default 13 (a quarter). 1 to 520.
        pub expected_pay_weeks: f64 = 13.0, 1.0 ..= 520.0;
        /// Weeks over which a rep's pace of sales is averaged (recurring credit and bookings).
        /// Default 8. 1 to 520.
        pub pace_weeks: f64 = 8.0, 1.0 ..= 520.0;
        /// Weeks over which a rep learns how much its weekly credit varies (exponential memory of
        /// its squared deviation from its pace), for its chance of making quota. Default 26. 1 to 520.
        pub volatility_weeks: f64 = 26.0, 1.0 ..= 520.0;
        /// How far a rep expects its period's sales may miss its forecast, as a share of quota (a
        /// standard deviation), before it has seen a period of its own; it then learns from its own
        /// periods (`forecast_learning`). Default 0.15 (structural assumption). 0 to 2.
        pub forecast_error_prior: f64 = 0.15, 0.0 ..= 2.0;
        /// Weight of the latest period when a rep updates how far its sales miss its forecast.
        /// Default 0.5. 0 to 1.
        pub forecast_learning: f64 = 0.5, 0.0 ..= 1.0;
        /// A ramping rep's quota is at least this share of a tenured rep's, scaled by its ramp.
        /// Default 0.5 (structural assumption). 0 to 1.
        pub ramp_quota_share: f64 = 0.5, 0.0 ..= 1.0;
        /// Largest change of the commission rate at one pay review against the market
        /// (`pay.market_position`), as a share of the rate. Default 0.25 (structural assumption: a
        /// plan rarely moves by more than a quarter at once). 0 to 1.
        pub review_step: f64 = 0.25, 0.0 ..= 1.0;
    }
}

crate::section! {
    /// Mechanisms 8 and 9, careers and departure (`src/sim/careers/quitting.rs`, `hiring.rs`, `departure.rs`).
    pub struct CareerRules {
        /// Steepness of offer acceptance around the offer that matches pay plus the switching
        /// premium and unvested pay. Default 6 (structural assumption). 0.1 to 100.
        pub offer_steepness: f64 = 6.0, 0.1 ..= 100.0;
        /// Log-scale spread of vacancy durations around `hiring.vacancy_weeks`. Default 0.3. 0 to 2.
        pub vacancy_sigma: f64 = 0.3, 0.0 ..= 2.0;
        /// Log-scale spread of ramp times around `hiring.ramp_weeks` (a long right tail, evidence F6).
        /// Default 0.4. 0 to 2.
        pub ramp_sigma: f64 = 0.4, 0.0 ..= 2.0;
        /// Pay above the market counts in the quit hazard down to this relative surplus. Default −1. −10 to 0.
        pub pay_gap_min: f64 = -1.0, -10.0 ..= 0.0;
        /// Pay below the market counts in the quit hazard up to this relative shortfall. Default 1.5. 0 to 10.
        pub pay_gap_max: f64 = 1.5, 0.0 ..= 10.0;
        /// Years of tenure over which `careers.tenure_protection` keeps lowering the quit hazard.
        /// Default 5 (evidence F2: agents past 5 years are retained ~93% a year). 0 to 50.
        pub tenure_protection_years: f64 = 5.0, 0.0 ..= 50.0;
        /// Tenure lowers the quit hazard to no less than this multiple. Default 0.2. 0 to 1.
        pub tenure_protection_floor: f64 = 0.2, 0.0 ..= 1.0;
        /// Weeks a colleague's departure weighs on teammates' quit hazard. Default 13. 1 to 520.
        pub colleague_window_weeks: u32 = 13, 1 ..= 520;
        /// Morale each teammate loses when a colleague leaves. Default 0.05. 0 to 1.
        pub teammate_morale_loss: f64 = 0.05, 0.0 ..= 1.0;
        /// Relative performance counts in the quit and offer hazards up to this distance from the
        /// peers' mean (a rep at 3× its peers is treated as at 1 + this). Default 1. 0 to 10.
        pub performance_gap_max: f64 = 1.0, 0.0 ..= 10.0;
        /// The chance of making quota at which `careers.quota_chance_quit_sensitivity` neither
        /// raises nor lowers the quit hazard. Default 0.5 (evidence F15: about half of reps make
        /// quota in a year). 0 to 1.
        pub quota_chance_centre: f64 = 0.5, 0.0 ..= 1.0;
    }
}

crate::section! {
    /// Hand-overs when a rep leaves or accounts are moved (`src/sim/careers/departure.rs`, `ownership.rs`).
    pub struct HandoverRules {
        /// Loyalty gap (to the rep minus to the company) at which the follow odds equal
        /// `customers.follow_base`. Default 0.5 (structural assumption). −1 to 1.
        pub follow_loyalty_pivot: f64 = 0.5, -1.0 ..= 1.0;
        /// Satisfaction an account loses when its rep leaves and the CRM kept nothing (less with
        /// `ownership.crm_retention`). Default 0.1 (structural assumption). 0 to 1.
        pub satisfaction_loss: f64 = 0.1, 0.0 ..= 1.0;
        /// Loyalty an account starts with towards a rep it is handed to. Default 0.05. 0 to 1.
        pub new_rep_loyalty: f64 = 0.05, 0.0 ..= 1.0;
        /// Share of a departed rep's pull on a former customer that full cover by our reps and
        /// specialists wards off (`customers.solicit_rate`). Default 0.75 (structural assumption).
        /// 0 to 1.
        pub solicit_cover_protection: f64 = 0.75, 0.0 ..= 1.0;
    }
}

crate::section! {
    /// A newly won account's starting state (`src/sim/deals/close.rs`).
    pub struct NewAccountRules {
        /// Loyalty to the rep who won it. Default 0.1 (structural assumption). 0 to 1.
        pub rep_loyalty: f64 = 0.1, 0.0 ..= 1.0;
        /// Loyalty to the company, before its tools. Default 0.05. 0 to 1.
        pub company_loyalty: f64 = 0.05, 0.0 ..= 1.0;
        /// Loyalty to the company per unit of `ownership.company_tools`. Default 0.1. 0 to 1.
        pub tools_loyalty: f64 = 0.1, 0.0 ..= 1.0;
        /// Satisfaction of a new customer. Default 0.65 (structural assumption). 0 to 1.
        pub satisfaction: f64 = 0.65, 0.0 ..= 1.0;
    }
}

crate::section! {
    /// Push-back against planned changes, and catalysts (`src/sim/ownership/pushback.rs`).
    pub struct PushbackRules {
        /// Share of the pay on an account a rep sees at stake when specialists join it (it loses
        /// exclusivity and part of the account's loyalty). Default 0.5 (structural assumption).
        /// 0 to 1.
        pub exclusivity_stake: f64 = 0.5, 0.0 ..= 1.0;
        /// Chance that a rep whose threat is ignored carries it out and leaves for a rival. Default
        /// 0.5 (structural assumption). 0 to 1.
        pub follow_through: f64 = 0.5, 0.0 ..= 1.0;
        /// Weeks after a catalyst (a merger, new leadership, a launch, a missed goal) during which
        /// reps expect change. Default 26 (structural assumption). 0 to 520.
        pub catalyst_weeks: u32 = 26, 0 ..= 520;
        /// Share of what a coming change takes from them that reps already count on while a
        /// catalyst lasts: they weigh the change from pay lowered by that share, so it tips fewer
        /// of them into leaving, and they are angry only at the rest. Default 0.6 (structural
        /// assumption). 0 to 1.
        pub catalyst_expectation: f64 = 0.6, 0.0 ..= 1.0;
    }
}

crate::nested_section! {
    /// The behavioural constants, by mechanism.
    pub struct Behaviour {
        /// Coverage and satisfaction (mechanism 4).
        pub coverage: CoverageRules;
        /// Loyalty (mechanism 5).
        pub loyalty: LoyaltyRules;
        /// Revenue (mechanism 6).
        pub revenue: RevenueRules;
        /// Churn and competitors' pull (mechanism 11).
        pub churn: ChurnRules;
        /// Effort (mechanism 2).
        pub effort: EffortRules;
        /// Pay (mechanism 7).
        pub pay: PayRules;
        /// Careers (mechanism 8).
        pub careers: CareerRules;
        /// Hand-overs (mechanisms 9 and 10).
        pub handover: HandoverRules;
        /// New accounts (mechanism 3).
        pub new_account: NewAccountRules;
        /// Push-back and catalysts (mechanism 10).
        pub pushback: PushbackRules;
    }
}
