//! The productivity scorecard (seed 002; docs/MODEL.md "Scorecard", src/sim/observe/scorecard.rs and
//! `salesim scorecard`): reps.csv carries each rep's results per year, a rep whose customers are
//! loyal to her shows a large portable book, and a force driven to long hours tires, quits more and
//! sells less per hour.

mod common;
use common::*;
use salesim::scenario::load::load_file;
use salesim::sim::components::Workload;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_salesim");

#[test]
fn reps_whose_customers_are_loyal_to_them_carry_a_portable_book_the_company_would_lose() {
    let s = load_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/insurance_complacency.ron")).unwrap();
    let r = run(&s);
    let last = r.reps.iter().map(|p| p.year).max().unwrap();
    // Reps with a full year (their year's revenue and their year-end run-rate compare).
    let mut stayers: Vec<_> = r
        .reps
        .iter()
        .filter(|p| p.year == last && p.left_week.is_none() && p.revenue > 0.0 && p.tenure_weeks >= 52.0)
        .collect();
    stayers.sort_by(|a, b| b.revenue.total_cmp(&a.revenue));
    let star = stayers[0];
    let median_book = {
        let mut v: Vec<f64> = stayers.iter().map(|p| p.portable_book).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    assert!(star.loyalty_to_rep_share > 0.5, "the top seller's customers are hers: {}", star.loyalty_to_rep_share);
    assert!(
        star.portable_book > 2.0 * median_book,
        "the top seller's portable book {} against the median {median_book}",
        star.portable_book
    );
    // Across the force, the more customers are loyal to their rep, the more of the book would follow.
    let xs: Vec<f64> = stayers.iter().map(|p| p.loyalty_to_rep_share).collect();
    let ys: Vec<f64> = stayers.iter().map(|p| p.portable_book / p.revenue).collect();
    let (mx, my) = (mean(&xs), mean(&ys));
    let cov: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    assert!(cov > 0.0, "portable share rises with customers' loyalty to their rep");
}

#[test]
fn a_force_driven_to_long_hours_tires_quits_more_and_sells_less_per_hour() {
    let normal = small(156);
    let mut driven = normal.clone();
    set(&mut driven, "sales_force.hours_pressure", "2.25");
    let mean_of = |f: fn(&salesim::sim::observe::metrics::RepYearRow) -> f64| {
        move |r: &Run| mean(&r.reps.iter().map(f).collect::<Vec<_>>())
    };
    assert_positive("hours a week", &paired(&normal, &driven, 30, mean_of(|p| p.hours_per_week)));
    assert_positive("fatigue", &paired(&normal, &driven, 30, mean_of(|p| p.fatigue)));
    assert_positive("quits", &paired(&normal, &driven, 30, |r| r.summary.reps_quit as f64));
    let per_hour = |r: &Run| {
        let hours: f64 = r.reps.iter().map(|p| p.hours_worked).sum();
        r.reps.iter().map(|p| p.revenue).sum::<f64>() / hours
    };
    assert_positive("revenue per hour, normal − driven", &paired(&driven, &normal, 30, per_hour));
    // Rested reps start at the culture's 90 hours; fatigue then wears the weeks down.
    let mut peak = 0.0f64;
    run_with(&driven, |sim| {
        let mut q = sim.world_mut().query::<&Workload>();
        peak = q.iter(sim.world()).map(|w| w.worked()).fold(peak, f64::max);
    });
    assert!(peak > 80.0, "90-hour weeks are possible: the longest week was {peak:.1} hours");
}

#[test]
fn salesim_scorecard_prints_the_force_card_and_who_is_successful_and_who_productive() {
    let dir = std::env::temp_dir().join(format!("salesim-scorecard-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron");
    let o =
        Command::new(BIN).args(["run", base.to_str().unwrap(), "--weeks", "156", "--out"]).arg(&dir).output().unwrap();
    assert!(o.status.success());
    let o = Command::new(BIN).arg("scorecard").arg(&dir).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    for needle in [
        "year",
        "win rate",
        "contrib/h",
        "Most successful",
        "Most productive",
        "Least productive",
        "would follow it to a rival",
    ] {
        assert!(text.contains(needle), "scorecard lacks `{needle}`:\n{text}");
    }
    let years = text.lines().filter(|l| l.trim_start().starts_with(['0', '1', '2'])).count();
    assert!(years >= 3, "one card row per year:\n{text}");
    // A damaged reps.csv is refused with its line, column and field.
    let reps = dir.join("reps.csv");
    let csv = std::fs::read_to_string(&reps).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "revenue").unwrap();
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    let mut cells: Vec<String> = lines[2].split(',').map(str::to_string).collect();
    cells[col] = "lots".into();
    lines[2] = cells.join(",");
    std::fs::write(&reps, lines.join("\n") + "\n").unwrap();
    let o = Command::new(BIN).arg("scorecard").arg(&dir).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("reps.csv:3:") && err.contains("revenue") && err.contains("lots"), "{err}");
    let o = Command::new(BIN).arg("scorecard").arg(dir.join("missing")).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_scorecard_of_a_hundred_thousand_years_takes_time_in_proportion_to_its_rows() {
    use salesim::output::csv::CsvRow;
    use salesim::sim::observe::metrics::RepYearRow;
    // One rep's row repeated over 100,000 distinct years: grouping rows by year once is linear;
    // filtering every row for each year was 10^10 steps.
    let r = run(&small(52));
    let row = r.reps.iter().find(|p| p.hours_worked > 0.0).expect("a rep who worked").clone();
    let mut text = RepYearRow::columns().join(",") + ",scenario,scenario_hash,seed,version\n";
    for year in 0..100_000 {
        RepYearRow { year, ..row.clone() }.write_cells(&mut text);
        text.push_str(",small,00ff,42,0.1.0\n");
    }
    let dir = std::env::temp_dir().join(format!("salesim-scorecard-years-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("reps.csv"), text).unwrap();
    let start = std::time::Instant::now();
    let o = Command::new(BIN).args(["scorecard", dir.to_str().unwrap()]).output().expect("runs");
    let took = start.elapsed();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Year 99999"), "the last year is the final year: {}", &out[out.len().saturating_sub(2000)..]);
    // Linear takes about a second; the quadratic grouping took 30 s on the 2-core machine. A bound
    // with room for a loaded machine either way.
    assert!(took < std::time::Duration::from_secs(10), "took {took:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
