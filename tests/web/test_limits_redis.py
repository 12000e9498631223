"""With CHIBO_RATELIMIT_STORAGE=redis://…, every worker counts against one budget (the machine's real Redis).

Two processes stand for two gunicorn workers: the second finds the first's requests already counted.
With the default memory:// storage each would have had a budget of its own.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("CHIBO_TEST_REDIS_URL")
pytestmark = pytest.mark.skipif(not REDIS, reason="CHIBO_TEST_REDIS_URL is not set (CI sets it to the Redis it starts)")

WORKER = """
import sys
from werkzeug.security import generate_password_hash
from chibo_events import create_app

database, instance, prefix, token = sys.argv[1:5]
app = create_app({"TESTING": True, "INSTANCE_PATH": instance, "DATABASE_URL": database, "SECRET_KEY": "t",
                  "CHIBO_API_RATE_LIMIT": "3 per minute", "RATELIMIT_KEY_PREFIX": prefix})
store = app.extensions["chibo_store"]
if token == "-":
    store.init_schema()
    store.register_book("th-ky-tho", {"name": "Chi bộ", "committee": "Đảng bộ"}, "admin")
    store.accounts.add("thanhtra", generate_password_hash("mat-khau-dai-1"), "inspector")
    print(store.accounts.issue_token("thanhtra"))
else:
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    print(" ".join(str(client.get("/api/v1/cells/th-ky-tho/meetings", headers=headers).status_code)
                   for _ in range(2)))
"""


def worker(tmp_path, storage: str, prefix: str, token: str = "-") -> str:
    env = {**os.environ, "CHIBO_RATELIMIT_STORAGE": storage, "PYTHONPATH": str(ROOT)}
    database = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    done = subprocess.run([sys.executable, "-c", WORKER, database, str(tmp_path / "instance"), prefix, token],
                          env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_two_workers_on_redis_share_one_budget(tmp_path):
    prefix = f"chibo-test-{uuid.uuid4().hex}"
    token = worker(tmp_path, REDIS, prefix)
    assert worker(tmp_path, REDIS, prefix, token) == "200 200"
    assert worker(tmp_path, REDIS, prefix, token) == "200 429"


def test_two_workers_in_memory_each_count_alone(tmp_path):
    """What the shared storage fixes: without it, every worker grants the whole budget again."""
    prefix = f"chibo-test-{uuid.uuid4().hex}"
    token = worker(tmp_path, "memory://", prefix)
    assert worker(tmp_path, "memory://", prefix, token) == "200 200"
    assert worker(tmp_path, "memory://", prefix, token) == "200 200"
