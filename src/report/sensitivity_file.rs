//! The stored sensitivity analysis: `sensitivity.rs`'s [`Sensitivity`] as JSON beside the report
//! (docs/VALIDATION.sensitivity.json), written whole or not at all (`output::write_atomically`),
//! and read back, size-bounded,
//! by a report run that does not recompute it, so that its flags are always judged against the
//! current results.

use super::sensitivity::Sensitivity;
use std::io::Read;
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

/// The stored analysis at `path`; `Ok(None)` when there is none; an error naming the file and the
/// line and column where it is not a valid analysis.
pub fn read(path: &Path) -> Result<Option<Sensitivity>, String> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut text = String::new();
    file.take(MAX_BYTES + 1).read_to_string(&mut text).map_err(|e| format!("{}: {e}", path.display()))?;
    if text.len() as u64 > MAX_BYTES {
        return Err(format!(
            "{}: larger than {} MB; not a stored sensitivity analysis",
            path.display(),
            MAX_BYTES >> 20
        ));
    }
    serde_json::from_str(&text).map(Some).map_err(|e| {
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or_default().to_string();
        format!("{}:{}:{}: {what}", path.display(), e.line(), e.column())
    })
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
            ("baseline:no_value".to_string(), Change { mean: f64::NAN, half_width: f64::NAN }),
        ]
        .into_iter()
        .collect();
        Sensitivity {
            command: "salesim report".into(),
            seeds: 3,
            rows: vec![Row { path: "careers.x".into(), factor: 0.8, from: "1".into(), to: "0.8".into(), changes }],
            skipped: vec![Skipped { path: "careers.y".into(), why: "not a number".into() }],
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
        assert!(back.rows[0].changes["baseline:no_value"].mean.is_nan());
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
}
