//! Writing a run's outputs: CSV rows, typed Parquet tables, in-memory arrow tables, the summary,
//! and files that appear only when complete.

pub mod csv;
pub mod parquet;
pub mod read;
pub mod tables;
pub mod typed;
pub mod writer;

pub use writer::RunWriter;

/// Write a whole file under a `.partial` name, then rename it, so a reader never sees half of it.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path)
}
