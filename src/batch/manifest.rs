//! manifest.json: written when a batch starts (status `running`) and again when it completes
//! (`complete`), holding the design, the shard and how this directory was made.

use super::design::{Design, Shard};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Whether the directory's runs are all there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Running,
    Complete,
}

/// The manifest of a batch directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub design: Design,
    pub shard: Shard,
    /// Runs of the design in this shard.
    pub runs_in_shard: u64,
    pub status: Status,
    /// The command line of the latest invocation.
    pub command: Vec<String>,
    /// The `--design` file, as given.
    pub design_file: Option<String>,
    /// The shard directories merged into this one (`salesim merge`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_from: Vec<String>,
    pub started_unix: u64,
    pub finished_unix: Option<u64>,
    /// Runs done by the latest invocation (others were already complete).
    pub runs_this_invocation: Option<u64>,
}

pub const FILE: &str = "manifest.json";

/// The largest manifest read back: the largest design (100,000 points of 64 values, from a design
/// file of at most 64 MB) is well under it; a file that never ends stops here.
pub const MAX_BYTES: u64 = 256 << 20;

pub fn unix_time() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

impl Manifest {
    /// Write `dir/manifest.json` atomically.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)? + "\n";
        crate::output::write_atomically(&dir.join(FILE), text.as_bytes())
    }

    /// Read `dir/manifest.json`: `Ok(None)` if there is none, an error naming the file if it does
    /// not parse.
    pub fn read(dir: &Path) -> Result<Option<Manifest>, String> {
        let path = dir.join(FILE);
        let text = match crate::output::read_at_most(&path, MAX_BYTES) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        serde_json::from_str(&text).map(Some).map_err(|e| {
            format!("{}:{}:{}: not a manifest of this salesim version: {e}", path.display(), e.line(), e.column())
        })
    }
}
