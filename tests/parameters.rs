//! Every parameter `salesim params` lists is declared once, in its section (`section!`): it can be
//! set by its path (as `Set` events, `batch --set` and the live controls set it), a value outside
//! its declared range is refused by validation naming that path, and it has documentation.

mod common;

use common::bundled;
use salesim::scenario::{params, validate};

/// Paths that are the run's own settings rather than a section's parameters.
const RUN_SETTINGS: [&str; 2] = ["seed", "weeks"];

#[test]
fn every_listed_parameter_is_settable_validated_and_documented() {
    let s = bundled("baseline");
    let mut unranged = Vec::new();
    for path in params::paths() {
        let value = params::get(&s, &path).unwrap_or_else(|| panic!("{path}: listed but has no value"));
        let mut same = s.clone();
        params::set(&mut same, &path, &value)
            .unwrap_or_else(|e| panic!("{path}: its own value {value} is refused: {e}"));
        assert_eq!(same, s, "{path}: setting its own value changed the scenario");
        if RUN_SETTINGS.contains(&path.as_str()) {
            continue;
        }
        assert!(params::doc(&path).is_some_and(|d| !d.trim().is_empty()), "{path}: no documentation");
        let numeric = value.parse::<f64>().is_ok();
        match params::range(&path) {
            Some((lo, hi)) => {
                assert!(lo <= hi, "{path}: empty range {lo}..={hi}");
                let outside = if value.contains('.') || value.contains('e') {
                    format!("{:?}", hi + hi.abs() + 1.0)
                } else {
                    format!("{}", hi as u64 + 1)
                };
                let mut bad = s.clone();
                if params::set(&mut bad, &path, &outside).is_ok() {
                    let problems = validate::problems(&bad);
                    assert!(
                        problems.iter().any(|p| p.path == path),
                        "{path} = {outside} (above its range {lo}..={hi}) passes validation: {problems:?}"
                    );
                }
            }
            None if numeric => unranged.push(path.clone()),
            None => {
                let mut bad = s.clone();
                assert!(params::set(&mut bad, &path, "NotAValue(").is_err(), "{path}: a malformed value is taken");
            }
        }
    }
    assert!(unranged.is_empty(), "numeric parameters without a declared range: {unranged:?}");
}

#[test]
fn a_pay_parameter_is_declared_once_with_its_default_range_and_doc() {
    // The worked example of docs/ARCHITECTURE.md: `pay.accelerator` is one line of `section!`.
    assert_eq!(params::range("pay.accelerator"), Some((1.0, 5.0)));
    assert!(params::doc("pay.accelerator").is_some_and(|d| d.contains("above quota")));
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/baseline.ron")).unwrap();
    let without = text.replace("accelerator: 1.5,", "");
    assert_ne!(without, text, "the baseline no longer sets the accelerator; pick another field");
    let s = salesim::scenario::load::parse_str(&without, "baseline.ron").expect("a left-out field takes its default");
    assert_eq!(s.pay.accelerator, 1.5);
}

#[test]
fn a_required_pay_field_left_out_is_refused_by_name() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/baseline.ron")).unwrap();
    let line =
        text.lines().find(|l| l.trim_start().starts_with("base_salary:")).expect("the baseline sets base_salary");
    let without = text.replace(&format!("{line}\n"), "");
    let err = salesim::scenario::load::parse_str(&without, "baseline.ron").expect_err("base_salary is required");
    assert!(format!("{err:?}").contains("base_salary"), "{err:?}");
}
