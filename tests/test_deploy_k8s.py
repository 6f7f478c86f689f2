"""deploy/k8s, checked statically: the base and every overlay, rendered by kustomize, pass
the Kubernetes API schemas (kubernetes-validate, offline) and the Strimzi resources their
own schemas; every service has its Deployment with probes and limits, Service,
PodDisruptionBudget, autoscaler and migration Job; topics and policies exist; the native
stack, compose and Kubernetes give each service the same settings names, each one its code
reads. The prod overlay's HA shape is checked in tests/test_deploy_k8s_prod.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from clusterkit.infra.tools import ensure_kustomize
from devstack import SERVICES, Stack

ROOT = Path(__file__).parents[1]
K8S = ROOT / "deploy" / "k8s"
NAMES = [s.name for s in SERVICES]
BUILDS = ["base", "overlays/dev", "overlays/prod"]
# The oldest Kubernetes the manifests are meant for. Every API they use (apps/v1, batch/v1,
# policy/v1, autoscaling/v2, networking.k8s.io/v1) is stable, so newer versions accept them.
KUBERNETES_VERSION = "1.33.0"
KUBERNETES_VALIDATE = Path(sys.executable).parent / "kubernetes-validate"

# kubernetes-validate knows no custom resources. Strimzi's are checked against subsets of
# their CRDs (kafka.strimzi.io/v1beta2) kept in deploy/k8s/schemas: the fields we set, their
# types and bounds, and the label that hands a topic or a node pool to our Kafka cluster
# (copper-kafka, whose bootstrap service the ConfigMap names). The Kafka cluster itself
# (Strimzi 0.46+, KRaft with node pools) is in the prod overlay only.
SCHEMAS = K8S / "schemas"
STRIMZI_CLUSTER = ("Kafka", "KafkaNodePool")
# Custom resources and how each is checked; any other kind without a schema fails.
CUSTOM_RESOURCES: dict[str, dict[str, Any]] = {
    kind: yaml.safe_load((SCHEMAS / f"{name}.yaml").read_text())
    for kind, name in [
        ("KafkaTopic", "kafka-topic"),
        ("Kafka", "kafka"),
        ("KafkaNodePool", "kafka-node-pool"),
    ]
}


@pytest.fixture(scope="session")
def kustomize() -> Path:
    """kustomize, built once from the Go module proxy (fails the tests if it cannot be)."""
    return ensure_kustomize()


def render(kustomize: Path, build: str) -> list[dict[str, Any]]:
    result = subprocess.run(
        [str(kustomize), "build", str(K8S / build)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return [d for d in yaml.safe_load_all(result.stdout) if d]


def kubernetes_validate(docs: list[dict[str, Any]], folder: Path) -> tuple[bool, str]:
    manifest = folder / "manifest.yaml"
    manifest.write_text(yaml.safe_dump_all(docs))
    result = subprocess.run(
        [KUBERNETES_VALIDATE, "--strict", "--quiet", "-k", KUBERNETES_VERSION, manifest],
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    # A kind it has no schema for is only a WARN with exit status 0: count it as a failure.
    return result.returncode == 0 and "WARN" not in output, output


def custom_resource_errors(doc: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(CUSTOM_RESOURCES[doc["kind"]])
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(doc)]
    spec = doc["spec"]
    # acks=all producers fail when fewer replicas than min.insync.replicas can ever exist.
    if doc["kind"] != "KafkaTopic" or errors:
        return errors
    if int(spec.get("config", {}).get("min.insync.replicas", 1)) > spec["replicas"]:
        errors.append("min.insync.replicas is above replicas")
    return errors


@pytest.mark.parametrize("build", BUILDS)
def test_rendered_manifests_pass_the_kubernetes_schemas(
    kustomize: Path, build: str, tmp_path: Path
) -> None:
    docs = render(kustomize, build)
    custom = [d for d in docs if d["kind"] in CUSTOM_RESOURCES]
    kinds = {d["kind"] for d in custom}
    # Every build has the topics; prod has the Kafka cluster too (dev brings its own broker).
    assert kinds == ({"KafkaTopic", *STRIMZI_CLUSTER} if build.endswith("prod") else {"KafkaTopic"})
    valid, output = kubernetes_validate([d for d in docs if d not in custom], tmp_path)
    assert valid, output
    errors = {d["metadata"]["name"]: custom_resource_errors(d) for d in custom}
    assert not any(errors.values()), errors


BROKEN_DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "x"},
    "spec": {
        "replica": 2,  # misspelt: only --strict rejects it
        "selector": {"matchLabels": {"app": "x"}},
        "template": {
            "metadata": {"labels": {"app": "x"}},
            "spec": {"containers": [{"name": "x", "image": "x"}]},
        },
    },
}
UNKNOWN_KIND = {
    "apiVersion": "kafka.strimzi.io/v1beta2",
    "kind": "KafkaUser",
    "metadata": {"name": "x"},
}


@pytest.mark.parametrize(
    ("doc", "expected"),
    [(BROKEN_DEPLOYMENT, "'replica' was unexpected"), (UNKNOWN_KIND, "Couldn't find schema")],
    ids=["typo", "no-schema"],
)
def test_the_kubernetes_check_rejects_typos_and_kinds_it_cannot_check(
    doc: dict[str, Any], expected: str, tmp_path: Path
) -> None:
    valid, output = kubernetes_validate([doc], tmp_path)
    assert not valid, output
    assert expected in output


@pytest.mark.parametrize(
    ("metadata", "spec", "expected"),
    [
        ({"name": "t"}, {"partitions": 3, "replicas": "3"}, ["'labels'", "'3' is not of type"]),
        (
            {"name": "t", "labels": {"strimzi.io/cluster": "copper-kafka"}},
            {"partitions": 3, "replicas": 1, "config": {"min.insync.replicas": "2"}},
            ["min.insync.replicas is above replicas"],
        ),
    ],
    ids=["schema", "min-isr"],
)
def test_the_topic_check_rejects_bad_topics(
    metadata: dict[str, Any], spec: dict[str, Any], expected: list[str]
) -> None:
    topic = {"apiVersion": "kafka.strimzi.io/v1beta2", "kind": "KafkaTopic"}
    errors = custom_resource_errors({**topic, "metadata": metadata, "spec": spec})
    assert len(errors) == len(expected), errors
    assert all(any(text in error for error in errors) for text in expected), errors


def documents() -> list[dict[str, Any]]:
    base = yaml.safe_load((K8S / "base" / "kustomization.yaml").read_text())
    docs: list[dict[str, Any]] = []
    for resource in base["resources"]:
        docs += [d for d in yaml.safe_load_all((K8S / "base" / resource).read_text()) if d]
    return docs


def by_kind(kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in documents() if d["kind"] == kind}


def env_names(containers: list[dict[str, Any]]) -> set[str]:
    return {e["name"] for c in containers for e in c.get("env", [])}


@pytest.mark.parametrize("service", NAMES)
def test_each_service_has_its_workload_resources(service: str) -> None:
    deployment = by_kind("Deployment")[service]
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    assert container["readinessProbe"]["httpGet"]["path"] in ("/readyz", "/healthz")
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    if service != "gateway":
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert set(container["resources"]) == {"requests", "limits"}
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    assert service in by_kind("Service")
    assert service in by_kind("PodDisruptionBudget")
    assert by_kind("HorizontalPodAutoscaler")[service]["spec"]["minReplicas"] >= 2
    job = by_kind("Job")[f"{service}-migrate"]
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["migrate"]


def test_topics_policies_and_ingress() -> None:
    topics = by_kind("KafkaTopic")
    assert set(topics) == {
        "membership.events",
        "production.events",
        "supply.events",
        "gateway.events",
    }
    assert all(t["spec"]["partitions"] >= 3 and t["spec"]["replicas"] >= 1 for t in topics.values())
    policies = by_kind("NetworkPolicy")
    assert policies["default-deny"]["spec"]["podSelector"] == {}
    services = policies["services-from-gateway"]["spec"]
    assert services["ingress"][0]["from"][0]["podSelector"]["matchLabels"] == {
        "app.kubernetes.io/name": "gateway"
    }
    ingress = by_kind("Ingress")["gateway"]
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == "gateway"


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_overlays_build_on_the_base_and_pin_every_image(overlay: str) -> None:
    folder = K8S / "overlays" / overlay
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
    base, *own = kustomization["resources"]
    assert base == "../../base"
    assert all((folder / name).is_file() for name in own), own  # its own files only
    assert {i["name"] for i in kustomization["images"]} == {f"copper-cluster/{n}" for n in NAMES}
    for name in own:  # an image an overlay adds is pinned where it is named
        for doc in yaml.safe_load_all((folder / name).read_text()):
            for container in (
                (doc or {})
                .get("spec", {})
                .get("template", {})
                .get("spec", {})
                .get("containers", [])
            ):
                assert re.fullmatch(r"[\w./-]+:\d+\.\d+\.\d+[\w.-]*", container["image"]), container


# Settings only the HA mode gives (native: --instances 2 and more; compose: Redis, one
# gateway; Kubernetes: the prod overlay). Kubernetes calls each service by its Service name
# (kube-proxy spreads the calls), so it never needs the list of a service's instances.
HA_ONLY = {"GATEWAY_REDIS_URL", "GATEWAY_INSTANCES", "GATEWAY_TRUSTED_PROXIES"}
INSTANCE_LISTS = {f"GATEWAY_{n.upper()}_URLS" for n in ("membership", "production", "supply")}


def settings_read(service: str) -> set[str]:
    """The environment names the service's settings class reads."""
    module = __import__(f"{service}.settings", fromlist=["*"])
    [settings] = [
        v
        for k, v in vars(module).items()
        if k.endswith("Settings") and k != "ServiceSettings" and isinstance(v, type)
    ]
    prefix = settings.model_config["env_prefix"]
    return {prefix + name.upper() for name in settings.model_fields}


