//! Where the live view reads scenarios and writes what the facilitator saves. On the desktop that
//! is the disk: `scenarios/*.ron`, and files under `screenshots/`, `exports/` and `sessions/`. In
//! a browser there is no disk: the scenarios are the bundled ones plus any file opened from the
//! computer, and every saved file becomes a download of the same name.

use crate::Scenario;
use std::path::{Path, PathBuf};

/// The scenario files the picker offers, sorted.
pub fn scenario_list() -> Vec<PathBuf> {
    #[cfg(target_arch = "wasm32")]
    let mut list: Vec<PathBuf> = super::bundled::SCENARIOS.iter().map(|(p, _)| PathBuf::from(p)).collect();
    #[cfg(not(target_arch = "wasm32"))]
    let mut list: Vec<PathBuf> = std::fs::read_dir("scenarios")
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "ron")).collect()
        })
        .unwrap_or_default();
    list.sort();
    list
}

/// The text of a scenario file: from the disk, or in a browser an opened or bundled file.
fn read(path: &Path) -> Result<String, crate::scenario::load::ScenarioError> {
    #[cfg(target_arch = "wasm32")]
    {
        let name = path.display().to_string();
        super::page::opened_file(&name)
            .or_else(|| super::bundled::SCENARIOS.iter().find(|(p, _)| *p == name).map(|(_, t)| t.to_string()))
            .ok_or_else(|| crate::scenario::load::ScenarioError::whole(&name, "no such scenario in this page".into()))
    }
    #[cfg(not(target_arch = "wasm32"))]
    crate::scenario::load::read_text(path)
}

/// Load and check a scenario, or the facilitator's message naming its first problem.
pub fn load_scenario(path: &Path) -> Result<Scenario, String> {
    let first = |errors: Vec<crate::scenario::load::ScenarioError>| {
        errors.first().map(|e| format!("not loaded: {e}")).unwrap_or_default()
    };
    let text = read(path).map_err(|e| first(vec![e]))?;
    crate::scenario::load::parse_str(&text, &path.display().to_string()).map_err(first)
}

/// Save `bytes` as `path` (written atomically on the desktop, downloaded as its file name in a
/// browser); returns the words for the facilitator's notice.
pub fn save(path: &Path, bytes: &[u8]) -> std::io::Result<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        super::page::download(&name, bytes);
        Ok(format!("downloaded {name}"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        crate::output::write_atomically(path, bytes)?;
        Ok(format!("saved {}", path.display()))
    }
}

/// A scenario file's name without directory and extension.
pub fn stem(p: &Path) -> String {
    p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Whether files go to a disk (the desktop) rather than to downloads (a browser, which cannot
/// write whole run folders: there the session is downloaded and replayed with `salesim run
/// --actions` instead).
pub const ON_DISK: bool = cfg!(not(target_arch = "wasm32"));
