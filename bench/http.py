"""HTTP appends through gunicorn against a hello-world endpoint under the same server and client."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from werkzeug.security import generate_password_hash

from chibo_events.store import Store

from .append import body_stream, summary
from .progress import note

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """One sync worker of `app`, started and stopped with the measurement."""

    def __init__(self, app: str, env: dict):
        self.port = _free_port()
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-w", "1", "-b", f"127.0.0.1:{self.port}",
             "--log-level", "warning", app],
            cwd=ROOT, env={**os.environ, **env})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn {app} did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _post_all(url: str, bodies, headers: dict) -> list[float]:
    times = []
    with requests.Session() as session:
        for body in bodies:
            started = time.perf_counter()
            response = session.post(url, json=body, headers=headers)
            times.append(time.perf_counter() - started)
            if response.status_code != 201:
                raise RuntimeError(f"{url}: {response.status_code} {response.text[:300]}")
    return times


def run(store: Store, url: str, key_file: str, folder: Path, book: str, count: int) -> dict[str, dict]:
    """Append `count` events over HTTP and post `count` hello-worlds, in alternating rounds; return summaries."""
    store.register_book(book, {"name": "Chi bộ HTTP", "committee": "Đảng bộ xã"}, "admin",
                        "2016-01-02T08:00:00+07:00")
    store.accounts.add("bench-clerk", generate_password_hash("bench-password"), "clerk", [book])
    headers = {"Authorization": f"Bearer {store.accounts.issue_token('bench-clerk')}"}
    # The API budget per token (600/min) would refuse a benchmark; the limiter still runs and is counted.
    env = {"CHIBO_DATABASE_URL": url, "CHIBO_SIGNING_KEY": key_file, "CHIBO_SECRET_KEY": "bench",
           "CHIBO_API_RATE_LIMIT": "1000000 per minute",
           "CHIBO_INSTANCE_PATH": str(folder / "instance")}
    chibo, hello = Gunicorn("wsgi:app", env), Gunicorn("bench.hello:app", {})
    try:
        bodies, times = body_stream(book), {"append": [], "hello": []}
        rounds = max(1, count // 100)
        for _ in range(rounds):
            batch = [next(bodies) for _ in range(count // rounds)]
            times["append"] += _post_all(f"http://127.0.0.1:{chibo.port}/api/v1/cells/{book}/events", batch, headers)
            times["hello"] += _post_all(f"http://127.0.0.1:{hello.port}/hello", batch, headers)
            note(f"  http: {len(times['append'])}/{count} each")
    finally:
        chibo.stop()
        hello.stop()
    return {name: summary(ts) for name, ts in times.items()}
