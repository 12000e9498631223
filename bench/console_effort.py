"""The clerk's effort on a 390 px phone, this console beside an older one, in one run (issue 16).

    .venv/bin/python -m bench.console_effort            # against b37d1d7, the console before issue 16
    .venv/bin/python -m bench.console_effort REF        # any other commit

Each console is served from its own checkout (a git worktree for the older one) on a SQLite file with the demo
roster and a clerk linked to her member; the same walk (tests/e2e/meeting_walk.py: 18 entries) records a meeting
through each in a headless Chromium, and the taps, pickers and screens of scrolling are printed side by side with
their ratios. The walk touches only what the forms need, so a default that is already right costs nothing.
"""

import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEFORE_ISSUE_16 = "b37d1d7"
CELL, CLERK_LOGIN, PASSWORD = "ky-tho-dem", "thuky-dem", "chibo-thuky-dem"
CLERK_MEMBER = "phan-thi-hoa"  # meeting_walk.CLERK: the server side imports nothing of this tree's tests
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]


def serve() -> None:
    """Run in a checkout's Python path: write the cell and its clerk, serve on a free port, print the port."""
    from werkzeug.security import generate_password_hash
    from werkzeug.serving import make_server

    from chibo_events import create_app
    from chibo_events.access import Member
    from chibo_events.catalogue import check_request
    from chibo_events.demo import book as demo_book

    folder = Path(sys.argv[2])
    app = create_app({"INSTANCE_PATH": str(folder / "instance"), "DATABASE_URL": f"sqlite:///{folder / 'b.sqlite3'}",
                      "SECRET_KEY": "bench-secret", "RATELIMIT_ENABLED": False})
    store = app.extensions["chibo_store"]
    store.init_schema()
    store.register_book(CELL, {**demo_book.CELL, "name": "Chi bộ đo Kỳ Thọ"}, "admin", demo_book.REGISTERED_AT)
    for body in demo_book.roster():
        store.append(CELL, check_request(body), "admin")
    store.accounts.add(CLERK_LOGIN, generate_password_hash(PASSWORD), "clerk", [CELL], Member(CELL, CLERK_MEMBER))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    print(server.server_port, flush=True)
    server.serve_forever()


def walk(port: int):
    from playwright.sync_api import sync_playwright

    from tests.e2e.meeting_walk import walk_meeting

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHIBO_CHROMIUM", "/usr/bin/chromium"),
                                             args=FLAGS)
        context = browser.new_context(base_url=f"http://127.0.0.1:{port}", viewport={"width": 390, "height": 844},
                                      is_mobile=True, has_touch=True, locale="vi-VN")
        page = context.new_page()
        page.goto("/login")
        page.fill("input[name=username]", CLERK_LOGIN)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("form button[type=submit]")
        effort = walk_meeting(page, CELL, f"do-{uuid.uuid4().hex[:6]}")
        browser.close()
    return effort


def measure(checkout: Path, label: str):
    with tempfile.TemporaryDirectory() as folder:
        # The checkout's own code and templates (its folder first on the path); this file run by its path, as
        # the older tree has no copy of it, and not as a script, whose folder (bench/, with http.py) would shadow.
        code = f"import runpy; runpy.run_path({str(Path(__file__).resolve())!r}, run_name='__main__')"
        server = subprocess.Popen([sys.executable, "-c", code, "serve", folder], stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True, cwd=checkout)
        try:
            port = int(server.stdout.readline())
            print(f"… {label}: the walk", file=sys.stderr, flush=True)
            return walk(port)
        finally:
            server.terminate()
            server.wait()


def main() -> None:
    ref = sys.argv[1] if len(sys.argv) > 1 else BEFORE_ISSUE_16
    with tempfile.TemporaryDirectory() as folder:
        older = Path(folder) / "older"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(older), ref], check=True)
        try:
            before = measure(older, ref)
            now = measure(ROOT, "this tree")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(older)], check=True)
    print(f"Console {ref}:\n{before.report()}\n\nThis console:\n{now.report()}\n")
    for name, old, new in (("taps", before.taps, now.taps), ("pickers", before.pickers, now.pickers),
                           ("screens", before.screens, now.screens)):
        print(f"bench console_{name}_before {old:.2f}\nbench console_{name}_now {new:.2f}\n"
              f"ratio console_{name}_now_over_before {new / old if old else float('nan'):.3f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve()
    else:
        main()
