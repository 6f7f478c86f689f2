"""The HTTP API's lifecycle (``docs/api-lifecycle.md``): ``/api/v1`` stays compatible, and
what is on its way out says so.

- :func:`deprecated` marks an endpoint: the OpenAPI says ``deprecated: true`` (with
  ``x-deprecated-at`` and ``x-sunset``), and every answer of it, errors included, carries
  ``Deprecation`` (RFC 9745), ``Sunset`` (RFC 8594) and ``Link: <doc>; rel="deprecation"``.
  Every service router (:class:`clusterkit.routing.Router`) honours it.
- :func:`breaking_api_changes` compares two OpenAPI documents: what would break a caller
  written against the older one. The contract check runs it against the committed
  snapshot (``contracts/openapi.json``) and every earlier version of it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.routing import APIRoute

Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])
MARK = "__deprecation__"
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


@dataclass(frozen=True)
class Deprecation:
    """Since when an operation is deprecated, when it may stop answering, and the page
    that says what to use instead."""

    at: datetime
    link: str
    sunset: datetime | None = None

    def __post_init__(self) -> None:
        if self.at.tzinfo is None or (self.sunset and self.sunset.tzinfo is None):
            raise ValueError("deprecation dates carry their time zone")
        if self.sunset and self.sunset < self.at:
            raise ValueError("the sunset comes after the deprecation")

    def headers(self) -> dict[str, str]:
        headers = {
            "Deprecation": f"@{int(self.at.timestamp())}",
            "Link": f'<{self.link}>; rel="deprecation"; type="text/html"',
        }
        if self.sunset:
            headers["Sunset"] = format_datetime(self.sunset.astimezone(UTC), usegmt=True)
        return headers

    def openapi(self, status_code: int) -> dict[str, Any]:
        """The operation's OpenAPI additions (deep-merged by FastAPI into the operation)."""
        documented = {
            "Deprecation": "When the operation was deprecated (RFC 9745)",
            "Link": 'The page that says what to use instead (`rel="deprecation"`)',
        }
        extra: dict[str, Any] = {
            "x-deprecated-at": self.at.isoformat(),
            "externalDocs": {"url": self.link, "description": "What replaces it"},
        }
        if self.sunset:
            extra["x-sunset"] = self.sunset.isoformat()
            documented["Sunset"] = "When the operation may stop answering (RFC 8594)"
        extra["responses"] = {
            str(status_code): {
                "headers": {
                    name: {"description": text, "schema": {"type": "string"}}
                    for name, text in documented.items()
                }
            }
        }
        return extra


def deprecated(
    at: datetime, *, link: str, sunset: datetime | None = None
) -> Callable[[Endpoint], Endpoint]:
    """Mark an endpoint deprecated (below the router's decorator)::

    @router.get("/api/v1/things")
    @deprecated(datetime(2027, 1, 1, tzinfo=UTC), sunset=..., link="https://.../things-v2")
    async def things() -> ...
    """
    deprecation = Deprecation(at=at, link=link, sunset=sunset)

    def mark(endpoint: Endpoint) -> Endpoint:
        setattr(endpoint, MARK, deprecation)
        return endpoint

    return mark


