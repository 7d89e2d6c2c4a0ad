//! The values the facilitator's panel edits (`controls.rs`, `twin.rs`), filled from the policies
//! in force whenever world A restarts or loads, and the ownership models the panel offers.

use crate::live::host::LiveSim;
use crate::scenario::{OwnershipModel, QuotaPeriod, Realignment};
use bevy::prelude::*;
use std::path::PathBuf;

/// The ownership models the panel offers.
pub const OWNERSHIP_CHOICES: [(&str, OwnershipModel); 4] = [
    ("Rep owns, never realigned", OwnershipModel::Exclusive { realignment: Realignment::Never }),
    (
        "Rep owns, realigned yearly",
        OwnershipModel::Exclusive { realignment: Realignment::Periodic { every_weeks: 52 } },
    ),
    ("Company owns (multiplexed)", OwnershipModel::Multiplexed { rebalance_weeks: 13 }),
    ("Hybrid: house after 2 years", OwnershipModel::Hybrid { house_after_years: 2.0, rebalance_weeks: 13 }),
];

/// The values being edited in the panel (filled from the policies in force on each restart).
#[derive(Resource, Clone, Debug)]
pub struct PolicyForm {
    generation: Option<u32>,
    pub commission_rate: f64,
    pub base_salary: f64,
    pub ownership: usize,
    pub crm_retention: f64,
    pub technical: u32,
    pub service: u32,
    pub quota_period: QuotaPeriod,
    pub complex_share: f64,
    pub price_cut: f64,
    pub competitor: usize,
    pub scenario: usize,
    /// The twin picked in "Compare with…": 0 is a copy of A, then `scenarios`.
    pub twin: usize,
    /// Scenario files offered by the picker.
    pub scenarios: Vec<PathBuf>,
}

impl Default for PolicyForm {
    fn default() -> Self {
        let scenarios = crate::live::files::scenario_list();
        PolicyForm {
            generation: None,
            commission_rate: 0.0,
            base_salary: 0.0,
            ownership: 0,
            crm_retention: 0.0,
            technical: 0,
            service: 0,
            quota_period: QuotaPeriod::Quarterly,
            complex_share: 0.6,
            price_cut: 0.15,
            competitor: 0,
            scenario: 0,
            twin: 0,
            scenarios,
        }
    }
}

impl PolicyForm {
    /// Refill from the policies in force after a restart or load.
    pub(crate) fn refresh(&mut self, live: &LiveSim) {
        if self.generation == Some(live.generation) {
            return;
        }
        self.generation = Some(live.generation);
        let s = &live.a.scenario;
        self.commission_rate = s.pay.commission_rate;
        self.base_salary = s.pay.base_salary;
        let model = s.ownership.model;
        let same_kind = |m: &OwnershipModel| {
            std::mem::discriminant(m) == std::mem::discriminant(&model)
                && m.rebalance_every().is_some() == model.rebalance_every().is_some()
        };
        self.ownership = OWNERSHIP_CHOICES
            .iter()
            .position(|(_, m)| *m == model)
            .or_else(|| OWNERSHIP_CHOICES.iter().position(|(_, m)| same_kind(m)))
            .unwrap_or(0);
        self.crm_retention = s.ownership.crm_retention;
        self.technical = s.specialists.technical;
        self.service = s.specialists.service;
        self.quota_period = s.pay.quota_period;
        self.scenario = self.scenarios.iter().position(|p| p.file_name() == live.a.path.file_name()).unwrap_or(0);
    }
}
