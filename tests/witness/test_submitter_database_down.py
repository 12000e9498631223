"""`chibo witness submit --forever` outlives a database that goes away (a failover): it says so and tries again.

Run as the process it is in production, against a PostgreSQL URL whose port nobody listens on.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chibo_events.witness.cosignature import Cosigner

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
NOBODY = "postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2"
NAME = "ubkt.ky-tho.vn/witness"


def submitter(tmp_path, *options: str) -> subprocess.Popen:
    listed = tmp_path / "witnesses"
    listed.write_text(f"{NAME} {Cosigner(Ed25519PrivateKey.generate(), NAME).verifier} http://127.0.0.1:1/\n", "utf-8")
    env = {**os.environ, "CHIBO_DATABASE_URL": NOBODY, "CHIBO_INSTANCE_PATH": str(tmp_path / "instance"),
           "CHIBO_WITNESSES": str(listed)}
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "chibo", "witness", "submit", *options],
                            cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)


def test_the_forever_submitter_waits_for_the_database_instead_of_dying(tmp_path):
    process = submitter(tmp_path, "--forever", "--every", "0.2")
    try:
        time.sleep(3)
        assert process.poll() is None, process.stderr.read()
    finally:
        process.send_signal(signal.SIGTERM)
        _, said = process.communicate(timeout=10)
    assert said.count("Cơ sở dữ liệu không trả lời; thử lại sau 0.2 giây") >= 2, said
    assert "Traceback" not in said


def test_one_round_says_the_database_did_not_answer_and_fails(tmp_path):
    process = submitter(tmp_path)
    _, said = process.communicate(timeout=30)
    assert process.returncode == 1
    assert "Cơ sở dữ liệu không trả lời" in said and "Traceback" not in said
