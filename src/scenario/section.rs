//! Parameter sections declared once: [`section!`] writes a section's struct, its defaults, the
//! range of every field, its documentation and its dotted paths (`deals.new_win_rate`) for
//! `Set` events, `--set` and `salesim params`, so a parameter's meaning, unit, default and range
//! live in one place.

use super::problem::Problem;

/// A scenario section whose fields are parameters addressed by name.
pub trait Section {
    /// Field names, in declaration order (nested sections give `sub.field`).
    fn fields() -> Vec<String>;
    /// The current value of `field`, written in RON.
    fn get_field(&self, field: &str) -> Option<String>;
    /// Set `field` from RON text; `Err` says why the value does not fit (`None`: no such field).
    fn set_field(&mut self, field: &str, value: &str) -> Option<Result<(), String>>;
    /// The first line of `field`'s documentation.
    fn doc(field: &str) -> Option<&'static str>;
    /// The documented valid range of a numeric `field`, `lo..=hi` (`None`: no such field, or a
    /// field without a range).
    fn range(field: &str) -> Option<(f64, f64)>;
    /// Range problems, with paths under `prefix`.
    fn check(&self, prefix: &str, problems: &mut Vec<Problem>);
}

/// A value with a range check.
pub trait Ranged {
    fn out_of(&self, lo: f64, hi: f64) -> bool;
    fn show(&self) -> String;
}

impl Ranged for f64 {
    fn out_of(&self, lo: f64, hi: f64) -> bool {
        !self.is_finite() || *self < lo || *self > hi
    }
    fn show(&self) -> String {
        number(*self)
    }
}

/// A number as messages write it: as typed for everyday sizes, in scientific notation from 10^16
/// (where plain digits would run to hundreds: `1e308`, not 309 digits).
pub fn number(v: f64) -> String {
    if v.abs() >= 1e16 { format!("{v:e}") } else { v.to_string() }
}

impl Ranged for u32 {
    fn out_of(&self, lo: f64, hi: f64) -> bool {
        (*self as f64) < lo || (*self as f64) > hi
    }
    fn show(&self) -> String {
        self.to_string()
    }
}

/// Record a range problem for `prefix.field` if `v` is outside `lo..=hi` (the path is written only
/// for a problem: a valid scenario is checked without allocating).
pub fn check_range(problems: &mut Vec<Problem>, prefix: &str, field: &str, v: &dyn Ranged, lo: f64, hi: f64) {
    if v.out_of(lo, hi) {
        let path = format!("{prefix}.{field}");
        problems.push(Problem { path, message: format!("must be between {lo} and {hi}, got {}", v.show()) });
    }
}

/// Parse one field's value from RON text. A plain number for a numeric field is read directly
/// (a design checks millions of them); anything else, and any error, is RON's.
pub fn parse_value<T: serde::de::DeserializeOwned>(value: &str) -> Result<T, String> {
    use serde::de::value::{Error, F64Deserializer, U64Deserializer};
    let text = value.trim();
    let plain = if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse::<u64>().ok().and_then(|v| T::deserialize(U64Deserializer::<Error>::new(v)).ok())
    } else if text.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'e' | b'E' | b'+')) {
        text.parse::<f64>().ok().and_then(|v| T::deserialize(F64Deserializer::<Error>::new(v)).ok())
    } else {
        None
    };
    match plain {
        Some(v) => Ok(v),
        None => ron::from_str::<T>(text).map_err(|e| format!("value `{value}` does not fit: {}", e.code)),
    }
}

