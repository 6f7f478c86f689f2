"""A program from Debian's packages: found on PATH, or a loud error when it is missing and
apt-get cannot install it (never a silent skip)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clusterkit.infra import debian


def test_a_program_on_path_is_taken_as_it_is() -> None:
    assert debian.debian_program("sh", needed_for="a shell") == Path(str(shutil.which("sh")))


def test_a_missing_program_without_apt_get_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(debian.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match=r"the tests need it: .*apt-get install copper-x"):
        debian.debian_program("copper-x", needed_for="the tests need it")