class LifecycleRoute(APIRoute):
    """A route that honours :func:`deprecated` on its endpoint (a plain route otherwise)."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        deprecation: Deprecation | None = getattr(endpoint, MARK, None)
        if deprecation is not None:
            extra = deprecation.openapi(kwargs.get("status_code") or 200)
            kwargs["deprecated"] = True
            kwargs["openapi_extra"] = {**(kwargs.get("openapi_extra") or {}), **extra}
        self.deprecation = deprecation
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.deprecation is None:
            return handler
        headers = self.deprecation.headers()

        async def announcing(request: Request) -> Response:
            try:
                response = await handler(request)
            except Exception as exc:
                # The answer to an error is made outside the handler, by the app's exception
                # handlers; made here by the same handler, it can carry the headers too.
                response = await _answer(request, exc)
            response.headers.update(headers)
            return response

        return announcing


async def _answer(request: Request, exc: Exception) -> Response:
    handlers: dict[Any, Any] = request.scope.get("starlette.exception_handlers", ({}, {}))[0]
    handle = next((handlers[c] for c in type(exc).__mro__ if c in handlers), None)
    if handle is None:
        raise exc
    answer = handle(request, exc)
    response: Response = await answer if inspect.isawaitable(answer) else answer
    return response


def breaking_api_changes(
    old: dict[str, Any],
    new: dict[str, Any],
    *,
    prefix: str = "/api/v1/",
    now: datetime | None = None,
) -> list[str]:
    """What in ``new`` breaks a caller written against ``old``, for the operations under
    ``prefix``. Breaking: an operation, a parameter, a request field, a success status or a
    response field removed; a new required parameter or request field; an optional one
    made required; a response field no longer always there, or newly nullable; a type or a
    format changed; a request constraint narrowed (enum values, lengths, bounds, pattern).
    Additions pass (operations, optional parameters and fields, response fields, enum
    values). An operation deprecated with an ``x-sunset`` that has passed may go."""
    return _Comparison(old, new, now or datetime.now(UTC)).run(prefix)


class _Comparison:
    def __init__(self, old: dict[str, Any], new: dict[str, Any], now: datetime):
        self.old, self.new, self.now = old, new, now
        self.problems: list[str] = []

    def run(self, prefix: str) -> list[str]:
        for path, methods in self.old.get("paths", {}).items():
            if not path.startswith(prefix):
                continue
            for method, operation in methods.items():
                if method not in HTTP_METHODS:
                    continue
                where = f"{method.upper()} {path}"
                current = self.new.get("paths", {}).get(path, {}).get(method)
                if current is None:
                    if not self._sunset_passed(operation):
                        self.problems.append(f"{where}: operation removed")
                    continue
                self.parameters(where, operation, current)
                self.request_body(where, operation, current)
                self.responses(where, operation, current)
        return self.problems

    def _sunset_passed(self, operation: dict[str, Any]) -> bool:
        sunset = operation.get("x-sunset")
        if not (operation.get("deprecated") and isinstance(sunset, str)):
            return False
        return datetime.fromisoformat(sunset) <= self.now

    def parameters(self, where: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        def keyed(operation: dict[str, Any], document: dict[str, Any]) -> dict[Any, Any]:
            params = (_resolve(document, p)[0] for p in operation.get("parameters", []))
            return {(p["in"], _param_name(p)): p for p in params}

        olds, news = keyed(old, self.old), keyed(new, self.new)
        for key, param in olds.items():
            name = f"{where} {key[0]} parameter {key[1]}"
            if key not in news:
                self.problems.append(f"{name}: removed")
                continue
            if news[key].get("required") and not param.get("required"):
                self.problems.append(f"{name}: became required")
            self.schema(param.get("schema", {}), news[key].get("schema", {}), name, "request")
        for key, param in news.items():
            if key not in olds and param.get("required"):
                self.problems.append(f"{where} {key[0]} parameter {key[1]}: new and required")

    def request_body(self, where: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        old_body, new_body = old.get("requestBody"), new.get("requestBody")
        if old_body is None:
            if new_body and new_body.get("required"):
                self.problems.append(f"{where}: a request body became required")
            return
        if new_body is None:
            self.problems.append(f"{where}: the request body was removed")
            return
        if new_body.get("required") and not old_body.get("required"):
            self.problems.append(f"{where}: the request body became required")
        for kind, content in old_body.get("content", {}).items():
            if kind not in new_body.get("content", {}):
                self.problems.append(f"{where}: no longer accepts {kind}")
                continue
            now = new_body["content"][kind].get("schema", {})
            self.schema(content.get("schema", {}), now, f"{where} body", "request")

    def responses(self, where: str, old: dict[str, Any], new: dict[str, Any]) -> None:
        news = new.get("responses", {})
        for status, response in old.get("responses", {}).items():
            if status not in news:
                if status.startswith("2"):
                    self.problems.append(f"{where}: no longer answers {status}")
                continue
            for kind, content in response.get("content", {}).items():
                current = news[status].get("content", {}).get(kind)
                if current is None:
                    if status.startswith("2"):
                        self.problems.append(f"{where}: {status} no longer answers {kind}")
                    continue
                self.schema(
                    content.get("schema", {}),
                    current.get("schema", {}),
                    f"{where} {status}",
                    "response",
                )

    def schema(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        path: str,
        direction: str,
        seen: frozenset[Any] = frozenset(),
    ) -> None:
        """``direction`` is who reads: "request" (the service must still accept all the old
        schema allowed) or "response" (a caller must still read all the new one gives)."""
        old, old_ref = _resolve(self.old, old)
        new, new_ref = _resolve(self.new, new)
        if old_ref and (old_ref, new_ref, direction) in seen:
            return  # a recursive schema, already being compared further up
        seen |= {(old_ref, new_ref, direction)}
        olds = _alternatives(self.old, old)
        news = _alternatives(self.new, new)
        # Requests: every old alternative still accepted; responses: every new one known.
        wanted, offered = (olds, news) if direction == "request" else (news, olds)
        for alternative in wanted:
            match = next((o for o in offered if _kinds_match(alternative, o, direction)), None)
            if match is None:
                verb = "no longer accepts" if direction == "request" else "may now be"
                self.problems.append(f"{path}: {verb} {_kind(alternative)}")
                continue
            pair = (alternative, match) if direction == "request" else (match, alternative)
            self.single(*pair, path, direction, seen)

    def single(
        self, old: dict[str, Any], new: dict[str, Any], path: str, direction: str, seen: Any
    ) -> None:
        problems = self.problems
        if old.get("format") != new.get("format"):
            changed = f"{old.get('format')} to {new.get('format')}"
            problems.append(f"{path}: format changed from {changed}")
        if direction == "request":
            if "enum" in new:
                lost = [v for v in old.get("enum", ["<any value>"]) if v not in new["enum"]]
                if lost:
                    problems.append(f"{path}: no longer accepts {lost}")
            if "pattern" in new and old.get("pattern") != new["pattern"]:
                problems.append(f"{path}: pattern changed to {new['pattern']}")
            for key, narrower in _BOUNDS.items():
                if key in new and (key not in old or narrower(new[key], old[key])):
                    problems.append(f"{path}: {key} narrowed from {old.get(key)} to {new[key]}")
        old_props, new_props = old.get("properties", {}), new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name, schema in old_props.items():
            if name not in new_props:
                problems.append(f"{path}/{name}: removed")
                continue
            if direction == "request" and name in new_required - old_required:
                problems.append(f"{path}/{name}: became required")
            if direction == "response" and name in old_required - new_required:
                problems.append(f"{path}/{name}: no longer always present")
            self.schema(schema, new_props[name], f"{path}/{name}", direction, seen)
        if direction == "request":
            for name in new_required - set(old_props):
                problems.append(f"{path}/{name}: new required field")
        for key in ("items", "additionalProperties"):
            if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
                self.schema(old[key], new[key], f"{path}/{key}", direction, seen)


_BOUNDS: dict[str, Callable[[Any, Any], bool]] = {
    "maxLength": lambda new, old: new < old,
    "maxItems": lambda new, old: new < old,
    "maximum": lambda new, old: new < old,
    "exclusiveMaximum": lambda new, old: new < old,
    "minLength": lambda new, old: new > old,
    "minItems": lambda new, old: new > old,
    "minimum": lambda new, old: new > old,
    "exclusiveMinimum": lambda new, old: new > old,
}
_REF = "#/components/schemas/"


def _param_name(param: dict[str, Any]) -> str:
    name: str = param["name"]
    return name.lower() if param["in"] == "header" else name


def _resolve(document: dict[str, Any], node: dict[str, Any]) -> tuple[dict[str, Any], str]:
    ref = node.get("$ref", "")
    if not ref.startswith("#/components/"):
        return node, ""
    section, _, name = ref.removeprefix("#/components/").partition("/")
    target = document.get("components", {}).get(section, {})[name]
    return {**target, **{k: v for k, v in node.items() if k != "$ref"}}, ref


def _alternatives(document: dict[str, Any], schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema as a list of single-typed choices (``anyOf``/``oneOf``, a lone ``allOf``
    and type lists flattened, references resolved)."""
    if len(schema.get("allOf", [])) == 1:  # a reference with siblings, written the old way
        inner = _resolve(document, schema["allOf"][0])[0]
        siblings = {k: v for k, v in schema.items() if k != "allOf"}
        return _alternatives(document, {**inner, **siblings})
    choices = schema.get("anyOf") or schema.get("oneOf")
    if choices:
        resolved = (_resolve(document, choice)[0] for choice in choices)
        return [a for choice in resolved for a in _alternatives(document, choice)]
    kind = schema.get("type")
    if isinstance(kind, list):
        return [{**schema, "type": k} for k in kind]
    return [schema]


def _kind(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    if isinstance(kind, str):
        return kind
    return "object" if "properties" in schema else "any value"


def _kinds_match(wanted: dict[str, Any], offered: dict[str, Any], direction: str) -> bool:
    """``wanted`` (an old request choice, or a new response choice) is served by
    ``offered`` (a new request choice, or an old response choice)."""
    want, have = _kind(wanted), _kind(offered)
    if want == have or have == "any value":
        return True
    # An integer is a number: a request may widen to number, a response narrow to integer.
    return want == "integer" and have == "number"
