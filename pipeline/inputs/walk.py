"""Walking the inputs: folders recursively in sorted order, files named by
their relative POSIX path, every input giving at least one document.

>>> [d.doc_id for d in read_inputs(["corpus"])]
['kazakhstan.txt']
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator

from .documents import Document, finish_document
from .formats import read_file
from .published import parse_published


def read_inputs(
    inputs: Iterable[str | os.PathLike], published: str | None = None
) -> Iterator[Document]:
    """Yield the documents of folders and files, in order, deduplicated.

    ``published`` is the last-resort publication date (``ValueError`` at once
    if it is not an ISO date, see :mod:`pipeline.published`).

    >>> [d.doc_id for d in read_inputs(["corpus"])]
    ['kazakhstan.txt']
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [inputs]
    try:
        default = parse_published(published)
    except ValueError as exc:
        raise ValueError(f"published: {exc}") from None
    return _read_all(inputs, default)


def _read_all(inputs: Iterable, default: str | None) -> Iterator[Document]:
    """Read each input and finish its documents against one duplicate table."""
    seen: dict[str, str] = {}
    for item in inputs:
        try:
            path = os.fsdecode(item)
        except TypeError:
            yield Document(str(item), str(item), status="error", error="not a path")
            continue
        for doc in _read_input(path):
            yield finish_document(doc, seen, default)


def _read_input(path: str) -> Iterator[Document]:
    """Documents of one input given by the caller: a folder or a file."""
    if os.path.isdir(path):
        yield from _read_folder(path)
    elif os.path.isfile(path):
        yield from read_file(path, _name(path), explicit=True)
    elif os.path.exists(path):
        yield Document(_name(path), path, status="error", error="not a regular file")
    else:
        yield Document(_name(path), path, status="error", error="no such file")


def count_documents(inputs: Iterable[str | os.PathLike]) -> int:
    """How many documents :func:`read_inputs` will yield, found cheaply: a
    text file counts one without being read, JSONL and CSV files are parsed
    for their records (no language detection, no hashing).

    >>> count_documents(["corpus"])
    6
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [inputs]
    n = 0
    for item in inputs:
        try:
            path = os.fsdecode(item)
        except TypeError:
            n += 1
            continue
        if os.path.isdir(path):
            found = list(_walk(path, ""))
            n += sum(1 if problem else _count_file(full, explicit=False) for _, full, problem in found) or 1
        else:
            n += _count_file(path, explicit=True) if os.path.isfile(path) else 1
    return n


def _count_file(path: str, explicit: bool) -> int:
    if os.path.splitext(path)[1].lower() in (".jsonl", ".csv"):
        return sum(1 for _ in read_file(path, "", explicit))
    return 1


def _name(path: str) -> str:
    """File name of ``path``: ``_name("in/2022/a.txt") == "a.txt"``."""
    return os.path.basename(os.path.normpath(path)) or path


def _read_folder(root: str) -> Iterator[Document]:
    """Documents of every visible file under ``root``, by relative POSIX path."""
    found = sorted(_walk(root, ""))
    if not found:
        yield Document(_name(root), root, status="empty", error="no files")
    for rel, full, problem in found:
        if problem:
            yield Document(rel or _name(root), full, status="error", error=problem)
        else:
            yield from read_file(full, rel, explicit=False)


def _walk(root: str, rel: str) -> Iterator[tuple[str, str, str]]:
    """Yield ``(relative path, full path, problem)`` for files under ``root/rel``.

    Hidden names (``.git``, ``.DS_Store``) are skipped; folder links are not
    followed, so a link loop cannot hang the walk.
    """
    folder = os.path.join(root, *rel.split("/")) if rel else root
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError as e:
        yield rel, folder, f"cannot read folder: {e.strerror or e}"
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = f"{rel}/{entry.name}" if rel else entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(root, child)
            elif entry.is_file():
                yield child, entry.path, ""
            elif entry.is_dir():
                yield child, entry.path, "link to a folder (not followed)"
            else:
                yield child, entry.path, "not a regular file"
        except OSError as e:
            yield child, entry.path, f"cannot read: {e.strerror or e}"
