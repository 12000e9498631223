"""A few slow clients cannot make the server unreachable (gunicorn.conf.py: threaded workers).

Each slow client opens a connection and sends one header line a second, never finishing its
request, for a bounded time; meanwhile ordinary requests must still be answered. The same slow
clients against sync workers show what the setting fixes: there the ordinary request times out.
"""

import socket
import threading
import time

import pytest

from tests.engines import only_sqlite
from tests.reliability.server import Gunicorn, request

pytestmark = pytest.mark.slow
SLOW_FOR = 8  # seconds each slow client dribbles its headers


def slow_client(port: int, stop: threading.Event) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=SLOW_FOR + 5) as conn:
        conn.sendall(b"GET /api/v1/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        deadline = time.monotonic() + SLOW_FOR
        while time.monotonic() < deadline and not stop.is_set():
            try:
                conn.sendall(b"X-Slow: 1\r\n")
            except OSError:
                return  # the server closed it: also fine
            stop.wait(1)


def with_slow_clients(server: Gunicorn, count: int, check):
    stop = threading.Event()
    clients = [threading.Thread(target=slow_client, args=(server.port, stop), daemon=True) for _ in range(count)]
    for client in clients:
        client.start()
    time.sleep(1)  # every slow client holds its connection
    try:
        return check()
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=SLOW_FOR + 10)


@only_sqlite
def test_ordinary_requests_are_answered_while_slow_clients_hold_connections(database_url, tmp_path):
    server = Gunicorn(database_url, tmp_path / "instance", 2, 8).start()
    try:
        answers = with_slow_clients(server, 4, lambda: [
            request(server.port, "GET", "/api/v1/openapi.json", timeout=5)[0] for _ in range(10)])
        assert answers == [200] * 10
    finally:
        server.stop()


@only_sqlite
def test_sync_workers_are_held_by_as_many_slow_clients(database_url, tmp_path):
    """What the threaded setting fixes: two slow sockets hold both sync workers."""
    server = Gunicorn(database_url, tmp_path / "instance", 2, 1, "--worker-class", "sync").start()
    try:
        with pytest.raises(TimeoutError):
            with_slow_clients(server, 2, lambda: request(server.port, "GET", "/api/v1/openapi.json", timeout=3))
    finally:
        server.stop()
