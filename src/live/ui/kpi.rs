//! The KPI bar: week and year, revenue, customers, reps, turnover, churn and pay in large type.

use crate::live::clock::Playback;
use crate::live::series::Kpis;
use bevy_egui::egui::{self, RichText};

fn thousands(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn kpi(ui: &mut egui::Ui, label: &str, value: String) {
    let heading = egui::TextStyle::Heading.resolve(ui.style()).size;
    ui.vertical(|ui| {
        ui.label(RichText::new(label).small().weak());
        ui.label(RichText::new(value).size(1.2 * heading).strong());
    });
    ui.add_space(0.8 * heading);
}

/// Draw the bar.
pub fn show(ui: &mut egui::Ui, scenario: &str, k: &Kpis, weeks: u32, playback: &Playback) {
    ui.horizontal(|ui| {
        let state = if playback.playing { "▶" } else { "⏸" };
        kpi(ui, scenario, format!("{state} {:.0} wk/s", playback.weeks_per_second));
        let year = k.weeks_done.saturating_sub(1) / 52 + 1;
        kpi(ui, &format!("week (of {weeks}) · year"), format!("{} · {year}", k.weeks_done));
        kpi(ui, "revenue (a year)", format!("${:.1}M", k.revenue_annual / 1e6));
        kpi(ui, "customers", thousands(k.customers));
        kpi(ui, "reps", k.reps.to_string());
        kpi(ui, "rep turnover (a year)", format!("{:.0}%", k.rep_turnover * 100.0));
        kpi(ui, "customer churn (a year)", format!("{:.0}%", k.churn * 100.0));
        kpi(ui, "average rep pay", format!("${:.0}k", k.avg_pay / 1e3));
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_separated() {
        assert_eq!(super::thousands(1234567), "1,234,567");
        assert_eq!(super::thousands(999), "999");
    }
}
