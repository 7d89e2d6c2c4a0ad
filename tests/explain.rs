//! `salesim explain`: why a customer left (or what became of a rep), told in plain words from a
//! run's events.csv, and events.csv read back exactly as it was written.

use salesim::explain::{customer_story, read_events, rep_story};
use salesim::output::csv::CsvRow;
use salesim::sim::observe::events::{Cause, EventKind, EventRecord};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const BIN: &str = env!("CARGO_BIN_EXE_salesim");

/// A fresh directory under the system temp dir, unique to this test process and `tag`.
fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("salesim-explain-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn salesim(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The baseline over 260 weeks, run once: Rival enters in week 104 and poaches reps, whose
/// customers follow them; other customers leave dissatisfied.
fn poaching_run() -> &'static (PathBuf, Vec<EventRecord>) {
    static RUN: OnceLock<(PathBuf, Vec<EventRecord>)> = OnceLock::new();
    RUN.get_or_init(|| {
        let dir = temp_dir("baseline");
        let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron");
        let o = salesim(&["run", scenario.to_str().unwrap(), "--weeks", "260", "--out", dir.to_str().unwrap(), "-q"]);
        assert!(o.status.success(), "run failed: {}", String::from_utf8_lossy(&o.stderr));
        let events = read_events(&dir.join("events.csv")).expect("events.csv reads back");
        (dir, events)
    })
}

/// `salesim explain` on the poaching run for `--customer ID` or `--rep ID`; its stdout.
fn explain(agent: &str, id: u32) -> String {
    let (dir, _) = poaching_run();
    let o = salesim(&["explain", dir.to_str().unwrap(), agent, &id.to_string()]);
    assert!(o.status.success(), "explain failed: {}", String::from_utf8_lossy(&o.stderr));
    stdout(&o)
}

/// The line of `text` that starts with `prefix`.
fn line<'t>(text: &'t str, prefix: &str) -> &'t str {
    text.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no `{prefix}` line in:\n{text}"))
}

#[test]
fn a_customer_who_followed_a_poached_rep_is_told_the_rep_the_competitor_and_the_weeks() {
    let (_, events) = poaching_run();
    let f = events
        .iter()
        .find(|e| e.kind == EventKind::Follow && e.competitor.is_some())
        .expect("the run has a customer who followed a poached rep");
    let (customer, rep, rival) = (f.customer.unwrap(), f.rep.unwrap(), f.competitor.as_deref().unwrap());
    let offer = events
        .iter()
        .find(|e| e.kind == EventKind::AcceptsOffer && e.rep == Some(rep))
        .expect("a poached rep accepted an offer first");
    let out = explain("--customer", customer);
    assert_eq!(
        out.lines().next(),
        Some(format!("Customer {customer} followed rep {rep} to {rival} in week {}", f.week).as_str())
    );
    let why = line(&out, "Why: ");
    assert!(why.starts_with(&format!("Why: owner rep {rep} was poached by {rival} in week {}", f.week)), "{why}");
    assert!(why.contains(&format!("offer accepted in week {}", offer.week)), "{why}");
    assert!(why.contains(&f.detail) && why.ends_with("followed"), "{why}");
    assert!(out.contains(&format!("week {}: its rep {rep} accepted an offer from {rival}", offer.week)), "{out}");
}

#[test]
fn a_customer_who_left_dissatisfied_is_told_so_and_not_that_a_rep_was_poached() {
    let (_, events) = poaching_run();
    let poached: Vec<Option<u32>> = events.iter().filter(|e| e.kind == EventKind::Poached).map(|e| e.rep).collect();
    let dissatisfied = |e: &&EventRecord| e.kind == EventKind::Churn && e.cause == Cause::Dissatisfied;
    // Prefer a customer whose rep was poached later, so blaming the poaching would be wrong.
    let c = events
        .iter()
        .filter(dissatisfied)
        .find(|e| poached.contains(&e.rep))
        .or_else(|| events.iter().find(dissatisfied))
        .expect("the run has a customer who left dissatisfied");
    let (customer, rep) = (c.customer.unwrap(), c.rep.unwrap());
    let out = explain("--customer", customer);
    assert_eq!(out.lines().next(), Some(format!("Customer {customer} left dissatisfied in week {}", c.week).as_str()));
    let why = line(&out, "Why: ");
    assert!(why.starts_with(&format!("Why: left dissatisfied in week {}: {}", c.week, c.detail)), "{why}");
    assert!(why.contains(&format!("owner rep {rep}")), "{why}");
    assert!(!why.contains("poached") && !why.contains("followed"), "{why}");
}

