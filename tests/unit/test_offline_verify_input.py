"""Whatever a bundle holds, the offline verifier ends with exit 1 and a clear message, never a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chibo_events import integrity, verify
from tests.unit.bundles import BOOK, envelopes, notes, write

ROOT = Path(__file__).resolve().parents[2]


def run(bundle: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chibo_events.verify", str(bundle), *args],
                          cwd=ROOT, capture_output=True, text=True)


def refused(result: subprocess.CompletedProcess, words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert words in result.stdout + result.stderr


def test_deeply_nested_json_in_an_event_line_is_a_malformed_event(tmp_path, signer):
    events = envelopes(3)
    path = write(tmp_path / "b.jsonl", signer, events, notes(signer, events))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = "[" * 100_000 + "]" * 100_000 + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    refused(run(path, "--key", str(signer.verifier)), "[malformed]")


@pytest.mark.parametrize(("header", "words"), [
    ({"chibo_bundle": 1, "book": "\ud800", "key": None}, "Mã sổ ở dòng đầu"),
    ({"chibo_bundle": 1, "book": "th-ky-tho\n", "key": None}, "Mã sổ ở dòng đầu"),
    ({"chibo_bundle": 1, "book": BOOK, "key": 5}, "Khóa công khai ở dòng đầu"),
    ({"chibo_bundle": 1, "book": BOOK, "key": ["x"]}, "Khóa công khai ở dòng đầu"),
])
def test_a_bad_header_is_refused_with_a_message(tmp_path, header, words):
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps(header) + "\n", encoding="utf-8")
    refused(run(path), words)


@pytest.mark.parametrize(("field", "value"), [("occurred_at", "hôm qua"), ("occurred_at", "2021-04-07T14:00:00"),
                                              ("occurred_at", 7), ("recorded_at", "2021-04-07 07:00:01")])
def test_a_signed_event_with_a_bad_timestamp_is_named_by_its_seq(tmp_path, signer, field, value):
    events = envelopes(4)
    events[2] = integrity.seal({**{k: v for k, v in events[2].items() if k not in ("hash", "prev_hash")},
                                field: value}, events[1]["hash"])
    for later in (3,):
        events[later] = integrity.seal({k: v for k, v in events[later].items() if k not in ("hash", "prev_hash")},
                                       events[later - 1]["hash"])
    path = write(tmp_path / "b.jsonl", signer, events, notes(signer, events))  # sealed and signed as forged
    result = run(path, "--key", str(signer.verifier))
    refused(result, "sai đầu tiên: seq 3")
    report = verify.check_bundle(verify.Bundle(path), signer.verifier)
    assert [(p.kind, p.seq) for p in report.problems][:1] == [("malformed", 3)]


def test_a_good_bundle_still_verifies(tmp_path, signer):
    events = envelopes(4)
    result = run(write(tmp_path / "b.jsonl", signer, events, notes(signer, events)), "--key", str(signer.verifier))
    assert result.returncode == 0 and "nguyên vẹn" in result.stdout
