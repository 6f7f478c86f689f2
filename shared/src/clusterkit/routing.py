"""The services' routers: FastAPI's, honouring ``@deprecated`` and reading a query model in
one step.

An endpoint that takes its query string as one model (``query: Annotated[CatalogueQuery,
Query()]``, see :mod:`clusterkit.listing`) is documented by FastAPI from its signature, as
any other. To answer it, FastAPI reads that model field by field on every request (each
field's aliases, whether its annotation is a sequence) before pydantic validates it: about
a third of a list request's framework time. :class:`ServiceRoute` keeps the signature,
and so the OpenAPI document, as it is, and hands the endpoint the model validated straight
from the query string ([0019](docs/decisions/0019-query-model-read-in-one-step.md)).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, Request, params
from fastapi._compat import field_annotation_is_sequence  # FastAPI's own test for a list
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import _effective_route_context_var
from pydantic import BaseModel, ValidationError
from starlette.datastructures import QueryParams
from starlette.responses import Response

from clusterkit.lifecycle import LifecycleRoute


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


def _with_query_read(dependant: Dependant) -> Dependant | None:
    """The endpoint's dependant with its one query model read by :func:`read_query`, or
    None when the endpoint has no such model (or other query parameters beside it, or is
    not a coroutine function)."""
    if len(dependant.query_params) != 1 or not inspect.iscoroutinefunction(dependant.call):
        return None
    field = dependant.query_params[0]
    model = field.field_info.annotation
    if not isinstance(field.field_info, params.Query) or not (
        isinstance(model, type) and issubclass(model, BaseModel)
    ):
        return None
    names = _scalar_fields(model)
    if names is None:
        return None
    endpoint, argument = dependant.call, field.name
    request_name = dependant.request_param_name or "_query_request"
    keeps_request = dependant.request_param_name is not None

    @functools.wraps(endpoint)
    async def call(**values: Any) -> Any:
        request: Request = values[request_name] if keeps_request else values.pop(request_name)
        values[argument] = read_query(model, names, request.query_params)
        return await endpoint(**values)

    return dataclasses.replace(
        dependant, query_params=[], call=call, request_param_name=request_name
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
        answering = _with_query_read(documented)
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
