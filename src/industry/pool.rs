//! The industry's reps between jobs: reps who left a firm for no rival wait here for
//! `careers.pool_weeks`, and each week the firms are offered them for their vacancies due next
//! week. The firm that pays the reps it hires most (`FirmLink::hire_pay`) chooses first and takes the most
//! skilled (ties: the earlier firm, the earlier leaver), so a firm that pays more hires stronger
//! reps from the pool; a firm hires a candidate only if it is at least as skilled as its median
//! hire from outside (`careers/hiring.rs`), and one not hired comes back.

use super::Industry;
use crate::sim::careers::moves::PooledRep;

impl Industry {
    /// Add firm `firm`'s reps who left for no rival in `week` (id there, skill), and its unhired
    /// candidates; let go of those who have waited `pool_weeks`.
    pub(super) fn take_into_pool(&mut self, firm: usize, week: u32, left: Vec<(u32, f64)>, unhired: Vec<PooledRep>) {
        let name = self.firms[firm].name.clone();
        self.pool.extend(unhired);
        self.pool.extend(left.into_iter().map(|(id, skill)| PooledRep {
            skill,
            left_week: week,
            was: format!("rep {id} at {name}"),
        }));
        let weeks = self.pool_weeks;
        self.pool.retain(|r| week.saturating_sub(r.left_week) < weeks);
    }

    /// Offer every firm, best-paying first (by the pay of its hires in `links`, what the industry just told
    /// its rivals), the most skilled reps of the pool for its vacancies due next week.
    pub(super) fn offer_candidates(&mut self, links: &[crate::sim::components::FirmLink]) {
        if self.pool.is_empty() {
            return;
        }
        let mut order: Vec<(usize, f64, usize)> = self
            .firms
            .iter()
            .zip(links)
            .enumerate()
            .map(|(i, (f, l))| (i, l.hire_pay, f.sim.vacancies_due()))
            .collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // Most skilled first; a stable sort keeps the earlier leaver first among equals.
        self.pool.sort_by(|a, b| b.skill.total_cmp(&a.skill));
        for (firm, _, due) in order {
            let take = due.min(self.pool.len());
            if take > 0 {
                let offered: Vec<PooledRep> = self.pool.drain(..take).collect();
                self.firms[firm].sim.offer_candidates(offered);
            }
        }
        self.pool.sort_by_key(|r| r.left_week);
    }
}
