//! Per-iteration times and their percentiles: criterion reports means, the targets are p99.

use std::time::{Duration, Instant};

/// Whether this run measures (`cargo bench`) or only checks that each benchmark runs (`cargo test --benches`).
pub fn measuring() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// How many iterations to time: `full` when measuring, a handful when only checking.
pub fn iterations(full: usize) -> usize {
    if measuring() { full } else { full.min(3) }
}

/// Times taken by single iterations, to report a distribution rather than a mean.
#[derive(Default)]
pub struct Samples {
    times: Vec<Duration>,
}

impl Samples {
    pub fn with_capacity(n: usize) -> Self {
        Self {
            times: Vec::with_capacity(n),
        }
    }

    /// Runs `f` once, timing it, and returns what it returned.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.times.push(start.elapsed());
        out
    }

    pub fn push(&mut self, d: Duration) {
        self.times.push(d);
    }

    /// The `p`th percentile (0 to 100), nearest rank.
    pub fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.times.clone();
        sorted.sort_unstable();
        if sorted.is_empty() {
            return Duration::ZERO;
        }
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }

    pub fn median(&self) -> Duration {
        self.percentile(50.0)
    }

    pub fn max(&self) -> Duration {
        self.times.iter().copied().max().unwrap_or_default()
    }
}

/// Runs `f`, adding its wall time to `wall` and the CPU time this thread spent in it to
/// `cpu`. On a shared machine CPU time leaves out the time spent waiting for a core while
/// other programs ran, which wall time includes.
pub fn time_both<T>(wall: &mut Samples, cpu: &mut Samples, f: impl FnOnce() -> T) -> T {
    let cpu_start = cpu_time::ThreadTime::now();
    let start = Instant::now();
    let out = f();
    wall.push(start.elapsed());
    cpu.push(cpu_start.elapsed());
    out
}

/// Microseconds with two decimals, for result lines.
pub fn micros(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e6)
}

/// A line that `scripts/bench.sh` picks up: `RESULT name key=value …`.
pub fn result(name: &str, fields: &[(&str, String)]) {
    let fields: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
    println!("RESULT {name} {}", fields.join(" "));
}
