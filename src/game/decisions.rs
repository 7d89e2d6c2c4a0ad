//! What a team decides for its firm each round, and how each decision becomes the same validated
//! event a scenario's timeline or the live view's controls would send: a `Set` of one parameter
//! (its range is the parameter's own, `salesim params`), a change of ownership model, or a one-off
//! realignment. A decision left out keeps the value in force; only what changes is sent.

use crate::scenario::validate::{Problem, check_live_event};
use crate::scenario::{
    BonusMetric, Event, OwnershipModel, Pushback, QualitativeBonus, QuotaPeriod, Realignment, Scenario,
};
use serde::{Deserialize, Serialize};

/// The retention a `retention_bonus` pays for: the share of a rep's accounts at the start of a
/// quota period still active at its end (the bundled industries' retention bonus).
pub const RETENTION_TARGET: f64 = 0.97;
/// Weeks between rebalancing a team's house accounts under the game's `multiplexed` and `hybrid`
/// choices: one round of the default length, a quarter.
pub const REBALANCE_WEEKS: u32 = 13;
/// Years after which an account becomes a house account under the game's `hybrid` choice.
pub const HYBRID_HOUSE_AFTER_YEARS: f64 = 2.0;
/// Weeks between realignments under the game's `realign_yearly` choice.
pub const REALIGN_EVERY_WEEKS: u32 = 52;
/// Weeks of the pay at stake a `buy_off` answer offers each threatening rep unless the team says
/// otherwise (`buy_off_weeks`): a quarter's.
pub const BUY_OFF_WEEKS: f64 = 13.0;

/// The ownership models a team can choose from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnershipChoice {
    /// Reps own their accounts; no planned realignment.
    Exclusive,
    /// Reps own their accounts; overloaded books are cut back every year.
    RealignYearly,
    /// The company owns every account (account teams with specialists).
    Multiplexed,
    /// Reps own new accounts; after two years they become house accounts.
    Hybrid,
}

impl OwnershipChoice {
    fn model(self) -> OwnershipModel {
        match self {
            OwnershipChoice::Exclusive => OwnershipModel::Exclusive { realignment: Realignment::Never },
            OwnershipChoice::RealignYearly => {
                OwnershipModel::Exclusive { realignment: Realignment::Periodic { every_weeks: REALIGN_EVERY_WEEKS } }
            }
            OwnershipChoice::Multiplexed => OwnershipModel::Multiplexed { rebalance_weeks: REBALANCE_WEEKS },
            OwnershipChoice::Hybrid => {
                OwnershipModel::Hybrid { house_after_years: HYBRID_HOUSE_AFTER_YEARS, rebalance_weeks: REBALANCE_WEEKS }
            }
        }
    }

    fn of(model: OwnershipModel) -> OwnershipChoice {
        match model {
            OwnershipModel::Exclusive { realignment: Realignment::Never } => OwnershipChoice::Exclusive,
            OwnershipModel::Exclusive { .. } => OwnershipChoice::RealignYearly,
            OwnershipModel::Multiplexed { .. } => OwnershipChoice::Multiplexed,
            OwnershipModel::Hybrid { .. } => OwnershipChoice::Hybrid,
        }
    }
}

/// How a team answers its reps' threats to leave over a change it plans.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PushbackChoice {
    /// Leadership weighs the change against the threats (`leadership`).
    Weigh,
    /// Go ahead whatever the threats.
    Proceed,
    /// Drop any change a rep threatens to leave over.
    Abandon,
    /// Go ahead and pay each threatening rep `buy_off_weeks` of the pay it stands to lose.
    BuyOff,
}

/// A team's decisions for one round. Every field is optional: one left out keeps the value in
/// force.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commission_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_salary: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_period: Option<QuotaPeriod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accelerator: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_pool_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<f64>,
    /// $ a year paid to a rep who keeps [`RETENTION_TARGET`] of its customers (0: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_bonus: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hiring_target: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performance_floor: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership: Option<OwnershipChoice>,
    /// A one-off realignment this round (never "in force").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realign_now: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technical_specialists: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_specialists: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crm_retention: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_limit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pushback: Option<PushbackChoice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buy_off_weeks: Option<f64>,
}

