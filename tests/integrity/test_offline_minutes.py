"""The biên bản made offline from a bundle equals, byte for byte, `chibo minutes --format text` of that state.

An inspector with a signed paper copy, whose footer names the book's size and root, exports the book
and prints `python -m chibo_events.verify BUNDLE --minutes MEETING_ID --size N` on a machine of their own.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MEETING = "2021-04-07"


def offline(bundle: Path, key: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "chibo_events.verify", str(bundle), "--key", key,
                           "--minutes", MEETING, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def exported(demo, runner, tmp_path):
    bundle = tmp_path / "th-ky-tho.jsonl"
    assert runner.invoke(args=["chibo", "export", "--cell", "th-ky-tho", "-o", str(bundle)]).exit_code == 0
    return bundle, str(demo.integrity.verifier), demo.page("th-ky-tho", limit=1000)


def server(runner, *args: str) -> str:
    result = runner.invoke(args=["chibo", "minutes", "--cell", "th-ky-tho", "--date", MEETING, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_whole_book_offline_prints_the_server_s_minutes_byte_for_byte(exported, runner):
    bundle, key, events = exported
    made = offline(bundle, key)
    assert made.returncode == 0, made.stderr
    assert made.stdout == server(runner)
    assert f"khi sổ có {len(events)} sự kiện" in made.stdout


def test_at_earlier_sizes_it_prints_the_minutes_as_the_book_then_stood(exported, runner):
    bundle, key, events = exported
    april = [e for e in events if e["stream"] == f"meeting:{MEETING}"]
    approved = next(e for e in april if e["type"] == "MinutesApproved")
    for size in (april[0]["seq"], april[len(april) // 2]["seq"], approved["seq"] - 1, approved["seq"]):
        made = offline(bundle, key, "--size", str(size))
        assert made.returncode == 0, made.stderr
        as_of = events[size - 1]["recorded_at"]
        assert made.stdout == server(runner, "--as-of", as_of), size
        assert f"khi sổ có {size} sự kiện" in made.stdout


def test_the_footer_names_the_root_of_that_size(exported, runner, demo):
    bundle, key, events = exported
    size = events[-3]["seq"]
    root = demo.integrity.root("th-ky-tho", size).hex()
    assert f"root {root[:16]}." in offline(bundle, key, "--size", str(size)).stdout


def test_a_size_before_the_meeting_or_beyond_the_bundle_is_a_clear_error(exported):
    bundle, key, events = exported
    before = next(e["seq"] for e in events if e["stream"] == f"meeting:{MEETING}") - 1
    for size, words in ((before, "chưa có cuộc họp"), (len(events) + 1, "--size phải từ 1 đến")):
        made = offline(bundle, key, "--size", str(size))
        assert made.returncode == 1 and words in made.stderr and made.stdout == ""


def test_a_tampered_bundle_prints_no_minutes(exported):
    bundle, key, _ = exported
    lines = bundle.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace("Giáo viên", "Giáo viên giỏi", 1)
    bundle.write_text("".join(lines), encoding="utf-8")
    made = offline(bundle, key)
    assert made.returncode == 1 and made.stdout == "" and "KHÔNG nguyên vẹn" in made.stderr
