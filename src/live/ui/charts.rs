//! The live charts (egui_plot), each over the whole run so far with every applied event as a
//! labelled vertical marker (timeline events, catalysts, threats and abandoned changes, episodes):
//! revenue and cost of sales; customers; reps; average pay and market pay against revenue and
//! contribution per rep as indices on one scale; loyalty to rep against loyalty to the company.

use super::labels;
use super::projector::Sizes;
use crate::live::palette::{self, Rgba};
use crate::live::series::Series;
use crate::live::world::LiveRun;
use bevy_egui::egui::{self, Align2, Color32, RichText};
use egui_plot::{GridInput, GridMark, Line, LineStyle, Plot, PlotPoint, PlotPoints, Text, VLine};

fn c32(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

const ORANGE: Rgba = palette::LOYAL_TO_REP;
const BLUE: Rgba = palette::LOYAL_TO_COMPANY;
const RED: Rgba = palette::AT_RISK;
const GREEN: Rgba = palette::CHART_REVENUE;
const MAGENTA: Rgba = palette::REP_POACHED;
const YELLOW: Rgba = palette::REP_LEAVING;

/// One chart: a title and named lines of (week, value).
struct Chart {
    title: &'static str,
    lines: super::rivalry_charts::Lines,
}

impl Chart {
    /// A chart of lines named by static words.
    fn of(title: &'static str, lines: Vec<(&'static str, Rgba, Vec<[f64; 2]>)>) -> Chart {
        Chart { title, lines: lines.into_iter().map(|(n, c, p)| (n.to_string(), c, p)).collect() }
    }
}

/// Trailing 52-week revenue per week, annualised while fewer weeks have run.
fn trailing_revenue(s: &Series) -> Vec<f64> {
    let mut out = Vec::with_capacity(s.rows.len());
    let mut sum = 0.0;
    for (i, r) in s.rows.iter().enumerate() {
        sum += r.revenue;
        if i >= 52 {
            sum -= s.rows[i - 52].revenue;
        }
        out.push(sum * 52.0 / (i + 1).min(52) as f64);
    }
    out
}

/// The first full year's last week, the base of the index chart (the latest week before then).
const INDEX_BASE_WEEK: usize = 51;

/// A trailing-year figure per week as an index: 100 × value / value at the base week, so that pay
/// and what a rep brings in share one scale and their divergence shows.
fn index(s: &Series, f: fn(&crate::sim::observe::metrics::TimeseriesRow) -> f64) -> Vec<[f64; 2]> {
    let Some(base) = s.rows.get(INDEX_BASE_WEEK.min(s.rows.len().saturating_sub(1))).map(f) else { return Vec::new() };
    if base.abs() < 1e-9 {
        return Vec::new();
    }
    s.rows.iter().map(|r| [r.week as f64, 100.0 * f(r) / base]).collect()
}

