#!/usr/bin/env bash
# The static (musl) binary against the usual (glibc) build, paired in one run on one
# machine: size, start-up and bulk scoring. Prints a Markdown table for docs/performance.md.
#
#   scripts/bench_static.sh            10,000 files, 10 bulk runs and 100 start-ups each
#   QUICK=1 scripts/bench_static.sh    fewer, to check the script itself
#
# Needs what scripts/package.sh needs for the musl build, and hyperfine and taskset.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
target=x86_64-unknown-linux-musl
if [[ ${QUICK:-0} == 1 ]]; then files=1000 runs=3 starts=20; else files=10000 runs=10 starts=100; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/exovet-static.XXXXXX")
trap 'rm -rf "$work"' EXIT
for tool in hyperfine taskset python3 strip; do
    command -v "$tool" >/dev/null || { echo "scripts/bench_static.sh needs $tool" >&2; exit 2; }
done

echo "--- builds" >&2
cargo build --release --quiet
cargo build --release --quiet --target "$target" --config profile.release.strip=true
glibc=$work/exovet-glibc
musl=$work/exovet-musl
cp target/release/exovet "$glibc"
strip -o "$work/exovet-glibc-stripped" "$glibc"
cp "target/$target/release/exovet" "$musl"

echo "--- inputs: $files answers files" >&2
cargo bench --quiet --bench gen_answers -- "$work/files" "$files" >&2
example=$root/docs/examples/careful-vendor.toml

echo "--- start-up" >&2
hyperfine --style none -N --warmup 10 --runs "$starts" --output=null \
    --export-json "$work/version.json" "$glibc --version" "$musl --version" >&2
hyperfine --style none -N --warmup 10 --runs "$starts" --output=null \
    --export-json "$work/one.json" "$glibc score $example" "$musl score $example" >&2

echo "--- bulk, one core" >&2
taskset -c 0 hyperfine --style none -N --warmup 2 --runs "$runs" --output=null \
    --export-json "$work/bulk.json" \
    "$glibc score --format json $work/files" "$musl score --format json $work/files" >&2

python3 - "$work" "$files" <<'EOF'
import json, os, statistics, sys
work, files = sys.argv[1], int(sys.argv[2])
size = lambda name: os.path.getsize(os.path.join(work, name))
def pair(name):
    r = json.load(open(os.path.join(work, name)))["results"]
    return [(statistics.median(x["times"]), x["user"] + x["system"]) for x in r]
mib = lambda b: f"{b / 2**20:.1f} MiB"
(gv, gv_cpu), (mv, mv_cpu) = pair("version.json")
(go, go_cpu), (mo, mo_cpu) = pair("one.json")
(gb, gb_cpu), (mb, mb_cpu) = pair("bulk.json")
print("| Figure | static (musl) | glibc build | Ratio |")
print("|---|---|---|---|")
print(f"| Size, stripped | {mib(size('exovet-musl'))} | {mib(size('exovet-glibc-stripped'))} (as built, not stripped: {mib(size('exovet-glibc'))}) | {size('exovet-musl') / size('exovet-glibc-stripped'):.2f} |")
print(f"| Start-up, `exovet --version`, median wall | {mv * 1e3:.2f} ms | {gv * 1e3:.2f} ms | {mv / gv:.2f} |")
print(f"| One file, `exovet score` (text), median wall | {mo * 1e3:.2f} ms | {go * 1e3:.2f} ms | {mo / go:.2f} |")
print(f"| Bulk: `score --format json`, {files:,} files, one core, per CPU second | {files / mb_cpu:,.0f} files/s | {files / gb_cpu:,.0f} files/s | {gb_cpu / mb_cpu:.2f} |")
print(f"| Bulk: the same, per wall second (median) | {files / mb:,.0f} files/s | {files / gb:,.0f} files/s | {gb / mb:.2f} |")
EOF
