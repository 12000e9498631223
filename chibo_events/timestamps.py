"""Timestamps as fixed strings, so the same instant always hashes to the same bytes.

`recorded_at` is UTC with exactly six fractional digits and a `Z`; strings of
that shape sort in time order, which lets both engines index and compare them
as text. `occurred_at` keeps the offset the client gave (naive times are read
as Vietnam time), and is also kept as a UTC key of the recorded_at shape for
range queries.
"""

from datetime import UTC, date, datetime, timedelta

from .clock import VIETNAM

UTC_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_text(moment: datetime) -> str:
    """Return `moment` as the fixed UTC string used for recorded_at."""
    return moment.astimezone(UTC).strftime(UTC_FORMAT)


def parse_utc_text(text: str) -> datetime:
    """Read back a string made by utc_text."""
    return datetime.strptime(text, UTC_FORMAT).replace(tzinfo=UTC)


FIRST_YEAR, LAST_YEAR = 1930, 2999  # no chi bộ met before the Party was founded
LARGEST_OFFSET = timedelta(hours=14)


def parse_instant(text: str) -> datetime:
    """Parse an ISO 8601 date-time; a naive one is Vietnam time. Raise ValueError.

    Offsets must be whole minutes within ±14:00 and years within 1930–2999,
    so that every accepted instant has one UTC form on both engines.
    """
    if not isinstance(text, str) or len(text) < 16 or text[10] not in "Tt ":
        raise ValueError("expected a date and time, e.g. 2021-04-07T14:00:00+07:00")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    offset = moment.utcoffset()
    if offset.seconds % 60 or offset.microseconds or abs(offset) > LARGEST_OFFSET:
        raise ValueError("the UTC offset must be whole minutes within ±14:00")
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(f"the year must be within {FIRST_YEAR}–{LAST_YEAR}")
    return moment


def occurred_text(moment: datetime) -> str:
    """Return the stored form of an occurred_at: ISO 8601 with its own offset."""
    spec = "seconds" if moment.microsecond == 0 else "microseconds"
    return moment.isoformat(timespec=spec)


def parse_bound(text: str, *, end: bool) -> datetime:
    """Parse a query bound: a date means that whole day in Vietnam, else an instant."""
    if len(text) == 10:
        day = date.fromisoformat(text)
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValueError(f"the year must be within {FIRST_YEAR}–{LAST_YEAR}")
        start = datetime(day.year, day.month, day.day, tzinfo=VIETNAM)
        return start + timedelta(days=1) - timedelta(microseconds=1) if end else start
    return parse_instant(text)


def vietnam_date(moment: datetime) -> date:
    """Return the calendar day of `moment` in Vietnam."""
    return moment.astimezone(VIETNAM).date()
