"""A PostgreSQL primary and its synchronous standby on loopback, made in a temporary folder, as an operator would.

The failover test (tests/reliability/test_failover.py) and `make bench`'s append-with-standby figure both need
the real thing, not a mock: two servers made with initdb, pg_basebackup and pg_ctl on their own ports, the
standby streaming from the primary with `synchronous_standby_names` and `synchronous_commit = remote_apply`,
so that a commit the primary acknowledges has been applied on the standby too.

The servers run as the `postgres` user when this process is root (initdb refuses root), with their sockets and
data in the folder; nothing outside it is touched, and `stop()` leaves nothing running.
"""

import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

STANDBY_NAME = "standby1"  # the standby's application_name, which synchronous_standby_names names


def binaries() -> Path | None:
    """Return the folder of initdb, pg_ctl and pg_basebackup, or None where PostgreSQL's server is not installed."""
    found = []
    for root in (Path("/usr/lib/postgresql"), Path("/usr/local/pgsql")):
        if root.is_dir():
            found += [path.parent for path in root.glob("*/bin/initdb")] + [path.parent for path in
                                                                             root.glob("bin/initdb")]
    if not found and (initdb := shutil.which("initdb")):
        found.append(Path(initdb).parent)
    usable = [folder for folder in found if (folder / "pg_ctl").exists() and (folder / "pg_basebackup").exists()]
    # the newest version where several are installed (/usr/lib/postgresql/<major>/bin)
    return max(usable, key=lambda folder: _major(folder)) if usable else None


def _major(folder: Path) -> int:
    try:
        return int(folder.parent.name)
    except ValueError:
        return 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One PostgreSQL server of the pair: its data folder and port."""

    def __init__(self, pair: "Pair", name: str):
        self.pair, self.name = pair, name
        self.data = pair.folder / name
        self.port = free_port()
        self.log = pair.folder / f"{name}.log"

    def ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self.pair.run("pg_ctl", "-D", str(self.data), "-l", str(self.log), *args, check=check)

    def start(self) -> None:
        self.ctl("start", "-w", "-t", "60")

    def stop_immediately(self) -> None:
        """`pg_ctl stop -m immediate`: every server process quits at once, as at a crash; no shutdown checkpoint."""
        self.ctl("stop", "-m", "immediate", "-w")

    def promote(self) -> None:
        self.ctl("promote", "-w", "-t", "60")

    def sql(self, statement: str) -> str:
        """Run one statement with psql as the superuser; return its unaligned output."""
        done = self.pair.run("psql", "-X", "-A", "-t", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                             "-d", "postgres", "-c", statement)
        return done.stdout.strip()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"


class Pair:
    """A primary and a synchronous standby in `folder`; `start()` makes and starts both."""

    def __init__(self, folder: Path, bin_dir: Path, synchronous_commit: str = "remote_apply"):
        self.folder, self.bin = folder, bin_dir
        self.synchronous_commit = synchronous_commit
        self.primary = Server(self, "primary")
        self.standby = Server(self, "standby")
        self._user = None
        if os.geteuid() == 0:
            self._user = pwd.getpwnam("postgres")
            os.chown(folder, self._user.pw_uid, self._user.pw_gid)

    def run(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        options = {"user": self._user.pw_uid, "group": self._user.pw_gid, "extra_groups": []} if self._user else {}
        done = subprocess.run([str(self.bin / program), *args], cwd=self.folder, capture_output=True, text=True,
                              env={**os.environ, "PGCONNECT_TIMEOUT": "5"}, **options)
        if check and done.returncode != 0:
            raise RuntimeError(f"{program} {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
                               f"\n{self._logs()}")
        return done

    def _logs(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text()[-3000:]}" for log in sorted(self.folder.glob("*.log")))

    def start(self, with_standby: bool = True) -> "Pair":
        """Make and start the primary, and (unless told not to: a lone server to compare with) its standby."""
        primary, standby = self.primary, self.standby
        self.run("initdb", "-D", str(primary.data), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8",
                 "--locale=C.UTF-8")
        _configure(primary.data, {
            "port": primary.port, "listen_addresses": "'127.0.0.1'", "unix_socket_directories": f"'{self.folder}'",
            "wal_level": "replica", "max_wal_senders": 5, "wal_keep_size": "'64MB'",
            "max_connections": 100, "shared_buffers": "'64MB'"})
        if with_standby:
            _configure(primary.data, {"synchronous_standby_names": f"'{STANDBY_NAME}'",
                                      "synchronous_commit": self.synchronous_commit})
        primary.start()
        if not with_standby:
            return self
        self.run("pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
                 "-D", str(standby.data), "-X", "stream", "-R", "--no-sync")
        _configure(standby.data, {
            "port": standby.port, "hot_standby": "on",
            "primary_conninfo": f"'host=127.0.0.1 port={primary.port} user=postgres application_name={STANDBY_NAME}'"})
        standby.start()
        self.wait_for_sync()
        return self

    def wait_for_sync(self, timeout: float = 60) -> None:
        """Wait until the primary names the standby as its synchronous one."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.primary.sql("select sync_state from pg_stat_replication") == "sync":
                return
            time.sleep(0.1)
        raise RuntimeError(f"the standby did not become synchronous within {timeout} s\n{self._logs()}")

    def fail_over(self) -> None:
        """Promote the standby, and let it take writes with no standby of its own, as an operator does.

        The standby was copied with the primary's `synchronous_standby_names`: promoted as it is, every commit
        would wait for a standby that no longer exists. A deployment that must keep two copies after a failover
        runs two standbys (`synchronous_standby_names = 'ANY 1 (s1, s2)'`) and has nothing to clear here.
        """
        self.standby.promote()
        self.standby.sql("alter system set synchronous_standby_names = ''")
        self.standby.sql("select pg_reload_conf()")

    def url(self, *servers: Server, attrs: str = "read-write", database: str = "postgres") -> str:
        """A SQLAlchemy URL naming every server in turn (libpq's multi-host form, as CHIBO_DATABASE_URL takes it)."""
        hosts = "&".join(f"host={server.address}" for server in servers)
        return f"postgresql+psycopg://postgres@/{database}?{hosts}&target_session_attrs={attrs}"

    def stop(self) -> None:
        for server in (self.standby, self.primary):
            if (server.data / "postmaster.pid").exists():
                server.ctl("stop", "-m", "immediate", "-w", check=False)


def _configure(data: Path, settings: dict) -> None:
    with open(data / "postgresql.auto.conf", "a") as conf:
        for name, value in settings.items():
            conf.write(f"{name} = {value}\n")
