"""The meeting page as it happens, and the clerk's console that records it.

Views stay thin: parse the form (console_forms) → store().append → answer
with the form again (htmx) or a redirect (a browser without scripts).
Watchers poll `meeting_live` with the last seq they have; it answers 204
until the meeting's stream grows, so a poll costs one indexed read.
"""

import uuid

from flask import Blueprint, abort, make_response, redirect, render_template, request, url_for

from .. import answers, clock
from ..errors import ChiboError, Invalid
from ..party_rules import PRESENT_FOR_A_VOTE
from ..timestamps import parse_instant, vietnam_date
from ..upcasting import upcast
from ..vocabulary import meeting_stream
from . import store
from .api import account_for
from .console_forms import (
    CORRECTABLE,
    FORM_OF_TYPE,
    FORMS,
    form_values,
    line_refusal,
    local_minute,
    refused_form,
    stored_notice,
    submission,
)
from .limits import limit_api
from .params import CorrectionQuery, LiveQuery, MeetingPageQuery, parse

bp = Blueprint("console", __name__)
limit_api(bp)  # the pages share the API's budget: a reader reloading one costs as an API call does

AFTER_CLOSING = ("task-report", "retract")
APART = ("void",)  # at the bottom of the console, marked as dangerous
REFRESHING = ("close", "void")  # after these the console changes: the whole page is loaded again


def _htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


@bp.get("/cells/<cell>/meetings/<meeting_id>")
def meeting(cell: str, meeting_id: str):
    account = account_for(cell, writing=False)
    correcting = parse(MeetingPageQuery).get("correct")
    return render_template("console/meeting.html", **_meeting_page(cell, meeting_id, account, correcting=correcting))


@bp.get("/cells/<cell>/meetings/<meeting_id>/live")
def meeting_live(cell: str, meeting_id: str):
    account_for(cell, writing=False)
    after_seq = parse(LiveQuery)["after_seq"]
    answers.need_meeting_id(cell, meeting_id)  # before the stream filter below
    if not store().page(cell, after_seq=after_seq, stream=meeting_stream(meeting_id), limit=1):
        return "", 204
    minutes = answers.meeting_minutes(store(), cell, meeting_id)
    return render_template("console/live.html", cell_id=cell, minutes=minutes)


@bp.get("/cells/<cell>/meetings/<meeting_id>/correction")
def correction_form(cell: str, meeting_id: str):
    account = account_for(cell, writing=True)
    seq = parse(CorrectionQuery).get("seq")
    if not _htmx():
        return redirect(url_for("console.meeting", cell=cell, meeting_id=meeting_id, correct=seq, _anchor="dinh-chinh"))
    page = _meeting_page(cell, meeting_id, account, correcting=seq)
    return render_template("console/correction.html", **page)


@bp.post("/cells/<cell>/meetings/<meeting_id>/console/<form>")
def record(cell: str, meeting_id: str, form: str):
    account = account_for(cell, writing=True)
    if form not in FORMS:
        abort(404)
    minutes = answers.meeting_minutes(store(), cell, meeting_id)
    correcting = request.form.get("correct_seq", type=int) if form != "retract" else None
    if request.form.get("reused"):
        correcting = None  # a form's own entry corrected after a lost answer: the answer is that form again
    asked: list = []
    try:
        asked = submission(form, request.form, meeting_stream(meeting_id), current_attendance(minutes))
        # The whole form is one batch: the roster's lines are all stored or none.
        stored = store().append_batch(cell, asked, account.username) if asked else []
    except ChiboError as error:
        if not isinstance(error, Invalid) and error.status not in (409, 422):
            raise
        return _refused(cell, meeting_id, account, form, line_refusal(error, asked), correcting)
    if not _htmx():
        return redirect(url_for("console.meeting", cell=cell, meeting_id=meeting_id, _anchor="ghi"), code=303)
    page = _meeting_page(cell, meeting_id, account)
    response = make_response(render_template(
        "console/stored.html", **page, form=form, correcting=correcting, notice=stored_notice(stored)))
    # The page's outbox (static/js/outbox.js) tells a stored entry from a refused one by these headers.
    response.headers["X-Chibo-Stored"] = ", ".join(str(envelope["seq"]) for envelope, _ in stored)
    if form in REFRESHING:
        response.headers["HX-Refresh"] = "true"  # the console changes: only amendments are left, or nothing
    return response


def _refused(cell, meeting_id, account, form, error: ChiboError, correcting):
    values = request.form.to_dict()
    values["assignees"] = request.form.getlist("assignees")
    filled = {form: refused_form(error, values, correcting=correcting is not None)}
    page = _meeting_page(cell, meeting_id, account, filled=filled, correcting=correcting)
    if not _htmx():
        return render_template("console/meeting.html", **page, form=form), 422
    template = "console/correction.html" if correcting is not None else "console/form.html"
    # 200, not 422: the refusal is the form itself, and Chromium logs every 4xx as a console error.
    return render_template(template, **page, form=form), 200, {"X-Chibo-Refused": "1"}


