"""The member status page: each member on a day, their attendance and tasks, and who keeps missing meetings."""

from flask import Blueprint, render_template

from .. import answers
from ..errors import NotFound
from . import reading
from .api import account_for
from .limits import limit_api
from .params import MemberRecordQuery, MembersQuery
from .records_common import Query, local_input

bp = Blueprint("members_page", __name__)
limit_api(bp)  # the pages share the API's budget: a reader reloading one costs as an API call does


@bp.get("/cells/<cell>/members")
def members(cell: str):
    """Show every member's status on `on` (default today), as the book stands now or stood at `as_of`."""
    account_for(cell, writing=False)
    query = Query(MembersQuery)
    on, as_of = query.get("on"), query.get("as_of")
    page = {"cell": cell, "query": query, "on_input": query.raw.get("on", ""),
            "as_of_input": query.raw.get("as_of", "")}
    if not query.ok:
        return render_template("records/members.html", **page), 400
    day = on or answers.today()
    statuses = answers.member_statuses(reading(cell), cell, day, as_of)
    page.update(on_input=day.isoformat(), as_of_input=local_input(as_of))
    # Each name opens the member's record on the day and at the moment the reader chose.
    chosen = {**({"on": on.isoformat()} if on else {}), **({"as_of": as_of} if as_of else {})}
    return render_template(
        "records/members.html", **page, day=day, as_of=as_of, statuses=statuses, chosen=chosen,
        flagged=[s for s in statuses if s["removal_warning"]],
        overdue=[s for s in statuses if s["probation_overdue"]],
        open_tasks=answers.task_board(reading(cell), cell, "open", day, as_of),
    )


@bp.get("/cells/<cell>/members/<member_id>")
def member(cell: str, member_id: str):
    """Show one member's whole record on `on` (default today), as the book stands now or stood at `as_of`."""
    account_for(cell, writing=False)
    query = Query(MemberRecordQuery)
    on, as_of = query.get("on"), query.get("as_of")
    page = {"cell": cell, "member_id": member_id, "query": query, "on_input": query.raw.get("on", ""),
            "as_of_input": query.raw.get("as_of", "")}
    if not query.ok:
        return render_template("records/member.html", **page), 400
    day = on or answers.today()
    page.update(day=day, as_of=as_of, on_input=day.isoformat(), as_of_input=local_input(as_of))
    try:
        record = answers.member_record(reading(cell), cell, member_id, day, as_of)
    except NotFound as refusal:
        if on is None and as_of is None:
            raise
        # Not a member on that day, or not recorded by then: keep the picker so the reader can choose again.
        return render_template("records/member.html", **page, not_yet=refusal.message), 404
    # The months of the year that have a payment, and those over without one, in one list to read down.
    unpaid = [{"month": month, "amount": None} for month in record["dues_unpaid"]]
    return render_template("records/member.html", **page, record=record,
                           dues=sorted(record["dues"] + unpaid, key=lambda d: d["month"]))
