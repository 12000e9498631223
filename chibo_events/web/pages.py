"""Server-rendered pages. For now the front page; the clerk's console and the rest come next."""

from flask import Blueprint, render_template

from . import store

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    return render_template("pages/index.html", cells=store().book_names())
