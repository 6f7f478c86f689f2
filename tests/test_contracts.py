"""The event contracts in contracts/<service>/ are the ones the code publishes, their AsyncAPI
documents pass the AsyncAPI CLI, and no published schema changed incompatibly in git history."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from clusterkit import member_projection
from clusterkit.contracts import EventContract, EventContracts, breaking_changes
from clusterkit.infra.tools import ensure_asyncapi_cli
from gateway.events import contracts as gateway
from membership.events import contracts as membership
from production.events import contracts as production
from supply.events import contracts as supply

ROOT = Path(__file__).parents[1]
CATALOGUES = {
    "membership": membership,
    "production": production,
    "supply": supply,
    "gateway": gateway,
}
ISSUED = {
    "membership": {
        f"uz.coppercluster.membership.{name}.v1"
        for name in (
            "application.submitted",
            "application.review_started",
            "application.info_requested",
            "application.responded",
            "application.approved",
            "application.rejected",
            "application.withdrawn",
            "member.admitted",
            "member.updated",
            "member.suspended",
            "member.reinstated",
            "member.expelled",
            "member.quota_changed",
        )
    },
    "production": {
        f"uz.coppercluster.production.{name}.v1"
        for name in (
            "report.submitted",
            "report.revised",
            "report.returned",
            "report.due",
            "plan.set",
            "period.locked",
            "deep_processing.updated",
        )
    },
    "supply": {
        f"uz.coppercluster.supply.{name}.v1"
        for name in (
            "supplier.registered",
            "supplier.verified",
            "supplier.suspended",
            "supplier.reinstated",
            "supplier.certificate_expiring",
            "item.listed",
            "item.updated",
            "item.price_changed",
            "item.delisted",
            "request.opened",
            "request.closed",
            "request.cancelled",
            "offer.submitted",
            "offer.replaced",
            "offer.withdrawn",
            "offer.declined",
            "order.placed",
            "order.confirmed",
            "order.shipped",
            "order.delivered",
            "order.cancelled",
        )
    },
    "gateway": {"uz.coppercluster.gateway.webhook.disabled.v1"},
}


@pytest.mark.parametrize("service", CATALOGUES)
def test_the_committed_schemas_and_asyncapi_match_the_event_models(
    service: str, tmp_path: Path
) -> None:
    contracts = CATALOGUES[service]
    folder = ROOT / "contracts" / service
    regenerate = f"python -m clusterkit.contracts {service}.events:contracts contracts/{service}"
    written = contracts.write(tmp_path)
    for path in written:
        committed = folder / path.relative_to(tmp_path)
        assert committed.exists(), f"{committed} is missing; run {regenerate}"
        assert committed.read_text() == path.read_text(), f"stale {committed}; run {regenerate}"
    names = {p.name for p in (folder / "schemas").iterdir()}
    assert names == {p.name for p in written if p.parent.name == "schemas"}


@pytest.mark.parametrize("service", CATALOGUES)
def test_every_event_type_the_issues_name_has_a_contract(service: str) -> None:
    assert set(CATALOGUES[service].by_type) == ISSUED[service]


CONTRACTS = [(c, contract) for c in CATALOGUES.values() for contract in c.by_type.values()]


@pytest.mark.parametrize(("catalogue", "contract"), CONTRACTS, ids=[c.type for _, c in CONTRACTS])
def test_each_example_is_valid_and_an_empty_payload_is_not(
    catalogue: EventContracts, contract: EventContract
) -> None:
    catalogue.validate(contract.type, contract.example.model_dump(mode="json"))
    with pytest.raises(Exception, match="required"):
        catalogue.validate(contract.type, {})


@pytest.fixture(scope="session")
def asyncapi_cli() -> Path:
    """The AsyncAPI CLI, installed once from npm (fails the tests if it cannot be)."""
    return ensure_asyncapi_cli()


def asyncapi_validate(cli: Path, document: Path) -> subprocess.CompletedProcess[str]:
    # Warnings fail too: the documents are generated, so any finding is the generator's.
    return subprocess.run(
        [str(cli), "validate", "--fail-severity", "warn", str(document)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.mark.parametrize("service", CATALOGUES)
def test_the_asyncapi_document_passes_the_asyncapi_cli(asyncapi_cli: Path, service: str) -> None:
    result = asyncapi_validate(asyncapi_cli, ROOT / "contracts" / service / "asyncapi.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is valid" in result.stdout


def test_the_asyncapi_cli_rejects_a_broken_document(asyncapi_cli: Path, tmp_path: Path) -> None:
    folder = shutil.copytree(ROOT / "contracts" / "supply", tmp_path / "supply")
    document = folder / "asyncapi.yaml"
    # "publish" is AsyncAPI 2's word; 3.0 knows only send and receive.
    document.write_text(document.read_text().replace("action: send", "action: publish"))
    result = asyncapi_validate(asyncapi_cli, document)
    assert result.returncode != 0
    assert "action" in result.stdout + result.stderr


# Compatibility of published schemas: every schema file against each earlier version of it.

SCHEMAS = sorted((ROOT / "contracts").glob("*/schemas/*.json"))


def git(*args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def full_history() -> None:
    if git("rev-parse", "--is-shallow-repository").strip() != "false":
        pytest.fail(
            "this is a shallow clone: the schema compatibility check needs the whole history "
            "(git fetch --unshallow, or clone without --depth)"
        )


def earlier_versions(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(commit, schema) for each commit that touched ``path``, following moves."""
    relative = path.relative_to(ROOT).as_posix()
    type_ = json.loads(path.read_text())["$id"]
    log = git("log", "--format=%x00%H", "--name-only", "--follow", "--", relative)
    versions = []
    for entry in log.split("\0")[1:]:
        sha, *names = entry.split()
        if not names:  # a commit that deleted the file names nothing to show
            continue
        schema = json.loads(git("show", f"{sha}:{names[0]}"))
        # --follow also takes a similar new file for a copy of another one (a new event
        # type added next to an old one): only versions of this same type count.
        if schema.get("$id") == type_:
            versions.append((sha, schema))
    return versions


