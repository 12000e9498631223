"""The read side of the JSON API: meetings, minutes (JSON and Word), members, tasks.

Every view parses its parameters, asks chibo_events.answers, and responds.
Parameters are parsed by params.py.
"""

from flask import Response, jsonify, request

from .. import answers
from ..errors import Malformed
from . import store
from .api import account_for, bp
from .params import as_of_arg, date_arg

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TASK_STATUSES = ("open", "done", "all")


@bp.get("/cells/<cell>/meetings")
def list_meetings(cell: str):
    account_for(cell, writing=False)
    return jsonify(answers.meetings(store(), cell, as_of_arg()))


@bp.get("/cells/<cell>/meetings/<meeting_id>/minutes")
def meeting_minutes(cell: str, meeting_id: str):
    account_for(cell, writing=False)
    return jsonify(answers.meeting_minutes(store(), cell, meeting_id, as_of_arg()))


@bp.get("/cells/<cell>/meetings/<meeting_id>/minutes.docx")
def meeting_minutes_docx(cell: str, meeting_id: str):
    from ..documents.minutes_docx import minutes_docx

    account_for(cell, writing=False)
    minutes = answers.meeting_minutes(store(), cell, meeting_id, as_of_arg())
    filename = f"bien-ban-{cell}-{meeting_id}.docx"
    return Response(minutes_docx(minutes), mimetype=DOCX,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/cells/<cell>/minutes")
def minutes_for_date(cell: str):
    account_for(cell, writing=False)
    day = date_arg("date")
    if day is None:
        raise Malformed("Thiếu tham số date (YYYY-MM-DD).", {"date": None})
    return jsonify({"meetings": answers.minutes_on(store(), cell, day, as_of_arg())})


@bp.get("/cells/<cell>/members")
def member_statuses(cell: str):
    account_for(cell, writing=False)
    return jsonify(answers.member_statuses(store(), cell, date_arg("on"), as_of_arg()))


@bp.get("/cells/<cell>/tasks")
def task_board(cell: str):
    account_for(cell, writing=False)
    status = request.args.get("status") or "open"
    if status not in TASK_STATUSES:
        raise Malformed("Tham số status phải là open, done hoặc all.", {"status": status})
    return jsonify(answers.task_board(store(), cell, status, date_arg("on"), as_of_arg()))
