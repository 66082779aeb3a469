//! Scoring answers files: one file parsed, scored and rendered to JSON (criterion means, then
//! p50/p99 from a plain loop), and a whole folder read and parsed against read, parsed, scored
//! and written as JSON lines, the two interleaved in the same run.
//!
//! The folder is `EXOVET_BENCH_DIR` when set (the 10,000 files of `scripts/bench.sh`),
//! otherwise a corpus made in a temporary folder.

mod support;

use std::hint::black_box;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;

use exovet::answers::{self, Loaded};
use exovet::bank::{Bank, load_builtin};
use exovet::report::{Scored, json};
use exovet::score::{self, Verdict};
use exovet::source::SourceText;
use support::timing::{self, Samples};

fn scored<'a>(
    path: &'a Path,
    bank: &'a Bank,
    loaded: &'a Loaded,
    verdict: &'a Verdict,
) -> Scored<'a> {
    Scored::loaded(path, bank, loaded, verdict)
}

fn parse(bank: &Bank, src: &SourceText) -> Loaded {
    answers::parse(src, bank).expect("the benchmark's answers file is valid")
}

fn score_one(bank: &Bank, loaded: &Loaded) -> Verdict {
    score::score(bank, &loaded.file.answers, loaded.file.meta.audience)
}

/// What `exovet score --format json` does for one file: its line is added to `out`, which
/// the binary hands to stdout every 64 KB. The writer is made once a run, as the binary does.
fn end_to_end(bank: &Bank, writer: &json::Writer<'_>, path: &Path, out: &mut String) {
    let loaded = answers::read(path, bank).expect("the benchmark's answers file is valid");
    let verdict = score_one(bank, &loaded);
    writer.push_line(&scored(path, bank, &loaded, &verdict), out);
}

fn criterion_benches(c: &mut Criterion, bank: &Bank, path: &Path, src: &SourceText) {
    let writer = json::Writer::new(bank);
    let loaded = parse(bank, src);
    let verdict = score_one(bank, &loaded);
    let mut group = c.benchmark_group("one_file");
    group.bench_function("parse", |b| b.iter(|| parse(bank, black_box(src))));
    group.bench_function("read_and_parse", |b| {
        b.iter(|| answers::read(black_box(path), bank).map(|l| l.file.meta.audience));
    });
    group.bench_function("score", |b| b.iter(|| score_one(bank, black_box(&loaded))));
    let mut line = String::new();
    group.bench_function("json", |b| {
        b.iter(|| {
            line.clear();
            writer.push_line(&scored(path, bank, black_box(&loaded), &verdict), &mut line);
        });
    });
    let mut out = String::new();
    group.bench_function("read_parse_score_json", |b| {
        b.iter(|| {
            out.clear();
            end_to_end(bank, &writer, black_box(path), &mut out);
        });
    });
    // The first line of a run writes the parts that later lines copy.
    group.bench_function("json_first_line", |b| {
        b.iter(|| {
            line.clear();
            let writer = json::Writer::new(black_box(bank));
            writer.push_line(&scored(path, bank, black_box(&loaded), &verdict), &mut line);
        });
    });
    group.finish();
}

/// p50 and p99 of each step on one file.
fn single_file_percentiles(bank: &Bank, path: &Path, src: &SourceText) {
    let n = timing::iterations(20_000);
    let writer = json::Writer::new(bank);
    let loaded = parse(bank, src);
    let verdict = score_one(bank, &loaded);
    let (mut p, mut s, mut j, mut all) = (
        Samples::with_capacity(n),
        Samples::with_capacity(n),
        Samples::with_capacity(n),
        Samples::with_capacity(n),
    );
    let mut out = String::new();
    for _ in 0..n {
        // Each result is dropped inside the timing: freeing it is part of the cost.
        black_box(p.time(|| parse(bank, black_box(src)).warnings.len()));
        black_box(s.time(|| score_one(bank, black_box(&loaded)).findings.len()));
        out.clear();
        j.time(|| writer.push_line(&scored(path, bank, black_box(&loaded), &verdict), &mut out));
        out.clear();
        all.time(|| end_to_end(bank, &writer, black_box(path), &mut out));
    }
    for (name, samples) in [
        ("parse", &p),
        ("score", &s),
        ("json", &j),
        ("read_parse_score_json", &all),
    ] {
        timing::result(
            &format!("one_file.{name}"),
            &[
                ("p50_us", timing::micros(samples.median())),
                ("p99_us", timing::micros(samples.percentile(99.0))),
                ("bytes", src.text().len().to_string()),
            ],
        );
    }
}

