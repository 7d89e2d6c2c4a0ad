//! Specialists (mechanism 4, part): headcount follows the policy in force, and technical and
//! service specialists are assigned to active accounts up to their capacity. (Where reps own their
//! accounts, adding specialists is a planned change they may push back against: `pushback.rs`.)

use crate::sim::components::*;
use crate::sim::resources::*;
use bevy::prelude::*;

/// Hours a week each technical specialist gives each complex account it serves, by specialist id
/// (`specialists.technical_hours` over its accounts; 0 for others): what `complexity.rs` reads.
#[derive(Resource, Default, Debug)]
pub struct SpecialistHours(pub Vec<f64>);

impl SpecialistHours {
    /// The hours account-side specialist `id` gives each of its accounts (0 if none).
    #[inline]
    pub(crate) fn of(&self, id: Option<u32>) -> f64 {
        id.and_then(|i| self.0.get(i as usize)).copied().unwrap_or(0.0)
    }
}

/// Hire or retire specialists so active headcount matches `specialists.technical` / `.service`.
pub(crate) fn sync_specialist_headcount(
    params: Res<Params>,
    mut specialists: Query<&mut Specialist>,
    mut commands: Commands,
) {
    let want = &params.0.specialists;
    let mut all: Vec<Mut<Specialist>> = specialists.iter_mut().collect();
    all.sort_by_key(|s| s.id);
    let mut next_id = all.iter().map(|s| s.id + 1).max().unwrap_or(0);
    for (kind, n) in [(SpecialistKind::Technical, want.technical), (SpecialistKind::Service, want.service)] {
        let mut active = 0;
        for s in all.iter_mut().filter(|s| s.kind == kind && s.active) {
            active += 1;
            if active > n {
                s.active = false;
            }
        }
        for _ in active..n {
            commands.spawn(Specialist { id: next_id, kind, active: true, assigned: 0 });
            next_id += 1;
        }
    }
}

/// Fills specialists in id order up to capacity.
struct Roster {
    load: Vec<u32>,
    kind: Vec<Option<SpecialistKind>>,
    capacity: u32,
    cursor: [usize; 2],
}

impl Roster {
    fn valid(&self, id: u32, kind: SpecialistKind) -> bool {
        self.kind.get(id as usize).copied().flatten() == Some(kind)
    }
    fn take(&mut self, kind: SpecialistKind) -> Option<u32> {
        let k = kind as usize;
        while self.cursor[k] < self.kind.len() {
            let i = self.cursor[k];
            if self.kind[i] == Some(kind) && self.load[i] < self.capacity {
                self.load[i] += 1;
                return Some(i as u32);
            }
            self.cursor[k] += 1;
        }
        None
    }
}

/// Release assignments to retired specialists or to accounts no longer complex, then give every
/// complex account a technical specialist and every account a service contact while capacity lasts.
pub(crate) fn assign_specialists(
    params: Res<Params>,
    mut specialists: Query<&mut Specialist>,
    mut accounts: Query<&mut Account>,
    mut hours: ResMut<SpecialistHours>,
) {
    let n = specialists.iter().map(|s| s.id + 1).max().unwrap_or(0) as usize;
    if n == 0 {
        return; // never any specialists, so no assignments to make or release
    }
    let mut roster =
        Roster { load: vec![0; n], kind: vec![None; n], capacity: params.0.specialists.accounts_each, cursor: [0, 0] };
    for s in &specialists {
        if s.active {
            roster.kind[s.id as usize] = Some(s.kind);
        }
    }
    for mut a in &mut accounts {
        if let Some(t) = a.technical {
            if a.complex && roster.valid(t, SpecialistKind::Technical) && roster.load[t as usize] < roster.capacity {
                roster.load[t as usize] += 1;
            } else {
                a.technical = None;
            }
        }
        if let Some(sv) = a.service {
            if roster.valid(sv, SpecialistKind::Service) && roster.load[sv as usize] < roster.capacity {
                roster.load[sv as usize] += 1;
            } else {
                a.service = None;
            }
        }
    }
    for mut a in &mut accounts {
        if a.complex && a.technical.is_none() {
            if let Some(t) = roster.take(SpecialistKind::Technical) {
                a.technical = Some(t);
            }
        }
        if a.service.is_none() {
            if let Some(sv) = roster.take(SpecialistKind::Service) {
                a.service = Some(sv);
            }
        }
    }
    hours.0 = vec![0.0; n];
    for mut s in &mut specialists {
        s.assigned = roster.load.get(s.id as usize).copied().unwrap_or(0);
        if s.active && s.kind == SpecialistKind::Technical && s.assigned > 0 {
            hours.0[s.id as usize] = params.0.specialists.technical_hours / s.assigned as f64;
        }
    }
}
