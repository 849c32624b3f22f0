"""Locate and read the data files under ``models/``.

The files live in ``models/`` at the top of the source tree and ship inside
the wheel as ``pipeline/models``; :func:`models_dir` finds them in both cases.

>>> load_json("numbers/approximate.json")["dizaine"]
10
"""
from __future__ import annotations

import csv
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=1)
def models_dir() -> Path:
    """Return the folder holding the pattern files, lexicons and gazetteers."""
    package = Path(__file__).resolve().parent.parent  # pipeline/, this file being pipeline/language/resources.py
    for candidate in (package / "models", package.parent / "models"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("models/ folder not found next to the pipeline package")


@lru_cache(maxsize=None)
def load_json(relpath: str) -> Any:
    """Read one JSON file under ``models/`` (cached; treat the result as read-only)."""
    with open(models_dir() / relpath, encoding="utf-8") as f:
        return json.load(f)


def load_jsonl(relpath: str) -> list[dict]:
    """Read one JSONL file under ``models/``, skipping blank lines."""
    with open(models_dir() / relpath, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_csv(relpath: str) -> list[dict]:
    """Read one CSV file under ``models/`` as a list of dicts."""
    with open(models_dir() / relpath, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def cache_dir() -> Path | None:
    """Folder for data rebuilt from installed packages (the geocoding index):
    ``$FR_EVENT_PIPELINE_CACHE``, else ``$XDG_CACHE_HOME/fr-event-pipeline``,
    else ``~/.cache/fr-event-pipeline``. ``FR_EVENT_PIPELINE_CACHE=""`` turns
    the cache off (None)."""
    explicit = os.environ.get("FR_EVENT_PIPELINE_CACHE")
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "fr-event-pipeline"
