//! Event labels on the charts, placed so that no two overlap. The labels of one week are joined.
//! Each label goes in the first of a few rows where its width (measured in the font it is drawn
//! in) fits after the label before it. Near the right edge it is drawn to the left of its line. A label that fits no row is cut to
//! its first word, and failing that left without text. Every marker's full text still shows on
//! hover (`charts.rs`).

/// Rows of labels above a chart's lines.
pub const ROWS: u32 = 3;

/// Gap kept between two labels in a row, as a share of the row's height (the font size).
pub const GAP_EM: f64 = 0.5;

/// A marker with its label placed.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub week: u32,
    /// The marker's whole text (the labels of its week joined), shown on hover.
    pub full: String,
    /// The text drawn, if any, its row, and whether it is drawn to the left of its line.
    pub text: Option<String>,
    pub row: u32,
    pub left: bool,
}

impl Placed {
    /// The label's extent in weeks, given each text's width in weeks.
    pub fn extent(&self, width: &dyn Fn(&str) -> f64) -> Option<(f64, f64)> {
        let w = width(self.text.as_ref()?);
        let x = self.week as f64;
        Some(if self.left { (x - w, x) } else { (x, x + w) })
    }
}

/// Place the labels of `markers` (in week order) on a chart reaching `x_max` weeks, where a text
/// is `width(text)` weeks wide and labels keep `gap` weeks apart.
pub fn place(markers: &[(u32, String)], x_max: f64, width: &dyn Fn(&str) -> f64, gap: f64) -> Vec<Placed> {
    let mut joined: Vec<(u32, String)> = Vec::new();
    for (week, label) in markers {
        match joined.last_mut() {
            Some(last) if last.0 == *week => last.1 = format!("{} · {label}", last.1),
            _ => joined.push((*week, label.clone())),
        }
    }
    let mut row_end = vec![f64::NEG_INFINITY; ROWS as usize];
    joined
        .into_iter()
        .map(|(week, full)| {
            let short = full.split_whitespace().next().map(|w| format!("{w}…")).filter(|s| *s != full);
            for text in std::iter::once(full.clone()).chain(short) {
                let w = width(&text);
                let x = week as f64;
                let left = x + w > x_max;
                let (start, end) = if left { (x - w, x) } else { (x, x + w) };
                if let Some(row) = row_end.iter().position(|e| start >= e + gap) {
                    row_end[row] = end;
                    return Placed { week, full, text: Some(text), row: row as u32, left };
                }
            }
            Placed { week, full, text: None, row: 0, left: false }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_labels_in_a_row_overlap_and_every_marker_keeps_its_full_text() {
        let labels = [
            "MedRival enters",
            "price sensitivity shift",
            "⚠ poaching wave",
            "⚠ turnover cascade",
            "⚠ loyalty collapse",
        ];
        let markers: Vec<(u32, String)> = [420, 420, 437, 440, 441, 490, 490, 500]
            .iter()
            .zip(labels.iter().cycle())
            .map(|(w, l)| (*w, l.to_string()))
            .collect();
        let width = |t: &str| t.chars().count() as f64 * 3.0;
        let placed = place(&markers, 520.0, &width, 3.0);
        assert_eq!(placed.len(), 6, "one marker per week");
        assert_eq!(placed[0].full, "MedRival enters · price sensitivity shift");
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                let (Some(x), Some(y)) = (a.extent(&width), b.extent(&width)) else { continue };
                assert!(a.row != b.row || x.1 <= y.0 || y.1 <= x.0, "{a:?} overlaps {b:?}");
            }
            if let Some((start, end)) = a.extent(&width) {
                assert!(start >= 0.0 - 1e-9 && end <= 520.0 + 1e-9 || a.left, "{a:?} runs off the chart");
            }
        }
        assert!(placed.iter().any(|p| p.left), "a label at the right edge is drawn to the left of its line");
    }
}
