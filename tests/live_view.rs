//! The live view on screen: `salesim demo --frames … --screenshot …` under Xvfb with software
//! Vulkan (lavapipe), then the screenshot is checked for the map, the legend and the charts.
#![cfg(feature = "live")]

use salesim::live::palette::{self, Rgba};
use salesim::live::ui::{LEFT_PANEL, LEGEND, RIGHT_PANEL, TOP_BAR};
use salesim::sim::events::EventKind;
use std::path::{Path, PathBuf};
use std::process::Command;

const W: u32 = 1600;
const H: u32 = 900;

/// lavapipe's ICD file, wherever Debian put it for this architecture.
fn lavapipe_icd() -> PathBuf {
    let dir = Path::new("/usr/share/vulkan/icd.d");
    std::fs::read_dir(dir)
        .expect("no /usr/share/vulkan/icd.d: run scripts/setup.sh (installs mesa-vulkan-drivers)")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("lvp_icd")))
        .expect("no lavapipe ICD: run scripts/setup.sh (installs mesa-vulkan-drivers)")
}

struct Shot {
    rgb: Vec<u8>,
    width: u32,
}

impl Shot {
    fn load(path: &Path) -> Shot {
        let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).expect("screenshot")));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buf).expect("a frame");
        assert_eq!((info.width, info.height), (W, H), "screenshot size");
        let channels = info.color_type.samples();
        let rgb = buf[..info.buffer_size()].chunks(channels).flat_map(|p| [p[0], p[1], p[2]]).collect();
        Shot { rgb, width: info.width }
    }

    /// Pixels within `tol` of `colour` in the rectangle x0..x1, y0..y1.
    fn count(&self, colour: Rgba, (x0, y0, x1, y1): Area, tol: i32) -> usize {
        let mut n = 0;
        for y in y0..y1 {
            for x in x0..x1 {
                let i = ((y * self.width + x) * 3) as usize;
                if (0..3).all(|c| (self.rgb[i + c] as i32 - colour[c] as i32).abs() <= tol) {
                    n += 1;
                }
            }
        }
        n
    }

    fn distinct_colours(&self) -> usize {
        let mut seen: Vec<u32> =
            self.rgb.chunks(3).map(|p| (p[0] as u32) << 16 | (p[1] as u32) << 8 | p[2] as u32).collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    }
}

