//! The live workshop view (`salesim demo`): the model stepped in a window and drawn as a
//! relationship map, with live charts, a KPI bar and the facilitator's controls. It drives the
//! very same simulation as a headless run and changes it only by sending the events a timeline
//! would. Built with the `live` cargo feature.

pub mod actions;
pub mod bonds;
pub mod bundled;
pub mod capture;
pub mod clock;
pub mod dots;
pub mod files;
pub mod firm_map;
pub mod host;
pub mod hover;
pub mod inspector;
pub mod layout;
pub mod map;
#[cfg(target_arch = "wasm32")]
pub mod page;
pub mod paint;
pub mod palette;
pub mod recorder;
pub mod rivalry;
pub mod scene;
pub mod series;
pub mod shapes;
pub mod snapshot;
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
pub mod world;

use crate::Scenario;
use crate::session::Session;
use bevy::prelude::*;
use std::path::PathBuf;

/// The order of the view's work in each frame.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewSet {
    /// Keys become actions.
    Input,
    /// Actions change playback, policies or the scenario.
    Control,
    /// The model advances by the weeks due this frame.
    Step,
    /// The map follows the model; hovering is resolved.
    Draw,
}

/// The view's logic without rendering: playback, the hosted model(s), actions, the session and
/// chart series. Tests run it under `MinimalPlugins`.
pub struct LiveLogicPlugin {
    pub scenario: Scenario,
    pub path: PathBuf,
    /// `PATH=VALUE` changes applied before week 0.
    pub overrides: Vec<String>,
    /// Weeks per second to start at.
    pub speed: f64,
    /// Compare with this scenario as twin B from the start.
    pub twin: Option<PathBuf>,
    /// Where sessions are recorded (`None`: in memory only).
    pub sessions: Option<PathBuf>,
    /// A recorded session to replay.
    pub replay: Option<Session>,
    /// Show the scenario's narration captions (pausing at each).
    pub narrate: bool,
}

impl LiveLogicPlugin {
    /// The scenario at 10 weeks per second, narrated, recording in memory only.
    pub fn new(scenario: Scenario, path: impl Into<PathBuf>) -> Self {
        LiveLogicPlugin {
            scenario,
            path: path.into(),
            overrides: Vec::new(),
            speed: 10.0,
            twin: None,
            sessions: None,
            replay: None,
            narrate: true,
        }
    }
}

impl Plugin for LiveLogicPlugin {
    fn build(&self, app: &mut App) {
        let mut playback = clock::Playback::default();
        playback.set_speed(self.speed);
        let recorder = recorder::Recorder::new(self.sessions.clone(), self.replay.clone());
        let mut live = host::LiveSim::new(self.scenario.clone(), self.path.clone(), self.overrides.clone(), recorder);
        live.narrate = self.narrate;
        if let Some(twin) = &self.twin {
            live.start_twin(Some(twin));
        }
        app.add_message::<actions::LiveAction>()
            .insert_resource(playback)
            .insert_resource(live)
            .configure_sets(Update, (ViewSet::Input, ViewSet::Control, ViewSet::Step, ViewSet::Draw).chain())
            .add_systems(
                Update,
                (host::apply_actions.in_set(ViewSet::Control), host::advance_simulation.in_set(ViewSet::Step)),
            );
    }
}

/// The rendered part: map, panels, hovering, the inspector and screenshots.
pub struct LiveViewPlugin {
    pub frames: Option<u32>,
    pub screenshot: Option<PathBuf>,
    /// Open the inspector on this agent of world A from the start.
    pub inspect: Option<hover::Pick>,
    /// Start in projector mode.
    pub projector: bool,
}

impl Plugin for LiveViewPlugin {
    fn build(&self, app: &mut App) {
        use bevy_egui::{EguiPlugin, EguiPrimaryContextPass};
        // What was painted is read back only where something reads it.
        let measure = self.frames.is_some() || cfg!(target_arch = "wasm32");
        app.add_plugins(EguiPlugin::default())
            .insert_resource(ClearColor(Color::srgb_u8(
                palette::BACKGROUND[0],
                palette::BACKGROUND[1],
                palette::BACKGROUND[2],
            )))
            .insert_resource(capture::FrameRun::new(self.frames, self.screenshot.clone()))
            .init_resource::<hover::Hovered>()
            .insert_resource(inspector::Inspected(self.inspect.map(|p| (0, p))))
            .init_resource::<map::MapRect>()
            .init_resource::<ui::form::PolicyForm>()
            .insert_resource(ui::projector::Projector(self.projector))
            .init_resource::<ui::legibility::Legibility>()
            .add_systems(Startup, scene::setup_map)
            .add_systems(
                Update,
                (
                    ui::keyboard_shortcuts.in_set(ViewSet::Input),
                    (capture::save_screenshots, ui::projector::toggle_projector, inspector::close_on_firm_switch)
                        .in_set(ViewSet::Control),
                    (scene::draw_map, hover::find_hovered, inspector::select_on_click).chain().in_set(ViewSet::Draw),
                    capture::run_frames.after(ViewSet::Draw),
                ),
            )
            .add_systems(
                EguiPrimaryContextPass,
                (
                    ui::set_style,
                    ui::draw_ui,
                    inspector::draw_inspector,
                    ui::legibility::measure_legibility.run_if(move || measure),
                )
                    .chain(),
            );
    }
}

/// How to open the view.
pub struct DemoOptions {
    pub logic: LiveLogicPlugin,
    pub frames: Option<u32>,
    pub screenshot: Option<PathBuf>,
    pub inspect: Option<hover::Pick>,
    pub size: (u32, u32),
    pub projector: bool,
}

/// The whole view's app in `window` (a desktop window, or the page's canvas in a browser).
pub fn app(opts: DemoOptions, window: Window) -> App {
    let log = bevy::log::LogPlugin {
        level: bevy::log::Level::WARN,
        filter: "wgpu=error,naga=warn,bevy_render=warn,bevy_winit=warn".into(),
        ..default()
    };
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin { primary_window: Some(window), ..default() }).set(log))
        .add_plugins(opts.logic)
        .add_plugins(LiveViewPlugin {
            frames: opts.frames,
            screenshot: opts.screenshot,
            inspect: opts.inspect,
            projector: opts.projector,
        });
    app
}

/// Open the window and run until it is closed (or `frames` have been rendered).
pub fn run(opts: DemoOptions) -> i32 {
    use bevy::window::{PresentMode, WindowResolution};
    let present_mode = if opts.frames.is_some() { PresentMode::AutoNoVsync } else { PresentMode::AutoVsync };
    let window = Window {
        title: format!("salesim: {} (workshop view)", opts.logic.scenario.name),
        resolution: WindowResolution::new(opts.size.0, opts.size.1),
        present_mode,
        ..default()
    };
    let exit = app(opts, window).run();
    match exit {
        AppExit::Success => 0,
        AppExit::Error(code) => code.get() as i32,
    }
}
