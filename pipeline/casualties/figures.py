"""What a casualty figure is: the categories, the span extensions, the ``Figure`` record.

>>> CASUALTY_TYPES[:2]
('killed', 'injured')
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..numbers import Quantity

# words that stand for one more person of a list: "deux autres", "un troisième"
OTHER_WORDS = frozenset({"autre", "autres", "deuxième", "second", "seconde", "troisième", "quatrième", "cinquième",
                         "sixième", "septième", "huitième", "neuvième", "dixième"})
CASUALTY_TYPES = ("killed", "injured", "missing", "arrested", "kidnapped", "displaced", "affected")
SPAN_KEY = "casualties"
SPAN_EXTENSIONS = ("event_type", "count", "count_low", "count_high", "qualifier", "victims",
                   "source", "location", "date", "date_text", "date_precision", "rule", "trigger", "headline")


def register_extensions() -> None:
    """Register the span and doc extensions once (idempotent)."""
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name in ("published", "doc_id"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@dataclass
class Figure:
    """One linked casualty figure, in token indices of its Doc."""

    quantity: Quantity
    q_start: int
    q_end: int
    head: int | None
    trigger: int | None
    event_type: str
    victims: str
    rule: str
    trigger_end: int | None = None
    subset: bool = False  # a part of the figure before it ("dont 5 enfants")
    remote: bool = False  # the trigger is a noun of the sentence before ("Parmi elles : 16 fillettes")

    @property
    def tokens(self) -> tuple[int, int]:
        """Token range of the evidence: quantity, victim noun and trigger phrase
        (not a remote trigger: the evidence stays in the figure's sentence)."""
        idx = [self.q_start, self.q_end - 1] + [i for i in (self.head, None if self.remote else self.trigger)
                                                  if i is not None]
        if self.trigger_end is not None and self.trigger is not None and self.trigger >= self.q_start and not self.remote:
            idx.append(self.trigger_end - 1)
        return min(idx), max(idx) + 1

