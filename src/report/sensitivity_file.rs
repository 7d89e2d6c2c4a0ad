//! The stored sensitivity analysis: `sensitivity.rs`'s [`Sensitivity`] as JSON beside the report
//! (docs/VALIDATION.sensitivity.json), written whole or not at all (`output::write_atomically`),
//! and read back, size-bounded and checked (`sensitivity_check.rs`), by a report run that does not
//! recompute it, so that its flags are always judged against the current results.

use super::json_at::{position, show};
use super::sensitivity::Sensitivity;
use super::sensitivity_check::check;
use std::path::{Path, PathBuf};

/// Write the analysis `a` to `path` whole (under a partial name, then renamed).
pub fn write(path: &Path, a: &Sensitivity) -> Result<(), String> {
    crate::output::write_atomically(path, to_text(a).as_bytes()).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// Largest stored analysis read back (the full table at any seed count is well under 1 MB).
pub const MAX_BYTES: u64 = 16 << 20;

/// Where the analysis of the report at `report` is kept: `VALIDATION.md` → `VALIDATION.sensitivity.json`.
pub fn path_for(report: &Path) -> PathBuf {
    report.with_extension("sensitivity.json")
}

/// The stored analysis at `path`; `Ok(None)` when there is none; an error naming the file, the
/// line and column and the field where it is not a valid analysis, or holds a value this report
/// cannot trust (`sensitivity_check.rs`).
pub fn read(path: &Path) -> Result<Option<Sensitivity>, String> {
    let text = match crate::output::read_at_most(path, MAX_BYTES) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            return Err(format!(
                "{}: larger than {} MB; not a stored sensitivity analysis",
                path.display(),
                MAX_BYTES >> 20
            ));
        }
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let a: Sensitivity = serde_json::from_str(&text).map_err(|e| {
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or_default().to_string();
        format!("{}:{}:{}: {what}", path.display(), e.line(), e.column())
    })?;
    check(&a).map_err(|p| {
        let (line, column) = position(&text, &p.at).unwrap_or((1, 1));
        format!("{}:{line}:{column}: field `{}`: {}", path.display(), show(&p.at), p.message)
    })?;
    Ok(Some(a))
}

/// The analysis as the JSON text stored.
pub fn to_text(a: &Sensitivity) -> String {
    serde_json::to_string_pretty(a).expect("plain data serialises") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sensitivity::{Change, Row, Skipped};

    fn analysis() -> Sensitivity {
        let changes = [
            ("baseline:annual_rep_turnover".to_string(), Change { mean: 0.1 + 0.2, half_width: 1e-17 }),
            ("baseline:annual_customer_churn".to_string(), Change { mean: f64::NAN, half_width: f64::NAN }),
        ]
        .into_iter()
        .collect();
        Sensitivity {
            command: "salesim report".into(),
            seeds: 3,
            rows: vec![Row {
                path: "behaviour.churn.satisfaction_pivot".into(),
                factor: 0.8,
                from: "1".into(),
                to: "0.8".into(),
                changes,
            }],
            skipped: vec![Skipped { path: "careers.strikes_to_notice".into(), why: "not a number".into() }],
        }
    }

    #[test]
    fn a_stored_analysis_reads_back_bit_for_bit_with_missing_values_kept_missing() {
        let dir = std::env::temp_dir().join(format!("salesim-sens-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("r.sensitivity.json");
        write(&path, &analysis()).unwrap();
        let back = read(&path).unwrap().unwrap();
        let c = &back.rows[0].changes["baseline:annual_rep_turnover"];
        assert_eq!(c.mean.to_bits(), (0.1f64 + 0.2).to_bits());
        assert!(back.rows[0].changes["baseline:annual_customer_churn"].mean.is_nan());
        assert_eq!(to_text(&back), to_text(&analysis()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_broken_analysis_is_refused_naming_file_line_and_column() {
        let dir = std::env::temp_dir().join(format!("salesim-sens-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("r.sensitivity.json");
        std::fs::write(&path, "{\n  \"command\": \"x\",\n  \"seeds\": \"three\"\n}").unwrap();
        let e = read(&path).unwrap_err();
        assert!(e.contains("r.sensitivity.json:3:"), "{e}");
        assert!(read(&dir.join("absent.json")).unwrap().is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_analysis_naming_what_the_report_does_not_have_or_absurd_values_is_refused_where_it_says_so() {
        let dir = crate::output::scratch_dir("sens-untrusted");
        let path = dir.join("r.sensitivity.json");
        let good = to_text(&analysis());
        let turnover = "\"baseline:annual_rep_turnover\"";
        for (from, to, field) in [
            ("\"behaviour.churn.satisfaction_pivot\"", "\"behaviour.nope\"", "rows[0].path"),
            ("\"factor\": 0.8", "\"factor\": 0.5", "rows[0].factor"),
            (turnover, "\"baseline:nope\"", "rows[0].changes.baseline:nope"),
            ("\"mean\": 0.30000000000000004", "\"mean\": 1e300", "rows[0].changes.baseline:annual_rep_turnover.mean"),
            (
                "\"half_width\": 1e-17",
                "\"half_width\": -1e-17",
                "rows[0].changes.baseline:annual_rep_turnover.half_width",
            ),
            ("\"careers.strikes_to_notice\"", "\"careers.nope\"", "skipped[0].path"),
            ("\"seeds\": 3", "\"seeds\": 1", "seeds"),
        ] {
            assert!(good.contains(from), "{from} in {good}");
            let bad = good.replacen(from, to, 1);
            std::fs::write(&path, &bad).unwrap();
            let e = read(&path).unwrap_err();
            let offset = bad.find(to).unwrap();
            let line = bad[..offset].matches('\n').count() + 1;
            let column = offset - bad[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
            let value_column = column + to.find(": ").map_or(0, |i| i + 2);
            let key_column = column + to.len() + 2;
            let at = [value_column, key_column].map(|c| format!("r.sensitivity.json:{line}:{c}: field `{field}`: "));
            assert!(at.iter().any(|at| e.contains(at.as_str())), "{to}: {e}");
        }
        let empty = "{\"command\": \"x\", \"seeds\": 3,\n \"rows\": [], \"skipped\": []}";
        std::fs::write(&path, empty).unwrap();
        let e = read(&path).unwrap_err();
        assert!(e.contains("r.sensitivity.json:2:10: field `rows`: no rows"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_committed_analysis_is_trusted() {
        let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/VALIDATION.sensitivity.json");
        let a = read(&committed).unwrap().expect("docs/VALIDATION.sensitivity.json is committed");
        assert!(!a.rows.is_empty());
    }
}