/// Run `salesim demo ARGS --frames N --screenshot` under Xvfb; returns the screenshot and stdout.
fn render(name: &str, args: &[&str]) -> (Shot, String) {
    let dir = std::env::temp_dir().join(format!("salesim-live-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let shot = dir.join(format!("{name}.png"));
    let out = Command::new("xvfb-run")
        .args(["-a", "-s", &format!("-screen 0 {W}x{H}x24")])
        .arg(env!("CARGO_BIN_EXE_salesim"))
        .arg("demo")
        .args(args)
        .arg("--screenshot")
        .arg(&shot)
        .env("VK_ICD_FILENAMES", lavapipe_icd())
        .output()
        .expect("xvfb-run not found: run scripts/setup.sh (installs xvfb)");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "demo failed: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("frame time mean"), "no frame times printed: {stdout}");
    let img = Shot::load(&shot);
    let _ = std::fs::remove_dir_all(&dir);
    (img, stdout)
}

fn weeks_simulated(stdout: &str) -> u32 {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("weeks simulated: "))
        .and_then(|l| l.split(';').next())
        .and_then(|w| w.parse().ok())
        .expect("weeks simulated printed")
}

/// A rectangle of the screenshot: x0, y0, x1, y1.
type Area = (u32, u32, u32, u32);

/// The map area between the panels, the legend under it, and the chart panel.
fn areas() -> (Area, Area, Area) {
    let (left, right, top, legend) = (LEFT_PANEL as u32, W - RIGHT_PANEL as u32, TOP_BAR as u32, H - LEGEND as u32);
    ((left, top + 4, right, legend - 4), (left, legend, right, H), (right, top, W, H))
}

#[test]
fn the_live_view_renders_the_map_legend_and_charts_under_xvfb() {
    let (img, stdout) = render("baseline", &["scenarios/baseline.ron", "--frames", "300", "--speed", "40"]);
    let weeks = weeks_simulated(&stdout);
    assert!(weeks >= 20, "the model hardly ran: {weeks} weeks");
    assert!(img.distinct_colours() > 200, "the screenshot is (nearly) blank");
    let (map, legend_area, charts) = areas();
    // The map: customers loyal to their reps (orange) and reps (green shades) are drawn.
    assert!(img.count(palette::LOYAL_TO_REP, map, 6) > 500, "no customer dots on the map");
    // The legend shows every customer colour and the poached-rep and specialist swatches.
    for (name, c) in [
        ("loyal to rep", palette::LOYAL_TO_REP),
        ("loyal to company", palette::LOYAL_TO_COMPANY),
        ("at risk", palette::AT_RISK),
        ("poached rep", palette::REP_POACHED),
        ("specialist", palette::SPECIALIST),
    ] {
        assert!(img.count(c, legend_area, 6) >= 40, "legend swatch `{name}` missing");
    }
    // The charts: the revenue line (green) and the customers line (blue) are drawn.
    assert!(img.count(palette::CHART_REVENUE, charts, 40) >= 60, "no revenue line in the charts");
    assert!(img.count(palette::LOYAL_TO_COMPANY, charts, 40) >= 60, "no customer line in the charts");
}

#[test]
fn twin_mode_draws_both_worlds_side_by_side_under_xvfb() {
    let args = ["scenarios/tech_broadening.ron", "--twin", "scenarios/remedy_multiplexing.ron", "--no-narration"];
    let (img, stdout) = render("twin", &[&args[..], &["--frames", "300", "--speed", "40"]].concat());
    assert!(weeks_simulated(&stdout) >= 20, "the model hardly ran");
    let (map, _, charts) = areas();
    let mid = (map.0 + map.2) / 2;
    let (a_side, b_side) = ((map.0, map.1, mid, map.3), (mid, map.1, map.2, map.3));
    let dots = |side| img.count(palette::LOYAL_TO_REP, side, 6) + img.count(palette::LOYAL_TO_COMPANY, side, 6);
    assert!(dots(a_side) > 300, "world A's map is empty");
    assert!(dots(b_side) > 300, "world B's map is empty");
    assert!(img.count(palette::CHART_REVENUE, charts, 40) >= 60, "no revenue lines in the charts");
}

#[test]
fn the_inspector_explains_why_a_customer_left_under_xvfb() {
    // A customer who followed a poached rep, from a headless run of the same scenario and seed.
    let dir = std::env::temp_dir().join(format!("salesim-inspect-run-{}", std::process::id()));
    let scenario = salesim::scenario::load::load_file(Path::new("scenarios/baseline.ron")).unwrap();
    salesim::cli::run::simulate_to(scenario, &dir).unwrap();
    let events = salesim::explain::read_events(&dir.join("events.csv")).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let follower = events
        .iter()
        .find(|e| e.kind == EventKind::Follow && e.competitor.is_some())
        .expect("someone follows a poached rep in the baseline");
    let id = follower.customer.expect("a customer").to_string();
    let args = ["scenarios/baseline.ron", "--inspect", &format!("customer:{id}"), "--frames", "300", "--speed", "40"];
    let (img, stdout) = render("inspector", &args);
    assert!(weeks_simulated(&stdout) > follower.week, "the run did not reach the week the customer left");
    // The inspector window sits over the top left of the map: its cause line is drawn in the
    // at-risk red and its loyalty chart in the rep and company colours.
    let (map, _, _) = areas();
    let window = (map.0 + 16, map.1 + 12, map.0 + 560, map.1 + 400);
    // egui's dark window fill covers the map there (the map's own background is bluer).
    assert!(img.count([27, 27, 27, 255], window, 0) >= 40_000, "no inspector window over the map");
    assert!(img.count(palette::AT_RISK, window, 30) >= 80, "no cause line in the inspector");
    assert!(img.count(palette::LOYAL_TO_REP, window, 30) >= 60, "no loyalty-to-rep line in the inspector");
    assert!(img.count(palette::LOYAL_TO_COMPANY, window, 30) >= 60, "no loyalty-to-company line in the inspector");
}

#[test]
fn the_stories_beats_show_as_markers_and_pay_sits_against_contribution_under_xvfb() {
    let args = ["scenarios/insurance_complacency.ron", "--no-narration", "--frames", "400", "--speed", "500"];
    let (img, stdout) = render("pushback", &args);
    assert!(weeks_simulated(&stdout) > 270, "the run did not reach the planned realignment (week 260): {stdout}");
    let markers = stdout.lines().find_map(|l| l.strip_prefix("chart markers: ")).expect("markers printed");
    assert!(markers.contains("threaten to leave"), "no threat marker: {markers}");
    assert!(markers.contains("realignment"), "no marker for the realignment: {markers}");
    let (_, _, charts) = areas();
    // The index chart draws average pay and contribution per rep on one scale.
    assert!(img.count(palette::CHART_CONTRIBUTION, charts, 30) >= 60, "no contribution-per-rep line in the charts");
    assert!(img.count(palette::CHART_COST, charts, 30) >= 120, "no average-pay line beside the cost of sales");
    assert!(img.count(palette::CHART_MARKER, charts, 40) >= 40, "no event markers on the charts");
}
