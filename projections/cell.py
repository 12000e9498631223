"""The cell itself: its name, committee and place, from CellRegistered (corrections applied)."""

from .facts import fold_fact, live, subject

NAME = "cell"
KEY = "cell"


def keys(envelope: dict, target: dict | None) -> list[str]:
    source = subject(envelope, target)
    return [KEY] if source and source["type"] == "CellRegistered" else []


def apply(doc: dict | None, key: str, envelope: dict, target: dict | None = None) -> dict | None:
    return fold_fact(doc, envelope, book=envelope["book"])


def summary(doc: dict) -> dict:
    return describe(doc)


def describe(doc: dict | None) -> dict:
    """Return {cell_id, name, committee, place} of the cell."""
    if not doc or not live(doc):
        return {"cell_id": doc["book"] if doc else None, "name": None, "committee": None, "place": None}
    data = live(doc)[0]["data"]
    return {"cell_id": doc["book"], "name": data["name"], "committee": data["committee"], "place": data.get("place")}