fn charts(run: &LiveRun) -> Vec<Chart> {
    let s = &run.shown().series;
    let trailing = trailing_revenue(s);
    let line = |f: &dyn Fn(usize) -> f64| -> Vec<[f64; 2]> {
        s.rows.iter().enumerate().map(|(i, r)| [r.week as f64, f(i)]).collect()
    };
    let r = &s.rows;
    let c = &s.cumulative;
    let mut all = vec![
        Chart::of(
            "Revenue and cost of sales ($M, trailing year)",
            vec![
                ("revenue", GREEN, line(&|i| trailing[i] / 1e6)),
                ("cost of sales", palette::CHART_COST, line(&|i| trailing[i] * r[i].cost_of_sales_ratio / 1e6)),
            ],
        ),
        Chart::of(
            "Customers",
            vec![
                ("active", BLUE, line(&|i| r[i].customers_active as f64)),
                ("churned (total)", RED, line(&|i| c[i].churned as f64)),
                ("followed a rep (total)", ORANGE, line(&|i| c[i].followed as f64)),
            ],
        ),
        Chart::of(
            REPS_TITLE,
            vec![
                ("headcount", GREEN, line(&|i| r[i].reps_active as f64)),
                ("quit in 1st year (total)", YELLOW, line(&|i| c[i].first_year_quits as f64)),
                ("quit later (total)", ORANGE, line(&|i| c[i].later_quits as f64)),
                ("poached (total)", MAGENTA, line(&|i| c[i].poached as f64)),
                ("let go (total)", RED, line(&|i| c[i].managed_out as f64)),
            ],
        ),
        Chart::of(
            "Average and market pay against what a rep brings in (index, first year = 100)",
            vec![
                ("average pay", palette::CHART_COST, index(s, |r| r.avg_rep_pay_annualized)),
                ("market pay", BLUE, index(s, |r| r.market_pay)),
                ("contribution per rep", palette::CHART_CONTRIBUTION, index(s, |r| r.avg_rep_contribution_annualized)),
                ("revenue per rep", GREEN, index(s, |r| r.avg_rep_revenue_annualized)),
            ],
        ),
        Chart::of(
            "Mean loyalty of active customers",
            vec![
                ("to rep", ORANGE, line(&|i| r[i].loyalty_to_rep_mean)),
                ("to company", BLUE, line(&|i| r[i].loyalty_to_company_mean)),
            ],
        ),
    ];
    if run.is_industry() {
        // After revenue, so that they stay when fewer charts fit.
        all.splice(1..1, super::rivalry_charts::charts(run).into_iter().map(|(title, lines)| Chart { title, lines }));
    }
    all
}

/// Y grid lines (and so labelled ticks) about a quarter of the range apart, at 1, 2 or 5 × 10^k,
/// so that every chart shows a y scale however tall or short it is drawn.
fn y_scale(input: GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    let rough = ((hi - lo) / Y_TICKS).max(f64::MIN_POSITIVE);
    let power = 10f64.powi(rough.log10().floor() as i32);
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= rough).unwrap_or(10.0 * power);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|k| GridMark { value: k as f64 * step, step_size: step }).collect()
}

/// A y tick's label with as many decimals as its step needs (0.5 steps show "0.5", not "0").
fn y_label(mark: GridMark, _range: &std::ops::RangeInclusive<f64>) -> String {
    let decimals = (-mark.step_size.log10().floor()).max(0.0) as usize;
    format!("{:.*}", decimals, mark.value)
}

/// About how many labelled ticks a chart's y axis has.
const Y_TICKS: f64 = 4.0;

fn highest(chart: &Chart) -> f64 {
    chart.lines.iter().flat_map(|l| l.2.iter().map(|p| p[1])).fold(0.0f64, f64::max)
}

/// The charts a mode shows: all of them, or (projector) the first `sizes.charts` of the story
/// charts (reps' headcount and quits go first: the KPI bar still counts them).
fn shown(run: &LiveRun, sizes: &Sizes) -> Vec<Chart> {
    let mut all = charts(run);
    while all.len() > sizes.charts {
        let drop = all.iter().position(|c| c.title == REPS_TITLE).unwrap_or(all.len() - 1);
        all.remove(drop);
    }
    all
}

const REPS_TITLE: &str = "Reps";

/// Room above the highest line for the event labels, as a multiple of it.
const Y_HEADROOM: f64 = 1.15;

