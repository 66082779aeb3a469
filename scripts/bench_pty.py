#!/usr/bin/env python3
"""Measures programs in a pseudo-terminal, for scripts/bench.sh.

first-frame: time from spawn to the first full frame (a string the frame ends with) of
several programs, runs interleaved so they share the machine's ups and downs.

memory: peak resident memory of a program driven by keys, read from /usr/bin/time -v.

Results are JSON on stdout.
"""

import argparse
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time


def spawn(argv, cols, rows, cwd, env):
    """Forks `argv` onto a new pseudo-terminal of the given size; returns (pid, master fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.chdir(cwd)
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, fd


def wait_for(fd, marker, timeout):
    """Reads until `marker` has been written; returns the bytes, or None on timeout or EOF."""
    seen = b""
    deadline = time.perf_counter() + timeout
    while marker not in seen:
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return None
        if not chunk:
            return None
        seen += chunk
    return seen


def cpu_ms(pid):
    """CPU time the process has had so far, from the scheduler's count for each of its threads
    (/proc/PID/task/*/schedstat, in nanoseconds): unlike wall time, not inflated by waiting
    for a core that other programs hold."""
    total = 0
    tasks = f"/proc/{pid}/task"
    for tid in os.listdir(tasks):
        with open(f"{tasks}/{tid}/schedstat") as f:
            total += int(f.read().split()[0])
    return total / 1e6


def stop(pid, fd):
    # The whole session: a program run under /usr/bin/time must not outlive it.
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    os.close(fd)


def percentile(values, p):
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def first_frame(args):
    cases = [json.loads(c) for c in args.case]
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    env.pop("ACCESSIBLE", None)
    times = {c["name"]: [] for c in cases}
    cpu = {c["name"]: [] for c in cases}
    with tempfile.TemporaryDirectory() as cwd:
        env["HOME"] = cwd
        for run in range(args.warmup + args.runs):
            for case in cases:
                start = time.perf_counter()
                pid, fd = spawn(case["argv"], args.cols, args.rows, cwd, env)
                seen = wait_for(fd, case["marker"].encode(), args.timeout)
                elapsed = time.perf_counter() - start
                used = cpu_ms(pid) if seen is not None else 0
                stop(pid, fd)
                if seen is None:
                    sys.exit(f"{case['name']} never showed {case['marker']!r}")
                if run >= args.warmup:
                    times[case["name"]].append(elapsed * 1000)
                    cpu[case["name"]].append(used)
    print(json.dumps({
        name: {
            "median_ms": statistics.median(ms),
            "p95_ms": percentile(ms, 95),
            "min_ms": min(ms),
            "cpu_median_ms": statistics.median(cpu[name]),
            "cpu_p95_ms": percentile(cpu[name], 95),
            "runs": len(ms),
        }
        for name, ms in times.items()
    }))


def memory(args):
    """Runs argv under /usr/bin/time -v in a pty, types the keys, and reports the peak RSS."""
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("ACCESSIBLE", None)
    with tempfile.TemporaryDirectory() as cwd:
        env["HOME"] = cwd
        report = os.path.join(cwd, "time.txt")
        argv = ["/usr/bin/time", "-v", "-o", report] + args.argv
        pid, fd = spawn(argv, args.cols, args.rows, cwd, env)
        if wait_for(fd, args.ready.encode(), args.timeout) is None:
            stop(pid, fd)
            sys.exit(f"{args.argv[0]} never showed {args.ready!r}")
        for key in json.loads(args.keys):
            os.write(fd, key.encode())
            time.sleep(0.15)
        # Let it exit by itself, reading what it writes so it never blocks.
        deadline = time.perf_counter() + args.timeout
        while time.perf_counter() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
        else:
            stop(pid, fd)
            sys.exit(f"{args.argv[0]} did not leave after the keys")
        os.close(fd)
        with open(report) as f:
            for line in f:
                if "Maximum resident set size" in line:
                    print(json.dumps({"max_rss_kb": int(line.split(":")[1])}))
                    return
    sys.exit("no maximum resident set size in the /usr/bin/time report")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ff = sub.add_parser("first-frame")
    ff.add_argument("--case", action="append", required=True,
                    help='JSON: {"name": …, "marker": …, "argv": […]}')
    ff.add_argument("--runs", type=int, default=40)
    ff.add_argument("--warmup", type=int, default=3)
    ff.add_argument("--cols", type=int, default=120)
    ff.add_argument("--rows", type=int, default=40)
    ff.add_argument("--timeout", type=float, default=10)
    mem = sub.add_parser("memory")
    mem.add_argument("--ready", required=True, help="text on screen before typing")
    mem.add_argument("--keys", required=True, help="JSON list of key strings, typed in order")
    mem.add_argument("--cols", type=int, default=120)
    mem.add_argument("--rows", type=int, default=40)
    mem.add_argument("--timeout", type=float, default=10)
    mem.add_argument("--argv", required=True, help="JSON list: the program and its arguments")
    args = parser.parse_args()
    if args.command == "memory":
        args.argv = json.loads(args.argv)
        memory(args)
    else:
        first_frame(args)


if __name__ == "__main__":
    main()
