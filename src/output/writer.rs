//! A run's output files. Each is written under a `.partial` name and renamed when the run is
//! complete, so an interrupted run leaves no half-written file pretending to be whole; a run that
//! fails (a file that cannot be written, a refused action) removes its partial files.

use super::csv::CsvRow;
use crate::sim::deals::DealRow;
use crate::sim::observe::events::EventRecord;
use crate::sim::observe::metrics::{AccountYearRow, RepYearRow, Summary, TickOutput, TimeseriesRow};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Columns recorded on every CSV row so pooled files stay self-describing: the firm the row is
/// about (of an industry's `firms`; a scenario without them is one firm named after it), then the
/// run's scenario, hash, seed and version.
pub const META_COLUMNS: [&str; 5] = ["firm", "scenario", "scenario_hash", "seed", "version"];

/// What every output records about the run.
#[derive(Clone, Debug)]
pub struct RunMeta {
    pub scenario: String,
    pub scenario_hash: String,
    pub seed: u64,
    /// The `firm` of its rows, by index (`TickOutput::firm`, `Scenario::row_names`).
    pub firms: Vec<String>,
}

impl RunMeta {
    /// What the outputs of a run of `s` record about it.
    pub fn of(s: &crate::Scenario) -> RunMeta {
        RunMeta { scenario: s.name.clone(), scenario_hash: s.hash_hex(), seed: s.seed, firms: s.row_names() }
    }

    /// The name of firm `firm` (the first firm's for an index out of range).
    fn firm(&self, firm: u16) -> &str {
        self.firms.get(firm as usize).or(self.firms.first()).map_or("", String::as_str)
    }

    /// The meta cells of a row about each firm, by index.
    fn cells(&self) -> Vec<String> {
        (0..self.firms.len().max(1))
            .map(|f| {
                let mut s = String::new();
                for (i, v) in
                    [self.firm(f as u16), &self.scenario, &self.scenario_hash, &self.seed.to_string(), crate::VERSION]
                        .iter()
                        .enumerate()
                {
                    if i > 0 {
                        s.push(',');
                    }
                    super::csv::Cell::cell(v, &mut s);
                }
                s
            })
            .collect()
    }
}

/// The typed columns of [`META_COLUMNS`] (for in-memory tables, [`super::tables`]).
pub fn meta_columns() -> Vec<super::parquet::ColumnSpec> {
    use super::typed::Kind;
    let kinds = [Kind::Text, Kind::Text, Kind::Text, Kind::Int, Kind::Text];
    META_COLUMNS.iter().zip(kinds).map(|(n, k)| super::parquet::ColumnSpec::new(*n, k)).collect()
}

impl RunMeta {
    /// The cells [`RunMeta`] ends every CSV row with, as typed arrow columns of rows about the
    /// firms `firms` (for in-memory tables, [`super::tables`]), in the order of [`meta_columns`].
    pub fn meta_arrays(&self, firms: &[u16]) -> Vec<arrow_array::ArrayRef> {
        use arrow_array::{Int64Array, StringArray};
        use std::sync::Arc;
        let rows = firms.len();
        let text = |v: &str| Arc::new(StringArray::from_iter_values(std::iter::repeat_n(v, rows))) as _;
        let seed = i64::try_from(self.seed).ok();
        vec![
            Arc::new(StringArray::from_iter_values(firms.iter().map(|&f| self.firm(f)))) as _,
            text(&self.scenario),
            text(&self.scenario_hash),
            Arc::new(Int64Array::from(vec![seed; rows])),
            text(crate::VERSION),
        ]
    }
}

struct Pending {
    partial: PathBuf,
    done: PathBuf,
    out: BufWriter<File>,
}

/// The six output files of one run.
pub struct RunWriter {
    files: Vec<Pending>,
    dir: PathBuf,
    /// The meta cells of each firm's rows, and the firm of the rows being written.
    meta_cells: Vec<String>,
    firm: usize,
    line: String,
}

const TIMESERIES: usize = 0;
const EVENTS: usize = 1;
const REPS: usize = 2;
const ACCOUNTS: usize = 3;
const DEALS: usize = 4;

impl CsvRow for EventRecord {
    fn columns() -> &'static [&'static str] {
        &["week", "kind", "rep_id", "customer_id", "competitor", "cause", "amount", "detail"]
    }
    fn write_cells(&self, out: &mut String) {
        use super::csv::Cell;
        self.week.cell(out);
        out.push(',');
        self.kind.cell(out);
        out.push(',');
        self.rep.cell(out);
        out.push(',');
        self.customer.cell(out);
        out.push(',');
        self.competitor.cell(out);
        out.push(',');
        self.cause.cell(out);
        out.push(',');
        self.amount.cell(out);
        out.push(',');
        self.detail.cell(out);
    }
}

