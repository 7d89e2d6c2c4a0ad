//! The chart series of a live run: every week's metrics row, cumulative losses and quits, the
//! applied events to mark on every chart, the KPIs of the top bar, and CSV export.

use crate::output::csv::{Cell, CsvRow};
use crate::sim::observe::events::{Cause, EventKind, EventRecord};
use crate::sim::observe::metrics::TimeseriesRow;

/// A labelled vertical marker: an event applied from the timeline or the controls.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub week: u32,
    pub label: String,
}

/// Running totals up to and including a week.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cumulative {
    /// Customers lost to dissatisfaction or a competitor.
    pub churned: u32,
    /// Customers who followed a departing rep.
    pub followed: u32,
    /// Reps who quit in their first year.
    pub first_year_quits: u32,
    /// Reps who quit after their first year.
    pub later_quits: u32,
    /// Reps who accepted a competitor's offer.
    pub poached: u32,
    /// Reps let go for performance.
    pub managed_out: u32,
}

/// Rep quits of one week, split by tenure (from the event log and the reps' hiring weeks).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct QuitSplit {
    pub first_year: u32,
    pub later: u32,
}

/// Everything the charts and KPI bar show, week by week.
#[derive(Clone, Debug, Default)]
pub struct Series {
    pub rows: Vec<TimeseriesRow>,
    pub cumulative: Vec<Cumulative>,
    pub markers: Vec<Marker>,
}

/// The numbers of the KPI bar.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Kpis {
    /// Weeks simulated so far.
    pub weeks_done: u32,
    /// Revenue over the last 52 weeks (annualised when fewer weeks have run), $/year.
    pub revenue_annual: f64,
    pub customers: u32,
    pub reps: u32,
    /// Rep departures (quit, poached or let go) over the last 52 weeks per average head (annualised).
    pub rep_turnover: f64,
    /// Customers lost for any reason over the last 52 weeks per average active customer (annualised).
    pub churn: f64,
    /// Average rep pay, $/year.
    pub avg_pay: f64,
}

/// Events applied by the timeline or the controls, detected episodes, catalysts and changes
/// abandoned after push-back (never per-agent records; threats are counted, `threat_marker`).
fn is_marker(e: &EventRecord) -> bool {
    matches!(e.cause, Cause::Timeline | Cause::Live)
        || matches!(
            e.kind,
            EventKind::Episode
                | EventKind::Catalyst
                | EventKind::RealignmentBlocked
                | EventKind::SpecialistsBlocked
                | EventKind::OwnershipBlocked
        )
}

/// One marker for the week's threats to leave over a planned change, if any.
fn threat_marker(week: u32, events: &[EventRecord]) -> Option<Marker> {
    let n = events.iter().filter(|e| e.kind == EventKind::Threat && e.cause != Cause::BoughtOff).count();
    (n > 0).then(|| Marker { week, label: format!("{n} rep{} threaten to leave", if n == 1 { "" } else { "s" }) })
}

fn marker_label(e: &EventRecord) -> String {
    let mut s = match (e.kind, &e.competitor) {
        (EventKind::CompetitorEntry, Some(c)) => format!("{c} enters"),
        (EventKind::PolicyChange, _) => e.detail.clone(),
        (EventKind::Episode, _) => format!("⚠ {}", e.cause.as_str().replace('_', " ")),
        (EventKind::RealignmentBlocked, _) => "realignment abandoned".to_string(),
        (EventKind::SpecialistsBlocked, _) => "specialists refused".to_string(),
        (EventKind::OwnershipBlocked, _) => "house accounts abandoned".to_string(),
        (EventKind::Catalyst, _) if !e.detail.is_empty() => format!("catalyst: {}", e.detail),
        (kind, _) => kind.as_str().replace('_', " "),
    };
    if s.chars().count() > 32 {
        s = s.chars().take(31).collect::<String>() + "…";
    }
    s
}

impl Series {
    /// Add one week: its metrics row, its event records and its quits split by tenure.
    pub fn absorb(&mut self, row: &TimeseriesRow, events: &[EventRecord], quits: QuitSplit) {
        let mut c = self.cumulative.last().copied().unwrap_or_default();
        c.churned += row.customers_churned;
        c.followed += row.customers_followed_rep;
        c.first_year_quits += quits.first_year;
        c.later_quits += quits.later;
        c.poached += row.reps_poached;
        c.managed_out += row.reps_managed_out;
        self.cumulative.push(c);
        self.rows.push(row.clone());
        let week = row.week;
        let mut marked: Vec<Marker> =
            events.iter().filter(|e| is_marker(e)).map(|e| Marker { week: e.week, label: marker_label(e) }).collect();
        marked.extend(threat_marker(week, events));
        marked.dedup();
        self.markers.extend(marked);
    }

