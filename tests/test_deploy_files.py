"""docker-compose.yml and the Dockerfile, checked statically (no Docker engine runs here):
the compose file against the Compose specification's JSON Schema, the Dockerfiles with
hadolint, and every service is built from the one Dockerfile, waits for what it needs, gets
the settings its code reads, and uses the Kafka version the native stack pins."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).parents[1]
SERVICES = ("membership", "production", "supply", "gateway")
BIN = Path(sys.executable).parent  # check-jsonschema and hadolint come with the venv
DOCKERFILES = sorted(ROOT.glob("deploy/**/Dockerfile*"))


def run(*argv: str | Path) -> tuple[int, str]:
    result = subprocess.run(
        [str(a) for a in argv], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return result.returncode, result.stdout + result.stderr


def check_compose(path: Path) -> tuple[int, str]:
    # The schema is vendored in check-jsonschema: nothing is downloaded.
    return run(BIN / "check-jsonschema", "--builtin-schema", "vendor.compose-spec", path)


def hadolint(path: Path) -> tuple[int, str]:
    # Every finding fails, down to style.
    return run(BIN / "hadolint", "--no-color", "--failure-threshold", "style", path)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


def test_the_compose_file_follows_the_compose_specification() -> None:
    status, output = check_compose(ROOT / "docker-compose.yml")
    assert status == 0, output


def test_the_compose_check_rejects_a_misspelt_key(tmp_path: Path) -> None:
    broken = tmp_path / "compose.yml"
    broken.write_text("services:\n  web:\n    image: x\n    enviroment: {A: b}\n")
    status, output = check_compose(broken)
    assert status != 0, output
    assert "enviroment" in output


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_dockerfiles_pass_hadolint(dockerfile: Path) -> None:
    status, output = hadolint(dockerfile)
    assert status == 0, output


def test_hadolint_rejects_a_bad_dockerfile(tmp_path: Path) -> None:
    broken = tmp_path / "Dockerfile"
    broken.write_text("FROM python:3.11-slim\nRUN cd /tmp && pip install requests\n")
    status, output = hadolint(broken)
    assert status != 0, output
    assert "DL3003" in output


def test_each_service_is_built_from_the_dockerfile_for_its_own_package(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    for name, spec in services.items():
        build = spec.get("build")
        if build is None:
            continue
        assert build["dockerfile"] == "deploy/docker/Dockerfile", name
        service = build["args"]["SERVICE"]
        assert (ROOT / "services" / service / "pyproject.toml").exists(), name
        assert spec["image"] == f"copper-cluster/{service}", name
    for name in SERVICES:
        assert services[name]["build"]["args"]["SERVICE"] == name


def test_start_order_waits_for_migrations_topics_and_healthy_dependencies(
    compose: dict[str, Any],
) -> None:
    services = compose["services"]
    for name, spec in services.items():
        for dependency in spec.get("depends_on", {}):
            assert dependency in services, f"{name} depends on unknown {dependency}"
    for name in SERVICES:
        depends = services[name]["depends_on"]
        assert depends[f"{name}-migrate"]["condition"] == "service_completed_successfully"
        assert depends["kafka-topics"]["condition"] == "service_completed_successfully"
        assert depends["kafka"]["condition"] == "service_healthy"
        assert services[f"{name}-migrate"]["command"] == ["migrate"]
        assert (
            services[f"{name}-migrate"]["depends_on"]["provision"]["condition"]
            == "service_completed_successfully"
        )
    assert services["provision"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "healthcheck" in services["postgres"]
    assert "healthcheck" in services["kafka"]
    topics = services["kafka-topics"]["command"][0]
    for topic in ("membership.events", "production.events", "supply.events"):
        assert topic in topics


def test_only_the_gateway_is_published(compose: dict[str, Any]) -> None:
    published = {name for name, spec in compose["services"].items() if spec.get("ports")}
    assert published == {"gateway"}


def test_each_service_gets_the_settings_its_code_reads(compose: dict[str, Any]) -> None:
    for name in SERVICES:
        env = compose["services"][name]["environment"]
        prefix = name.upper() + "_"
        for setting in (
            "DATABASE_URL",
            "KAFKA_BOOTSTRAP_SERVERS",
            "INTERNAL_TOKEN_SECRET",
            "ENVIRONMENT",
        ):
            assert prefix + setting in env, f"{name} lacks {prefix}{setting}"
        assert (
            f"{name}:${{{prefix}DB_PASSWORD}}@postgres:5432/cluster" in env[prefix + "DATABASE_URL"]
        )
    gateway = compose["services"]["gateway"]["environment"]
    for upstream in ("membership", "production", "supply"):
        assert gateway[f"GATEWAY_{upstream.upper()}_URL"] == f"http://{upstream}:8000"


def test_the_kafka_image_matches_the_native_stacks_pinned_version(
    compose: dict[str, Any],
) -> None:
    pom = (ROOT / "deploy" / "kafka" / "pom.xml").read_text()
    match = re.search(r"kafka_2\.13</artifactId><version>([^<]+)<", pom)
    assert match
    for name in ("kafka", "kafka-topics"):
        assert compose["services"][name]["image"] == f"apache/kafka:{match.group(1)}"


def test_every_variable_compose_uses_is_in_env_example() -> None:
    used = set(
        re.findall(r"\$\{([A-Z_]+)(?::-[^}]*)?\}", (ROOT / "docker-compose.yml").read_text())
    )
    example = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }
    assert used <= example, used - example


def test_the_image_runs_as_a_non_root_user_with_a_healthcheck() -> None:
    dockerfile = (ROOT / "deploy" / "docker" / "Dockerfile").read_text()
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.MULTILINE)
    assert users, "no USER"
    assert users[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*healthz", dockerfile, re.MULTILINE | re.DOTALL)
    assert "secret" not in dockerfile.lower().replace("no secret", "")
    assert "--build-arg SERVICE" in dockerfile


def test_the_gateway_keeps_its_buckets_in_the_redis_beside_it(compose: dict[str, Any]) -> None:
    services = compose["services"]
    url = services["gateway"]["environment"]["GATEWAY_REDIS_URL"]
    host = re.fullmatch(r"redis://([\w-]+):6379/\d+", url)
    assert host, url
    redis = services[host.group(1)]
    assert services["gateway"]["depends_on"][host.group(1)]["condition"] == "service_healthy"
    assert "healthcheck" in redis
    # The same BSD-licensed image as the Kubernetes prod overlay.
    prod = (ROOT / "deploy" / "k8s" / "overlays" / "prod" / "redis.yaml").read_text()
    assert f"image: {redis['image']}\n" in prod
