"""``/api/v1/supply/suppliers``: local producers of reagents and equipment; admins register
and verify them, and a supplier's API key is bound to its id."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import Query, Request, Response, status
from pydantic import Field

from clusterkit.app import ReadDep, WriteDep, answer
from clusterkit.auth import require_role
from clusterkit.codes import Region
from clusterkit.errors import Conflict, NotFound
from clusterkit.export import EXPORT_RESPONSES, ExportQuery
from clusterkit.i18n import accepted_language
from clusterkit.pagination import Page
from clusterkit.routing import Router
from supply.domain import Category
from supply.schemas import StatusReason
from supply.suppliers import access, exports, queries, service
from supply.suppliers.rules import SupplierAction, SupplierStatus
from supply.suppliers.schemas import Contact, Supplier, SupplierContact, SupplierRegistration

router = Router(prefix="/api/v1/supply/suppliers", tags=["suppliers"])
ADMIN = [require_role("admin")]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=ADMIN,
    summary="Register a supplier (admin); it starts pending",
)
async def register(body: SupplierRegistration, write: WriteDep) -> Supplier:
    try:
        supplier = await write(service.register_supplier, registration=body)
    except Conflict as conflict:
        if (existing := conflict.details.pop("existing_id", None)) is not None:
            conflict.details["existing"] = f"{router.prefix}/{existing}"
        raise
    return Supplier.model_validate(dict(supplier))


class SupplierQuery(ExportQuery):
    """The suppliers' filters and paging, read from the query string at once."""

    region: Region | None = None
    category: Category | None = None
    is_local: bool | None = None
    status: SupplierStatus | None = Field(None, description="admins only")


@router.get(
    "",
    response_model=Page[Supplier],
    responses=EXPORT_RESPONSES,
    summary="Suppliers: verified ones for everybody, every status for admins (CSV or XLSX "
    "with `format`)",
)
async def list_suppliers(read: ReadDep, query: Annotated[SupplierQuery, Query()]) -> Response:
    filters: dict[str, Any] = {
        "status": access.listed_status(read.caller, query.status),
        "region": query.region,
        "category": query.category,
        "is_local": query.is_local,
    }
    return await read.page_or_file(queries.SUPPLIERS, exports.SUPPLIERS, query, **filters)


@router.get("/{supplier_id}", summary="One supplier")
async def get_supplier(supplier_id: UUID, read: ReadDep) -> Supplier:
    row = await service.supplier(read, supplier_id)
    if not access.may_see(read.caller, supplier_id, row["status"]):
        raise NotFound("supplier")
    return Supplier.model_validate(dict(row))


# The admin's steps on a supplier: ``POST /{supplier_id}/<action>``, each named as its action.
STEPS = {
    SupplierAction.VERIFY: "Verify (admin): a pending supplier, or a suspended one (which "
    "reinstates it)",
    SupplierAction.SUSPEND: "Suspend (admin): it can no longer offer, and its offers cannot be "
    "accepted",
    SupplierAction.REINSTATE: "Reinstate (admin): a suspended supplier is verified again and "
    "trades",
}


def _step(action: SupplierAction, summary: str) -> None:
    async def move(
        supplier_id: UUID, write: WriteDep, body: StatusReason | None = None
    ) -> Supplier:
        reason = body.reason if body else None
        supplier = await write(
            service.move_supplier, supplier_id=supplier_id, action=action, reason=reason
        )
        return Supplier.model_validate(dict(supplier))

    path = f"/{{supplier_id}}/{action.value}"
    router.post(path, dependencies=ADMIN, summary=summary, name=action.value)(move)


for _action, _summary in STEPS.items():
    _step(_action, _summary)


@router.get(
    "/{supplier_id}/contact",
    response_model=SupplierContact,
    summary="Where the supplier's notices go (the supplier itself, admins)",
)
async def get_contact(supplier_id: UUID, read: ReadDep) -> Response:
    found = await service.contact(read, read.caller, supplier_id)
    return answer(SupplierContact.model_validate(dict(found)))


@router.put(
    "/{supplier_id}/contact",
    response_model=SupplierContact,
    summary="Set where the supplier's notices go (the supplier itself, admins)",
)
async def set_contact(
    supplier_id: UUID, body: Contact, write: WriteDep, request: Request
) -> Response:
    stored = await write(
        service.set_contact,
        supplier_id=supplier_id,
        email=body.email,
        language=body.language or accepted_language(request),
    )
    return answer(SupplierContact.model_validate(dict(stored)))
