//! External designs and merging: `--design POINTS.csv` gives the same rows as the same points
//! given another way, bad design files are refused naming file, line, column and parameter, and
//! `salesim merge` rebuilds the unsharded batch byte for byte, refusing missing, duplicate,
//! unfinished or foreign shards.

mod research;
use research::*;
use std::path::Path;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_design_file_gives_the_rows_of_the_same_grid_given_with_set() {
    let (grid, file) = (out_dir("grid"), out_dir("file"));
    ok(batch(
        &grid,
        &["--replicates", "2", "--set", "pay.commission_rate=0.04,0.07", "--set", "specialists.technical=0,3"],
    ));
    let points = file.join("points.csv");
    // As pandas writes it: an unnamed index column, integers as floats.
    write(&points, ",pay.commission_rate,specialists.technical\n0,0.04,0.0\n1,0.04,3.0\n2,0.07,0\n3,0.07,3\n");
    ok(batch(&file.join("out"), &["--replicates", "2", "--design", points.to_str().unwrap()]));
    assert_eq!(std::fs::read(grid.join("runs.csv")).unwrap(), std::fs::read(file.join("out/runs.csv")).unwrap());
}

#[test]
fn a_sobol_design_gives_the_rows_of_its_points_run_one_by_one() {
    let d = out_dir("sobol");
    // Four points of a Saltelli/Sobol sample over two parameters, as SALib writes them.
    let points =
        [("0.0515625", "0.765625"), ("0.0215625", "0.015625"), ("0.0740625", "0.390625"), ("0.0403125", "0.140625")];
    let mut csv = String::from("pay.commission_rate,ownership.crm_retention\n");
    for (a, b) in points {
        csv.push_str(&format!("{a},{b}\n"));
    }
    write(&d.join("sobol.csv"), &csv);
    ok(batch(&d.join("all"), &["--replicates", "2", "--design", d.join("sobol.csv").to_str().unwrap()]));
    let all = rows(&d.join("all/runs.csv"));
    for (p, (a, b)) in points.iter().enumerate() {
        let one = d.join(format!("one{p}"));
        ok(batch(
            &one,
            &[
                "--replicates",
                "2",
                "--set",
                &format!("pay.commission_rate={a}"),
                "--set",
                &format!("ownership.crm_retention={b}"),
            ],
        ));
        for (k, row) in rows(&one.join("runs.csv")).iter().enumerate() {
            // Run id and point id differ (each single batch is point 0); everything after them is the same.
            let tail = |l: &str| l.splitn(3, ',').nth(2).unwrap().to_string();
            assert_eq!(tail(row), tail(&all[p * 2 + k]), "point {p}, replicate {k}");
        }
    }
}

