//! A problem found in a scenario or a parameter value: the dotted path of the field and what is
//! wrong. Below both the sections that check their own ranges and the validation of the whole.

/// One problem found in a scenario: the dotted path of the field and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "field `{}`: {}", self.path, self.message)
    }
}
