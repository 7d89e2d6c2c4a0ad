//! Every file in tests/bad_scenarios/ is rejected with its file, line, column and field, by the
//! library and by `salesim validate` (exit code 2), and never with a panic.

use salesim::scenario::load::load_file;
use std::path::{Path, PathBuf};
use std::process::Command;

/// File name → (line, the field the first error must name).
const EXPECTED: &[(&str, usize, &str)] = &[
    ("absurd_accounts.ron", 6, "market.accounts"),
    ("absurd_weeks.ron", 5, "weeks"),
    ("binary_file.ron", 1, ""),
    ("duplicate_competitor.ron", 7, "competitors[1].name"),
    ("empty_file.ron", 1, ""),
    ("event_after_the_end.ron", 8, "timeline[0].week"),
    ("first_firm_enters_later.ron", 8, "timeline[0].event"),
    ("infinite_rate.ron", 6, "pay.commission_rate"),
    ("missing_base_salary.ron", 6, "pay.base_salary"),
    ("missing_seed.ron", 6, "seed"),
    ("negative_bonus_payout.ron", 6, "pay.bonuses[0].payout"),
    ("negative_size.ron", 6, "sales_force.reps"),
    ("set_initial_only_path.ron", 8, "timeline[0].event.path"),
    ("set_unknown_path.ron", 8, "timeline[0].event.path"),
    ("set_value_does_not_parse.ron", 8, "timeline[0].event.value"),
    ("set_value_out_of_range.ron", 8, "timeline[0].event.value"),
    ("share_out_of_range.ron", 7, "ownership.crm_retention"),
    ("syntax_missing_comma.ron", 5, "weeks"),
    ("syntax_unclosed_paren.ron", 6, "pay"),
    ("unknown_competitor.ron", 9, "timeline[0].event"),
    ("unknown_enum_variant.ron", 6, "pay.quota_period"),
    ("unknown_field_in_pay.ron", 6, "pay.comission_rate"),
    ("unknown_top_level_field.ron", 6, "colour"),
    ("wrong_type_string_for_number.ron", 6, "pay.base_salary"),
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_scenarios")
}

#[test]
fn every_bad_scenario_is_rejected_with_file_line_column_and_field() {
    let mut files: Vec<String> =
        std::fs::read_dir(dir()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    let named: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    assert_eq!(files, named, "every bad file has an expectation, and every expectation a file");
    assert!(files.len() >= 15);
    for (name, line, field) in EXPECTED {
        let path = dir().join(name);
        let errors = load_file(&path).expect_err(name);
        let first = &errors[0];
        assert_eq!(first.file, path.display().to_string());
        assert_eq!(first.line, *line, "{name}: {first}");
        assert!(first.column >= 1, "{name}: {first}");
        assert!(first.field.contains(field), "{name}: expected field `{field}` in {first}");
        assert!(!first.message.is_empty());
    }
}

#[test]
fn validate_exits_with_code_2_naming_file_line_column_and_field_without_panicking() {
    for (name, line, field) in EXPECTED {
        let path = dir().join(name);
        let out = Command::new(env!("CARGO_BIN_EXE_salesim")).arg("validate").arg(&path).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains(&format!("{}:{line}:", path.display())), "{name}: {stderr}");
        assert!(stderr.contains(&format!("`{field}")) || field.is_empty(), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    }
}

#[test]
fn every_bundled_scenario_is_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let out = Command::new(env!("CARGO_BIN_EXE_salesim")).arg("validate").arg(&path).output().unwrap();
        assert!(out.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    }
}
