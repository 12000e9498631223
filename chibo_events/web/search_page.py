"""The search page: a question across the minutes the reader may read, each answer linked to its place."""

from flask import Blueprint, render_template

from .. import answers, committees
from . import reading
from .auth import current_account
from .limits import limit_api
from .params import SearchQuery
from .records_common import Query

bp = Blueprint("search_page", __name__)
limit_api(bp)


@bp.get("/search")
def search():
    account = current_account()
    query = Query(SearchQuery)
    page = {"query": query, "q": query.raw.get("q", ""), "cell": query.raw.get("cell", ""),
            "committee": query.raw.get("committee", ""),
            "committees": committees.committees(reading(), account.may_read)}
    if not query.raw.get("q"):
        return render_template("pages/search.html", **page)
    if not query.ok:
        return render_template("pages/search.html", **page), 400
    books = committees.books_to_search(reading(), account.may_read, query.get("cell"), query.get("committee"))
    names = {book: answers.describe_cell(reading(), book)["name"] or book for book in books}
    results = answers.search(reading(), query.get("q"), books)
    return render_template("pages/search.html", **page, results=results, names=names)
