"""The committee's page: every cell of an đảng bộ for a month at a glance, and who needs the inspectors' eye."""

from datetime import date

from flask import Blueprint, render_template, request

from .. import committees
from ..catalogue import SLUG
from ..errors import Malformed, NotFound
from . import reading
from .auth import current_account
from .limits import limit_api

bp = Blueprint("committee_page", __name__)
limit_api(bp)  # the pages share the API's budget


def _months_around(month: str) -> tuple[str, str | None]:
    """Return the month before and the month after (None when that is still to come)."""
    year, number = int(month[:4]), int(month[5:])
    before = f"{year - (number == 1):04d}-{(number - 2) % 12 + 1:02d}"
    after = f"{year + (number == 12):04d}-{number % 12 + 1:02d}"
    return before, (after if after <= committees.this_month() else None)


@bp.get("/committees/<committee_id>")
def committee(committee_id: str):
    account = current_account()
    if not SLUG.fullmatch(committee_id):
        raise NotFound(f"Không có đảng bộ {committee_id[:80]!r}.", {"committee_id": committee_id[:80]})
    month = request.args.get("month") or committees.this_month()
    try:
        view = committees.overview(reading(), committee_id, month, account.may_read)
    except Malformed as error:
        return render_template("pages/committee.html", committee_id=committee_id, month=month,
                               error=error), 400
    lines = view["cells"]
    before, after = _months_around(view["month"])
    quarter = (int(view["month"][5:]) - 1) // 3 + 1
    return render_template(
        "pages/committee.html", committee_id=committee_id, view=view, month=view["month"],
        on=date.fromisoformat(view["on"]), before=before, after=after, quarter=quarter,
        month_first=date.fromisoformat(view["month"] + "-01"),
        missed=[c for c in lines if not c["regular_meeting_held"]],
        no_thematic=[c for c in lines if not c["thematic_this_quarter"]],
        warned=[(c, m) for c in lines for m in c["removal_warnings"]],
        probation=[(c, m) for c in lines for m in c["probation_overdue"]],
        overdue_tasks=sum(c["overdue_tasks"] for c in lines),
        broken=[c for c in lines if not c["verification"]["ok"]],
    )


