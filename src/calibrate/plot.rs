//! The calibration's plot (`calibration.svg`, with plotters' SVG backend): one panel per parameter
//! with its weighted posterior histogram over the prior's range (in the working space, labelled in
//! the parameter's units), the prior's flat density and the 90% interval; and one panel with every
//! observed measure's predictive 90% band and its observed value, each scaled so its band runs
//! from −½ to ½ (fitted measures in blue, held-out in orange, an observed value outside its band in red).

use super::abc::Particle;
use super::posterior::{Check, Marginal, Role};
use plotters::prelude::*;
use std::path::Path;

/// Bins of a marginal's histogram.
const BINS: usize = 20;
/// Panels per row.
const COLUMNS: usize = 3;

fn fail(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// Write the plot to `path`.
pub fn write(path: &Path, marginals: &[Marginal], particles: &[Particle], checks: &[Check]) -> std::io::Result<()> {
    let panels = marginals.len() + 1;
    let rows = panels.div_ceil(COLUMNS);
    let root = SVGBackend::new(path, (360 * COLUMNS as u32, 280 * rows as u32)).into_drawing_area();
    root.fill(&WHITE).map_err(fail)?;
    let areas = root.split_evenly((rows, COLUMNS));
    for (k, m) in marginals.iter().enumerate() {
        marginal(&areas[k], k, m, particles).map_err(fail)?;
    }
    bands(&areas[marginals.len()], checks).map_err(fail)?;
    root.present().map_err(fail)
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type Drawn = Result<(), Box<dyn std::error::Error>>;

/// One parameter's panel.
fn marginal(area: &Area, k: usize, m: &Marginal, particles: &[Particle]) -> Drawn {
    let prior = m.parameter.prior;
    let (lo, hi) = prior.working_bounds();
    let width = (hi - lo) / BINS as f64;
    let mut mass = [0.0; BINS];
    for p in particles {
        let bin = (((p.working[k] - lo) / width) as usize).min(BINS - 1);
        mass[bin] += p.weight;
    }
    let density: Vec<f64> = mass.iter().map(|w| w / width).collect();
    let flat = 1.0 / (hi - lo);
    let top = density.iter().cloned().fold(flat, f64::max) * 1.1;
    let caption = format!("{} ({})", m.parameter.path, m.verdict.name());
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 14))
        .margin(10)
        .x_label_area_size(28)
        .y_label_area_size(44)
        .build_cartesian_2d(lo..hi, 0.0..top)?;
    let label = |u: &f64| format!("{:.3}", prior.to_value(*u));
    chart.configure_mesh().disable_mesh().x_labels(4).y_labels(3).x_label_formatter(&label).y_desc("density").draw()?;
    let (q05, q95) = (prior.to_working(m.q05), prior.to_working(m.q95));
    chart.draw_series(std::iter::once(Rectangle::new([(q05, 0.0), (q95, top)], BLUE.mix(0.08).filled())))?;
    chart.draw_series(density.iter().enumerate().map(|(i, d)| {
        let a = lo + i as f64 * width;
        Rectangle::new([(a, 0.0), (a + width, *d)], BLUE.mix(0.55).filled())
    }))?;
    chart.draw_series(LineSeries::new([(lo, flat), (hi, flat)], BLACK.stroke_width(2)))?;
    let median = prior.to_working(m.median);
    chart.draw_series(LineSeries::new([(median, 0.0), (median, top)], RED.stroke_width(1)))?;
    Ok(())
}

/// The predictive bands' panel.
fn bands(area: &Area, checks: &[Check]) -> Drawn {
    let n = checks.len().max(1) as f64;
    let scaled = |c: &Check| {
        let spread = c.p95 - c.p05;
        let centre = (c.p95 + c.p05) / 2.0;
        if spread > 0.0 { ((c.observed - centre) / spread).clamp(-1.5, 1.5) } else { 0.0 }
    };
    let mut chart = ChartBuilder::on(area)
        .caption("observed vs predictive 90% bands", ("sans-serif", 14))
        .margin(10)
        .x_label_area_size(28)
        .y_label_area_size(150)
        .build_cartesian_2d(-1.5..1.5, -0.5..n - 0.5)?;
    let names: Vec<String> = checks.iter().map(|c| c.label()).collect();
    let label = |y: &f64| names.get(y.round().max(0.0) as usize).cloned().unwrap_or_default();
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(5)
        .y_labels(checks.len().max(1))
        .y_label_formatter(&label)
        .x_desc("(value − band centre) ÷ band width")
        .draw()?;
    for (i, c) in checks.iter().enumerate() {
        let y = i as f64;
        let colour = if c.role == Role::HeldOut { RGBColor(230, 140, 20) } else { BLUE };
        chart.draw_series(std::iter::once(Rectangle::new(
            [(-0.5, y - 0.25), (0.5, y + 0.25)],
            colour.mix(0.35).filled(),
        )))?;
        let dot = if c.inside { BLACK } else { RED };
        chart.draw_series(std::iter::once(Circle::new((scaled(c), y), 5, dot.filled())))?;
    }
    Ok(())
}
