"""Query parameters of the API, parsed once for every view: a bad one is a 400 that names it."""

from datetime import date

from flask import request

from ..errors import Malformed
from ..timestamps import FIRST_YEAR, LAST_YEAR, parse_bound, utc_text

LARGEST = 2**62


def int_arg(name: str, default: int | None = None, *, low: int = 0, high: int = LARGEST,
            required: bool = False) -> int | None:
    """Return a whole-number parameter within [low, high], the default when absent."""
    raw = request.args.get(name)
    if raw in (None, ""):
        if required:
            raise Malformed(f"Thiếu tham số {name}.", {name: None})
        return default
    # A length bound first: int() refuses strings of more than 4,300 digits with a ValueError.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 19) or not low <= int(raw) <= high:
        raise Malformed(f"Tham số {name} phải là số nguyên từ {low} đến {high}.", {name: raw})
    return int(raw)


def bound_arg(name: str, *, end: bool) -> str | None:
    """Return a date (the whole day in Vietnam) or an instant as a UTC key, for ranges."""
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        return utc_text(parse_bound(raw, end=end))
    except ValueError:
        raise Malformed(
            f"Tham số {name} phải là ngày (YYYY-MM-DD) hoặc thời điểm ISO 8601.", {name: raw}
        ) from None


def as_of_arg() -> str | None:
    """Return `as_of`: an instant, or a date meaning the end of that day in Vietnam."""
    return bound_arg("as_of", end=True)


def date_arg(name: str) -> date | None:
    """Return a YYYY-MM-DD parameter as a date."""
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        day = None
    if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise Malformed(f"Tham số {name} phải là ngày dạng YYYY-MM-DD.", {name: raw})
    return day
