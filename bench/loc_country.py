"""Share of place mentions (label LOC) that got a country, from ``entities.csv`` tables.

    python bench/loc_country.py out-dev/entities.csv out-dev2/entities.csv [--missing]

prints, per table, ``LOC mentions with a country: 0.934 (412/441)``; with
``--missing`` the place names left without one, most frequent first.
"""
from __future__ import annotations

import csv
import sys
from collections import Counter


def rate(path: str) -> tuple[int, int, Counter]:
    """(mentions with a country, LOC mentions, Counter of the texts without one)."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["label"] == "LOC"]
    missing = Counter(r["text"] for r in rows if not r["country"])
    return len(rows) - sum(missing.values()), len(rows), missing


def main(argv: list[str]) -> None:
    show = "--missing" in argv
    for path in (a for a in argv if a != "--missing"):
        hit, total, missing = rate(path)
        print(f"{path}: LOC mentions with a country: {hit / max(total, 1):.3f} ({hit}/{total})")
        if show:
            for text, n in missing.most_common():
                print(f"  {n:3d}  {text}")


if __name__ == "__main__":
    main(sys.argv[1:])