/// The first line of a doc comment.
pub fn first_line(doc: &'static str) -> &'static str {
    doc.trim().split(". ").next().unwrap_or("").trim_end_matches('.')
}

/// Declare a parameter section: each field is `/// docs` then `pub name: type = default` and, for
/// numbers, `, lo ..= hi` (its valid range; `hi` a literal or a constant such as `MAX_WEEKS`).
/// Fields a scenario must give come first in a `required { … }` block, without a default:
/// a file that leaves one out is refused ("missing field").
#[macro_export]
macro_rules! section {
    (
        $(#[$m:meta])*
        pub struct $name:ident {
            $(
                #[doc = $doc:literal]
                $(#[doc = $more:literal])*
                pub $field:ident : $ty:ty = $default:expr $(, $lo:literal ..= $hi:tt)? ;
            )*
        }
    ) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $(
                #[doc = $doc]
                $(#[doc = $more])*
                pub $field: $ty,
            )*
        }

        impl Default for $name {
            fn default() -> Self {
                $name { $( $field: $default, )* }
            }
        }

        $crate::section_impl!($name { $( $field : $ty = $doc $(, $lo ..= $hi)? ; )* });
    };
    (
        $(#[$m:meta])*
        pub struct $name:ident {
            required {
                $(
                    #[doc = $rdoc:literal]
                    $(#[doc = $rmore:literal])*
                    pub $rfield:ident : $rty:ty $(, $rlo:literal ..= $rhi:tt)? ;
                )*
            }
            $(
                #[doc = $doc:literal]
                $(#[doc = $more:literal])*
                pub $field:ident : $ty:ty = $default:expr $(, $lo:literal ..= $hi:tt)? ;
            )*
        }
    ) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        pub struct $name {
            $(
                #[doc = $rdoc]
                $(#[doc = $rmore])*
                pub $rfield: $rty,
            )*
            $(
                #[doc = $doc]
                $(#[doc = $more])*
                pub $field: $ty,
            )*
        }

        const _: () = {
            /// The section as read: a required field the file leaves out is refused here (inside the
            /// section, so the error names it), any other is `None` and takes its default.
            mod read {
                #[allow(unused_imports)]
                use super::*;
                #[derive(serde::Deserialize)]
                #[serde(deny_unknown_fields)]
                pub struct $name {
                    $( pub $rfield: $rty, )*
                    $( #[serde(default, deserialize_with = "crate::scenario::section::given")] pub $field: Option<$ty>, )*
                }
            }

            impl<'de> serde::Deserialize<'de> for $name {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    let read = <read::$name as serde::Deserialize>::deserialize(d)?;
                    Ok($name {
                        $( $rfield: read.$rfield, )*
                        $( $field: read.$field.unwrap_or_else(|| $default), )*
                    })
                }
            }
        };

        $crate::section_impl!($name {
            $( $rfield : $rty = $rdoc $(, $rlo ..= $rhi)? ; )*
            $( $field : $ty = $doc $(, $lo ..= $hi)? ; )*
        });
    };
}

/// A field the file gives (for [`section!`]'s required fields: a field it leaves out stays `None`).
pub fn given<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// The [`Section`] functions of a [`section!`]: paths, values, documentation, ranges and checks.
#[doc(hidden)]
#[macro_export]
macro_rules! section_impl {
    ($name:ident { $( $field:ident : $ty:ty = $doc:literal $(, $lo:literal ..= $hi:tt)? ; )* }) => {
        impl $crate::scenario::section::Section for $name {
            fn fields() -> Vec<String> {
                vec![$(stringify!($field).to_string()),*]
            }
            fn get_field(&self, field: &str) -> Option<String> {
                match field {
                    $( stringify!($field) => ron::to_string(&self.$field).ok(), )*
                    _ => None,
                }
            }
            fn set_field(&mut self, field: &str, value: &str) -> Option<Result<(), String>> {
                match field {
                    $( stringify!($field) => Some(
                        $crate::scenario::section::parse_value::<$ty>(value).map(|v| self.$field = v)
                    ), )*
                    _ => None,
                }
            }
            fn doc(field: &str) -> Option<&'static str> {
                match field {
                    $( stringify!($field) => Some($crate::scenario::section::first_line($doc)), )*
                    _ => None,
                }
            }
            fn range(field: &str) -> Option<(f64, f64)> {
                match field {
                    $( stringify!($field) => <[(f64, f64)]>::first(&[$( ($lo as f64, $hi as f64) )?]).copied(), )*
                    _ => None,
                }
            }
            fn check(&self, prefix: &str, problems: &mut Vec<$crate::scenario::problem::Problem>) {
                let _ = (&prefix, &problems);
                $( $(
                    $crate::scenario::section::check_range(
                        problems,
                        prefix,
                        stringify!($field),
                        &self.$field,
                        $lo as f64,
                        $hi as f64,
                    );
                )? )*
            }
        }
    };
}

/// Declare a section made of sub-sections (`behaviour.coverage.…`).
#[macro_export]
macro_rules! nested_section {
    (
        $(#[$m:meta])*
        pub struct $name:ident {
            $(
                #[doc = $doc:literal]
                $(#[doc = $more:literal])*
                pub $field:ident : $ty:ty ;
            )*
        }
    ) => {
        $(#[$m])*
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $(
                #[doc = $doc]
                $(#[doc = $more])*
                pub $field: $ty,
            )*
        }

        impl $crate::scenario::section::Section for $name {
            fn fields() -> Vec<String> {
                let mut all = Vec::new();
                $( all.extend(<$ty as $crate::scenario::section::Section>::fields()
                    .into_iter().map(|f| format!("{}.{f}", stringify!($field)))); )*
                all
            }
            fn get_field(&self, field: &str) -> Option<String> {
                let (head, rest) = field.split_once('.')?;
                match head {
                    $( stringify!($field) => self.$field.get_field(rest), )*
                    _ => None,
                }
            }
            fn set_field(&mut self, field: &str, value: &str) -> Option<Result<(), String>> {
                let (head, rest) = field.split_once('.')?;
                match head {
                    $( stringify!($field) => self.$field.set_field(rest, value), )*
                    _ => None,
                }
            }
            fn doc(field: &str) -> Option<&'static str> {
                let (head, rest) = field.split_once('.')?;
                match head {
                    $( stringify!($field) => <$ty as $crate::scenario::section::Section>::doc(rest), )*
                    _ => None,
                }
            }
            fn range(field: &str) -> Option<(f64, f64)> {
                let (head, rest) = field.split_once('.')?;
                match head {
                    $( stringify!($field) => <$ty as $crate::scenario::section::Section>::range(rest), )*
                    _ => None,
                }
            }
            fn check(&self, prefix: &str, problems: &mut Vec<$crate::scenario::problem::Problem>) {
                $( self.$field.check(&format!("{prefix}.{}", stringify!($field)), problems); )*
            }
        }
    };
}
