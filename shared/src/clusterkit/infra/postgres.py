"""A private PostgreSQL 15 cluster in a state folder, on a loopback port.

initdb and postgres refuse to run as root; as root we run them as the ``postgres`` system
user on a folder it owns (and, if the state folder is not reachable by that user, e.g.
under ``/root``, on a folder under ``/var/tmp`` named after the state folder).
"""

from __future__ import annotations

import hashlib
import os
import pwd
import secrets
import shutil
import signal
import subprocess
from pathlib import Path

from clusterkit.infra.process import pid_alive, port_open, read_pid, spawn, stop, wait_until

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "postgres"


def _as_root() -> bool:
    return os.geteuid() == 0


def _run_as_owner(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if _as_root() else argv


class PostgresCluster:
    def __init__(self, state_dir: Path, port: int):
        self.state_dir = state_dir
        self.port = port
        self.data_dir = self._data_dir(state_dir)
        self.log_file = state_dir / "logs" / "postgres.log"
        self.password_file = state_dir / "postgres.password"
        self.pid_file = state_dir / "postgres.pid"

    @staticmethod
    def _data_dir(state_dir: Path) -> Path:
        preferred = state_dir / "pg"
        if not _as_root():
            return preferred
        existing = state_dir
        while not existing.exists():
            existing = existing.parent
        reachable = (
            subprocess.run(
                ["runuser", "-u", "postgres", "--", "test", "-x", str(existing)],
                check=False,
            ).returncode
            == 0
        )
        if reachable:
            return preferred
        digest = hashlib.sha256(str(state_dir.resolve()).encode()).hexdigest()[:12]
        return Path("/var/tmp/copper-cluster") / digest / "pg"  # noqa: S108 (owned, per state)

    @property
    def password(self) -> str:
        return self.password_file.read_text().strip()

    @property
    def admin_dsn(self) -> str:
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/postgres"

    def url(self, user: str, password: str, database: str) -> str:
        return f"postgresql+asyncpg://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def initialised(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    def init(self) -> None:
        """initdb once: scram passwords over TCP, the superuser password kept (mode 600)."""
        if self.initialised():
            return
        self.state_dir.mkdir(parents=True, exist_ok=True)
        if not self.password_file.exists():
            self.password_file.write_text(secrets.token_urlsafe(24))
            self.password_file.chmod(0o600)
        if self.data_dir.exists():
            shutil.rmtree(self.data_dir)
        self.data_dir.mkdir(parents=True)
        pwfile = self.data_dir.parent / "initdb.pw"
        pwfile.write_text(self.password)
        if _as_root():
            owner = pwd.getpwnam("postgres")
            for path in (self.data_dir, pwfile):
                os.chown(path, owner.pw_uid, owner.pw_gid)
            pwfile.chmod(0o600)
        try:
            subprocess.run(
                _run_as_owner(
                    [
                        str(PG_BIN / "initdb"),
                        "-D",
                        str(self.data_dir),
                        "-U",
                        SUPERUSER,
                        f"--pwfile={pwfile}",
                        "--auth-host=scram-sha-256",
                        "--auth-local=trust",
                        "-E",
                        "UTF8",
                        "--locale=C.UTF-8",
                        "--no-sync",
                    ]
                ),
                check=True,
                capture_output=True,
                text=True,
            )
        finally:
            pwfile.unlink(missing_ok=True)

    def running(self) -> bool:
        return read_pid(self.pid_file) is not None and port_open(self.port)

    def start(self, *, timeout: float = 60.0) -> None:
        if self.running():
            return
        self.init()
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        argv = _run_as_owner(
            [
                str(PG_BIN / "postgres"),
                "-D",
                str(self.data_dir),
                "-p",
                str(self.port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                f"unix_socket_directories={self.data_dir}",
                "-c",
                "max_connections=300",
                "-c",
                "shared_buffers=256MB",
                "-c",
                "fsync=on",
                "-c",
                "logging_collector=off",
            ]
        )
        # runuser keeps the child in our process group; postgres's own pid is what we signal.
        pid = spawn(argv, log_file=self.log_file, pid_file=self.pid_file)
        wait_until(
            self.accepting,
            timeout=timeout,
            what="PostgreSQL",
            alive=lambda: pid_alive(pid),
            log_file=self.log_file,
        )

    def accepting(self) -> bool:
        return (
            subprocess.run(
                [str(PG_BIN / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port)],
                check=False,
            ).returncode
            == 0
        )

    def stop(self, *, fast: bool = True) -> None:
        stop(self.pid_file, sig=signal.SIGINT if fast else signal.SIGTERM)
