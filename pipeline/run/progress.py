"""Progress of a run: documents done of the total, documents and tokens per
second, time left.

On a terminal one line is redrawn in place (at most five times a second);
anywhere else (a log file, a pipe, a notebook cell) nothing is shown while
the run goes on, and :func:`summary` gives one line at the end.

>>> p = Progress(total=330, stream=io.StringIO())
>>> p.advance(tokens=402)
>>> p.done, p.tokens
(1, 402)
>>> p.line(now=p.start + 2.0)
'1/330 documents, 0.5 documents/s, 201 tokens/s, 10:58 left'
"""
from __future__ import annotations

import io  # noqa: F401  (the example above)
import sys
import time
from typing import TextIO

REDRAW = 0.2  # seconds between two redraws of the terminal line


def _clock(seconds: float) -> str:
    """``_clock(658) == "10:58"``, ``_clock(3725) == "1:02:05"``."""
    s = int(round(seconds))
    h, m = divmod(s // 60, 60)
    return f"{h}:{m:02d}:{s % 60:02d}" if h else f"{m}:{s % 60:02d}"


class Progress:
    """Counts the documents of a run; ``resumed`` of the ``total`` were done
    by an earlier run (they count as done, not in the rates)."""

    def __init__(self, total: int, resumed: int = 0, stream: TextIO | None = None, live: bool | None = None):
        self.stream = stream or sys.stderr
        self.live = _is_terminal(self.stream) if live is None else live
        self.total, self.resumed = total, resumed
        self.done, self.tokens = resumed, 0
        self.start = time.monotonic()
        self._drawn = 0.0
        self._first: tuple[float, int, int] | None = None  # time, done, tokens at the first result

    def advance(self, tokens: int = 0) -> None:
        """One more document done, of ``tokens`` spaCy tokens."""
        self.done += 1
        self.tokens += tokens
        now = time.monotonic()
        if self._first is None:
            self._first = (now, self.done, self.tokens)
        if self.live and (now - self._drawn >= REDRAW or self.done >= self.total):
            self._drawn = now
            self.stream.write("\r" + self.line(now) + "\033[K")
            self.stream.flush()

    def line(self, now: float) -> str:
        """The progress line at time ``now`` (``time.monotonic()``). The rates
        are those since the first result, once there are two (start-up, the
        model load, is not work that the documents left will need again)."""
        since, docs, tokens = self.start, self.done - self.resumed, self.tokens
        if self._first and self.done > self._first[1] and now > self._first[0]:
            since, docs, tokens = self._first[0], self.done - self._first[1], self.tokens - self._first[2]
        elapsed = now - since
        docs_s = docs / elapsed if elapsed > 0 else 0.0
        tokens_s = tokens / elapsed if elapsed > 0 else 0.0
        left = max(self.total - self.done, 0)
        eta = _clock(left / docs_s) + " left" if docs_s > 0 else "time left unknown"
        return (f"{self.done}/{self.total} documents, {docs_s:.1f} documents/s, "
                f"{tokens_s:,.0f} tokens/s, {eta}")

    def close(self) -> None:
        """End the terminal line (so that what follows starts on a new one)."""
        if self.live and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = 0.0  # closed once

    def elapsed(self) -> float:
        """Seconds since the start."""
        return time.monotonic() - self.start


def summary(documents: int, tokens: int, seconds: float, resumed: int = 0) -> str:
    """The rates of a run, for its last line: ``documents`` of ``tokens``
    done in ``seconds``, after ``resumed`` read back from a checkpoint.

    >>> summary(330, 100404, 20.0)
    'in 20.0 s (16.5 documents/s, 5,020 tokens/s)'
    >>> summary(0, 0, 0.5, resumed=7)
    'in 0.5 s (0.0 documents/s, 0 tokens/s; 7 resumed from the checkpoint)'
    """
    seconds = max(seconds, 1e-9)
    resumed_part = f"; {resumed} resumed from the checkpoint" if resumed else ""
    return f"in {seconds:.1f} s ({documents / seconds:.1f} documents/s, {tokens / seconds:,.0f} tokens/s{resumed_part})"


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
