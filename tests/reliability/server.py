"""The app under gunicorn in processes of its own, and an HTTP client that retries like a clerk's phone."""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """`gunicorn wsgi:app` on a loopback port, in a process group of its own so SIGKILL takes every worker."""

    def __init__(self, database_url: str, instance: Path, workers: int = 2, threads: int = 1, *extra: str):
        self.port = free_port()
        self.env = {**os.environ, "CHIBO_DATABASE_URL": database_url, "CHIBO_INSTANCE_PATH": str(instance),
                    "CHIBO_SECRET_KEY": "reliability", "CHIBO_API_RATE_LIMIT": "1000000 per minute"}
        self.args = [str(GUNICORN), "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
                     "--threads", str(threads), "--log-level", "warning", *extra, "wsgi:app"]
        self.process: subprocess.Popen | None = None
        self.kills = 0

    def start(self) -> "Gunicorn":
        self.process = subprocess.Popen(self.args, cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn exited with {self.process.returncode}"
            try:
                status, _ = request(self.port, "GET", "/api/v1/cells/none/checkpoint", timeout=1)
                if status:
                    return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("gunicorn did not start within 30 s")

    def kill(self) -> None:
        """SIGKILL the master and every worker at once, as a power cut or the OOM killer would."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.kills += 1

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def request(port: int, method: str, path: str, body: dict | None = None, token: str | None = None,
            timeout: float = 10) -> tuple[int, dict | str]:
    """Send one request on a new connection; return (status, JSON or text)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        connection.request(method, path, body=json.dumps(body).encode() if body is not None else None,
                           headers=headers)
        response = connection.getresponse()
        raw = response.read().decode()
        try:
            return response.status, json.loads(raw)
        except ValueError:
            return response.status, raw
    finally:
        connection.close()


def append_until_acknowledged(port_of, cell: str, body: dict, token: str, give_up_s: float = 60):
    """POST the event again and again with the same event_id until the server answers 200 or 201.

    Returns (envelope, attempts). Connection errors, answers cut off and 5xx
    are what a killed server gives; anything else is an answer and ends the loop.
    """
    deadline, attempts = time.monotonic() + give_up_s, 0
    while True:
        attempts += 1
        try:
            status, answer = request(port_of(), "POST", f"/api/v1/cells/{cell}/events", body, token, timeout=5)
        except (OSError, http.client.HTTPException):  # refused, reset, or killed halfway through the answer
            status, answer = None, None
        if status in (200, 201):
            return answer, attempts
        if status is not None and status < 500:
            raise AssertionError(f"the server refused a retry: {status} {answer}")
        assert time.monotonic() < deadline, f"no acknowledgement for {body['event_id']} in {give_up_s} s"
        time.sleep(0.05)
