//! The priors file (RON): a list of `(path: "careers.quit_rate_annual", prior: Uniform(0.02, 0.3))`,
//! one entry per calibrated parameter. `Uniform(lo, hi)` is flat in the value, `LogUniform(lo, hi)`
//! flat in its logarithm (for rates that span orders of magnitude). Paths are those of `salesim
//! params`; both bounds must lie in the parameter's documented range. Every problem is reported with
//! the file, line, column and field, before any run.

use crate::scenario::load::{ScenarioError, parse_ron};
use crate::scenario::{Scenario, locate, params, validate};
use serde::Deserialize;

/// A prior distribution over one parameter.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize, serde::Serialize)]
pub enum Prior {
    /// Flat between the bounds.
    Uniform(f64, f64),
    /// Flat in the logarithm between the (positive) bounds.
    LogUniform(f64, f64),
}

impl Prior {
    /// Its bounds in the parameter's own units.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            Prior::Uniform(lo, hi) | Prior::LogUniform(lo, hi) => (lo, hi),
        }
    }

    /// Its bounds in the working space, where it is flat (the value, or its logarithm).
    pub fn working_bounds(self) -> (f64, f64) {
        let (lo, hi) = self.bounds();
        (self.to_working(lo), self.to_working(hi))
    }

    /// A value in the working space.
    pub fn to_working(self, x: f64) -> f64 {
        match self {
            Prior::Uniform(..) => x,
            Prior::LogUniform(..) => libm::log(x),
        }
    }

    /// A working-space value back in the parameter's units.
    pub fn to_value(self, u: f64) -> f64 {
        match self {
            Prior::Uniform(..) => u,
            Prior::LogUniform(..) => libm::exp(u),
        }
    }

    /// Its `q` quantile, in the parameter's units.
    pub fn quantile(self, q: f64) -> f64 {
        let (lo, hi) = self.working_bounds();
        self.to_value(lo + q * (hi - lo))
    }

    /// Its name as written in the file.
    pub fn name(self) -> &'static str {
        match self {
            Prior::Uniform(..) => "Uniform",
            Prior::LogUniform(..) => "LogUniform",
        }
    }
}

/// One calibrated parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    pub path: String,
    pub prior: Prior,
}

/// One entry as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    prior: Prior,
}

/// Paths that are not model parameters and cannot be calibrated.
const NOT_CALIBRATED: [&str; 2] = ["seed", "weeks"];

/// Parse and check priors text against `scenario`; `file` names it in messages.
pub fn parse(src: &str, file: &str, scenario: &Scenario) -> Result<Vec<Parameter>, Vec<ScenarioError>> {
    let entries: Vec<Entry> = parse_ron(src, file).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let at = |field: String, message: String| {
        let (line, column) = locate::locate(src, &field).unwrap_or((1, 1));
        ScenarioError { file: file.to_string(), line, column, field, message }
    };
    if entries.is_empty() {
        errors.push(at(String::new(), "no parameters: give at least one `(path: …, prior: …)`".into()));
    }
    for (i, e) in entries.iter().enumerate() {
        if let Some(first) = entries[..i].iter().position(|f| f.path == e.path) {
            errors.push(at(format!("[{i}].path"), format!("`{}` is given twice (first as entry {first})", e.path)));
        } else if let Err(message) = check_path(scenario, &e.path) {
            errors.push(at(format!("[{i}].path"), message));
        } else if let Err(message) = check_prior(scenario, &e.path, e.prior) {
            errors.push(at(format!("[{i}].prior"), message));
        }
    }
    if errors.is_empty() {
        Ok(entries.into_iter().map(|e| Parameter { path: e.path, prior: e.prior }).collect())
    } else {
        Err(errors)
    }
}

/// Read and check a priors file.
pub fn load(path: &std::path::Path, scenario: &Scenario) -> Result<Vec<Parameter>, Vec<ScenarioError>> {
    let src = crate::scenario::load::read_text(path).map_err(|e| vec![e])?;
    parse(&src, &path.display().to_string(), scenario)
}

/// A path of `salesim params` that holds a real number.
fn check_path(scenario: &Scenario, path: &str) -> Result<(), String> {
    if NOT_CALIBRATED.contains(&path) {
        return Err(format!("`{path}` is not a model parameter and cannot be calibrated"));
    }
    let mut s = scenario.clone();
    match params::set(&mut s, path, "0.5") {
        Ok(()) => Ok(()),
        Err(e) if params::get(scenario, path).is_none() => Err(format!("`{path}`: {}", e.message)),
        Err(_) => Err(format!(
            "`{path}` is not a real-valued parameter (its value is `{}`); only real numbers can be calibrated",
            params::get(scenario, path).unwrap_or_default()
        )),
    }
}

