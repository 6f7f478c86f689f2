"""Every migration, linted with squawk as the SQL it runs: each revision rendered on its own
(``alembic upgrade <down>:<rev> --sql``, offline, as a deploy applies it to a database that
already has the tables before it), and any finding fails unless that migration says why it
is safe.

The marker is a module-level dict in the migration file, read without importing it::

    SAFE_BECAUSE = {"ban-drop-constraint": "the unique index made in the same transaction"}

Each key is a squawk rule the migration is allowed to break, each value the reason; an empty
reason, or a rule squawk does not flag there (a stale marker), fails too. See
docs/decisions/0009-schemas-across-deploys-and-lock-orders.md.
"""

from __future__ import annotations

import ast
import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import Script, ScriptDirectory

ROOT = Path(__file__).parents[1]
SERVICES = ("membership", "production", "supply", "gateway")
SQUAWK = Path(sys.executable).parent / "squawk"
PG_VERSION = "15.0"  # the Postgres every deploy runs
# Rules about column types, not about operations: they flag no lock and no rewrite, and the
# types they question are chosen (varchar(N) holds fixed-length codes such as a STIR or an
# ISO 3166-2 region; int holds row versions and counters far below 2^31).
NOT_ABOUT_SAFETY = ("prefer-bigint-over-int", "prefer-text-field")


@dataclass(frozen=True)
class Finding:
    rule: str
    statement: str
    message: str


def alembic_config(script_location: Path) -> tuple[Config, io.StringIO]:
    out = io.StringIO()
    config = Config(output_buffer=out)
    config.set_main_option("script_location", str(script_location))
    return config, out


def revisions(script_location: Path) -> list[Script]:
    config, _ = alembic_config(script_location)
    return list(reversed(list(ScriptDirectory.from_config(config).walk_revisions())))


def render(script_location: Path, script: Script) -> str:
    """The SQL of one revision as the deploy runs it (timeouts and transaction included)."""
    config, out = alembic_config(script_location)
    down = script.down_revision
    assert down is None or isinstance(down, str), "no merge revisions"
    target = script.revision if down is None else f"{down}:{script.revision}"
    command.upgrade(config, target, sql=True)
    return out.getvalue()


def squawk(sql: str, folder: Path) -> list[Finding]:
    path = folder / "migration.sql"
    path.write_text(sql)
    argv = [SQUAWK, "--pg-version", PG_VERSION, "--reporter", "json", path]
    argv += [f"--exclude={rule}" for rule in NOT_ABOUT_SAFETY]
    result = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    lines = sql.splitlines()
    return [
        Finding(f["rule_name"], lines[f["line"]].strip(), f["message"])
        for f in json.loads(result.stdout or "[]")
    ]


def safe_because(path: Path) -> dict[str, str]:
    """The migration's ``SAFE_BECAUSE`` (empty when it has none)."""
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "SAFE_BECAUSE" for t in node.targets
        ):
            marker = ast.literal_eval(node.value)
            assert isinstance(marker, dict), f"{path.name}: SAFE_BECAUSE must be a dict"
            return marker
    return {}


def problems(script_location: Path, folder: Path) -> list[str]:
    """What the check fails on, over every revision of one migration environment."""
    found: list[str] = []
    for script in revisions(script_location):
        path = Path(script.path)
        findings = squawk(render(script_location, script), folder)
        marker = safe_because(path)
        for finding in findings:
            if finding.rule not in marker:
                found.append(
                    f"{path.name}: {finding.rule}: {finding.message} ({finding.statement})"
                )
        flagged = {f.rule for f in findings}
        for rule, reason in marker.items():
            if not str(reason).strip():
                found.append(f"{path.name}: SAFE_BECAUSE[{rule!r}] gives no reason")
            if rule not in flagged:
                found.append(f"{path.name}: SAFE_BECAUSE[{rule!r}] but squawk flags no {rule}")
    return found


@pytest.mark.parametrize("service", SERVICES)
def test_every_migration_is_safe_or_says_why(service: str, tmp_path: Path) -> None:
    assert problems(ROOT / "services" / service / "migrations", tmp_path) == []


# A migration environment of its own, with the shape of a service's (clusterkit's env), for
# the check to fail on.
ENV = """\
from sqlalchemy import MetaData

from clusterkit.migrations import run

run(MetaData(schema="lint_demo"), env_var="LINT_DEMO_DATABASE_URL")
"""
FIRST = '''\
"""a table"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table("things", sa.Column("id", sa.Text, primary_key=True), schema="lint_demo")
'''
# An index on a table that already has rows, built without CONCURRENTLY: writes to it
# wait for the whole build.
UNSAFE = '''\
"""an index on an existing table"""
from alembic import op

revision = "0002"
down_revision = "0001"
{marker}

def upgrade() -> None:
    op.create_index("ix_things_id", "things", ["id"], schema="lint_demo")
'''


def demo_environment(folder: Path, marker: str) -> Path:
    location = folder / "migrations"
    (location / "versions").mkdir(parents=True)
    (location / "env.py").write_text(ENV)
    (location / "script.py.mako").write_text("")
    (location / "versions" / "0001_things.py").write_text(FIRST)
    (location / "versions" / "0002_index.py").write_text(UNSAFE.format(marker=marker))
    return location


def test_an_unsafe_migration_without_a_reason_fails_the_check(tmp_path: Path) -> None:
    found = problems(demo_environment(tmp_path, ""), tmp_path)
    assert len(found) == 1, found
    assert found[0].startswith("0002_index.py: require-concurrent-index-creation"), found


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        ('SAFE_BECAUSE = {"require-concurrent-index-creation": "things is empty"}', []),
        (
            'SAFE_BECAUSE = {"require-concurrent-index-creation": " "}',
            ["0002_index.py: SAFE_BECAUSE['require-concurrent-index-creation'] gives no reason"],
        ),
        (
            'SAFE_BECAUSE = {"require-concurrent-index-creation": "empty", "ban-drop-table": "x"}',
            ["0002_index.py: SAFE_BECAUSE['ban-drop-table'] but squawk flags no ban-drop-table"],
        ),
    ],
    ids=["reason", "no-reason", "stale"],
)
def test_the_marker_needs_a_reason_and_a_finding(
    marker: str, expected: list[str], tmp_path: Path
) -> None:
    assert problems(demo_environment(tmp_path, marker), tmp_path) == expected


def test_a_migration_runs_with_lock_and_statement_timeouts(tmp_path: Path) -> None:
    [first, _] = revisions(demo_environment(tmp_path, ""))
    sql = render(tmp_path / "migrations", first)
    assert "SET LOCAL lock_timeout = '5s'" in sql
    assert "SET LOCAL statement_timeout = '10min'" in sql
