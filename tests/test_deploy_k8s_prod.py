"""deploy/k8s/overlays/prod, rendered, has the shape of the HA mode (./dev up --brokers 3
--instances 2): a Strimzi Kafka of three nodes, each broker and controller, whose topics
survive one broker down (min.insync.replicas=2 of 3); every service twice at least, spread
over nodes, rolled with no pod taken away first, and drainable one pod at a time; a
shutdown budget (preStop, then the app's drain, uvicorn's graceful shutdown and the workers'
last batch) inside the termination grace; and the gateways' shared buckets in Valkey."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from test_deploy_k8s import (
    NAMES,
    ROOT,
    custom_resource_errors,
    kinds,
    kubernetes_validate,
    kustomize,
    render,
)

from clusterkit.settings import ServiceSettings
from clusterkit.shutdown import WORKERS_STOP_SECONDS

__all__ = ["kustomize"]  # the fixture, shared with test_deploy_k8s


@pytest.fixture(scope="module")
def prod(kustomize: Path) -> list[dict[str, Any]]:
    return render(kustomize, "overlays/prod")


def test_prod_kafka_is_three_voters_and_writes_survive_one_broker_down(
    prod: list[dict[str, Any]], tmp_path: Path
) -> None:
    [kafka] = kinds(prod, "Kafka").values()
    pools = [p for p in kinds(prod, "KafkaNodePool").values()]
    assert all(p["metadata"]["labels"]["strimzi.io/cluster"] == "copper-kafka" for p in pools)
    brokers = sum(p["spec"]["replicas"] for p in pools if "broker" in p["spec"]["roles"])
    voters = sum(p["spec"]["replicas"] for p in pools if "controller" in p["spec"]["roles"])
    assert brokers == 3
    assert voters == 3  # a quorum that outlives one voter
    spec = kafka["spec"]["kafka"]
    pom = (ROOT / "deploy" / "kafka" / "pom.xml").read_text()
    assert f"kafka_2.13</artifactId><version>{spec['version']}<" in pom  # as native and compose
    config = spec["config"]
    assert config["min.insync.replicas"] == 2
    assert config["default.replication.factor"] == 3
    assert config["offsets.topic.replication.factor"] == 3
    assert config["transaction.state.log.replication.factor"] == 3
    assert config["transaction.state.log.min.isr"] == 2
    assert config["auto.create.topics.enable"] is False
    # Drained one at a time, and one down still leaves min.insync.replicas copies in sync.
    down = spec["template"]["podDisruptionBudget"]["maxUnavailable"]
    for topic in kinds(prod, "KafkaTopic").values():
        replicas = topic["spec"]["replicas"]
        in_sync = int(topic["spec"]["config"]["min.insync.replicas"])
        assert (replicas, in_sync) == (3, 2), topic["metadata"]["name"]
        assert replicas - down >= in_sync
    # The pods' spread is Kubernetes' own type inside Strimzi's template: check it as such.
    for pool in pools:
        spread = pool["spec"]["template"]["pod"]["topologySpreadConstraints"]
        assert {c["topologyKey"] for c in spread} >= {"kubernetes.io/hostname"}
        pod = {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "spread"},
            "spec": {
                "containers": [{"name": "x", "image": "x"}],
                "topologySpreadConstraints": spread,
            },
        }
        valid, output = kubernetes_validate([pod], tmp_path)
        assert valid, output


def test_prod_services_are_spread_and_a_drain_leaves_one_pod_serving(
    prod: list[dict[str, Any]],
) -> None:
    deployments = kinds(prod, "Deployment")
    budgets = kinds(prod, "PodDisruptionBudget")
    autoscalers = kinds(prod, "HorizontalPodAutoscaler")
    for name in NAMES:
        deployment = deployments[name]
        replicas = deployment["spec"]["replicas"]
        assert replicas >= 2, name
        assert autoscalers[name]["spec"]["minReplicas"] >= replicas, name
        rolling = deployment["spec"]["strategy"]["rollingUpdate"]
        assert rolling["maxUnavailable"] == 0, name  # a new pod is ready before one goes
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        spread = deployment["spec"]["template"]["spec"]["topologySpreadConstraints"]
        by_host = [c for c in spread if c["topologyKey"] == "kubernetes.io/hostname"]
        assert by_host, name
        assert by_host[0]["whenUnsatisfiable"] == "DoNotSchedule", name
        assert by_host[0]["labelSelector"]["matchLabels"].items() <= labels.items(), name
        budget = budgets[name]["spec"]
        assert budget["selector"]["matchLabels"].items() <= labels.items(), name
        assert 1 <= budget["minAvailable"] < replicas, name  # serving, and drainable


def test_prod_shutdown_budget_fits_the_apps_own_shutdown(prod: list[dict[str, Any]]) -> None:
    drain = ServiceSettings.model_fields["shutdown_drain_seconds"].default
    entrypoint = (ROOT / "deploy" / "docker" / "entrypoint.sh").read_text()
    match = re.search(r"--timeout-graceful-shutdown (\d+)", entrypoint)
    assert match, "the entrypoint bounds uvicorn's graceful shutdown"
    graceful = int(match.group(1))
    for name in NAMES:
        pod = kinds(prod, "Deployment")[name]["spec"]["template"]["spec"]
        pre_stop = pod["containers"][0]["lifecycle"]["preStop"]["sleep"]["seconds"]
        assert pre_stop >= 3, name  # endpoints and the ingress catch up before SIGTERM
        # preStop, then SIGTERM: drain, in-flight requests, the workers' last batch.
        needed = pre_stop + drain + graceful + WORKERS_STOP_SECONDS
        assert needed < pod["terminationGracePeriodSeconds"], (name, needed)


def test_prod_gateways_share_their_limits_in_redis(prod: list[dict[str, Any]]) -> None:
    gateway = kinds(prod, "Deployment")["gateway"]
    [container] = gateway["spec"]["template"]["spec"]["containers"]
    config_maps = kinds(prod, "ConfigMap")

    def value(name: str) -> str:
        [env] = [e for e in container["env"] if e["name"] == name]
        ref = env["valueFrom"]["configMapKeyRef"]
        return str(config_maps[ref["name"]]["data"][ref["key"]])

    redis_url = urlsplit(value("GATEWAY_REDIS_URL"))
    service = kinds(prod, "Service")[str(redis_url.hostname)]
    assert service["spec"]["ports"][0]["port"] == redis_url.port
    redis = kinds(prod, "Deployment")[str(redis_url.hostname)]
    labels = redis["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    [server] = redis["spec"]["template"]["spec"]["containers"]
    # BSD-licensed: Valkey, or Redis before 7.4.
    assert re.fullmatch(r"valkey/valkey:[\d.]+-alpine|redis:7\.[0-2]\.\d+-alpine", server["image"])
    assert int(value("GATEWAY_INSTANCES")) == gateway["spec"]["replicas"]
    for cidr in value("GATEWAY_TRUSTED_PROXIES").split(","):
        ipaddress.ip_network(cidr.strip())
    # The namespace denies by default: the gateway may reach Redis, and Redis take it.
    policies = kinds(prod, "NetworkPolicy").values()
    port = {"port": redis_url.port, "protocol": "TCP"}
    gateway_peer = {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "gateway"}}}

    def admits_gateway(policy: dict[str, Any]) -> bool:
        rules = policy["spec"].get("ingress", [])
        return any(gateway_peer in r.get("from", []) and port in r["ports"] for r in rules)

    assert any(
        p["spec"]["podSelector"].get("matchLabels", {}).items() <= labels.items()
        and admits_gateway(p)
        for p in policies
    )
    assert any(
        p["spec"]["podSelector"] == gateway_peer["podSelector"]
        and any(port in r.get("ports", []) for r in p["spec"].get("egress", []))
        for p in policies
    )


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        (
            {
                "kind": "Kafka",
                "metadata": {"name": "copper-kafka", "annotations": {}},
                "spec": {
                    "kafka": {"version": "3.9.1", "replicas": 3, "listeners": [], "config": {}}
                },
            },
            [
                "'strimzi.io/node-pools' is a required property",
                "'strimzi.io/kraft' is a required property",
                "should not be valid",  # replicas belong to the node pools
                "'replicas' was unexpected",
                "should be non-empty",
            ],
        ),
        (
            {
                "kind": "KafkaNodePool",
                "metadata": {"name": "p", "labels": {"strimzi.io/cluster": "copper-kafka"}},
                "spec": {
                    "replicas": 3,
                    "roles": ["broker", "zookeeper"],
                    "storage": {
                        "type": "jbod",
                        "volumes": [{"id": 0, "type": "ephemeral", "size": "1G"}],
                    },
                },
            },
            ["'zookeeper' is not one of", "'1G' does not match"],
        ),
    ],
    ids=["kafka", "node-pool"],
)
def test_the_strimzi_checks_reject_what_strimzi_would(
    doc: dict[str, Any], expected: list[str]
) -> None:
    errors = custom_resource_errors({"apiVersion": "kafka.strimzi.io/v1beta2", **doc})
    assert len(errors) == len(expected), errors
    assert all(any(text in error for error in errors) for text in expected), errors
