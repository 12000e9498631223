"""What search reads of an event, and Vietnamese folded so that "truong" finds "trường" (contract `/search`).

`fold` maps each character to one: lowercase, without its marks (đ → d, ư → u, ờ → o), so a folded text has the
length of the text it came from and a match found in the folded text is at the same place in the original,
which is where its snippet is cut from. The engines' full-text search (SQLite FTS5, PostgreSQL's tsvector) is
given the folded words; their own diacritics folding would leave đ, which is a letter of its own in Unicode.
"""

import re
import unicodedata
from collections.abc import Iterator

WORD = re.compile(r"\w+")
MAX_TERMS = 8
SNIPPET = 160


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", c)[0].lower()
    return base if len(base) == 1 else c


def fold(text: str) -> str:
    """Return the text in lowercase without Vietnamese marks, one character for each of the text's."""
    return "".join(_fold_char(c) for c in text)


def terms(query: str) -> list[str]:
    """Return the folded words of a query (at most MAX_TERMS), each to be found."""
    return WORD.findall(fold(query))[:MAX_TERMS]


def _human_strings(value) -> Iterator[str]:
    """Yield the strings people wrote: words with a space or a letter beyond ASCII; ids and codes are left out."""
    if isinstance(value, str):
        if " " in value.strip() or not value.isascii():
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _human_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _human_strings(item)


def event_text(data: dict) -> str:
    """Return what a person reads of an event's data: its texts, one after another."""
    return " · ".join(s.strip() for s in _human_strings(data) if s.strip())


def snippet(text: str, found: list[str], width: int = SNIPPET) -> str:
    """Return about `width` characters of `text` around the first of the `found` words, with … where cut."""
    folded = fold(text)
    starts = [m.start() for word in found for m in [re.search(rf"\b{re.escape(word)}", folded)] if m]
    at = min(starts) if starts else 0
    begin = max(0, at - width // 3)
    end = min(len(text), begin + width)
    return ("…" if begin else "") + text[begin:end].strip() + ("…" if end < len(text) else "")