impl super::typed::TypedRow for EventRecord {
    fn kinds() -> Vec<super::typed::Kind> {
        use super::typed::{Kind, TypedCell};
        vec![u32::KIND, Kind::Text, Kind::Int, Kind::Int, Kind::Text, Kind::Text, Kind::Float, Kind::Text]
    }
    fn push_cells(&self, cols: &mut [super::typed::Column]) {
        use super::typed::TypedCell;
        self.week.push(&mut cols[0]);
        self.kind.push(&mut cols[1]);
        self.rep.push(&mut cols[2]);
        self.customer.push(&mut cols[3]);
        self.competitor.push(&mut cols[4]);
        self.cause.push(&mut cols[5]);
        self.amount.push(&mut cols[6]);
        self.detail.push(&mut cols[7]);
    }
    fn arrays(rows: &[Self]) -> Vec<arrow_array::ArrayRef> {
        use super::typed::column_of;
        vec![
            column_of(rows, |r| &r.week),
            column_of(rows, |r| &r.kind),
            column_of(rows, |r| &r.rep),
            column_of(rows, |r| &r.customer),
            column_of(rows, |r| &r.competitor),
            column_of(rows, |r| &r.cause),
            column_of(rows, |r| &r.amount),
            column_of(rows, |r| &r.detail),
        ]
    }
}

/// The output files of a run, as they are named when complete.
pub const FILES: [&str; 6] = ["timeseries.csv", "events.csv", "reps.csv", "accounts.csv", "deals.csv", "summary.json"];

/// A file's name while it is being written.
fn partial_of(path: &Path) -> PathBuf {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    PathBuf::from(partial)
}

/// Why the outputs cannot go to `dir`, before anything is written: `dir` is not a directory, or
/// one of the output names (complete or partial) is taken by a directory.
pub fn conflict(dir: &Path) -> Option<String> {
    if dir.exists() && !dir.is_dir() {
        return Some(format!("{} is not a directory", dir.display()));
    }
    FILES
        .iter()
        .map(|f| dir.join(f))
        .flat_map(|p| [partial_of(&p), p])
        .find(|p| p.is_dir())
        .map(|p| format!("{} is a directory, where the run writes a file", p.display()))
}

impl Drop for RunWriter {
    /// Remove the partial files of a run that did not finish (after [`RunWriter::finish`] there
    /// are none left).
    fn drop(&mut self) {
        for f in &self.files {
            let _ = std::fs::remove_file(&f.partial);
        }
        let _ = std::fs::remove_file(partial_of(&self.dir.join("summary.json")));
    }
}

impl RunWriter {
    /// Create `dir` and open the partial files with their headers.
    pub fn create(dir: &Path, meta: &RunMeta) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        let mut w = RunWriter {
            files: Vec::new(),
            dir: dir.to_path_buf(),
            meta_cells: meta.cells(),
            firm: 0,
            line: String::new(),
        };
        for (name, columns) in [
            ("timeseries.csv", TimeseriesRow::columns()),
            ("events.csv", EventRecord::columns()),
            ("reps.csv", RepYearRow::columns()),
            ("accounts.csv", AccountYearRow::columns()),
            ("deals.csv", DealRow::columns()),
        ] {
            let done = dir.join(name);
            let partial = partial_of(&done);
            let mut out = BufWriter::with_capacity(1 << 16, File::create(&partial)?);
            let header: Vec<&str> = columns.iter().chain(META_COLUMNS.iter()).copied().collect();
            writeln!(out, "{}", header.join(","))?;
            w.files.push(Pending { partial, done, out });
        }
        Ok(w)
    }

    fn rows<R: CsvRow>(&mut self, file: usize, rows: &[R]) -> std::io::Result<()> {
        for r in rows {
            self.line.clear();
            r.write_cells(&mut self.line);
            self.line.push(',');
            self.line.push_str(&self.meta_cells[self.firm.min(self.meta_cells.len() - 1)]);
            self.line.push('\n');
            self.files[file].out.write_all(self.line.as_bytes())?;
        }
        Ok(())
    }

    /// Append one tick's rows (of the firm it names).
    pub fn write(&mut self, tick: &TickOutput) -> std::io::Result<()> {
        self.firm = tick.firm as usize;
        self.write_rows(&tick.timeseries, &tick.events, &tick.reps, &tick.accounts)?;
        self.write_deals(&tick.deals)?;
        self.firm = 0;
        Ok(())
    }

    /// Append closed deals to `deals.csv`.
    pub fn write_deals(&mut self, deals: &[DealRow]) -> std::io::Result<()> {
        self.rows(DEALS, deals)
    }

    /// Append rows to each file (any number of ticks' worth).
    pub fn write_rows(
        &mut self,
        timeseries: &[TimeseriesRow],
        events: &[EventRecord],
        reps: &[RepYearRow],
        accounts: &[AccountYearRow],
    ) -> std::io::Result<()> {
        self.rows(TIMESERIES, timeseries)?;
        self.rows(EVENTS, events)?;
        self.rows(REPS, reps)?;
        self.rows(ACCOUNTS, accounts)
    }

    /// Write the summary and rename every file to its final name.
    pub fn finish(mut self, summary: &Summary) -> std::io::Result<()> {
        let partial = partial_of(&self.dir.join("summary.json"));
        let mut json = serde_json::to_string_pretty(summary).map_err(std::io::Error::other)?;
        json.push('\n');
        std::fs::write(&partial, json)?;
        for f in &mut self.files {
            f.out.flush()?;
            f.out.get_ref().sync_all()?;
        }
        for f in &self.files {
            std::fs::rename(&f.partial, &f.done)?;
        }
        std::fs::rename(partial, self.dir.join("summary.json"))
    }
}
