//! The largest batches accepted, checked before anything is allocated, so a typo cannot ask for
//! terabytes or a capacity overflow: each refusal names the argument.

/// Replicates per design point (`--replicates`, `compare --replicates`).
pub const MAX_REPLICATES: u64 = 100_000;
/// Design points (grid, `--sample lhs:N`, or rows of `--design`).
pub const MAX_POINTS: u64 = 100_000;
/// Values of one `--set PATH=lo..hi:n` axis.
pub const MAX_AXIS_VALUES: u64 = MAX_POINTS;
/// Parameters varied at once (`--set` axes or `--design` columns).
pub const MAX_AXES: usize = 64;
/// Runs in one batch (points × replicates).
pub const MAX_RUNS: u64 = 1_000_000;
/// Worker threads (`--jobs`, `run --threads`).
pub const MAX_THREADS: usize = 1_024;

/// `value` if it is at most `max`, else the refusal naming `argument`.
pub fn at_most(argument: &str, value: u64, max: u64) -> Result<u64, String> {
    if value > max { Err(format!("{argument}: {value} is more than the limit of {max}")) } else { Ok(value) }
}

/// Points of a full-factorial grid with these axis lengths, refused past [`MAX_POINTS`] without
/// multiplying out (no overflow).
pub fn grid_points(lengths: &[u64]) -> Result<u64, String> {
    lengths.iter().try_fold(1u64, |acc, &n| match acc.checked_mul(n) {
        Some(p) if p <= MAX_POINTS => Ok(p),
        _ => Err(format!("--set: the grid has more than {MAX_POINTS} points (axes of {lengths:?} values)")),
    })
}

/// Runs of a batch, refused past [`MAX_RUNS`].
pub fn runs(points: u64, replicates: u64) -> Result<u64, String> {
    match points.checked_mul(replicates) {
        Some(r) if r <= MAX_RUNS => Ok(r),
        _ => Err(format!(
            "--replicates {replicates}: {points} points × {replicates} replicates is more than {MAX_RUNS} runs"
        )),
    }
}

/// `--jobs` or `--threads`: at least 1 (0 means 1) and at most [`MAX_THREADS`].
pub fn threads(argument: &str, n: Option<usize>) -> Result<usize, String> {
    let n = n.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    Ok(at_most(argument, n as u64, MAX_THREADS as u64)?.max(1) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_too_large_to_multiply_is_refused_without_overflow() {
        assert_eq!(grid_points(&[3, 4]), Ok(12));
        assert!(grid_points(&[u64::MAX, u64::MAX]).is_err());
        assert!(grid_points(&[1000, 1000]).is_err());
        assert!(runs(10, u64::MAX).is_err());
        assert!(threads("--threads", Some(100_000)).unwrap_err().contains("--threads"));
    }
}
