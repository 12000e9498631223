"""The member status page: each member on a day, their attendance and tasks, and who keeps missing meetings."""

from flask import Blueprint, render_template

from .. import answers
from . import store
from .api import account_for
from .limits import limit_api
from .params import MembersQuery
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
    statuses = answers.member_statuses(store(), cell, day, as_of)
    page.update(on_input=day.isoformat(), as_of_input=local_input(as_of))
    return render_template(
        "records/members.html", **page, day=day, as_of=as_of, statuses=statuses,
        flagged=[s for s in statuses if s["removal_warning"]],
        overdue=[s for s in statuses if s["probation_overdue"]],
        open_tasks=answers.task_board(store(), cell, "open", day, as_of),
    )
