"""Event contracts: each event type is a pydantic model with a JSON Schema, an example and a
place in its service's AsyncAPI 3.0 document.

A service declares an :class:`EventContracts`; ``python -m clusterkit.contracts
<module>:<contracts> <folder>`` writes ``<folder>/schemas/<type>.json`` and
``<folder>/asyncapi.yaml``, which are kept in the repository so a change shows in review.
A published type (``...v1``) only grows compatibly (:func:`breaking_changes`); anything else
is a new type (``...v2``).
"""

from __future__ import annotations

import builtins
import importlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from pydantic import BaseModel

from clusterkit.events import CloudEvent

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class EventContract:
    type: str
    model: builtins.type[BaseModel]  # the field named `type` shadows the builtin here
    summary: str
    example: BaseModel
    subject: str  # the payload field whose value is the aggregate id (and the Kafka key)

    @property
    def name(self) -> str:
        """``application.submitted.v1`` for ``uz.coppercluster.membership.application...``."""
        return ".".join(self.type.split(".")[3:])

    def json_schema(self) -> dict[str, Any]:
        schema = self.model.model_json_schema(mode="serialization")
        return {
            "$schema": JSON_SCHEMA_DIALECT,
            "$id": self.type,
            **schema,
            "examples": [self.example.model_dump(mode="json")],
        }


class EventContracts:
    """Every event a service publishes; the one way its events are made."""

    def __init__(
        self,
        *,
        service: str,
        source: str,
        topic: str,
        description: str,
        contracts: list[EventContract],
    ):
        self.service = service
        self.source = source
        self.topic = topic
        self.description = description
        self.by_type = {c.type: c for c in contracts}
        for contract in contracts:
            if not isinstance(contract.example, contract.model):
                raise TypeError(f"{contract.type}: the example is not a {contract.model}")

    def event(self, type_: str, payload: BaseModel) -> CloudEvent:
        """The CloudEvent for ``payload``, checked against the contract of ``type_``."""
        contract = self.by_type[type_]
        if not isinstance(payload, contract.model):
            raise TypeError(f"{type_} carries {contract.model.__name__}")
        data = payload.model_dump(mode="json")
        return CloudEvent(
            type=type_, source=self.source, subject=str(data[contract.subject]), data=data
        )

    def validate(self, type_: str, data: Any) -> None:
        """Raise ``jsonschema.ValidationError`` unless ``data`` fits the type's JSON Schema
        (tests check every event they see with this)."""
        jsonschema.validate(
            data, self.by_type[type_].json_schema(), format_checker=jsonschema.FormatChecker()
        )

    def asyncapi(self) -> dict[str, Any]:
        """This service's AsyncAPI 3.0 document (channel = topic, CloudEvents headers)."""
        messages: dict[str, Any] = {}
        for contract in self.by_type.values():
            key = contract.name.replace(".", "_")
            messages[key] = {
                "name": contract.type,
                "title": contract.name,
                "summary": contract.summary,
                "contentType": "application/json",
                "headers": {"$ref": "#/components/schemas/CloudEventHeaders"},
                "payload": {"$ref": f"./schemas/{contract.type}.json"},
                "correlationId": {"location": "$message.header#/ce_requestid"},
                "bindings": {
                    "kafka": {
                        "key": {"type": "string", "description": f"{contract.subject}"},
                        "bindingVersion": "0.5.0",
                    }
                },
                "examples": [
                    {
                        "name": "example",
                        "headers": {
                            "ce_specversion": "1.0",
                            "ce_type": contract.type,
                            "ce_source": self.source,
                            "ce_id": "5a8f5a7e-8a1e-4b53-9f0e-7d1f2c3b4a5d",
                            "ce_time": "2026-01-15T09:30:00+00:00",
                            "ce_subject": str(
                                contract.example.model_dump(mode="json")[contract.subject]
                            ),
                        },
                        "payload": contract.example.model_dump(mode="json"),
                    }
                ],
            }
        channel = self.topic.replace(".", "_")
        return {
            "asyncapi": "3.0.0",
            "info": {
                "title": f"Copper Cluster Platform — {self.service} events",
                "version": "1.0.0",
                "description": self.description,
            },
            "defaultContentType": "application/json",
            "servers": {
                "kafka": {
                    "host": "127.0.0.1:9092",
                    "protocol": "kafka",
                    "description": "The platform's Kafka (KRaft) broker",
                }
            },
            "channels": {
                channel: {
                    "address": self.topic,
                    "description": f"Every event of the {self.service} service, keyed by "
                    "aggregate id (per-aggregate order).",
                    "messages": {key: {"$ref": f"#/components/messages/{key}"} for key in messages},
                    "bindings": {
                        "kafka": {"topic": self.topic, "partitions": 3, "bindingVersion": "0.5.0"}
                    },
                }
            },
            "operations": {
                f"publish_{channel}": {
                    "action": "send",
                    "channel": {"$ref": f"#/channels/{channel}"},
                    "summary": f"The {self.service} service publishes through its outbox.",
                    "messages": [
                        {"$ref": f"#/channels/{channel}/messages/{key}"} for key in messages
                    ],
                }
            },
            "components": {
                "messages": messages,
                "schemas": {"CloudEventHeaders": CLOUDEVENT_HEADERS},
            },
        }

    def asyncapi_text(self) -> str:
        return yaml.safe_dump(self.asyncapi(), sort_keys=False, width=100, allow_unicode=True)

    def schema_text(self, type_: str) -> str:
        return json.dumps(self.by_type[type_].json_schema(), indent=2, sort_keys=True) + "\n"

    def write(self, folder: Path) -> list[Path]:
        """Write the schemas and the AsyncAPI document; return the files written."""
        written = []
        (folder / "schemas").mkdir(parents=True, exist_ok=True)
        for contract in self.by_type.values():
            path = folder / "schemas" / f"{contract.type}.json"
            path.write_text(self.schema_text(contract.type))
            written.append(path)
        path = folder / "asyncapi.yaml"
        path.write_text(self.asyncapi_text())
        written.append(path)
        return written


