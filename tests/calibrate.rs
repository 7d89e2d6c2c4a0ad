//! Calibration (issue 27): the measures a run gives are the same in process and from its files;
//! bad observed and priors files are refused where they are wrong, before any run; ABC-SMC
//! recovers known parameters (simulation-based calibration, on a toy model and on a small world);
//! a parameter the scenario never uses is reported not identified; and the posterior does not
//! depend on the number of jobs.

mod common;

use common::small;
use salesim::calibrate::abc::{self, Problem, Settings};
use salesim::calibrate::fit::measure_run;
use salesim::calibrate::measures::{Measure, to_csv};
use salesim::calibrate::observed::Observation;
use salesim::calibrate::posterior::Verdict;
use salesim::calibrate::priors::{Parameter, Prior};
use salesim::calibrate::{Plan, Request, calibrate};
use salesim::rng::{Purpose, Stream};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_salesim");

fn temp(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("salesim-calibrate-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn uniform(path: &str, lo: f64, hi: f64) -> Parameter {
    Parameter { path: path.into(), prior: Prior::Uniform(lo, hi) }
}

#[test]
fn kpis_of_a_run_folder_are_the_measures_the_calibration_computes_in_process() {
    let mut s = small(60);
    s.seed = 11;
    let dir = temp("kpis");
    salesim::run::simulate_to(s.clone(), &dir).unwrap();
    let out = Command::new(BIN).arg("kpis").arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let in_process: Vec<(Measure, f64)> = Measure::ALL.into_iter().zip(measure_run(&s, &[], &[], 11)).collect();
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(printed, to_csv(&in_process));
    assert!(printed.lines().count() == Measure::ALL.len() + 1);
    assert!(in_process.iter().any(|(m, v)| *m == Measure::WinRate && *v > 0.0));
}

/// `salesim calibrate` on the baseline with the observed and priors files in `dir`, small
/// settings, then `extra` arguments.
fn calibrate_command(dir: &std::path::Path, extra: &[&str]) -> Command {
    let scenario = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron");
    let mut c = Command::new(BIN);
    c.arg("calibrate")
        .arg(&scenario)
        .arg("--observed")
        .arg(dir.join("observed.csv"))
        .arg("--params")
        .arg(dir.join("priors.ron"))
        .args(["--jobs", "1", "--out"])
        .arg(dir.join("out"))
        .args(extra);
    c
}

/// A folder with these observed and priors files.
fn inputs_in(tag: &str, observed: &str, priors: &str) -> PathBuf {
    let dir = temp(tag);
    std::fs::write(dir.join("observed.csv"), observed).unwrap();
    std::fs::write(dir.join("priors.ron"), priors).unwrap();
    dir
}

/// Run `calibrate` on bad or good inputs with a tiny budget; (exit code, stderr, out dir).
fn calibrate_cli(tag: &str, observed: &str, priors: &str) -> (i32, String, PathBuf) {
    let dir = inputs_in(tag, observed, priors);
    let o = calibrate_command(&dir, &["--budget", "30", "--population", "10", "--weeks", "10"]).output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stderr).into_owned(), dir.join("out"))
}

const GOOD_OBSERVED: &str = "measure,value\ncustomer_churn,0.1\n";
const GOOD_PRIORS: &str = "[\n  (path: \"customers.churn_rate_annual\", prior: Uniform(0.02, 0.2)),\n]\n";

#[test]
fn bad_observed_or_priors_files_are_refused_with_file_line_column_and_field_before_any_run() {
    let cases = [
        ("unknown-measure", "measure,value\ncustomer_chrun,0.1\n", GOOD_PRIORS, "observed.csv:2:1: field `measure`"),
        ("duplicated", "measure,value\nwin_rate,0.2\nwin_rate,0.3\n", GOOD_PRIORS, "observed.csv:3:1: field `measure`"),
        ("nan-value", "measure,value\nwin_rate,NaN\n", GOOD_PRIORS, "observed.csv:2:10: field `value`"),
        (
            "unknown-path",
            GOOD_OBSERVED,
            "[\n  (path: \"customers.churn_rate\", prior: Uniform(0.02, 0.2)),\n]\n",
            "priors.ron:2:",
        ),
        (
            "empty-range",
            GOOD_OBSERVED,
            "[\n  (path: \"customers.churn_rate_annual\", prior: Uniform(0.2, 0.02)),\n]\n",
            "priors.ron:2:",
        ),
        (
            "nan-prior",
            GOOD_OBSERVED,
            "[\n  (path: \"customers.churn_rate_annual\", prior: Uniform(NaN, 0.2)),\n]\n",
            "priors.ron:2:",
        ),
    ];
    for (tag, observed, priors, located) in cases {
        let (code, stderr, out) = calibrate_cli(tag, observed, priors);
        assert_eq!(code, 2, "{tag}: {stderr}");
        assert!(stderr.contains(located), "{tag}: expected `{located}` in {stderr}");
        assert!(!stderr.contains("generation"), "{tag}: a run started: {stderr}");
        assert!(!out.exists(), "{tag}: outputs were written");
    }
    let (code, stderr, _) = calibrate_cli(
        "unknown-path-field",
        GOOD_OBSERVED,
        "[\n  (path: \"customers.churn_rate\", prior: Uniform(0.02, 0.2)),\n]\n",
    );
    assert!(
        code == 2 && stderr.contains("field `[0].path`") && stderr.contains("customers.churn_rate_annual"),
        "{stderr}"
    );
}

