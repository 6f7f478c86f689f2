"""Programs the platform takes from Debian's packages (redis-server, HAProxy, Chromium):
installed with apt-get when missing, as root, so a fresh CI machine needs nothing beforehand.
When one is missing and cannot be installed, this raises: a check never skips silently."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


def debian_program(
    program: str, *, package: str | None = None, needed_for: str, recommends: bool = False
) -> Path:
    """The path of ``program``, from Debian's ``package`` (default: the program's name),
    installed when missing (with the packages Debian recommends beside it if
    ``recommends``); ``needed_for`` says in the error what wants it."""
    package = package or program
    found = shutil.which(program)
    if found:
        return Path(found)
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        raise RuntimeError(f"{needed_for}: install Debian's package (apt-get install {package})")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = [apt, "install", "-y", "-qq", package]
    if not recommends:
        install.insert(-1, "--no-install-recommends")
    for argv in ([apt, "update", "-qq"], install):
        result = subprocess.run(argv, env=env, check=False, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed:\n{result.stderr[-3000:]}")
    found = shutil.which(program)
    if found is None:
        raise RuntimeError(f"apt-get installed {package} but {program} is not on PATH")
    return Path(found)
