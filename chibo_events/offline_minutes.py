"""The biên bản of one meeting made offline from a bundle, as the book stood at size N.

`python -m chibo_events.verify BUNDLE --minutes MEETING_ID [--size N]` checks the bundle, then
folds its first N events with the server's own projections and prints the biên bản as
`chibo minutes --format text` prints it for that state of the book (with `--as-of` the moment
event N was recorded, when N is not the whole book): an inspector compares a signed paper copy,
whose footer names the size and the root, with what the book itself says. Pure: the projections
and the text renderer need nothing but the standard library.
"""

import json
from collections.abc import Iterable

from projections import cell, members, minutes, tasks
from projections.replay import Replay

from . import integrity, merkle
from .documents.minutes_text import minutes_text

NAMES = (cell.NAME, members.NAME, minutes.NAME, tasks.NAME)


class NoSuchMeeting(ValueError):
    """The book, at that size, has no such meeting."""


def minutes_at(events: Iterable[dict], meeting_id: str, size: int, total: int,
               people: dict[str, str] | None = None) -> dict:
    """Return the minutes JSON of a meeting from the first `size` of a book's `total` events.

    `people` (the bundle header's) names the recording accounts as the server's minutes name them.
    """
    folded, frontier, last = Replay(NAMES), merkle.Frontier(), None
    for envelope in events:
        if envelope["seq"] > size:
            break
        folded.apply(envelope)
        frontier.append(integrity.leaf_hash(envelope))
        last = envelope
    doc = folded.docs[minutes.NAME].get(meeting_id)
    if doc is None or minutes.summary(doc) is None or last is None:
        raise NoSuchMeeting(f"Sổ, khi có {size} sự kiện, chưa có cuộc họp {meeting_id!r}.")
    as_of = last["recorded_at"] if size < total else None  # the server's `--as-of` of that moment
    task_docs = {task_id: folded.docs[tasks.NAME][task_id]
                 for task_id in minutes.reported_tasks(doc) if task_id in folded.docs[tasks.NAME]}
    meetings = folded.docs[minutes.NAME]
    related = {m: meetings[m] for m in minutes.related_meetings(doc) if m in meetings}
    rendered = minutes.render(doc, folded.docs[members.NAME], cell.describe(folded.docs[cell.NAME].get(cell.KEY)),
                              as_of, task_docs, related)
    rendered["evidence"] = {"size": frontier.size, "root": frontier.root().hex()}
    return minutes.with_people(rendered, people or {})


def printed(rendered: dict, form: str) -> str:
    """Return the minutes as `chibo minutes` prints them (click.echo adds the last newline)."""
    if form == "json":
        return json.dumps({"meetings": [rendered]}, ensure_ascii=False, indent=2) + "\n"
    return minutes_text(rendered) + "\n"
