"""The read side of the JSON API: meetings, minutes (JSON and Word), members, tasks.

Every view parses its parameters with a schema of params.py, asks
chibo_events.answers, and responds.
"""

from flask import Blueprint, Response, jsonify

from .. import answers
from . import reading
from .api import account_for
from .limits import limit_api
from .params import (
    AsOfQuery,
    CalendarQuery,
    MemberRecordQuery,
    MembersQuery,
    MinutesDocumentQuery,
    MinutesQuery,
    TasksQuery,
    parse,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

bp = Blueprint("read_api", __name__, url_prefix="/api/v1")
limit_api(bp)


def _minutes(cell: str, meeting_id: str) -> dict:
    as_of = parse(AsOfQuery).get("as_of")
    return answers.meeting_minutes(reading(cell), cell, meeting_id, as_of)


@bp.get("/cells/<cell>/meetings")
def list_meetings(cell: str):
    account_for(cell, writing=False)
    return jsonify(answers.meetings(reading(cell), cell, parse(AsOfQuery).get("as_of")))


@bp.get("/cells/<cell>/meetings/<meeting_id>/minutes")
def meeting_minutes(cell: str, meeting_id: str):
    account_for(cell, writing=False)
    return jsonify(_minutes(cell, meeting_id))


@bp.get("/cells/<cell>/minutes-book.docx")
def minutes_book_docx(cell: str):
    from ..documents.minutes_book_docx import minutes_book_docx as book_docx

    account_for(cell, writing=False)
    year = parse(CalendarQuery).get("year") or answers.today().year
    listed = answers.minutes_book(reading(cell), cell, year)
    filename = f"so-bien-ban-{cell}-{year}.docx"
    return Response(book_docx(answers.describe_cell(reading(cell), cell), year, listed, answers.today()), mimetype=DOCX,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/cells/<cell>/meetings/<meeting_id>/minutes.docx")
def meeting_minutes_docx(cell: str, meeting_id: str):
    from ..documents.minutes_docx import minutes_docx

    account_for(cell, writing=False)
    query = parse(MinutesDocumentQuery)
    minutes = answers.meeting_minutes(reading(cell), cell, meeting_id, query.get("as_of"))
    if query["numbered"]:
        minutes["number_in_year"] = answers.number_in_year(reading(cell), cell, meeting_id, query.get("as_of"))
    filename = f"bien-ban-{cell}-{meeting_id}.docx"
    return Response(minutes_docx(minutes), mimetype=DOCX,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/cells/<cell>/minutes")
def minutes_for_date(cell: str):
    account_for(cell, writing=False)
    query = parse(MinutesQuery)
    return jsonify({"meetings": answers.minutes_on(reading(cell), cell, query["date"], query.get("as_of"))})


@bp.get("/cells/<cell>/members")
def member_statuses(cell: str):
    account_for(cell, writing=False)
    query = parse(MembersQuery)
    return jsonify(answers.member_statuses(reading(cell), cell, query.get("on"), query.get("as_of")))


@bp.get("/cells/<cell>/members/<member_id>")
def member_record(cell: str, member_id: str):
    account_for(cell, writing=False)
    query = parse(MemberRecordQuery)
    return jsonify(answers.member_record(reading(cell), cell, member_id, query.get("on"), query.get("as_of")))


@bp.get("/cells/<cell>/tasks")
def task_board(cell: str):
    account_for(cell, writing=False)
    query = parse(TasksQuery)
    return jsonify(answers.task_board(reading(cell), cell, query["status"], query.get("on"), query.get("as_of")))


@bp.get("/cells/<cell>/calendar")
def meeting_calendar(cell: str):
    account_for(cell, writing=False)
    return jsonify(answers.calendar(reading(cell), cell, parse(CalendarQuery).get("year")))
