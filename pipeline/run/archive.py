"""An output folder as an archive: tables staged in a hidden folder and
moved into place only when complete, and ``--append`` runs that add the new
documents of the day to the tables already there.

A run writes its tables into ``OUT/.staging/``, adds the incidents there,
marks the staging complete, then renames each file into ``OUT`` (same file
system: each rename is atomic); a run killed before the mark leaves ``OUT``
as it was, and one killed among the renames has them finished by the next
run, so ``OUT`` never mixes the tables of two runs for longer. With
``append``, the rows of the tables in ``OUT`` are copied first, and a new
document whose text (SHA-256) is already in the archive is not parsed again:
its row in ``documents`` says ``skipped``, ``already in the archive as ...``.

>>> stage = Stage("archive", append=True)                     # doctest: +SKIP
>>> doc = stage.skip_archived(doc)  # status "skipped" if the archive has its text  # doctest: +SKIP
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

from ..outputs.incident_tables import read_tables, table_format, update_incidents
from ..outputs.tables import ALL_TABLES

STAGING = ".staging"
COMPLETE = ".complete"  # in the staging folder: every table is there, moving them may begin


class ArchiveFormatError(ValueError):
    """``--append`` onto tables of another format than ``--format``."""


class Stage:
    """The staging folder of one run into ``out``, and what the archive holds."""

    def __init__(self, out: str | os.PathLike, fmt: str = "csv", append: bool = False):
        self.out = Path(out)
        self.fmt = fmt
        self.path = self.out / STAGING
        if (self.path / COMPLETE).exists():  # a run killed while moving its tables: finish
            self._move()
        shutil.rmtree(self.path, ignore_errors=True)  # left by a killed run
        self.path.mkdir(parents=True)
        self.append = append
        self.hashes: dict[str, str] = {}
        if append:
            found = table_format(self.out)
            if found and found != fmt:
                raise ArchiveFormatError(f"{self.out} holds {found} tables; append with --format {found}")

    def archived_rows(self) -> Iterator[tuple[str, dict]]:
        """``(table, row)`` of the archive's tables (none unless appending);
        remembers the texts it holds."""
        if not self.append or table_format(self.out) is None:
            return
        for name, row in read_tables(self.out, self.fmt):
            if name == "documents" and row.get("status") == "ok" and row.get("sha256"):
                self.hashes.setdefault(row["sha256"], row["doc_id"])
            yield name, row

    def skip_archived(self, doc):
        """Mark a document whose text the archive holds as skipped (it is not parsed again)."""
        if doc.status == "ok" and doc.sha256 in self.hashes:
            doc.status, doc.error = "skipped", f"already in the archive as {self.hashes[doc.sha256]}"
        return doc

    def publish(self, mapper=map) -> int:
        """Add the incidents to the staged tables (blocks matched by
        ``mapper``), then move every table into ``out``; returns the number
        of incidents."""
        n = update_incidents(self.path, self.fmt, mapper)
        (self.path / f"{COMPLETE}.tmp").write_text(self.fmt, encoding="utf-8")
        os.replace(self.path / f"{COMPLETE}.tmp", self.path / COMPLETE)
        self._move()
        shutil.rmtree(self.path, ignore_errors=True)
        return n

    def _move(self) -> None:
        """Rename the staged tables (of the format the mark names) into ``out``."""
        fmt = (self.path / COMPLETE).read_text(encoding="utf-8").strip() or self.fmt
        for name in ALL_TABLES:
            staged = self.path / f"{name}.{fmt}"
            if staged.exists():  # those already moved by a run killed among the renames are gone
                os.replace(staged, self.out / f"{name}.{fmt}")

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
