#!/usr/bin/env python3
"""Whole-process timings for scripts/bench.sh: medians of paired runs.

    bench.py NKICT DATA_DIR SIZE... [--runs N] [--baseline OTHER_NKICT] [--dashboard-only]

For each size (a file DATA_DIR/<size>.json made by examples/synth):
`nkict export --from 1990 --to 2000 -o out.json` beside jq doing the same
filter, with the ratio and MB/s; peak memory against the file's size;
`validate` and `list --search`; the dashboard's first screen and a
keystroke's latency through a pseudo-terminal (medians of N sessions; with
--settle S, also of sessions whose keys wait S seconds after the first
screen, once the search index is built). Then the bundled dataset:
`list` and `export` against `nkict --version`. With --baseline, each nkict
figure is also measured for another build (paired, run by run).

    bench.py NKICT --bundled [--runs N] [--baseline OTHER_NKICT]...

The bundled dataset alone, in more detail: `list` to a pipe and fitted to
a width, `export` to standard output and to a file (a temporary file,
flushed to the disk with fsync, then renamed), each with its ratio to
`--version`; then, where `perf` is installed, the CPU time (task-clock)
and page faults of each, medians of rounds of `perf stat -r 10`: on a
machine shared with other jobs those vary far less than the wall-clock.
"""

import argparse
import os
import pty
import resource
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import fcntl
import termios

# The records whose time overlaps 1990-2000 as nkict places them: their own
# date or period, or their source's `info_as_of.year` when they speak of
# the present. jq keeps every source, indicator and entity (nkict keeps
# those the records use): a little more output for jq, of no weight.
JQ_FILTER = r"""
(.sources | map(select(.info_as_of.year != null) | {key: .id, value: .info_as_of.year}) | from_entries) as $approx
| .records |= map(select(
    if .date then (.date[0:4] | tonumber) as $y | ($y >= 1990 and $y <= 2000)
    elif .period then (.period.start[0:4] | tonumber) <= 2000 and (.period.end[0:4] | tonumber) >= 1990
    elif .as_of == "source" then ($approx[.source] // null) as $y | ($y != null and $y >= 1990 and $y <= 2000)
    else false end))
"""


# Write-only, as a shell's `> /dev/null`: nkict takes a read-write /dev/null
# on standard output for a closed one (see main.rs).
DEV_NULL = open(os.devnull, "wb")


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(argv):
    """Wall-clock and CPU (user + system) seconds of one run. On a shared
    machine the CPU time varies far less than the wall-clock time. What
    earlier runs wrote goes to the disk first: an export's `fsync` would
    otherwise wait for the previous command's output too (ext4 commits a
    file's journal with every file's pending data)."""
    os.sync()
    cpu = cpu_of_children()
    started = time.perf_counter()
    subprocess.run(argv, stdout=DEV_NULL, stderr=DEV_NULL, check=True)
    return time.perf_counter() - started, cpu_of_children() - cpu


CPU = {}


def medians(commands, runs):
    """Runs each command of `commands` in turn, `runs` rounds (in reverse
    order every other round): paired runs see the same load. Returns the
    median wall-clock seconds of each (and notes the median CPU seconds in
    `CPU`)."""
    times = {name: [] for name in commands}
    order = list(commands.items())
    for _ in range(runs):
        for name, argv in order:
            times[name].append(run_once(argv))
        # Each command's place in a round alternates: none always runs
        # right after the same other one.
        order.reverse()
    for name, t in times.items():
        CPU[name] = statistics.median(cpu for _, cpu in t)
    return {name: statistics.median(wall for wall, _ in t) for name, t in times.items()}


def peak_rss_mb(argv):
    """Maximum resident set size of a run, in MiB (GNU time -v)."""
    result = subprocess.run(["/usr/bin/time", "-v"] + argv, stdout=DEV_NULL,
                            stderr=subprocess.PIPE, text=True, check=True)
    kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return kb / 1024


