"""Per-document checkpoints, so that a killed run resumes where it stopped.

The first line of ``OUT/.checkpoint.jsonl`` says which run it belongs to
(:func:`run_identity`: the inputs, the options that change the rows, the
package and model versions); each finished document is then appended as one
JSON line (its rows of the three tables) and flushed at once: a ``SIGKILL``
loses at most the document being written, whose half line is ignored on
resume. A checkpoint is only resumed by the run it belongs to
(:func:`resume_problem` says why not).

>>> me = run_identity(["corpus"], published=None)
>>> ck = Checkpoint("out", resume=False, identity=me)
>>> ck.add(Result({"doc_id": "a.txt", "status": "ok"}))
>>> [r.document["doc_id"] for r in Checkpoint("out", resume=True, identity=me).replay()]
['a.txt']
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from .process import Result

NAME = ".checkpoint.jsonl"


class ResumeRefused(ValueError):
    """``--resume`` found the checkpoint of another run (the message says how it differs)."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a run: ``kept`` documents of ``total`` are in the
    checkpoint ``path`` (None when nothing was kept)."""

    def __init__(self, kept: int, total: int, path: Path | None):
        super().__init__(f"{kept} of {total} documents kept in {path}")
        self.kept, self.total, self.path = kept, total, path


@lru_cache(maxsize=1)
def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    from .. import __version__
    from ..language.resources import load_json

    model = load_json("pipeline.json")["base_model"]
    try:
        model_version = version(model.replace("_", "-"))
    except PackageNotFoundError:
        model_version = "?"
    return {"version": __version__, "model": f"{model} {model_version}"}


def run_identity(inputs, published: str | None, append: bool = False) -> dict:
    """What a checkpoint belongs to: the inputs (absolute paths), the
    options that change the rows (the fallback publication date,
    ``--append``), the package and model versions.

    >>> run_identity(["corpus"], "2022-01-06")["published"]
    '2022-01-06'
    """
    return {"inputs": [os.path.abspath(os.fspath(p)) for p in inputs], "published": published,
            "append": append, **_versions()}


def found_checkpoint(out: str | os.PathLike) -> tuple[dict | None, int] | None:
    """``(identity, documents)`` of the checkpoint in ``out``, None if there
    is none; the identity is None for a checkpoint without one."""
    path = Path(out) / NAME
    if not path.is_file():
        return None
    identity, count = None, 0
    for _, d in _records(path):
        if "run" in d:
            identity = d["run"]
        elif "document" in d:
            count += 1
    return identity, count


def resume_problem(found: dict | None, wanted: dict) -> str | None:
    """Why a checkpoint of run ``found`` cannot be resumed by run ``wanted``
    (None when it can).

    >>> resume_problem(run_identity(["a"], None), run_identity(["b"], None)).startswith("it is of a run over")
    True
    """
    if found is None:
        return "it was written by an earlier version of the pipeline, which did not record its run"
    if found.get("inputs") != wanted["inputs"]:
        return f"it is of a run over {' '.join(found.get('inputs') or [])}, not {' '.join(wanted['inputs'])}"
    if found.get("published") != wanted["published"]:
        return (f"it is of a run with --published {found.get('published') or '(none)'}, "
                f"not {wanted['published'] or '(none)'}")
    if bool(found.get("append")) != wanted.get("append", False):
        return f"it is of a run {'with' if found.get('append') else 'without'} --append"
    for k, what in (("version", "the pipeline"), ("model", "the model")):
        if found.get(k) != wanted[k]:
            return f"it was written by {what} {found.get(k)}, this is {wanted[k]}"
    return None


class Checkpoint:
    """Append-only log of finished documents in an output folder. Only their
    keys stay in memory; :meth:`replay` reads their rows back from the file.
    With ``resume`` the documents of the checkpoint found are kept (the
    caller checks first, with :func:`resume_problem`, that it is this run's)."""

    def __init__(self, out: str | os.PathLike, resume: bool, identity: dict):
        self.path = Path(out) / NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.done: set[str] = set()
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(json.dumps({"run": identity}, ensure_ascii=False) + "\n")
            if resume and self.path.exists():
                for line, d in _records(self.path):  # drops a line torn by a kill
                    if "document" in d:
                        self.done.add(key(d["document"].get("path", ""), d["document"]["doc_id"]))
                        f.write(line)
        os.replace(tmp, self.path)
        self.added = 0
        self._f = open(self.path, "a", encoding="utf-8")

    def replay(self):
        """The results recorded before this run, read back one at a time."""
        for _, d in _records(self.path):
            if "document" in d:
                yield Result(d["document"], d["events"], d["entities"])

    def add(self, result: Result) -> None:
        """Record one finished document (flushed to the OS at once)."""
        self._f.write(_line(result))
        self._f.flush()
        self.added += 1

    def close(self, remove: bool = True) -> None:
        """Close the log; remove it when the run is complete (``remove``) or
        when it holds no document (a run that failed before its first one)."""
        self._f.close()
        if remove or not (self.done or self.added):
            self.path.unlink(missing_ok=True)


def _records(path: Path):
    """``(line, record)`` of each complete JSON line of the log (a line torn
    by a kill has no final newline and is skipped)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                d = json.loads(line)
            except json.JSONDecodeError:
                continue
            if line.endswith("\n") and isinstance(d, dict):
                yield line, d


def key(path: str, doc_id: str) -> str:
    """Identity of a document across runs: its path and doc_id."""
    return f"{path or ''}\0{doc_id}"


def _line(r: Result) -> str:
    return json.dumps({"document": r.document, "events": r.events, "entities": r.entities},
                      ensure_ascii=False) + "\n"
