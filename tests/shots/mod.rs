//! Screenshots of the live view checked by their pixels (shared by the desktop test under Xvfb
//! and the browser test under headless Chromium): the map's dots, the legend's swatches and the
//! charts' lines, each where the panel sizes of the mode put them.
#![allow(dead_code)]

use salesim::live::palette::{self, Rgba};
use salesim::live::ui::projector::Sizes;

/// A decoded screenshot (RGB).
pub struct Shot {
    pub rgb: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// A rectangle of the screenshot: x0, y0, x1, y1.
pub type Area = (u32, u32, u32, u32);

impl Shot {
    /// Decode a PNG (from a file or a browser's screenshot).
    pub fn from_png(bytes: &[u8]) -> Shot {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("a frame");
        let channels = info.color_type.samples();
        let rgb = buf[..info.buffer_size()].chunks(channels).flat_map(|p| [p[0], p[1], p[2]]).collect();
        Shot { rgb, width: info.width, height: info.height }
    }

    pub fn load(path: &std::path::Path) -> Shot {
        Shot::from_png(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
    }

    /// Pixels within `tol` of `colour` in the rectangle x0..x1, y0..y1.
    pub fn count(&self, colour: Rgba, (x0, y0, x1, y1): Area, tol: i32) -> usize {
        let mut n = 0;
        for y in y0..y1.min(self.height) {
            for x in x0..x1.min(self.width) {
                let i = ((y * self.width + x) * 3) as usize;
                if (0..3).all(|c| (self.rgb[i + c] as i32 - colour[c] as i32).abs() <= tol) {
                    n += 1;
                }
            }
        }
        n
    }

    pub fn distinct_colours(&self) -> usize {
        let mut seen: Vec<u32> =
            self.rgb.chunks(3).map(|p| (p[0] as u32) << 16 | (p[1] as u32) << 8 | p[2] as u32).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }

    /// The map area between the panels, the legend under it, and the chart panel.
    pub fn areas(&self, sizes: &Sizes) -> (Area, Area, Area) {
        let (w, h) = (self.width, self.height);
        let (left, right, top) = (sizes.left_panel as u32, w - sizes.right_panel as u32, sizes.top_bar as u32);
        let legend = h - sizes.legend as u32;
        ((left, top + 4, right, legend - 4), (left, legend, right, h), (right, top, w, h))
    }

    /// The checks every view passes: not blank, customers on the map, the legend's swatches, and
    /// the revenue and customer lines in the charts.
    pub fn assert_map_legend_and_charts(&self, sizes: &Sizes) {
        assert!(self.distinct_colours() > 200, "the screenshot is (nearly) blank");
        let (map, legend, charts) = self.areas(sizes);
        assert!(self.count(palette::LOYAL_TO_REP, map, 6) > 500, "no customer dots on the map");
        for (name, c) in [
            ("loyal to rep", palette::LOYAL_TO_REP),
            ("loyal to company", palette::LOYAL_TO_COMPANY),
            ("at risk", palette::AT_RISK),
            ("poached rep", palette::REP_POACHED),
            ("specialist", palette::SPECIALIST),
        ] {
            assert!(self.count(c, legend, 6) >= 40, "legend swatch `{name}` missing");
        }
        assert!(self.count(palette::CHART_REVENUE, charts, 40) >= 60, "no revenue line in the charts");
        assert!(self.count(palette::LOYAL_TO_COMPANY, charts, 40) >= 60, "no customer line in the charts");
    }
}