/// Reading and parsing every file, against doing all `exovet score --format json` does with
/// each, rounds interleaved so both see the same machine. CPU time is the figure for the
/// target (other programs on a shared machine inflate wall time); wall time is shown too.
fn folder(bank: &Bank, files: &[PathBuf]) {
    let rounds = if timing::measuring() { 9 } else { 1 };
    let files = if timing::measuring() {
        files
    } else {
        &files[..files.len().min(20)]
    };
    let (mut parse_wall, mut parse_cpu) = (Samples::default(), Samples::default());
    let (mut full_wall, mut full_cpu) = (Samples::default(), Samples::default());
    let mut out = std::io::sink();
    let writer = json::Writer::new(bank);
    let mut lines = String::with_capacity(128 * 1024);
    for _ in 0..rounds {
        timing::time_both(&mut parse_wall, &mut parse_cpu, || {
            for path in files {
                black_box(answers::read(path, bank).map(|l| l.warnings.len()).ok());
            }
        });
        timing::time_both(&mut full_wall, &mut full_cpu, || {
            for path in files {
                end_to_end(bank, &writer, path, &mut lines);
                if lines.len() >= 64 * 1024 {
                    out.write_all(lines.as_bytes())
                        .expect("the sink takes everything");
                    lines.clear();
                }
            }
        });
    }
    #[allow(clippy::cast_precision_loss)]
    let n = files.len() as f64;
    let per_second = |d: Duration| format!("{:.0}", n / d.as_secs_f64().max(1e-9));
    let per_file = |d: Duration| format!("{:.2}", d.as_secs_f64() * 1e6 / n.max(1.0));
    let overhead = |full: Duration, parse: Duration| {
        format!(
            "{:.1}",
            (full.as_secs_f64() / parse.as_secs_f64().max(1e-9) - 1.0) * 100.0
        )
    };
    let (pc, fc) = (parse_cpu.median(), full_cpu.median());
    let (pw, fw) = (parse_wall.median(), full_wall.median());
    timing::result(
        "folder",
        &[
            ("files", files.len().to_string()),
            ("rounds", rounds.to_string()),
            ("read_parse_cpu_us_per_file", per_file(pc)),
            ("full_cpu_us_per_file", per_file(fc)),
            ("overhead_cpu_percent", overhead(fc, pc)),
            ("read_parse_files_per_cpu_s", per_second(pc)),
            ("full_files_per_cpu_s", per_second(fc)),
            ("read_parse_wall_us_per_file", per_file(pw)),
            ("full_wall_us_per_file", per_file(fw)),
            ("overhead_wall_percent", overhead(fw, pw)),
            ("full_files_per_wall_s", per_second(fw)),
        ],
    );
}

fn main() {
    let bank = load_builtin();
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let path = tmp.path().join("vendor.toml");
    let text = support::corpus::typical(&bank);
    std::fs::write(&path, &text).expect("writing the answers file");
    let src = SourceText::new(path.display().to_string(), text);

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    criterion_benches(&mut c, &bank, &path, &src);
    c.final_summary();
    single_file_percentiles(&bank, &path, &src);

    let files = if let Some(dir) = std::env::var_os("EXOVET_BENCH_DIR") {
        exovet::report::compare::expand(&[PathBuf::from(dir)])
            .expect("EXOVET_BENCH_DIR holds answers files")
    } else {
        let count = if timing::measuring() { 10_000 } else { 20 };
        support::corpus::write(&bank, &tmp.path().join("corpus"), count)
            .expect("writing the corpus")
    };
    let started = Instant::now();
    folder(&bank, &files);
    if timing::measuring() {
        eprintln!(
            "folder benchmark took {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
}