class Dashboard:
    """nkict's dashboard in a 200x60 pseudo-terminal."""

    def __init__(self, argv):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "xterm-256color"
            os.execv(argv[0], argv)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 200, 0, 0))
        self.started = time.perf_counter()
        self.screen = b""

    def read_until(self, pattern, timeout=120):
        """Seconds from now until the output shows `pattern`."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([self.fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except OSError:
                    break
                self.screen += chunk
                if re.search(pattern, self.screen):
                    return time.perf_counter() - started
        raise TimeoutError(pattern)

    def drain(self, quiet=0.3):
        while select.select([self.fd], [], [], quiet)[0]:
            try:
                os.read(self.fd, 1 << 16)
            except OSError:
                return

    def key(self, keys):
        """Seconds from sending `keys` to the first byte of the redrawn screen."""
        self.drain()
        started = time.perf_counter()
        os.write(self.fd, keys)
        select.select([self.fd], [], [], 60)
        latency = time.perf_counter() - started
        return latency

    def key_until(self, keys, pattern, timeout=120):
        """Seconds from sending `keys` until the output shows `pattern`."""
        self.drain()
        self.screen = b""
        started = time.perf_counter()
        os.write(self.fd, keys)
        self.read_until(pattern, timeout)
        return time.perf_counter() - started

    def close(self):
        os.write(self.fd, b"\x1b")
        time.sleep(0.2)
        os.write(self.fd, b"q")
        for _ in range(50):
            self.drain(0.1)
            pid, _, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                break
        else:
            os.kill(self.pid, 9)
            _, _, usage = os.wait4(self.pid, 0)
        os.close(self.fd)
        return usage.ru_maxrss / 1024


def searched(tail):
    """The end of the header's `Search “text”`, the cells perhaps apart: a
    frame writes only the cells that changed (after `“o”`, `“op”` writes
    only `p”`)."""
    moves = rb"(?:\x1b\[[0-9;?]*[A-Za-z])*"
    return moves.join(re.escape(c.encode()) for c in tail)


def dashboard_figures(nkict, data, max_size, settle):
    """One run: the first screen, then each key's latency, the first `settle`
    seconds after the first screen (the search index is built meanwhile, on
    another thread)."""
    board = Dashboard([nkict, "--max-size", max_size, "--data", data])
    try:
        first = board.read_until(rb"of [\d,]+ records")
        time.sleep(settle)
        latencies = {"year ] (from up)": board.key(b"]"), "reset r": board.key(b"r")}
        board.key(b"/")
        # Until the header names the search: the dashboard echoes a key at
        # once but searches once no key waits (and the search index, built
        # after the first screen, is ready).
        latencies["search / first key"] = board.key_until(b"o", searched("“o”"))
        latencies["search later key"] = board.key_until(b"p", searched("p”"))
        board.key(b"\x1b")
        time.sleep(0.2)  # a lone Esc is told from the start of a sequence by a pause
        latencies["Indicators view 3"] = board.key(b"3")
        # A filter change while each view that reads every claim is shown.
        latencies["Indicators ]"] = board.key(b"]")
        latencies["Estimates view 4"] = board.key(b"4")
        latencies["Estimates ]"] = board.key(b"]")
    finally:
        latencies["peak memory"] = board.close()
    return first, latencies


def perf_stat(argv, runs):
    """Median task-clock (ms) and page faults of `runs` runs of `argv`."""
    err = subprocess.run(["perf", "stat", "-x", ",", "-e", "task-clock,page-faults", "-r", str(runs), *argv],
                         stdout=DEV_NULL, stderr=subprocess.PIPE, text=True, check=True).stderr
    figures = {}
    for line in err.splitlines():
        fields = line.split(",")
        if len(fields) > 2 and fields[2] in ("task-clock", "page-faults"):
            figures[fields[2]] = float(fields[0])
    return figures["task-clock"], figures["page-faults"]


def bundled_detail(builds, runs):
    """The bundled dataset's commands against `--version`, for each build."""
    out_dir = tempfile.mkdtemp(prefix="nkict-bench-")
    shapes = {
        "--version": ["--version"],
        "list": ["list"],
        "list --width 100": ["list", "--width", "100"],
        "export -o -": ["export", "-o", "-"],
        "export -o FILE": ["export", "-o", os.path.join(out_dir, "{name}.json"), "--force"],
    }
    commands = {}
    for name, exe in builds.items():
        for shape, args in shapes.items():
            commands[f"{name} {shape}"] = [exe, *(a.format(name=name) for a in args)]
    times = medians(commands, runs)
    print(f"## bundled dataset: wall-clock, medians of {runs} paired runs\n")
    print("| build | " + " | ".join(shapes) + " |")
    print("|---|" + "---|" * len(shapes))
    for name in builds:
        version = times[f"{name} --version"]
        cells = [f"{version * 1000:.2f} ms"] + [
            f"{times[f'{name} {s}'] * 1000:.2f} ms = {times[f'{name} {s}'] / version:.2f}x" for s in list(shapes)[1:]]
        print(f"| {name} | " + " | ".join(cells) + " |")
    if shutil.which("perf"):
        rounds = max(runs // 10, 3)
        stats = {name: [] for name in commands}
        for _ in range(rounds):
            for name, argv in commands.items():
                stats[name].append(perf_stat(argv, 10))
        print(f"\n## bundled dataset: task-clock and page faults, medians of {rounds} rounds of perf stat -r 10\n")
        print("| build | " + " | ".join(shapes) + " |")
        print("|---|" + "---|" * len(shapes))
        for name in builds:
            clock = {s: statistics.median(c for c, _ in stats[f"{name} {s}"]) for s in shapes}
            faults = {s: statistics.median(f for _, f in stats[f"{name} {s}"]) for s in shapes}
            cells = [f"{clock[s]:.2f} ms ({clock[s] / clock['--version']:.2f}x), {faults[s]:.0f} faults"
                     for s in shapes]
            print(f"| {name} | " + " | ".join(cells) + " |")
    shutil.rmtree(out_dir)


def dashboard_rows(builds, data, runs, settle):
    """The dashboard's table for one file: sessions of the builds in turn
    (paired: old, new, old, new...), medians of `runs` each."""
    mb = os.path.getsize(data) / 1e6
    print("| build | dashboard first screen | " + " | ".join(
        ["year ] (from up)", "reset r", "search / first key", "search later key", "Indicators view 3",
         "Indicators ]", "Estimates view 4", "Estimates ]", "peak memory / file"]) + " |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    settles = [0, settle] if settle else [0]
    sessions = {(name, s): [] for name in builds for s in settles}
    for _ in range(runs):
        for s in settles:
            for name, exe in builds.items():
                sessions[(name, s)].append(dashboard_figures(exe, data, "4G", s))
    for (name, s), figures in sessions.items():
        first = statistics.median(f for f, _ in figures)
        latencies = {key: statistics.median(l[key] for _, l in figures) for key in figures[0][1]}
        rss = latencies.pop("peak memory")
        label = f"{name}, keys after {s:g} s" if s else name
        print(f"| {label} | {ms(first)} | " + " | ".join(ms(v) for v in latencies.values())
              + f" | {rss:,.0f} MiB = {rss * 1.048576 / mb:.2f}x |")
    sys.stdout.flush()


def ms(seconds):
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("nkict")
    parser.add_argument("data_dir", nargs="?")
    parser.add_argument("sizes", nargs="*")
    parser.add_argument("--bundled", action="store_true", help="the bundled dataset only, in detail")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", action="append", default=[],
                        help="another build to measure beside it (repeatable: baseline, baseline2...)")
    parser.add_argument("--no-jq", action="store_true")
    parser.add_argument("--no-dashboard", action="store_true")
    parser.add_argument("--dashboard-only", action="store_true", help="only the dashboard's rows of each size")
    parser.add_argument("--settle", type=float, default=0,
                        help="also time the dashboard's keys this many seconds after its first screen")
    args = parser.parse_args()
    builds = {"nkict": args.nkict}
    for n, other in enumerate(args.baseline, 1):
        builds["baseline" if n == 1 else f"baseline{n}"] = other
    out_dir = tempfile.mkdtemp(prefix="nkict-bench-")
    load = os.getloadavg()
    print(f"# {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; medians of {args.runs} paired runs\n")
    if args.bundled:
        bundled_detail(builds, args.runs)
        load = os.getloadavg()
        print(f"\n# load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        return
    if not args.data_dir or not args.sizes:
        parser.error("give DATA_DIR and at least one SIZE, or --bundled")

    if args.dashboard_only:
        for size in args.sizes:
            dashboard_rows(builds, os.path.join(args.data_dir, f"{size}.json"), args.runs, args.settle)
        return
    rounds = max(args.runs, 20)
    commands = {}
    for name, exe in builds.items():
        commands[f"{name} --version"] = [exe, "--version"]
        commands[f"{name} list"] = [exe, "list"]
        commands[f"{name} export"] = [exe, "export"]
    bundled = medians(commands, rounds)
    print(f"## bundled dataset (medians of {rounds} runs)\n")
    print("| build | --version | list | export | list / --version | export / --version |")
    print("|---|---|---|---|---|---|")
    for name in builds:
        v, l, e = (bundled[f"{name} {c}"] for c in ("--version", "list", "export"))
        print(f"| {name} | {v * 1000:.1f} ms | {l * 1000:.1f} ms | {e * 1000:.1f} ms | {l / v:.2f}x | {e / v:.2f}x |")
    print()

    for size in args.sizes:
        data = os.path.join(args.data_dir, f"{size}.json")
        mb = os.path.getsize(data) / 1e6
        max_size = "4G"
        commands = {}
        for name, exe in builds.items():
            out = os.path.join(out_dir, f"{name}-{size}.json")
            commands[f"{name} export"] = [exe, "--max-size", max_size, "--data", data, "export", "--from", "1990",
                                          "--to", "2000", "-o", out, "--force"]
            commands[f"{name} validate"] = [exe, "validate", "--max-size", max_size, data]
            commands[f"{name} list --search"] = [exe, "--max-size", max_size, "--data", data, "list", "--search",
                                                 "optical cable"]
        if not args.no_jq:
            commands["jq"] = ["sh", "-c", f"jq '{JQ_FILTER}' '{data}' > '{out_dir}/jq-{size}.json'"]
        times = medians(commands, args.runs)
        print(f"## {size} records: {mb:,.0f} MB\n")
        print("| build | export 1990-2000 | MB/s | jq | jq / export | CPU: export, jq | peak memory / file | validate "
              "| list --search |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name, exe in builds.items():
            export = times[f"{name} export"]
            jq = times.get("jq")
            rss = peak_rss_mb(commands[f"{name} export"])
            jq_cells = f"{ms(jq)} | {jq / export:.1f}x" if jq else "- | -"
            cpu = f"{ms(CPU[f'{name} export'])}, {ms(CPU['jq'])}" if jq else ms(CPU[f"{name} export"])
            print(f"| {name} | {ms(export)} | {mb / export:,.0f} | {jq_cells} | {cpu} | {rss:,.0f} MiB = "
                  f"{rss * 1.048576 / mb:.2f}x | {ms(times[f'{name} validate'])} "
                  f"({times[f'{name} validate'] / export:.2f}x) | {ms(times[f'{name} list --search'])} "
                  f"({times[f'{name} list --search'] / export:.2f}x) |")
        if not args.no_dashboard:
            print()
            dashboard_rows(builds, data, args.runs, args.settle)
        print()
        sys.stdout.flush()
    shutil.rmtree(out_dir)


if __name__ == "__main__":
    main()
