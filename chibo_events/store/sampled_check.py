"""check_book, fast for books with a signed checkpoint per event: sampled signatures, a fast path for good notes.

Every hash, the chain and the root of every checkpoint are still checked.
A signature (~110 µs) is checked for a sample of the checkpoints only —
every SAMPLE-th size, the last of each page of notes and so the latest —
and, around a sample that fails, for every checkpoint since the last good
sample, so each bad one is still named exactly. A good sample whose root is
the recomputed root vouches for every event before it; the other notes
must still carry a signature line of the key, parse, and hold the right root.
A note the fast path does not accept is judged by BookCheck itself, so the
problems found and their order are those of chibo_events.verify.check_book.
"""

import base64
import binascii
import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from ..checkpoints import (
    Checkpoint,
    CheckpointError,
    NotSignedByKey,
    Verifier,
    parse,
    parse_checkpoint,
    split_note,
)
from ..verify import BookCheck, Report, check_book

SAMPLE = 256
PAGE = 2000

# One well-formed note with one signature line; anything else takes BookCheck's own path.
_NOTE = re.compile(
    r"([^\x00-\x1f]+)\n(0|[1-9][0-9]{0,19})\n([A-Za-z0-9+/]{43}=)\n\n"
    r"\u2014 ([^\s+\x00-\x1f]+) ([A-Za-z0-9+/]+={0,2})\n")


class Note(NamedTuple):
    origin: str
    size: int
    root: bytes
    name: str
    key_id: bytes


@lru_cache(maxsize=2 * PAGE + 64)  # a page is vetted ahead of being checked: keep both parses
def fast_parse(note: str) -> Note | None:
    """Return the parts of a plainly well-formed note (one that checkpoints.parse reads the same), else None."""
    match = _NOTE.fullmatch(note) if isinstance(note, str) else None
    if match is None:
        return None
    try:
        root = base64.b64decode(match[3], validate=True)
        signature = base64.b64decode(match[5], validate=True)
    except binascii.Error:
        return None
    if base64.b64encode(root).decode() != match[3] or len(signature) < 5:
        return None
    return Note(match[1], int(match[2]), root, match[4], signature[:4])


def note_size(note: str) -> int:
    """The size check_book orders a note by: its checkpoint's, or 0 if it does not parse."""
    parsed = fast_parse(note)
    if parsed is not None:
        return parsed.size
    try:
        return parse(note).size
    except CheckpointError:
        return 0


class SampledSignatures:
    """A stand-in for a Verifier that checks the signatures of a sample of the notes it passes on.

    `pages(notes)` passes the notes through, vetting them a page at a time;
    `verify(note)` and `vouches(...)` then answer from the vetting. A note it
    has not vetted (an inspector's own, say) is checked in full.
    """

    def __init__(self, verifier: Verifier, sample: int = SAMPLE, page_size: int = PAGE):
        self.verifier, self.sample, self.page_size = verifier, sample, page_size
        self.name, self.key_id = verifier.name, verifier.key_id
        self._verdicts: dict[str, bool | None] = {}  # True: checked and held; False: only its key line checked

    def __str__(self) -> str:
        return str(self.verifier)

    def pages(self, notes: Iterable[str]) -> Iterator[str]:
        page = []
        for note in notes:
            page.append(note)
            if len(page) >= self.page_size:
                yield from self._vetted(page)
                page = []
        yield from self._vetted(page)

    def _vetted(self, page: list[str]) -> list[str]:
        last_good = -1
        for i, note in enumerate(page):
            if not (i == len(page) - 1 or note_size(note) % self.sample == 0):
                self._verdicts.setdefault(note, False)
                continue
            if self._holds(note):
                self._verdicts[note] = True
            else:  # check every note since the last good sample, so each bad one is named
                for between in page[last_good + 1:i + 1]:
                    self._verdicts[between] = self._holds(between)
            last_good = i
        return page

    def _holds(self, note: str) -> bool | None:
        """Say whether the signature holds; None leaves the note to a full check, which explains it."""
        try:
            self.verifier.verify(note)
            return True
        except CheckpointError:
            return None

    def vouches(self, note: str, parsed: Note) -> bool:
        """Say whether the fast path may take the note's signature as good (and forget the note)."""
        verdict = self._verdicts.get(note)
        if verdict is None or parsed.name != self.name or parsed.key_id != self.key_id:
            return False
        del self._verdicts[note]
        return True

    def verify(self, note: str) -> Checkpoint:
        verdict = self._verdicts.pop(note, None)
        if verdict is None:
            return self.verifier.verify(note)
        text, signatures = split_note(note)
        if not any(s.name == self.name and s.key_id == self.key_id for s in signatures):
            raise NotSignedByKey(f"Checkpoint không có chữ ký của khóa {self.name}+{self.key_id.hex()}.")
        return parse_checkpoint(text)


class _Check(BookCheck):
    """BookCheck with a fast path for a book's own note that is well-formed, vouched for and right."""

    def __init__(self, book: str, verifier: SampledSignatures | None, origin: str | None):
        super().__init__(book, verifier, origin)

    def note(self, note: str, *, inspector: bool = False) -> None:
        if not inspector and self.verifier is not None:
            parsed = fast_parse(note)
            if (parsed is not None and parsed.origin == self.origin and parsed.size == self.rows
                    and parsed.root == self.frontier.root() and self.verifier.vouches(note, parsed)):
                self.latest = max(self.latest, parsed.size)
                self.signed = max(self.signed, parsed.size)
                return
        super().note(note, inspector=inspector)


def check_sampled(
    book: str, events: Iterable, notes: Iterable[str], verifier: Verifier | None, *,
    against: Iterable[str] = (), on_event: Callable | None = None, on_note: Callable | None = None,
    origin: str | None = None,
) -> Report:
    """check_book (chibo_events.verify) with sampled signatures: the same problems, far fewer signatures checked."""
    if verifier is not None:
        verifier = SampledSignatures(verifier)
        notes = verifier.pages(notes)
    return check_book(book, events, notes, verifier, against=against, on_event=on_event, on_note=on_note,
                      check=_Check(book, verifier, origin), size_of=note_size)
