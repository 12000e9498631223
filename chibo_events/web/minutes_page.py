"""The biên bản page: the minutes in their document layout, as they stand now or stood at `as_of`."""

from dataclasses import dataclass

from flask import Blueprint, abort, redirect, render_template, request, url_for

from .. import answers
from ..catalogue import check_request
from ..documents.minutes_text import CORRECTED, Block, Line, minutes_blocks
from ..errors import ChiboError, NotFound
from . import reading, store
from .api import account_for
from .console_forms import refusal_errors
from .limits import limit_api
from .params import AsOfQuery
from .records_common import Query, local_input

bp = Blueprint("minutes_page", __name__)
limit_api(bp)  # the pages share the API's budget: a reader reloading one costs as an API call does


@dataclass(frozen=True)
class Shown:
    """One block of the biên bản as the template sets it: its kind, the block, and a line's words."""

    kind: str
    block: Block
    words: str = ""
    corrected: bool = False


def shown(block: Block) -> Shown:
    """Return a block for the template; a corrected line loses its mark, which the template sets apart."""
    kind = type(block).__name__.lower()
    if not isinstance(block, Line):
        return Shown(kind, block)
    words = block.words
    if words.endswith(CORRECTED):
        return Shown(kind, block, words[: -len(CORRECTED)].rstrip(), True)
    return Shown(kind, block, words)


@bp.get("/cells/<cell>/meetings/<meeting_id>/minutes")
def minutes(cell: str, meeting_id: str):
    """Show the biên bản of one meeting, print-ready, with the as_of picker and the Word download."""
    account = account_for(cell, writing=False)
    query = Query(AsOfQuery)
    as_of = query.get("as_of")
    page = {"cell": cell, "meeting_id": meeting_id, "query": query, "as_of_input": query.raw.get("as_of", "")}
    if not query.ok:
        return render_template("records/minutes.html", **page), 400
    return _minutes_page(cell, meeting_id, page, as_of, account)


def _signing_roles(account, cell: str, record: dict) -> list[str]:
    """Return the roles ("chair", "clerk") the signed-in person may sign these approved minutes as, now."""
    approval = record.get("minutes_approved")
    if not (approval and approval.get("passed")) or account.member is None or account.member.cell != cell:
        return []
    return [role for role in ("chair", "clerk")
            if (record.get(role) or {}).get("member_id") == account.member.member_id
            and not record["signed"].get(role)]


def _minutes_page(cell: str, meeting_id: str, page: dict, as_of, account, status: int = 200, errors=None):
    try:
        record = answers.meeting_minutes(reading(cell), cell, meeting_id, as_of)
    except NotFound:
        if as_of is None or meeting_id not in {m["meeting_id"] for m in answers.meetings(reading(cell), cell)}:
            raise
        # The meeting exists but had not been recorded yet: keep the picker so the reader can choose again.
        page.update(as_of=as_of, as_of_input=local_input(as_of))
        return render_template("records/minutes.html", **page, not_yet=True), 404
    docx = url_for("read_api.meeting_minutes_docx", cell=cell, meeting_id=meeting_id,
                   **({"as_of": as_of} if as_of else {}))
    numbered_docx = url_for("read_api.meeting_minutes_docx", cell=cell, meeting_id=meeting_id, numbered=1,
                            **({"as_of": as_of} if as_of else {}))
    page["as_of_input"] = local_input(as_of)
    return render_template("records/minutes.html", **page, minutes=record, as_of=as_of, docx_url=docx,
                           numbered_docx_url=numbered_docx, blocks=[shown(b) for b in minutes_blocks(record)],
                           signing=[] if as_of else _signing_roles(account, cell, record),
                           sign_errors=errors or {}), status


@bp.post("/cells/<cell>/meetings/<meeting_id>/sign")
def sign(cell: str, meeting_id: str):
    """Sign the approved minutes as their chair or clerk (MinutesSigned), from one's own account."""
    account = account_for(cell, writing=False)
    role = request.form.get("role", "")
    if not account.may_append(cell, "MinutesSigned") or role not in ("chair", "clerk"):
        abort(403)
    page = {"cell": cell, "meeting_id": meeting_id, "query": Query(AsOfQuery), "as_of_input": ""}
    if not request.form.get("confirm"):
        errors = {"confirm": ["Hãy đánh dấu ô xác nhận đã đọc biên bản trước khi ký."]}
        return _minutes_page(cell, meeting_id, page, None, account, 422, errors)
    body = {"stream": f"meeting:{meeting_id}", "type": "MinutesSigned", "data": {"role": role},
            "event_id": request.form.get("event_id") or None}
    try:
        store().append(cell, check_request(body), account.username)
    except ChiboError as error:
        if error.status not in (409, 422):
            raise
        return _minutes_page(cell, meeting_id, page, None, account, 422, refusal_errors(error))
    return redirect(url_for("minutes_page.minutes", cell=cell, meeting_id=meeting_id, signed=role), code=303)
