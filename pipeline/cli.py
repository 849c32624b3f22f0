"""Command line: ``pipeline run``, ``pipeline incidents``, ``pipeline extract``,
``pipeline entities``, ``pipeline review``, ``pipeline eval``.

Each command checks its arguments and calls a plain function that notebooks
can call too.

    $ pipeline run corpus --out out
    $ pipeline extract "Douze policiers ont été tués à Almaty."
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .run import run_corpus

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="French news to structured event data: casualty figures, events, entities.")

SHOWN = ["event_type", "count", "count_low", "count_high", "qualifier", "victims", "location",
         "date", "source", "matched_text"]


def _fail(hint: str, message: str):
    """Refuse an argument: one line on standard error, exit status 2.

        $ pipeline run corpus --out events.csv
        error: --out: events.csv is a file, not a folder
    """
    typer.echo(f"error: {hint}: {message}", err=True)
    raise typer.Exit(2)


def _check_date(value: Optional[str]) -> Optional[str]:
    from .inputs.published import parse_published

    try:
        return parse_published(value)
    except ValueError as exc:
        _fail("--published", str(exc))


def _check_out(out: Path, folder: bool) -> None:
    """``--out`` must be a folder (``run``) or a file (``review``) that can be written."""
    if folder and out.exists() and not out.is_dir():
        _fail("--out", f"{out} is a file, not a folder")
    if not folder and out.is_dir():
        _fail("--out", f"{out} is a folder; name the HTML file to write")
    parent = next((p for p in (out, *out.absolute().parents) if p.exists()), None)
    if parent is not None and (not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK)):
        _fail("--out", f"{out} cannot be written ({parent} is not a writable folder)")


STATUSES = ("ok", "empty", "skipped", "error")


def _no_collection_at_exit() -> None:
    """The objects alive when the interpreter exits (the model, its
    vocabulary, the gazetteer) are left out of its last full pass of the
    garbage collector (``gc.freeze`` run by ``atexit``, before that pass),
    which would walk them all for nothing (about 0.4 s of CPU). Registered
    at exit, not frozen now: a process that goes on (a test session running
    the command in-process) collects as usual."""
    import atexit
    import gc

    atexit.unregister(gc.freeze)  # once, however many runs
    atexit.register(gc.freeze)


@app.command()
def run(
    inputs: List[str] = typer.Argument(None, help="Folders, .txt, .jsonl or .csv files (default: corpus)."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder for the CSV files."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD used when a document gives none."),
    workers: int = typer.Option(os.cpu_count() or 1, help="Worker processes (started with the model loaded)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress line."),
    fmt: str = typer.Option("csv", "--format", "-f", help="Output format: csv, parquet or jsonl."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run into the same --out."),
    strict: bool = typer.Option(False, "--strict", help="Exit with status 1 if any input failed."),
    engine: str = typer.Option("local", help="local (worker processes) or dask (a Dask cluster)."),
    scheduler: Optional[str] = typer.Option(
        None, help="Dask scheduler tcp://HOST:PORT (default with --engine dask: a local cluster of --workers)."),
    batch_size: int = typer.Option(32, "--batch-size", help="Documents per task sent to a worker (one memory zone each)."),
    append: bool = typer.Option(False, "--append",
                                help="Add to the tables already in --out (texts already there are skipped)."),
) -> None:
    """Extract events, entities, document statuses and incidents from a corpus into CSV, parquet or JSONL files."""
    from .outputs.writers import FORMATS, table_files
    from .run.archive import ArchiveFormatError
    from .run.checkpoint import Interrupted, ResumeRefused

    inputs = inputs or ["corpus"]
    _check_inputs(inputs, workers)
    _check_out(out, folder=True)
    if batch_size < 1:
        _fail("--batch-size", "must be at least 1")
    if fmt not in FORMATS:
        _fail("--format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    if engine not in ("local", "dask"):
        _fail("--engine", f"{engine!r} is not local or dask")
    if scheduler and engine != "dask":
        _fail("--scheduler", "needs --engine dask")
    published = _check_date(published)
    earlier = table_files(out)
    try:
        stats = run_corpus(inputs, str(out), published, workers, progress=not quiet, fmt=fmt,
                           resume=resume, engine=engine, scheduler=scheduler, batch_size=batch_size,
                           append=append)
    except ResumeRefused as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2)
    except ConnectionError as exc:  # --scheduler unreachable or without workers
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)
    except ArchiveFormatError as exc:  # --append onto tables of another format
        _fail("--format", str(exc))
    except Interrupted as exc:
        typer.echo(_interrupted(exc, inputs, out, published, earlier, fmt, append), err=True)
        raise typer.Exit(130)
    except KeyboardInterrupt:  # while the inputs were counted: nothing was written
        typer.echo("interrupted before any document was done, nothing kept", err=True)
        raise typer.Exit(130)
    except Exception:
        if earlier:
            typer.echo(f"the run failed: {_names(earlier)} in {out} are those of an earlier run", err=True)
        raise
    _no_collection_at_exit()
    from .run.progress import summary

    n_docs = sum(stats[k] for k in STATUSES)
    parts = ", ".join(f"{stats[k]} {k}" for k in STATUSES if stats[k])
    rates = summary(n_docs - stats["resumed"], stats["tokens"], stats["seconds"], stats["resumed"])
    typer.echo(f"{n_docs} documents ({parts}), {stats['events']} events, {stats['incidents']} incidents "
               f"-> {out}/ {rates}")
    if strict and stats["error"]:
        typer.echo(f"{stats['error']} input(s) failed: see {out}/documents", err=True)
        raise typer.Exit(1)


@app.command("incidents")
def incidents_command(
    out: Path = typer.Argument(..., help="An output folder of `pipeline run` (its events and documents tables)."),
) -> None:
    """Rebuild the incidents (and the incident_id of events) from the tables of earlier runs, without parsing."""
    from .outputs.incident_tables import table_format, update_incidents

    if table_format(out) is None:
        _fail("OUT_DIR", f"no events and documents tables in {out}")
    typer.echo(f"{update_incidents(out)} incidents -> {out}/")


def _names(paths: list[Path]) -> str:
    return ", ".join(p.name for p in paths)


def _interrupted(exc, inputs: list[str], out: Path, published: str | None, earlier: list[Path],
                 fmt: str = "csv", append: bool = False) -> str:
    """What Ctrl-C kept, and the command that continues the run."""
    import shlex

    lines = [f"interrupted: {exc.kept} of {exc.total} documents done"]
    if exc.path:
        options = [*(["--published", published] if published else []), *(["--format", fmt] if fmt != "csv" else []),
                   *(["--append"] if append else [])]
        command = ["pipeline", "run", *inputs, "--out", str(out), *options, "--resume"]
        lines[0] += f", kept in {exc.path}"
        lines.append("continue with: " + " ".join(shlex.quote(c) for c in command))
    else:
        lines[0] += ", nothing kept"
    if earlier:
        lines.append(f"{_names(earlier)} in {out} are those of an earlier run, not of this one")
    return "\n".join(lines)


@app.command()
def extract(
    text: str = typer.Argument(..., help="French text (use - to read standard input)."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help="Print the events as JSON records."),
) -> None:
    """Print the events of one text as a table (or JSON)."""
    from .api import extract as extract_text

    if text == "-":
        text = sys.stdin.read()
    res = extract_text(text, published=_check_date(published))
    if as_json:
        typer.echo(res.events.to_json(orient="records", force_ascii=False, indent=1))
    elif res.events.empty:
        typer.echo("no event found")
    else:
        typer.echo(res.events[SHOWN].to_string(index=False))


@app.command()
def entities(
    inputs: List[str] = typer.Argument(None, help="Folders or files (default: corpus)."),
    top: int = typer.Option(30, help="How many entities to show."),
) -> None:
    """Mentions per canonical entity across a corpus."""
    from .api import extract_folder
    from .entities import entity_table

    inputs = inputs or ["corpus"]
    _check_inputs(inputs, 1)
    res = extract_folder(*inputs, workers=1)
    typer.echo(entity_table(res.entities).head(top).to_string(index=False))


def _check_inputs(inputs: list[str], workers: int) -> None:
    missing = [p for p in inputs if not Path(p).exists()]
    if missing:
        _fail("INPUTS", f"no such file or folder: {', '.join(missing)}")
    if workers < 1:
        _fail("--workers", "must be at least 1")


@app.command()
def review(
    inputs: List[str] = typer.Argument(None, help="Folders, .txt, .jsonl or .csv files (default: corpus)."),
    out: Path = typer.Option(Path("review.html"), "--out", "-o", help="The HTML page to write."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD used when a document gives none."),
    workers: int = typer.Option(os.cpu_count() or 1, help="Worker processes (started with the model loaded)."),
) -> None:
    """Write a self-contained HTML page to review the extraction of a corpus.

    Summary charts, then each text with its entities and casualty figures
    highlighted, and its events table.
    """
    from .api import write_review

    inputs = inputs or ["corpus"]
    _check_inputs(inputs, workers)
    _check_out(out, folder=False)
    published = _check_date(published)
    res = write_review(inputs, out, published=published, workers=workers)
    typer.echo(f"{len(res.documents)} documents, {len(res.events)} events -> {out}")


@app.command("eval")
def evaluate_command(
    gold: Path = typer.Argument(..., help="Gold CSV: doc_id, event_type, count, qualifier, victims, location..."),
    predicted: List[str] = typer.Argument(..., help="An events table (CSV, JSONL or parquet with an "
                                          "event_type column), or folders and files to run the pipeline on."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD used when a document gives none."),
    workers: int = typer.Option(os.cpu_count() or 1, help="Worker processes (started with the model loaded)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Precision, recall and F1 of casualty figures against a gold file.

    Lists the missed and spurious figures. The second argument is an events
    table, or inputs to run the pipeline on first.
    """
    from .outputs import evaluate as ev

    if not gold.is_file():
        _fail("GOLD", f"no such file: {gold}")
    absent = [c for c in ev.REQUIRED if c not in ev.columns(gold)]
    if absent:
        _fail("GOLD", f"{gold} has no column {', '.join(absent)}")
    _check_inputs(predicted, workers)
    if len(predicted) == 1 and ev.is_events_table(predicted[0]):
        pred_rows = ev.read_rows(predicted[0])
    else:
        from .api import extract_folder

        res = extract_folder(*predicted, published=_check_date(published), workers=workers)
        pred_rows = ev.frame_rows(res.events)
    result = ev.score(ev.read_rows(gold), pred_rows)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    else:
        typer.echo(ev.report(result))


def main() -> None:  # pragma: no cover - console entry point
    app()
