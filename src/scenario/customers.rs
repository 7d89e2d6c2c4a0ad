//! Customer behaviour: satisfaction, loyalty bonds, price, churn and following a rep.

crate::section! {
    /// Customer behaviour parameters (mechanisms 4, 5, 6, 9 and 11).
    pub struct Customers {
        /// Annual churn probability of a satisfied, neutral-loyalty customer whose history multiple
        /// is 1 (with the defaults, one of `churn_tenure_years` standing; a new customer's is
        /// `new_customer_churn_multiple` times it, a longer-standing one's less). Default 0.06. 0 to 1.
        pub churn_rate_annual: f64 = 0.06, 0.0 ..= 1.0;
        /// Churn hazard of a brand-new customer as a multiple of `churn_rate_annual`'s; it falls
        /// with the customer's years with the company as (1 + years/`churn_tenure_years`)^(−
        /// `churn_tenure_exponent`) (evidence defaults: first-year customers churn markedly more,
        /// and retention keeps rising with tenure). Default 2.0. 1 to 20.
        pub new_customer_churn_multiple: f64 = 2.0, 1.0 ..= 20.0;
        /// Years of tenure that set the scale of the fall in churn hazard: the hazard is
        /// (1 + years/this)^(−`churn_tenure_exponent`) of a new customer's. Default 4.5: in Fader &
        /// Hardie's shifted-beta-geometric model (2007, J. Interactive Marketing 21(1), 76–90) the
        /// hazard in year t is α/(α + β + t − 1), this form with this = α + β and exponent 1, and
        /// their "high end" subscription cohort's estimates (α 0.668, β 3.806, first-year churn
        /// 15%, F3) give α + β ≈ 4.5. 0.01 to 50.
        pub churn_tenure_years: f64 = 4.5, 0.01 ..= 50.0;
        /// How steeply churn hazard falls with tenure (a power of (1 + years/`churn_tenure_years`));
        /// 0 = not at all. Default 1.0 (Fader & Hardie's shifted-beta-geometric retention curve:
        /// heterogeneous customers, the likeliest to leave leaving first). 0 to 10.
        pub churn_tenure_exponent: f64 = 1.0, 0.0 ..= 10.0;
        /// Churn hazard of an ideal-profile customer as a multiple of others' (seed 002). Default 0.7. 0 to 1.
        pub icp_churn_factor: f64 = 0.7, 0.0 ..= 1.0;
        /// Churn hazard multiplier per unit of dissatisfaction below the pivot (exponential). Default 3.0. 0 to 20.
        pub satisfaction_sensitivity: f64 = 3.0, 0.0 ..= 20.0;
        /// Share of churn hazard removed by full loyalty (to rep or company). Default 0.6. 0 to 1.
        pub loyalty_protection: f64 = 0.6, 0.0 ..= 1.0;
        /// Share of the gap to its target satisfaction closed each week. Default 0.05. 0 to 1.
        pub satisfaction_speed: f64 = 0.05, 0.0 ..= 1.0;
        /// How well a rep new to the complex line meets complex needs with its own hours, per unit
        /// of its coverage, 0..1 (its complex fit; it rises with experience and training). Default 0.3.
        pub generalist_fit: f64 = 0.3, 0.0 ..= 1.0;
        /// Share of the gap from `generalist_fit` to a full fit that experience closes in the long
        /// run. Default 0.2 (structural assumption: experience alone makes few reps experts). 0 to 1.
        pub experience_fit: f64 = 0.2, 0.0 ..= 1.0;
        /// Weeks of tenure over which experience builds a rep's complex fit (1 − e^(−tenure/this)).
        /// Default 104 (structural assumption). 1 to 5,200.
        pub experience_weeks: f64 = 104.0, 1.0 ..= 5200.0;
        /// Weekly loyalty growth towards a person credited with the value. Default 0.04. 0 to 1.
        pub loyalty_growth_person: f64 = 0.04, 0.0 ..= 1.0;
        /// Weekly loyalty growth towards the company credited with the value. Default 0.015. 0 to 1.
        pub loyalty_growth_company: f64 = 0.015, 0.0 ..= 1.0;
        /// Weekly loyalty decay without contact. Default 0.006. 0 to 1.
        pub loyalty_decay: f64 = 0.006, 0.0 ..= 1.0;
        /// Price premium at full loyalty, as a share of list price. Default 0.08. 0 to 1.
        pub price_premium: f64 = 0.08, 0.0 ..= 1.0;
        /// Base probability that a rep-owned, single-contact account follows a departing rep to a rival. Default 0.25. 0 to 1.
        pub follow_base: f64 = 0.25, 0.0 ..= 1.0;
        /// Log-odds of following per unit of (loyalty to rep − loyalty to company). Default 2.5. 0 to 20.
        pub follow_loyalty_weight: f64 = 2.5, 0.0 ..= 20.0;
        /// Log-odds of following per log-year of tenure with the rep (minus per log-year with the company). Default 0.4. 0 to 20.
        pub follow_tenure_weight: f64 = 0.4, 0.0 ..= 20.0;
        /// Log-odds of following removed per other company contact (specialist, service, company-owned). Default 1.2. 0 to 20.
        pub follow_contact_weight: f64 = 1.2, 0.0 ..= 20.0;
        /// Log-odds of following removed at full CRM retention. Default 1.0. 0 to 20.
        pub follow_crm_weight: f64 = 1.0, 0.0 ..= 20.0;
        /// Log-odds of following added per colleague leaving in the same week. Default 0.5. 0 to 20.
        pub follow_colleague_weight: f64 = 0.5, 0.0 ..= 20.0;
        /// Base probability that an account whose rep leaves goes to a third party instead of staying. Default 0.12. 0 to 1.
        pub leave_on_departure: f64 = 0.12, 0.0 ..= 1.0;
        /// Share of a departing rep's would-be followers that go with it in the week it leaves
        /// (they have decided, or it told them before it went); the others stay for now and are
        /// solicited from the rival over the vacancy and the replacement's ramp (`solicit_rate`).
        /// Default 0.5 (structural assumption). 0 to 1.
        pub follow_at_once: f64 = 0.5, 0.0 ..= 1.0;
        /// Weekly hazard that a departed rep, working for a rival of ordinary effort, takes a former
        /// customer that would certainly follow it and that gets no cover from us; × the rival's
        /// effort (`competitors[i].solicit_effort`), the customer's follow probability that week
        /// (its bonds), the cover it lacks and (1 − `ownership.non_solicit`). It runs while the
        /// account has no fully ramped rep. Default 0.04 (set so that the share of a departing
        /// rep's accounts that follow it, at once or later, stays near where it was when all
        /// followers went at once: 12.8% against 12.9% on the baseline over seeds 1-30; under
        /// half, F4). 0 to 1.
        pub solicit_rate: f64 = 0.04, 0.0 ..= 1.0;
    }
}
