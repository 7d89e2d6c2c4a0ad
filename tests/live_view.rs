//! The live view on screen: `salesim demo --frames … --screenshot …` under Xvfb with software
//! Vulkan (lavapipe), then the screenshot is checked for the map, the legend and the charts.
#![cfg(feature = "live")]

mod shots;

use salesim::live::palette;
use salesim::live::ui::projector::{DESKTOP, PROJECTOR};
use salesim::sim::observe::events::EventKind;
use shots::{Area, Shot};
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

/// Run `salesim demo ARGS --frames N --screenshot` under Xvfb at 1600×900; returns the
/// screenshot and stdout.
fn render(name: &str, args: &[&str]) -> (Shot, String) {
    render_at(name, args, (W, H))
}

/// The same in a window (and screen) of `size`.
fn render_at(name: &str, args: &[&str], size: (u32, u32)) -> (Shot, String) {
    let dir = std::env::temp_dir().join(format!("salesim-live-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let shot = dir.join(format!("{name}.png"));
    let out = Command::new("xvfb-run")
        .args(["-a", "-s", &format!("-screen 0 {}x{}x24", size.0, size.1)])
        .arg(env!("CARGO_BIN_EXE_salesim"))
        .arg("demo")
        .args(args)
        .args(["--size", &format!("{}x{}", size.0, size.1)])
        .arg("--screenshot")
        .arg(&shot)
        .env("VK_ICD_FILENAMES", lavapipe_icd())
        .output()
        .expect("xvfb-run not found: run scripts/setup.sh (installs xvfb)");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "demo failed: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("frame time mean"), "no frame times printed: {stdout}");
    let img = Shot::load(&shot);
    assert_eq!((img.width, img.height), size, "screenshot size");
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

/// The map area between the panels, the legend under it, and the chart panel (desktop sizes).
fn areas() -> (Area, Area, Area) {
    Shot { rgb: Vec::new(), width: W, height: H }.areas(&DESKTOP)
}

#[test]
fn the_live_view_renders_the_map_legend_and_charts_under_xvfb() {
    let (img, stdout) = render("baseline", &["scenarios/baseline.ron", "--frames", "300", "--speed", "40"]);
    let weeks = weeks_simulated(&stdout);
    assert!(weeks >= 20, "the model hardly ran: {weeks} weeks");
    img.assert_map_legend_and_charts(&DESKTOP);
}

/// The `legibility:` line `--frames` prints: (smallest text in px, event labels, overlapping pairs).
fn legibility(stdout: &str) -> (f32, usize, usize) {
    let line = stdout.lines().find_map(|l| l.strip_prefix("legibility: smallest text ")).expect("legibility printed");
    let px = line.split(' ').next().and_then(|p| p.parse().ok()).expect("a size");
    let (_, labels) = line.split_once("; ").expect("labels");
    let numbers: Vec<usize> = labels.split(' ').filter_map(|w| w.parse().ok()).collect();
    (px, numbers[0], numbers[1])
}

#[test]
fn at_1920x1080_both_modes_render_and_projector_mode_keeps_every_label_at_24_px_without_overlaps() {
    let args = ["scenarios/medical_device_runaway_pay.ron", "--no-narration", "--frames", "400", "--speed", "500"];
    let size = (1920, 1080);
    let (desktop, out) = render_at("desktop-1080p", &args, size);
    desktop.assert_map_legend_and_charts(&DESKTOP);
    let (desktop_smallest, labels, overlapping) = legibility(&out);
    assert!(labels >= 5, "the story's markers are labelled on the charts: {out}");
    assert_eq!(overlapping, 0, "event labels overlap on the desktop: {out}");
    assert!(desktop_smallest < 24.0, "the desktop's small type (the contrast to projector mode): {out}");
    let (projector, out) = render_at("projector-1080p", &[&args[..], &["--projector"]].concat(), size);
    projector.assert_map_legend_and_charts(&PROJECTOR);
    let (smallest, labels, overlapping) = legibility(&out);
    assert!(smallest >= 24.0, "projector text smaller than 24 px: {out}");
    assert!(labels >= 5, "projector charts lost their event labels: {out}");
    assert_eq!(overlapping, 0, "event labels overlap in projector mode: {out}");
}

#[test]
fn an_industry_shows_each_firm_in_its_colour_on_the_map_in_the_legend_and_in_the_pay_chart_under_xvfb() {
    let (img, stdout) =
        render("industry", &["scenarios/industry_pay_race.ron", "--frames", "300", "--speed", "40", "--no-narration"]);
    assert!(weeks_simulated(&stdout) >= 20, "the model hardly ran");
    img.assert_map_legend_and_charts(&DESKTOP);
    let (map, _, charts) = areas();
    // The firms' line sits above the usual legend.
    let firms_line = (map.0, H - DESKTOP.legend as u32 - 40, map.2, H - DESKTOP.legend as u32);
    for (j, name) in ["Apex", "Borealis"].iter().enumerate() {
        let colour = palette::firm(j, 255);
        assert!(img.count(colour, map, 10) > 150, "{name}'s colour (ring or area) is not on the map");
        assert!(img.count(colour, firms_line, 10) >= 20, "{name} has no swatch in the legend's firms line");
        assert!(img.count(colour, charts, 30) >= 40, "{name}'s mean pay is not a line in the charts");
    }
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
    salesim::run::simulate_to(scenario, &dir).unwrap();
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
