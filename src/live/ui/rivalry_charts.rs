//! An industry's own charts, beside the shown firm's: pay across the industry (market pay, as the
//! shown firm's labour market has it, and each firm's mean pay in its colour), and the moves
//! between firms so far (reps who joined a rival firm, customers who followed them or switched,
//! prospects won in contests).

use crate::live::palette;
use crate::live::rivalry::MoveKind;
use crate::live::world::LiveRun;

/// Colour of each kind of move, in the order of [`MoveKind::ALL`].
const MOVE_COLOURS: [palette::Rgba; 4] =
    [palette::REP_POACHED, palette::LOYAL_TO_REP, palette::CHART_CONTRIBUTION, palette::CHART_REVENUE];

/// Short names of the moves for the chart's key.
fn key(kind: MoveKind) -> &'static str {
    match kind {
        MoveKind::Rep => "reps",
        MoveKind::FollowedItsRep => "customers following",
        MoveKind::Switched => "customers switching",
        MoveKind::WonInContest => "prospects won in contests",
    }
}

/// A chart's named lines of (week, value).
pub(crate) type Lines = Vec<(String, palette::Rgba, Vec<[f64; 2]>)>;

/// The industry charts of `run` (which has several firms): (title, lines).
pub(crate) fn charts(run: &LiveRun) -> Vec<(&'static str, Lines)> {
    let rows = &run.shown().series.rows;
    let rivalry = &run.rivalry;
    let mut pay = vec![(
        "market pay".to_string(),
        palette::CHART_MARKER,
        rows.iter().map(|r| [r.week as f64, r.market_pay / 1e3]).collect::<Vec<_>>(),
    )];
    for (i, (name, firm_pay)) in rivalry.names.iter().zip(&rivalry.firm_pay).enumerate() {
        let points = rivalry.weeks.iter().zip(firm_pay).map(|(&w, p)| [w as f64, p / 1e3]).collect();
        pay.push((name.clone(), palette::firm(i, 255), points));
    }
    let moves = MoveKind::ALL
        .iter()
        .map(|&k| {
            let points =
                rivalry.weeks.iter().zip(&rivalry.cumulative).map(|(&w, c)| [w as f64, c[k as usize] as f64]).collect();
            (key(k).to_string(), MOVE_COLOURS[k as usize], points)
        })
        .collect();
    vec![("Pay: market and each firm's mean ($k a year)", pay), ("Moves between firms (total)", moves)]
}
