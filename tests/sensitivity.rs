//! scripts/sensitivity.py runs a SALib Sobol design through `salesim batch --design` and prints
//! first-order and total indices with intervals for its four policy parameters. It needs the
//! Python venv of scripts/setup_tests.sh: `$SALESIM_VENV`, default `$HOME/.cache/salesim-venv`.

mod research;
use research::*;
use std::path::PathBuf;
use std::process::Command;

/// The venv's python, or a failure saying how to make it.
fn python() -> PathBuf {
    let venv = std::env::var_os("SALESIM_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cache/salesim-venv"));
    let python = venv.join("bin/python");
    assert!(
        python.exists(),
        "{} not found: run `bash scripts/setup_tests.sh` first (it creates the venv with SALib), or set SALESIM_VENV",
        python.display()
    );
    python
}

#[test]
fn the_sensitivity_script_prints_first_order_and_total_sobol_indices_with_intervals() {
    let out = out_dir("sensitivity");
    let o = Command::new(python())
        .arg(repo("scripts/sensitivity.py"))
        .args(["--scenario", &baseline(), "--n", "8", "--replicates", "2", "--weeks", "52", "--salesim", BIN])
        .args(["--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}{text}", stderr(&o));
    assert!(text.contains("S1") && text.contains("ST") && text.contains("95%"), "{text}");
    for name in ["pay.commission_rate", "pay.base_salary", "ownership.crm_retention", "pay.team_pool_share"] {
        let line = text.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("no line for {name}: {text}"));
        let numbers: Vec<f64> = line.split_whitespace().skip(1).map(|v| v.parse().unwrap()).collect();
        assert_eq!(numbers.len(), 4, "S1, its interval, ST, its interval: {line}");
        assert!(numbers.iter().all(|v| v.is_finite()), "{line}");
    }
    // n × (4 + 2) points, each run on 2 replicates, from the design SALib made.
    assert_eq!(rows(&out.join("runs.csv")).len(), 8 * 6 * 2);
    assert_eq!(rows(&out.join("design.csv")).len(), 8 * 6);
}
