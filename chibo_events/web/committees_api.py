"""The committees in the JSON API: which committees a reader sees, and a committee's overview of a month."""

from flask import Blueprint, jsonify

from .. import committees
from ..catalogue import SLUG
from ..errors import NotFound
from . import reading
from .auth import current_account
from .limits import limit_api
from .params import OverviewQuery, parse

bp = Blueprint("committees_api", __name__, url_prefix="/api/v1")
limit_api(bp)


@bp.get("/committees")
def list_committees():
    account = current_account()
    return jsonify(committees.committees(reading(), account.may_read))


@bp.get("/committees/<committee_id>/overview")
def overview(committee_id: str):
    account = current_account()
    if not SLUG.fullmatch(committee_id):  # not looked up: PostgreSQL refuses NUL in text
        raise NotFound(f"Không có đảng bộ {committee_id[:80]!r}.", {"committee_id": committee_id[:80]})
    month = parse(OverviewQuery).get("month")
    return jsonify(committees.overview(reading(), committee_id, month, account.may_read))
