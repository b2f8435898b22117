"""Whole-pipeline benchmark: `framing process` on the BBC corpus and copies x4 and x16.

For each size it runs `framing process CORPUS -o STORE` as a subprocess (process
start and imports included), then the same command again (the cached rerun), and
prints words/s, wall time, peak memory (sum of the resident memory of the process
tree, sampled from /proc every 20 ms, and the largest single process from
os.wait4 rusage, with CPU seconds), the store size and where the time went (store/run.json:
seconds per stage summed over workers). The straightforward pipeline
(bench/baseline.py) is measured in the same run on x1 (and on x4 with --baseline-x4).

The copies are built in a temporary folder (symlinks to the read-only corpus under
distinct names, copy0/ copy1/ ...), never inside the repository. Skips cleanly (exit
0) when ../shared/corpora/bbc-news is absent.

Usage:
  python bench/bench_pipeline.py [--sizes 1 4 16] [--jobs N] [--baseline-x4] [--keep DIR]

Targets (issue 6): x4 >= 1M words/s and >= 5x the baseline; cached rerun <= 25% of
the first run; x16 <= 4.4x the time of x4; peak memory on x16 within 2x of x4 plus
the output tables.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora" / "bbc-news"
PYTHON = sys.executable
WORD = re.compile(rb"\S+")


def count_words(folder: Path) -> int:
    return sum(len(WORD.findall(p.read_bytes())) for p in folder.rglob("*.txt"))


def make_copies(src: Path, dest: Path, n: int) -> Path:
    """``dest`` with ``n`` copies of ``src``'s .txt files as symlinks (copyK/section/file)."""
    dest.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in src.rglob("*.txt"))
    for k in range(n):
        for f in files:
            target = dest / f"copy{k}" / f.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                os.symlink(f, target)
    return dest


def _tree_rss_kb(pid: int) -> int:
    """Resident memory (KB) of ``pid`` and all its descendants."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total


def timed(cmd: list[str], env=None) -> dict:
    """Run ``cmd``: wall seconds, CPU seconds (user + system of the process and its
    workers, from os.wait4), exit code, peak tree RSS (sampled) and the largest single
    process's RSS (MB, from the same rusage)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env)
        peak = 0
        done = threading.Event()

        def sample():
            nonlocal peak
            while not done.is_set():
                peak = max(peak, _tree_rss_kb(proc.pid))
                done.wait(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        sec = time.perf_counter() - t0
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {
            "seconds": sec,
            "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "rc": proc.returncode,
            "peak_tree_mb": peak / 1024,
            "max_process_mb": usage.ru_maxrss / 1024,
            "stdout": out.read().decode(errors="replace"),
            "stderr": err.read().decode(errors="replace"),
        }


def store_mb(store: Path) -> float:
    return sum(p.stat().st_size for p in store.glob("*.parquet")) / 1e6


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GB RAM, Python {platform.python_version()}, {platform.system()}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--jobs", type=int, default=None, help="framing process --jobs (default: every core)")
    parser.add_argument("--chunk-size", type=int, default=None)
    parser.add_argument("--baseline-x4", action="store_true", help="also time the baseline on x4 (about 30 s)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--keep", type=Path, help="build the copies and stores here and keep them")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"bench_pipeline: {SHARED} not found; skipping")
        return 0
    framing = [PYTHON, "-m", "framing.cli"] if not shutil.which("framing") else [shutil.which("framing")]
    framing_bin = Path(PYTHON).with_name("framing")
    if framing_bin.is_file():
        framing = [str(framing_bin)]
    work = args.keep or Path(tempfile.mkdtemp(prefix="framing-bench-"))
    print(f"machine: {machine()}; load average before: {os.getloadavg()[0]:.1f}")
    print(f"corpus: {SHARED}")
    words1 = count_words(SHARED)
    results = {}
    try:
        baseline = {}
        if not args.no_baseline:
            for n in ([1, 4] if args.baseline_x4 else [1]):
                corpus = SHARED if n == 1 else make_copies(SHARED, work / f"x{n}", n)
                r = timed([PYTHON, str(ROOT / "bench" / "baseline.py"), str(corpus)])
                baseline[n] = words1 * n / r["seconds"]
                print(f"baseline x{n}: {r['seconds']:.2f} s (CPU {r['cpu_seconds']:.1f} s), {baseline[n]:,.0f} words/s, "
                      f"peak {r['peak_tree_mb']:.0f} MB")
        for n in args.sizes:
            corpus = SHARED if n == 1 else make_copies(SHARED, work / f"x{n}", n)
            store = work / f"store-x{n}"
            shutil.rmtree(store, ignore_errors=True)
            cmd = [*framing, "process", str(corpus), "-o", str(store), "--no-progress"]
            if args.jobs:
                cmd += ["--jobs", str(args.jobs)]
            if args.chunk_size:
                cmd += ["--chunk-size", str(args.chunk_size)]
            first = timed(cmd)
            if first["rc"] not in (0, 3):
                print(f"x{n}: framing process failed (exit {first['rc']}):\n{first['stderr'][-2000:]}")
                return 1
            stats = json.loads((store / "run.json").read_text())
            again = timed(cmd)
            words = words1 * n
            res = {
                "words": words,
                "seconds": first["seconds"],
                "cpu_seconds": first["cpu_seconds"],
                "words_per_s": words / first["seconds"],
                "peak_tree_mb": first["peak_tree_mb"],
                "max_process_mb": first["max_process_mb"],
                "store_mb": store_mb(store),
                "cached_seconds": again["seconds"],
                "stages": stats["seconds"],
            }
            results[n] = res
            base = baseline.get(n) or baseline.get(1)
            speedup = f", {res['words_per_s'] / base:.1f}x baseline" if base else ""
            print(
                f"x{n}: {words:,} words in {res['seconds']:.2f} s = {res['words_per_s']:,.0f} words/s{speedup} "
                f"(CPU {res['cpu_seconds']:.1f} s = {words / res['cpu_seconds']:,.0f} words per CPU-second); "
                f"peak {res['peak_tree_mb']:.0f} MB (tree), largest process {res['max_process_mb']:.0f} MB; "
                f"tables {res['store_mb']:.0f} MB; cached rerun {res['cached_seconds']:.2f} s "
                f"({100 * res['cached_seconds'] / res['seconds']:.0f}% of first)"
            )
            busy = {k: v for k, v in stats["seconds"].items() if v > 0}
            total = sum(busy.values()) or 1
            print("   time by stage (CPU s, summed over workers): " + ", ".join(
                f"{k} {v:.2f} ({100 * v / total:.0f}%)" for k, v in sorted(busy.items(), key=lambda kv: -kv[1])))
        if 4 in results and 16 in results:
            r4, r16 = results[4], results[16]
            print(
                f"x16/x4 time: {r16['seconds'] / r4['seconds']:.2f} (target <= 4.4), "
                f"CPU time {r16['cpu_seconds'] / r4['cpu_seconds']:.2f} (4.0 = linear work); "
                f"peak x16 {r16['peak_tree_mb']:.0f} MB vs 2 * x4 + tables = "
                f"{2 * r4['peak_tree_mb'] + r16['store_mb']:.0f} MB"
            )
        if 4 in results:
            r4 = results[4]
            base = baseline.get(4) or baseline.get(1)
            print(
                f"targets x4: {r4['words_per_s'] / 1e6:.2f}M words/s (>= 1M); "
                + (f"{r4['words_per_s'] / base:.1f}x baseline (>= 5); " if base else "")
                + f"cached rerun {100 * r4['cached_seconds'] / r4['seconds']:.0f}% (<= 25%)"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
