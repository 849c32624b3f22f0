"""Command line: ``pipeline run``, ``pipeline extract``, ``pipeline entities``.

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
               progress: bool = True, fmt: str = "csv") -> Counter:
    """Process ``inputs`` and write events, entities, documents tables into
    ``out`` (atomically) as ``fmt`` files (csv, parquet or jsonl); return the
    count of documents per status."""
    from .export import open_writer
    from .process import iter_results
    from .read import read_inputs

    statuses: Counter = Counter()
    writer = open_writer(out, fmt)
    try:
        results = iter_results(read_inputs(inputs, published=published), workers=workers)
        with typer.progressbar(results, label="documents", file=sys.stderr,
                               show_pos=True, hidden=not progress) as bar:
            for r in bar:
                writer.write("events", r.events)
                writer.write("entities", r.entities)
                writer.write("documents", [r.document])
                statuses[r.document["status"]] += 1
                statuses["events"] += len(r.events)
    except BaseException:
        writer.abort()
        raise
    writer.close()
    return statuses


@app.command()
def run(
    inputs: List[str] = typer.Argument(None, help="Folders, .txt, .jsonl or .csv files (default: corpus)."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder for the CSV files."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD used when a document gives none."),
    workers: int = typer.Option(os.cpu_count() or 1, help="Worker processes (each loads the model once)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    fmt: str = typer.Option("csv", "--format", "-f", help="Output format: csv, parquet or jsonl."),
) -> None:
    """Extract events, entities and document statuses from a corpus into CSV files."""
    from .export import FORMATS

    inputs = inputs or ["corpus"]
    missing = [p for p in inputs if not Path(p).exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="INPUTS")
    if workers < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--workers")
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    stats = run_corpus(inputs, str(out), _check_date(published), workers, progress=not quiet, fmt=fmt)
    n_docs = sum(v for k, v in stats.items() if k != "events")
    parts = ", ".join(f"{stats[k]} {k}" for k in ("ok", "empty", "skipped", "error") if stats[k])
    typer.echo(f"{n_docs} documents ({parts}), {stats['events']} events -> {out}/")


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


def main() -> None:  # pragma: no cover - console entry point
    app()