def kinds(docs: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def test_native_compose_and_kubernetes_give_the_same_settings(
    kustomize: Path, tmp_path: Path
) -> None:
    from topology import Mode

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    deployments = by_kind("Deployment")
    prod = kinds(render(kustomize, "overlays/prod"), "Deployment")
    stack = Stack(tmp_path / "state", any_free_ports=True)
    balanced = Stack(tmp_path / "ha", any_free_ports=True, mode=Mode(brokers=3, instances=2))
    for service in SERVICES:
        prefix = service.env_prefix

        def own(names: Any) -> set[str]:
            return {k for k in names if k.startswith(prefix)}  # noqa: B023

        native = own(stack.service_env(service))
        native_ha = own(balanced.service_env(service)) - INSTANCE_LISTS
        in_compose = own(compose[service.name]["environment"])
        in_k8s = own(env_names(deployments[service.name]["spec"]["template"]["spec"]["containers"]))
        in_prod = own(env_names(prod[service.name]["spec"]["template"]["spec"]["containers"]))
        assert native == in_compose - HA_ONLY == in_k8s, service.name
        assert native_ha == in_prod, service.name
        unread = (native_ha | in_compose | in_prod) - settings_read(service.name)
        assert not unread, f"{service.name}: settings its code does not read: {unread}"
