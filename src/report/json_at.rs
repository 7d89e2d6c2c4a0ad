//! Where a value stands in a JSON text: the line and column of the value at a path such as
//! `rows[3].changes.baseline:x.mean`, so that a problem found after parsing (a value that parses
//! but is not acceptable) is reported where it is, as a syntax error is.

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// One step of a path into a JSON value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A path as messages show it: `rows[3].changes.baseline:x.mean`.
pub fn show(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The marker of the error that stops the walk at the value sought.
const FOUND: &str = "salesim: the value sought";

/// The line and column (from 1) where the value at `path` starts in `text`; `None` if the text
/// has no such value or does not parse up to it.
pub fn position(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    let mut de = serde_json::Deserializer::from_str(text);
    match Seek(path).deserialize(&mut de) {
        Err(e) if e.to_string().starts_with(FOUND) => Some(value_start(text, e.line(), e.column())),
        _ => None,
    }
}

/// The walk stops with the parser just before the value (at most past the `:` or `,` and the
/// white space before it), where the parser reports the line and the bytes read of it; the value
/// starts at the next character that is none of these.
fn value_start(text: &str, line: usize, column: usize) -> (usize, usize) {
    let line_start = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>();
    let mut from = (line_start + column).min(text.len());
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let start =
        text[from..].find(|c: char| !c.is_whitespace() && c != ':' && c != ',').map_or(text.len(), |i| from + i);
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Walks a JSON value along a path and fails, on purpose, on reaching its end.
struct Seek<'p>(&'p [Step]);

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if self.0.is_empty() {
            return Err(de::Error::custom(FOUND));
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON value holding {}", show(self.0))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match &self.0[0] {
                Step::Key(k) if *k == key => return map.next_value_seed(Seek(&self.0[1..])),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            let found = match self.0[0] {
                Step::Index(n) if n == i => seq.next_element_seed(Seek(&self.0[1..]))?,
                _ => seq.next_element::<IgnoredAny>()?.map(|_| ()),
            };
            if found.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    #[test]
    fn a_value_is_found_at_its_line_and_column_however_the_text_is_laid_out() {
        let pretty = "{\n  \"seeds\": 3,\n  \"rows\": [\n    {\n      \"path\": \"behaviour.nope\"\n    },\n    {\"path\":\"x\", \"factor\":  1.2}\n  ]\n}";
        assert_eq!(position(pretty, &[key("seeds")]), Some((2, 12)));
        assert_eq!(position(pretty, &[key("rows"), Step::Index(0), key("path")]), Some((5, 15)));
        assert_eq!(position(pretty, &[key("rows"), Step::Index(1)]), Some((7, 5)));
        assert_eq!(position(pretty, &[key("rows"), Step::Index(1), key("factor")]), Some((7, 29)));
        assert_eq!(position(pretty, &[key("rows")]), Some((3, 11)));
        assert_eq!(position(pretty, &[key("rows"), Step::Index(2)]), None, "no third row");
        assert_eq!(position(pretty, &[key("absent")]), None);
        assert_eq!(show(&[key("rows"), Step::Index(1), key("factor")]), "rows[1].factor");
    }
}