/// A number as RON (a float always with its point, so `5` stays a float).
fn num(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 { format!("{v:.1}") } else { format!("{v}") }
}

fn set(path: &str, value: String) -> Event {
    Event::Set { path: path.into(), value }
}

impl Decisions {
    /// The decisions in force in a firm whose scenario in force is `s`.
    pub fn in_force(s: &Scenario) -> Decisions {
        let retention = s.pay.bonuses.iter().find(|b| b.metric == BonusMetric::Retention).map_or(0.0, |b| b.payout);
        let (pushback, weeks) = match s.ownership.pushback {
            Pushback::Weigh => (PushbackChoice::Weigh, BUY_OFF_WEEKS),
            Pushback::Proceed => (PushbackChoice::Proceed, BUY_OFF_WEEKS),
            Pushback::Abandon => (PushbackChoice::Abandon, BUY_OFF_WEEKS),
            Pushback::Compensate { weeks } => (PushbackChoice::BuyOff, weeks),
        };
        Decisions {
            commission_rate: Some(s.pay.commission_rate),
            base_salary: Some(s.pay.base_salary),
            quota_period: Some(s.pay.quota_period),
            accelerator: Some(s.pay.accelerator),
            team_pool_share: Some(s.pay.team_pool_share),
            cap: Some(s.pay.cap),
            retention_bonus: Some(retention),
            hiring_target: Some(s.hiring.target_headcount),
            performance_floor: Some(s.careers.performance_floor),
            ownership: Some(OwnershipChoice::of(s.ownership.model)),
            realign_now: None,
            technical_specialists: Some(s.specialists.technical),
            service_specialists: Some(s.specialists.service),
            crm_retention: Some(s.ownership.crm_retention),
            tools: Some(s.ownership.company_tools),
            training: Some(s.training.level),
            discount_limit: Some(s.deals.discount_limit),
            pushback: Some(pushback),
            buy_off_weeks: Some(weeks),
        }
    }

    /// Each decision that differs from what is in force in `s`, as the event that makes it, with
    /// the decision's field name; each event checked as a timeline event is against `s` (the
    /// first problem is named by its field).
    pub fn events(&self, s: &Scenario) -> Result<Vec<(&'static str, Event)>, Problem> {
        let now = Decisions::in_force(s);
        let mut out: Vec<(&'static str, Event)> = Vec::new();
        let mut num_field = |field: &'static str, path: &str, new: Option<f64>, old: Option<f64>| {
            if let Some(v) = new.filter(|v| Some(*v) != old) {
                out.push((field, set(path, num(v))));
            }
        };
        num_field("commission_rate", "pay.commission_rate", self.commission_rate, now.commission_rate);
        num_field("base_salary", "pay.base_salary", self.base_salary, now.base_salary);
        num_field("accelerator", "pay.accelerator", self.accelerator, now.accelerator);
        num_field("team_pool_share", "pay.team_pool_share", self.team_pool_share, now.team_pool_share);
        num_field("cap", "pay.cap", self.cap, now.cap);
        num_field("performance_floor", "careers.performance_floor", self.performance_floor, now.performance_floor);
        num_field("crm_retention", "ownership.crm_retention", self.crm_retention, now.crm_retention);
        num_field("tools", "ownership.company_tools", self.tools, now.tools);
        num_field("training", "training.level", self.training, now.training);
        num_field("discount_limit", "deals.discount_limit", self.discount_limit, now.discount_limit);
        let mut count_field = |field: &'static str, path: &str, new: Option<u32>, old: Option<u32>| {
            if let Some(v) = new.filter(|v| Some(*v) != old) {
                out.push((field, set(path, v.to_string())));
            }
        };
        count_field("hiring_target", "hiring.target_headcount", self.hiring_target, now.hiring_target);
        count_field(
            "technical_specialists",
            "specialists.technical",
            self.technical_specialists,
            now.technical_specialists,
        );
        count_field("service_specialists", "specialists.service", self.service_specialists, now.service_specialists);
        if let Some(p) = self.quota_period.filter(|p| Some(*p) != now.quota_period) {
            out.push(("quota_period", set("pay.quota_period", format!("{p:?}"))));
        }
        if let Some(payout) = self.retention_bonus.filter(|v| Some(*v) != now.retention_bonus) {
            out.push(("retention_bonus", set("pay.bonuses", retention_bonuses(s, payout))));
        }
        let weeks = self.buy_off_weeks.or(now.buy_off_weeks).unwrap_or(BUY_OFF_WEEKS);
        let answer = self.pushback.or(now.pushback).unwrap_or(PushbackChoice::Weigh);
        if self.pushback.is_some_and(|p| Some(p) != now.pushback)
            || (answer == PushbackChoice::BuyOff && self.buy_off_weeks.is_some_and(|w| Some(w) != now.buy_off_weeks))
        {
            let value = match answer {
                PushbackChoice::Weigh => "Weigh".to_string(),
                PushbackChoice::Proceed => "Proceed".to_string(),
                PushbackChoice::Abandon => "Abandon".to_string(),
                PushbackChoice::BuyOff => format!("Compensate(weeks: {})", num(weeks)),
            };
            out.push(("pushback", set("ownership.pushback", value)));
        }
        if let Some(o) = self.ownership.filter(|o| Some(*o) != now.ownership) {
            out.push(("ownership", Event::SetOwnership(o.model())));
        }
        if self.realign_now == Some(true) {
            out.push(("realign_now", Event::Realignment));
        }
        for (field, event) in &out {
            check_live_event(s, event).map_err(|p| Problem { path: (*field).to_string(), message: p.message })?;
        }
        Ok(out)
    }
}

