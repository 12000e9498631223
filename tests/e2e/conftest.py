"""Browser tests: a real headless Chromium (Debian's) driven by Playwright against the app served on loopback.

The app runs in a thread of this process on a SQLite file, one for the
session (`app` here stands in for the suite's app of one test), with the demo
book loaded by the suite's `demo` fixture; every test gets fresh browser contexts. Screenshots go to
`tests/e2e/screenshots/` (ignored by git) so a person can look at them.
Without /usr/bin/chromium the tests skip, unless CHIBO_REQUIRE_BROWSER is set
(CI sets it), when they fail.
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from chibo_events import create_app

CHROMIUM = os.environ.get("CHIBO_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
SCREENSHOTS = Path(__file__).parent / "screenshots"


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def chromium_path():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CHIBO_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The app the browser talks to: one for the session, on a SQLite file, rate limits off."""
    folder = tmp_path_factory.mktemp("e2e")
    app = create_app({
        "INSTANCE_PATH": str(folder / "instance"),
        "DATABASE_URL": f"sqlite:///{folder / 'chibo.sqlite3'}",
        "SECRET_KEY": "e2e-secret",
        "RATELIMIT_ENABLED": False,
    })
    store = app.extensions["chibo_store"]
    store.init_schema()
    yield app
    store.engine.dispose()


@pytest.fixture(scope="session")
def live_server(app):
    """Serve the app on a free loopback port from a thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def base_url(live_server, demo):
    """The served app's address, with the demo book and the demo users in its store."""
    return live_server


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=FLAGS)
        yield browser
        browser.close()


class ConsoleErrors(list):
    """Console errors and uncaught page errors seen by one page; a test asserts it stays empty."""

    def watch(self, page):
        page.on("console", lambda message: message.type == "error" and self.append(message.text))
        page.on("pageerror", lambda error: self.append(str(error)))
        return page


@pytest.fixture
def console_errors():
    return ConsoleErrors()


@pytest.fixture
def new_page(browser, base_url, console_errors):
    """Return a function that opens a page in a fresh context (desktop or phone), watched for errors."""
    contexts = []

    def open_page(viewport=None, **options):
        context = browser.new_context(base_url=base_url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh",
                                      viewport=viewport or {"width": 1280, "height": 900}, **options)
        contexts.append(context)
        return console_errors.watch(context.new_page())

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """Return a function that saves a full-page screenshot under tests/e2e/screenshots/NAME.png."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def save(page, name):
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
