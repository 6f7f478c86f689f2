"""``/api/v1/supply/suppliers``: local producers of reagents and equipment; admins register
and verify them, and a supplier's API key is bound to its id."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from clusterkit.app import ReadDep, WriteDep
from clusterkit.auth import CallerDep, require_role
from clusterkit.codes import Region
from clusterkit.errors import Conflict, NotFound
from clusterkit.listing import Cursor, Limit
from clusterkit.pagination import Page
from supply.domain import Category
from supply.schemas import StatusReason
from supply.suppliers import access, queries, service
from supply.suppliers.rules import SupplierStatus
from supply.suppliers.schemas import Supplier, SupplierRegistration

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
    summary="Suppliers: verified ones for everybody, every status for admins",
)
async def list_suppliers(
    read: ReadDep,
    caller: CallerDep,
    region: Region | None = None,
    category: Category | None = None,
    is_local: bool | None = None,
    status: Annotated[SupplierStatus | None, Query(description="admins only")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Response:
    return await queries.SUPPLIERS.page(
        read,
        limit=limit,
        cursor=cursor,
        status=access.listed_status(caller, status),
        region=region,
        category=category,
        is_local=is_local,
    )


@router.get("/{supplier_id}", summary="One supplier")
async def get_supplier(supplier_id: UUID, read: ReadDep, caller: CallerDep) -> Supplier:
    row = await service.supplier(read, supplier_id)
    if not access.may_see(caller, supplier_id, row["status"]):
        raise NotFound("supplier")
    return Supplier.model_validate(dict(row))


async def _move(
    write: WriteDep, supplier_id: UUID, to: SupplierStatus, body: StatusReason | None
) -> Supplier:
    supplier = await write(
        service.move_supplier,
        supplier_id=supplier_id,
        to=to,
        reason=body.reason if body else None,
    )
    return Supplier.model_validate(dict(supplier))


@router.post("/{supplier_id}/verify", dependencies=ADMIN, summary="Verify (admin)")
async def verify(supplier_id: UUID, write: WriteDep, body: StatusReason | None = None) -> Supplier:
    return await _move(write, supplier_id, SupplierStatus.VERIFIED, body)


@router.post(
    "/{supplier_id}/suspend",
    dependencies=ADMIN,
    summary="Suspend (admin): it can no longer offer, and its offers cannot be accepted",
)
async def suspend(supplier_id: UUID, write: WriteDep, body: StatusReason | None = None) -> Supplier:
    return await _move(write, supplier_id, SupplierStatus.SUSPENDED, body)