    /// The KPIs over the last (up to) 52 weeks.
    pub fn kpis(&self) -> Kpis {
        let n = self.rows.len().min(52);
        let Some(last) = self.rows.last() else { return Kpis::default() };
        let window = &self.rows[self.rows.len() - n..];
        let scale = 52.0 / n as f64;
        let mean = |f: fn(&TimeseriesRow) -> f64| window.iter().map(f).sum::<f64>() / n as f64;
        let sum = |f: fn(&TimeseriesRow) -> f64| window.iter().map(f).sum::<f64>();
        let heads = mean(|r| r.reps_active as f64).max(1.0);
        let active = mean(|r| r.customers_active as f64).max(1.0);
        let left = sum(|r| (r.reps_quit + r.reps_poached + r.reps_managed_out) as f64);
        let lost = sum(|r| (r.customers_churned + r.customers_followed_rep + r.customers_lost_on_departure) as f64);
        Kpis {
            weeks_done: self.rows.len() as u32,
            revenue_annual: sum(|r| r.revenue) * scale,
            customers: last.customers_active,
            reps: last.reps_active,
            rep_turnover: left * scale / heads,
            churn: lost * scale / active,
            avg_pay: last.avg_rep_pay_annualized,
        }
    }

    /// The series as CSV: every metrics column, then the cumulative columns.
    pub fn to_csv(&self) -> String {
        let mut out = TimeseriesRow::columns().join(",");
        out.push_str(
            ",cum_churned,cum_followed_rep,cum_first_year_quits,cum_later_quits,cum_poached,cum_managed_out\n",
        );
        for (row, c) in self.rows.iter().zip(&self.cumulative) {
            row.write_cells(&mut out);
            for v in [c.churned, c.followed, c.first_year_quits, c.later_quits, c.poached, c.managed_out] {
                out.push(',');
                v.cell(&mut out);
            }
            out.push('\n');
        }
        out
    }

    /// The chart markers as CSV.
    pub fn markers_csv(&self) -> String {
        let mut out = String::from("week,label\n");
        for m in &self.markers {
            m.week.cell(&mut out);
            out.push(',');
            m.label.cell(&mut out);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(week: u32, churned: u32, quit: u32) -> TimeseriesRow {
        TimeseriesRow {
            week,
            revenue: 1000.0,
            customers_active: 100,
            customers_churned: churned,
            reps_active: 10,
            reps_quit: quit,
            ..Default::default()
        }
    }

    #[test]
    fn kpis_annualise_the_weeks_run_so_far() {
        let mut s = Series::default();
        for w in 0..26 {
            s.absorb(&row(w, 1, (w % 13 == 0) as u32), &[], QuitSplit::default());
        }
        let k = s.kpis();
        assert_eq!(k.weeks_done, 26);
        assert!((k.revenue_annual - 52_000.0).abs() < 1e-6);
        assert!((k.churn - 0.52).abs() < 1e-9, "26 lost of 100 in half a year is 52% a year: {}", k.churn);
        assert!((k.rep_turnover - 0.4).abs() < 1e-9, "2 quits of 10 in half a year: {}", k.rep_turnover);
    }

    #[test]
    fn only_applied_events_and_episodes_become_markers() {
        let mut s = Series::default();
        let mut entry = EventRecord::new(3, EventKind::CompetitorEntry);
        entry.competitor("Rival").cause(Cause::Timeline);
        let churn = EventRecord { kind: EventKind::Churn, cause: Cause::Dissatisfied, ..entry.clone() };
        s.absorb(&row(3, 0, 0), &[entry.clone(), churn], QuitSplit::default());
        entry.cause = Cause::Live;
        entry.kind = EventKind::PriceWar;
        let wave = EventRecord { kind: EventKind::Episode, cause: Cause::PoachingWave, ..entry.clone() };
        s.absorb(&row(4, 0, 0), &[entry, wave], QuitSplit::default());
        let labels: Vec<_> = s.markers.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["Rival enters", "price war", "⚠ poaching wave"]);
        assert_eq!(s.to_csv().lines().count(), 3);
    }

    #[test]
    fn threats_abandoned_changes_and_catalysts_become_one_marker_each() {
        let mut s = Series::default();
        let threat = |rep: u32| {
            let mut t = EventRecord::new(9, EventKind::Threat);
            t.rep(rep).cause(Cause::Realignment);
            t
        };
        let blocked = EventRecord { kind: EventKind::RealignmentBlocked, cause: Cause::Scheduled, ..threat(0) };
        let mut launch = EventRecord::new(9, EventKind::Catalyst);
        launch.cause(Cause::Timeline).detail("product launch");
        s.absorb(&row(9, 0, 0), &[threat(1), threat(2), threat(3), blocked, launch], QuitSplit::default());
        let labels: Vec<_> = s.markers.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["realignment abandoned", "catalyst: product launch", "3 reps threaten to leave"]);
    }
}
