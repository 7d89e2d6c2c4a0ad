//! The debrief of a game, for its facilitator (after any round and at the end): an HTML page
//! with, per firm, the KPI trajectories, where its customers and reps went and the causal trail
//! of its biggest losses (as `salesim explain` tells them), and a twin run of the market with one
//! decision undone on the same seeds, which shows what that decision cost or gained. The
//! market is replayed headless from the game's session (the same rows the game showed), so the
//! page needs nothing but the game's scenario and actions.

use super::play::Game;
use super::views::kpis;
use crate::explain::{customer_story, rep_story};
use crate::run::{Action, simulate_with_actions};
use crate::scenario::Scenario;
use crate::sim::observe::events::{EventKind, EventRecord};
use crate::sim::observe::metrics::TimeseriesRow;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One firm's rows and events of a headless replay.
#[derive(Clone, Debug, Default)]
pub struct Replayed {
    pub rows: Vec<TimeseriesRow>,
    pub events: Vec<EventRecord>,
}

/// Replay `s` with `actions` for `weeks` weeks headless: every firm's rows and events, in firm order.
pub fn replay(s: &Scenario, actions: &[Action], weeks: u32) -> Vec<Replayed> {
    let mut k = s.clone();
    k.weeks = weeks.min(s.weeks);
    k.timeline.retain(|t| t.week < k.weeks);
    let mut out = vec![Replayed::default(); s.firms.len()];
    let kept: Vec<Action> = actions.iter().filter(|a| a.week < k.weeks).cloned().collect();
    let _ = simulate_with_actions(k, &kept, |tick| {
        if let Some(f) = out.get_mut(tick.firm as usize) {
            f.rows.extend(tick.timeseries);
            f.events.extend(tick.events);
        }
        Ok::<_, ()>(())
    });
    out
}