#[test]
fn a_good_calibration_writes_its_posterior_summary_checks_and_plot() {
    let (code, stderr, out) = calibrate_cli("good", GOOD_OBSERVED, GOOD_PRIORS);
    assert_eq!(code, 0, "{stderr}");
    for f in [
        "posterior.csv",
        "posterior.parquet",
        "summary.csv",
        "correlations.csv",
        "checks.csv",
        "generations.csv",
        "calibration.svg",
    ] {
        assert!(out.join(f).exists(), "{f} missing");
    }
    let posterior = std::fs::read_to_string(out.join("posterior.csv")).unwrap();
    assert!(posterior.starts_with("particle,weight,distance,customers.churn_rate_annual\n"));
    assert_eq!(posterior.lines().count(), 11);
    assert!(std::fs::read_to_string(out.join("calibration.svg")).unwrap().contains("<svg"));
}

/// A toy problem: two measures, each the parameter plus normal noise of SD 0.05.
fn toy(truth: &[f64], seed: u64) -> (Problem, Vec<Prior>) {
    let priors = vec![Prior::Uniform(0.0, 1.0), Prior::Uniform(0.0, 1.0)];
    let observed = toy_model(truth, seed);
    let problem = Problem { priors: priors.clone(), observed, observed_sd: vec![None, None], fitted: vec![true, true] };
    (problem, priors)
}

fn toy_model(values: &[f64], seed: u64) -> Vec<f64> {
    let mut rng = Stream::new(seed, 0, 0, Purpose::CalibrationRun);
    values.iter().map(|v| v + 0.05 * rng.normal()).collect()
}

/// Share of (company, parameter) whose 90% interval holds the truth, over `companies` toy companies.
fn toy_coverage(companies: u64) -> f64 {
    let mut covered = 0;
    for c in 0..companies {
        let mut rng = Stream::new(99, c, 0, Purpose::CalibrationProposal);
        let truth = [0.1 + 0.8 * rng.unit(), 0.1 + 0.8 * rng.unit()];
        let (problem, priors) = toy(&truth, 1_000 + c);
        let settings = Settings { population: 100, runs: 6_000, seed: c, jobs: 1 };
        let pop = abc::run(&problem, settings, &|v: &[f64], s: u64| toy_model(v, s), None, |_| {});
        let params: Vec<Parameter> = priors.iter().map(|p| Parameter { path: "x".into(), prior: *p }).collect();
        let m = salesim::calibrate::posterior::marginals(&params, &pop.particles);
        covered += m.iter().zip(truth).filter(|(m, t)| m.q05 <= *t && *t <= m.q95).count();
    }
    covered as f64 / (2 * companies) as f64
}

#[test]
fn abc_smc_intervals_cover_a_toy_models_truth_at_about_their_nominal_rate() {
    let coverage = toy_coverage(100);
    eprintln!("toy SBC: 90% intervals covered the truth in {:.1}% of 200 cases", 100.0 * coverage);
    assert!((0.80..=0.97).contains(&coverage), "coverage {coverage}");
}

/// The small world's calibration problem: three parameters the measures inform and one
/// (`training.fit_gain`) that acts only through training, which the scenario does not use.
fn small_world_priors() -> Vec<Parameter> {
    vec![
        uniform("careers.quit_rate_annual", 0.03, 0.3),
        uniform("customers.churn_rate_annual", 0.02, 0.2),
        uniform("deals.new_win_rate", 0.14, 0.35),
        uniform("training.fit_gain", 0.0, 1.0),
    ]
}

const SMALL_WORLD_MEASURES: [Measure; 5] = [
    Measure::RepTurnover,
    Measure::CustomerChurn,
    Measure::CustomerChurnFirstYear,
    Measure::WinRate,
    Measure::ShareAtQuota,
];

