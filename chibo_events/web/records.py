"""Read pages of a cell's book: the biên bản, member status and the inspector's audit trail."""

from flask import Blueprint

bp = Blueprint("records", __name__)
