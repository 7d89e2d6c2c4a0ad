//! The vocabulary of calibration: the figures a company knows about itself ([`Measure`], with
//! their names in files and their [`Kind`]) and the stretch of a run each is about ([`Window`]).
//! How a run gives each one is in `measures.rs` (whole run) and `years.rs` (by year);
//! docs/CALIBRATION.md defines them.

/// One figure a company can observe about itself and salesim can compute from a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    RepTurnover,
    RepTurnoverFirstYear,
    RepTurnoverSecondThirdYear,
    RepTurnoverTenured,
    ManagedOutShare,
    ShareAtQuota,
    AttainmentP10,
    AttainmentP50,
    AttainmentP90,
    VacancyWeeks,
    CustomerChurn,
    CustomerChurnFirstYear,
    CustomerChurnTenured,
    FollowShareOnDeparture,
    LostShareOnDeparture,
    RevenueLostPerDeparture,
    WinRate,
    CycleWeeks,
    DealSizeP50,
    DealSizeP90,
    VariablePayShare,
    CostOfSales,
    HuntingTimeShare,
    RevenueGrowth,
}

/// What kind of number a measure is (decides whether an observed `n` can stand for its `sd`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A share of a count, 0..1 (its sampling sd is √(p(1−p)/n)).
    Share,
    /// Events per year of exposure.
    Rate,
    /// A ratio or growth, unitless.
    Ratio,
    Weeks,
    /// Dollars a year.
    Money,
}

impl Measure {
    /// Every measure, in the order `salesim kpis` prints them.
    pub const ALL: [Measure; 24] = [
        Measure::RepTurnover,
        Measure::RepTurnoverFirstYear,
        Measure::RepTurnoverSecondThirdYear,
        Measure::RepTurnoverTenured,
        Measure::ManagedOutShare,
        Measure::ShareAtQuota,
        Measure::AttainmentP10,
        Measure::AttainmentP50,
        Measure::AttainmentP90,
        Measure::VacancyWeeks,
        Measure::CustomerChurn,
        Measure::CustomerChurnFirstYear,
        Measure::CustomerChurnTenured,
        Measure::FollowShareOnDeparture,
        Measure::LostShareOnDeparture,
        Measure::RevenueLostPerDeparture,
        Measure::WinRate,
        Measure::CycleWeeks,
        Measure::DealSizeP50,
        Measure::DealSizeP90,
        Measure::VariablePayShare,
        Measure::CostOfSales,
        Measure::HuntingTimeShare,
        Measure::RevenueGrowth,
    ];

    /// Its name in files and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Measure::RepTurnover => "rep_turnover",
            Measure::RepTurnoverFirstYear => "rep_turnover_first_year",
            Measure::RepTurnoverSecondThirdYear => "rep_turnover_second_third_year",
            Measure::RepTurnoverTenured => "rep_turnover_tenured",
            Measure::ManagedOutShare => "managed_out_share",
            Measure::ShareAtQuota => "share_at_quota",
            Measure::AttainmentP10 => "attainment_p10",
            Measure::AttainmentP50 => "attainment_p50",
            Measure::AttainmentP90 => "attainment_p90",
            Measure::VacancyWeeks => "vacancy_weeks",
            Measure::CustomerChurn => "customer_churn",
            Measure::CustomerChurnFirstYear => "customer_churn_first_year",
            Measure::CustomerChurnTenured => "customer_churn_tenured",
            Measure::FollowShareOnDeparture => "follow_share_on_departure",
            Measure::LostShareOnDeparture => "lost_share_on_departure",
            Measure::RevenueLostPerDeparture => "revenue_lost_per_departure",
            Measure::WinRate => "win_rate",
            Measure::CycleWeeks => "cycle_weeks",
            Measure::DealSizeP50 => "deal_size_p50",
            Measure::DealSizeP90 => "deal_size_p90",
            Measure::VariablePayShare => "variable_pay_share",
            Measure::CostOfSales => "cost_of_sales",
            Measure::HuntingTimeShare => "hunting_time_share",
            Measure::RevenueGrowth => "revenue_growth",
        }
    }

    /// The measure called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.name() == name)
    }

    pub fn kind(self) -> Kind {
        use Measure::*;
        match self {
            RepTurnover
            | RepTurnoverFirstYear
            | RepTurnoverSecondThirdYear
            | RepTurnoverTenured
            | CustomerChurn
            | CustomerChurnFirstYear
            | CustomerChurnTenured => Kind::Rate,
            ManagedOutShare
            | ShareAtQuota
            | FollowShareOnDeparture
            | LostShareOnDeparture
            | WinRate
            | VariablePayShare
            | HuntingTimeShare => Kind::Share,
            AttainmentP10 | AttainmentP50 | AttainmentP90 | CostOfSales | RevenueGrowth => Kind::Ratio,
            VacancyWeeks | CycleWeeks => Kind::Weeks,
            DealSizeP50 | DealSizeP90 | RevenueLostPerDeparture => Kind::Money,
        }
    }

    /// Whether it can be computed over one year of the run (`window` = `year N`); vacancy and
    /// the departure shares come from the run's own tallies and only cover the whole run.
    pub fn by_year(self) -> bool {
        !matches!(self, Measure::VacancyWeeks | Measure::FollowShareOnDeparture | Measure::LostShareOnDeparture)
    }
}

/// The stretch of a run a figure is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Window {
    /// The whole run (`run`, or no window given).
    #[default]
    Run,
    /// Year N of the run, 1-based: weeks 52(N − 1) to 52N − 1 (`year N`).
    Year(u32),
}

impl Window {
    /// `run`, `year N` (N ≥ 1) or `yearN`; None otherwise.
    pub fn parse(text: &str) -> Option<Window> {
        let text = text.trim();
        if text.is_empty() || text == "run" {
            return Some(Window::Run);
        }
        let n: u32 = text.strip_prefix("year")?.trim().parse().ok()?;
        (n >= 1).then_some(Window::Year(n))
    }

    /// The run's length it needs, in weeks.
    pub fn weeks_needed(self) -> u32 {
        match self {
            Window::Run => 0,
            Window::Year(n) => 52 * n,
        }
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Window::Run => f.write_str("run"),
            Window::Year(n) => write!(f, "year {n}"),
        }
    }
}

impl std::fmt::Display for Measure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
