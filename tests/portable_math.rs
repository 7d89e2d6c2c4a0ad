//! The model's elementary functions come from the pure-Rust `libm` (or `sim::numerics`), never
//! from the platform's C library through `f64::exp` and friends: a desktop, a cluster node and a
//! browser (wasm32) then compute the same bits, so a session recorded in the web page replays
//! headless to the byte.

use std::path::Path;

fn model_sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            model_sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_model_takes_exp_ln_and_pow_from_libm_so_every_platform_computes_the_same_bits() {
    let mut files = vec![Path::new("src/rng.rs").to_path_buf()];
    model_sources(Path::new("src/sim"), &mut files);
    let platform =
        [".exp()", ".ln()", ".powf(", ".ln_1p()", ".exp_m1()", ".tanh()", ".log10()", ".log2()", "erf::erfc("];
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or("");
            if platform.iter().any(|p| line.contains(p)) {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(files.len() > 20, "the model's sources were found");
    assert!(found.is_empty(), "platform maths in the model (use libm::…):\n{}", found.join("\n"));
}
