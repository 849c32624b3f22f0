"""Per-document checkpoints, so that a killed run resumes where it stopped.

Each finished document is appended as one JSON line (its rows of the three
tables) to ``OUT/.checkpoint.jsonl`` and flushed at once: a ``SIGKILL`` loses
at most the document being written, whose half line is ignored on resume.

>>> ck = Checkpoint("out", resume=False)
>>> ck.add(Result({"doc_id": "a.txt", "status": "ok"}))
>>> [r.document["doc_id"] for r in Checkpoint("out", resume=True).replay()]
['a.txt']
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .process import Result

NAME = ".checkpoint.jsonl"


class Checkpoint:
    """Append-only log of finished documents in an output folder. Only their
    keys stay in memory; :meth:`replay` reads their rows back from the file."""

    def __init__(self, out: str | os.PathLike, resume: bool):
        self.path = Path(out) / NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.done: set[str] = set()
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            if resume and self.path.exists():
                for line in _complete_lines(self.path):  # drops a line torn by a kill
                    document = json.loads(line)["document"]
                    self.done.add(key(document.get("path", ""), document["doc_id"]))
                    f.write(line)
        os.replace(tmp, self.path)
        self._f = open(self.path, "a", encoding="utf-8")

    def replay(self):
        """The results recorded before this run, read back one at a time."""
        for line in _complete_lines(self.path):
            d = json.loads(line)
            yield Result(d["document"], d["events"], d["entities"])

    def add(self, result: Result) -> None:
        """Record one finished document (flushed to the OS at once)."""
        self._f.write(_line(result))
        self._f.flush()

    def close(self, remove: bool = True) -> None:
        self._f.close()
        if remove:
            self.path.unlink(missing_ok=True)


def _complete_lines(path: Path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                d = json.loads(line)
            except json.JSONDecodeError:
                continue
            if line.endswith("\n") and isinstance(d, dict) and "document" in d:
                yield line


def key(path: str, doc_id: str) -> str:
    """Identity of a document across runs: its path and doc_id."""
    return f"{path or ''}\0{doc_id}"


def _line(r: Result) -> str:
    return json.dumps({"document": r.document, "events": r.events, "entities": r.entities},
                      ensure_ascii=False) + "\n"