/// The scenario's bonuses with the retention bonus paying `payout` (removed at 0), as RON.
fn retention_bonuses(s: &Scenario, payout: f64) -> String {
    let mut bonuses: Vec<QualitativeBonus> =
        s.pay.bonuses.iter().copied().filter(|b| b.metric != BonusMetric::Retention).collect();
    if payout != 0.0 {
        bonuses.push(QualitativeBonus { metric: BonusMetric::Retention, target: RETENTION_TARGET, payout });
    }
    ron::to_string(&bonuses).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/industry_pay_race.ron");
        crate::scenario::load::load_file(&path).expect("a bundled industry")
    }

    #[test]
    fn decisions_equal_to_those_in_force_send_nothing() {
        let s = scenario();
        assert!(Decisions::in_force(&s).events(&s).unwrap().is_empty());
        assert!(Decisions::default().events(&s).unwrap().is_empty());
    }

    #[test]
    fn each_changed_decision_is_one_event_that_applies_cleanly() {
        let mut s = scenario();
        let d = Decisions {
            commission_rate: Some(0.05),
            quota_period: Some(QuotaPeriod::Quarterly),
            retention_bonus: Some(9000.0),
            hiring_target: Some(60),
            ownership: Some(OwnershipChoice::Hybrid),
            pushback: Some(PushbackChoice::BuyOff),
            realign_now: Some(true),
            ..Default::default()
        };
        let events = d.events(&s).unwrap();
        let fields: Vec<_> = events.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                "commission_rate",
                "hiring_target",
                "quota_period",
                "retention_bonus",
                "pushback",
                "ownership",
                "realign_now"
            ]
        );
        for (_, e) in &events {
            if let Event::Set { path, value } = e {
                crate::scenario::params::set(&mut s, path, value).unwrap();
            }
        }
        s.ownership.model = OwnershipChoice::Hybrid.model();
        let now = Decisions::in_force(&s);
        assert_eq!(now.retention_bonus, Some(9000.0));
        assert_eq!(now.pushback, Some(PushbackChoice::BuyOff));
        assert_eq!(now.buy_off_weeks, Some(BUY_OFF_WEEKS));
        assert_eq!(now.quota_period, Some(QuotaPeriod::Quarterly));
        assert_eq!(
            Decisions { realign_now: None, ..d }.events(&s).unwrap().len(),
            0,
            "once applied, the same decisions change nothing"
        );
    }

    #[test]
    fn an_out_of_range_decision_is_refused_naming_its_field() {
        let s = scenario();
        let d = Decisions { commission_rate: Some(0.04), accelerator: Some(-3.0), ..Default::default() };
        let e = d.events(&s).unwrap_err();
        assert_eq!(e.path, "accelerator", "{e:?}");
        let d = Decisions { commission_rate: Some(f64::NAN), ..Default::default() };
        assert_eq!(d.events(&s).unwrap_err().path, "commission_rate");
    }
}
