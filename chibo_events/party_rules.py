"""The party's rules the book applies (domain.md, "The party's rules the book must apply"), as pure functions.

Who is in the vote base, who is present for a vote, when a vote passes,
when a member has grounds for removal, when probation ends. The book's
rules (rules.py, which refuse) and the projections (which show) both ask
here, so a vote the store accepted is counted the same way on every page.
Standard library only, plain values in and out.

Sources, as domain.md gives them: Điều lệ Đảng Điều 3 (only official members
vote), Quy định thi hành Điều lệ §9.3.2 (more than half of the official
members summoned; who is left out of that base), QĐ 29 §4.2 (admission and
recognition as official need two thirds; recognition within 30 working days
after 12 months of probation), QĐ 29 §8.1 (three months in a year without
meetings or without dues: grounds for removal), Hướng dẫn 12-HD/BTCTW
(attendance above 85 %).
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import NamedTuple

# -- the vote base ----------------------------------------------------------------

PRESENT_FOR_A_VOTE = frozenset({"present", "late"})  # left_early: gone before a later vote


def in_vote_base(member: Mapping, status: str | None) -> bool:
    """Say whether a member on the roll when the meeting opened is in its vote base.

    `member`: kind, exempt, away, suspended as at the opening; `status`: the member's latest attendance
    in the meeting (None if not recorded). The base is the official members summoned: less those away for
    temporary sinh hoạt elsewhere, the suspended, the exempt who did not attend, and those absent for the
    whole meeting with a reason the chi ủy accepted. Members absent without reason stay in it.
    """
    if member.get("kind") != "official" or member.get("away") or member.get("suspended"):
        return False
    attended = status in ("present", "late", "left_early")
    if member.get("exempt") and not attended:
        return False
    return status != "absent_excused"


class Attendance(NamedTuple):
    """One AttendanceRecorded as a vote reads it."""

    occurred: datetime
    seq: int
    member_id: str
    status: str


def present_for_vote(attendance: Iterable[Attendance], moment: datetime) -> set[str]:
    """Return the members present at `moment`: whose latest attendance by then says present or late.

    Latest by occurred_at (then seq), so an entry typed in later from paper counts when it happened:
    who left early before the vote, or arrived late after it, is not present for it.
    """
    latest: dict[str, Attendance] = {}
    for entry in sorted(attendance, key=lambda a: (a.occurred, a.seq)):
        if entry.occurred <= moment:
            latest[entry.member_id] = entry
    return {member_id for member_id, entry in latest.items() if entry.status in PRESENT_FOR_A_VOTE}


# -- outcomes ---------------------------------------------------------------------

def passed(votes_for: int, base: int) -> bool:
    """More than half of the base approve (Quy định thi hành Điều lệ §9.3)."""
    return base > 0 and 2 * votes_for > base


def two_thirds(votes_for: int, base: int) -> bool:
    """At least two thirds of the base approve: admission, recognition as official member (QĐ 29 §4.2)."""
    return base > 0 and 3 * votes_for >= 2 * base


def share(votes_for: int, base: int) -> float | None:
    """votes_for as a percentage of the base, one decimal; None for an empty base."""
    return round(100 * votes_for / base, 1) if base else None


def rate(present: int, expected: int) -> float | None:
    """Members present as a percentage of those expected, one decimal."""
    return round(100 * present / expected, 1) if expected else None


GOOD_ATTENDANCE = 85.0  # a meeting of quality has attendance above 85 % (Hướng dẫn 12-HD/BTCTW)

# -- membership over time -----------------------------------------------------------

MONTHS_FOR_REMOVAL = 3  # months of a year without meetings, or without dues, without good reason
PROBATION_MONTHS = 12
RECOGNITION_WORKING_DAYS = 30


def removal_warning(unpaid_months: int, unexcused_months: int) -> bool:
    """Grounds for removal (xóa tên): three months in the year without dues, or absent without reason."""
    return unpaid_months >= MONTHS_FOR_REMOVAL or unexcused_months >= MONTHS_FOR_REMOVAL


def probation_ends_on(joined_on: date) -> date:
    """Twelve months after admission; a 29 February admission ends on 28 February."""
    try:
        return joined_on.replace(year=joined_on.year + PROBATION_MONTHS // 12)
    except ValueError:
        return joined_on.replace(year=joined_on.year + PROBATION_MONTHS // 12, day=28)


def working_days_after(day: date, count: int) -> date:
    """The date `count` working days (Monday to Friday) after `day`; public holidays are not known here."""
    while count:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def probation_overdue(ends_on: date, today: date) -> bool:
    """Still probationary more than 30 working days after probation ended: recognition is late."""
    return today > working_days_after(ends_on, RECOGNITION_WORKING_DAYS)


def months_of_year(year: int, since: date, today: date) -> list[str]:
    """The months (YYYY-MM) of `year` from the month of `since` that are over by `today`.

    A month's dues may be paid until it ends, so the month under way is not yet unpaid.
    """
    first = since.month if since.year == year else 1
    if since.year > year or today.year < year:
        return []
    last = today.month - 1 if today.year == year else 12
    return [f"{year:04d}-{month:02d}" for month in range(first, last + 1)]


# -- how often -----------------------------------------------------------------------

MEETING_KINDS = ("regular", "thematic", "extraordinary")


def calendar(meetings: Iterable[tuple[str, str, date]], year: int, today: date) -> dict:
    """The year's meetings by month, the months without a regular meeting and the quarters without a thematic one.

    `meetings`: (meeting_id, kind, local date opened) of the meetings that count (voided ones left out by the
    caller). The chi bộ meets every month (Điều lệ, Điều 24) and holds a thematic meeting at least once a
    quarter; a month or quarter not yet over by `today` is not counted as missed.
    """
    held: list[dict[str, list[str]]] = [{kind: [] for kind in MEETING_KINDS} for _ in range(12)]
    for meeting_id, kind, opened in sorted(meetings, key=lambda m: (m[2], m[0])):
        if opened.year == year and kind in MEETING_KINDS:
            held[opened.month - 1][kind].append(meeting_id)
    months = [{"month": f"{year:04d}-{m:02d}", **held[m - 1]} for m in range(1, 13)]
    begun = [m for m in range(1, 13) if date(year, m, 1) <= today]  # a month under way may still meet
    missing = [months[m - 1]["month"] for m in begun if not months[m - 1]["regular"] and _ended(year, m, today)]
    quarters = [q for q in range(1, 5) if _ended(year, 3 * q, today)
                and not any(months[m - 1]["thematic"] for m in range(3 * q - 2, 3 * q + 1))]
    return {"year": year, "months": [months[m - 1] for m in begun], "missing_regular": missing,
            "quarters_without_thematic": quarters}


def _ended(year: int, month: int, today: date) -> bool:
    """Say whether the month is over by `today`."""
    return (year, month) < (today.year, today.month)
