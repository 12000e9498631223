"""Where the time goes: pyinstrument profiles of an append, a rebuild, a verify, an as_of and an HTTP append.

    .venv/bin/pip install pyinstrument          # for profiling only; not in any requirements file
    .venv/bin/python -m bench.profile append|append-postgres|rebuild|verify|as-of|http [--events 7000]

Works on one generated book (the size of a commune's cell after ten years)
in a temporary SQLite file, or a fresh schema of CHIBO_TEST_POSTGRES_URL.
"""

import argparse
import os
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

from pyinstrument import Profiler
from werkzeug.security import generate_password_hash

from chibo_events import answers, checkpoints, create_app
from chibo_events.catalogue import check_request
from chibo_events.store import Store

from . import load, reads
from .append import body_stream
from .schema import postgres_schema

BOOK = "xa-001-cb-01"


def _timed(name: str, count: int, one) -> Profiler:
    profiler = Profiler(interval=0.0002)
    started = time.perf_counter()
    with profiler:
        for _ in range(count):
            one()
    elapsed = time.perf_counter() - started
    print(f"{name}: {count} in {elapsed:.3f} s under the profiler ({elapsed / count * 1000:.3f} ms each)")
    return profiler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["append", "append-postgres", "rebuild", "verify", "as-of", "http"])
    parser.add_argument("--events", type=int, default=7000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="chibo-profile-"))
    signer = checkpoints.load_signer(checkpoints.new_private_key())
    on_postgres = args.what == "append-postgres"
    place = postgres_schema(os.environ["CHIBO_TEST_POSTGRES_URL"]) if on_postgres else nullcontext(
        (f"sqlite:///{folder / 'profile.sqlite3'}", None))
    with place as (url, _schema):
        store = Store.from_url(url, signer)
        store.init_schema()
        if args.what.startswith("append"):
            store.register_book(BOOK, {"name": "Chi bộ", "committee": "Đảng bộ"}, "admin", "2016-01-02T08:00:00+07:00")
            requests = [check_request(body) for body, _ in zip(body_stream(BOOK), range(1500), strict=False)]
            for request in requests[:300]:
                store.append(BOOK, request, "thuky")
            rest = iter(requests[300:])
            profiler = _timed("append", 1200, lambda: store.append(BOOK, next(rest), "thuky"))
        elif args.what == "http":
            profiler = _http(folder, url, store)
        else:
            load.write(store, load.seal(BOOK, 1, 1, args.events, signer))
            if args.what == "rebuild":
                profiler = _timed("rebuild", 1, lambda: store.read_models.rebuild([BOOK]))
            elif args.what == "verify":
                profiler = _timed("verify", 1, lambda: store.integrity.verify(BOOK))
            else:
                sample = iter(reads.meetings_sample(store, 200))
                profiler = _timed("minutes as_of", 200, lambda: answers.meeting_minutes(store, *next(sample)))
        store.engine.dispose()
    print(profiler.output_text(unicode=False, color=False))


def _http(folder: Path, url: str, store: Store) -> Profiler:
    """Flask's test client: the app's own cost per append request, without the network or gunicorn."""
    os.environ["CHIBO_API_RATE_LIMIT"] = "1000000 per minute"
    app = create_app({"INSTANCE_PATH": str(folder / "instance"), "DATABASE_URL": url, "SECRET_KEY": "profile"})
    app_store = app.extensions["chibo_store"]
    app_store.register_book(BOOK, {"name": "Chi bộ", "committee": "Đảng bộ"}, "admin", "2016-01-02T08:00:00+07:00")
    app_store.accounts.add("clerk", generate_password_hash("password"), "clerk", [BOOK])
    headers = {"Authorization": f"Bearer {app_store.accounts.issue_token('clerk')}"}
    client, bodies = app.test_client(), body_stream(BOOK)

    def one():
        response = client.post(f"/api/v1/cells/{BOOK}/events", json=next(bodies), headers=headers)
        assert response.status_code == 201, response.json

    for _ in range(100):
        one()
    return _timed("HTTP append (test client)", 400, one)


if __name__ == "__main__":
    main()
