"""``/api/v1/supply/suppliers``: local producers of reagents and equipment; admins register
and verify them, and a supplier's API key is bound to its id."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, status
from sqlalchemy import select, tuple_

from clusterkit.auth import CallerDep, require_role
from clusterkit.codes import Region
from clusterkit.errors import NotFound
from clusterkit.legacy import ReaderDep, UnitOfWorkDep
from clusterkit.pagination import Page, decode_cursor, encode_cursor
from supply import service
from supply.api.schemas import StatusReason, Supplier, SupplierRegistration
from supply.domain import Category, SupplierStatus
from supply.models import suppliers

router = APIRouter(prefix="/api/v1/supply/suppliers", tags=["suppliers"])
ADMIN = [require_role("admin")]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Supplier,
    dependencies=ADMIN,
    summary="Register a supplier (admin); it starts pending",
)
async def register(body: SupplierRegistration, uow: UnitOfWorkDep) -> Supplier:
    supplier = await service.register_supplier(uow.session, body.model_dump(mode="json"))
    await uow.commit()
    return Supplier.model_validate(supplier)


@router.get(
    "",
    response_model=Page[Supplier],
    summary="Suppliers: verified ones for everybody, every status for admins",
)
async def list_suppliers(
    session: ReaderDep,
    caller: CallerDep,
    region: Region | None = None,
    category: Category | None = None,
    is_local: bool | None = None,
    status: Annotated[SupplierStatus | None, Query(description="admins only")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=300)] = None,
) -> Page[Supplier]:
    s = suppliers.c
    query = select(suppliers).order_by(s.legal_name, s.id).limit(limit + 1)
    if not caller.is_admin:
        query = query.where(s.status == SupplierStatus.VERIFIED)
    elif status:
        query = query.where(s.status == status)
    if region:
        query = query.where(s.region == region)
    if category:
        query = query.where(s.categories.contains([category.value]))
    if is_local is not None:
        query = query.where(s.is_local == is_local)
    if cursor:
        name, last = decode_cursor(cursor, str, UUID)
        query = query.where(tuple_(s.legal_name, s.id) > (name, last))
    rows = (await session.execute(query)).all()
    page = [Supplier.model_validate(row._mapping) for row in rows[:limit]]
    more = len(rows) > limit
    return Page(
        items=page, next_cursor=encode_cursor(page[-1].legal_name, page[-1].id) if more else None
    )


@router.get("/{supplier_id}", response_model=Supplier, summary="One supplier")
async def get_supplier(supplier_id: UUID, session: ReaderDep, caller: CallerDep) -> Supplier:
    row = (
        await session.execute(select(suppliers).where(suppliers.c.id == supplier_id))
    ).one_or_none()
    own = caller.role == "supplier" and caller.organisation_id == str(supplier_id)
    if row is None or not (row.status == SupplierStatus.VERIFIED or caller.is_admin or own):
        raise NotFound("supplier")
    return Supplier.model_validate(row._mapping)


async def _set(
    uow: UnitOfWorkDep, supplier_id: UUID, to: SupplierStatus, reason: str | None
) -> Supplier:
    supplier = await service.set_supplier_status(uow.session, supplier_id, to, reason)
    await uow.commit()
    return Supplier.model_validate(supplier)


@router.post(
    "/{supplier_id}/verify", response_model=Supplier, dependencies=ADMIN, summary="Verify (admin)"
)
async def verify(
    supplier_id: UUID, uow: UnitOfWorkDep, body: StatusReason | None = None
) -> Supplier:
    return await _set(uow, supplier_id, SupplierStatus.VERIFIED, body.reason if body else None)


@router.post(
    "/{supplier_id}/suspend",
    response_model=Supplier,
    dependencies=ADMIN,
    summary="Suspend (admin): it can no longer offer, and its offers cannot be accepted",
)
async def suspend(
    supplier_id: UUID, uow: UnitOfWorkDep, body: StatusReason | None = None
) -> Supplier:
    return await _set(uow, supplier_id, SupplierStatus.SUSPENDED, body.reason if body else None)
