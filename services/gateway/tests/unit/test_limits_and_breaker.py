import time

import pytest

from gateway.openapi import merge
from gateway.ratelimit import Limit, TokenBuckets
from gateway.resilience import CircuitBreaker


def test_a_bucket_allows_its_burst_then_refuses_with_a_retry_time() -> None:
    buckets = TokenBuckets()
    limit = Limit("anonymous", rate=1.0, burst=3)
    decisions = [buckets.take(limit, "10.0.0.1") for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions[:3]] == [2, 1, 0]
    refused = dict(decisions[3].headers())
    assert refused[b"retry-after"] == b"1"
    assert refused[b"ratelimit-policy"] == b'"anonymous";q=3;w=3'
    # another client has its own bucket
    assert buckets.take(limit, "10.0.0.2").allowed


def test_a_bucket_refills_at_its_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    buckets = TokenBuckets()
    limit = Limit("per-key", rate=2.0, burst=2)
    assert buckets.take(limit, "k").allowed
    assert buckets.take(limit, "k").allowed
    assert not buckets.take(limit, "k").allowed
    now[0] += 0.5  # one token back
    assert buckets.take(limit, "k").allowed
    assert not buckets.take(limit, "k").allowed


def test_the_breaker_opens_after_the_threshold_and_tries_once_after_the_cooldown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [0.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    breaker = CircuitBreaker(threshold=2, cooldown=10)
    breaker.failed()
    assert breaker.allow()
    breaker.failed()
    assert breaker.state == "open"
    assert not breaker.allow()
    assert breaker.retry_after() == 11
    now[0] = 10.0
    assert breaker.allow()  # the one trial
    assert not breaker.allow()
    breaker.failed()  # the trial failed: open again
    assert breaker.state == "open"
    now[0] = 20.0
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.state == "closed"
    assert breaker.allow()


def test_merge_keeps_every_path_and_renames_clashing_schemas() -> None:
    def document(path: str, schema: dict[str, object]) -> dict[str, object]:
        return {
            "paths": {
                path: {
                    "get": {
                        "responses": {
                            "200": {
                                "content": {
                                    "application/json": {
                                        "schema": {"$ref": "#/components/schemas/Page"}
                                    }
                                }
                            }
                        }
                    }
                }
            },
            "components": {"schemas": {"Page": schema, "Same": {"type": "string"}}},
        }

    merged = merge(
        {
            "a": document("/api/v1/a/x", {"type": "object"}),
            "b": document("/api/v1/b/y", {"type": "array"}),
        },
        title="t",
        version="1",
    )
    assert set(merged["paths"]) == {"/api/v1/a/x", "/api/v1/b/y"}
    assert merged["components"]["schemas"]["Page"] == {"type": "object"}
    assert merged["components"]["schemas"]["b_Page"] == {"type": "array"}
    b_ref = merged["paths"]["/api/v1/b/y"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]["$ref"]
    assert b_ref == "#/components/schemas/b_Page"
    assert "b_Same" not in merged["components"]["schemas"]


def test_merge_renames_a_schema_that_only_clashes_once_what_it_refers_to_is_renamed() -> None:
    """Page[Member] reads the same in two services until their Member differs."""

    def document(path: str, member: dict[str, object]) -> dict[str, object]:
        page = {"type": "array", "items": {"$ref": "#/components/schemas/Member"}}
        ok = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}
        return {
            "paths": {path: {"get": {"responses": {"200": ok}}}},
            "components": {"schemas": {"Page": page, "Member": member}},
        }

    merged = merge(
        {
            "membership": document("/m", {"required": ["contact"]}),
            "supply": document("/s", {"required": ["updated_at"]}),
        },
        title="t",
        version="1",
    )
    schemas = merged["components"]["schemas"]
    assert schemas["Page"]["items"]["$ref"] == "#/components/schemas/Member"
    assert schemas["supply_Page"]["items"]["$ref"] == "#/components/schemas/supply_Member"
    ref = merged["paths"]["/s"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ref["schema"]["$ref"] == "#/components/schemas/supply_Page"
