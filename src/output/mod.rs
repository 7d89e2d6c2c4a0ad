//! Writing a run's outputs: CSV rows, typed Parquet tables, in-memory arrow tables, the summary,
//! and files that appear only when complete; and reading input files whole, bounded by what is
//! read rather than by the size the file system reports.

pub mod csv;
pub mod parquet;
pub mod read;
pub mod row;
pub mod tables;
pub mod typed;
pub mod writer;

pub use writer::RunWriter;

/// Write a whole file under a `.partial` name, then rename it, so a reader never sees half of it.
/// If either step fails, the partial file is removed.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let written = std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}

/// The text of a file of at most `max_bytes`, read through a bounded reader: a file that reports
/// a small size but never ends (`/dev/zero`, a pipe, a file still growing) is refused after
/// `max_bytes + 1` bytes with an error of kind `FileTooLarge`; text that is not UTF-8 is an error
/// of kind `InvalidData`.
pub fn read_at_most(path: &std::path::Path, max_bytes: u64) -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(max_bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("larger than the limit of {max_bytes} bytes"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()))
}

/// A fresh directory for one unit test, unique to the test process and `tag`.
#[cfg(test)]
pub fn scratch_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("salesim-unit-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
