//! The history of every customer's bonds that the inspector plots: loyalty to its rep, its
//! specialists and the company, sampled every [`BOND_SAMPLE_WEEKS`] while it is active. Keyed by
//! customer id in a map, since an industry's firms number their customers from far apart
//! (firm i from i × `CUSTOMER_ID_SPAN`): memory follows the customers, not the largest id.

use crate::sim::components::{Account, AccountState};
use bevy::prelude::*;
use std::collections::HashMap;

/// Weeks between two samples of the bond history.
pub const BOND_SAMPLE_WEEKS: u32 = 2;

/// One firm's customers' bonds, stored as bytes (1/255 steps) to stay small.
#[derive(Default)]
pub struct BondHistory {
    /// By customer id: the first sampled week and the samples since.
    by_customer: HashMap<u32, (u32, Vec<[u8; 3]>)>,
}

fn byte(v: f64) -> u8 {
    (v.clamp(0.0, 1.0) * 255.0).round() as u8
}

impl BondHistory {
    /// Sample every active customer at `week` (if a sampling week).
    pub fn record(&mut self, world: &mut World, week: u32) {
        if !week.is_multiple_of(BOND_SAMPLE_WEEKS) {
            return;
        }
        let mut q = world.query::<(&Account, &AccountState)>();
        for (a, b) in q.iter(world) {
            let entry = self.by_customer.entry(a.id).or_insert_with(|| (week, Vec::new()));
            let bonds = [b.loyalty_rep, b.loyalty_specialist, b.loyalty_company];
            entry.1.push(bonds.map(|v| byte(v as f64)));
        }
    }

    /// One customer's history: (week, [to rep, to specialists, to company]).
    pub fn of(&self, id: u32) -> Vec<(u32, [f64; 3])> {
        let Some((start, samples)) = self.by_customer.get(&id) else { return Vec::new() };
        samples
            .iter()
            .enumerate()
            .map(|(k, s)| (start + k as u32 * BOND_SAMPLE_WEEKS, s.map(|b| b as f64 / 255.0)))
            .collect()
    }

    /// How many customers have a history (what its memory grows with).
    pub fn customers(&self) -> usize {
        self.by_customer.len()
    }
}
