//! Checking a design's values: a point's values are set on one copy of the scenario (without its
//! timeline and narration), the parameters are checked once for the whole point, and the copy is
//! made pristine again, so a design of 100,000 points × 64 parameters is checked in seconds. Only
//! a point that fails is tried value by value, to name the column at fault.

use crate::output::typed::Kind;
use crate::scenario::{Scenario, params, validate};

/// The scenario without its timeline and narration: what values are checked against, cheap to
/// copy (a changed parameter cannot break a timeline event that was valid).
pub fn probe_base(base: &Scenario) -> Scenario {
    Scenario { timeline: Vec::new(), narration: Vec::new(), ..base.clone() }
}

/// One varied parameter: its path and the kind of its value in the base scenario.
struct Slot {
    path: String,
    kind: Kind,
}

/// Why a point's values cannot be run: the column at fault (`None` when each value is fine alone
/// and only the values together break a rule) and the message, which names the value.
#[derive(Debug)]
pub struct PointError {
    pub column: Option<usize>,
    pub message: String,
}

/// A scenario on which points of a design are tried.
pub struct Probe {
    pristine: Scenario,
    scenario: Scenario,
    slots: Vec<Slot>,
}

impl Probe {
    /// A probe for points giving values to `paths`, which must be parameter paths of `base`.
    pub fn new(base: &Scenario, paths: &[&str]) -> Probe {
        let pristine = probe_base(base);
        let slots = paths
            .iter()
            .map(|p| Slot {
                path: p.to_string(),
                kind: params::get(&pristine, p).map_or(Kind::Text, |v| Kind::of_ron(&v)),
            })
            .collect();
        Probe { scenario: pristine.clone(), pristine, slots }
    }

    /// Whether column `i` holds an integer parameter.
    pub fn is_integer(&self, i: usize) -> bool {
        self.slots[i].kind == Kind::Int
    }

    /// The values of one point (one per column, in RON) as runs.csv writes them: as given, unless
    /// the column is typed (integer, number or boolean) and the text is not that type's plain form
    /// (RON's `0x10` or `1_000`): then as RON writes the value, so the typed Parquet column can
    /// hold it. Refused if a value does not parse for its path or the point leaves the scenario
    /// invalid.
    pub fn point(&mut self, values: &[String]) -> Result<Vec<String>, PointError> {
        let result = self.try_point(values);
        self.scenario.clone_from(&self.pristine);
        match result {
            Err(e) if e.column.is_none() => Err(self.culprit(values).unwrap_or(e)),
            other => other,
        }
    }

    /// Set every value and check the scenario once.
    fn try_point(&mut self, values: &[String]) -> Result<Vec<String>, PointError> {
        for (i, (slot, value)) in self.slots.iter().zip(values).enumerate() {
            params::set(&mut self.scenario, &slot.path, value).map_err(|e| PointError {
                column: Some(i),
                message: format!("--set {}={value}: {}", slot.path, e.message),
            })?;
        }
        if let Some(p) = validate::parameter_problems(&self.scenario).into_iter().next() {
            return Err(PointError {
                column: None,
                message: format!("these values together: {}: {}", p.path, p.message),
            });
        }
        Ok(self
            .slots
            .iter()
            .zip(values)
            .map(|(slot, value)| {
                let plain = match slot.kind {
                    Kind::Int => value.parse::<i64>().is_ok(),
                    Kind::Float => value.parse::<f64>().is_ok(),
                    Kind::Bool => value.parse::<bool>().is_ok(),
                    Kind::Text => true,
                };
                if plain {
                    value.clone()
                } else {
                    params::get(&self.scenario, &slot.path).unwrap_or_else(|| value.clone())
                }
            })
            .collect())
    }

    /// The first value that leaves the scenario invalid on its own, if any.
    fn culprit(&mut self, values: &[String]) -> Option<PointError> {
        for (i, (slot, value)) in self.slots.iter().zip(values).enumerate() {
            let set = params::set(&mut self.scenario, &slot.path, value);
            let problem =
                set.is_ok().then(|| validate::parameter_problems(&self.scenario).into_iter().next()).flatten();
            self.scenario.clone_from(&self.pristine);
            if let Some(p) = problem {
                let message = format!("--set {}={value}: {}: {}", slot.path, p.path, p.message);
                return Some(PointError { column: Some(i), message });
            }
        }
        None
    }
}
