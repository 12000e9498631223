"""Ids made from Vietnamese names: "Dương Thị Lê" → "duong-thi-le", with a number added on a clash.

A clerk types a name, never an id (contract §3: roster import; the roster page's
joining form); the id is what the book files the member under. Committee ids are
made the same way from the committee's name.

Written by hand: python-slugify and its kin transliterate "Đ" through unidecode's
tables, which is a dependency for one letter; NFD decomposition takes off every
other Vietnamese mark, and đ/Đ is the one letter that does not decompose.
"""

import unicodedata
from collections.abc import Collection

from .catalogue import SLUG

LONGEST = 64
_NOT_DECOMPOSED = str.maketrans({"đ": "d", "Đ": "d"})


def slug(name: str) -> str:
    """Return the name in lowercase ASCII, words joined by hyphens: "Hồ Thị Thanh Huyền" → "ho-thi-thanh-huyen"."""
    bare = unicodedata.normalize("NFD", name.translate(_NOT_DECOMPOSED))
    ascii_only = "".join(c for c in bare if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in ascii_only).split()
    return "-".join(words)[:LONGEST].strip("-")


def member_id_for(full_name: str, taken: Collection[str] = ()) -> str | None:
    """Return a new id for the name, not among `taken`: "nguyen-van-a", else "nguyen-van-a-2", "-3", …

    None when the name has no letter or digit to make an id of.
    """
    base = slug(full_name)
    if not base or not SLUG.fullmatch(base):
        return None
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate, n = base[: LONGEST - len(suffix)].rstrip("-") + suffix, n + 1
    return candidate
