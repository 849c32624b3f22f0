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
from collections import Counter
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="French news to structured event data: casualty figures, events, entities.")

SHOWN = ["event_type", "count", "count_low", "count_high", "qualifier", "victims", "location",
         "date", "source", "matched_text"]


def _check_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")


def run_corpus(inputs: list[str], out: str, published: str | None = None, workers: int = 1,
               progress: bool = True, fmt: str = "csv", resume: bool = False,
               engine: str = "local", scheduler: str | None = None, batch_size: int = 32,
               append: bool = False) -> Counter:
    """Process ``inputs`` and write events, entities, documents and incidents
    tables into ``out`` (atomically) as ``fmt`` files (csv, parquet or jsonl);
    return the count of documents per status. Each finished document is
    checkpointed in ``out``; with ``resume`` the documents of an interrupted
    run are not redone; with ``append`` the rows already in ``out`` are kept
    and documents whose text is there are skipped (see :mod:`pipeline.archive`)."""
    from .archive import Stage
    from .checkpoint import Checkpoint, key
    from .export import open_writer
    from .engines import block_mapper, iter_results
    from .read import read_inputs

    statuses: Counter = Counter()
    stage = Stage(out, fmt, append=append)
    writer = open_writer(stage.path, fmt)
    checkpoint = Checkpoint(out, resume=resume)

    def emit(r, record: bool) -> None:
        writer.write("events", r.events)
        writer.write("entities", r.entities)
        writer.write("documents", [r.document])
        statuses[r.document["status"]] += 1
        statuses["events"] += len(r.events)
        if record:
            checkpoint.add(r)

    try:
        for name, row in stage.archived_rows():
            writer.write(name, [row])
        for r in checkpoint.replay():
            emit(r, record=False)
        todo = (stage.skip_archived(d) for d in read_inputs(inputs, published=published)
                if key(d.path, d.doc_id) not in checkpoint.done)
        results = iter_results(todo, engine=engine, workers=workers, scheduler=scheduler, batch_size=batch_size)
        with typer.progressbar(results, label="documents", file=sys.stderr,
                               show_pos=True, hidden=not progress) as bar:
            for r in bar:
                emit(r, record=True)
        writer.close()
        statuses["incidents"] = stage.publish(block_mapper(engine, scheduler, workers))
    except BaseException:
        writer.abort()
        stage.discard()
        checkpoint.close(remove=False)
        raise
    checkpoint.close()
    return statuses


@app.command()
def run(
    inputs: List[str] = typer.Argument(None, help="Folders, .txt, .jsonl or .csv files (default: corpus)."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder for the CSV files."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD used when a document gives none."),
    workers: int = typer.Option(os.cpu_count() or 1, help="Worker processes (each loads the model once)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
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
    from .archive import ArchiveFormatError
    from .export import FORMATS

    inputs = inputs or ["corpus"]
    _check_inputs(inputs, workers)
    if batch_size < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--batch-size")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"{engine!r} is not local or dask", param_hint="--engine")
    if scheduler and engine != "dask":
        raise typer.BadParameter("needs --engine dask", param_hint="--scheduler")
    try:
        stats = run_corpus(inputs, str(out), _check_date(published), workers, progress=not quiet, fmt=fmt,
                           resume=resume, engine=engine, scheduler=scheduler, batch_size=batch_size,
                           append=append)
    except ConnectionError as exc:  # --scheduler unreachable or without workers
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)
    except ArchiveFormatError as exc:  # --append onto tables of another format
        raise typer.BadParameter(str(exc), param_hint="--format")
    n_docs = sum(v for k, v in stats.items() if k not in ("events", "incidents"))
    parts = ", ".join(f"{stats[k]} {k}" for k in ("ok", "empty", "skipped", "error") if stats[k])
    typer.echo(f"{n_docs} documents ({parts}), {stats['events']} events, {stats['incidents']} incidents -> {out}/")
    if strict and stats["error"]:
        typer.echo(f"{stats['error']} input(s) failed: see {out}/documents", err=True)
        raise typer.Exit(1)


@app.command("incidents")
def incidents_command(
    out: Path = typer.Argument(..., help="An output folder of `pipeline run` (its events and documents tables)."),
) -> None:
    """Rebuild the incidents (and the incident_id of events) from the tables of earlier runs, without parsing."""
    from .incidents.files import table_format, update_incidents

    if table_format(out) is None:
        raise typer.BadParameter(f"no events and documents tables in {out}", param_hint="OUT_DIR")
    typer.echo(f"{update_incidents(out)} incidents -> {out}/")


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
    res = extract_folder(*inputs, workers=1)
    typer.echo(entity_table(res.entities).head(top).to_string(index=False))


def _check_inputs(inputs: list[str], workers: int) -> None:
    missing = [p for p in inputs if not Path(p).exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="INPUTS")
    if workers < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--workers")


@app.command()
def review(
    inputs: List[str] = typer.Argument(None, help="Folders, .txt, .jsonl or .csv files (default: corpus)."),
    out: Path = typer.Option(Path("review.html"), "--out", "-o", help="The HTML page to write."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD used when a document gives none."),
    workers: int = typer.Option(os.cpu_count() or 1, help="Worker processes (each loads the model once)."),
) -> None:
    """Write a self-contained HTML page to review the extraction of a corpus.

    Summary charts, then each text with its entities and casualty figures
    highlighted, and its events table.
    """
    from .review import write_review

    inputs = inputs or ["corpus"]
    _check_inputs(inputs, workers)
    res = write_review(inputs, out, published=_check_date(published), workers=workers)
    typer.echo(f"{len(res.documents)} documents, {len(res.events)} events -> {out}")


@app.command("eval")
def evaluate_command(
    gold: Path = typer.Argument(..., help="Gold CSV: doc_id, event_type, count, qualifier, victims, location..."),
    predicted: List[str] = typer.Argument(..., help="An events table (CSV, JSONL or parquet with an "
                                          "event_type column), or folders and files to run the pipeline on."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD used when a document gives none."),
    workers: int = typer.Option(os.cpu_count() or 1, help="Worker processes (each loads the model once)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Precision, recall and F1 of casualty figures against a gold file.

    Lists the missed and spurious figures. The second argument is an events
    table, or inputs to run the pipeline on first.
    """
    from . import evaluate as ev

    if not gold.is_file():
        raise typer.BadParameter(f"no such file: {gold}", param_hint="GOLD")
    absent = [c for c in ev.REQUIRED if c not in ev.columns(gold)]
    if absent:
        raise typer.BadParameter(f"{gold} has no column {', '.join(absent)}", param_hint="GOLD")
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
