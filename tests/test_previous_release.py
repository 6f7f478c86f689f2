"""N-1: each service's previous release runs on the schema this tree migrates to.

A team deploys its service alone, migration Job first, so for a while the old pods run on
the new schema. For each service this test takes the previous release of its code (the
newest commit whose ``services/<svc>/src`` differs from this tree's; HEAD~1 if none does),
with the library and tests of that same commit (what its image held), extracted with
``git archive`` into a temporary folder (no worktree: nothing in the repository changes).
It then runs that release's own smoke checks (the basic create and list paths of its
``tests/integration``) on a database provisioned and migrated to head by THIS tree.

The old tests never run their own migrations: a ``platform_database`` fixture of this
module's is written beside them (``tests/integration/conftest.py``, which overrides the
root conftest's), and it provisions and migrates by calling this file as a script with
this tree's Python path. Old migrations on a head database would be wrong both ways: the
old script folder does not know head's revisions (Alembic refuses), and stamping would
hide the point, which is old code on new tables. See
docs/decisions/0009-schemas-across-deploys-and-lock-orders.md.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SERVICES = ("membership", "production", "supply", "gateway")
# The basic create and list paths of each service (its own tests, as named in the old code).
SMOKE = {
    "membership": "anonymous_company_applies or admins_list_applications or registry_filters"
    " or approval_admits_a_member",
    "production": "second_report_is_a_revision or latest_reports_are_paged"
    " or annual_target_is_spread",
    "supply": "verified_supplier_lists_an_item or competing_offers"
    " or confirmed_shipped_and_delivered or requests_are_listed_newest_first",
    "gateway": "issues_a_key_shown_once or keys_are_listed_newest_first"
    " or subscriptions_are_their_keys_own",
}
# What an old test run needs beside its service: the library, the root conftest and tool
# settings, the Kafka pom the test plugin finds, and what its tests import from the root
# (the OCDS schemas and their loader); each only where the old commit has it.
EXTRACT = (
    "shared",
    "conftest.py",
    "pyproject.toml",
    "deploy/kafka",
    "tests/ocds_schemas.py",
    "contracts/standards",
)
TIMEOUT = 300

# Written beside the old tests: their database at HEAD's schema, made by HEAD's code.
OVERRIDE = """

# --- tests/test_previous_release.py (N-1): the database at head, migrated by head ---
import json as _n1_json
import secrets as _n1_secrets
import subprocess as _n1_subprocess
import uuid as _n1_uuid

import clusterkit as _n1_clusterkit
import pytest as _n1_pytest
from clusterkit.testing import TestDatabase as _N1TestDatabase

assert _n1_clusterkit.__file__.startswith({old!r}), _n1_clusterkit.__file__


@_n1_pytest.fixture(scope="session")
def platform_database(postgres_cluster):
    name = "cluster_n1_" + _n1_uuid.uuid4().hex[:12]
    roles = {services!r}
    passwords = {{role: _n1_secrets.token_urlsafe(16) for role in roles}}
    database = _N1TestDatabase(postgres_cluster, name, passwords)
    urls = {{role: database.url(role) for role in roles}}
    _n1_subprocess.run(
        [{python!r}, {script!r}, postgres_cluster.admin_dsn, name, _n1_json.dumps(passwords),
         _n1_json.dumps(urls), {after!r}],
        cwd={root!r}, env={env!r}, check=True,
    )
    return database
"""


def git(*argv: str) -> str:
    result = subprocess.run(["git", *argv], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"git {' '.join(argv)}: {result.stderr}"
    return result.stdout.strip()


def previous_release(service: str) -> str:
    """The newest commit whose code of ``service`` differs from this tree's."""
    code = f"services/{service}/src"
    assert git("rev-parse", "--is-shallow-repository") == "false", "N-1 needs full history"
    if git("status", "--porcelain", "--", code):
        return git("rev-parse", "HEAD")  # this tree changes the service: HEAD is N-1
    last = git("log", "-1", "--format=%H", "--", code)
    parents = git("rev-list", "--parents", "-n", "1", last).split()[1:]
    if parents:
        return parents[0]
    return git("rev-parse", "HEAD~1")


