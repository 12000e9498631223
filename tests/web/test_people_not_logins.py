"""People, not logins: what a linked account recorded shows the person, "Phan Thị Hoa (thuky)", everywhere."""

import json
import os
import subprocess
import sys
from pathlib import Path

from chibo_events.demo import book
from tests.books import correct_in_the_demo

ROOT = Path(__file__).resolve().parents[2]
HOA = "Phan Thị Hoa (thuky)"


def a_correction_by_the_clerk(demo) -> dict:
    """The clerk (linked to Phan Thị Hoa in the demo) corrects a speech of the sealed April minutes."""
    speech = next(e for e in demo.page(book.BOOK, limit=1000)
                  if e["stream"] == book.APRIL and e["type"] == "SpeechGiven")
    return correct_in_the_demo(demo, speech, {**speech["data"], "summary": "Ý kiến đã sửa theo chi bộ."}, "Ghi nhầm.")


def test_the_biên_bản_names_the_clerk_who_recorded_a_correction(runner, demo):
    a_correction_by_the_clerk(demo)
    printed = runner.invoke(args=["chibo", "minutes", "--cell", book.BOOK, "--date", "2021-04-07"]).output
    assert f"người ghi: {HOA}" in printed and "người ghi: thuky" not in printed


def test_an_unlinked_account_is_shown_by_its_login(runner, demo):
    demo.accounts.update("thuky", member=None)
    a_correction_by_the_clerk(demo)
    printed = runner.invoke(args=["chibo", "minutes", "--cell", book.BOOK, "--date", "2021-04-07"]).output
    assert "người ghi: thuky" in printed and HOA not in printed


def test_the_audit_trail_and_the_live_view_name_the_person(client, demo, no_csrf):
    a_correction_by_the_clerk(demo)
    client.post("/login", data={"username": "thanhtra", "password": "chibo-thanhtra"})
    assert HOA in client.get(f"/cells/{book.BOOK}/audit").text
    assert HOA in client.get(f"/cells/{book.BOOK}/meetings/2021-04-07/live").text


def test_offline_the_bundle_names_the_same_people_and_prints_the_same_biên_bản(runner, demo, tmp_path):
    a_correction_by_the_clerk(demo)
    bundle = tmp_path / "book.jsonl"
    assert runner.invoke(args=["chibo", "export", "--cell", book.BOOK, "-o", str(bundle)]).exit_code == 0
    made = subprocess.run([sys.executable, "-m", "chibo_events.verify", str(bundle), "--key",
                           str(demo.integrity.verifier), "--minutes", "2021-04-07"], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert made.returncode == 0, made.stderr
    served = runner.invoke(args=["chibo", "minutes", "--cell", book.BOOK, "--date", "2021-04-07"]).output
    assert made.stdout == served and HOA in made.stdout


def test_a_bundle_header_naming_people_with_control_characters_is_refused(demo, runner, tmp_path):
    bundle = tmp_path / "book.jsonl"
    runner.invoke(args=["chibo", "export", "--cell", book.BOOK, "-o", str(bundle)])
    lines = bundle.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    lines[0] = json.dumps({**header, "people": {"thuky": "Hoa\x1b[31m"}}) + "\n"
    bundle.write_text("".join(lines), encoding="utf-8")
    made = subprocess.run([sys.executable, "-m", "chibo_events.verify", str(bundle), "--minutes", "2021-04-07"],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert made.returncode == 1 and "people" in made.stderr