@pytest.mark.usefixtures("full_history")
@pytest.mark.parametrize("path", SCHEMAS, ids=[p.stem for p in SCHEMAS])
def test_a_published_schema_only_changes_compatibly(path: Path) -> None:
    current = json.loads(path.read_text())
    for sha, old in earlier_versions(path):
        problems = breaking_changes(old, current)
        assert not problems, (
            f"{path.name} breaks consumers of the version in {sha[:12]}: {problems}. A published "
            f"type does not change incompatibly; publish a new type ({current['$id']} → .v2) "
            "next to it instead."
        )


OBJECT: dict[str, Any] = {
    "$defs": {"Money": {"type": "object", "properties": {"amount": {"type": "string"}}}},
    "type": "object",
    "required": ["id", "total"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "total": {"$ref": "#/$defs/Money"},
        "status": {"type": "string", "enum": ["placed", "confirmed"]},
        "note": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
        "lines": {"type": "array", "items": {"type": "integer"}},
    },
}


Edit = Callable[[dict[str, Any]], object]


def changed(edit: Edit) -> dict[str, Any]:
    """A copy of OBJECT with one edit applied."""
    schema = json.loads(json.dumps(OBJECT))
    edit(schema)
    return schema


def prop(s: dict[str, Any], name: str) -> dict[str, Any]:
    result: dict[str, Any] = s["properties"][name]
    return result


BREAKING: dict[str, tuple[Edit, str]] = {
    "property removed": (lambda s: s["properties"].pop("note"), "/note: property removed"),
    "type changed": (lambda s: prop(s, "lines")["items"].update(type="string"), "type changed"),
    "format changed": (lambda s: prop(s, "id").update(format="uri"), "format changed"),
    "made nullable": (
        lambda s: s["properties"].update(id={"anyOf": [prop(s, "id"), {"type": "null"}]}),
        "/id: anyOf changed",
    ),
    "$ref target changed": (
        lambda s: s["$defs"]["Money"]["properties"]["amount"].update(type="number"),
        "/total/amount: type changed",
    ),
    "$ref target lost a property": (
        lambda s: s["$defs"]["Money"]["properties"].clear(),
        "/total/amount: property removed",
    ),
    "optional became required": (lambda s: s["required"].append("status"), "became required"),
    "required became optional": (lambda s: s["required"].remove("total"), "no longer required"),
    "new required property": (
        lambda s: (
            s["properties"].update(region={"type": "string"}),
            s["required"].append("region"),
        ),
        "/region: new required property",
    ),
    "enum narrowed": (
        lambda s: prop(s, "status").update(enum=["placed"]),
        "no longer allows ['confirmed']",
    ),
    "enum where any value was allowed": (
        lambda s: prop(s, "lines")["items"].update(enum=[1, 2]),
        "no longer allows ['<any value>']",
    ),
}


@pytest.mark.parametrize("kind", BREAKING)
def test_breaking_changes_are_found(kind: str) -> None:
    edit, expected = BREAKING[kind]
    problems = breaking_changes(OBJECT, changed(edit))
    assert any(expected in p for p in problems), problems


COMPATIBLE: dict[str, Edit] = {
    "no change": lambda s: None,
    "optional property added": lambda s: s["properties"].update(region={"type": "string"}),
    "docs added": lambda s: (s.update(description="An order"), prop(s, "id").update(title="Id")),
    "examples changed": lambda s: s.update(examples=[{"id": "x"}]),
    "enum widened": lambda s: prop(s, "status")["enum"].append("shipped"),
    "$def renamed, same shape": lambda s: (
        s["$defs"].update(Amount=s["$defs"].pop("Money")),
        s["properties"].update(total={"$ref": "#/$defs/Amount"}),
    ),
    "$ref inlined": lambda s: s["properties"].update(total=s["$defs"]["Money"]),
}


@pytest.mark.parametrize("kind", COMPATIBLE)
def test_compatible_changes_pass(kind: str) -> None:
    assert breaking_changes(OBJECT, changed(COMPATIBLE[kind])) == []


@pytest.mark.parametrize(
    ("type_", "model"),
    [
        (member_projection.MEMBER_ADMITTED, member_projection.MemberAdmitted),
        (member_projection.MEMBER_UPDATED, member_projection.MemberUpdated),
        (member_projection.MEMBER_SUSPENDED, member_projection.MemberSuspended),
        (member_projection.MEMBER_REINSTATED, member_projection.MemberReinstated),
        (member_projection.MEMBER_EXPELLED, member_projection.MemberExpelled),
    ],
)
def test_the_member_projection_reads_what_membership_publishes(
    type_: str, model: type[BaseModel]
) -> None:
    """The projection's models are a reader's view of membership's committed schemas: every
    field it reads is one the schema has (required where the reader needs it), and the
    schema's example reads into it."""
    schema = json.loads((ROOT / "contracts/membership/schemas" / f"{type_}.json").read_text())
    required = set(schema.get("required", ()))
    for name, field in model.model_fields.items():
        assert name in schema["properties"], f"{type_} has no {name}"
        if field.is_required():
            assert name in required, f"{type_}: {name} is optional there"
    model.model_validate(schema["examples"][0])
