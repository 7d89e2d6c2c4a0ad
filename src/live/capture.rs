//! Screenshots (key S or the button, into `screenshots/`) and the `--frames N --screenshot FILE`
//! mode: render N frames, save the window, print the frame times and exit.

use super::actions::LiveAction;
use super::files;
use super::host::LiveSim;
use bevy::prelude::*;
use bevy::render::view::window::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Frames rendered before timing starts (shader compilation, first layout).
const WARM_UP: usize = 30;

/// The `--frames` run, if any.
#[derive(Resource, Default)]
pub struct FrameRun {
    pub frames: Option<u32>,
    pub screenshot: Option<PathBuf>,
    times: Vec<f64>,
    saved: Option<Arc<AtomicBool>>,
    waited: u32,
}

impl FrameRun {
    pub fn new(frames: Option<u32>, screenshot: Option<PathBuf>) -> Self {
        FrameRun { frames, screenshot, ..Default::default() }
    }
}

/// Save the primary window to `path`: on the desktop written under a temporary name and renamed
/// when complete, in a browser downloaded under its file name. The flag turns true once done.
fn capture(commands: &mut Commands, path: &Path) -> Arc<AtomicBool> {
    let done = Arc::new(AtomicBool::new(false));
    let flag = done.clone();
    let target = path.to_path_buf();
    let partial = if files::ON_DISK { path.with_extension("partial.png") } else { target.clone() };
    let mut save = save_to_disk(partial.clone());
    commands.spawn(Screenshot::primary_window()).observe(move |captured: On<ScreenshotCaptured>| {
        save(captured);
        if !files::ON_DISK {
            info!("screenshot downloaded as {}", target.display());
        } else {
            match std::fs::rename(&partial, &target) {
                Ok(()) => println!("screenshot saved to {}", target.display()),
                Err(e) => eprintln!("error: screenshot not saved to {}: {e}", target.display()),
            }
        }
        flag.store(true, Ordering::SeqCst);
    });
    done
}

/// Key S or the button: a PNG named after the scenario and week.
pub fn save_screenshots(mut actions: MessageReader<LiveAction>, mut commands: Commands, mut live: ResMut<LiveSim>) {
    for a in actions.read() {
        if *a == LiveAction::SaveScreenshot {
            let dir = Path::new("screenshots");
            if let Err(e) = std::fs::create_dir_all(dir).or_else(|e| if files::ON_DISK { Err(e) } else { Ok(()) }) {
                live.notice = format!("could not create {}: {e}", dir.display());
                continue;
            }
            let path = dir.join(format!("{}-week-{:04}.png", live.a.scenario.name, live.a.week()));
            capture(&mut commands, &path);
            live.notice = format!("saving {}", path.display());
        }
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Count frames in `--frames` mode; at the last one save the screenshot, report and exit.
pub fn run_frames(
    time: Res<Time<Real>>,
    mut run: ResMut<FrameRun>,
    mut commands: Commands,
    live: Res<LiveSim>,
    legibility: Res<super::ui::legibility::Legibility>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(frames) = run.frames else { return };
    if run.saved.is_none() && (run.times.len() as u32) < frames {
        run.times.push(time.delta_secs_f64());
        if run.times.len() as u32 == frames {
            match run.screenshot.clone() {
                Some(path) => run.saved = Some(capture(&mut commands, &path)),
                None => run.saved = Some(Arc::new(AtomicBool::new(true))),
            }
        }
        return;
    }
    let done = run.saved.as_ref().is_some_and(|f| f.load(Ordering::SeqCst));
    run.waited += 1;
    if !done && run.waited < 600 {
        return;
    }
    let mut t: Vec<f64> = run.times.iter().skip(WARM_UP.min(run.times.len() / 5)).map(|s| s * 1e3).collect();
    t.sort_by(f64::total_cmp);
    let mean = t.iter().sum::<f64>() / t.len().max(1) as f64;
    println!(
        "frames: {} rendered, {} timed; frame time mean {:.1} ms ({:.0} fps), 95th percentile {:.1} ms",
        run.times.len(),
        t.len(),
        mean,
        1e3 / mean.max(1e-9),
        percentile(&t, 0.95)
    );
    let active = live.a.shown().snapshot.customers.iter().filter(|c| c.active).count();
    println!("weeks simulated: {}; active customers on the map: {active}", live.a.week());
    let markers: Vec<String> =
        live.a.shown().series.markers.iter().map(|m| format!("{} {}", m.week, m.label)).collect();
    println!("chart markers: {}", markers.join(" | "));
    println!("legibility: {}", legibility.line());
    if done {
        exit.write(AppExit::Success);
    } else {
        eprintln!("error: the screenshot was not saved within 600 frames");
        exit.write(AppExit::error());
    }
}
