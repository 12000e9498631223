"""Records: one document per member of what meetings said of them: attendance, commendations, criticisms."""

from .facts import fold_fact, subject

NAME = "records"
TYPES = frozenset({"AttendanceRecorded", "MemberCommended", "MemberCriticized"})


def keys(envelope: dict, target: dict | None) -> list[str]:
    source = subject(envelope, target)
    if source is None or source["type"] not in TYPES:
        return []
    return [source["data"]["member_id"]]


def apply(doc: dict | None, key: str, envelope: dict) -> dict | None:
    return fold_fact(doc, envelope, member_id=key)


def summary(doc: dict) -> None:
    return None
