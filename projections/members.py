"""Members: one document per member, from the roster events of the cell stream.

`member_at` answers who a member was at a moment (kind, role, exempt, on the
roll); `statuses` gives every member's status on a date, with attendance,
commendations and criticisms (the `records` projection) and tasks counted up
to that date; `record` gives one member's status with the meetings, tasks,
remarks, ratings and dues it is counted from. The roster is kept apart from
the records so that minutes, which need names and the roll, read a few facts
per member, not years of them.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

from chibo_events import party_rules
from chibo_events.clock import VIETNAM
from chibo_events.timestamps import parse_instant
from chibo_events.vocabulary import ATTENDING, EXEMPT, NOT_RECORDED, ROLES, meeting_id_of, meeting_stream

from .facts import fold_fact, keyed_by, live

NAME = "members"
ROSTER_TYPES = frozenset({
    "MemberJoined", "MemberRoleChanged", "MemberKindChanged", "MemberExempted",
    "MemberExemptionEnded", "MemberLeft", "MemberRated",
    "MemberTemporarilyAway", "MemberReturned", "MemberSuspended", "MemberSuspensionEnded",
})
ROLE_ORDER = {role: rank for rank, role in enumerate(ROLES)}  # the Bí thư first
REPEATED_UNEXCUSED = party_rules.MONTHS_FOR_REMOVAL  # absences without reason in a year: grounds for removal


keys = keyed_by("member_id", ROSTER_TYPES)


def apply(doc: dict | None, key: str, envelope: dict, target: dict | None = None) -> dict | None:
    return fold_fact(doc, envelope, member_id=key)


def summary(doc: dict) -> dict:
    return {"member_id": doc["member_id"], "full_name": full_name(doc)}


# -- who a member was ----------------------------------------------------------

def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(), VIETNAM) + timedelta(days=1) - timedelta(microseconds=1)


def _effective(fact: dict) -> datetime:
    """A joining counts from the start of joined_on in Vietnam; every other change from when it occurred."""
    if fact["type"] == "MemberJoined":
        return _start_of(fact["data"]["joined_on"])
    return _instant(fact["occurred_at"])


# Minutes ask who was who several times per member (the roll, each count): parse each timestamp once.
@lru_cache(maxsize=8192)
def _start_of(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time(), VIETNAM)


@lru_cache(maxsize=8192)
def _instant(text: str) -> datetime:
    return parse_instant(text)


def full_name(doc: dict | None) -> str | None:
    """Return the member's name from the latest standing MemberJoined."""
    joinings = live(doc, frozenset({"MemberJoined"})) if doc else []
    return joinings[-1]["data"]["full_name"] if joinings else None


def _dues_since(doc: dict, member: dict, day: date) -> date:
    """The day from which the member owes this cell dues: admission, or coming onto its roll if later.

    A cell's book knows nothing of the months before the member was on its roll (a roster entered when
    the book is opened, a transfer in): those dues were the business of another book, or of none.
    """
    admitted = date.fromisoformat(member["joined_on"])
    entered = [_instant(f["occurred_at"]).astimezone(VIETNAM).date() for f in live(doc, frozenset({"MemberJoined"}))]
    on_roll = max((d for d in entered if d <= day), default=admitted)
    return max(admitted, on_roll)


def member_at(doc: dict, moment: datetime) -> dict | None:
    """Return the member as at `moment`, or None if they had not joined by then."""
    changes = sorted(
        ((_effective(f), f["seq"], f) for f in live(doc, ROSTER_TYPES)), key=lambda c: (c[0], c[1])
    )
    member = None
    for when, _, fact in changes:
        if when > moment:
            break
        data = fact["data"]
        if fact["type"] == "MemberJoined":
            member = {
                "member_id": doc["member_id"], "full_name": data["full_name"], "kind": data["kind"],
                "role": "dang_vien", "position": data.get("position"), "exempt": False,
                "exempt_reason": None, "active": True, "joined_on": data["joined_on"],
                "how": data["how"], "left": None, "ratings": {},
                "away": False, "away_place": None, "away_until": None,
                "suspended": False, "suspended_reason": None, "suspended_until": None,
            }
        elif member is None:
            continue
        elif fact["type"] == "MemberRoleChanged":
            member["role"] = data["role"]
        elif fact["type"] == "MemberKindChanged":
            member["kind"] = data["kind"]
        elif fact["type"] == "MemberExempted":
            member["exempt"], member["exempt_reason"] = True, data["reason"]
        elif fact["type"] == "MemberExemptionEnded":
            member["exempt"], member["exempt_reason"] = False, None
        elif fact["type"] == "MemberLeft":
            member["active"] = False
            member["left"] = {"how": data["how"], "on": when.astimezone(VIETNAM).date().isoformat(),
                              "note": data.get("note")}
        elif fact["type"] == "MemberRated":
            member["ratings"][data["year"]] = data["rating"]
        elif fact["type"] == "MemberTemporarilyAway":
            member.update(away=True, away_place=data["place"], away_until=data.get("until"))
        elif fact["type"] == "MemberReturned":
            member.update(away=False, away_place=None, away_until=None)
        elif fact["type"] == "MemberSuspended":
            member.update(suspended=True, suspended_reason=data["reason"], suspended_until=data.get("until"))
        elif fact["type"] == "MemberSuspensionEnded":
            member.update(suspended=False, suspended_reason=None, suspended_until=None)
    return member


