#!/usr/bin/env python3
"""Run a scenario over several seeds and print the mean of each summary figure (a calibration aid)."""
import json, subprocess, sys, os, tempfile, statistics

scenario = sys.argv[1] if len(sys.argv) > 1 else "scenarios/baseline.ron"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10
binary = os.environ.get("SALESIM", "target/release/salesim")
rows = []
with tempfile.TemporaryDirectory() as tmp:
    for seed in range(1, n + 1):
        out = os.path.join(tmp, str(seed))
        subprocess.run([binary, "run", scenario, "--seed", str(seed), "--out", out, "-q"], check=True)
        rows.append(json.load(open(os.path.join(out, "summary.json"))))
for key, value in rows[0].items():
    if isinstance(value, (int, float)) and key not in ("seed", "weeks"):
        vals = [r[key] for r in rows]
        print(f"{key:28s} {statistics.mean(vals):14.4f}  (min {min(vals):.4f}, max {max(vals):.4f})")
