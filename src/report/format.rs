//! How numbers are written in the report's tables.

/// A number for a table: thousands for big values, three decimals otherwise.
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    if v.abs() >= 1000.0 {
        let s = format!("{:.0}", v.abs());
        let grouped: Vec<String> =
            s.as_bytes().rchunks(3).rev().map(|c| String::from_utf8_lossy(c).into_owned()).collect();
        format!("{}{}", if v < 0.0 { "-" } else { "" }, grouped.join(","))
    } else {
        format!("{v:.3}")
    }
}

/// A mean and its 95% half-width, `mean ± half`.
pub fn estimate(mean: f64, half: f64) -> String {
    format!("{} ± {}", num(mean), num(half))
}
