"""``/api/v1/supply/suppliers``: local producers of reagents and equipment; admins register
and verify them, and a supplier's API key is bound to its id."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Request, Response, status

from clusterkit.app import ReadDep, WriteDep, answer
from clusterkit.auth import CallerDep, require_role
from clusterkit.codes import Region
from clusterkit.errors import Conflict, NotFound
from clusterkit.export import EXPORT_RESPONSES, ExportDep
from clusterkit.i18n import accepted_language
from clusterkit.listing import Cursor, Limit
from clusterkit.pagination import Page
from supply.domain import Category
from supply.schemas import StatusReason
from supply.suppliers import access, exports, queries, service
from supply.suppliers.rules import SupplierAction, SupplierStatus
from supply.suppliers.schemas import Contact, Supplier, SupplierContact, SupplierRegistration

router = APIRouter(prefix="/api/v1/supply/suppliers", tags=["suppliers"])
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


@router.get(
    "",
    response_model=Page[Supplier],
    responses=EXPORT_RESPONSES,
    summary="Suppliers: verified ones for everybody, every status for admins (CSV or XLSX "
    "with `format`)",
)
async def list_suppliers(
    read: ReadDep,
    caller: CallerDep,
    export: ExportDep,
    region: Region | None = None,
    category: Category | None = None,
    is_local: bool | None = None,
    status: Annotated[SupplierStatus | None, Query(description="admins only")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    filters: dict[str, Any] = {
        "status": access.listed_status(caller, status),
        "region": region,
        "category": category,
        "is_local": is_local,
    }
    return await export.page_or_file(
        read, queries.SUPPLIERS, exports.SUPPLIERS, limit=limit, cursor=cursor, **filters
    )


@router.get("/{supplier_id}", summary="One supplier")
async def get_supplier(supplier_id: UUID, read: ReadDep, caller: CallerDep) -> Supplier:
    row = await service.supplier(read, supplier_id)
    if not access.may_see(caller, supplier_id, row["status"]):
        raise NotFound("supplier")
    return Supplier.model_validate(dict(row))


async def _move(
    write: WriteDep, supplier_id: UUID, action: SupplierAction, body: StatusReason | None
) -> Supplier:
    supplier = await write(
        service.move_supplier,
        supplier_id=supplier_id,
        action=action,
        reason=body.reason if body else None,
    )
    return Supplier.model_validate(dict(supplier))


@router.post(
    "/{supplier_id}/verify",
    dependencies=ADMIN,
    summary="Verify (admin): a pending supplier, or a suspended one (which reinstates it)",
)
async def verify(supplier_id: UUID, write: WriteDep, body: StatusReason | None = None) -> Supplier:
    return await _move(write, supplier_id, SupplierAction.VERIFY, body)


@router.post(
    "/{supplier_id}/suspend",
    dependencies=ADMIN,
    summary="Suspend (admin): it can no longer offer, and its offers cannot be accepted",
)
async def suspend(supplier_id: UUID, write: WriteDep, body: StatusReason | None = None) -> Supplier:
    return await _move(write, supplier_id, SupplierAction.SUSPEND, body)


@router.post(
    "/{supplier_id}/reinstate",
    dependencies=ADMIN,
    summary="Reinstate (admin): a suspended supplier is verified again and trades",
)
async def reinstate(
    supplier_id: UUID, write: WriteDep, body: StatusReason | None = None
) -> Supplier:
    return await _move(write, supplier_id, SupplierAction.REINSTATE, body)


@router.get(
    "/{supplier_id}/contact",
    response_model=SupplierContact,
    summary="Where the supplier's notices go (the supplier itself, admins)",
)
async def get_contact(supplier_id: UUID, read: ReadDep, caller: CallerDep) -> Response:
    found = await service.contact(read, caller, supplier_id)
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
