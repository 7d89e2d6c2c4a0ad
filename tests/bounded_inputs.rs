//! Bounded inputs: every absurd size or overflow exits 2 naming the argument, quickly and in
//! bounded memory (a 4 GB address-space limit: allocating gigabytes would abort instead); huge
//! files validate in linear time; sessions of any length are checked; live actions are validated
//! exactly like timeline events.

mod research;
use research::*;
use salesim::scenario::{Event, load::load_file, validate::check_live_event};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The issue asks for "within a second"; this hard limit is generous for a shared machine (the
/// measured times are milliseconds).
const WITHIN: Duration = Duration::from_secs(3);

/// Run salesim under a 4 GB virtual-memory limit; its output and how long it took.
fn bounded(args: &[&str]) -> (Output, Duration) {
    let start = Instant::now();
    let o = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 4000000 && exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(args)
        .output()
        .expect("sh runs");
    (o, start.elapsed())
}

fn assert_refused_quickly(args: &[&str], needle: &str) {
    let (o, took) = bounded(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    assert!(stderr(&o).contains(needle), "{args:?} names `{needle}`: {}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{args:?}: {}", stderr(&o));
    assert!(took < WITHIN, "{args:?} took {took:?}");
}

#[test]
fn every_overflow_or_absurd_size_exits_2_naming_the_argument_within_a_second() {
    let base = baseline();
    let out = out_dir("absurd");
    let o = out.to_str().unwrap();
    let max = "18446744073709551615";
    for (args, needle) in [
        (vec!["batch", &base, "--replicates", max, "--out", o], "--replicates"),
        (vec!["batch", &base, "--replicates", "1000000000000", "--out", o], "--replicates"),
        (vec!["batch", &base, "--set", &format!("pay.commission_rate=0..1:{max}"), "--out", o], "pay.commission_rate"),
        (
            vec!["batch", &base, "--sample", &format!("lhs:{max}"), "--set", "pay.commission_rate=0..1", "--out", o],
            "lhs",
        ),
        (
            vec![
                "batch",
                &base,
                "--set",
                "pay.commission_rate=0..1:1000",
                "--set",
                "pay.base_salary=1..9:1000",
                "--set",
                "hiring.vacancy_weeks=1..9:1000",
                "--out",
                o,
            ],
            "more than 100000 points",
        ),
        (vec!["batch", &base, "--replicates", "100000", "--set", "pay.commission_rate=0..1:100", "--out", o], "runs"),
        (vec!["batch", &base, "--jobs", "100000", "--out", o], "--jobs"),
        (vec!["run", &base, "--threads", "100000", "--out", o], "--threads"),
        (vec!["compare", &base, &base, "--replicates", max, "--out", o], "--replicates"),
    ] {
        assert_refused_quickly(&args, needle);
        assert!(!out.exists(), "{args:?}: nothing written");
    }
}

/// The baseline with `edit` applied to its text, written to a file for this test.
fn scenario_with(tag: &str, edit: impl Fn(String) -> String) -> String {
    let d = out_dir(tag);
    std::fs::create_dir_all(&d).unwrap();
    let path = d.join("scenario.ron");
    std::fs::write(&path, edit(std::fs::read_to_string(baseline()).unwrap())).unwrap();
    path.display().to_string()
}

#[test]
fn names_and_bonuses_are_bounded() {
    let long =
        scenario_with("longname", |t| t.replace("name: \"baseline\"", &format!("name: \"{}\"", "x".repeat(100_000))));
    assert_refused_quickly(&["validate", &long], "`name`");
    let bonus = "(metric: Retention, target: 0.9, payout: 100.0),";
    let bonuses = scenario_with("bonuses", |t| {
        t.replace("accelerator:", &format!("bonuses: [{}], accelerator:", bonus.repeat(17)))
    });
    assert_refused_quickly(&["validate", &bonuses], "pay.bonuses");
}

#[test]
fn sixteen_thousand_duplicate_competitor_names_are_refused_within_a_second() {
    let file = scenario_with("dups", |t| {
        t.replace("competitors: [", &format!("competitors: [{}", "(name: \"Rival\"),".repeat(16_000)))
    });
    assert!(std::fs::metadata(&file).unwrap().len() > 170_000);
    assert_refused_quickly(&["validate", &file], "competitors");
}

#[test]
fn ten_thousand_timeline_events_validate_within_a_second_whether_valid_or_not() {
    let after_end = scenario_with("late", |t| {
        t.replace("timeline: [", &format!("timeline: [{}", "(week: 9999, event: Realignment),".repeat(9_990)))
    });
    assert_refused_quickly(&["validate", &after_end], "timeline[");
    let set = "(week: 10, event: Set(path: \"pay.commission_rate\", value: \"0.05\")),";
    let valid = scenario_with("sets", |t| t.replace("timeline: [", &format!("timeline: [{}", set.repeat(9_990))));
    let (o, took) = bounded(&["validate", &valid]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(took < WITHIN, "took {took:?}");
}

/// A session file of `n` valid actions followed by `last`.
fn session(tag: &str, n: usize, last: &str) -> String {
    let d = out_dir(tag);
    std::fs::create_dir_all(&d).unwrap();
    let action = "(week: 3, event: Set(path: \"pay.commission_rate\", value: \"0.05\")),";
    let text = format!(
        "Session(scenario: \"scenarios/baseline.ron\", scenario_hash: \"0\", actions: [{}{last}])",
        action.repeat(n)
    );
    let path = d.join("session.ron");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_session_of_more_than_ten_thousand_actions_is_checked_to_its_last_action() {
    let nan = session("long", 10_000, "(week: 4, event: Set(path: \"pay.commission_rate\", value: \"NaN\"))");
    let out = out_dir("long-out");
    let (o, took) = bounded(&["run", &baseline(), "--actions", &nan, "--weeks", "8", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("actions[10000].event.value"), "{}", stderr(&o));
    assert!(took < WITHIN, "took {took:?}");
    let weeks = session("weeks", 10_000, "(week: 4, event: Set(path: \"weeks\", value: \"4000000000\"))");
    let (o, _) = bounded(&["run", &baseline(), "--actions", &weeks, "--weeks", "8", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("actions[10000].event.path"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn a_live_action_is_validated_exactly_like_a_timeline_event() {
    let s = load_file(std::path::Path::new(&baseline())).unwrap();
    let set = |path: &str, value: &str| Event::Set { path: path.into(), value: value.into() };
    let nan = check_live_event(&s, &set("pay.commission_rate", "NaN")).unwrap_err();
    assert_eq!(nan.path, "event.value");
    assert!(nan.message.contains("pay.commission_rate"), "{nan:?}");
    assert_eq!(check_live_event(&s, &set("weeks", "4000000000")).unwrap_err().path, "event.path");
    assert_eq!(check_live_event(&s, &Event::CompetitorEntry("Nobody".into())).unwrap_err().path, "event");
    assert_eq!(check_live_event(&s, &Event::PriceWar { price_cut: 2.0 }).unwrap_err().path, "event.price_cut");
    assert!(check_live_event(&s, &set("pay.commission_rate", "0.05")).is_ok());
    assert!(check_live_event(&s, &Event::CompetitorEntry("Rival".into())).is_ok());
}

#[test]
fn every_parameter_value_sets_back_as_it_was_so_a_probe_can_be_restored_in_place() {
    use salesim::scenario::params;
    let mut s = load_file(std::path::Path::new(&baseline())).unwrap();
    params::set(&mut s, "pay.commission_rate", "NaN").unwrap();
    params::set(&mut s, "pay.base_salary", "inf").unwrap();
    let before = format!("{s:?}");
    for path in &params::paths() {
        let value = params::get(&s, path).unwrap();
        params::set(&mut s, path, &value).unwrap_or_else(|e| panic!("{path} = {value}: {e}"));
    }
    assert_eq!(format!("{s:?}"), before);
}

#[test]
fn a_range_whose_steps_overflow_is_refused_naming_its_values_not_a_nan_never_typed() {
    let out = out_dir("overflow");
    let (o, took) = bounded(&[
        "batch",
        &baseline(),
        "--set",
        "pay.commission_rate=-1e308..1e308:3",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("pay.commission_rate=-1e308: ") && stderr(&o).contains("must be between"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("NaN"), "{}", stderr(&o));
    assert!(took < WITHIN, "took {took:?}");
    assert!(!out.exists());
}

/// A file name that reads as an endless stream of zero bytes while reporting a size of 0.
fn endless() -> String {
    assert_eq!(std::fs::metadata("/dev/zero").unwrap().len(), 0, "the system reports no size for it");
    "/dev/zero".to_string()
}

#[test]
fn an_endless_scenario_or_design_file_is_refused_at_its_size_limit_in_bounded_memory() {
    let out = out_dir("endless");
    let (o, took) = bounded(&["validate", &endless()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("/dev/zero") && stderr(&o).contains("larger than"), "{}", stderr(&o));
    assert!(took < WITHIN, "took {took:?}");
    let (o, took) = bounded(&["batch", &baseline(), "--design", &endless(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("/dev/zero") && stderr(&o).contains("limit"), "{}", stderr(&o));
    assert!(took < WITHIN, "took {took:?}");
    assert!(!out.exists());
}