def current_attendance(minutes: dict) -> dict[str, dict]:
    """Return each member's attendance as last recorded in the meeting, as event data."""
    found = {}
    attendance = minutes["attendance"]
    for member in attendance["present_members"]:
        found[member["member_id"]] = {"member_id": member["member_id"], "status": member["status"]}
    for status in ("absent_excused", "absent_unexcused"):
        for member in attendance[status]:
            reason = {"reason": member["reason"]} if member.get("reason") else {}
            found[member["member_id"]] = {"member_id": member["member_id"], "status": status, **reason}
    return found


def _meeting_page(cell: str, meeting_id: str, account, filled: dict | None = None,
                  correcting: int | None = None) -> dict:
    """Return what the meeting page shows: the minutes so far and, for a clerk, the console's pickers."""
    minutes = answers.meeting_minutes(store(), cell, meeting_id)
    page = {"cell_id": cell, "meeting_id": meeting_id, "minutes": minutes, "account": account,
            "may_write": account.may_write(cell), "filled": filled or {}, "new_id": lambda: str(uuid.uuid4()),
            "apart": APART}
    if not page["may_write"] or minutes["voided"]:
        return page  # a voided meeting takes nothing more from the console: it says it is void
    opened_day = vietnam_date(parse_instant(minutes["opened_at"]))
    roster = [m for m in answers.member_statuses(store(), cell, on=opened_day) if m["active"]]
    closed = minutes["closed_at"] is not None
    attendance = current_attendance(minutes)
    voters = voters_now(roster, attendance)
    page.update(
        roster=roster,
        member_choices=[(m["member_id"], m["full_name"]) for m in roster],
        agenda_choices=[(i, f"{i}. {item}") for i, item in enumerate(minutes["agenda"], 1)],
        current_item=current_item(minutes),
        task_choices=[(t["task_id"], task_words(t)) for t in answers.task_board(store(), cell, "open")],
        target_choices=[(p["seq"], f"Số {p['seq']}: {_short(p['text'])}") for p in minutes["proceedings"]
                        if p["type"] != "MeetingOpened"],
        attendance=attendance,
        closed=closed,
        now_local=local_minute(clock.now()),  # every form's time ("lúc"), now unless the clerk changes it
        voters_now=voters,
        vote_defaults={"votes_for": voters, "votes_against": 0, "votes_abstain": 0},
        forms=[name for name in FORMS if name not in APART and (not closed or name in AFTER_CLOSING)],
        # Minutes approved by more than half of the base are settled: voiding them is refused (rules.py).
        sealed=bool(minutes["minutes_approved"] and minutes["minutes_approved"].get("passed")),
        correctable=[p for p in minutes["proceedings"] if p["type"] in CORRECTABLE],
        next_task_id=_next_task_id(meeting_id, minutes),
        correction=_correction(cell, minutes, correcting, filled),
    )
    return page


def current_item(minutes: dict) -> int | None:
    """Return the agenda item under discussion: the one the latest entry with an item named, while on the agenda."""
    named = [p["agenda_item"] for p in minutes["proceedings"] if p.get("agenda_item") is not None]
    return named[-1] if named and named[-1] <= len(minutes["agenda"]) else None


def voters_now(roster: list[dict], attendance: dict[str, dict]) -> int:
    """Return how many may vote now: the official members on the roll whose attendance says present or late."""
    return sum(1 for m in roster if m["kind"] == "official" and not m.get("suspended")
               and attendance.get(m["member_id"], {}).get("status") in PRESENT_FOR_A_VOTE)


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def task_words(task: dict) -> str:
    """Return a task as a picker names it: what, and who."""
    who = ", ".join(a["full_name"] or a["member_id"] for a in task["assignees"])
    return f"{_short(task['description'], 70)} — {who}"


def _next_task_id(meeting_id: str, minutes: dict) -> str:
    taken = {t["task_id"] for t in minutes["tasks_assigned"]}
    n = len(taken) + 1
    while f"{meeting_id}-nv{n}" in taken:
        n += 1
    return f"{meeting_id}-nv{n}"


def _correction(cell: str, minutes: dict, seq: int | None, filled: dict | None) -> dict | None:
    """Return the form to correct event `seq`, filled with its current data (or what was just posted)."""
    if seq is None:
        return None
    fact = next((p for p in minutes["proceedings"] if p["seq"] == seq), None)
    if fact is None or fact["type"] not in CORRECTABLE:
        return {"seq": seq, "missing": True}
    form = FORM_OF_TYPE[fact["type"]]
    if filled and form in filled:
        return {"seq": seq, "form": form, "text": fact["text"], **filled[form]}
    data = _stored_data(cell, minutes["meeting_id"], seq)
    return {"seq": seq, "form": form, "text": fact["text"], "values": form_values(fact["type"], data), "errors": {}}


def _stored_data(cell: str, meeting_id: str, seq: int) -> dict:
    """Return the data of event `seq` with its corrections applied, as the store has it."""
    latest = store().page(cell, after_seq=seq - 1, limit=1)
    data = upcast(latest[0])["data"] if latest and latest[0]["seq"] == seq else {}
    stream = meeting_stream(meeting_id)
    for amendment in store().page(cell, after_seq=seq, stream=stream, type="EventCorrected", limit=1000):
        if amendment["data"]["target_seq"] == seq:
            data = amendment["data"]["data"]
    return data
