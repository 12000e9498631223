"""An append's latency while a submitter talks to a witness that is up, slow or down, beside none, in one run.

    .venv/bin/python -m bench.witness_latency            # 400 appends a case
    CHIBO_TEST_POSTGRES_URL=postgresql+psycopg://… also on PostgreSQL

The submitter runs as `chibo witness submit --forever` does, in a thread of its own here (a process of its own
in production: a thread shares the interpreter's lock, so this is the harder case for the appends). The witness
is `chibo witness serve` in its own process; "slow" is a server that answers after two seconds, "down" a port
nobody listens on. Prints `bench` and `ratio` lines as bench/run.py does.
"""

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from chibo_events import checkpoints
from chibo_events.catalogue import check_request
from chibo_events.store import Store
from chibo_events.witness.cosignature import CosignatureVerifier
from chibo_events.witnessing import Witness, submit_round

from .append import summary
from .schema import postgres_schema

ROOT = Path(__file__).resolve().parents[1]
APPENDS = int(os.environ.get("BENCH_WITNESS_APPENDS", "400"))
NAME = "ubkt.bench/witness"


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Slow(BaseHTTPRequestHandler):
    def do_POST(self):  # the name http.server calls
        time.sleep(2)
        self.send_response(503)
        self.end_headers()

    def log_message(self, *args):
        pass


def _appends(store: Store, book: str, count: int) -> dict:
    times = []
    for n in range(count):
        body = {"stream": "cell", "type": "MemberJoined", "occurred_at": "2026-01-05T08:00:00+07:00",
                "data": {"member_id": f"m-{n}", "full_name": f"Đảng viên số {n}", "kind": "official",
                         "joined_on": "2010-01-01", "how": "initial"}}
        started = time.perf_counter()
        store.append(book, check_request(body), "bench")
        times.append(time.perf_counter() - started)
    return summary(times)


def _case(store: Store, witnesses: list[Witness] | None) -> dict:
    book = f"bench-w-{uuid.uuid4().hex[:8]}"
    store.register_book(book, {"name": "Chi bộ đo", "committee": "Đảng bộ đo"}, "bench", "2026-01-02T08:00:00+07:00")
    stop = threading.Event()

    def submitter():
        while not stop.is_set():
            submit_round(store, witnesses or [], [book])
            stop.wait(0.2)

    thread = threading.Thread(target=submitter, daemon=True) if witnesses else None
    if thread:
        thread.start()
    try:
        return _appends(store, book, APPENDS)
    finally:
        stop.set()
        if thread:
            thread.join(timeout=30)


def measure(name: str, url: str, folder: Path) -> None:
    key = checkpoints.new_private_key()
    store = Store.from_url(url, checkpoints.load_signer(key))
    store.init_schema()
    witness_folder = folder / f"witness-{name}"
    witness_folder.mkdir()
    env = {**os.environ, "CHIBO_INSTANCE_PATH": str(witness_folder), "CHIBO_WITNESS_NAME": NAME,
           "CHIBO_DATABASE_URL": f"sqlite:///{witness_folder / 'unused.sqlite3'}"}

    def witness(*words):
        return subprocess.run([sys.executable, "-m", "chibo_events", "witness", *words], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True).stdout.strip()

    witness("trust", str(store.integrity.signer.verifier))
    vkey = CosignatureVerifier.from_string(witness("public-key"))
    up_port, slow_port, down_port = _port(), _port(), _port()
    served = subprocess.Popen([sys.executable, "-m", "chibo_events", "witness", "serve", "--port", str(up_port)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    slow = ThreadingHTTPServer(("127.0.0.1", slow_port), _Slow)
    threading.Thread(target=slow.serve_forever, daemon=True).start()
    time.sleep(2)
    try:
        cases = {"none": None, "up": [Witness(NAME, vkey, f"http://127.0.0.1:{up_port}")],
                 "slow": [Witness(NAME, vkey, f"http://127.0.0.1:{slow_port}")],
                 "down": [Witness(NAME, vkey, f"http://127.0.0.1:{down_port}")]}
        found = {case: _case(store, witnesses) for case, witnesses in cases.items()}
    finally:
        served.kill()
        slow.shutdown()
        store.engine.dispose()
    for case, times in found.items():
        print(f"bench append_witness_{case}_p50_{name} {times['p50']:.3f} ms")
        print(f"bench append_witness_{case}_p99_{name} {times['p99']:.3f} ms")
    for case in ("up", "slow", "down"):
        print(f"ratio append_p50_witness_{case}_vs_none_{name} {found[case]['p50'] / found['none']['p50']:.3f}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        measure("sqlite", f"sqlite:///{Path(folder) / 'log.sqlite3'}", Path(folder))
        if base := os.environ.get("CHIBO_TEST_POSTGRES_URL"):
            with postgres_schema(base, prefix="bw") as (url, _schema):
                measure("postgres", url, Path(folder))


if __name__ == "__main__":
    main()
