"""Offline validation of supply's OCDS export against the vendored OCDS 1.1.5 schemas
(``contracts/standards/ocds-1.1.5/``, see its README): each release against the
dereferenced release schema, a release package against the package schema with its
releases taken as objects, a record package's envelope by hand (no record-package schema is
vendored) and each record's releases and compiled release against the release schema. For
supply's integration tests and the end-to-end test alike."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, FormatChecker

OCDS = Path(__file__).parents[1] / "contracts" / "standards" / "ocds-1.1.5"
RECORD_PACKAGE_FIELDS = {"uri", "publisher", "publishedDate", "records", "version"}


@cache
def release_validator() -> Draft4Validator:
    schema = json.loads((OCDS / "dereferenced-release-schema.json").read_text())
    return Draft4Validator(schema, format_checker=FormatChecker())


@cache
def package_validator() -> Draft4Validator:
    schema = json.loads((OCDS / "release-package-schema.json").read_text())
    offline = copy.deepcopy(schema)
    offline["properties"]["releases"]["items"] = {"type": "object"}  # checked one by one
    return Draft4Validator(offline, format_checker=FormatChecker())


def release_errors(release: dict[str, Any]) -> list[str]:
    return [
        f"{release.get('id')}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in release_validator().iter_errors(release)
    ]


def package_errors(package: dict[str, Any]) -> list[str]:
    """Every schema error of a release package and of each of its releases."""
    errors = [
        f"package: {'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in package_validator().iter_errors(package)
    ]
    for release in package.get("releases", []):
        errors += release_errors(release)
    return errors


def record_package_errors(package: dict[str, Any]) -> list[str]:
    """The envelope a record package has in OCDS 1.1, and every release of every record
    (embedded and compiled) against the release schema."""
    errors = [f"package: missing {name}" for name in RECORD_PACKAGE_FIELDS - package.keys()]
    if package.get("version") != "1.1":
        errors.append(f"package: version {package.get('version')!r}")
    for record in package.get("records", []):
        for name in ("ocid", "releases", "compiledRelease"):
            if name not in record:
                errors.append(f"record {record.get('ocid')}: missing {name}")
        compiled = record.get("compiledRelease", {})
        if compiled.get("ocid") != record.get("ocid") or compiled.get("tag") != ["compiled"]:
            errors.append(f"record {record.get('ocid')}: compiledRelease is not its own")
        for release in [*record.get("releases", []), compiled]:
            errors += release_errors(release)
            if release.get("ocid") != record.get("ocid"):
                errors.append(f"record {record.get('ocid')}: a release of {release.get('ocid')}")
    return errors