#[test]
fn a_poached_rep_is_told_its_competitor_and_how_many_customers_followed_it() {
    let (_, events) = poaching_run();
    let p = events.iter().find(|e| e.kind == EventKind::Poached).expect("the run has a poached rep");
    let rep = p.rep.unwrap();
    let followers = events.iter().filter(|e| e.kind == EventKind::Follow && e.rep == Some(rep)).count();
    let out = explain("--rep", rep);
    let headline = format!("Rep {rep} was poached by {} in week {}", p.competitor.as_deref().unwrap(), p.week);
    assert!(out.starts_with(&headline), "{out}");
    if followers > 0 {
        assert!(out.contains(&format!("customers who followed the rep when it left: {followers} ")), "{out}");
    }
}

#[test]
fn a_customer_still_with_the_company_is_told_who_owns_it() {
    let (_, events) = poaching_run();
    let lost: Vec<Option<u32>> = events
        .iter()
        .filter(|e| [EventKind::Follow, EventKind::LostOnDeparture, EventKind::Churn].contains(&e.kind))
        .map(|e| e.customer)
        .collect();
    let win = events
        .iter()
        .rev()
        .find(|e| e.kind == EventKind::Win && !lost.contains(&e.customer))
        .expect("a customer stays");
    let story = customer_story(events, win.customer.unwrap());
    assert!(story.headline.contains("is still a customer, owned by rep"), "{}", story.headline);
    assert_eq!(story.cause, None);
    assert!(story.history.iter().any(|h| h.starts_with(&format!(
        "week {}: won by rep {}",
        win.week,
        win.rep.unwrap()
    ))));
}

#[test]
fn an_id_the_log_never_mentions_has_no_record() {
    let (_, events) = poaching_run();
    assert!(customer_story(events, u32::MAX).headline.starts_with("No record of customer"));
    assert!(rep_story(events, u32::MAX).headline.starts_with("No record of rep"));
}

