//! Reading a scenario file: parse errors and validation problems become messages that name the
//! file, line, column and field.

use super::{Scenario, locate, validate};
use std::fmt;
use std::path::Path;

/// Scenario files larger than this are refused after reading one byte more (never trusting the
/// size the file system reports).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// At most this many problems of one file are reported (then how many more there are).
pub const MAX_REPORTED: usize = 100;

/// Why a scenario could not be used.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub field: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = if self.field.is_empty() { "(top level)" } else { &self.field };
        write!(f, "{}:{}:{}: field `{}`: {}", self.file, self.line, self.column, field, self.message)
    }
}

impl std::error::Error for ScenarioError {}

impl ScenarioError {
    /// A problem with the file as a whole (it cannot be read, or is too large).
    pub fn whole(file: &str, message: String) -> Self {
        ScenarioError { file: file.to_string(), line: 1, column: 1, field: String::new(), message }
    }
}

/// Read and check a scenario file. All problems found are returned, first the earliest.
pub fn load_file(path: &Path) -> Result<Scenario, Vec<ScenarioError>> {
    let src = read_text(path).map_err(|e| vec![e])?;
    parse_str(&src, &path.display().to_string())
}

/// Read a (scenario or session) file of at most [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, ScenarioError> {
    let file = path.display().to_string();
    let whole = |message: String| ScenarioError::whole(&file, message);
    crate::output::read_at_most(path, MAX_FILE_BYTES).map_err(|e| match e.kind() {
        std::io::ErrorKind::FileTooLarge => {
            whole(format!("file is larger than {MAX_FILE_BYTES} bytes; input files are at most that"))
        }
        _ => whole(format!("cannot read the file: {e}")),
    })
}

/// Parse RON text into `T`; a parse error names the file, line, column and field.
pub fn parse_ron<T: serde::de::DeserializeOwned>(src: &str, file: &str) -> Result<T, ScenarioError> {
    ron::from_str(src).map_err(|e| {
        let offset = locate::offset_of(src, e.span.start.line, e.span.start.col);
        let field = match &e.code {
            // The span is the end of the struct that lacks the field: name the field inside it.
            ron::Error::MissingStructField { field, .. } => match locate::scope_at(src, offset) {
                scope if scope.is_empty() => field.to_string(),
                scope => format!("{scope}.{field}"),
            },
            _ => locate::path_at(src, offset),
        };
        ScenarioError {
            file: file.to_string(),
            line: e.span.start.line,
            column: e.span.start.col,
            field,
            message: e.code.to_string(),
        }
    })
}

/// Parse and check scenario text; `file` names it in messages.
pub fn parse_str(src: &str, file: &str) -> Result<Scenario, Vec<ScenarioError>> {
    let scenario: Scenario = parse_ron(src, file).map_err(|e| vec![e])?;
    let problems = validate::problems(&scenario);
    if problems.is_empty() {
        return Ok(scenario);
    }
    let shown = &problems[..problems.len().min(MAX_REPORTED)];
    let paths: Vec<&str> = shown.iter().map(|p| p.path.as_str()).collect();
    let mut errors: Vec<ScenarioError> = shown
        .iter()
        .zip(locate::locate_all(src, &paths))
        .map(|(p, at)| {
            let (line, column) = at.unwrap_or((1, 1));
            ScenarioError { file: file.to_string(), line, column, field: p.path.clone(), message: p.message.clone() }
        })
        .collect();
    if problems.len() > shown.len() {
        let last = errors.last().cloned().expect("at least one shown");
        errors.push(ScenarioError {
            message: format!(
                "… and {} more problems (the first {MAX_REPORTED} are shown)",
                problems.len() - shown.len()
            ),
            ..last
        });
    }
    Err(errors)
}
