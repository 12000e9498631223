"""The read side of the JSON API: meetings, minutes (JSON and Word), members, tasks.

Every view parses its parameters, asks chibo_events.answers, and responds.
`as_of` is an instant (or a date: the end of that day in Vietnam); `on` is a date.
"""

from datetime import date

from flask import Response, jsonify, request

from .. import answers
from ..errors import Malformed
from ..timestamps import FIRST_YEAR, LAST_YEAR, parse_bound, utc_text
from . import store
from .api import _account_for, bp

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TASK_STATUSES = ("open", "done", "all")


@bp.get("/cells/<cell>/meetings")
def list_meetings(cell: str):
    _account_for(cell, writing=False)
    return jsonify(answers.meetings(store(), cell, _as_of()))


@bp.get("/cells/<cell>/meetings/<meeting_id>/minutes")
def meeting_minutes(cell: str, meeting_id: str):
    _account_for(cell, writing=False)
    return jsonify(answers.meeting_minutes(store(), cell, meeting_id, _as_of()))


@bp.get("/cells/<cell>/meetings/<meeting_id>/minutes.docx")
def meeting_minutes_docx(cell: str, meeting_id: str):
    from ..documents.minutes_docx import minutes_docx

    _account_for(cell, writing=False)
    minutes = answers.meeting_minutes(store(), cell, meeting_id, _as_of())
    filename = f"bien-ban-{cell}-{meeting_id}.docx"
    return Response(minutes_docx(minutes), mimetype=DOCX,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/cells/<cell>/minutes")
def minutes_for_date(cell: str):
    _account_for(cell, writing=False)
    day = _date_arg("date")
    if day is None:
        raise Malformed("Thiếu tham số date (YYYY-MM-DD).", {"date": None})
    return jsonify({"meetings": answers.minutes_on(store(), cell, day, _as_of())})


@bp.get("/cells/<cell>/members")
def member_statuses(cell: str):
    _account_for(cell, writing=False)
    return jsonify(answers.member_statuses(store(), cell, _date_arg("on"), _as_of()))


@bp.get("/cells/<cell>/tasks")
def task_board(cell: str):
    _account_for(cell, writing=False)
    status = request.args.get("status") or "open"
    if status not in TASK_STATUSES:
        raise Malformed("Tham số status phải là open, done hoặc all.", {"status": status})
    return jsonify(answers.task_board(store(), cell, status, _date_arg("on"), _as_of()))


def _as_of() -> str | None:
    raw = request.args.get("as_of")
    if not raw:
        return None
    try:
        return utc_text(parse_bound(raw, end=True))
    except ValueError:
        raise Malformed("Tham số as_of phải là ngày (YYYY-MM-DD) hoặc thời điểm ISO 8601.", {"as_of": raw}) from None


def _date_arg(name: str) -> date | None:
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        day = None
    if day is None or not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise Malformed(f"Tham số {name} phải là ngày dạng YYYY-MM-DD.", {name: raw})
    return day