CLOUDEVENT_HEADERS: dict[str, Any] = {
    "type": "object",
    "description": "CloudEvents 1.0 attributes in Kafka binary content mode.",
    "required": ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject"],
    "properties": {
        "ce_specversion": {"type": "string", "const": "1.0"},
        "ce_id": {"type": "string", "description": "Unique event id (consumers dedupe on it)"},
        "ce_source": {"type": "string"},
        "ce_type": {"type": "string"},
        "ce_time": {"type": "string", "format": "date-time"},
        "ce_subject": {"type": "string", "description": "Aggregate id, also the Kafka key"},
        "ce_requestid": {"type": "string", "description": "X-Request-ID of the causing call"},
        "ce_traceparent": {
            "type": "string",
            "pattern": "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$",
            "description": "W3C trace context of the span that made the event "
            "(CloudEvents distributed tracing extension)",
        },
        "content-type": {"type": "string", "const": "application/json"},
    },
}


def breaking_changes(old_schema: dict[str, Any], new_schema: dict[str, Any]) -> list[str]:
    """The changes from ``old_schema`` to ``new_schema`` that can break the event type's
    consumers (written against the old one) or events already published (read with the new).

    Breaking: a property removed, or no longer / newly required; a type, format, const or
    pattern changed (nullability and ``anyOf`` alternatives included); enum values removed.
    Compatible: added optional properties and documentation (titles, descriptions, examples,
    defaults). ``$ref``s are resolved into each schema's own ``$defs``, so a renamed
    definition of the same shape is fine and a changed one is not.
    """
    problems: list[str] = []

    def resolve(root: dict[str, Any], node: dict[str, Any]) -> tuple[dict[str, Any], str]:
        ref = node.get("$ref", "")
        if not ref.startswith("#/$defs/"):
            return node, ""
        resolved = root.get("$defs", {})[ref.removeprefix("#/$defs/")]
        return {**resolved, **{k: v for k, v in node.items() if k != "$ref"}}, ref

    def compare(old: dict[str, Any], new: dict[str, Any], path: str, seen: frozenset[Any]) -> None:
        old, old_ref = resolve(old_schema, old)
        new, new_ref = resolve(new_schema, new)
        if old_ref and (old_ref, new_ref) in seen:
            return  # a recursive definition already being compared further up
        seen |= {(old_ref, new_ref)}
        for key in ("anyOf", "oneOf", "allOf"):
            olds, news = old.get(key, []), new.get(key, [])
            if len(olds) != len(news):
                problems.append(f"{path}: {key} changed from {len(olds)} to {len(news)} choices")
            else:
                for i, (o, n) in enumerate(zip(olds, news, strict=True)):
                    compare(o, n, f"{path}/{key}/{i}", seen)
        if _types(old) != _types(new):
            problems.append(f"{path}: type changed from {old.get('type')} to {new.get('type')}")
        for key in ("format", "const", "pattern"):
            if old.get(key) != new.get(key):
                problems.append(f"{path}: {key} changed from {old.get(key)} to {new.get(key)}")
        if "enum" in new:
            # Values that were valid and no longer are (all of them, if it was not an enum).
            removed = [v for v in old.get("enum", ["<any value>"]) if v not in new["enum"]]
            if removed:
                problems.append(f"{path}: enum narrowed, no longer allows {removed}")
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name, schema in old_props.items():
            if name not in new_props:
                problems.append(f"{path}/{name}: property removed")
                continue
            if name in old_required and name not in new_required:
                problems.append(f"{path}/{name}: no longer required")
            elif name in new_required and name not in old_required:
                problems.append(f"{path}/{name}: became required")
            compare(schema, new_props[name], f"{path}/{name}", seen)
        for name in new_props:
            if name not in old_props and name in new_required:
                problems.append(f"{path}/{name}: new required property")
        for key in ("items", "additionalProperties"):
            if isinstance(old.get(key), dict):
                compare(old[key], new.get(key) or {}, f"{path}/{key}", seen)
            elif old.get(key) != new.get(key) and key in old:
                problems.append(f"{path}: {key} changed from {old[key]} to {new.get(key)}")

    compare(old_schema, new_schema, "", frozenset())
    return problems


def _types(schema: dict[str, Any]) -> set[Any]:
    kind = schema.get("type")
    return set(kind) if isinstance(kind, list) else {kind}


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2:
        raise SystemExit("usage: python -m clusterkit.contracts <module>:<contracts> <folder>")
    module, _, name = args[0].partition(":")
    contracts = getattr(importlib.import_module(module), name)
    for path in contracts.write(Path(args[1])):
        print(path)


if __name__ == "__main__":
    main()
