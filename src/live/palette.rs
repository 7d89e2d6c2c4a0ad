//! The view's colours, shared by the map and its legend so the two always agree (sRGB bytes).

/// An sRGB colour with alpha.
pub type Rgba = [u8; 4];

pub const BACKGROUND: Rgba = [24, 26, 32, 255];
/// Customer whose loyalty lies with its rep.
pub const LOYAL_TO_REP: Rgba = [255, 150, 40, 255];
/// Customer whose loyalty lies with the company.
pub const LOYAL_TO_COMPANY: Rgba = [70, 160, 255, 255];
/// Customer with weak loyalty to both: at risk.
pub const AT_RISK: Rgba = [235, 50, 60, 255];
/// Lost customer (in the region it went to).
pub const LOST: Rgba = [150, 150, 160, 200];
/// Newest rep (tenure 0) and most tenured (5+ years); nodes shade between them.
pub const REP_NEW: Rgba = [190, 245, 170, 255];
pub const REP_TENURED: Rgba = [30, 140, 60, 255];
/// Rep serving notice.
pub const REP_LEAVING: Rgba = [250, 220, 60, 255];
/// Rep now working for a competitor.
pub const REP_POACHED: Rgba = [230, 70, 200, 255];
/// Specialist and its links to accounts.
pub const SPECIALIST: Rgba = [200, 130, 255, 255];
pub const SPECIALIST_LINK: Rgba = [200, 130, 255, 40];
/// A vacant seat's ring (the accounts held for its next rep sit about it).
pub const VACANT_SEAT: Rgba = [250, 220, 60, 110];
/// Areas of the map.
pub const HOUSE_AREA: Rgba = [70, 160, 255, 40];
pub const COMPETITOR_AREA: Rgba = [230, 70, 90, 60];
pub const COMPETITOR_WAITING: Rgba = [230, 70, 90, 18];
pub const LOST_AREA: Rgba = [150, 150, 160, 35];
pub const MARKET_AREA: Rgba = [255, 255, 255, 22];

/// The firms of an industry, by index (cycled past eight): the Okabe–Ito colours, told apart with
/// any colour vision and bright enough on the dark map. Areas and rings use them, never the
/// customers' dots, whose colours keep their meaning.
pub const FIRMS: [Rgba; 8] = [
    [86, 180, 233, 255],
    [230, 159, 0, 255],
    [0, 158, 115, 255],
    [204, 121, 167, 255],
    [240, 228, 66, 255],
    [213, 94, 0, 255],
    [0, 114, 178, 255],
    [200, 200, 200, 255],
];

/// Firm `i`'s colour at alpha `a`.
pub fn firm(i: usize, a: u8) -> Rgba {
    let [r, g, b, _] = FIRMS[i % FIRMS.len()];
    [r, g, b, a]
}

/// Chart lines.
pub const CHART_REVENUE: Rgba = [90, 200, 120, 255];
pub const CHART_COST: Rgba = [240, 120, 80, 255];
/// Contribution per rep, beside average pay in the index chart.
pub const CHART_CONTRIBUTION: Rgba = [110, 225, 235, 255];
pub const CHART_MARKER: Rgba = [255, 255, 255, 170];
/// The full text of the event marker under the pointer.
pub const CHART_HOVER: Rgba = [255, 255, 255, 255];

/// Linear interpolation between two colours.
pub fn mix(a: Rgba, b: Rgba, t: f32) -> Rgba {
    let t = t.clamp(0.0, 1.0);
    std::array::from_fn(|i| (a[i] as f32 + (b[i] as f32 - a[i] as f32) * t).round() as u8)
}

/// Colour of a rep with `tenure_weeks` of tenure.
pub fn rep_by_tenure(tenure_weeks: f64) -> Rgba {
    mix(REP_NEW, REP_TENURED, (tenure_weeks / 260.0) as f32)
}
