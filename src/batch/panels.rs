//! `--panels`: every run's agent-level rows (reps, accounts, events, and any panel the model adds)
//! as Parquet datasets partitioned by point, `panels/<table>/point_id=<P>/run_<R>.parquet`, each
//! file written under a `.partial` name by the worker that simulates the run and renamed when the
//! run is complete. A new panel is one line in the `panels!` list below: a field of `TickOutput`
//! whose rows are declared with `csv_row!`.

use super::runner::RunSpec;
use crate::output::parquet::{ColumnSpec, Table, columns_of};
use crate::output::typed::{Column, Kind, TypedRow};
use crate::sim::deals::DealRow;
use crate::sim::observe::events::EventRecord;
use crate::sim::observe::metrics::{AccountYearRow, RepYearRow, TickOutput};
use std::path::{Path, PathBuf};

/// The directory of the panels under a batch directory.
pub const DIR: &str = "panels";

/// The columns every panel file starts with (the point is in the directory name): the run, and
/// the firm the row is about (of an industry; a scenario without `firms` is one firm named after
/// it).
fn identity() -> Vec<ColumnSpec> {
    let mut cols: Vec<ColumnSpec> =
        ["run_id", "replicate", "seed"].iter().map(|n| ColumnSpec::new(*n, Kind::Int)).collect();
    cols.push(ColumnSpec::new("firm", Kind::Text));
    cols
}

/// Columns of [`identity`].
const IDENTITY: usize = 4;

fn push_identity(cols: &mut [Column], spec: &RunSpec, firm: &str) {
    cols[0].int(Some(spec.run_id as i64));
    cols[1].int(Some(spec.replicate as i64));
    cols[2].int(i64::try_from(spec.seed).ok());
    cols[3].text(Some(firm));
}

/// The file of one run in one panel.
pub fn file(root: &Path, table: &str, spec: &RunSpec) -> PathBuf {
    root.join(DIR).join(table).join(format!("point_id={}", spec.point)).join(format!("run_{}.parquet", spec.run_id))
}

/// Append `rows` of one run (about `firm`) to its table.
fn push_rows<R: TypedRow>(table: &mut Table, spec: &RunSpec, firm: &str, rows: &[R]) -> std::io::Result<()> {
    for r in rows {
        let cols = table.cols();
        push_identity(cols, spec, firm);
        r.push_cells(&mut cols[IDENTITY..]);
        table.end_row()?;
    }
    Ok(())
}

macro_rules! panels {
    ($( $name:ident : $row:ty ),* $(,)?) => {
        /// The panel tables, by name.
        pub const TABLES: &[&str] = &[$(stringify!($name)),*];

        /// The panel files of one run being written.
        pub struct RunPanels {
            spec: RunSpec,
            /// The names of the run's firms, by index.
            firms: Vec<String>,
            $( $name: Table, )*
        }

        impl RunPanels {
            /// Open the run's files (as `.partial`), with the design as metadata.
            pub fn create(
                root: &Path,
                spec: &RunSpec,
                firms: Vec<String>,
                metadata: &[(String, String)],
            ) -> std::io::Result<Self> {
                Ok(RunPanels {
                    spec: spec.clone(),
                    firms,
                    $( $name: {
                        let path = file(root, stringify!($name), spec);
                        std::fs::create_dir_all(path.parent().expect("a point directory"))?;
                        Table::create(&path, &columns_of::<$row>(&identity()), metadata)?
                    }, )*
                })
            }

            /// Append one week's rows.
            pub fn write(&mut self, week: &TickOutput) -> std::io::Result<()> {
                let firm = self.firms.get(week.firm as usize).map_or("", String::as_str);
                $( push_rows(&mut self.$name, &self.spec, firm, &week.$name)?; )*
                Ok(())
            }

            /// Close every file and give it its final name.
            pub fn finish(self) -> std::io::Result<()> {
                $( self.$name.finish()?; )*
                Ok(())
            }
        }
    };
}

panels! {
    reps: RepYearRow,
    accounts: AccountYearRow,
    events: EventRecord,
    deals: DealRow,
}

/// Remove panel files left `.partial` by an interrupted batch.
pub fn remove_partials(root: &Path) -> std::io::Result<()> {
    let dir = root.join(DIR);
    if !dir.exists() {
        return Ok(());
    }
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "partial") {
                std::fs::remove_file(&path)?;
            }
        }
    }
    Ok(())
}
