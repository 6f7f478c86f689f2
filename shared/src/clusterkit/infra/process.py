"""Starting and stopping a background server process we own, tracked by a pid file."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child still answers kill(0); reap it if it is ours.
    with contextlib.suppress(ChildProcessError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return True


def read_pid(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    return pid if pid_alive(pid) else None


def spawn(
    argv: Sequence[str],
    *,
    log_file: Path,
    pid_file: Path,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> int:
    """Start ``argv`` in its own session (so a Ctrl-C to us does not hit it), output to
    ``log_file``; record its pid."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with open(log_file, "ab") as out:
        proc = subprocess.Popen(
            list(argv),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
    pid_file.write_text(str(proc.pid))
    return proc.pid


def stop(pid_file: Path, *, timeout: float = 20.0, sig: int = signal.SIGTERM) -> bool:
    """Signal the recorded process group and wait for it; SIGKILL after ``timeout``."""
    pid = read_pid(pid_file)
    if pid is None:
        pid_file.unlink(missing_ok=True)
        return False
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, sig)
    deadline = time.monotonic() + timeout
    while pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if pid_alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
        while pid_alive(pid):
            time.sleep(0.05)
    pid_file.unlink(missing_ok=True)
    return True


def wait_until(
    ready: Callable[[], bool],
    *,
    timeout: float,
    what: str,
    alive: Callable[[], bool] | None = None,
    log_file: Path | None = None,
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        if alive is not None and not alive():
            tail = log_file.read_text(errors="replace")[-3000:] if log_file else ""
            raise RuntimeError(f"{what} exited while starting\n{tail}")
        time.sleep(0.2)
    tail = log_file.read_text(errors="replace")[-3000:] if log_file and log_file.exists() else ""
    raise TimeoutError(f"{what} not ready after {timeout:.0f}s\n{tail}")


def answers_ok(url: str) -> bool:
    """Whether ``url`` (on loopback) answers 200 within a second."""
    try:
        with urllib.request.urlopen(url, timeout=1) as answer:  # noqa: S310 (loopback)
            return bool(answer.status == 200)
    except OSError:
        return False


class LocalServer:
    """A server process of the local stack (Mailpit, Jaeger, Redis): its pid file and log in
    its state folder, started and waited for until it answers, stopped or killed."""

    name = ""  # the files' names: ``<name>.pid``, ``logs/<name>.log``
    what = ""  # how errors name it

    def __init__(self, state_dir: Path):
        self.state_dir = state_dir
        self.log_file = state_dir / "logs" / f"{self.name}.log"
        self.pid_file = state_dir / f"{self.name}.pid"

    @property
    def pid(self) -> int | None:
        return read_pid(self.pid_file)

    def launch(self, argv: list[str], ready: Callable[[], bool], *, timeout: float) -> None:
        """Start ``argv`` and wait until ``ready()``; raise with its log if it dies first."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        pid = spawn(argv, log_file=self.log_file, pid_file=self.pid_file)
        wait_until(
            ready,
            timeout=timeout,
            what=self.what,
            alive=lambda: pid_alive(pid),
            log_file=self.log_file,
        )

    def stop(self) -> None:
        stop(self.pid_file, timeout=10)

    def kill(self) -> None:
        """SIGKILL, as a crash or an outage would (fault tests)."""
        stop(self.pid_file, timeout=0, sig=signal.SIGKILL)
