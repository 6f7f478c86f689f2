"""The typed client in clients/python is the one the API generates (no drift), and /api/v1
stays compatible: the merged OpenAPI against its committed snapshot and against every
earlier version of it in git (docs/api-lifecycle.md). No platform needed: the document is
built from the services' apps, as ``./dev client`` builds it."""

from __future__ import annotations

import copy
import importlib
import json
import pkgutil
import shutil
import subprocess
from pathlib import Path
from typing import Any

import copper_cluster_client.api
import pytest
from client_codegen import (
    COMMAND,
    OPERATIONS,
    PACKAGE,
    SNAPSHOT,
    generate,
    generator_view,
    merged_openapi,
    operations_module,
    snapshot_text,
    stale_files,
)

from clusterkit.lifecycle import breaking_api_changes

ROOT = Path(__file__).parents[1]
FIX = f"run {COMMAND} and commit what it writes"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return merged_openapi()


@pytest.fixture(scope="module")
def generated(document: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    package = tmp_path_factory.mktemp("client") / PACKAGE.name
    generate(document, package)
    return package


def test_the_committed_client_is_the_one_the_api_generates(generated: Path) -> None:
    stale = stale_files(PACKAGE, generated)
    assert not stale, (
        f"clients/python/src/{PACKAGE.name} is not what the API generates ({len(stale)} files "
        f"differ, e.g. {stale[:5]}): {FIX}"
    )


def test_the_thin_layer_knows_the_creates_that_take_an_idempotency_key(
    document: dict[str, Any],
) -> None:
    assert OPERATIONS.read_text() == operations_module(document), f"stale {OPERATIONS}: {FIX}"
    assert "/api/v1/membership/applications" in OPERATIONS.read_text()


def test_the_drift_check_finds_a_changed_a_missing_and_an_extra_file(
    generated: Path, tmp_path: Path
) -> None:
    copy = shutil.copytree(generated, tmp_path / "copy")
    (copy / "client.py").write_text((copy / "client.py").read_text() + "# edited\n")
    (copy / "types.py").unlink()
    (copy / "extra.py").write_text("")
    assert stale_files(generated, copy) == ["client.py", "extra.py", "types.py"]
    assert stale_files(generated, generated) == []


def test_every_operation_has_a_generated_function_that_imports(document: dict[str, Any]) -> None:
    """Nothing of the document is lost on the way (the generator warns and drops what it
    cannot read; ``generate`` fails on a warning): one module per operation, save the ones
    the generator's view leaves out, named in its docstring."""
    view = generator_view(document)
    expected = {op["operationId"] for methods in view["paths"].values() for op in methods.values()}
    modules = {
        info.name.rsplit(".", 1)[1]
        for info in pkgutil.walk_packages(
            copper_cluster_client.api.__path__, copper_cluster_client.api.__name__ + "."
        )
        if not info.ispkg
    }
    assert modules == expected
    for info in pkgutil.walk_packages(
        copper_cluster_client.api.__path__, copper_cluster_client.api.__name__ + "."
    ):
        module = importlib.import_module(info.name)
        assert info.ispkg or callable(module.sync_detailed), info.name
    left_out = {
        (method, path)
        for path, methods in document["paths"].items()
        for method in methods
        if method not in view["paths"].get(path, {})
    }
    assert left_out == {("post", "/api/v1/production/reports/import")}


def test_the_snapshot_is_the_current_document(document: dict[str, Any]) -> None:
    assert SNAPSHOT.read_text() == snapshot_text(document), (
        f"{SNAPSHOT.relative_to(ROOT)} is not the current merged OpenAPI: if the change is "
        f"compatible (test_v1_stays_compatible_with_the_snapshot passes), {FIX}"
    )


def test_v1_stays_compatible_with_the_snapshot(document: dict[str, Any]) -> None:
    problems = breaking_api_changes(json.loads(SNAPSHOT.read_text()), document)
    assert not problems, (
        "the API changed in a way that breaks v1 callers; v1 stays compatible: add "
        "/api/v2 paths for the new shape instead (docs/api-lifecycle.md):\n  - "
        + "\n  - ".join(problems)
    )


def test_the_check_finds_a_break_in_the_real_document(document: dict[str, Any]) -> None:
    broken = copy.deepcopy(document)
    del broken["components"]["schemas"]["Member"]["properties"]["legal_name"]
    members = broken["paths"]["/api/v1/membership/members"]["get"]
    members["parameters"] = [p for p in members["parameters"] if p["name"] != "region"]
    problems = breaking_api_changes(document, broken)
    assert "GET /api/v1/membership/members 200/items/items/legal_name: removed" in problems
    assert "GET /api/v1/membership/members query parameter region: removed" in problems


def git(*args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def test_v1_stays_compatible_with_every_committed_snapshot(document: dict[str, Any]) -> None:
    """An edited snapshot cannot hide a break: every version of it ever committed holds."""
    if git("rev-parse", "--is-shallow-repository").strip() != "false":
        pytest.fail("a shallow clone: the check needs the whole history (git fetch --unshallow)")
    relative = SNAPSHOT.relative_to(ROOT).as_posix()
    for sha in git("log", "--format=%H", "--", relative).split():
        try:
            old = json.loads(git("show", f"{sha}:{relative}"))
        except AssertionError:
            continue  # the commit that deleted it
        problems = breaking_api_changes(old, document)
        assert not problems, (
            f"breaks v1 callers of the API as committed in {sha[:12]}; add /api/v2 paths "
            f"instead (docs/api-lifecycle.md):\n  - " + "\n  - ".join(problems)
        )
