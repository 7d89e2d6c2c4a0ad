//! The Python package (`python/`, PyO3 and maturin): builds it from this checkout and installs it
//! into the test venv of scripts/setup_tests.sh (`$SALESIM_VENV`, default
//! `$HOME/.cache/salesim-venv`) with `maturin develop --release`, then runs its pytest suite
//! (`python/tests`), which compares it with this build's `salesim` binary: scenarios, runs,
//! batches, the step API, located errors and the EMA Workbench example. Fails if either fails.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The venv, or a failure saying how to make it.
fn venv() -> PathBuf {
    let venv = std::env::var_os("SALESIM_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cache/salesim-venv"));
    for tool in ["bin/python", "bin/maturin"] {
        assert!(
            venv.join(tool).exists(),
            "{} not found: run `bash scripts/setup_tests.sh` first (it makes the venv with maturin and pytest), or set \
             SALESIM_VENV",
            venv.join(tool).display()
        );
    }
    venv
}

/// Where the extension is built: its own cargo target directory inside this build's (so it is
/// cached with it, and never waits on the lock of the build running this test).
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("the target directory").join("python-extension")
}

#[test]
fn the_python_package_builds_installs_and_passes_its_tests() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let venv = venv();
    let path = format!("{}:{}", venv.join("bin").display(), std::env::var("PATH").unwrap_or_default());
    let build = Command::new(venv.join("bin/maturin"))
        .args(["develop", "--release", "--manifest-path"])
        .arg(repo.join("python/Cargo.toml"))
        .env("VIRTUAL_ENV", &venv)
        .env("PATH", &path)
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("CONDA_PREFIX")
        .current_dir(repo)
        .status()
        .expect("maturin runs");
    assert!(build.success(), "maturin develop failed: {build}");
    let tests = Command::new(venv.join("bin/python"))
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(repo.join("python/tests"))
        .env("SALESIM_BIN", env!("CARGO_BIN_EXE_salesim"))
        .env("PATH", &path)
        .current_dir(repo)
        .output()
        .expect("pytest runs");
    let out = String::from_utf8_lossy(&tests.stdout);
    println!("{out}{}", String::from_utf8_lossy(&tests.stderr));
    assert!(tests.status.success(), "pytest failed ({}):\n{out}", tests.status);
    assert!(out.contains(" passed"), "pytest ran no test:\n{out}");
    assert!(!out.contains(" skipped"), "a Python test was skipped (every one must run):\n{out}");
}