/// Calibrate the small world to a synthetic company made with `truth` on seed `seed`.
fn small_world_request(truth: &[f64], seed: u64, jobs: usize, plan: Plan) -> Request {
    let scenario = small(104);
    let parameters = small_world_priors();
    let values = measure_run(&scenario, &parameters, truth, seed);
    let observed = SMALL_WORLD_MEASURES
        .iter()
        .map(|m| Observation {
            measure: *m,
            window: Default::default(),
            value: values[Measure::ALL.iter().position(|a| a == m).unwrap()],
            sd: None,
            line: 0,
        })
        .collect();
    Request { scenario, parameters, observed, held_out: vec![], plan, seed: seed + 1, jobs }
}

/// Per synthetic company: truth, and per parameter (q05, q95, verdict).
type SbcResult = Vec<(Vec<f64>, Vec<(f64, f64, Verdict)>)>;

const SBC_COMPANIES: u64 = 20;

/// Simulation-based calibration on the small world (computed once, shared by two tests).
fn small_world_sbc() -> &'static SbcResult {
    static SBC: OnceLock<SbcResult> = OnceLock::new();
    SBC.get_or_init(|| {
        let started = Instant::now();
        let plan = Plan { population: 40, smc_runs: 600, checks: 2 };
        let out = (0..SBC_COMPANIES)
            .map(|c| {
                let mut rng = Stream::new(2027, c, 0, Purpose::CalibrationProposal);
                let truth: Vec<f64> = small_world_priors().iter().map(|p| p.prior.quantile(rng.unit())).collect();
                let cal = calibrate(&small_world_request(&truth, 500 + c, 1, plan), None, |_| {});
                let intervals = cal.marginals.iter().map(|m| (m.q05, m.q95, m.verdict)).collect();
                (truth, intervals)
            })
            .collect();
        eprintln!(
            "small-world SBC: {SBC_COMPANIES} companies × {} runs in {:.0} s",
            plan.runs() + 1,
            started.elapsed().as_secs_f64()
        );
        out
    })
}

#[test]
fn on_a_small_world_the_90_percent_intervals_of_identified_parameters_cover_the_truth_80_to_97_percent_of_the_time() {
    let sbc = small_world_sbc();
    let informed = 3;
    let (mut cases, mut covered, mut all_covered) = (0, 0, 0);
    for k in 0..informed {
        let hit = |(t, iv): &&(Vec<f64>, Vec<(f64, f64, Verdict)>)| iv[k].0 <= t[k] && t[k] <= iv[k].1;
        let identified = |(_, iv): &&(Vec<f64>, Vec<(f64, f64, Verdict)>)| iv[k].2 != Verdict::NotIdentified;
        let n = sbc.iter().filter(identified).count();
        let c = sbc.iter().filter(identified).filter(hit).count();
        let all = sbc.iter().filter(hit).count();
        eprintln!(
            "  {}: (weakly) identified in {n} of {}, covered in {c} of those; covered in {all} of all",
            small_world_priors()[k].path,
            sbc.len()
        );
        (cases, covered, all_covered) = (cases + n, covered + c, all_covered + all);
    }
    let coverage = covered as f64 / cases as f64;
    eprintln!(
        "small-world SBC: 90% intervals of (weakly) identified parameters covered the truth in {:.1}% of {cases} cases ({:.1}% of all {})",
        100.0 * coverage,
        100.0 * all_covered as f64 / (informed * sbc.len()) as f64,
        informed * sbc.len()
    );
    assert!(cases >= 20, "too few identified cases ({cases}) to judge coverage");
    assert!((0.80..=0.97).contains(&coverage), "coverage {coverage}");
}

#[test]
fn a_parameter_acting_only_through_a_policy_the_scenario_does_not_use_is_not_identified() {
    let sbc = small_world_sbc();
    let unused = 3;
    // Never identified; at most one company in ten calls it weakly identified (a population of 40
    // weighted particles narrows an uninformed posterior by chance now and then).
    let verdicts: Vec<Verdict> = sbc.iter().map(|(_, iv)| iv[unused].2).collect();
    assert!(!verdicts.contains(&Verdict::Identified), "training.fit_gain was judged identified: {verdicts:?}");
    let not_identified = verdicts.iter().filter(|v| **v == Verdict::NotIdentified).count();
    assert!(
        not_identified * 10 >= sbc.len() * 9,
        "training.fit_gain not identified in only {not_identified}: {verdicts:?}"
    );
    // Its posterior is close to its prior: the 90% interval spans most of 0..1. The prior's is 0.9
    // wide; with a population of 40 weighted particles each end moves by about ±0.1 by chance, so
    // one company's interval may be narrower, but on average they are near the prior's.
    let widths: Vec<f64> = sbc.iter().map(|(_, iv)| iv[unused].1 - iv[unused].0).collect();
    let mean = widths.iter().sum::<f64>() / widths.len() as f64;
    assert!(mean > 0.75 && widths.iter().all(|w| *w > 0.6), "90% interval widths {widths:?}");
    let informed = sbc.iter().filter(|(_, iv)| iv[2].2 != Verdict::NotIdentified).count();
    assert!(informed > sbc.len() / 2, "the win rate, which the measures do inform, was identified in only {informed}");
}

