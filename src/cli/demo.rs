//! `salesim demo`: the live workshop view (needs the `live` cargo feature).

use super::{EXIT_INVALID, load_or_report};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Scenario file (.ron). Default: scenarios/baseline.ron.
    pub scenario: Option<PathBuf>,
    /// Change a parameter before starting, PATH=VALUE as in `batch --set` (one value), e.g.
    /// `--set market.accounts=20000`. Repeatable.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Weeks simulated per second to start with (1 to 500; change it live with the slider or +/−).
    #[arg(long, default_value_t = 10.0)]
    pub speed: f64,
    /// Render this many frames, print the mean and 95th-percentile frame time, and exit.
    #[arg(long)]
    pub frames: Option<u32>,
    /// With --frames: save a PNG of the window after the last frame.
    #[arg(long, requires = "frames")]
    pub screenshot: Option<PathBuf>,
    /// Compare with a twin: this scenario as world B, on the same seed, stepped in lockstep and
    /// drawn beside A (also from the "Compare with…" control).
    #[arg(long, value_name = "B.ron")]
    pub twin: Option<PathBuf>,
    /// Replay a recorded session (`sessions/*.ron`): its scenario, overrides, twin and every
    /// action at its week. Further actions are recorded as a new session.
    #[arg(long, value_name = "SESSION.ron", conflicts_with_all = ["scenario", "set", "twin"])]
    pub replay: Option<PathBuf>,
    /// Do not show the scenario's narration captions (they pause the run).
    #[arg(long)]
    pub no_narration: bool,
    /// Open the inspector on an agent of world A from the start: `customer:ID` or `rep:ID`
    /// (for documentation and tests; in the view, click the agent).
    #[arg(long, value_name = "KIND:ID", value_parser = parse_pick)]
    pub inspect: Option<(bool, u32)>,
    /// Start in projector mode: type and lines about twice the size, four charts, every label at
    /// least 24 px at 1920x1080 (switch live with P or the panel's button).
    #[arg(long)]
    pub projector: bool,
    /// Window size in pixels.
    #[arg(long, default_value = "1600x900", value_parser = parse_size)]
    pub size: (u32, u32),
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let bad = || format!("`{s}` is not WIDTHxHEIGHT, e.g. 1600x900");
    let (w, h) = s.split_once('x').ok_or_else(bad)?;
    let (w, h) = (w.parse::<u32>().map_err(|_| bad())?, h.parse::<u32>().map_err(|_| bad())?);
    if !(320..=8192).contains(&w) || !(240..=8192).contains(&h) {
        return Err(format!("window size {w}x{h} is outside 320x240..8192x8192"));
    }
    Ok((w, h))
}

/// `customer:ID` → (true, ID); `rep:ID` → (false, ID).
fn parse_pick(s: &str) -> Result<(bool, u32), String> {
    let bad = || format!("`{s}` is not customer:ID or rep:ID");
    let (kind, id) = s.split_once(':').ok_or_else(bad)?;
    let id = id.parse::<u32>().map_err(|_| bad())?;
    match kind {
        "customer" => Ok((true, id)),
        "rep" => Ok((false, id)),
        _ => Err(bad()),
    }
}

/// What to run: scenario, its file, overrides, twin and session to replay.
#[cfg_attr(not(feature = "live"), allow(dead_code))]
struct Plan {
    scenario: crate::Scenario,
    path: PathBuf,
    overrides: Vec<String>,
    twin: Option<PathBuf>,
    replay: Option<crate::session::Session>,
}

/// Load the scenario (or the replayed session's), check overrides, twin and session; `Err`
/// holds the message for an invalid input (`None` when already printed).
fn prepare(args: &DemoArgs) -> Result<Plan, Option<String>> {
    let replay = match &args.replay {
        Some(p) => Some(crate::session::Session::load(p).map_err(|e| Some(e.to_string()))?),
        None => None,
    };
    let path = match &replay {
        Some(s) => PathBuf::from(&s.scenario),
        None => args.scenario.clone().unwrap_or_else(|| PathBuf::from("scenarios/baseline.ron")),
    };
    let Some(scenario) = load_or_report(&path) else { return Err(None) };
    let overrides = replay.as_ref().map_or_else(|| args.set.clone(), |s| s.overrides.clone());
    crate::session::apply_overrides(&mut scenario.clone(), &overrides).map_err(Some)?;
    let twin = replay.as_ref().map_or_else(|| args.twin.clone(), |s| s.twin.as_ref().map(PathBuf::from));
    if let Some(t) = &twin {
        load_or_report(t).ok_or(None)?;
    }
    if let Some(session) = &replay {
        let mut resolved = scenario.clone();
        session.apply_overrides(&mut resolved).map_err(Some)?;
        if let Some(p) = session.problems(&resolved).first() {
            return Err(Some(format!("{}: {p}", args.replay.as_ref().expect("replay").display())));
        }
    }
    Ok(Plan { scenario, path, overrides, twin, replay })
}

/// Open the live view, or explain how to get it.
pub fn demo(args: DemoArgs) -> i32 {
    let plan = match prepare(&args) {
        Ok(x) => x,
        Err(message) => {
            if let Some(m) = message {
                eprintln!("error: {m}");
            }
            return EXIT_INVALID;
        }
    };
    #[cfg(feature = "live")]
    {
        let mut logic = crate::live::LiveLogicPlugin::new(plan.scenario, plan.path);
        logic.overrides = plan.overrides;
        logic.speed = args.speed;
        logic.twin = plan.twin;
        logic.replay = plan.replay;
        logic.narrate = !args.no_narration;
        logic.sessions = Some(PathBuf::from("sessions"));
        crate::live::run(crate::live::DemoOptions {
            logic,
            frames: args.frames,
            screenshot: args.screenshot,
            inspect: args.inspect.map(|(customer, id)| {
                if customer { crate::live::hover::Pick::Customer(id) } else { crate::live::hover::Pick::Rep(id) }
            }),
            size: args.size,
            projector: args.projector,
        })
    }
    #[cfg(not(feature = "live"))]
    {
        let _ = plan;
        eprintln!(
            "error: this salesim was built without the live view. Build it with the `live` feature:\n  cargo run --release --features live -- demo"
        );
        1
    }
}