def roll_at(docs, moment: datetime) -> list[dict]:
    """Return the members on the roll (joined, not left) at `moment`, in roster order."""
    members = [m for doc in docs if (m := member_at(doc, moment)) and m["active"]]
    return sorted(members, key=_roster_order)


def _roster_order(member: dict) -> tuple:
    return (not member["active"], ROLE_ORDER.get(member["role"], 9), member["joined_on"], member["member_id"])


# -- status on a date ------------------------------------------------------------

def _on_or_before(fact: dict, day: date) -> bool:
    return parse_instant(fact["occurred_at"]).astimezone(VIETNAM).date() <= day


def attendance_on(records: dict | None, day: date, voided: frozenset[str] = frozenset()) -> dict[str, dict]:
    """Return each meeting's latest attendance fact for the member, up to `day`; voided meetings left out."""
    latest = {}
    for fact in live(records, frozenset({"AttendanceRecorded"})) if records else ():
        if _on_or_before(fact, day) and fact["stream"] not in voided:
            latest[fact["stream"]] = fact
    return latest


def _month_of(fact: dict) -> str:
    return parse_instant(fact["occurred_at"]).astimezone(VIETNAM).strftime("%Y-%m")


def status(doc: dict, records: dict | None, day: date, tasks: list[dict],
           meeting_kinds: dict[str, str] | None = None, voided: frozenset[str] = frozenset()) -> dict | None:
    """Return the member's status on `day`, from its roster and records documents and the task board then.

    `meeting_kinds` (stream → kind) tells the regular meetings, whose unexcused absences count towards
    removal by month; `voided` meetings count for nothing.
    """
    member = member_at(doc, end_of_day(day))
    if member is None:
        return None
    attendance = attendance_on(records, day, voided)
    statuses = [fact["data"]["status"] for fact in attendance.values()]
    this_year = [fact for fact in attendance.values()
                 if parse_instant(fact["occurred_at"]).astimezone(VIETNAM).year == day.year]
    unexcused_this_year = sum(1 for fact in this_year if fact["data"]["status"] == "absent_unexcused")
    kinds = meeting_kinds or {}
    unexcused_months = {_month_of(f) for f in this_year if f["data"]["status"] == "absent_unexcused"
                        and kinds.get(f["stream"], "regular") == "regular"}
    paid = _paid(records, day)
    due = party_rules.months_of_year(day.year, _dues_since(doc, member, day), day)
    unpaid = [month for month in due if month not in paid]
    probation_ends = None
    if member["kind"] == "probationary":
        probation_ends = party_rules.probation_ends_on(date.fromisoformat(member["joined_on"]))
    mine = [task for task in tasks if doc["member_id"] in [a["member_id"] for a in task["assignees"]]]
    ratings = member.pop("ratings")
    last_year = max(ratings, default=None)
    counted = {t: _remarks(records, t, day, voided) for t in ("MemberCommended", "MemberCriticized")}
    return {
        **member,
        "attendance": {
            "meetings": len(statuses),
            "present": sum(1 for s in statuses if s in ATTENDING),
            "absent_excused": statuses.count("absent_excused"),
            "absent_unexcused": statuses.count("absent_unexcused"),
            "absent_unexcused_this_year": unexcused_this_year,
        },
        "repeated_unexcused_absence": len(unexcused_months) >= REPEATED_UNEXCUSED,
        "unexcused_absence_months": len(unexcused_months),
        "dues": [{"month": month, "amount": paid[month]} for month in sorted(paid) if month[:4] == str(day.year)],
        "dues_unpaid_months": len(unpaid),
        "dues_unpaid": unpaid,
        "removal_warning": member["active"] and party_rules.removal_warning(len(unpaid), len(unexcused_months)),
        "probation_ends_on": probation_ends.isoformat() if probation_ends else None,
        "probation_overdue": bool(probation_ends and member["active"]
                                  and party_rules.probation_overdue(probation_ends, day)),
        "temporarily_away": member["away"],
        "open_tasks": sum(1 for t in mine if t["open"]),
        "done_tasks": sum(1 for t in mine if t["status"] == "done"),
        "overdue_tasks": sum(1 for t in mine if t["overdue"]),
        "commendations": len(counted["MemberCommended"]),
        "criticisms": len(counted["MemberCriticized"]),
        "last_rating": {"year": last_year, "rating": ratings[last_year]} if last_year else None,
    }


