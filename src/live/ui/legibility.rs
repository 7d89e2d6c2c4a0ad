//! What the frame actually painted, read back from egui's shapes after the panels are laid out:
//! the smallest text drawn (in physical pixels), the charts' event labels with their boxes, and
//! the full text shown for the marker under the pointer, so a test (and `--frames`) can check that
//! every label is large enough, no two labels overlap and hovering shows the whole text. It runs
//! only where something reads it (`--frames` and the browser's status).

use crate::live::palette;
use bevy::prelude::*;
use bevy_egui::EguiContexts;
use bevy_egui::egui::{self, Shape};

/// The legibility of the last frame.
#[derive(Resource, Default, Clone, Debug, PartialEq)]
pub struct Legibility {
    /// Height of the smallest font painted, in physical pixels, and a text drawn in it.
    pub smallest_text_px: f32,
    pub smallest_text: String,
    /// Event labels on the charts.
    pub event_labels: Vec<PaintedLabel>,
    /// The full text painted for the event marker under the pointer, if any.
    pub chart_hover: Option<String>,
}

/// An event label as painted.
#[derive(Clone, Debug, PartialEq)]
pub struct PaintedLabel {
    /// Physical-pixel box: min x, min y, max x, max y.
    pub rect: [f32; 4],
    pub text: String,
}

impl Legibility {
    /// Pairs of event labels whose boxes overlap.
    pub fn overlapping_labels(&self) -> usize {
        let boxes: Vec<[f32; 4]> = self.event_labels.iter().map(|l| l.rect).collect();
        let overlap = |a: &[f32; 4], b: &[f32; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
        (0..boxes.len()).map(|i| boxes[i + 1..].iter().filter(|b| overlap(&boxes[i], b)).count()).sum()
    }

    /// One line for `--frames` and the page's status.
    pub fn line(&self) -> String {
        format!(
            "smallest text {:.1} px (\"{}\"); {} event labels, {} overlapping",
            self.smallest_text_px,
            self.smallest_text,
            self.event_labels.len(),
            self.overlapping_labels()
        )
    }
}

fn colour(c: palette::Rgba) -> egui::Color32 {
    egui::Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

fn visit(shape: &Shape, ppp: f32, out: &mut Legibility) {
    match shape {
        Shape::Vec(shapes) => shapes.iter().for_each(|s| visit(s, ppp, out)),
        Shape::Text(t) if !t.galley.job.text.trim().is_empty() => {
            let painted_in = |c: palette::Rgba| {
                t.fallback_color == colour(c) || t.galley.job.sections.iter().any(|s| s.format.color == colour(c))
            };
            for section in &t.galley.job.sections {
                let px = section.format.font_id.size * ppp;
                if px < out.smallest_text_px {
                    out.smallest_text_px = px;
                    out.smallest_text = t.galley.job.text[section.byte_range.start.0..section.byte_range.end.0]
                        .chars()
                        .take(40)
                        .collect();
                }
            }
            if painted_in(palette::CHART_MARKER) {
                let r = egui::Rect::from_min_size(t.pos, t.galley.size()) * ppp;
                out.event_labels
                    .push(PaintedLabel { rect: [r.min.x, r.min.y, r.max.x, r.max.y], text: t.galley.job.text.clone() });
            } else if painted_in(palette::CHART_HOVER) {
                out.chart_hover = Some(t.galley.job.text.clone());
            }
        }
        _ => {}
    }
}

/// Read back this frame's text shapes (runs after every panel has been drawn).
pub fn measure_legibility(
    mut contexts: EguiContexts,
    map: Res<crate::live::map::MapState>,
    mut legibility: ResMut<Legibility>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let ppp = ctx.pixels_per_point();
    let layers: Vec<egui::LayerId> = ctx.memory(|m| m.layer_ids().collect());
    // The map's own labels (drawn by the renderer, not egui) count too.
    let mut out =
        Legibility { smallest_text_px: map.label_px * ppp, smallest_text: "(map labels)".into(), ..Default::default() };
    ctx.graphics(|g| {
        for layer in &layers {
            for clipped in g.get(*layer).into_iter().flat_map(|list| list.all_entries()) {
                visit(&clipped.shape, ppp, &mut out);
            }
        }
    });
    *legibility = out;
    Ok(())
}
