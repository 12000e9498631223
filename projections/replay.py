"""Folding envelopes into read-model documents in memory: rebuilds, `as_of` answers and tests.

The stored read models are folded by the same `apply` functions, a page at a
time (chibo_events/store/read_models.py); this is the whole fold for when the
envelopes are at hand.
"""

from collections.abc import Iterable

from chibo_events.envelope import Envelope
from chibo_events.upcasting import upcast
from chibo_events.vocabulary import AMENDMENTS

from . import PROJECTIONS


class Replay:
    """Documents of some projections for one book, folded from its envelopes in seq order."""

    def __init__(self, names: Iterable[str] = tuple(PROJECTIONS)):
        self.projections = {name: PROJECTIONS[name] for name in names}
        self.docs: dict[str, dict[str, dict]] = {name: {} for name in self.projections}
        self.last_seq = 0
        self._targets: dict[int, Envelope] = {}  # envelopes that some projection keeps, by seq

    def apply(self, envelope: Envelope) -> None:
        envelope = upcast(envelope)  # every fold reads the newest schema (chibo_events/upcasting.py)
        target = None
        if envelope["type"] in AMENDMENTS:
            target = self._targets.get(envelope["data"]["target_seq"])
        kept = False
        for name, projection in self.projections.items():
            docs = self.docs[name]
            for key in projection.keys(envelope, target):
                doc = projection.apply(docs.get(key), key, envelope, target)
                if doc is not None:
                    docs[key] = doc
                    kept = True
        if kept and envelope["type"] not in AMENDMENTS:
            self._targets[envelope["seq"]] = envelope
        self.last_seq = envelope["seq"]

    def fold(self, envelopes: Iterable[Envelope]) -> "Replay":
        for envelope in envelopes:
            self.apply(envelope)
        return self


def replay(envelopes: Iterable[Envelope], names: Iterable[str] = tuple(PROJECTIONS)) -> Replay:
    """Fold the envelopes (in seq order) into the documents of the named projections."""
    return Replay(names).fold(envelopes)
