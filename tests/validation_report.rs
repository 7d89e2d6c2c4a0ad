//! The committed docs/VALIDATION.md is the output of `salesim report` on the committed code.

use std::process::Command;

#[test]
fn the_committed_validation_report_is_what_the_code_produces() {
    let root = env!("CARGO_MANIFEST_DIR");
    let doc = std::fs::read_to_string(format!("{root}/docs/VALIDATION.md")).expect("docs/VALIDATION.md is committed");
    let seeds: String = doc
        .split("salesim report --seeds ")
        .nth(1)
        .expect("the report names the command that made it")
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    assert!(seeds.parse::<u64>().unwrap() >= 30, "at least 30 seeds");
    let out = Command::new(env!("CARGO_BIN_EXE_salesim"))
        .current_dir(root)
        .args(["report", "--check", "--seeds", &seeds])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_report_command_writes_a_report_with_every_pattern() {
    let out_file = std::env::temp_dir().join(format!("salesim-report-{}.md", std::process::id()));
    let out = Command::new(env!("CARGO_BIN_EXE_salesim"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["report", "--seeds", "3", "--out", out_file.to_str().unwrap()])
        .args(["--sensitivity-seeds", "2", "--sensitivity-params", "behaviour.churn.satisfaction_pivot"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&out_file).unwrap();
    for id in
        ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12", "F13", "F14", "F15", "F16", "F17"]
    {
        assert!(text.contains(&format!("| {id} |")), "{id} missing");
    }
    assert!(text.contains("remedy_quarterly_quota") && text.contains("## Remedies"));
    // The sensitivity table: the parameter at both steps, with a paired change for each headline.
    let table = &text[text.find("## Sensitivity").expect("a sensitivity section")..];
    for step in ["-20%", "+20%"] {
        let row = table
            .lines()
            .find(|l| l.starts_with("| `behaviour.churn.satisfaction_pivot` |") && l.contains(step))
            .unwrap_or_else(|| panic!("a row at {step}"));
        assert!(row.contains("0.600 → "), "{row}");
        assert!(row.matches(" ± ").count() >= 4, "{row}");
    }
    assert!(!table.contains("behaviour.churn.falling_loyalty_margin"), "only the parameters asked for");
    // Every pattern row carries its sensitivity flag, from the analysis stored beside the report.
    let patterns = &text[text.find("## Patterns").unwrap()..text.find("## Stories").unwrap()];
    let rows: Vec<&str> = patterns.lines().filter(|l| l.starts_with("| F")).collect();
    assert!(rows.len() >= 26, "{patterns}");
    for row in &rows {
        assert!(row.contains("| holds at ±20% |") || row.contains("| ⚠ `behaviour.churn.satisfaction_pivot`"), "{row}");
    }
    let stored = out_file.with_extension("sensitivity.json");
    let json = std::fs::read_to_string(&stored).expect("the analysis is stored beside the report");
    assert!(json.contains("\"behaviour.churn.satisfaction_pivot\"") && json.contains("baseline:annual_rep_turnover"));
    // A run that reuses the stored analysis gives the same report; a broken one is refused at once.
    let check = Command::new(env!("CARGO_BIN_EXE_salesim"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["report", "--check", "--seeds", "3", "--out", out_file.to_str().unwrap()])
        .output()
        .expect("runs");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    std::fs::write(&stored, &json[..json.len() / 2]).unwrap();
    let broken = Command::new(env!("CARGO_BIN_EXE_salesim"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["report", "--check", "--seeds", "3", "--out", out_file.to_str().unwrap()])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&broken.stderr);
    assert_eq!(broken.status.code(), Some(2), "{err}");
    assert!(err.contains(".sensitivity.json:") && !err.contains("runs"), "named, and refused before any run: {err}");
    let _ = std::fs::remove_file(&out_file);
    let _ = std::fs::remove_file(&stored);
}

#[test]
fn a_stored_analysis_naming_an_unknown_parameter_or_result_or_absurd_values_is_refused_before_any_run() {
    let dir = std::env::temp_dir().join(format!("salesim-report-untrusted-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (report, stored) = (dir.join("VALIDATION.md"), dir.join("VALIDATION.sensitivity.json"));
    let good = std::fs::read_to_string(format!("{}/docs/VALIDATION.sensitivity.json", env!("CARGO_MANIFEST_DIR")))
        .expect("the stored analysis is committed");
    let row = "\"path\": \"effort.directed_hunting_share\"";
    let churn = "\"baseline:annual_customer_churn\": {\n          \"mean\": -0.002322609987205226,\n          \"half_width\": 0.0036684211338935315";
    assert!(good.contains(row) && good.contains(churn), "the committed analysis starts as this test expects");
    let cases = [
        (
            good.replacen(row, "\"path\": \"behaviour.nope\"", 1),
            "\"behaviour.nope\"",
            "`behaviour.nope` is not a behavioural parameter",
        ),
        (
            good.replacen("\"baseline:annual_customer_churn\"", "\"baseline:nope\"", 1),
            "\"baseline:nope\"",
            "`baseline:nope` is not a result",
        ),
        (good.replacen(churn, &churn.replace("-0.002322609987205226", "1e300"), 1), "1e300", "not a plausible change"),
        (good.replacen(churn, &churn.replace("0.0036684211338935315", "-0.5"), 1), "-0.5", "not a half-width"),
        ("{\"command\": \"x\", \"seeds\": 10, \"rows\": [], \"skipped\": []}".to_string(), "[]", "no rows"),
    ];
    for (text, value, needle) in cases {
        std::fs::write(&stored, &text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_salesim"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["report", "--seeds", "3", "--sensitivity-seeds", "0", "--out", report.to_str().unwrap()])
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        let line = text[..text.find(value).unwrap()].matches('\n').count() + 1;
        assert_eq!(out.status.code(), Some(2), "{needle}: {err}");
        let at = format!("VALIDATION.sensitivity.json:{line}:");
        assert!(err.contains(&at) && err.contains("field `") && err.contains(needle), "{needle} at {at}: {err}");
        assert!(!err.contains("runs"), "refused before any run: {err}");
        assert!(!report.exists(), "no report written");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