/// Draw the charts stacked to fill the panel; in twin mode B's lines are overlaid, dashed.
pub fn show(ui: &mut egui::Ui, run: &LiveRun, twin: Option<&LiveRun>, weeks: u32, sizes: &Sizes) {
    let all = shown(run, sizes);
    let series = &run.shown().series;
    let twin_series = twin.map(|b| &b.shown().series);
    let mut twins: Vec<Option<Chart>> = match twin {
        Some(b) => shown(b, sizes).into_iter().map(Some).collect(),
        None => all.iter().map(|_| None).collect(),
    };
    if twin.is_some() {
        ui.label(RichText::new("A solid · B dashed").weak());
    }
    let mut markers: Vec<(u32, String)> = series.markers.iter().map(|m| (m.week, m.label.clone())).collect();
    for m in twin_series.iter().flat_map(|b| &b.markers) {
        if !series.markers.contains(m) {
            markers.push((m.week, format!("B: {}", m.label)));
        }
    }
    markers.sort_by_key(|m| m.0);
    let x_max = weeks.min(series.rows.len() as u32 + 26) as f64;
    // Labels are measured in the font the plot draws them in (egui's small style).
    let font = egui::TextStyle::Small.resolve(ui.style());
    let ctx = ui.ctx().clone();
    let text_px = |t: &str| ctx.fonts_mut(|f| f.layout_no_wrap(t.to_string(), font.clone(), Color32::WHITE).size().x);
    let row_px = font.size as f64 * 1.3;
    let title_px = 2.0 * (sizes.body + 14.0);
    let height = ((ui.available_height() - all.len() as f32 * title_px) / all.len() as f32).max(60.0);
    for (k, chart) in all.into_iter().enumerate() {
        // A twin with other charts (one company against an industry) overlays none.
        let b = twins.get_mut(k).and_then(Option::take).filter(|b| b.title == chart.title);
        ui.label(RichText::new(chart.title).strong());
        ui.horizontal_wrapped(|ui| {
            for (name, colour, _) in &chart.lines {
                ui.label(RichText::new(format!("■ {name}")).color(c32(*colour)));
            }
        });
        let top = highest(&chart).max(b.as_ref().map_or(0.0, highest));
        // No plot background (the window is dark already) and a coarser grid: fewer pixels and
        // triangles for a software renderer.
        Plot::new(("chart", k))
            .show_background(false)
            .grid_spacing(egui::Rangef::new(16.0, 300.0))
            .y_grid_spacer(y_scale)
            .y_axis_formatter(y_label)
            .height(height)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .include_x(0.0)
            .include_x(x_max)
            .include_y(0.0)
            .include_y(top * Y_HEADROOM)
            .show(ui, |plot| {
                for (name, colour, points) in chart.lines {
                    plot.line(Line::new(name, PlotPoints::from(points)).color(c32(colour)).width(sizes.line));
                }
                for (name, colour, points) in b.map(|b| b.lines).unwrap_or_default() {
                    let line = Line::new(format!("{name} (B)"), PlotPoints::from(points));
                    plot.line(line.color(c32(colour)).width(0.8 * sizes.line).style(LineStyle::dashed_dense()));
                }
                // Labels are placed at the plot's own scale (weeks and values per pixel); their rows
                // hang from the top of the y range, one font height apart (inside the range, so the
                // labels never widen the plot's bounds).
                let [dx_per_px, dy_per_px] = plot.transform().dvalue_dpos().map(f64::abs);
                let width = |t: &str| text_px(t) as f64 * dx_per_px;
                let placed = labels::place(&markers, x_max, &width, labels::GAP_EM * font.size as f64 * dx_per_px);
                let plot_top = top * Y_HEADROOM;
                for m in &placed {
                    // Dashed, so an event is never mistaken for a grid line.
                    let line = VLine::new("", m.week as f64).color(c32(palette::CHART_MARKER)).width(0.75 * sizes.line);
                    plot.vline(line.style(LineStyle::dashed_dense()));
                    let Some(text) = &m.text else { continue };
                    let at = PlotPoint::new(m.week as f64, plot_top - (2.0 + row_px * m.row as f64) * dy_per_px);
                    let anchor = if m.left { Align2::RIGHT_TOP } else { Align2::LEFT_TOP };
                    plot.text(Text::new("", at, text.clone()).color(c32(palette::CHART_MARKER)).anchor(anchor));
                }
                // The full text of the marker nearest the pointer (within two characters' width).
                let near = plot.pointer_coordinate().and_then(|p| {
                    placed
                        .iter()
                        .filter(|m| (m.week as f64 - p.x).abs() <= 2.0 * font.size as f64 * dx_per_px)
                        .min_by(|a, b| (a.week as f64 - p.x).abs().total_cmp(&(b.week as f64 - p.x).abs()))
                        .map(|m| (m, p))
                });
                if let Some((m, p)) = near {
                    let text = format!("week {}: {}", m.week, m.full);
                    let anchor = if p.x > x_max / 2.0 { Align2::RIGHT_BOTTOM } else { Align2::LEFT_BOTTOM };
                    plot.text(Text::new("", p, text).color(c32(palette::CHART_HOVER)).anchor(anchor));
                }
            });
    }
}
