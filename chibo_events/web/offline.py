"""The console's service worker, served from the site's root so that its scope covers every page.

A service worker's scope is the folder it is served from: from /static/ it could not answer for
/cells/…/meetings/…. Its version is a digest of the static files, so a release with new files makes
browsers drop the old copies.
"""

import hashlib
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, current_app

bp = Blueprint("offline", __name__)


@cache
def _worker(static_folder: str) -> str:
    folder = Path(static_folder)
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return (folder / "js" / "sw.js").read_text(encoding="utf-8").replace("{{VERSION}}", digest.hexdigest()[:16])


@bp.get("/sw.js")
def service_worker():
    response = Response(_worker(current_app.static_folder), mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/"
    response.headers["Cache-Control"] = "no-cache"  # browsers check for a new worker on every visit
    return response