def has(commit: str, path: str) -> bool:
    found = subprocess.run(
        ["git", "cat-file", "-e", f"{commit}:{path}"], cwd=ROOT, capture_output=True, check=False
    )
    return found.returncode == 0


def extract(commit: str, service: str, into: Path) -> None:
    archive = into / "release.tar"
    paths = [path for path in (*EXTRACT, f"services/{service}") if has(commit, path)]
    git("archive", "--format=tar", f"--output={archive}", commit, *paths)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    archive.unlink()


def head_env() -> dict[str, str]:
    """This tree's environment: its packages (the editable installs), not the old ones."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}


def write_override(old: Path, service: str, after: str) -> None:
    conftest = old / "services" / service / "tests" / "integration" / "conftest.py"
    existing = conftest.read_text() if conftest.exists() else ""
    conftest.write_text(
        existing
        + OVERRIDE.format(
            old=str(old),
            services=SERVICES,
            python=sys.executable,
            script=str(Path(__file__).resolve()),
            root=str(ROOT),
            env=head_env(),
            after=after,
        )
    )


def run_release(service: str, commit: str, *, after: str = "") -> tuple[int, str]:
    """The smoke checks of ``service`` at ``commit`` on a head database (``after``: SQL run
    on it once migrated, for the test of this test)."""
    with tempfile.TemporaryDirectory(prefix=f"copper-n1-{service}-") as folder:
        old = Path(folder)
        extract(commit, service, old)
        write_override(old, service, after)
        env = {
            **head_env(),
            "PYTHONPATH": f"{old / 'shared' / 'src'}:{old / 'services' / service / 'src'}",
            "COPPER_KAFKA_POM": str(old / "deploy" / "kafka" / "pom.xml"),
        }
        argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        argv += ["--rootdir", str(old), f"services/{service}/tests/integration"]
        argv += ["-k", SMOKE[service]]
        result = subprocess.run(
            argv, cwd=old, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    return result.returncode, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("service", SERVICES)
def test_the_previous_release_runs_on_the_head_schema(service: str) -> None:
    commit = previous_release(service)
    status, output = run_release(service, commit)
    assert status == 0, f"{service} at {commit[:10]} on the head schema:\n{output}"
    passed = re.search(r"(\d+) passed", output)
    assert passed, output
    assert int(passed.group(1)) >= 2, output  # the smoke set ran, not nothing


@pytest.mark.slow
def test_a_contract_step_taken_too_early_fails_the_previous_release() -> None:
    # A column the previous release still writes, dropped as if head had contracted it.
    status, output = run_release(
        "membership",
        previous_release("membership"),
        after="ALTER TABLE membership.applications DROP COLUMN proposal",
    )
    assert status != 0, output
    assert 'column "proposal"' in output, output


def head_schema(admin_dsn: str, name: str, passwords: str, urls: str, after: str) -> None:
    """Provision ``name`` and migrate every service to head, with this tree's code; then
    run ``after`` (SQL) as the cluster's admin, if given."""
    import asyncpg

    from clusterkit.provisioning import provision
    from clusterkit.testing import migrate

    async def main() -> None:
        await provision(admin_dsn, name, json.loads(passwords))
        for service, url in json.loads(urls).items():
            await migrate(ROOT / "services" / service / "alembic.ini", url)
        if after:
            connection = await asyncpg.connect(admin_dsn.rsplit("/", 1)[0] + f"/{name}")
            try:
                await connection.execute(after)
            finally:
                await connection.close()

    asyncio.run(main())


if __name__ == "__main__":
    head_schema(*sys.argv[1:6])
