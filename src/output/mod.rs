//! Writing a run's outputs: CSV rows, the summary, and files that appear only when complete.

pub mod csv;
pub mod writer;

pub use writer::RunWriter;
