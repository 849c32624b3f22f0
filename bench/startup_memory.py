"""Start-up and peak memory of ``python -m pipeline run --workers 1``, for one or more checkouts.

    python bench/startup_memory.py [--checkout ../main] [--checkout .] [--repeat 3]

For each checkout (default: this one), in a fresh process each time and
with the geocoding index already in the cache folder (one warm-up run):

* start-up: wall seconds of ``pipeline run`` on a one-document corpus (the
  seed article), which is mostly loading the model and the indexes;
* the run of ``../shared/corpus-dev`` (27 documents): wall seconds and peak
  RSS of the process (``ru_maxrss`` from ``os.wait4``).

CPU seconds (user and system, from the same ``os.wait4``) are printed beside
wall seconds: on a machine shared with other work they move much less.

The fastest and the smallest of ``--repeat`` runs are kept. Prints one line
per checkout and the ratios of the last to the first.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus-dev"
SEED = ROOT / "corpus" / "2022-01-06-kazakhstan.txt"


def run(checkout: Path, inputs: Path) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB, CPU seconds) of one ``pipeline run --workers 1`` from ``checkout``."""
    out = tempfile.mkdtemp(prefix="bench-run-")
    try:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(inputs), "--out", out,
                                 "--workers", "1", "--quiet"], cwd=checkout,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if status != 0:
            raise SystemExit(f"pipeline run failed in {checkout} (status {status})")
        return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    finally:
        shutil.rmtree(out, ignore_errors=True)


def measure(checkouts: list[Path], repeat: int) -> list[dict[str, float]]:
    """Best figures per checkout, their runs interleaved (the machine is shared: load moves)."""
    one = Path(tempfile.mkdtemp(prefix="bench-one-"))
    shutil.copy(SEED, one / SEED.name)
    starts: dict[Path, list[tuple[float, float, float]]] = {c: [] for c in checkouts}
    runs: dict[Path, list[tuple[float, float, float]]] = {c: [] for c in checkouts}
    try:
        for checkout in checkouts:
            run(checkout, one)  # warm-up: builds the index into the cache folder if needed
        for _ in range(repeat):
            for checkout in checkouts:
                starts[checkout].append(run(checkout, one))
                runs[checkout].append(run(checkout, DEV))
    finally:
        shutil.rmtree(one, ignore_errors=True)
    return [{"startup": min(r[0] for r in starts[c]), "startup_cpu": min(r[2] for r in starts[c]),
             "wall": min(r[0] for r in runs[c]), "cpu": min(r[2] for r in runs[c]),
             "rss": min(r[1] for r in runs[c])} for c in checkouts]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkout", action="append", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    checkouts = [c.resolve() for c in (args.checkout or [ROOT])]
    print(f"load average {os.getloadavg()[0]:.1f} at start; best of {args.repeat}")
    results = measure(checkouts, args.repeat)
    for checkout, r in zip(checkouts, results):
        print(f"{checkout}: start-up {r['startup']:.2f} s wall, {r['startup_cpu']:.2f} s CPU (1 document); "
              f"corpus-dev {r['wall']:.2f} s wall, {r['cpu']:.2f} s CPU; peak RSS {r['rss']:.0f} MB")
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"last / first: start-up {b['startup'] / a['startup']:.3f}x wall, {b['startup_cpu'] / a['startup_cpu']:.3f}x CPU; "
              f"corpus-dev {b['wall'] / a['wall']:.3f}x wall, {b['cpu'] / a['cpu']:.3f}x CPU; "
              f"peak RSS {b['rss'] / a['rss']:.3f}x")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
