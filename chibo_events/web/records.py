"""Read pages of a cell's book: the biên bản, member status and the inspector's audit trail.

This module is the blueprint's routing table; each page lives in its own
module (minutes_page, members_page, audit_page), which knows nothing of the
blueprint, so no module imports another in a circle.
"""

from flask import Blueprint
from flask_login import login_required

from . import audit_page, members_page, minutes_page

bp = Blueprint("records", __name__)

ROUTES = (
    ("/cells/<cell>/meetings/<meeting_id>/minutes", "minutes", minutes_page.minutes),
    ("/cells/<cell>/members", "members", members_page.members),
    ("/cells/<cell>/audit", "audit", audit_page.audit),
)

for rule, endpoint, view in ROUTES:
    bp.add_url_rule(rule, endpoint, login_required(view), methods=["GET"])
