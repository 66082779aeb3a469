//! The binary: parse the command line, run it, turn the outcome into an exit code.

use std::process::ExitCode;

/// musl's allocator is slow for many small allocations (bulk scoring ran at about half the
/// speed of the glibc build): the static build allocates with mimalloc.
#[cfg(target_env = "musl")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    exovet::cli::main()
}
