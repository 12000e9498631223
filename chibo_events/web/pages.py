"""Server-rendered pages: the cells a user may see, one cell, and opening a new meeting.

The meeting page and the clerk's console are in console.py.
Every page asks the same questions as the API: `api.account_for` for who may
see what, `answers` for what the book says.
"""

import uuid
from datetime import date

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from .. import answers, clock, committees
from ..errors import ChiboError, Invalid, Unauthorized
from ..timestamps import parse_instant, vietnam_date
from ..vocabulary import meeting_id_of
from . import reading, store
from .api import account_for
from .console_forms import OCCURRED, OCCURRED_SHOWN, local_minute, opening, refusal_errors
from .limits import limit_api

bp = Blueprint("pages", __name__)
limit_api(bp)  # the pages share the API's budget: a reader reloading one costs as an API call does


def describe_cell(cell: str) -> dict:
    """Return {cell_id, name, committee, place} of a cell."""
    return answers.describe_cell(store(), cell)  # one small document; the console and roster ask it too


@bp.get("/")
def index():
    if not current_user.is_authenticated:
        raise Unauthorized("Cần đăng nhập.")
    account = current_user.account
    cells = [describe_cell(c) for c in store().book_names() if account.may_read(c)]
    # A closed cell leaves the list; it is still shown, marked, below it for whoever needs its record.
    # Inspectors and admins oversee committees: their home page leads to each committee's overview first.
    overseen = committees.committees(reading(), account.may_read) if account.role in ("admin", "inspector") else []
    return render_template("pages/index.html", cells=[c for c in cells if "closed" not in c],
                           closed_cells=[c for c in cells if "closed" in c], account=account, committees=overseen)


@bp.get("/cells/<cell>")
def cell(cell: str):
    account = account_for(cell, writing=False)
    return render_template("pages/cell.html", **_cell_page(cell, account))


@bp.post("/cells/<cell>/meetings")
def open_meeting(cell: str):
    account = account_for(cell, writing=True)
    try:
        opened, _ = store().append(cell, opening(request.form), account.username)
    except ChiboError as error:
        if not isinstance(error, Invalid) and error.status not in (409, 422):
            raise
        page = _cell_page(cell, account, values=request.form.to_dict(), errors=refusal_errors(error))
        return render_template("pages/cell.html", **page), 422
    meeting_id = meeting_id_of(opened["stream"])
    return redirect(url_for("console.meeting", cell=cell, meeting_id=meeting_id), code=303)


def _cell_page(cell: str, account, values: dict | None = None, errors: dict | None = None) -> dict:
    meetings = answers.meetings(reading(cell), cell)
    members = [m for m in answers.member_statuses(reading(cell), cell) if m["active"]]
    today = answers.today()
    described = describe_cell(cell)
    return {
        "cell": described, "cell_id": cell, "account": account,
        # A voided meeting leaves the list; it is still shown, marked, below it.
        "meetings": [m for m in reversed(meetings) if not m.get("voided")],
        "voided_meetings": [m for m in reversed(meetings) if m.get("voided")],
        "book_years": sorted({vietnam_date(parse_instant(m["opened_at"])).year for m in meetings
                              if not m.get("voided")}, reverse=True),
        "members": members,
        "member_choices": [(m["member_id"], m["full_name"]) for m in members],
        "tasks": answers.task_board(reading(cell), cell, "open"),
        "may_write": account.may_write(cell) and "closed" not in described,
        "values": values or _opening_defaults(meetings, members, today, account, cell),
        "errors": errors or {},
    }


def _opening_defaults(meetings: list[dict], members: list[dict], today: date, account=None, cell: str = "") -> dict:
    """Suggest a new meeting: today's date as its id, a title, the Bí thư as chair, the signed-in clerk's
    member as clerk (when the account is linked to one on the roll), now as its time (the biên bản's start)."""
    taken = {m["meeting_id"] for m in meetings}
    meeting_id, n = today.isoformat(), 2
    while meeting_id in taken:
        meeting_id, n = f"{today.isoformat()}-{n}", n + 1
    chair = next((m["member_id"] for m in members if m["role"] == "bi_thu"), "")
    linked = getattr(account, "member", None)
    on_roll = {m["member_id"] for m in members}
    clerk = linked.member_id if linked and linked.cell == cell and linked.member_id in on_roll else ""
    now = local_minute(clock.now())
    return {
        "meeting_id": meeting_id, "kind": "regular",
        "title": f"Sinh hoạt chi bộ thường kỳ tháng {today.month} năm {today.year}",
        "chair": chair, "clerk": clerk, "event_id": str(uuid.uuid4()), OCCURRED: now, OCCURRED_SHOWN: now,
    }
