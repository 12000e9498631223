"""The audit trail for inspectors: the events with who recorded them and when, amendments, and the evidence."""

from functools import partial

from flask import Blueprint, current_app, render_template, request, url_for

from projections import members as members_projection

from .. import answers
from ..catalogue import CELL_TYPES, EITHER_TYPES, MEETING_TYPES
from ..documents.event_words import sentence
from ..vocabulary import meeting_stream
from . import reading
from .api import account_for
from .audit_evidence import (
    amendments,
    correction_rows,
    data_text,
    held_checkpoint,
    inclusion,
    latest_checkpoint,
    page_of_events,
    type_words,
    witness_views,
)
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
    source = reading(cell)
    meetings = answers.meetings(source, cell)
    return {
        "streams": [("cell", "Danh sách đảng viên (cell)")]
        + [(meeting_stream(m["meeting_id"]), f"Cuộc họp {m['meeting_id']} – {m['title']}") for m in meetings],
        "types": [(t, f"{type_words(t)} ({t})") for t in TYPE_ORDER],
        "members": [(m["member_id"], m["full_name"]) for m in answers.member_statuses(source, cell)],
    }


def event_link(cell: str, on_page: set[int], seq: int) -> str:
    """Return a link to event `seq`: its anchor when it is on this page, else the page that starts with it."""
    if seq in on_page:
        return f"#seq-{seq}"
    return url_for("audit_page.audit", cell=cell, after_seq=seq - 1, _anchor=f"seq-{seq}")


MAX_NOTE = 4096  # a checkpoint is a few hundred bytes; a witness's cosignatures add a line each


@bp.post("/cells/<cell>/audit/checkpoint")
def check_held(cell: str):
    """Compare a checkpoint the inspector kept (a file, or pasted) with the book now, and show the audit page."""
    account_for(cell, writing=False)
    upload = request.files.get("checkpoint")
    note = upload.read(MAX_NOTE + 1).decode("utf-8", "replace") if upload and upload.filename else ""
    note = note or request.form.get("note", "")
    if not note.strip() or len(note) > MAX_NOTE:
        message = "Hãy chọn tệp checkpoint đã lưu hoặc dán nội dung của nó." if not note.strip() else \
            f"Nội dung dài quá {MAX_NOTE} ký tự: đây không phải một checkpoint."
        return audit(cell, held_error=message), 400
    source = reading(cell)
    held = held_checkpoint(source, cell, note, latest_checkpoint(source, cell))
    return audit(cell, held=held), 200 if held.verdict != "unreadable" else 400


@bp.get("/cells/<cell>/audit")
def audit(cell: str, held=None, held_error: str | None = None):
    """Show a page of the book's events with the filters, the verification and, on demand, a proof."""
    account_for(cell, writing=False)
    query = Query(AuditQuery)
    filters = {name: query.raw.get(name, "").strip() for name in FILTERS}
    since, until = query.get("since"), query.get("until")
    source = reading(cell)
    after_seq, proof_seq = query.get("after_seq", 0), query.get("proof")
    page = {"cell": cell, "query": query, "filters": filters, "choices": choices(cell),
            "people": answers.people(source, cell)}
    if not query.ok:
        return render_template("records/audit.html", **page), 400
    events, next_after = page_of_events(
        source, cell, after_seq, PAGE_SIZE, actor=query.get("actor"), stream=query.get("stream"),
        type=query.get("type"), member=query.get("member"), since=since, until=until,
    )
    kept = {name: value for name, value in filters.items() if value}
    checkpoint = latest_checkpoint(source, cell)
    roster = source.read_models.docs(cell, members_projection.NAME)
    names = {member_id: members_projection.full_name(doc) or member_id for member_id, doc in roster.items()}
    return render_template(
        "records/audit.html", **page, events=events, after_seq=after_seq, next_after=next_after, kept=kept,
        amended_by=amendments(source, cell), report=source.quick_verify(cell),
        witnesses=witness_views(source, cell, current_app.config.get("CHIBO_WITNESSES")),
        checkpoint=checkpoint, held=held, held_error=held_error,
        sentences={e["seq"]: sentence(e, roster) for e in events},
        changes=correction_rows(source, cell, events, names),
        proof=inclusion(source, cell, proof_seq, checkpoint) if proof_seq else None,
        type_words=type_words, data_text=data_text, event_link=partial(event_link, cell, {e["seq"] for e in events}),
    )
