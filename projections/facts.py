"""Facts: the events a read model keeps, with corrections and retractions applied.

Every read model here is a set of documents (one per meeting, member, task)
that each keep the facts they are made of, in seq order. An EventCorrected
replaces a fact's data from the moment it was recorded and keeps the
original; an EventRetracted marks the fact retracted. Answers are derived from
the live facts at question time, which is what makes `on` (any date) cheap and
incremental folding equal to a rebuild: a fact is the same whichever way it
arrived.

Documents are plain JSON-ready dicts, so the store can keep them as they are.
"""

from bisect import bisect_left

from chibo_events.vocabulary import AMENDMENTS, meeting_id_of


def fact_of(envelope: dict) -> dict:
    """Return the fact a stored envelope contributes to a document."""
    return {
        "seq": envelope["seq"],
        "type": envelope["type"],
        "stream": envelope["stream"],
        "occurred_at": envelope["occurred_at"],
        "recorded_at": envelope["recorded_at"],
        "actor": envelope["actor"],
        "data": envelope["data"],
    }


def new_doc(**identity) -> dict:
    return {**identity, "facts": [], "amendments": []}


def add_fact(doc: dict, envelope: dict) -> dict:
    """Add the envelope's fact to the document, keeping seq order; return the document."""
    facts = doc["facts"]
    if not facts or facts[-1]["seq"] < envelope["seq"]:
        facts.append(fact_of(envelope))
    else:
        index = bisect_left([f["seq"] for f in facts], envelope["seq"])
        if index == len(facts) or facts[index]["seq"] != envelope["seq"]:
            facts.insert(index, fact_of(envelope))
    return doc


def find_fact(doc: dict, seq: int) -> dict | None:
    facts = doc["facts"]
    index = bisect_left([f["seq"] for f in facts], seq)
    return facts[index] if index < len(facts) and facts[index]["seq"] == seq else None


def amend(doc: dict, amendment: dict) -> dict:
    """Apply an EventCorrected or EventRetracted envelope to the fact it targets, if the document has it."""
    data = amendment["data"]
    fact = find_fact(doc, data["target_seq"])
    if fact is None:
        return doc
    record = {
        "seq": amendment["seq"],
        "target_seq": fact["seq"],
        "target_type": fact["type"],
        "kind": "corrected" if amendment["type"] == "EventCorrected" else "retracted",
        "reason": data["reason"],
        "occurred_at": amendment["occurred_at"],
        "recorded_at": amendment["recorded_at"],
        "actor": amendment["actor"],
    }
    if amendment["stream"] != fact["stream"] and meeting_id_of(amendment["stream"]):
        # Decided at another meeting (sealed minutes): both biên bản show the figures before and after.
        record.update(decided_in=meeting_id_of(amendment["stream"]), before=fact["data"],
                      after=data["data"] if amendment["type"] == "EventCorrected" else None)
    if amendment["type"] == "EventCorrected":
        fact.setdefault("original", fact["data"])
        fact["data"] = data["data"]
        fact.setdefault("corrected_by", []).append(amendment["seq"])
    else:
        fact["retracted_by"] = amendment["seq"]
    doc["amendments"].append(record)
    return doc


def live(doc: dict, types: frozenset | None = None) -> list[dict]:
    """Return the document's facts that stand (not retracted), optionally of some types only."""
    return [
        f for f in doc["facts"]
        if "retracted_by" not in f and (types is None or f["type"] in types)
    ]


def last_seq(doc: dict) -> int:
    """Return the highest seq folded into the document."""
    seqs = [f["seq"] for f in doc["facts"]] + [a["seq"] for a in doc["amendments"]]
    return max(seqs, default=0)


def subject(envelope: dict, target: dict | None) -> dict | None:
    """Return the event a document files this one under: an amendment's target, else itself."""
    return target if envelope["type"] in AMENDMENTS else envelope


def fold_fact(doc: dict | None, envelope: dict, **identity) -> dict | None:
    """Fold one envelope into a document: an amendment amends the fact it targets, any other is added."""
    if envelope["type"] in AMENDMENTS:
        return amend(doc, envelope) if doc else doc
    return add_fact(doc or new_doc(**identity), envelope)


def keyed_by(field: str, types: frozenset):
    """Return a `keys` function that files the events of `types` (and their amendments) under data[field]."""

    def keys(envelope: dict, target: dict | None) -> list[str]:
        source = subject(envelope, target)
        if source is None or source["type"] not in types:
            return []
        return [source["data"][field]]

    return keys