#[test]
fn a_bad_design_file_is_refused_naming_file_line_column_and_parameter() {
    let d = out_dir("baddesign");
    let too_many = format!("pay.commission_rate\n{}", "0.05\n".repeat(100_001));
    for (text, needle) in [
        (too_many.as_str(), "rows: more than the limit of 100000"),
        ("pay.comission_rate\n0.05\n", ":1:1: column `pay.comission_rate`"),
        ("pay.commission_rate\n0.05\n2.0\n", ":3:1: column `pay.commission_rate`"),
        ("pay.commission_rate,seed\n0.05,3\n", "column `seed`"),
        ("pay.commission_rate,pay.commission_rate\n0.05,0.06\n", "given twice"),
        ("pay.commission_rate,pay.base_salary\n0.05\n", ":2:5: column `pay.base_salary`: no value"),
        ("pay.commission_rate\n0.05,7\n", ":2:6: value `7` beyond the last column"),
        (
            "behaviour.effort.income_weight_min,behaviour.effort.income_weight_max\n0.5,2.5\n2.0,1.0\n",
            ":3:1: these values together: behaviour.effort.income_weight_min: must not exceed",
        ),
        ("pay.commission_rate\n", "no points"),
        ("specialists.technical\n2.5\n", "column `specialists.technical`"),
    ] {
        let file = d.join("points.csv");
        write(&file, text);
        let out = d.join("out");
        let o = batch(&out, &["--design", file.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{text:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{text:?} names `{needle}`: {}", stderr(&o));
        assert!(!out.exists(), "{text:?}: nothing written");
    }
}

const SWEEP: [&str; 6] = ["--replicates", "3", "--set", "pay.commission_rate=0.04,0.07", "--timeseries", "--panels"];

fn shard(dir: &Path, i: u64, n: u64) {
    ok(batch(&dir.join(format!("shard-{i}")), &[&SWEEP[..], &["--shard", &format!("{i}/{n}")]].concat()));
}

#[test]
fn merging_shards_gives_the_unsharded_batch_byte_for_byte() {
    let (whole, sharded) = (out_dir("whole"), out_dir("sharded"));
    ok(batch(&whole, &SWEEP));
    for i in 0..4 {
        shard(&sharded, i, 4);
    }
    let o = ok(salesim(&["merge", sharded.to_str().unwrap()]));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("6 runs from 4 shards"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    for f in
        ["runs.csv", "runs.parquet", "timeseries.csv", "timeseries.parquet", "panels/accounts/point_id=1/run_5.parquet"]
    {
        assert_eq!(std::fs::read(whole.join(f)).unwrap(), std::fs::read(sharded.join(f)).unwrap(), "{f}");
    }
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sharded.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["status"], "complete");
    assert_eq!(m["merged_from"].as_array().unwrap().len(), 4);
}

#[test]
fn merge_refuses_missing_duplicate_unfinished_and_foreign_shards() {
    let d = out_dir("badmerge");
    shard(&d, 0, 3);
    shard(&d, 2, 3);
    let merge = || salesim(&["merge", d.to_str().unwrap()]);
    let refused = |needle: &str| {
        let o = merge();
        assert_eq!(o.status.code(), Some(2), "{needle}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "names `{needle}`: {}", stderr(&o));
        assert!(!d.join("runs.csv").exists(), "{needle}: nothing merged");
    };
    refused("shard(s) 1/3 missing");
    shard(&d, 1, 3);
    let again = d.join("shard-2-again");
    ok(batch(&again, &[&SWEEP[..], &["--shard", "2/3"]].concat()));
    refused("are both shard 2/3");
    std::fs::remove_dir_all(&again).unwrap();
    let copy = d.join("shard-1");
    let manifest = copy.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replace("\"status\": \"complete\"", "\"status\": \"running\"")).unwrap();
    refused("is not complete");
    std::fs::write(&manifest, text.replace("\"replicates\": 3", "\"replicates\": 4")).unwrap();
    refused("holds another design");
    std::fs::write(&manifest, &text).unwrap();
    let runs = copy.join("runs.csv");
    let csv = std::fs::read_to_string(&runs).unwrap();
    let cut: Vec<&str> = csv.lines().collect();
    std::fs::write(&runs, cut[..cut.len() - 1].join("\n") + "\n").unwrap();
    refused("is missing or incomplete");
    std::fs::write(&runs, csv).unwrap();
    ok(merge());
}

#[test]
fn merge_refused_for_a_torn_shard_leaves_no_file_behind() {
    let d = out_dir("tornmerge");
    shard(&d, 0, 2);
    shard(&d, 1, 2);
    // Shard 1 holds runs 1, 3 and 5 (lines 2 to 4); its last row loses its last two cells, as a
    // row cut short by a full disk would, although its manifest says it is complete.
    let runs = d.join("shard-1/runs.csv");
    let csv = std::fs::read_to_string(&runs).unwrap();
    let last = csv.trim_end().rsplit_once('\n').unwrap().1;
    let torn = &last[..last.rfind(',').unwrap()];
    let torn = &torn[..torn.rfind(',').unwrap()];
    std::fs::write(&runs, csv.replace(last, torn)).unwrap();
    let o = salesim(&["merge", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let expected = format!("{}:4:1: ", runs.display());
    assert!(stderr(&o).contains(&expected) && stderr(&o).contains("torn"), "names the shard's line: {}", stderr(&o));
    for f in ["runs.csv", "runs.parquet", "timeseries.csv", "timeseries.parquet", "panels", "manifest.json"] {
        assert!(!d.join(f).exists(), "{f} is not written");
    }
    assert_eq!(partial_files(&d), Vec::<String>::new(), "no partial file is left");
    std::fs::write(&runs, csv).unwrap();
    ok(salesim(&["merge", d.to_str().unwrap()]));
    assert_eq!(partial_files(&d), Vec::<String>::new());
}

#[test]
fn a_design_saved_by_excel_with_a_byte_order_mark_gives_the_rows_of_one_without() {
    let d = out_dir("bom");
    write(&d.join("plain.csv"), "pay.commission_rate\n0.05\n");
    write(&d.join("excel.csv"), "\u{feff}pay.commission_rate\r\n0.05\r\n");
    for name in ["plain", "excel"] {
        let design = d.join(format!("{name}.csv"));
        ok(batch(&d.join(name), &["--replicates", "1", "--design", design.to_str().unwrap()]));
    }
    assert_eq!(std::fs::read(d.join("plain/runs.csv")).unwrap(), std::fs::read(d.join("excel/runs.csv")).unwrap());
}

#[test]
fn a_design_of_sixty_four_columns_is_checked_to_its_last_value_naming_line_and_column() {
    let d = out_dir("wide");
    let params = String::from_utf8(ok(salesim(&["params", &baseline()])).stdout).unwrap();
    // 64 parameters that hold a fraction, each at its own value, over 2,000 points.
    let columns: Vec<(&str, &str)> = params
        .lines()
        .filter_map(|l| {
            let (path, rest) = l.split_once(" = ")?;
            let value = rest.split("  #").next()?.trim();
            let v: f64 = value.parse().ok()?;
            (value.contains('.') && v > 0.0 && v < 1.0).then_some((path, value))
        })
        .take(64)
        .collect();
    assert_eq!(columns.len(), 64);
    let header: Vec<&str> = columns.iter().map(|c| c.0).collect();
    let row: Vec<&str> = columns.iter().map(|c| c.1).collect();
    let mut text = header.join(",") + "\n";
    for _ in 0..2_000 {
        text.push_str(&(row.join(",") + "\n"));
    }
    let mut last = row.clone();
    last[40] = "x";
    let bad_column = row[..40].iter().map(|v| v.len() + 1).sum::<usize>() + 1;
    text.push_str(&(last.join(",") + "\n"));
    write(&d.join("wide.csv"), &text);
    let o = batch(&d.join("out"), &["--design", d.join("wide.csv").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let expected = format!("wide.csv:2002:{bad_column}: column `{}`", header[40]);
    assert!(stderr(&o).contains(&expected), "{expected}: {}", stderr(&o));
    assert!(!d.join("out").exists(), "nothing written");
}
