"""The command line: init-db, user add, token; also as `python -m chibo_events`."""

import os
import subprocess
import sys
from pathlib import Path

from chibo_events.store import migrate
from tests.books import CELL, CELL_DATA

ROOT = Path(__file__).resolve().parents[2]


def test_init_db_can_run_twice_and_says_the_schema_is_at_the_newest_migration(runner):
    for _ in range(2):
        result = runner.invoke(args=["chibo", "init-db"])
        assert result.exit_code == 0, result.output
        assert f"phiên bản lược đồ mới nhất ({migrate.head_revision()})" in result.output


def test_a_user_added_with_a_password_from_stdin_gets_a_working_token(runner, client):
    added = runner.invoke(args=["chibo", "user", "add", "quantri", "--role", "admin", "--password-stdin"],
                          input="mat-khau-dai\n")
    assert added.exit_code == 0, added.output
    token = runner.invoke(args=["chibo", "token", "quantri"]).output.strip()
    response = client.post("/api/v1/cells", json={"cell_id": CELL, **CELL_DATA},
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201
    assert response.json["actor"] == "quantri"


def test_a_clerk_is_added_for_its_cells(runner, app):
    result = runner.invoke(args=["chibo", "user", "add", "thuky", "--role", "clerk", "--cell", CELL,
                                 "--cell", "other", "--password-stdin"], input="mat-khau-dai\n")
    assert result.exit_code == 0, result.output
    account, password_hash = app.extensions["chibo_store"].accounts.find("thuky")
    assert account.cells == {CELL, "other"}
    assert "mat-khau-dai" not in password_hash


def test_bad_users_are_refused_with_a_reason(runner, app):
    cases = [
        (["thuky", "--role", "clerk"], "cần ít nhất một chi bộ"),
        (["thanhtra", "--role", "inspector", "--cell", CELL], "không gắn chi bộ"),
        (["Tên Có Dấu", "--role", "admin"], "Tên đăng nhập"),
        (["ngan", "--role", "admin"], "ít nhất 8"),
        (["x", "--role", "boss"], "boss"),
    ]
    for args, reason in cases:
        result = runner.invoke(args=["chibo", "user", "add", *args, "--password-stdin"], input="short\n")
        assert result.exit_code == 2, (args, result.output)
        assert reason in result.output, (args, result.output)
    assert app.extensions["chibo_store"].accounts.find("thuky") is None


def test_a_user_is_added_once(runner):
    args = ["chibo", "user", "add", "quantri", "--role", "admin", "--password-stdin"]
    assert runner.invoke(args=args, input="mat-khau-dai\n").exit_code == 0
    again = runner.invoke(args=args, input="mat-khau-khac\n")
    assert again.exit_code == 2 and "Đã có" in again.output


def test_a_token_for_nobody_is_refused(runner):
    result = runner.invoke(args=["chibo", "token", "nobody"])
    assert result.exit_code == 2 and "Không có người dùng" in result.output


def test_python_dash_m_runs_the_same_commands(tmp_path):
    env = {**os.environ, "CHIBO_INSTANCE_PATH": str(tmp_path), "CHIBO_DATABASE_URL": ""}
    run = lambda *args, stdin=None: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "chibo_events", *args], cwd=ROOT, env=env, input=stdin,
        capture_output=True, text=True, timeout=60)
    assert run("init-db").returncode == 0
    assert (tmp_path / "chibo.sqlite3").exists()
    assert run("user", "add", "quantri", "--role", "admin", "--password-stdin", stdin="mat-khau-dai\n").returncode == 0
    token = run("token", "quantri")
    assert token.returncode == 0 and len(token.stdout.strip()) >= 40
    assert {"init-db", "user", "token"} <= set(run("--help").stdout.split())
