"""Per-document checkpoints, so that a killed run resumes where it stopped.

Each finished document is appended as one JSON line (its rows of the three
tables) to ``OUT/.checkpoint.jsonl`` and flushed at once: a ``SIGKILL`` loses
at most the document being written, whose half line is ignored on resume.

>>> ck = Checkpoint("out", resume=False)
>>> ck.add(Result({"doc_id": "a.txt", "status": "ok"}))
>>> [r.document["doc_id"] for r in Checkpoint("out", resume=True).done.values()]
['a.txt']
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .process import Result

NAME = ".checkpoint.jsonl"


class Checkpoint:
    """Append-only log of finished documents in an output folder."""

    def __init__(self, out: str | os.PathLike, resume: bool):
        self.path = Path(out) / NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.done: dict[str, Result] = {}
        if resume and self.path.exists():
            self.done = load(self.path)
        # rewrite the log with the complete lines only, then append to it
        with open(self.path, "w", encoding="utf-8") as f:
            for r in self.done.values():
                f.write(_line(r))
        self._f = open(self.path, "a", encoding="utf-8")

    def add(self, result: Result) -> None:
        """Record one finished document (flushed to the OS at once)."""
        self._f.write(_line(result))
        self._f.flush()

    def close(self, remove: bool = True) -> None:
        self._f.close()
        if remove:
            self.path.unlink(missing_ok=True)


def key(document: dict) -> str:
    """Identity of a document across runs: its path and doc_id."""
    return f"{document.get('path', '')}\0{document['doc_id']}"


def _line(r: Result) -> str:
    return json.dumps({"document": r.document, "events": r.events, "entities": r.entities},
                      ensure_ascii=False) + "\n"


def load(path: str | os.PathLike) -> dict[str, Result]:
    """Finished documents of a checkpoint file, by :func:`key`; a torn last line is skipped."""
    done: dict[str, Result] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                d = json.loads(line)
            except json.JSONDecodeError:
                continue
            done[key(d["document"])] = Result(d["document"], d["events"], d["entities"])
    return done
