//! The scorecard in plain words: the force's card as a table, year by year, and the final year's
//! most successful, most productive and least productive reps, each in a sentence.

use super::{ForceCard, RepCard, force_cards};
use std::fmt::Write;

/// A majority: a rep whose customers give it more than this share of their loyalty are "its"
/// customers rather than the company's (a reading of the figure, not behaviour).
const MAJORITY: f64 = 0.5;

/// Reps with at least this tenure at the year end worked the whole year for us (weeks).
const FULL_YEAR: f64 = crate::sim::components::FIRST_YEAR_WEEKS;

fn money(v: f64) -> String {
    let a = v.abs();
    let sign = if v < 0.0 { "−" } else { "" };
    if a >= 1e6 {
        format!("{sign}${:.1}M", a / 1e6)
    } else if a >= 1e3 {
        format!("{sign}${:.0}k", a / 1e3)
    } else {
        format!("{sign}${a:.0}")
    }
}

fn pct(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

fn table(w: &mut String, cards: &[ForceCard]) {
    let _ = writeln!(
        w,
        "{:>4} {:>5} {:>5} {:>9} {:>12} {:>8} {:>10} {:>9} {:>8} {:>9} {:>8} {:>7} {:>8} {:>8} {:>8}",
        "year",
        "reps",
        "left",
        "revenue",
        "contribution",
        "win rate",
        "new (ICP)",
        "retained",
        "rev/h",
        "contrib/h",
        "hours/wk",
        "fatigue",
        "cost/rev",
        "portable",
        "to rep"
    );
    for c in cards {
        let _ = writeln!(
            w,
            "{:>4} {:>5} {:>5} {:>9} {:>12} {:>8} {:>10} {:>9} {:>8} {:>9} {:>8.1} {:>7.2} {:>8} {:>8} {:>8}",
            c.year,
            c.reps,
            c.leavers,
            money(c.revenue),
            money(c.contribution),
            pct(c.win_rate),
            format!("{:.0} ({})", c.new_accounts, pct(c.new_icp_share)),
            pct(c.book_retention),
            money(c.revenue_per_hour),
            money(c.contribution_per_hour),
            c.hours_per_week,
            c.fatigue,
            pct(c.cost_of_sales),
            pct(c.portable_share),
            pct(c.loyalty_to_rep_share),
        );
    }
}

/// One rep's year in a sentence.
pub fn sentence(r: &RepCard) -> String {
    let whose = if r.loyalty_to_rep_share > MAJORITY {
        format!(
            "its customers are its own rather than the company's ({} of their loyalty is to it)",
            pct(r.loyalty_to_rep_share)
        )
    } else {
        format!(
            "its customers are the company's more than its own ({} of their loyalty is to it)",
            pct(r.loyalty_to_rep_share)
        )
    };
    format!(
        "rep {}: {} revenue at {} of quota, {} of contribution an hour over {:.0}-hour weeks (fatigue {:.2}); won {:.0} of {:.0} deals and {:.0} new accounts; \
         {} of its book ({}) would follow it to a rival; {whose}.",
        r.rep_id,
        money(r.revenue),
        pct(r.attainment),
        money(r.contribution_per_hour()),
        r.hours_per_week,
        r.fatigue,
        r.deals_won,
        r.deals_won + r.deals_lost,
        r.new_accounts,
        pct(r.portable_share()),
        money(r.portable_book),
    )
}

/// The whole scorecard; `top` reps in each list.
pub fn render(source: &str, reps: &[RepCard], top: usize) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "salesim scorecard · {source}\n");
    let cards = force_cards(reps);
    let _ = writeln!(w, "The sales force, year by year (results over activity; seed 002):\n");
    table(w, &cards);
    let Some(last) = cards.last().map(|c| c.year) else {
        let _ = writeln!(w, "\n(no rep rows)");
        return out;
    };
    let mut stayers: Vec<&RepCard> =
        reps.iter().filter(|r| r.year == last && r.employed && r.hours > 0.0 && r.tenure_weeks >= FULL_YEAR).collect();
    let _ =
        writeln!(w, "\nYear {last}, reps with at least a year's tenure: successful is not the same as productive.\n");
    let mut list = |title: &str, stayers: &[&RepCard]| {
        let _ = writeln!(w, "{title}");
        for r in stayers.iter().take(top) {
            let _ = writeln!(w, "  - {}", sentence(r));
        }
        let _ = writeln!(w);
    };
    stayers.sort_by(|a, b| b.revenue.total_cmp(&a.revenue).then(a.rep_id.cmp(&b.rep_id)));
    list("Most successful (the most revenue):", &stayers);
    stayers
        .sort_by(|a, b| b.contribution_per_hour().total_cmp(&a.contribution_per_hour()).then(a.rep_id.cmp(&b.rep_id)));
    list("Most productive (the most contribution per hour worked):", &stayers);
    stayers.reverse();
    list("Least productive:", &stayers);
    out
}
