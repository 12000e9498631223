"""`python -m chibo_events.verify`: an exported bundle checked with nothing but Python and cryptography."""

import base64
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from chibo_events import checkpoints, integrity, verify
from tests.unit.bundles import BOOK, envelopes, notes, write

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def good(tmp_path, signer):
    events = envelopes(12)
    return write(tmp_path / "good.jsonl", signer, events, notes(signer, events))


def run(*args) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-m", "chibo_events.verify", *map(str, args)],
                            cwd=ROOT, capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


def test_a_good_bundle_verifies_offline_without_flask_or_sqlalchemy(good, signer, tmp_path):
    """Run where Flask and SQLAlchemy cannot even be imported, and show no import of them was tried."""
    blocked = tmp_path / "blocked"
    for name in ("flask", "sqlalchemy", "werkzeug", "psycopg"):
        (blocked / name).mkdir(parents=True)
        (blocked / name / "__init__.py").write_text(f"raise ImportError('{name} is not on this machine')\n")
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "chibo_events.verify", str(good), "--key", str(signer.verifier)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": f"{blocked}{os.pathsep}{ROOT}"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"{BOOK}: nguyên vẹn — 12 sự kiện" in result.stdout
    imported = {line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()
                if line.startswith("import time:")}
    assert "chibo_events" in imported and "cryptography" in imported  # the log is real
    assert not imported & {"flask", "sqlalchemy", "werkzeug", "psycopg"}


def test_a_bundle_with_an_edited_event_fails_naming_its_seq(good, signer):
    good.write_text(good.read_text(encoding="utf-8").replace("dang-vien-5", "dang-vien-X"), encoding="utf-8")
    code, output = run(good, "--key", signer.verifier)
    assert code == 1 and "sai đầu tiên: seq 5" in output and "[edited]" in output


def test_a_bundle_rewritten_consistently_fails_on_its_checkpoints(tmp_path, signer):
    events = envelopes(12)
    signed = notes(signer, events)
    events[6]["data"]["reason"] = "Đi công tác"
    prev = events[5]["hash"]
    for i in range(6, 12):
        events[i] = integrity.seal({k: v for k, v in events[i].items() if k not in ("prev_hash", "hash")}, prev)
        prev = events[i]["hash"]
    code, output = run(write(tmp_path / "b.jsonl", signer, events, signed), "--key", signer.verifier)
    assert code == 1 and "sai đầu tiên: seq 7" in output and "[root_mismatch]" in output


def test_a_bundle_cut_short_below_its_checkpoints_fails(tmp_path, signer):
    events = envelopes(12)
    code, output = run(write(tmp_path / "b.jsonl", signer, events[:9], notes(signer, events)), "--key", signer.verifier)
    assert code == 1 and "sai đầu tiên: seq 10" in output and "[truncated]" in output


def test_a_bundle_without_checkpoints_fails_as_unsigned(tmp_path, signer):
    code, output = run(write(tmp_path / "b.jsonl", signer, envelopes(3), []), "--key", signer.verifier)
    assert code == 1 and "[unsigned]" in output and "sai đầu tiên: seq 1" in output


def test_a_bundle_with_a_forged_signature_fails(good, signer):
    lines = good.read_text(encoding="utf-8").splitlines()
    text, _, signature = json.loads(lines[-1])["checkpoint"].rpartition("— chibo ")
    raw = bytearray(base64.b64decode(signature))
    raw[10] ^= 1  # a bit of the signature itself; the key id (bytes 0-3) still names our key
    lines[-1] = json.dumps({"checkpoint": f"{text}— chibo {base64.b64encode(raw).decode()}\n"})
    good.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = run(good, "--key", signer.verifier)
    assert code == 1 and "[bad_signature]" in output


def test_a_bundle_checked_against_another_key_fails(good):
    other = checkpoints.load_signer(checkpoints.new_private_key())
    code, output = run(good, "--key", other.verifier)
    assert code == 1 and "[unknown_key]" in output


def test_the_key_may_be_given_as_a_file(good, signer, tmp_path):
    key = tmp_path / "chibo.pub"
    key.write_text(str(signer.verifier) + "\n")
    assert run(good, "--key", key)[0] == 0


def test_without_a_key_the_bundles_own_key_is_used_with_a_warning(good):
    code, output = run(good)
    assert code == 0 and "không có --key" in output


def test_an_inspectors_older_checkpoint_holds_and_a_forked_one_does_not(good, signer, tmp_path):
    kept = tmp_path / "kept.txt"
    kept.write_text(notes(signer, envelopes(7))[-1])
    assert run(good, "--key", signer.verifier, "--checkpoint", kept)[0] == 0
    forked = envelopes(7)
    forked[2]["actor"] = "ai-khac"
    kept.write_text(notes(signer, forked)[-1])
    code, output = run(good, "--key", signer.verifier, "--checkpoint", kept)
    assert code == 1 and "[fork]" in output


def test_a_file_that_is_not_a_bundle_is_refused(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"seq": 1}\n')
    code, output = run(path)
    assert code == 1 and "không phải gói xuất" in output


def test_a_line_that_is_not_an_event_is_named(good, signer):
    lines = good.read_text(encoding="utf-8").splitlines()
    lines[3] = "not json"
    good.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = run(good, "--key", signer.verifier)
    assert code == 1 and "[malformed]" in output and "sai đầu tiên: seq 3" in output


def test_the_check_reads_the_bundle_in_constant_memory(tmp_path, signer):
    """Ten times the events must not take ten times the memory: only the frontier and a line are kept."""
    def peak(count: int) -> int:
        events = envelopes(count)
        bundle = verify.Bundle(write(tmp_path / f"{count}.jsonl", signer, events, notes(signer, events)))
        tracemalloc.start()
        report = verify.check_bundle(bundle, signer.verifier)
        _, highest = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert report.ok and report.size == count
        return highest

    small, large = peak(200), peak(2000)
    assert large < 2 * small, (small, large)  # the 1,800 extra events alone are about 1 MB of JSON


def test_a_bundle_with_no_events_is_no_book(tmp_path, signer):
    code, output = run(write(tmp_path / "b.jsonl", signer, [], []), "--key", signer.verifier)
    assert code == 1 and "[missing]" in output
