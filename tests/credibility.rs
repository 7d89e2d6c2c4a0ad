//! What a sales-force researcher checks first (issue "A model a sales-force researcher would
//! believe"): within a book, attention follows value; customers' churn falls with their history
//! and profile fit; the settled start has no mass give-up; and every parameter `salesim params`
//! lists can be swept by `salesim batch --set`.

mod common;
use common::*;
use salesim::Scenario;
use salesim::scenario::{params, validate};
use salesim::sim::observe::metrics::AccountYearRow;
use std::collections::HashMap;
use std::process::Command;

/// Ranks of `v` (ties share their mean rank).
fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        for k in i..=j {
            r[idx[k]] = (i + j) as f64 / 2.0;
        }
        i = j + 1;
    }
    r
}

/// Spearman rank correlation of two samples (NaN when either is constant).
fn spearman(x: &[f64], y: &[f64]) -> f64 {
    let (rx, ry) = (ranks(x), ranks(y));
    let (mx, my) = (mean(&rx), mean(&ry));
    let cov: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - mx) * (b - my)).sum();
    let vx: f64 = rx.iter().map(|a| (a - mx).powi(2)).sum();
    let vy: f64 = ry.iter().map(|b| (b - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}

/// Accounts active and owned through the whole of their year (not won in it, not lost in it).
fn whole_year(rows: &[AccountYearRow]) -> impl Iterator<Item = &AccountYearRow> {
    rows.iter().filter(|a| a.status == "active" && a.owner_rep.is_some() && a.won_week <= (a.year * 52) as i32)
}

#[test]
fn within_a_book_coverage_rises_with_what_an_account_is_worth() {
    let r = run(&bundled("baseline"));
    let mut books: HashMap<(u32, u32), (Vec<f64>, Vec<f64>)> = HashMap::new();
    for a in whole_year(&r.accounts).filter(|a| a.year >= 1) {
        let b = books.entry((a.owner_rep.unwrap(), a.year)).or_default();
        b.0.push(a.revenue);
        b.1.push(a.coverage);
    }
    let rho: Vec<f64> =
        books.values().filter(|(v, _)| v.len() >= 20).map(|(v, c)| spearman(v, c)).filter(|x| x.is_finite()).collect();
    assert!(rho.len() > 100, "enough books: {}", rho.len());
    let positive = rho.iter().filter(|x| **x > 0.0).count() as f64 / rho.len() as f64;
    assert!(mean(&rho) > 0.2, "mean rank correlation of coverage with revenue within a book: {:.3}", mean(&rho));
    assert!(positive > 0.9, "share of books where coverage rises with revenue: {positive:.3}");
}

/// Mean coverage and churn in year y of the accounts in each quartile of revenue in year y − 1.
fn by_last_years_revenue(rows: &[AccountYearRow]) -> [(f64, f64); 4] {
    let last: HashMap<(u32, u32), f64> = whole_year(rows).map(|a| ((a.account_id, a.year + 1), a.revenue)).collect();
    let mut this: Vec<(f64, &AccountYearRow)> = rows
        .iter()
        .filter(|a| a.owner_rep.is_some())
        .filter_map(|a| last.get(&(a.account_id, a.year)).map(|v| (*v, a)))
        .collect();
    this.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = this.len();
    std::array::from_fn(|q| {
        let part = &this[q * n / 4..(q + 1) * n / 4];
        let coverage = mean(&part.iter().map(|(_, a)| a.coverage).collect::<Vec<_>>());
        let churn = part.iter().filter(|(_, a)| matches!(a.lost_cause, "dissatisfied" | "competitor")).count() as f64
            / part.len() as f64;
        (coverage, churn)
    })
}

#[test]
fn in_the_insurance_story_the_least_valuable_accounts_are_the_least_covered_and_churn_most() {
    let s = bundled("insurance_complacency");
    let mut quartiles = vec![];
    for seed in 1..=5 {
        quartiles.push(by_last_years_revenue(&run(&Scenario { seed, ..s.clone() }).accounts));
    }
    let q = |i: usize, f: fn(&(f64, f64)) -> f64| mean(&quartiles.iter().map(|x| f(&x[i])).collect::<Vec<_>>());
    let coverage: Vec<f64> = (0..4).map(|i| q(i, |x| x.0)).collect();
    let churn: Vec<f64> = (0..4).map(|i| q(i, |x| x.1)).collect();
    assert!((1..4).all(|i| coverage[0] < coverage[i]), "bottom quartile least covered: {coverage:?}");
    assert!((1..4).all(|i| churn[0] > churn[i]), "bottom quartile churns most: {churn:?}");
}

#[test]
fn customers_in_their_first_year_churn_more_than_long_standing_ones_and_ideal_profile_customers_less() {
    let s = bundled("baseline");
    let young =
        over_seeds(&s, story_seeds(), |r| r.summary.first_year_customer_churn - r.summary.tenured_customer_churn);
    let fit = over_seeds(&s, story_seeds(), |r| {
        r.summary.other_profile_customer_churn - r.summary.ideal_profile_customer_churn
    });
    assert_positive("first-year minus 3+-year customer churn", &young);
    assert_positive("other-profile minus ideal-profile customer churn", &fit);
}

#[test]
fn the_settled_start_has_no_mass_give_up_in_its_first_weeks() {
    let s = bundled("baseline");
    let diffs = over_seeds(&s, story_seeds(), |r| {
        let later = r.mean(52..520, |w| w.reps_gave_up as f64);
        let start = r.mean(0..9, |w| w.reps_gave_up as f64);
        later - start
    });
    let (m, h) = mean_ci(&diffs);
    assert!(m + h >= 0.0, "weekly reps giving up, years 2–10 minus weeks 0–8: {m:.3} ± {h:.3}");
}

/// Two valid values of a numeric parameter for a sweep: its own and a neighbour in range.
fn two_values(s: &Scenario, path: &str, value: &str) -> Option<(String, String)> {
    let v: f64 = value.parse().ok()?;
    let integer = !value.contains('.') && !value.contains('e');
    let candidates: Vec<String> = if integer {
        [v + 1.0, v - 1.0, v * 2.0].iter().map(|x| format!("{x:.0}")).collect()
    } else {
        [v * 1.1, v * 0.9, v + 0.1, v - 0.1, v + 1.0].iter().map(|x| format!("{x:?}")).collect()
    };
    candidates
        .into_iter()
        .find(|c| {
            let mut t = s.clone();
            c != value && params::set(&mut t, path, c).is_ok() && validate::problems(&t).is_empty()
        })
        .map(|c| (value.to_string(), c))
}

#[test]
fn every_numeric_parameter_salesim_params_lists_can_be_swept_with_batch_set() {
    let dir = std::env::temp_dir().join(format!("salesim-sweep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = small(6);
    s.name = "sweep".into();
    let file = dir.join("small.ron");
    std::fs::write(&file, ron::ser::to_string(&s).unwrap()).unwrap();
    let exe = env!("CARGO_BIN_EXE_salesim");
    let listed = Command::new(exe).arg("params").output().unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    let mut swept = 0;
    let mut failures = vec![];
    for line in listed.lines() {
        let Some((path, rest)) = line.split_once(" = ") else { continue };
        let value = rest.split("  #").next().unwrap().trim();
        if path == "seed" || path == "weeks" || value.parse::<f64>().is_err() {
            continue;
        }
        let value = params::get(&s, path).unwrap_or_else(|| panic!("{path} is listed but cannot be read"));
        let Some((a, b)) = two_values(&s, path, &value) else {
            failures.push(format!("{path}: no second valid value near {value}"));
            continue;
        };
        let out = dir.join(path.replace('.', "_"));
        let o = Command::new(exe)
            .args(["batch", file.to_str().unwrap(), "--replicates", "1", "--jobs", "1", "--force", "--out"])
            .arg(&out)
            .arg("--set")
            .arg(format!("{path}={a},{b}"))
            .output()
            .unwrap();
        let runs = std::fs::read_to_string(out.join("runs.csv")).unwrap_or_default();
        if !o.status.success() || runs.lines().count() != 3 {
            failures.push(format!("{path}={a},{b}: {}", String::from_utf8_lossy(&o.stderr)));
        }
        swept += 1;
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(swept > 150, "numeric parameters swept: {swept}");
    assert!(failures.is_empty(), "{failures:#?}");
}