/// The twin of the game so far: the same market with action `undo` (an index into the game's
/// actions) left out.
pub fn twin(game: &Game, undo: usize) -> Vec<Replayed> {
    let actions: Vec<Action> = game.actions().enumerate().filter(|(i, _)| *i != undo).map(|(_, a)| a.clone()).collect();
    replay(&game.scenario, &actions, game.week())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn money(v: f64) -> String {
    let a = v.abs();
    let sign = if v < 0.0 { "−" } else { "" };
    if a >= 1e6 { format!("{sign}${:.2}M", a / 1e6) } else { format!("{sign}${:.0}k", a / 1e3) }
}

/// A small line chart of one or two series (actual, and the twin dashed) as inline SVG.
fn chart(title: &str, a: &[f64], b: Option<&[f64]>) -> String {
    let (w, h, pad) = (320.0, 120.0, 24.0);
    let all = a.iter().chain(b.unwrap_or(&[]).iter()).copied();
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(v), h.max(v)));
    let (lo, hi) = if lo.is_finite() && hi > lo { (lo, hi) } else { (lo.min(0.0), lo.max(0.0) + 1.0) };
    let path = |s: &[f64]| {
        let n = s.len().max(2) - 1;
        s.iter()
            .enumerate()
            .map(|(i, v)| {
                let x = pad + (w - 2.0 * pad) * i as f64 / n as f64;
                let y = h - pad - (h - 2.0 * pad) * (v - lo) / (hi - lo);
                format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" })
            })
            .collect::<String>()
    };
    let mut svg = format!(
        r##"<svg viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img"><title>{t}</title><text x="{pad}" y="14" font-size="12">{t}</text><path d="{p}" fill="none" stroke="#2a6fdb" stroke-width="2"/>"##,
        t = esc(title),
        p = path(a)
    );
    if let Some(b) = b {
        let _ = write!(
            svg,
            r##"<path d="{}" fill="none" stroke="#d9822b" stroke-width="2" stroke-dasharray="5 3"/>"##,
            path(b)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Where a firm's customers and reps went, by cause, and the stories of its biggest losses.
fn losses(events: &[EventRecord]) -> String {
    let mut out = String::new();
    let mut causes: BTreeMap<String, u32> = BTreeMap::new();
    let mut by_rep: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for e in events {
        match e.kind {
            EventKind::Churn | EventKind::Follow | EventKind::LostOnDeparture => {
                let to = e.competitor.as_deref().map(|c| format!(" to {c}")).unwrap_or_default();
                *causes.entry(format!("customers lost: {} ({}){to}", e.kind, e.cause)).or_default() += 1;
                if let (EventKind::Follow, Some(r), Some(c)) = (e.kind, e.rep, e.customer) {
                    by_rep.entry(r).or_default().push(c);
                }
            }
            EventKind::Quit | EventKind::Poached | EventKind::ManagedOut => {
                let to = e.competitor.as_deref().map(|c| format!(" to {c}")).unwrap_or_default();
                *causes.entry(format!("reps lost: {}{to}", e.kind)).or_default() += 1;
            }
            _ => {}
        }
    }
    out.push_str("<table><tr><th>what</th><th>how many</th></tr>");
    for (what, n) in &causes {
        let _ = write!(out, "<tr><td>{}</td><td>{n}</td></tr>", esc(what));
    }
    out.push_str("</table>");
    let biggest = by_rep.iter().max_by_key(|(r, c)| (c.len(), std::cmp::Reverse(**r)));
    if let Some((rep, customers)) = biggest {
        let story = rep_story(events, *rep);
        let _ = write!(
            out,
            "<h4>Why did rep {rep} leave, taking {} customers?</h4><pre>{}</pre>",
            customers.len(),
            esc(&story.to_text())
        );
        if let Some(c) = customers.first() {
            let _ = write!(
                out,
                "<h4>Why did customer {c} leave?</h4><pre>{}</pre>",
                esc(&customer_story(events, *c).to_text())
            );
        }
    }
    out
}

/// The debrief page of `game` (id `id`, linked with the facilitator's `token`), its twin run
/// undoing action `undo` (default: the first decision a team took).
pub fn report(game: &mut Game, id: &str, token: &str, undo: Option<usize>) -> String {
    let names = game.scenario.firm_names();
    let actions: Vec<Action> = game.actions().cloned().collect();
    let undo = undo.or_else(|| actions.iter().position(|a| a.firm.is_some()));
    let actual = replay(&game.scenario, &actions, game.week());
    let twin = undo.filter(|&u| u < actions.len()).map(|u| (u, twin(game, u)));
    let mut html = String::new();
    let _ = write!(
        html,
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>salesim debrief {id}</title>
<style>body{{font:16px/1.4 sans-serif;margin:2em;max-width:1100px}} table{{border-collapse:collapse}} td,th{{border:1px solid #ccc;padding:3px 8px;text-align:right}} td:first-child{{text-align:left}} pre{{white-space:pre-wrap;background:#f6f6f6;padding:8px}} .charts{{display:flex;flex-wrap:wrap;gap:8px}}</style></head><body>
<h1>Debrief: game {id}</h1><p>Scenario <b>{}</b>, {} of {} rounds run ({} weeks). Download the <a href="/files/{id}/session.ron?token={token}">session file</a> and the <a href="/files/{id}/scenario.ron?token={token}">played scenario</a>: <code>salesim run scenario.ron --actions session.ron</code> replays the game headless with identical results.</p>"#,
        esc(&game.config.scenario),
        game.rounds_run(),
        game.config.rounds,
        game.week()
    );
    html.push_str("<h2>Leaderboard</h2><table><tr><th>firm</th><th>score (contribution)</th><th>revenue, last year</th><th>customers</th><th>reps</th><th>rep turnover</th><th>churn</th><th>avg pay</th></tr>");
    for (name, r) in names.iter().zip(&actual) {
        let k = kpis(&r.rows);
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.1}%</td><td>{:.1}%</td><td>{}</td></tr>",
            esc(name),
            money(k.score),
            money(k.revenue_year),
            k.customers,
            k.reps,
            k.rep_turnover * 100.0,
            k.churn * 100.0,
            money(k.avg_pay)
        );
    }
    html.push_str("</table>");
    if let Some((u, t)) = &twin {
        let a = &actions[*u];
        let who = a.firm.map_or("every firm".to_string(), |f| names[f as usize].clone());
        let _ = write!(
            html,
            "<h2>What one decision did</h2><p>The twin run is the same market on the same seeds without action {u}: <b>{}</b> by {} in week {}. Charts show the actual run (solid) and the twin (dashed). Pick another action with <code>?undo=N</code>.</p><table><tr><th>firm</th><th>score, actual</th><th>score, twin</th><th>the decision's effect</th></tr>",
            esc(&format!("{:?}", a.event)),
            esc(&who),
            a.week
        );
        for ((name, r), tw) in names.iter().zip(&actual).zip(t) {
            let (ka, kt) = (kpis(&r.rows), kpis(&tw.rows));
            let _ = write!(
                html,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(name),
                money(ka.score),
                money(kt.score),
                money(ka.score - kt.score)
            );
        }
        html.push_str("</table><h3>Every action of the game</h3><ol start=\"0\">");
        for (i, a) in actions.iter().enumerate() {
            let who = a.firm.map_or("every firm".to_string(), |f| names[f as usize].clone());
            let _ = write!(
                html,
                "<li><a href=\"/debrief/{id}?token={token}&undo={i}\">week {}: {} — {}</a></li>",
                a.week,
                esc(&who),
                esc(&format!("{:?}", a.event))
            );
        }
        html.push_str("</ol>");
    }
    for (f, (name, r)) in names.iter().zip(&actual).enumerate() {
        let tw = twin.as_ref().map(|(_, t)| &t[f]);
        let series = |rows: &[TimeseriesRow], g: fn(&TimeseriesRow) -> f64| rows.iter().map(g).collect::<Vec<f64>>();
        let _ = write!(html, "<h2>{}</h2><div class=\"charts\">", esc(name));
        let metrics: [(&str, fn(&TimeseriesRow) -> f64); 4] = [
            ("revenue a week", |r| r.revenue),
            ("active customers", |r| r.customers_active as f64),
            ("reps", |r| r.reps_active as f64),
            ("average rep pay, $/year", |r| r.avg_rep_pay_annualized),
        ];
        for (title, g) in metrics {
            let b = tw.map(|t| series(&t.rows, g));
            html.push_str(&chart(title, &series(&r.rows, g), b.as_deref()));
        }
        html.push_str("</div><h3>Where its customers and reps went</h3>");
        html.push_str(&losses(&r.events));
    }
    html.push_str("</body></html>\n");
    html
}