#[test]
fn a_missing_run_directory_exits_2_naming_the_path() {
    let dir = temp_dir("missing");
    let o = salesim(&["explain", dir.to_str().unwrap(), "--customer", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(dir.to_str().unwrap()));
}

#[test]
fn a_directory_without_events_csv_exits_2() {
    let dir = temp_dir("empty");
    std::fs::create_dir_all(&dir).unwrap();
    let o = salesim(&["explain", dir.to_str().unwrap(), "--rep", "1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("events.csv"));
}

#[test]
fn asking_for_both_or_neither_of_a_customer_and_a_rep_exits_2() {
    let (dir, _) = poaching_run();
    for extra in [&["--customer", "1", "--rep", "2"][..], &[]] {
        let mut args = vec!["explain", dir.to_str().unwrap()];
        args.extend_from_slice(extra);
        let o = salesim(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("--customer"), "{args:?}");
    }
}

/// Write `rows` as events.csv is written (with the metadata columns) into a fresh directory.
fn write_events(tag: &str, rows: &[EventRecord]) -> PathBuf {
    let dir = temp_dir(tag);
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = EventRecord::columns().join(",") + ",scenario,scenario_hash,seed,version\n";
    for r in rows {
        r.write_cells(&mut text);
        text.push_str(",\"a, b\",00ff,7,0.1.0\n");
    }
    let path = dir.join("events.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn record(kind: EventKind, detail: &str) -> EventRecord {
    EventRecord {
        week: 3,
        kind,
        rep: Some(4),
        customer: None,
        competitor: Some("Rival, \"the\" Co".into()),
        cause: Cause::Live,
        amount: None,
        detail: detail.into(),
    }
}

#[test]
fn cells_with_commas_quotes_and_line_breaks_read_back_as_written() {
    let rows = vec![
        record(EventKind::PolicyChange, "pay.commission_rate: 0.07 -> \"0.05\", then\nback"),
        EventRecord { customer: Some(9), competitor: None, amount: Some(1234.5), ..record(EventKind::Churn, "") },
        record(EventKind::DealWon, "crlf\r\ninside"),
    ];
    let read = read_events(&write_events("roundtrip", &rows)).expect("reads back");
    assert_eq!(read, rows);
}

#[test]
fn a_malformed_events_csv_is_rejected_naming_the_file_line_and_column() {
    let path = write_events("malformed", &[record(EventKind::Win, "ok")]);
    let good = std::fs::read_to_string(&path).unwrap();
    let cases = [
        (good.clone() + "x3,win,4,,,,,,s,h,7,v\n", ":3:1: column `week`"),
        (good.clone() + "3,win,4,y,,,,,s,h,7,v\n", ":3:9: column `customer_id`"),
        (good.clone() + "3,a_kind_from_the_future,4,,,,,,s,h,7,v\n", ":3:3: column `kind`: unknown event kind"),
        (good.clone() + "3,win,4,,,,lots,,s,h,7,v\n", ":3:12: column `amount`"),
        (good.clone() + "3,win,4,,,a_cause_from_the_future,,,s,h,7,v\n", ":3:11: column `cause`: unknown cause"),
        (good.clone() + "3,win,4,,\"Rival,,,,s,h,7,v\n", ":3:10: quoted cell is never closed"),
        (good.clone() + "3,win,4\n", ":3:1: 3 cells where the header has 12"),
        (good.replacen("rep_id", "rep", 1), ":1:1: the header has no column `rep_id`"),
    ];
    for (text, expected) in cases {
        std::fs::write(&path, text).unwrap();
        let err = read_events(&path).expect_err(expected);
        assert!(err.starts_with(path.to_str().unwrap()) && err.contains(expected), "{err} (expected {expected})");
    }
}

#[test]
fn explain_reads_a_log_larger_than_its_memory_limit_keeping_only_what_the_story_needs() {
    // 1.2 million records of other customers (about 80 MB), then the one asked about, read under
    // a 400 MB address-space limit: a reader that held the log, or its rows, would run out.
    let dir = temp_dir("large");
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = EventRecord::columns().join(",") + ",scenario,scenario_hash,seed,version\n";
    for i in 0..1_200_000u32 {
        text.push_str(&format!(
            "{},win,{},{},,deal,12345.5,a new customer,baseline,8c6d4d28ca6d260b,42,0.1.0\n",
            i / 2400,
            i % 50,
            i + 10
        ));
    }
    text.push_str("500,churn,,7,,dissatisfied,,satisfaction 0.1,baseline,8c6d4d28ca6d260b,42,0.1.0\n");
    std::fs::write(dir.join("events.csv"), &text).unwrap();
    assert!(text.len() > 75_000_000, "{} bytes", text.len());
    drop(text);
    let o = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 400000 && exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(["explain", dir.to_str().unwrap(), "--customer", "7"])
        .output()
        .expect("sh runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).starts_with("Customer 7 left dissatisfied in week 500"), "{}", stdout(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_records_a_story_reads_tell_the_same_story_as_the_whole_log() {
    use salesim::explain::{customer_records, read_events_where, rep_records};
    let (dir, events) = poaching_run();
    let file = dir.join("events.csv");
    let customers: Vec<u32> = events.iter().filter_map(|e| e.customer).step_by(97).take(40).collect();
    let reps: Vec<u32> = events.iter().filter_map(|e| e.rep).step_by(131).take(20).collect();
    for id in customers {
        let kept = read_events_where(&file, customer_records(id)).unwrap();
        assert!(kept.len() < events.len() / 4, "customer {id}: only what its story needs");
        assert_eq!(customer_story(&kept, id), customer_story(events, id), "customer {id}");
    }
    for id in reps {
        let kept = read_events_where(&file, rep_records(id)).unwrap();
        assert!(kept.len() < events.len() / 4, "rep {id}: only what its story needs");
        assert_eq!(rep_story(&kept, id), rep_story(events, id), "rep {id}");
    }
}
