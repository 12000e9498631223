"""A witness in its own process (`python -m chibo_events witness serve`) and a log that submits to it, both engines.

The log is the test book (10 events, a signed checkpoint each). The witness has its own database and key, and
trusts the log's key. Appends go on while the witness is down; it catches up when it returns; a rollback or a
fork of the log's database is refused by the witness and reported by check_witnessed (what `verify
--witness-key` prints), and a witness restarted keeps refusing.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import text

from chibo_events import checkpoints
from chibo_events.catalogue import check_request
from chibo_events.witness.cosignature import CosignatureVerifier
from chibo_events.witnessing import Witness, check_witnessed, submit_round
from tests.books import CELL, MEETING, event
from tests.engines import fresh_database
from tests.integrity.tamper import drop_guards, truncate

ROOT = Path(__file__).resolve().parents[2]
NAME = "ubkt.ky-tho.vn/witness"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WitnessProcess:
    """`chibo witness serve` on a port of its own, with its own folder (its key) and database."""

    def __init__(self, folder: Path, database_url: str):
        self.port = _free_port()
        self.env = {**os.environ, "CHIBO_INSTANCE_PATH": str(folder), "CHIBO_WITNESS_DATABASE_URL": database_url,
                    "CHIBO_WITNESS_NAME": NAME, "CHIBO_DATABASE_URL": f"sqlite:///{folder / 'unused.sqlite3'}"}
        self.process = None

    def command(self, *words: str) -> str:
        done = subprocess.run([sys.executable, "-m", "chibo_events", "witness", *words], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=60, check=True)
        return done.stdout.strip()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "chibo_events", "witness", "serve", "--port", str(self.port)], cwd=ROOT,
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.url + "/", timeout=1).read()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the witness did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@pytest.fixture
def witness_db(database_url, tmp_path):
    engine = "postgresql" if database_url.startswith("postgresql") else "sqlite"
    with fresh_database(engine, tmp_path, "witness") as url:
        yield url


@pytest.fixture
def witness(tmp_path, witness_db, signed):
    running = WitnessProcess(tmp_path / "witness", witness_db)
    (tmp_path / "witness").mkdir()
    running.command("trust", str(signed.integrity.verifier_of(CELL)))
    running.start()
    yield running
    running.stop()


@pytest.fixture
def listed(witness):
    return [Witness(NAME, CosignatureVerifier.from_string(witness.command("public-key")), witness.url)]


def speech(summary: str) -> dict:
    return event(MEETING, "SpeechGiven", {"speaker": {"member_id": "duong-thi-le"}, "kind": "opinion",
                                          "summary": summary}, occurred_at="2021-04-07T15:00:00+07:00")


def test_the_witness_cosigns_the_books_checkpoint_and_the_log_keeps_it(signed, witness, listed):
    assert submit_round(signed, listed) == {(CELL, NAME): "cosigned 10"}

    [line] = signed.witnessed.lines(CELL, 10)
    note = signed.integrity.checkpoint(CELL)
    assert listed[0].key.cosigned(note + line).checkpoint.size == 10
    assert submit_round(signed, listed) == {(CELL, NAME): "up to date"}
    assert check_witnessed(signed, CELL, listed[0].key, witness.url) == (10, [])


def test_appends_go_on_while_the_witness_is_down_and_it_catches_up_when_it_returns(signed, witness, listed):
    submit_round(signed, listed)
    witness.stop()
    for summary in ("một", "hai"):
        signed.append(CELL, check_request(speech(summary)), "thuky")  # no witness in the append's way
    assert submit_round(signed, listed)[(CELL, NAME)].startswith("unreachable")

    witness.start()

    assert submit_round(signed, listed) == {(CELL, NAME): "cosigned 12"}
    assert check_witnessed(signed, CELL, listed[0].key, witness.url) == (12, [])


def test_a_restored_older_copy_of_the_logs_database_is_refused_and_reported_as_a_rollback(signed, witness, listed):
    for summary in ("một", "hai"):
        signed.append(CELL, check_request(speech(summary)), "thuky")
    submit_round(signed, listed)  # the witness holds 12
    drop_guards(signed.engine)
    truncate(signed.engine, 8, checkpoints_too=True)  # back to an older copy, its checkpoints with it
    with signed.engine.begin() as conn:
        conn.execute(text("DELETE FROM cosignatures WHERE size > 8"))  # the copy knew no later cosignature

    assert submit_round(signed, listed) == {(CELL, NAME): "refused 409 (holds 12)"}
    size, alarms = check_witnessed(signed, CELL, listed[0].key, witness.url)
    assert size == 12 and [a.kind for a in alarms] == ["rollback"]
    assert "đã đồng ký 12 bản ghi, sổ hiện chỉ có 8" in alarms[0].message

    witness.stop()
    witness.start()  # restarted, it still holds 12 and refuses the smaller tree
    assert submit_round(signed, listed) == {(CELL, NAME): "refused 409 (holds 12)"}


def test_a_forked_book_is_refused_and_reported_as_a_fork(signed, witness, listed):
    submit_round(signed, listed)  # the witness holds 10
    drop_guards(signed.engine)
    truncate(signed.engine, 8, checkpoints_too=True)
    for summary in ("khác một", "khác hai", "khác ba"):
        signed.append(CELL, check_request(speech(summary)), "thuky")  # 11 events, a tree not extending 10

    assert submit_round(signed, listed) == {(CELL, NAME): "refused 422"}
    size, alarms = check_witnessed(signed, CELL, listed[0].key, witness.url)
    assert size == 10 and [a.kind for a in alarms] == ["fork"]
    stored = check_witnessed(signed, CELL, listed[0].key)  # from the cosignature the log kept, without asking
    assert [a.kind for a in stored[1]] == ["fork"]


def test_a_witness_that_trusts_another_key_refuses(signed, tmp_path, witness_db):
    other = WitnessProcess(tmp_path / "other", witness_db)
    (tmp_path / "other").mkdir()
    other.command("trust", str(checkpoints.load_signer(checkpoints.new_private_key()).verifier))  # not the log's
    other.start()
    try:
        listed = [Witness(NAME, CosignatureVerifier.from_string(other.command("public-key")), other.url)]
        assert submit_round(signed, listed) == {(CELL, NAME): "refused 403"}
        assert signed.witnessed.lines(CELL, 10) == []
    finally:
        other.stop()
