//! The legend: every colour and shape on the map in plain words.

use crate::live::palette::{self, Rgba};
use bevy_egui::egui::{self, Color32, Pos2, Sense, Shape, Stroke, vec2};

/// How a legend swatch is drawn.
#[derive(Clone, Copy)]
pub(crate) enum Swatch {
    Square(Rgba),
    Circle(Rgba),
    /// A circle shading from the first colour to the second.
    Gradient(Rgba, Rgba),
    Diamond(Rgba),
    Area(Rgba),
    Ring(Rgba),
}

const ITEMS: [(Swatch, &str); 12] = [
    (Swatch::Square(palette::LOYAL_TO_REP), "Customer loyal to its rep"),
    (Swatch::Square(palette::LOYAL_TO_COMPANY), "Customer loyal to the company"),
    (Swatch::Square(palette::AT_RISK), "Customer at risk: weak loyalty"),
    (Swatch::Square(palette::LOST), "Lost customer (for two years)"),
    (Swatch::Gradient(palette::REP_NEW, palette::REP_TENURED), "Rep: size = book, dark = tenure"),
    (Swatch::Circle(palette::REP_LEAVING), "Rep serving notice"),
    (Swatch::Circle(palette::REP_POACHED), "Rep poached by a competitor"),
    (Swatch::Diamond(palette::SPECIALIST), "Specialist, linked to accounts"),
    (Swatch::Ring(palette::VACANT_SEAT), "Vacant seat: accounts held"),
    (Swatch::Area(palette::HOUSE_AREA), "House: company-owned accounts"),
    (Swatch::Area(palette::COMPETITOR_AREA), "Competitor: what it has taken"),
    (Swatch::Area(palette::MARKET_AREA), "Where new customers arrive"),
];

pub(crate) fn c32(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3])
}

pub(crate) fn swatch(ui: &mut egui::Ui, s: Swatch) {
    let (rect, _) = ui.allocate_exact_size(vec2(22.0, 22.0), Sense::hover());
    let p = ui.painter();
    let c = rect.center();
    match s {
        Swatch::Square(col) => {
            p.rect_filled(rect.shrink(4.0), 0.0, c32(col));
        }
        Swatch::Circle(col) => {
            p.circle_filled(c, 9.0, c32(col));
        }
        Swatch::Gradient(a, b) => {
            p.circle_filled(c - vec2(4.0, 0.0), 7.0, c32(a));
            p.circle_filled(c + vec2(4.0, 0.0), 7.0, c32(b));
        }
        Swatch::Diamond(col) => {
            let pts = vec![
                Pos2::new(c.x, c.y - 9.0),
                Pos2::new(c.x + 9.0, c.y),
                Pos2::new(c.x, c.y + 9.0),
                Pos2::new(c.x - 9.0, c.y),
            ];
            p.add(Shape::convex_polygon(pts, c32(col), Stroke::NONE));
        }
        Swatch::Ring(col) => {
            p.circle_stroke(c, 6.0, Stroke::new(1.5, c32([col[0], col[1], col[2], 255])));
        }
        Swatch::Area(col) => {
            let solid = [col[0], col[1], col[2], 255];
            p.circle_filled(c, 10.0, c32([col[0], col[1], col[2], 90]));
            p.circle_stroke(c, 10.0, Stroke::new(1.5, c32(solid)));
        }
    }
}

/// Draw the legend in `columns` columns, each label in the small type and cut to its column.
pub fn show(ui: &mut egui::Ui, columns: usize) {
    ui.columns(columns, |cols| {
        for (i, (s, text)) in ITEMS.iter().enumerate() {
            let ui = &mut cols[i * columns / ITEMS.len()];
            ui.horizontal(|ui| {
                swatch(ui, *s);
                ui.add(egui::Label::new(egui::RichText::new(*text).small()).truncate());
            });
        }
    });
}
