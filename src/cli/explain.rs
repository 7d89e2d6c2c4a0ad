//! `salesim explain`: why a customer left, or what became of a rep, read from a run's events.csv.

use super::EXIT_INVALID;
use crate::explain::{
    Story, customer_records, customer_story_across, read_firm_events_where, rep_records, rep_story_at,
};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("agent").required(true).args(["customer", "rep"]))]
pub struct ExplainArgs {
    /// Output directory of `salesim run` (it holds events.csv).
    pub run_dir: PathBuf,
    /// The customer to explain, by id (`customer_id` in events.csv).
    #[arg(long, value_name = "ID")]
    pub customer: Option<u32>,
    /// The rep to explain, by id (`rep_id` in events.csv).
    #[arg(long, value_name = "ID")]
    pub rep: Option<u32>,
    /// For a rep in a run of several firms (an industry), the firm it works for (`firm` in
    /// events.csv): rep ids are each firm's own. Default: the run's first firm, the one whose
    /// story the scenario tells. A customer keeps its id at every firm and is followed across them.
    #[arg(long, value_name = "NAME")]
    pub firm: Option<String>,
}

/// The agent to explain.
enum Agent {
    Customer(u32),
    Rep(u32),
}

/// Print the story; on bad input print what is wrong and return 2.
pub fn explain(args: ExplainArgs) -> i32 {
    match story(&args) {
        Ok(story) => {
            print!("{}", story.to_text());
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_INVALID
        }
    }
}

fn story(args: &ExplainArgs) -> Result<Story, String> {
    let agent = match (args.customer, args.rep) {
        (Some(id), None) => Agent::Customer(id),
        (None, Some(id)) => Agent::Rep(id),
        _ => return Err("give exactly one of --customer ID and --rep ID".into()),
    };
    let file = events_file(&args.run_dir)?;
    Ok(match agent {
        Agent::Customer(id) => customer_story_across(&read_firm_events_where(&file, customer_records(id))?.records, id),
        Agent::Rep(id) => {
            let events = read_firm_events_where(&file, rep_records(id))?;
            let firm = match (&args.firm, events.firms.as_slice()) {
                (Some(f), firms) if firms.contains(f) => f.clone(),
                (Some(f), firms) => {
                    return Err(format!("no firm `{f}` in {}: its firms are {}", file.display(), firms.join(", ")));
                }
                (None, [one]) => one.clone(),
                (None, []) => String::new(),
                (None, firms) => match first_firm(&args.run_dir).filter(|f| firms.contains(f)) {
                    // The first firm is the one whose story the scenario tells.
                    Some(f) => {
                        eprintln!(
                            "note: rep {id} of {f}, the run's first firm (rep ids are each firm's own; --firm NAME for one of {})",
                            firms.join(", ")
                        );
                        f
                    }
                    None => {
                        return Err(format!(
                            "{} has several firms ({}): say which firm's rep with --firm NAME (rep ids are each firm's own)",
                            file.display(),
                            firms.join(", ")
                        ));
                    }
                },
            };
            rep_story_at(&events.records, &firm, id)
        }
    })
}

/// The first firm of the run in `dir` (`firm` of its summary.json), if it can be read.
fn first_firm(dir: &Path) -> Option<String> {
    let path = dir.join("summary.json");
    // A run's summary is a few kilobytes per firm; anything far larger is not one.
    if std::fs::metadata(&path).ok()?.len() > 16 << 20 {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let summary: serde_json::Value = serde_json::from_str(&text).ok()?;
    summary.get("firm")?.as_str().map(str::to_string)
}

/// `dir/events.csv`, or why it cannot be read.
fn events_file(dir: &Path) -> Result<PathBuf, String> {
    if !dir.exists() {
        return Err(format!("run directory `{}` does not exist", dir.display()));
    }
    if !dir.is_dir() {
        return Err(format!("`{}` is not a directory: give the output directory of `salesim run`", dir.display()));
    }
    let file = dir.join("events.csv");
    if file.is_file() {
        return Ok(file);
    }
    let hint = if dir.join("events.csv.partial").is_file() {
        "the run did not finish (there is only events.csv.partial)"
    } else {
        "is this the output directory of `salesim run`?"
    };
    Err(format!("`{}` not found: {hint}", file.display()))
}
