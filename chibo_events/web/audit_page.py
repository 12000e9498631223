"""The audit trail for inspectors: the events with who recorded them and when, amendments, and the evidence."""

from functools import partial

from flask import Blueprint, render_template, url_for

from .. import answers
from ..catalogue import CELL_TYPES, EITHER_TYPES, MEETING_TYPES
from ..vocabulary import meeting_stream
from . import store
from .api import account_for
from .audit_evidence import amendments, data_text, inclusion, latest_checkpoint, page_of_events, type_words
from .limits import limit_api
from .params import AuditQuery
from .records_common import Query

bp = Blueprint("audit_page", __name__)
limit_api(bp)  # the pages share the API's budget: a reader reloading one costs as an API call does

PAGE_SIZE = 50
FILTERS = ("stream", "type", "member", "actor", "from", "to")
TYPE_ORDER = sorted(CELL_TYPES) + sorted(MEETING_TYPES) + sorted(EITHER_TYPES)


def choices(cell: str) -> dict:
    """Return the options of the filter form: streams, types and members, with Vietnamese labels."""
    meetings = answers.meetings(store(), cell)
    return {
        "streams": [("cell", "Danh sách đảng viên (cell)")]
        + [(meeting_stream(m["meeting_id"]), f"Cuộc họp {m['meeting_id']} – {m['title']}") for m in meetings],
        "types": [(t, f"{type_words(t)} ({t})") for t in TYPE_ORDER],
        "members": [(m["member_id"], m["full_name"]) for m in answers.member_statuses(store(), cell)],
    }


def event_link(cell: str, on_page: set[int], seq: int) -> str:
    """Return a link to event `seq`: its anchor when it is on this page, else the page that starts with it."""
    if seq in on_page:
        return f"#seq-{seq}"
    return url_for("audit_page.audit", cell=cell, after_seq=seq - 1, _anchor=f"seq-{seq}")


@bp.get("/cells/<cell>/audit")
def audit(cell: str):
    """Show a page of the book's events with the filters, the verification and, on demand, a proof."""
    account_for(cell, writing=False)
    query = Query(AuditQuery)
    filters = {name: query.raw.get(name, "").strip() for name in FILTERS}
    since, until = query.get("since"), query.get("until")
    after_seq, proof_seq = query.get("after_seq", 0), query.get("proof")
    page = {"cell": cell, "query": query, "filters": filters, "choices": choices(cell),
            "people": answers.people(store(), cell)}
    if not query.ok:
        return render_template("records/audit.html", **page), 400
    events, next_after = page_of_events(
        store(), cell, after_seq, PAGE_SIZE, actor=query.get("actor"), stream=query.get("stream"),
        type=query.get("type"), member=query.get("member"), since=since, until=until,
    )
    kept = {name: value for name, value in filters.items() if value}
    checkpoint = latest_checkpoint(store(), cell)
    return render_template(
        "records/audit.html", **page, events=events, after_seq=after_seq, next_after=next_after, kept=kept,
        amended_by=amendments(store(), cell), report=store().quick_verify(cell),
        checkpoint=checkpoint,
        proof=inclusion(store(), cell, proof_seq, checkpoint) if proof_seq else None,
        type_words=type_words, data_text=data_text, event_link=partial(event_link, cell, {e["seq"] for e in events}),
    )
