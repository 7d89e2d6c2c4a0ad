//! [`csv_row!`](crate::csv_row): a row type declared once, written as CSV (`csv.rs`) and as typed
//! Arrow columns for Parquet (`typed.rs`) from the same fields; and the model's kinds, outcomes
//! and causes as the text cells of both.

/// Declare a row struct whose fields are its CSV columns, in order.
#[macro_export]
macro_rules! csv_row {
    ($(#[$m:meta])* pub struct $name:ident { $( $(#[$fm:meta])* pub $field:ident : $ty:ty ),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct $name { $( $(#[$fm])* pub $field: $ty ),* }

        impl $crate::output::csv::CsvRow for $name {
            fn columns() -> &'static [&'static str] {
                &[$(stringify!($field)),*]
            }
            fn write_cells(&self, out: &mut String) {
                let mut first = true;
                $(
                    if !first { out.push(','); }
                    first = false;
                    $crate::output::csv::Cell::cell(&self.$field, out);
                )*
                let _ = first;
            }
        }

        impl $crate::output::typed::TypedRow for $name {
            fn kinds() -> Vec<$crate::output::typed::Kind> {
                vec![$(<$ty as $crate::output::typed::TypedCell>::KIND),*]
            }
            fn push_cells(&self, cols: &mut [$crate::output::typed::Column]) {
                let mut cols = cols.iter_mut();
                $(
                    $crate::output::typed::TypedCell::push(&self.$field, cols.next().expect("one column per field"));
                )*
            }
            fn arrays(rows: &[Self]) -> Vec<$crate::output::typed::ArrayRef> {
                vec![$($crate::output::typed::column_of(rows, |r: &Self| &r.$field)),*]
            }
        }
    };
}

/// Kinds, outcomes and causes: enums in the model, written as their text only here, in a row.
macro_rules! text_cells {
    ($($t:ty),*) => {$(
        impl crate::output::csv::Cell for $t {
            fn cell(&self, out: &mut String) {
                out.push_str(self.as_str());
            }
        }
        impl crate::output::typed::TypedCell for $t {
            const KIND: crate::output::typed::Kind = crate::output::typed::Kind::Text;
            fn push(&self, col: &mut crate::output::typed::Column) {
                col.text(Some(self.as_str()));
            }
        }
    )*};
}
text_cells!(
    crate::sim::observe::events::EventKind,
    crate::sim::observe::events::Cause,
    crate::sim::deals::DealKind,
    crate::sim::deals::DealOutcome,
    crate::sim::deals::Timing
);
