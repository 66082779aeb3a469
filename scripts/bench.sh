#!/usr/bin/env bash
# Measures exovet side by side with its anchors and writes docs/performance.md.
#
#   scripts/bench.sh           the full run, a few minutes
#   QUICK=1 scripts/bench.sh   fewer runs and files, to check the script itself
#
# It builds the release binary, writes 10,000 realistic answers files, runs the in-process
# benchmarks (cargo bench), times the real binary (hyperfine, pseudo-terminals) and rewrites
# everything in docs/performance.md below its hand-written introduction.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
quick=${QUICK:-0}
work=$(mktemp -d "${TMPDIR:-/tmp}/exovet-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
results=$work/results
mkdir -p "$results"

if [[ $quick == 1 ]]; then
    files=1000 small=200 frame_runs=8 hyper_runs=3
else
    files=10000 small=1000 frame_runs=40 hyper_runs=10
fi

say() { printf '\n== %s\n' "$*" >&2; }

say "tools"
missing=()
command -v dialog >/dev/null || missing+=(dialog)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[[ -x /usr/bin/time ]] || missing+=(time)
command -v taskset >/dev/null || missing+=(util-linux)
if ((${#missing[@]})); then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "scripts/bench.sh needs: ${missing[*]} (Debian: apt-get install ${missing[*]})" >&2
        exit 2
    fi
fi
command -v python3 >/dev/null || { echo "scripts/bench.sh needs python3" >&2; exit 2; }

say "machine"
python3 - "$results/machine.json" <<'EOF'
import json, os, platform, subprocess, sys
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
mem_kb = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
json.dump({
    "nproc": os.cpu_count(), "cpu": cpu, "memory_gib": round(mem_kb / 2**20, 1),
    "kernel": platform.release(), "load": os.getloadavg(), "rustc": rustc,
}, open(sys.argv[1], "w"))
EOF

say "build"
cargo build --release --quiet
exovet=$root/target/release/exovet

say "inputs: $files answers files"
cargo bench --quiet --bench gen_answers -- "$work/files" "$files" >&2
cargo bench --quiet --bench gen_answers -- "$work/files-small" "$small" >&2
du -sb "$work/files" | awk -v n="$files" '{printf "{\"files\": %d, \"mean_bytes\": %.0f}\n", n, $1 / n}' >"$results/corpus.json"

say "start to first frame: exovet and dialog, $frame_runs runs each, interleaved"
dialog_argv=$(python3 -c '
import json
argv = ["dialog", "--title", "Vendors", "--menu", "Pick a clinic to vet", "0", "0", "0"]
for i in range(1, 41):
    argv += [f"c{i}", f"Clinic number {i}"]
print(json.dumps(argv))')
python3 scripts/bench_pty.py first-frame --runs "$frame_runs" --cols 120 --rows 40 \
    --case "{\"name\": \"exovet\", \"marker\": \"Nothing is saved until you start\", \"argv\": [\"$exovet\"]}" \
    --case "{\"name\": \"dialog\", \"marker\": \"Cancel\", \"argv\": $dialog_argv}" \
    >"$results/first_frame.json"

say "keystroke to frame (cargo bench --bench keystroke)"
# The filter matches no criterion benchmark: the script needs only the p50/p99 loops.
cargo bench --quiet --bench keystroke -- only-the-percentile-loops 2>/dev/null |
    grep '^RESULT' >"$results/keystroke.txt"

say "bulk scoring in process (cargo bench --bench bulk)"
EXOVET_BENCH_DIR=$work/files taskset -c 0 cargo bench --quiet --bench bulk -- only-the-percentile-loops 2>/dev/null |
    grep '^RESULT' >"$results/bulk.txt"

say "bulk scoring, the binary on one core (hyperfine)"
taskset -c 0 hyperfine --style none -N --warmup 2 --runs "$hyper_runs" --output=null \
    --export-json "$results/hyperfine.json" \
    "$exovet score --format json $work/files" >&2

say "peak memory"
peak() { /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true; cat "$work/rss"; }
{
    printf '{"json_small": %s, ' "$(peak "$exovet" score --format json "$work/files-small")"
    printf '"json_large": %s, ' "$(peak "$exovet" score --format json "$work/files")"
    printf '"text_small": %s, ' "$(peak "$exovet" score --format text "$work/files-small")"
    printf '"text_large": %s, ' "$(peak "$exovet" score --format text "$work/files")"
    printf '"small": %s, "large": %s}\n' "$small" "$files"
} >"$results/memory_bulk.json"
# A short session: patient, a subject, a few answers (arrows, Enter, a number key, text), Ctrl-Q.
python3 scripts/bench_pty.py memory --ready "Who is filling" \
    --keys '["1", "Glow Med Spa", "\r", "\u001b[B", "\u001b[B", "\r", "1", "Brand X, lot 42", "\r", "2", "\u0011"]' \
    --argv "[\"$exovet\"]" >"$results/memory_wizard.json"
python3 scripts/bench_pty.py memory --ready "Cancel" --keys '["\u001b[B", "\u001b[B", "\u001b"]' \
    --argv "$dialog_argv" >"$results/memory_dialog.json"

say "docs/performance.md"
python3 scripts/bench_report.py "$results" docs/performance.md
echo "wrote docs/performance.md" >&2