def _paid(records: dict | None, day: date) -> dict[str, int]:
    """Return month → amount of the dues paid up to `day`."""
    return {f["data"]["month"]: f["data"]["amount"] for f in live(records, frozenset({"DuesPaid"}))
            if _on_or_before(f, day)} if records else {}


def _remarks(records: dict | None, event_type: str, day: date, voided: frozenset[str]) -> list[dict]:
    """Return the member's commendations or criticisms up to `day`: a voided meeting's count for nothing."""
    return [f for f in live(records, frozenset({event_type})) if _on_or_before(f, day)
            and f["stream"] not in voided] if records else []


def statuses(docs, records: dict[str, dict], day: date, tasks: list[dict],
             meeting_kinds: dict[str, str] | None = None, voided: frozenset[str] = frozenset()) -> list[dict]:
    """Return the status on `day` of every member who had joined by then, in roster order."""
    found = [s for doc in docs
             if (s := status(doc, records.get(doc["member_id"]), day, tasks, meeting_kinds, voided))]
    return sorted(found, key=_roster_order)


# -- one member's whole record ---------------------------------------------------

def record(doc: dict, records: dict | None, day: date, tasks: list[dict], meetings: list[dict],
           meeting_kinds: dict[str, str] | None = None, voided: frozenset[str] = frozenset()) -> dict | None:
    """Return the member's status on `day` with what it is counted from, or None if they had not joined by then.

    `meetings` are the cell's meeting summaries (minutes.summary). A meeting is the member's if they were on
    the roll when it opened (summoned) or have an attendance in it; a summoned member with none reads as the
    minutes say, exempt or not recorded. Commendations, criticisms and dues come as lists: the status's counts
    are their lengths. Dues are those of every year, up to `day`.
    """
    standing, found = member_at(doc, end_of_day(day)), status(doc, records, day, tasks, meeting_kinds, voided)
    if standing is None or found is None:
        return None
    attendance = attendance_on(records, day, voided)
    return {
        **found,
        "meetings": [entry for m in meetings if (entry := _meeting_entry(doc, m, attendance, day, voided))],
        "tasks": [t for t in tasks if doc["member_id"] in [a["member_id"] for a in t["assignees"]]],
        "commendations": [_remark(f) for f in _remarks(records, "MemberCommended", day, voided)],
        "criticisms": [{**_remark(f), "level": f["data"]["level"]}
                       for f in _remarks(records, "MemberCriticized", day, voided)],
        "ratings": [{"year": year, "rating": rating}
                    for year, rating in sorted(standing["ratings"].items())],
        "dues": [{"month": month, "amount": amount} for month, amount in sorted(_paid(records, day).items())],
    }


def _meeting_entry(doc: dict, meeting: dict, attendance: dict[str, dict], day: date,
                   voided: frozenset[str]) -> dict | None:
    stream = meeting_stream(meeting["meeting_id"])
    opened = _instant(meeting["opened_at"])
    if meeting.get("voided") or stream in voided or opened.astimezone(VIETNAM).date() > day:
        return None
    fact = attendance.get(stream)
    summoned = member_at(doc, opened)
    if fact is None and not (summoned and summoned["active"]):
        return None
    if fact is not None:
        attended, reason = fact["data"]["status"], fact["data"].get("reason")
    else:
        attended, reason = (EXEMPT if summoned and summoned["exempt"] else NOT_RECORDED), None
    return {"meeting_id": meeting["meeting_id"], "kind": meeting["kind"], "title": meeting["title"],
            "opened_at": meeting["opened_at"], "status": attended, "reason": reason}


def _remark(fact: dict) -> dict:
    return {"seq": fact["seq"], "meeting_id": meeting_id_of(fact["stream"]), "occurred_at": fact["occurred_at"],
            "reason": fact["data"]["reason"], "corrected": "corrected_by" in fact}
