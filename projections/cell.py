"""The cell itself: its name, committee and place, from CellRegistered, and whether it was closed (CellClosed).

Corrections and retractions apply to both, so a closing retracted reopens the book.
"""

from .facts import fold_fact, live, subject

NAME = "cell"
KEY = "cell"
TYPES = frozenset({"CellRegistered", "CellClosed"})


def keys(envelope: dict, target: dict | None) -> list[str]:
    source = subject(envelope, target)
    return [KEY] if source and source["type"] in TYPES else []


def apply(doc: dict | None, key: str, envelope: dict, target: dict | None = None) -> dict | None:
    return fold_fact(doc, envelope, book=envelope["book"])


def summary(doc: dict) -> dict:
    return describe(doc)


def describe(doc: dict | None) -> dict:
    """Return {cell_id, name, committee, place}, and `closed` {at, reason, how} only for a closed cell."""
    registered = live(doc, frozenset({"CellRegistered"})) if doc else []
    if doc is None or not registered:
        return {"cell_id": doc["book"] if doc else None, "name": None, "committee": None, "place": None}
    data = registered[0]["data"]
    described = {"cell_id": doc["book"], "name": data["name"], "committee": data["committee"],
                 "place": data.get("place")}
    if closing := live(doc, frozenset({"CellClosed"})):
        # Only when closed: the minutes of an open cell stay what they were before CellClosed existed.
        fact = closing[-1]
        described["closed"] = {"at": fact["occurred_at"], "reason": fact["data"]["reason"],
                               "how": fact["data"]["how"]}
    return described
