"""The services' routers: FastAPI's, honouring ``@deprecated`` and answering a request
with less of FastAPI's per-request machinery, the document unchanged.

- A query model (``query: Annotated[CatalogueQuery, Query()]``, :mod:`clusterkit.listing`)
  is validated straight from the query string, where FastAPI reads it field by field first
  ([0019](docs/decisions/0019-query-model-read-in-one-step.md)).
- A :func:`request_value` dependency (``ReadDep``, ``WriteDep``) is called by the route,
  not solved by FastAPI, and a path outside a router's prefix asks none of its routes
  ([0021](docs/decisions/0021-request-values-and-prefixed-routers.md)).

:class:`ServiceRoute` keeps each endpoint's signature, and so the OpenAPI document, as it is.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar, cast

from fastapi import APIRouter, Request, params
from fastapi._compat import field_annotation_is_sequence  # FastAPI's own test for a list
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import _effective_route_context_var, _get_scope_included_router
from pydantic import BaseModel, ValidationError
from starlette._utils import get_route_path
from starlette.datastructures import QueryParams
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import Scope

from clusterkit.lifecycle import LifecycleRoute

RequestValueT = TypeVar("RequestValueT", bound=Callable[..., Any])


def _scalar_fields(model: type[BaseModel]) -> tuple[str, ...] | None:
    """The query keys of a model whose fields are plain scalars with no alias, read as one
    value each; None if any field needs FastAPI's own reading (an alias, a list, or a
    model that allows or forbids keys of its own)."""
    if model.model_config.get("extra") in ("allow", "forbid"):
        return None
    fields = model.model_fields
    if any(
        field.alias or field.validation_alias or field_annotation_is_sequence(field.annotation)
        for field in fields.values()
    ):
        return None
    return tuple(fields)


def read_query(model: type[BaseModel], names: tuple[str, ...], query: QueryParams) -> Any:
    """``model`` from the query string, as FastAPI reads a query model: the last value of
    each of its keys, the others ignored; errors located in ``query``, as FastAPI's are."""
    given = {name: query[name] for name in names if name in query}
    try:
        return model.model_validate(given)
    except ValidationError as exc:
        errors = [
            {**error, "loc": ("query", *error["loc"])} for error in exc.errors(include_url=False)
        ]
        raise RequestValidationError(errors) from None


RequestValue = Callable[[Request], Coroutine[Any, Any, Any]]
_REQUEST_VALUE = "__clusterkit_request_value__"  # the mark request_value sets


def request_value(function: RequestValueT) -> RequestValueT:
    """Marks a dependency that is made from the request alone and cannot fail (the read
    and write paths' ``ReadDep``, ``WriteDep``): a :class:`ServiceRoute` calls it itself
    rather than through FastAPI's dependency solving, a tenth of a list request's time."""
    parameters = list(inspect.signature(function).parameters.values())
    assert len(parameters) == 1, "a request value takes the request alone"
    assert parameters[0].annotation in (Request, "Request"), "a request value takes the request"
    assert inspect.iscoroutinefunction(function), "a request value is a coroutine function"
    setattr(function, _REQUEST_VALUE, True)
    return function


def _request_values(dependant: Dependant) -> list[tuple[str, RequestValue]]:
    """The endpoint's own dependencies that are :func:`request_value` s, by argument name."""
    return [
        (sub.name, cast(RequestValue, sub.call))
        for sub in dependant.dependencies
        if sub.name is not None and getattr(sub.call, _REQUEST_VALUE, False)
    ]


def _query_model(dependant: Dependant) -> tuple[str, type[BaseModel], tuple[str, ...]] | None:
    """The endpoint's one query model (its argument, the model, its keys), when it is read
    as :func:`read_query` reads it: the only query parameter, of scalar fields."""
    if len(dependant.query_params) != 1:
        return None
    field = dependant.query_params[0]
    model = field.field_info.annotation
    if not isinstance(field.field_info, params.Query) or not (
        isinstance(model, type) and issubclass(model, BaseModel)
    ):
        return None
    names = _scalar_fields(model)
    return None if names is None else (field.name, model, names)


def _answering(dependant: Dependant) -> Dependant | None:
    """The endpoint's dependant with its query model read by :func:`read_query` and its
    request values made by a call each, or None when it has neither (or its endpoint is not
    a coroutine function): FastAPI then answers it as it is."""
    query = _query_model(dependant)
    made = _request_values(dependant)
    if (query is None and not made) or not inspect.iscoroutinefunction(dependant.call):
        return None
    endpoint = dependant.call
    request_name = dependant.request_param_name or "_answering_request"
    keeps_request = dependant.request_param_name is not None

    @functools.wraps(endpoint)
    async def call(**values: Any) -> Any:
        request: Request = values[request_name] if keeps_request else values.pop(request_name)
        for name, value in made:
            values[name] = await value(request)
        if query is not None:
            argument, model, names = query
            values[argument] = read_query(model, names, request.query_params)
        return await endpoint(**values)

    names_made = {name for name, _ in made}
    return dataclasses.replace(
        dependant,
        query_params=[] if query is not None else dependant.query_params,
        dependencies=[sub for sub in dependant.dependencies if sub.name not in names_made],
        call=call,
        request_param_name=request_name,
    )


class ServiceRoute(LifecycleRoute):
    """The route of every service endpoint: it honours :func:`clusterkit.lifecycle.deprecated`
    and reads the endpoint's query model in one step (the module's docstring)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        # FastAPI builds an included route's handler from the inclusion's own dependant
        # (its router's dependencies added) while this context variable names it; the
        # document is made later from the same dependant, so it is put back as it was.
        context = _effective_route_context_var.get()
        target: Any = context if context is not None and context.original_route is self else self
        documented = target.dependant
        answering = _answering(documented)
        if answering is None:
            return super().get_route_handler()
        target.dependant = answering
        try:
            return super().get_route_handler()
        finally:
            target.dependant = documented


class Router(APIRouter):
    """The router of every feature's endpoints (``router = Router(prefix=..., tags=...)``)."""

    def __init__(self, **options: Any):
        super().__init__(route_class=ServiceRoute, **options)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        # FastAPI asks every route of every included router in turn, each at the cost of a
        # regex and a few scope writes: a path outside this router's prefix can match none
        # of them, so they are not asked.
        if self.prefix:
            included = _get_scope_included_router(scope)
            prefix = (included.include_context.prefix if included else "") + self.prefix
            # up to its first path parameter ("/applications/{application_id}/documents")
            if not get_route_path(scope).startswith(prefix.split("{", 1)[0]):
                return Match.NONE, {}
        return super().matches(scope)
