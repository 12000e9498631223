"""The committee overview beside the per-cell pages, through the app (Flask's test client) on the bench's books.

An inspector asks for a committee's overview of the last generated month: once with nothing kept (every line of
its cells made: their answers folded and their books checked), then over and over across every committee, after
an append to one cell (that cell's line made again), beside the same number of one cell's member status and task
board, the per-cell answers the overview's lines are made of.
"""

import random
import shutil
import time
import uuid
from pathlib import Path

from werkzeug.security import generate_password_hash

from chibo_events import create_app
from chibo_events.catalogue import check_request

from .append import summary
from .generate import FIRST_YEAR, YEARS
from .progress import Progress

MONTH_END = f"{FIRST_YEAR + YEARS - 1}-12-31"
MONTH = MONTH_END[:7]


def _timed(client, path: str, headers: dict) -> float:
    started = time.perf_counter()
    response = client.get(path, headers=headers)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (path, response.status_code, response.get_data(as_text=True)[:300])
    return elapsed


def run(url: str, key_file: Path, folder: Path, samples: int) -> dict:
    instance = folder / "committees-instance"
    instance.mkdir(exist_ok=True)
    shutil.copy(key_file, instance / "signing_key.pem")
    app = create_app({"INSTANCE_PATH": str(instance), "DATABASE_URL": url, "SECRET_KEY": "bench",
                      "RATELIMIT_ENABLED": False})
    store, client = app.extensions["chibo_store"], app.test_client()
    name = f"bench-inspector-{uuid.uuid4().hex[:6]}"
    store.accounts.add(name, generate_password_hash("password"), "inspector")
    headers = {"Authorization": f"Bearer {store.accounts.issue_token(name)}"}
    committees = client.get("/api/v1/committees", headers=headers).json
    rng = random.Random(160)

    def overview(committee: dict) -> str:
        return f"/api/v1/committees/{committee['committee_id']}/overview?month={MONTH}"

    cold = _timed(client, overview(committees[0]), headers)
    progress = Progress("committee overviews, every committee once")
    for committee in committees[1:]:
        _timed(client, overview(committee), headers)
        progress.add(1)
    warm = [_timed(client, overview(rng.choice(committees)), headers) for _ in range(samples)]

    cell = committees[0]["cells"][0]
    newcomer = f"bench-moi-{uuid.uuid4().hex[:6]}"
    store.append(cell, check_request({"stream": "cell", "type": "MemberJoined", "data": {
        "member_id": newcomer, "full_name": "Người Mới Vào", "kind": "probationary", "joined_on": MONTH_END,
        "how": "admitted"}, "occurred_at": f"{MONTH_END}T08:00:00+07:00"}), "admin")
    after_append = _timed(client, overview(committees[0]), headers)

    cells = [c for committee in committees for c in committee["cells"]]
    members = [_timed(client, f"/api/v1/cells/{rng.choice(cells)}/members?on={MONTH_END}", headers)
               for _ in range(samples)]
    tasks = [_timed(client, f"/api/v1/cells/{rng.choice(cells)}/tasks?on={MONTH_END}", headers)
             for _ in range(samples)]
    store.engine.dispose()
    return {"committees": len(committees), "cells": len(cells), "cold_ms": cold * 1000,
            "after_append_ms": after_append * 1000, "warm": summary(warm), "members": summary(members),
            "tasks": summary(tasks)}
