"""The roster page: the cell's members as they stand, and the clerk's forms that change them (contract §3b).

For the cell's clerk and the admins only. Views stay thin: parse the form
(roster_forms) → store().append_batch → redirect to the page with a notice,
or the page again with the refusal beside its field (422). A plain post, not
htmx: every entry changes the roster shown above the forms.
"""

import uuid

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for

from .. import answers
from ..errors import ChiboError, Forbidden, Invalid
from ..vocabulary import CELL_STREAM
from . import store
from .api import account_for
from .console import task_words
from .console_forms import line_refusal, stored_notice
from .limits import limit_api
from .pages import describe_cell
from .roster_forms import DECIDED, ROSTER_FORMS, member_choices, refused, submission

bp = Blueprint("roster_page", __name__)
limit_api(bp)  # the pages share the API's budget: a reader reloading one costs as an API call does

STORED = "stored"  # the flash category of the notice an entry leaves


def _clerk_of(cell: str):
    """Return the account asking if it may change the cell's roster: the cell's clerk or an admin."""
    account = account_for(cell, writing=False)
    if not account.may_write(cell):
        raise Forbidden(f"Chỉ thư ký của chi bộ và quản trị viên được ghi danh sách đảng viên của chi bộ {cell!r}.")
    return account


@bp.get("/cells/<cell>/roster")
def roster(cell: str):
    account = _clerk_of(cell)
    return render_template("roster/roster.html", **_roster_page(cell, account))


@bp.post("/cells/<cell>/roster/forms/<form>")
def record(cell: str, form: str):
    account = _clerk_of(cell)
    if form not in ROSTER_FORMS:
        abort(404)
    asked: list = []
    try:
        taken = _ids_taken(cell, request.form.get("event_id")) if form == "join" else ()
        asked = submission(form, request.form, answers.today(), taken)
        # A form is one batch: the dues of many members are all stored or none.
        stored = store().append_batch(cell, asked, account.username)
    except ChiboError as error:
        if not isinstance(error, Invalid) and error.status not in (409, 422):
            raise
        values = {**request.form.to_dict(), "paid": request.form.getlist("paid")}
        page = _roster_page(cell, account)
        page["filled"] = {form: refused(form, line_refusal(error, asked), values, page["names"])}
        return render_template("roster/roster.html", **page, form=form), 422
    flash(f"{ROSTER_FORMS[form].title}. {stored_notice(stored)}", STORED)
    return redirect(url_for("roster_page.roster", cell=cell, _anchor="danh-sach"), code=303)


def _ids_taken(cell: str, event_id: str | None) -> set[str]:
    """Return every member id the book has given, less the one this very form gave if it is sent again.

    A repeat then makes the same id, so the store answers it as a repeat instead of a second member "-2".
    """
    try:
        repeat = str(uuid.UUID(event_id or ""))
    except ValueError:
        repeat = None
    taken = set()
    for envelope in store().events(cell, stream=CELL_STREAM, type="MemberJoined"):
        if envelope["event_id"] != repeat:
            taken.add(envelope["data"]["member_id"])
    return taken


def _roster_page(cell: str, account) -> dict:
    """Return what the roster page shows: the members on the roll today and each form's pickers."""
    today = answers.today()
    statuses = answers.member_statuses(store(), cell, today)
    on_roll = [s for s in statuses if s["active"]]
    described = describe_cell(cell)
    return {
        "cell": described, "cell_id": cell, "account": account, "members": on_roll,
        "may_write": "closed" not in described, "forms": ROSTER_FORMS, "decided": DECIDED,
        "member_choices": member_choices(on_roll), "filled": {}, "new_id": lambda: str(uuid.uuid4()),
        "names": {s["member_id"]: s["full_name"] for s in statuses},
        "today": today.isoformat(), "this_month": today.strftime("%Y-%m"), "this_year": today.year,
        "meeting_choices": [(m["meeting_id"], m["title"]) for m in reversed(answers.meetings(store(), cell))
                            if not m.get("voided")],
        "task_choices": [(t["task_id"], task_words(t)) for t in answers.task_board(store(), cell, "open")],
        "paid_this_month": {s["member_id"] for s in on_roll
                            if any(d["month"] == today.strftime("%Y-%m") for d in s["dues"])},
        # The import page is another module's; the link to it waits until it is registered.
        "view_functions": current_app.view_functions,
    }
