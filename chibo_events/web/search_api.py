"""Search across the minutes in the JSON API: the events a reader may read whose text holds every word asked."""

from flask import Blueprint, jsonify

from .. import answers, committees
from . import reading
from .auth import current_account
from .limits import limit_api
from .params import SearchQuery, parse

bp = Blueprint("search_api", __name__, url_prefix="/api/v1")
limit_api(bp)


@bp.get("/search")
def search():
    account = current_account()
    query = parse(SearchQuery)
    books = committees.books_to_search(reading(), account.may_read, query.get("cell"), query.get("committee"))
    return jsonify({"results": answers.search(reading(), query["q"], books)})
