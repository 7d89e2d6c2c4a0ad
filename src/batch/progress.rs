//! Progress of a long batch: a bar with runs done, runs per second and time left on a terminal,
//! plain lines every ten seconds otherwise.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    total: usize,
    done: usize,
    start: Instant,
    last_line: Instant,
    terminal: bool,
    label: &'static str,
}

fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 { format!("{}h{:02}m", s / 3600, s % 3600 / 60) } else { format!("{}m{:02}s", s / 60, s % 60) }
}

impl Progress {
    pub fn new(label: &'static str, total: usize) -> Self {
        let now = Instant::now();
        Progress { total, done: 0, start: now, last_line: now, terminal: std::io::stderr().is_terminal(), label }
    }

    /// One more run finished.
    pub fn tick(&mut self) {
        self.done += 1;
        let elapsed = self.start.elapsed();
        let rate = self.done as f64 / elapsed.as_secs_f64().max(1e-9);
        let left = Duration::from_secs_f64((self.total - self.done) as f64 / rate.max(1e-9));
        let text = format!("{}/{} runs, {rate:.1} runs/s, {} left", self.done, self.total, clock(left));
        if self.terminal {
            let width = 30;
            let filled = width * self.done / self.total.max(1);
            eprint!("\r{} [{}{}] {text}   ", self.label, "#".repeat(filled), " ".repeat(width - filled));
            if self.done == self.total {
                eprintln!();
            }
        } else if self.last_line.elapsed() >= Duration::from_secs(10) || self.done == self.total {
            eprintln!("{}: {text}", self.label);
            self.last_line = Instant::now();
        }
        let _ = std::io::stderr().flush();
    }
}