/// Finite, non-empty bounds inside the parameter's documented range (positive for `LogUniform`).
fn check_prior(scenario: &Scenario, path: &str, prior: Prior) -> Result<(), String> {
    let (lo, hi) = prior.bounds();
    if !lo.is_finite() || !hi.is_finite() {
        return Err(format!("{}({lo}, {hi}): the bounds must be finite numbers", prior.name()));
    }
    if lo >= hi {
        return Err(format!("{}({lo}, {hi}): empty range (the lower bound must be below the upper)", prior.name()));
    }
    if matches!(prior, Prior::LogUniform(..)) && lo <= 0.0 {
        return Err(format!("LogUniform({lo}, {hi}): the lower bound must be above 0"));
    }
    for bound in [lo, hi] {
        let mut s = scenario.clone();
        params::set(&mut s, path, &format!("{bound:?}")).map_err(|e| e.message)?;
        if let Some(p) = validate::parameter_problems(&s).into_iter().find(|p| p.path == path) {
            return Err(format!(
                "{}({lo}, {hi}): bound {bound} is outside the parameter's range: {}",
                prior.name(),
                p.message
            ));
        }
        // A bound the parameter's own range allows can still break a rule that ties it to another
        // field (a win rate too low for the scenario's hit rate): every draw must be a valid run.
        let before = validate::parameter_problems(scenario);
        if let Some(p) = validate::parameter_problems(&s).into_iter().find(|p| !before.contains(p)) {
            return Err(format!(
                "{}({lo}, {hi}): at bound {bound} the scenario is not valid: field `{}`: {}",
                prior.name(),
                p.path,
                p.message
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baseline() -> Scenario {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron");
        crate::scenario::load::load_file(&path).expect("baseline is valid")
    }

    fn errors(src: &str) -> Vec<String> {
        parse(src, "p.ron", &baseline()).unwrap_err().iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn a_good_file_gives_its_parameters_in_order() {
        let src = "[\n (path: \"careers.quit_rate_annual\", prior: Uniform(0.02, 0.3)),\n (path: \"customers.churn_rate_annual\", prior: LogUniform(0.01, 0.3)),\n]";
        let p = parse(src, "p.ron", &baseline()).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].prior, Prior::LogUniform(0.01, 0.3));
        assert!((p[1].prior.quantile(0.5) - (0.01f64 * 0.3).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn an_unknown_path_is_named_with_its_line_and_a_suggestion() {
        let e = errors("[\n  (path: \"careers.quit_rate_anual\", prior: Uniform(0.1, 0.2)),\n]");
        assert!(e[0].starts_with("p.ron:2:"), "{e:?}");
        assert!(e[0].contains("careers.quit_rate_annual"), "{e:?}");
    }

    #[test]
    fn empty_nan_out_of_range_and_duplicated_priors_are_refused_where_they_are() {
        let e = errors(
            "[\n (path: \"careers.quit_rate_annual\", prior: Uniform(0.3, 0.3)),\n (path: \"customers.follow_base\", prior: Uniform(NaN, 0.3)),\n (path: \"customers.churn_rate_annual\", prior: Uniform(0.1, 1.5)),\n (path: \"careers.quit_rate_annual\", prior: Uniform(0.1, 0.2)),\n (path: \"careers.review_weeks\", prior: Uniform(5, 20)),\n]",
        );
        assert_eq!(e.len(), 5, "{e:?}");
        assert!(e[0].starts_with("p.ron:2:") && e[0].contains("empty range"), "{e:?}");
        assert!(e[1].starts_with("p.ron:3:") && e[1].contains("finite"), "{e:?}");
        assert!(e[2].starts_with("p.ron:4:") && e[2].contains("outside the parameter's range"), "{e:?}");
        assert!(e[3].starts_with("p.ron:5:") && e[3].contains("twice"), "{e:?}");
        assert!(e[4].starts_with("p.ron:6:") && e[4].contains("real-valued"), "{e:?}");
    }

    #[test]
    fn a_bound_that_breaks_a_rule_tying_two_fields_is_refused_naming_the_other_field() {
        let e = errors("[\n (path: \"deals.new_win_rate\", prior: Uniform(0.08, 0.35)),\n]");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("p.ron:2:") && e[0].contains("market.hit_rate_per_hour"), "{e:?}");
    }
}
