"""Records: one document per member of what meetings said of them: attendance, commendations, criticisms, dues."""

from .facts import fold_fact, keyed_by

NAME = "records"
TYPES = frozenset({"AttendanceRecorded", "MemberCommended", "MemberCriticized", "DuesPaid"})


keys = keyed_by("member_id", TYPES)


def apply(doc: dict | None, key: str, envelope: dict, target: dict | None = None) -> dict | None:
    return fold_fact(doc, envelope, member_id=key)


def summary(doc: dict) -> None:
    return None
