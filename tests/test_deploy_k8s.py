"""deploy/k8s, checked statically: every service has its Deployment with probes and limits,
Service, PodDisruptionBudget, autoscaler and migration Job; topics and policies exist; and
the native stack, compose and Kubernetes give each service the same settings names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from devstack import SERVICES, Stack

ROOT = Path(__file__).parents[1]
K8S = ROOT / "deploy" / "k8s"
NAMES = [s.name for s in SERVICES]


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
    assert set(topics) == {"membership.events", "production.events", "supply.events"}
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
    kustomization = yaml.safe_load((K8S / "overlays" / overlay / "kustomization.yaml").read_text())
    assert kustomization["resources"] == ["../../base"]
    assert {i["name"] for i in kustomization["images"]} == {f"copper-cluster/{n}" for n in NAMES}


def test_native_compose_and_kubernetes_give_the_same_settings(tmp_path: Path) -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    deployments = by_kind("Deployment")
    stack = Stack(tmp_path / "state", any_free_ports=True)
    for service in SERVICES:
        prefix = service.env_prefix
        native = {k for k in stack.service_env(service) if k.startswith(prefix)}
        in_compose = {k for k in compose[service.name]["environment"] if k.startswith(prefix)}
        in_k8s = {
            k
            for k in env_names(deployments[service.name]["spec"]["template"]["spec"]["containers"])
            if k.startswith(prefix)
        }
        assert native == in_compose == in_k8s, service.name