#[test]
fn the_same_inputs_give_the_same_posterior_on_one_and_two_jobs() {
    let plan = Plan { population: 8, smc_runs: 48, checks: 8 };
    let truth = [0.12, 0.08, 0.2, 0.5];
    let mut request = small_world_request(&truth, 7, 1, plan);
    request.scenario.weeks = 52;
    let one = calibrate(&request, None, |_| {});
    request.jobs = 2;
    let two = calibrate(&request, None, |_| {});
    assert_eq!(one.population, two.population);
    assert_eq!(salesim::calibrate::output::posterior_csv(&one), salesim::calibrate::output::posterior_csv(&two));
    assert_eq!(salesim::calibrate::output::checks_csv(&one), salesim::calibrate::output::checks_csv(&two));
    request.seed += 1;
    let other = calibrate(&request, None, |_| {});
    assert_ne!(one.population, other.population, "another seed should give other draws");
}

#[test]
fn a_calibration_killed_after_a_generation_and_resumed_gives_the_posterior_of_one_never_stopped() {
    let settings = ["--budget", "260", "--population", "10", "--weeks", "30"];
    let whole = inputs_in("resume-whole", GOOD_OBSERVED, GOOD_PRIORS);
    let o = calibrate_command(&whole, &settings).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let killed = inputs_in("resume-killed", GOOD_OBSERVED, GOOD_PRIORS);
    let mut child = calibrate_command(&killed, &settings).stderr(std::process::Stdio::null()).spawn().unwrap();
    let checkpoint = killed.join("out/checkpoint.json");
    while !checkpoint.exists() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(child.try_wait().unwrap().is_none(), "the calibration ended before it could be killed");
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!killed.join("out/posterior.csv").exists());
    let again = calibrate_command(&killed, &settings).output().unwrap();
    assert_eq!(again.status.code(), Some(2), "an unfinished calibration must not be overwritten without --resume");
    let resumed = calibrate_command(&killed, &[&settings[..], &["--resume"]].concat()).output().unwrap();
    let stderr = String::from_utf8_lossy(&resumed.stderr);
    assert!(resumed.status.success() && stderr.contains("resuming after generation"), "{stderr}");
    for f in ["posterior.csv", "summary.csv", "checks.csv", "generations.csv"] {
        let a = std::fs::read(whole.join("out").join(f)).unwrap();
        assert_eq!(a, std::fs::read(killed.join("out").join(f)).unwrap(), "{f} differs after resuming");
    }
    std::fs::write(killed.join("observed.csv"), "measure,value\ncustomer_churn,0.11\n").unwrap();
    let changed = calibrate_command(&killed, &[&settings[..], &["--resume"]].concat()).output().unwrap();
    let stderr = String::from_utf8_lossy(&changed.stderr);
    assert!(changed.status.code() == Some(2) && stderr.contains("the observed file changed"), "{stderr}");
    std::fs::write(killed.join("observed.csv"), GOOD_OBSERVED).unwrap();
    std::fs::write(killed.join("priors.ron"), GOOD_PRIORS.replace("0.2)", "0.25)")).unwrap();
    let changed = calibrate_command(&killed, &[&settings[..], &["--resume"]].concat()).output().unwrap();
    let stderr = String::from_utf8_lossy(&changed.stderr);
    assert!(changed.status.code() == Some(2) && stderr.contains("the priors file changed"), "{stderr}");
}

#[test]
fn compare_under_a_posterior_pairs_each_draw_and_reports_an_interval_and_the_chance_of_a_positive_effect() {
    let (code, stderr, out) = calibrate_cli("decide", GOOD_OBSERVED, GOOD_PRIORS);
    assert_eq!(code, 0, "{stderr}");
    let scenarios = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let compare = |b: &str, tag: &str| {
        let dir = out.parent().unwrap().join(tag);
        let o = Command::new(BIN)
            .arg("compare")
            .arg(scenarios.join("baseline.ron"))
            .arg(scenarios.join(b))
            .arg("--posterior")
            .arg(&out)
            .args(["--draws", "4", "--jobs", "1", "--out"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read_to_string(dir.join("compare.csv")).unwrap()
    };
    let same = compare("baseline.ron", "same");
    assert!(same.starts_with("kpi,draws,a_mean,b_mean,b_minus_a,p05,p95,p_positive\n"));
    for line in same.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(&cells[4..], ["0", "0", "0", "0"], "a scenario against itself differs: {line}");
    }
    let crm = compare("remedy_crm.ron", "crm");
    assert!(crm.lines().skip(1).any(|l| l.split(',').nth(4) != Some("0")), "the remedy changed nothing:\n{crm}");
}
