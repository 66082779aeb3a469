//! Writes the benchmark corpus of realistic answers files:
//! `cargo bench --bench gen_answers -- DIR COUNT` (not run by a plain `cargo bench`).

mod support;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    // cargo passes `--bench` first; the rest are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let (Some(dir), Some(count)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: cargo bench --bench gen_answers -- DIR COUNT");
        return ExitCode::from(2);
    };
    let bank = exovet::bank::load_builtin();
    match support::corpus::write(&bank, &PathBuf::from(dir), count) {
        Ok(files) => {
            let bytes: u64 = files
                .iter()
                .filter_map(|f| std::fs::metadata(f).ok())
                .map(|m| m.len())
                .sum();
            println!(
                "wrote {} answers files to {dir}, {} bytes on average",
                files.len(),
                bytes / u64::try_from(files.len().max(1)).unwrap_or(1)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{dir}: cannot write the corpus: {e}");
            ExitCode::from(2)
        }
    }
}
